"""Where a store lives: a GeoPackage file on this machine (the default) or a PostgreSQL/PostGIS database an
office shares (team mode). `--store` and 文件 → 连接数据库… take either; this module tells them apart.

A database is named by a libpq URL, `postgresql://user@host:5432/db`. The password comes from PGPASSWORD or
the user's pgpass file, as for every libpq program; a password written into the URL is used for this run but
never shown or saved (`PostgresAddress.shown` leaves it out).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

URL_SCHEMES = ("postgresql", "postgres")


@dataclass(frozen=True)
class PostgresAddress:
    """A PostgreSQL database holding a store."""

    url: str

    @property
    def shown(self) -> str:
        """The URL without its password: for messages, the title bar and the settings file."""
        parts = urlsplit(self.url)
        if parts.password is None:
            return self.url
        host = parts.hostname or ""
        netloc = f"{parts.username}@{host}" if parts.username else host
        if parts.port:
            netloc += f":{parts.port}"
        return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))

    @property
    def database(self) -> str:
        return urlsplit(self.url).path.lstrip("/") or "(default)"

    def __str__(self) -> str:
        return self.shown


StoreAddress = Path | PostgresAddress


def is_postgres_url(text: str) -> bool:
    scheme, _, rest = str(text).partition("://")
    return bool(rest) and scheme.lower() in URL_SCHEMES


def store_address(value: str | Path | PostgresAddress) -> StoreAddress:
    """`value` as a store address: a PostgreSQL URL becomes a PostgresAddress, anything else a path."""
    if isinstance(value, PostgresAddress):
        return value
    if isinstance(value, Path):
        return value
    text = str(value).strip()
    if is_postgres_url(text):
        parts = urlsplit(text)
        if not parts.path.strip("/") and "dbname=" not in parts.query:
            raise ValueError(f"{PostgresAddress(text).shown} names no database. Write it as "
                             "postgresql://USER@HOST:5432/DATABASE")
        return PostgresAddress(text)
    return Path(value).expanduser()


def is_postgres(store: StoreAddress) -> bool:
    return isinstance(store, PostgresAddress)
