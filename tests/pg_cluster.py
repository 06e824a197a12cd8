"""A throwaway PostgreSQL 15 + PostGIS 3 cluster in a temporary folder, for the tests and the benchmarks.

    with PgCluster() as cluster:
        url = cluster.new_database("x")          # postgresql://postgres@/x?host=/tmp/...&port=...
        reader = url_for_role(url, READER_ROLE)  # the same database as plan_reader

The cluster listens only on a unix socket inside its own folder (listen_addresses=''), trusts local
connections (that socket, and loopback should anyone turn TCP on) and runs with fsync off: nothing in it
outlives the `with` block, which stops it (pg_ctl stop -m immediate) and deletes the folder, also on failure.

PostgreSQL refuses to run as root. As root (CI, containers) initdb and the server run as the `postgres`
system user (or `nobody`) through runuser, in a folder that user owns under a world-traversable temp dir.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
from psycopg import sql

PG_VERSION = "15"
SUPERUSER = "postgres"  # the bootstrap superuser, whatever the operating-system user is
EDITOR_ROLE = "plan_editor"
READER_ROLE = "plan_reader"
TEMPLATE = "template_postgis"  # CREATE EXTENSION postgis once; a copy of it takes 45 ms instead of 360 ms
SERVER_SETTINGS = {
    "listen_addresses": "''",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "wal_level": "minimal",
    "max_wal_senders": "0",
    "shared_buffers": "32MB",
    "max_connections": "60",  # bench/team_bench.py: 10 clients, plus the tests' own connections
}
RUN_AS_CANDIDATES = ("postgres", "nobody")
SOCKET_PATH_LIMIT = 100  # sun_path holds 107 bytes; the socket is <folder>/.s.PGSQL.<port>


class PgUnavailable(RuntimeError):
    """PostgreSQL 15 or PostGIS 3 is not installed here."""


def find_bindir() -> Path:
    """The PostgreSQL 15 programs: $PG_BINDIR, Debian's /usr/lib/postgresql/15/bin, or `pg_config --bindir`."""
    candidates = [os.environ.get("PG_BINDIR", ""), f"/usr/lib/postgresql/{PG_VERSION}/bin"]
    pg_config = shutil.which("pg_config")
    if pg_config:
        result = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        candidates.append(result.stdout.strip())
    candidates = list(dict.fromkeys(filter(None, candidates)))
    for candidate in candidates:
        bindir = Path(candidate)
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file() and _major(bindir) == PG_VERSION:
            return bindir
    raise PgUnavailable(
        f"PostgreSQL {PG_VERSION} is not installed (no initdb in {', '.join(candidates)}). "
        f"Install it: apt-get install postgresql-{PG_VERSION} postgresql-{PG_VERSION}-postgis-3"
    )


def _major(bindir: Path) -> str:
    result = subprocess.run([bindir / "pg_ctl", "--version"], capture_output=True, text=True, check=False)
    return result.stdout.split()[-1].split(".")[0] if result.returncode == 0 and result.stdout else ""


def _check_postgis(bindir: Path) -> None:
    result = subprocess.run([bindir / "pg_config", "--sharedir"], capture_output=True, text=True, check=False)
    sharedir = Path(result.stdout.strip() or f"/usr/share/postgresql/{PG_VERSION}")
    if not (sharedir / "extension" / "postgis.control").is_file():
        raise PgUnavailable(
            f"PostGIS is not installed for PostgreSQL {PG_VERSION} (no {sharedir}/extension/postgis.control). "
            f"Install it: apt-get install postgresql-{PG_VERSION}-postgis-3"
        )


def _free_port() -> int:
    """A port no one listens on, so the socket and lock file names clash with no other cluster's."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run_as_user() -> str | None:
    """The unprivileged user to run PostgreSQL as when we are root; None when we are not."""
    if os.geteuid() != 0:
        return None
    for name in RUN_AS_CANDIDATES:
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise PgUnavailable(f"Running as root and none of the users {', '.join(RUN_AS_CANDIDATES)} exists to run "
                        "PostgreSQL as (it refuses root). Create one: useradd --system postgres")


def _temp_parent(shared: bool) -> str:
    """Where the cluster's folder goes: the usual temp dir, unless another user could not reach it or the
    socket path would be too long; then /tmp."""
    parent = tempfile.gettempdir()
    if len(parent) > SOCKET_PATH_LIMIT - 40:
        return "/tmp"
    if shared:
        path = Path(parent).resolve()
        if not all(os.stat(p).st_mode & 0o001 for p in (path, *path.parents)):
            return "/tmp"
    return parent


def url_for_role(url: str, user: str) -> str:
    """The same database URL, logging in as another role."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{quote(user, safe='')}@{host}"))


class PgCluster:
    """One throwaway cluster; use it as a context manager (or call start() and stop())."""

    def __init__(self) -> None:
        self.bindir = find_bindir()
        _check_postgis(self.bindir)
        self.run_as = _run_as_user()
        self.folder: Path | None = None
        self.port = 0

    @property
    def socket_dir(self) -> Path:
        if self.folder is None:
            raise RuntimeError("The cluster is not started")
        return self.folder

    @property
    def data_dir(self) -> Path:
        return self.socket_dir / "data"

    def url(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        """A libpq URL for psycopg.connect(): the socket folder and port go in the query string."""
        host = quote(str(self.socket_dir), safe="/")
        return f"postgresql://{quote(user, safe='')}@/{quote(dbname, safe='')}?host={host}&port={self.port}"

    def start(self) -> PgCluster:
        self.folder = Path(tempfile.mkdtemp(prefix="plan-map-pg-", dir=_temp_parent(self.run_as is not None)))
        try:
            self.folder.chmod(0o755)
            if self.run_as is not None:
                entry = pwd.getpwnam(self.run_as)
                os.chown(self.folder, entry.pw_uid, entry.pw_gid)
            self.port = _free_port()
            self._pg("initdb", "-D", str(self.data_dir), "-U", SUPERUSER, "-E", "UTF8", "--locale=C.UTF-8",
                     "-A", "trust", "--no-sync", "--no-instructions")
            settings = {**SERVER_SETTINGS, "port": str(self.port), "unix_socket_directories": f"'{self.folder}'"}
            with (self.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
                conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
            self._pg("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data_dir),
                     "-l", str(self.folder / "server.log"))
            self._bootstrap()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop the server without a checkpoint (nothing is kept) and delete the folder."""
        if self.folder is None:
            return
        if (self.data_dir / "postmaster.pid").exists():
            self._pg("pg_ctl", "stop", "-m", "immediate", "-w", "-D", str(self.data_dir), check=False)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None

    def stop_server(self) -> None:
        """Stop the server as an administrator restarting it would (its data stays): clients lose their
        connections. `start_server` brings it back."""
        self._pg("pg_ctl", "stop", "-m", "fast", "-w", "-D", str(self.data_dir))

    def start_server(self) -> None:
        self._pg("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data_dir),
                 "-l", str(self.folder / "server.log"))

    def __enter__(self) -> PgCluster:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    def new_database(self, name: str) -> str:
        """A fresh database with PostGIS, owned by the superuser; returns its URL (superuser login)."""
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(TEMPLATE)))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop a database, closing any connection a test left open on it."""
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def _bootstrap(self) -> None:
        with psycopg.connect(self.url(), autocommit=True) as admin:
            for role in (EDITOR_ROLE, READER_ROLE):
                admin.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
            admin.execute(sql.SQL("CREATE DATABASE {} IS_TEMPLATE true").format(sql.Identifier(TEMPLATE)))
        with psycopg.connect(self.url(TEMPLATE), autocommit=True) as template:
            template.execute("CREATE EXTENSION postgis")

    def _pg(self, program: str, *args: str, check: bool = True) -> None:
        command = [str(self.bindir / program), *args]
        if self.run_as is not None:
            command = ["runuser", "-u", self.run_as, "--", *command]
        result = subprocess.run(command, cwd=self.folder, capture_output=True, text=True, check=False)
        if check and result.returncode != 0:
            log = self.socket_dir / "server.log"
            tail = log.read_text(encoding="utf-8", errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{program} failed ({result.returncode}): {result.stderr.strip()}\n{tail}".strip())
