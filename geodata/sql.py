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


def quoted_list(identifiers) -> str:
    """Several identifiers, each quoted, separated by commas (a column list)."""
    return ", ".join(quoted(name) for name in identifiers)


def select_sql(table: str, columns) -> str:
    """SELECT of `columns` from `table`, both quoted; append a WHERE with bound values."""
    return f"SELECT {quoted_list(columns)} FROM {quoted(table)}"


def insert_sql(table: str, columns) -> str:
    """INSERT of one row of `columns` into `table`, its values bound (`?` each)."""
    columns = list(columns)
    return f"INSERT INTO {quoted(table)} ({quoted_list(columns)}) VALUES ({', '.join('?' * len(columns))})"


RTREE_MEETS = "minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?"  # bind east, west, north, south


def rtree_table(table: str, column: str, part: str = "") -> str:
    """The R-tree GDAL keeps for a GeoPackage layer's geometry column (or its `part`: "_node", "_parent",
    "_rowid"), quoted."""
    return quoted(f"rtree_{table}_{column}{part}")


def rtree_boxes_sql(table: str, column: str) -> str:
    """The R-tree's entries (id, minx, maxx, miny, maxy) that meet a box, bound as in RTREE_MEETS."""
    return f"SELECT id, minx, maxx, miny, maxy FROM {rtree_table(table, column)} WHERE {RTREE_MEETS}"


def rtree_nodes_sql(table: str, column: str, *, leaves: bool) -> str:
    """The R-tree's node blobs: its leaves (`leaves`), or its root."""
    nodes = rtree_table(table, column, "_node")
    if not leaves:
        return f"SELECT data FROM {nodes} WHERE nodeno = 1"
    parents = rtree_table(table, column, "_parent")
    return f"SELECT data FROM {nodes} WHERE nodeno NOT IN (SELECT parentnode FROM {parents})"


def postgis_boxes_sql(table: str, column: str, where: str) -> str:
    """fid and bounds (xmin, xmax, ymin, ymax) of a database layer's features that meet `where` (a condition
    with bound values, from feature_queries.box_filter)."""
    return (f"SELECT fid, ST_XMin(b), ST_XMax(b), ST_YMin(b), ST_YMax(b) FROM (SELECT fid, Box2D({quoted(column)}) "
            f"AS b FROM {quoted(table)} WHERE {where}) boxes")


def postgis_extent_sql(table: str, column: str) -> str:
    """The extent (xmin, ymin, xmax, ymax) of a database layer's features; NULLs when it is empty."""
    return (f"SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent({quoted(column)}) AS e "
            f"FROM {quoted(table)}) extent")


def row_count(db: sqlite3.Connection, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {quoted(table)}").fetchone()[0]


def value_by_id(db: sqlite3.Connection, table: str, column: str, feature_id: str) -> tuple | None:
    """The first row of a feature table with this `id`, as a one-value tuple of `column`; None if none."""
    return db.execute(f"{select_sql(table, [column])} WHERE id = ? LIMIT 1", (feature_id,)).fetchone()


def is_postgres(db: object) -> bool:
    """Whether `db` is a database store's connection (geodata/postgres.py) rather than a GeoPackage's."""
    return getattr(db, "dialect", "sqlite") == "postgres"


def geometry_column(db: sqlite3.Connection, table: str) -> GeometryColumn | None:
    """The geometry column of a feature table (GeoPackage or PostGIS); None when `table` is not one."""
    if is_postgres(db):
        row = db.execute("SELECT f_geometry_column, type FROM geometry_columns "
                         "WHERE f_table_schema = current_schema() AND f_table_name = ?", (table,)).fetchone()
    else:
        row = db.execute(
            "SELECT column_name, geometry_type_name FROM gpkg_geometry_columns WHERE table_name = ?", (table,)
        ).fetchone()
    return GeometryColumn(*row) if row else None


def geometry_value(db: sqlite3.Connection, column: str) -> str:
    """The SQL that reads a geometry column as the bytes `geometry_from_store` decodes: the GeoPackage
    blob as stored, or PostGIS geometry as WKB. `column` is quoted here."""
    return f"ST_AsBinary({quoted(column)})" if is_postgres(db) else quoted(column)


def table_columns(db: sqlite3.Connection, table: str) -> list[str]:
    """The column names of `table` in their order; empty when there is no such table."""
    if is_postgres(db):
        rows = db.execute("SELECT column_name FROM information_schema.columns "
                          "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
                          (table,))
        return [row[0] for row in rows]
    return [row[0] for row in db.execute("SELECT name FROM pragma_table_info(?) ORDER BY cid", (table,))]


def primary_key(db: sqlite3.Connection, table: str) -> list[str]:
    """The primary key columns of `table` (GDAL's `fid` in a feature table)."""
    if is_postgres(db):
        rows = db.execute(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
            "AND a.attnum = ANY(i.indkey) WHERE i.indisprimary AND i.indrelid = to_regclass(?) "
            "ORDER BY array_position(i.indkey, a.attnum)", (quoted(table),))
        return [row[0] for row in rows]
    rows = db.execute("SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", (table,))
    return [row[0] for row in rows]


def has_table(db: sqlite3.Connection, name: str) -> bool:
    """Whether the store has a table (or view) of that name."""
    if is_postgres(db):
        return db.execute("SELECT to_regclass(?) IS NOT NULL", (quoted(name),)).fetchone()[0]
    return db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None
