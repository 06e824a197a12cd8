"""`plan-map copy URL FILE.gpkg`: a whole store from a PostgreSQL/PostGIS database into a GeoPackage.

The GeoPackage is made the way geodata/build.py makes one, so the program, GDAL and QGIS read it like a
built store: feature layers written through GDAL (pyogrio), registered in gpkg_contents with their R-trees;
the plan tables from PLAN_SCHEMA and the user tables from user_data; the full-text indexes and the
place-name index rebuilt from the rows. Feature ids (`fid`) and every plain table's rows are kept as they
are. The database's own search index (geodata/pg_search.py) stays out, as does any table the store does not
list (store_meta 'database_tables'): the listed tables, the feature layers and store_meta are copied.

Everything is read in one snapshot (REPEATABLE READ), so edits made meanwhile are either all in the copy or
all not. The file is written beside the target under a working name and moved over it at the end: the
target appears whole or not at all.

This module must not import geodata.store_copy, which imports it (the copy in the other direction).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geodata.errors import StoreError
from geodata.pg_search import SEARCH_TABLES
from geodata.progress import Progress
from geodata.sql import geometry_column, insert_sql, primary_key, quoted, quoted_list, table_columns
from geodata.store import PLAN_SCHEMA, char_tokens, connect, writable_folder
from geodata.store_address import PostgresAddress
from geodata.store_lock import disk_full, is_disk_full, working_copy_of, writer_lock

READ_BATCH_ROWS = 5000
LAYER_CHUNK_ROWS = 50_000  # rows of a feature layer GDAL writes at once
COPIED_TABLES_KEY = "database_tables"  # store_meta: the tables the database's store holds (a replacing copy drops them)
GENERATION_KEY = "generation"  # store_meta: bumped by each round trip (geodata/round_trip.py)
DATABASE_ONLY_META = (COPIED_TABLES_KEY, GENERATION_KEY)  # store_meta rows that mean nothing in a GeoPackage
GDAL_ASPATIAL = ("INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) "
                 "VALUES (NULL, NULL, 'gdal_aspatial', 'http://gdal.org/geopackage_aspatial.html', 'read-write')")
SQLITE_TYPES = {"bigint": "INTEGER", "integer": "INTEGER", "smallint": "INTEGER", "boolean": "INTEGER",
                "double precision": "REAL", "real": "REAL", "numeric": "REAL", "bytea": "BLOB"}


class CopyCancelled(StoreError):
    """The user stopped a copy (either way); nothing was written."""


@dataclass(frozen=True)
class CopyReport:
    """What a copy between the backends moved (geodata/store_copy.py one way, this module the other)."""

    tables: int
    feature_layers: int
    rows: int


def copy_into_geopackage(source: PostgresAddress, target: Path, *, replace: bool = False,
                         progress: Progress | None = None) -> CopyReport:
    """The store in the database `source` as a GeoPackage at `target`; an existing file is replaced only
    with `replace`."""
    target = Path(target)
    if target.exists() and not replace:
        raise StoreError(f"{target} already exists. To overwrite it, copy again with --replace, or name "
                         "another file.")
    with connect(source) as db, snapshot(db):
        return write_geopackage(db, target, replace=replace, progress=progress)


@contextmanager
def snapshot(db: Any) -> Iterator[None]:
    """One read-only REPEATABLE READ transaction on a database connection: every query in the block sees
    the store as it was when the block began."""
    import psycopg

    db.raw.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    try:
        with db.raw.transaction():
            yield
    finally:
        db.raw.isolation_level = None


def write_geopackage(db: Any, target: Path, *, replace: bool, progress: Progress | None = None) -> CopyReport:
    """The store read through the database connection `db` (inside a `snapshot`) written to `target`,
    all or nothing."""
    target = Path(target)
    writable_folder(target)
    with writer_lock(target), working_copy_of(target, "building") as working:
        try:
            report = _write(db, working, progress)
            if target.exists() and not replace:
                raise StoreError(f"{target} was created while the copy ran; nothing was written. Copy again "
                                 "with --replace to overwrite it.")
            os.replace(working, target)
        except StoreError:
            raise
        except Exception as error:
            if is_disk_full(error):
                raise disk_full(target, error) from error
            if isinstance(error, (OSError, sqlite3.Error)):
                raise StoreError(f"Could not write {target}: {error}. Nothing was written.") from error
            raise
    return report


def store_tables(db: Any) -> tuple[list[str], list[str]]:
    """The plain tables and the feature layers of the database's store, each sorted by name. The user
    tables count even when unlisted: an edit makes the audit and version tables a store copied in lacked."""
    from geodata.user_data import USER_TABLES

    row = db.execute("SELECT value FROM store_meta WHERE key = ?", (COPIED_TABLES_KEY,)).fetchone()
    listed = set(json.loads(row[0])) if row else set()
    present = {r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}
    layers = {r[0] for r in db.execute("SELECT f_table_name FROM geometry_columns "
                                       "WHERE f_table_schema = current_schema()")} & present
    plain = ((listed | {"store_meta", *USER_TABLES}) & present) - layers - set(SEARCH_TABLES)
    return sorted(plain), sorted(layers)


def _write(db: Any, path: Path, progress: Progress | None) -> CopyReport:
    from geodata import search
    from geodata.place_register import PLACE_SCHEMA
    from geodata.user_data import ensure_user_tables

    plain, layers = store_tables(db)
    steps = len(plain) + len(layers) + 1

    def step(done: int) -> None:
        if progress is not None and progress(done, steps) is False:
            raise CopyCancelled("The copy was cancelled; no file was written.")

    rows = 0
    for number, layer in enumerate(layers):
        step(number)
        rows += _write_layer(db, path, layer)
    with closing(sqlite3.connect(path)) as out, out:
        out.executescript(PLAN_SCHEMA)
        out.execute(GDAL_ASPATIAL)  # GDAL lists only the registered tables: the feature layers
        ensure_user_tables(out)
        if "place_register" in plain:
            out.executescript(PLACE_SCHEMA)
        for number, table in enumerate(plain, start=len(layers)):
            step(number)
            if table in search.NAME_INDEX_TABLES:
                continue  # rebuilt below from the layers, with its full-text tables
            rows += _write_table(db, out, table)
        for layer in layers:
            _copy_indexes(db, out, layer)  # an imported layer's (linking.index_layer) among them
        step(steps - 1)
        out.execute("INSERT INTO passages_fts (passages_fts) VALUES ('rebuild')")
        passages = out.execute("SELECT id, text FROM passages").fetchall()
        out.executemany("INSERT INTO passages_chars (rowid, chars, pairs) VALUES (?, ?, ?)",
                        ((pid, *char_tokens(text)) for pid, text in passages))
        if "place_names" in plain:
            search.index_names(out)
    return CopyReport(len(plain) + len(layers), len(layers), rows)


def _read(db: Any, table: str, columns: list[str], order: list[str]) -> Iterator[list[tuple]]:
    """The rows of `table` in batches, through a server-side cursor (a large layer is not held twice)."""
    select = ", ".join(columns)
    order_by = f" ORDER BY {quoted_list(order)}" if order else ""
    with db.raw.cursor(name="copy_back") as cursor:
        cursor.execute(f"SELECT {select} FROM {quoted(table)}{order_by}")
        while batch := cursor.fetchmany(READ_BATCH_ROWS):
            yield batch


def _write_layer(db: Any, path: Path, layer: str) -> int:
    """One feature layer through GDAL, as build.py writes them: same columns, same fids, EPSG:4326.

    Written in chunks (a city's parcels are never all in memory twice) when the fids run without gaps, as
    every build and import writes them: GDAL takes a `fid` column as the fids only when it creates the
    layer, so the first chunk carries them and the next ones get the following numbers from the GeoPackage.
    A layer with gaps is written at once. Feature layers have no binary columns (an import writes a file's
    binary attributes as text), which GDAL could not write from here."""
    import geopandas as gpd
    import pandas as pd
    import pyogrio
    import shapely

    from geodata.user_data import GEOMETRY_TYPE_NAMES

    geometry = geometry_column(db, layer)
    types = _column_types(db, layer)
    columns = [c for c in table_columns(db, layer) if c != geometry.name]
    keys = primary_key(db, layer)
    selected = [quoted(c) for c in columns] + [f"ST_AsBinary({quoted(geometry.name)})"]
    size = LAYER_CHUNK_ROWS if _fids_without_gaps(db, layer, keys) else None
    written = 0
    for chunk in _chunks(_read(db, layer, selected, keys), size):
        data = {column: pd.Series([r[i] for r in chunk], dtype=_pandas_type(types[column]))
                for i, column in enumerate(columns) if not (written and [column] == keys)}
        frame = gpd.GeoDataFrame(data, geometry=list(shapely.from_wkb([r[-1] for r in chunk])), crs="EPSG:4326")
        pyogrio.write_dataframe(frame, path, layer=layer, driver="GPKG", append=written > 0,
                                geometry_type=GEOMETRY_TYPE_NAMES.get(geometry.geometry_type.upper(), "Unknown"))
        written += len(chunk)
    return written


def _fids_without_gaps(db: Any, layer: str, keys: list[str]) -> bool:
    if len(keys) != 1:
        return False
    count, first, last = db.execute(f"SELECT count(*), min({quoted(keys[0])}), max({quoted(keys[0])}) "
                                    f"FROM {quoted(layer)}").fetchone()
    return count == 0 or last - first + 1 == count


def _chunks(batches: Iterator[list[tuple]], size: int | None) -> Iterator[list[tuple]]:
    """The rows of `batches` regrouped in lists of about `size` (None: all in one); one empty list when there
    are none (so an empty layer is still created)."""
    chunk: list[tuple] = []
    given = False
    for batch in batches:
        chunk.extend(batch)
        if size is not None and len(chunk) >= size:
            yield chunk
            chunk, given = [], True
    if chunk or not given:
        yield chunk


def _column_types(db: Any, table: str) -> dict[str, str]:
    rows = db.execute("SELECT column_name, data_type FROM information_schema.columns "
                      "WHERE table_schema = current_schema() AND table_name = ?", (table,))
    return dict(rows.fetchall())


def _pandas_type(data_type: str) -> str:
    """The pandas type that makes GDAL write the column with the GeoPackage type it had."""
    sqlite_type = SQLITE_TYPES.get(data_type, "TEXT")
    return {"INTEGER": "Int64", "REAL": "float64"}.get(sqlite_type, "object")


def _write_table(db: Any, out: sqlite3.Connection, table: str) -> int:
    """One plain table's rows; the table is made from the database's columns when no schema of the
    program has it, and columns only the database has are added."""
    types = _column_types(db, table)
    columns = table_columns(db, table)
    present = {row[0] for row in out.execute("SELECT name FROM pragma_table_info(?)", (table,))}
    if not present:
        out.execute(_create_table(db, table, columns, types))
    else:
        for column in columns:
            if column not in present:
                out.execute(f"ALTER TABLE {quoted(table)} ADD COLUMN {quoted(column)} "
                            f"{SQLITE_TYPES.get(types[column], 'TEXT')}")
    convert = _converter()
    insert = insert_sql(table, columns)
    skip_meta = table == "store_meta"
    rows = 0
    for batch in _read(db, table, [quoted(c) for c in columns], primary_key(db, table)):
        values = [tuple(convert(v) for v in row) for row in batch
                  if not (skip_meta and row[columns.index("key")] in DATABASE_ONLY_META)]
        out.executemany(insert, values)
        rows += len(values)
    if table not in _known_tables():
        _copy_indexes(db, out, table)
    return rows


def _known_tables() -> set[str]:
    """Tables whose schema (keys, indexes) comes from the program's own CREATE statements."""
    from geodata.user_data import USER_TABLES

    return {"store_meta", "documents", "added_plans", "sections", "passages", "targets", "target_sources",
            "feature_passages", "feature_targets", "place_register", "place_mentions", *USER_TABLES}


def _create_table(db: Any, table: str, columns: list[str], types: dict[str, str]) -> str:
    keys = primary_key(db, table)
    parts = []
    for column in columns:
        kind = SQLITE_TYPES.get(types[column], "TEXT")
        single_key = keys == [column] and kind == "INTEGER"
        parts.append(f"{quoted(column)} {kind}{' PRIMARY KEY' if single_key else ''}")
    if keys and not (len(keys) == 1 and SQLITE_TYPES.get(types[keys[0]]) == "INTEGER"):
        parts.append(f"PRIMARY KEY ({quoted_list(keys)})")
    return f"CREATE TABLE {quoted(table)} ({', '.join(parts)})"


def _converter() -> Callable[[Any], Any]:
    """A database value as one sqlite3 stores (dates, decimals and JSON as text or numbers)."""
    from decimal import Decimal

    def convert(value: Any) -> Any:
        if value is None or isinstance(value, (int, float, str, bytes)):
            return value
        if isinstance(value, Decimal):
            return float(value)
        if isinstance(value, (memoryview, bytearray)):
            return bytes(value)
        if isinstance(value, (dict, list)):
            return json.dumps(value, ensure_ascii=False)
        return value.isoformat() if hasattr(value, "isoformat") else str(value)

    return convert


def _copy_indexes(db: Any, out: sqlite3.Connection, table: str) -> None:
    """The database's plain (b-tree) indexes of `table` that the GeoPackage does not have yet, by columns."""
    rows = db.execute(
        "SELECT ic.relname, i.indisunique, array_agg(a.attname::text ORDER BY k.n) "
        "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam "
        "CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) "
        "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
        "WHERE i.indrelid = to_regclass(?) AND NOT i.indisprimary AND am.amname = 'btree' "
        "GROUP BY ic.relname, i.indisunique ORDER BY ic.relname", (quoted(table),)).fetchall()
    have = {tuple(r[0] for r in out.execute("SELECT name FROM pragma_index_info(?) ORDER BY seqno", (index[0],)))
            for index in out.execute("SELECT name FROM pragma_index_list(?)", (table,)).fetchall()}
    for name, unique, columns in rows:
        if tuple(columns) in have:
            continue
        keyword = "UNIQUE INDEX" if unique else "INDEX"
        out.execute(f"CREATE {keyword} IF NOT EXISTS {quoted(name)} ON {quoted(table)} "
                    f"({quoted_list(columns)})")
        have.add(tuple(columns))
