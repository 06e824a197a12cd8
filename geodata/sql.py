"""The one place SQL names a table or column it was not written with: quoting, and the schema lookups.

Table and column names that come from data (an imported layer, a user's label field, a GeoPackage's
geometry column) are never pasted into SQL as they are: `quoted` makes any of them one identifier, and
callers that take a name from a user check it against `table_columns` first.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class GeometryColumn:
    """A feature table's entry in gpkg_geometry_columns."""

    name: str  # the geometry column, usually "geom"
    geometry_type: str  # POINT, MULTIPOLYGON, GEOMETRY, ...


def quoted(identifier: str) -> str:
    """`identifier` as one SQL identifier: inside double quotes, with any double quote doubled.
    SQLite cuts a statement at NUL, so a name containing one cannot be quoted and is refused."""
    if "\x00" in identifier:
        raise ValueError(f"a table or column name cannot contain NUL: {identifier!r}")
    return '"' + identifier.replace('"', '""') + '"'


def geometry_column(db: sqlite3.Connection, table: str) -> GeometryColumn | None:
    """The geometry column of a GeoPackage feature table; None when `table` is not one."""
    row = db.execute(
        "SELECT column_name, geometry_type_name FROM gpkg_geometry_columns WHERE table_name = ?", (table,)
    ).fetchone()
    return GeometryColumn(*row) if row else None


def table_columns(db: sqlite3.Connection, table: str) -> list[str]:
    """The column names of `table` in their order; empty when there is no such table."""
    return [row[0] for row in db.execute("SELECT name FROM pragma_table_info(?) ORDER BY cid", (table,))]


def primary_key(db: sqlite3.Connection, table: str) -> list[str]:
    """The primary key columns of `table` (GDAL's `fid` in a feature table)."""
    rows = db.execute("SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", (table,))
    return [row[0] for row in rows]
