"""Managing imported layers: rename, remove, style, and export with their link table.

Built-in layers are rebuilt from the program's data, so only imported ones can be renamed or removed.
Feature ids do not change on rename: links and replacements keep pointing at them. Each edit bumps the
layer's version and writes an audit row (geodata/edit_history.py); given the version the editor saw
(`expected_version`), one made after someone else's is refused with EditConflict. A GeoPackage is edited on
a working copy moved over it when complete; a database in one transaction.
Exports: a GeoPackage gets the link table as a second, non-spatial table `<layer>_links`; GeoJSON and
CSV get it as `<file stem>_links.csv` beside the file (UTF-8 with BOM, so Excel reads the Chinese). CSV cells that
a spreadsheet would take for a formula (`=cmd|' /C calc'!A0`) are written with a leading apostrophe.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd
import pyogrio
from pyogrio.errors import DataLayerError, DataSourceError

from geodata.edit_history import begin_edit, check_owner, layer_subject, record_edit
from geodata.feature_queries import geometries_from_store, layer_fields, layer_tables
from geodata.imports.importer import sanitized
from geodata.imports.linking import index_layer
from geodata.imports.sources import gdal_safe
from geodata.premade_tiles import forget_tiles, rename_tiles
from geodata.search import drop_layer_names, rename_layer_names
from geodata.sql import (
    geometry_column,
    geometry_value,
    has_table,
    is_postgres,
    primary_key,
    quoted,
    quoted_list,
    row_count,
    rtree_table,
    table_columns,
)
from geodata.store import StoreError, connect
from geodata.store_address import PostgresAddress, StoreAddress
from geodata.store_edit import editing_copy, writing
from geodata.user_data import (
    BUILTIN_LAYERS,
    COLOUR,
    LayerStyleOverride,
    NotInStore,
    copy_layer,
    ensure_user_tables,
)

EXPORT_DRIVERS = {".gpkg": "GPKG", ".geojson": "GeoJSON", ".json": "GeoJSON", ".csv": "CSV"}
LINK_COLUMNS = ("feature_id", "feature_name", "link", "row_id", "document_id", "document_title", "where_in_document",
                "text", "origin")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet takes for the start of a formula
GPKG_METADATA_TABLES = ("gpkg_contents", "gpkg_geometry_columns", "gpkg_extensions", "gpkg_ogr_contents",
                        "gpkg_data_columns", "gpkg_metadata_reference")
POSTGRES_NAME_BYTES = 63  # PostgreSQL cuts longer names short (NAMEDATALEN - 1)
# What a layer takes with it when it goes: its features' links, replacements by them, its style and record.
LAYER_ROWS = (("feature_passages", "feature_id"), ("feature_targets", "feature_id"), ("user_links", "feature_id"),
              ("feature_replacements", "imported_id"))


@dataclass(frozen=True)
class LayerExport:
    path: Path
    links_path: Path | None  # the links table beside the file (GeoJSON, CSV); None when inside the GeoPackage
    features: int
    links: int


def check_imported(db: sqlite3.Connection, name: str, doing: str) -> None:
    if name in BUILTIN_LAYERS:
        raise StoreError(f"{name} is a built-in layer, rebuilt from the program's data on every build; it cannot be "
                         f"{doing}. To use official geometry instead, import it and replace features: "
                         "plan-map replace IMPORTED_ID BUILTIN_ID")
    if name not in layer_tables(db):
        raise NotInStore(f"no layer named {name!r}. List them with: plan-map layers")


def drop_layer(db: sqlite3.Connection, name: str) -> None:
    """Drop a feature table with its spatial index and GeoPackage registrations (no ST_* functions needed)."""
    geometry = geometry_column(db, name)
    if geometry and not is_postgres(db):
        db.execute(f"DROP TABLE IF EXISTS {rtree_table(name, geometry.name)}")
    db.execute(f"DROP TABLE IF EXISTS {quoted(name)}")
    for table in GPKG_METADATA_TABLES:
        if has_table(db, table):
            db.execute(f"DELETE FROM {quoted(table)} WHERE lower(table_name) = lower(?)", (name,))


@contextmanager
def copy_transaction(copy: Path) -> Iterator[sqlite3.Connection]:
    """One transaction on a GeoPackage working copy, closed after it (so the copy can be moved or deleted)."""
    with contextlib.closing(sqlite3.connect(copy)) as db, db:
        yield db


def remove_layer(store: StoreAddress, name: str, *, expected_version: int | None = None) -> int:
    """Remove an imported layer with its links, styles and replacements; returns the features removed.
    `expected_version` is the layer_version the editor read (None: no check)."""
    if isinstance(store, PostgresAddress):
        with writing(store) as db:
            begin_edit(db)
            check_imported(db, name, "removed")
            check_owner(db, name, "Removing a layer")
            return _remove_layer_rows(db, name, expected_version)
    with connect(store) as db:
        check_imported(db, name, "removed")
    with editing_copy(store) as copy, copy_transaction(copy) as db:
        return _remove_layer_rows(db, name, expected_version)


def _remove_layer_rows(db: sqlite3.Connection, name: str, expected_version: int | None) -> int:
    ensure_user_tables(db)
    count = row_count(db, name)
    record_edit(db, layer_subject(name), "remove", f"{count} features", expected_version=expected_version,
                label=f"The layer {name}")
    for table, column in LAYER_ROWS:
        db.execute(f"DELETE FROM {quoted(table)} WHERE {quoted(column)} IN (SELECT id FROM {quoted(name)})")
    db.execute("DELETE FROM layer_styles WHERE layer = ?", (name,))
    db.execute("DELETE FROM imported_layers WHERE name = ?", (name,))
    drop_layer_names(db, name)
    forget_tiles(db, name)
    drop_layer(db, name)
    return count


def rename_layer(store: StoreAddress, old: str, new: str, *, expected_version: int | None = None) -> str:
    """Rename an imported layer; returns the name it got (made a plain table name). Ids stay as they are.
    `expected_version` is the layer_version of `old` the editor read (None: no check)."""
    new_name = sanitized(new)
    if isinstance(store, PostgresAddress):
        with writing(store) as db:
            begin_edit(db)
            check_imported(db, old, "renamed")
            check_owner(db, old, "Renaming a layer")
            if new_name != old:
                check_new_name(db, new_name)
                _rename_database_layer(db, old, new_name, expected_version)
        return new_name
    with connect(store) as db:
        check_imported(db, old, "renamed")
        if new_name != old:
            check_new_name(db, new_name)
    if new_name == old:
        return old
    with editing_copy(store) as copy:
        with copy_transaction(copy) as db:
            ensure_user_tables(db)  # the version is checked before GDAL copies the features (the lock is held)
            record_edit(db, layer_subject(old), "rename", f"renamed to {new_name}", expected_version=expected_version,
                        label=f"The layer {old}")
        copy_layer(copy, copy, old, new_name)
        with copy_transaction(copy) as db:
            drop_layer(db, old)
            _rename_layer_rows(db, old, new_name)
            rename_layer_names(db, old, new_name)
            index_layer(db, new_name)
    return new_name


def check_new_name(db: sqlite3.Connection, name: str) -> None:
    if name.lower() in names_in_use(db):
        raise StoreError(f"The name {name!r} is already used in the store (names ignore letter case); "
                         "choose another.")
    if is_postgres(db) and len(name.encode()) > POSTGRES_NAME_BYTES:
        raise StoreError(f"The name {name!r} is too long for a database table (at most {POSTGRES_NAME_BYTES} bytes: "
                         "21 Chinese characters, or 63 letters); choose a shorter one.")


def names_in_use(db: sqlite3.Connection) -> set[str]:
    """Lower-cased names of the store's tables, indexes and the like (they share one namespace)."""
    if is_postgres(db):
        rows = db.execute("SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace")
    else:
        rows = db.execute("SELECT name FROM sqlite_master")
    return {row[0].lower() for row in rows}


def _rename_layer_rows(db: sqlite3.Connection, old: str, new: str) -> None:
    db.execute("UPDATE imported_layers SET name = ? WHERE name = ?", (new, old))
    db.execute("UPDATE layer_styles SET layer = ? WHERE layer = ?", (new, old))
    rename_tiles(db, old, new)
    record_edit(db, layer_subject(new), "rename", f"renamed from {old}")


def _rename_database_layer(db: sqlite3.Connection, old: str, new: str, expected_version: int | None) -> None:
    """ALTER TABLE ... RENAME, with the table's indexes and id sequence named after it renamed too (they share
    the table names' namespace: a later layer named `old` would clash with them)."""
    ensure_user_tables(db)
    record_edit(db, layer_subject(old), "rename", f"renamed to {new}", expected_version=expected_version,
                label=f"The layer {old}")
    db.execute(f"ALTER TABLE {quoted(old)} RENAME TO {quoted(new)}")
    owned = db.execute(
        "SELECT c.relname, c.relkind FROM pg_class c WHERE c.relkind IN ('i', 'S') AND c.oid IN ("
        "SELECT indexrelid FROM pg_index WHERE indrelid = to_regclass(?) UNION "
        "SELECT objid FROM pg_depend WHERE refobjid = to_regclass(?) AND classid = 'pg_class'::regclass)",
        (quoted(new), quoted(new))).fetchall()
    for relation, kind in owned:
        renamed = new + relation[len(old):]
        if relation.startswith(old) and len(renamed.encode()) <= POSTGRES_NAME_BYTES:
            statement = "ALTER INDEX" if kind == "i" else "ALTER SEQUENCE"
            db.execute(f"{statement} {quoted(relation)} RENAME TO {quoted(renamed)}")
    _rename_layer_rows(db, old, new)
    rename_layer_names(db, old, new)
    index_layer(db, new)


def set_layer_style(store: StoreAddress, name: str, style: LayerStyleOverride, *,
                    expected_version: int | None = None) -> LayerStyleOverride:
    """Store a user's style for a layer (any layer, built-in or imported); kept across rebuilds.
    `expected_version` is the layer_version the editor read (None: no check)."""
    for colour in (style.stroke, style.fill):
        if colour is not None and not COLOUR.fullmatch(colour):
            raise StoreError(f"{colour!r} is not a colour; write it as #rrggbb, e.g. #16a085.")
    if style.stroke_width is not None and not 0 < style.stroke_width <= 50:
        raise StoreError(f"A line width of {style.stroke_width} is out of range; use 0.1 to 50 pixels.")
    if style.fill_opacity is not None and not 0 <= style.fill_opacity <= 1:
        raise StoreError(f"A fill opacity of {style.fill_opacity} is out of range; use 0 to 1.")
    with writing(store) as db:
        begin_edit(db)
        if name not in layer_tables(db):
            raise NotInStore(f"no layer named {name!r}. List them with: plan-map layers")
        columns = layer_fields(db, name)
        if style.label_field is not None and style.label_field not in columns:
            raise StoreError(f"The layer {name} has no field {style.label_field!r}; its fields: {', '.join(columns)}.")
        ensure_user_tables(db)
        values = [getattr(style, f.name) for f in fields(style)]
        record_edit(db, layer_subject(name), "style", style_detail(style), expected_version=expected_version,
                    label=f"The layer {name}")
        columns = ", ".join(f.name for f in fields(style))
        db.execute(f"INSERT INTO layer_styles (layer, {columns}) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (layer) "
                   f"DO UPDATE SET {', '.join(f'{f.name} = excluded.{f.name}' for f in fields(style))}",
                   (name, *values))
    return style


def style_detail(style: LayerStyleOverride) -> str:
    """The style's set fields in a few words, for the audit trail."""
    chosen = [f"{f.name} {getattr(style, f.name)}" for f in fields(style) if getattr(style, f.name) is not None]
    return ", ".join(chosen) or "default style"


def link_rows(db: sqlite3.Connection, name: str) -> list[tuple]:
    """One row per link of the layer's features: passages (once per passage), then targets."""
    table = quoted(name)
    return db.execute(
        f"""SELECT f.id, f.name, 'passage', p.id, d.id, d.title, coalesce(s.path, ''), p.text, fp.origin
            FROM {table} f
            JOIN (SELECT feature_id, passage_id, min(origin) AS origin FROM feature_passages
                  GROUP BY feature_id, passage_id) fp ON fp.feature_id = f.id
            JOIN passages p ON p.id = fp.passage_id
            JOIN documents d ON d.id = p.document_id LEFT JOIN sections s ON s.id = p.section_id
            UNION ALL
            SELECT f.id, f.name, 'target', t.id, d.id, d.title, coalesce(t.table_name, ''),
                   t.indicator || ': ' || t.value_text || coalesce(' ' || t.unit, '')
                   || coalesce(' (' || t.year || ')', ''),
                   ft.origin
            FROM {table} f JOIN feature_targets ft ON ft.feature_id = f.id JOIN targets t ON t.id = ft.target_id
            JOIN documents d ON d.id = t.document_id
            ORDER BY 1, 3, 4"""
    ).fetchall()


def database_layer_frame(db, layer: str):
    """A database store's layer as GDAL reads a GeoPackage layer: its columns without the feature id, in
    feature id order, geometry in EPSG:4326."""
    import geopandas as gpd

    geometry = geometry_column(db, layer)
    keys = primary_key(db, layer)
    columns = [c for c in table_columns(db, layer) if c != geometry.name and c not in keys]
    order = quoted_list(keys) or "1"
    rows = db.execute(f"SELECT {quoted_list(columns)}, {geometry_value(db, geometry.name)} "
                      f"FROM {quoted(layer)} ORDER BY {order}").fetchall()
    frame = pd.DataFrame([row[:-1] for row in rows], columns=columns)
    shapes = geometries_from_store(db, [row[-1] for row in rows])
    return gpd.GeoDataFrame(frame, geometry=list(shapes), crs="EPSG:4326")


def export_layer(store: StoreAddress, layer: str, out: Path, overwrite: bool = False) -> LayerExport:
    """Write a layer (EPSG:4326) and its links to a GeoPackage, GeoJSON or CSV file. Each file is written
    beside its final name and moved there when complete, so a failure (a full disk) leaves no partial file.
    CSV cells a spreadsheet would run as a formula are written as text (spreadsheet_safe)."""
    out = Path(out)
    driver = EXPORT_DRIVERS.get(out.suffix.lower())
    if driver is None:
        raise StoreError(f"Cannot export to {out.name}: use a .gpkg, .geojson or .csv file name.")
    links_path = None if driver == "GPKG" else out.with_name(f"{out.stem}_links.csv")
    for path in (out, links_path):
        if path is not None and path.exists() and not overwrite:
            raise StoreError(f"{path} exists. Choose another name, or overwrite it with --force.")
    with connect(store) as db:
        if layer not in layer_tables(db):
            raise NotInStore(f"no layer named {layer!r}. List them with: plan-map layers")
        rows = link_rows(db, layer)
        frame = database_layer_frame(db, layer) if is_postgres(db) else None
    if frame is None:
        with gdal_safe(Path(store)) as source:
            frame = pyogrio.read_dataframe(source, layer=layer)
    if driver == "CSV":
        frame = frame.rename(columns=lambda name: name if name == "geometry" else spreadsheet_safe(name))
        for column in frame.columns.drop("geometry"):
            if pd.api.types.is_string_dtype(frame[column]):
                frame[column] = frame[column].map(spreadsheet_safe)
    if links_path is not None:
        rows = [tuple(spreadsheet_safe(value) for value in row) for row in rows]
    links = pd.DataFrame(rows, columns=list(LINK_COLUMNS))
    with written(out) as path, gdal_safe(path) as target:
        if driver == "GPKG":
            pyogrio.write_dataframe(frame, target, layer=layer, driver="GPKG")
            pyogrio.write_dataframe(links, target, layer=f"{layer}_links", driver="GPKG")
        elif driver == "CSV":
            pyogrio.write_dataframe(frame, target, driver="CSV", layer_options={
                "GEOMETRY": "AS_WKT", "WRITE_BOM": "YES", "STRING_QUOTING": "ALWAYS"})
        else:
            pyogrio.write_dataframe(frame, target, driver="GeoJSON")
    if links_path is not None:
        with written(links_path) as path, path.open("w", encoding="utf-8-sig", newline="") as file:
            writer = csv.writer(file, quoting=csv.QUOTE_ALL)
            writer.writerow(LINK_COLUMNS)
            writer.writerows(rows)
    return LayerExport(out, links_path, len(frame), len(rows))


def spreadsheet_safe(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: one starting with = + - @, a tab or a carriage return gets a
    leading apostrophe, so Excel or LibreOffice never runs it as a formula (OWASP, CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@contextmanager
def written(out: Path) -> Iterator[Path]:
    """A temporary path beside `out` (`.STEM.part-PID.SUFFIX`: GDAL picks what to write by the suffix) to
    write; moved over `out` when the block ends, removed when it fails. Write errors become a StoreError."""
    temporary = out.with_name(f".{out.stem}.part-{os.getpid()}{out.suffix}")
    try:
        yield temporary
        os.replace(temporary, out)
    except (OSError, DataSourceError, DataLayerError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        full = isinstance(error, OSError) and error.errno == errno.ENOSPC or "full" in reason.lower()
        raise StoreError(f"Could not write {out}: {reason}." + (" The disk is full: free some space and export "
                                                                 "again." if full else "")) from error
    finally:
        temporary.unlink(missing_ok=True)
