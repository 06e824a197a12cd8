"""A PostgreSQL connection with the small sqlite3-like surface the store code uses, so one query serves both
backends: `?` placeholders, `execute` returning a cursor to fetch from, `executescript`, commit/rollback.

Queries are written in the SQL both databases speak (UPSERT with ON CONFLICT, IS NOT DISTINCT FROM, "end"
quoted); what differs (geometry, search, the catalogue) is asked through geodata/sql.py, which looks at
`dialect`. psycopg 3 is imported only when a database store is opened.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from geodata.errors import StoreUnreachable
from geodata.store_address import PostgresAddress

CONNECT_TIMEOUT_S = 10
# A network that silently drops packets would block a read until the kernel gives up (~15 min): libpq's TCP
# keepalives and user timeout end it in about 25 s as a lost connection, which the window offers to retry.
NETWORK_OPTIONS = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3,
                   "tcp_user_timeout": 25_000}
APPLICATION_NAME = "plan-map"


@functools.lru_cache(maxsize=4096)
def postgres_sql(sql: str) -> str:
    """`sql` with sqlite3's `?` placeholders as psycopg's `%s`, and literal `%` doubled; string literals
    and quoted names are left as they are."""
    out: list[str] = []
    quote = ""
    for ch in sql:
        if quote:
            out.append("%%" if ch == "%" else ch)
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


class PgConnection:
    """One connection to a database store. Reads run in autocommit (no idle transactions left open on the
    server); `transaction()` groups writes, committed at the end of the block, rolled back on any error."""

    dialect = "postgres"

    def __init__(self, raw: Any, address: PostgresAddress) -> None:
        self.raw = raw
        self.address = address

    def execute(self, sql: str, params: Sequence[Any] | None = ()) -> Any:
        cursor = self.raw.cursor()
        if params:
            cursor.execute(postgres_sql(sql), tuple(params))
        else:
            cursor.execute(sql)
        return cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        cursor = self.raw.cursor()
        cursor.executemany(postgres_sql(sql), [tuple(row) for row in rows])
        return cursor

    def executescript(self, script: str) -> None:
        """Several statements with no parameters, as sqlite3's executescript."""
        self.raw.execute(script)

    def commit(self) -> None:
        self.raw.commit()

    def rollback(self) -> None:
        self.raw.rollback()

    def close(self) -> None:
        self.raw.close()

    @contextmanager
    def transaction(self) -> Iterator[PgConnection]:
        with self.raw.transaction():
            yield self

    def __enter__(self) -> PgConnection:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if not self.raw.autocommit:
            if error is None:
                self.raw.commit()
            else:
                self.raw.rollback()


def open_connection(address: PostgresAddress, *, read_only: bool) -> PgConnection:
    """A connection to the database at `address`; a StoreError that says what to check when the server
    cannot be reached or refuses the login."""
    import psycopg

    try:
        raw = psycopg.connect(address.url, connect_timeout=CONNECT_TIMEOUT_S, application_name=APPLICATION_NAME,
                              autocommit=read_only, **NETWORK_OPTIONS)
    except psycopg.Error as error:
        raise StoreUnreachable(connection_failed(address, error)) from None
    if read_only:
        raw.execute("SET default_transaction_read_only = on")
    return PgConnection(raw, address)


def connection_failed(address: PostgresAddress, error: BaseException) -> str:
    reason = " ".join(str(error).split()) or type(error).__name__
    return (f"Cannot reach the database store {address.shown}: {reason}. Check that the server is running and "
            "the address is right; the password comes from PGPASSWORD or ~/.pgpass (never from this program's "
            "settings). Then try again.")


def is_connection_error(error: BaseException) -> bool:
    """A lost or refused connection (server down, restarted, network gone), as opposed to a bad query or a
    deadlock or lock timeout, which psycopg also reports as OperationalError: those carry a SQLSTATE outside
    the connection (08) and shutdown (57P) classes."""
    try:
        import psycopg
    except ImportError:
        return False
    state = getattr(error, "sqlstate", None)
    return isinstance(error, psycopg.OperationalError) and (state is None or state.startswith(("08", "57P")))


def is_permission_error(error: BaseException) -> bool:
    """The role may not do this (a read-only role writing)."""
    try:
        import psycopg.errors
    except ImportError:
        return False
    return isinstance(error, (psycopg.errors.InsufficientPrivilege, psycopg.errors.ReadOnlySqlTransaction))
