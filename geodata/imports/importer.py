"""Importing a user's file into the store as feature layers, all or nothing.

The file is read, its CRS settled and checked against Shenzhen, its geometry cleaned, and each layer
written through GDAL into a working copy of the store (EPSG:4326, the columns every feature layer has
plus the file's own), linked by the gazetteer, then moved over the store. A cancel or an error leaves
the store as it was. Pure functions with no globals: the window runs them on a worker thread.

progress(done, total) -> bool is called as work advances; total 0 means "reading, size not yet known";
returning False cancels.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyogrio.errors import DataLayerError, DataSourceError
from shapely.geometry.base import BaseGeometry

from geodata.edit_history import layer_subject, record_edit
from geodata.feature_queries import features, geometry_of, layer_tables
from geodata.feature_tiles import TILED_FROM_FEATURES
from geodata.imports import crs_choice, linking
from geodata.imports.cleaning import FAMILY_ORDER, FAMILY_SUFFIX, CleanCounts, Family, clean
from geodata.imports.crs_choice import CrsChoice, ImportRefused
from geodata.imports.sources import SourceData, check_readable, gdal_safe, layers_in, read_layers
from geodata.premade_tiles import premake_tiles
from geodata.progress import Progress
from geodata.search import index_names
from geodata.spatial import crs as crs_module
from geodata.spatial.feature_sources import RECORD_COLUMNS
from geodata.sql import quoted
from geodata.store import StoreError, connect
from geodata.store_edit import editing_copy
from geodata.user_data import BUILTIN_LAYERS, ensure_user_tables, now

__all__ = ["ImportCancelled", "ImportRefused", "ImportSummary", "ImportedLayer", "guess_name_field", "import_file",
           "layers_in"]

WRITE_CHUNK = 25_000
NAME_FIELDS = ("名称", "name", "mc", "地块名称", "项目名称", "地名", "名字", "title", "标题", "label", "name_chn",
               "name_zh")
RESERVED_COLUMNS = {*RECORD_COLUMNS, "fid", "geom", "geometry"}
IMPORTED_KIND = "imported"
NAME_LIMIT = 200  # characters of a feature's display name; the full text stays in the file's own field
# Embedding, override and isolate controls: they reorder the text around them on screen (U+202E shows
# "abc\u202Efdp.exe" as "abcexe.pdf"); the marks U+200E/U+200F, which right-to-left names need, stay.
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f]+")  # Unicode category Cc: newlines, tabs, escapes


class ImportCancelled(StoreError):
    """The user cancelled an import; the store is unchanged."""


@dataclass(frozen=True)
class ImportedLayer:
    name: str  # the layer (table) name in the store
    source_layer: str
    geometry_type: str
    features: int


@dataclass(frozen=True)
class ImportSummary:
    store: Path
    source: Path
    format: str
    features_read: int
    imported: int  # source features in the store (a collection split into parts counts once)
    repaired: int  # invalid geometries fixed with make_valid, or while reading (an unclosed ring closed)
    skipped_empty: int  # features without geometry, or with one that could not be read
    z_dropped: int
    encoding: str
    crs: str  # the CRS the coordinates were read in, and where that came from
    name_field: str | None
    layers: tuple[ImportedLayer, ...]
    split_by_type: bool  # a source layer held several geometry families and became one layer per family
    links: int  # gazetteer links made for the new features
    seconds: float
    non_finite_dropped: int = 0  # features skipped because a coordinate is NaN or infinite
    collections_split: int = 0  # GeometryCollections split into their parts
    records_lost: int = 0  # records of the file that could not be read (a cut-short shapefile)
    notes: tuple[str, ...] = ()  # what was wrong with the file and what was done about it, one sentence each


@dataclass
class PreparedLayer:
    """One store layer ready to write: its rows in the store's columns plus the file's, in WGS 84."""

    name: str
    source_layer: str
    frame: gpd.GeoDataFrame
    geometry_type: str
    names_cleaned: int = 0  # display names with control characters removed or shortened


class Reporter:
    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress

    def __call__(self, done: int, total: int) -> None:
        if self.progress is not None and self.progress(done, total) is False:
            raise ImportCancelled("Import cancelled; the store is unchanged.")


def import_file(
    store: Path,
    source: Path,
    *,
    crs: str | None = None,
    name_field: str | None = None,
    layer_name: str | None = None,
    source_layers: list[str] | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import `source` into `store` as one feature layer per source layer (and per geometry family)."""
    began = time.perf_counter()
    store, source = Path(store), Path(source)
    report = Reporter(progress)
    with connect(store) as db:
        taken = names_in_use(db)
        district_areas = district_shapes(db)
    kind = check_readable(source)
    report(0, 0)
    sources = read_layers(source, source_layers)
    read_count = sum(len(data.geometries) for data in sources)
    tiling = read_count if read_count > TILED_FROM_FEATURES else 0  # making a big layer's tiles ahead
    total = 2 * read_count + tiling + 1
    report(read_count // 2, total)
    given = crs_choice.resolve_crs(crs) if crs else None
    prepared, crs_notes, counts = [], [], []
    for data in sources:
        families, cleaned = clean(data.geometries)
        counts.append(cleaned)
        choice, how = settle_crs(data, families, given, source)
        crs_notes.append(f"{choice.key} ({choice.label}; {how})")
        base = layer_base_name(source, kind, data.layer, layer_name, len(sources))
        field = choose_name_field(data.attributes, name_field, source)
        for family in families:
            name = unique_name(family_layer_name(base, family, len(families)), taken)
            taken.add(name.lower())
            prepared.append(prepare_layer(name, data, family, choice, field, source, how, district_areas))
        report(read_count, total)
    imported = sum(len(data.geometries) - c.skipped_empty - c.non_finite for data, c in zip(sources, counts))
    notes = report_notes(sources, counts, prepared, kind)
    if imported == 0:
        raise ImportRefused(" ".join([f"{source.name} has no features with geometry (read {read_count}); nothing "
                                      "was imported.", *notes]))
    with editing_copy(store) as copy:
        written = read_count
        for layer in prepared:
            for start in range(0, len(layer.frame), WRITE_CHUNK):
                write_chunk(copy, layer, start)
                written += min(WRITE_CHUNK, len(layer.frame) - start)
                report(written, total)
        link_count = register(copy, prepared, source, crs_notes, sources, name_field)
        premake_layer_tiles(copy, prepared, lambda share: report(written + round(tiling * share), total))
        report(total, total)
    return ImportSummary(
        store=store, source=source, format=kind, features_read=read_count, imported=imported,
        repaired=sum(c.repaired for c in counts) + sum(d.rings_closed for d in sources),
        skipped_empty=sum(c.skipped_empty for c in counts), z_dropped=sum(c.z_dropped for c in counts),
        encoding=", ".join(dict.fromkeys(data.encoding for data in sources)),
        crs=", ".join(dict.fromkeys(crs_notes)),
        name_field=next((choose_name_field(d.attributes, name_field, source) for d in sources), None),
        layers=tuple(ImportedLayer(p.name, p.source_layer, p.geometry_type, len(p.frame)) for p in prepared),
        split_by_type=len(prepared) > len(sources), links=link_count, seconds=time.perf_counter() - began,
        non_finite_dropped=sum(c.non_finite for c in counts), collections_split=sum(c.collections for c in counts),
        records_lost=sum(d.records_lost for d in sources), notes=tuple(notes),
    )


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else words or word + 's'}"


def report_notes(sources: list[SourceData], counts: list[CleanCounts], prepared: list[PreparedLayer],
                 kind: str) -> list[str]:
    """What was wrong with the file and what was done about it, for the import report, one sentence each."""
    notes = list(dict.fromkeys(note for data in sources for note in data.notes))
    non_finite = sum(c.non_finite for c in counts)
    if non_finite:
        notes.append(f"{plural(non_finite, 'feature')} skipped: a coordinate is NaN or Infinity (not a number). Fix "
                     "those coordinates in the source file and import it again to add them.")
    collections = sum(c.collections for c in counts)
    if collections:
        parts = [plural(sum(c.collection_parts[i] for c in counts), word) + f" ({FAMILY_SUFFIX[family]})"
                 for i, (family, word) in enumerate(zip(FAMILY_ORDER, ("polygon", "line", "point")))
                 if any(c.collection_parts[i] for c in counts)]
        notes.append(f"{plural(collections, 'GeometryCollection')} split into {'its' if collections == 1 else 'their'} "
                     f"parts: {', '.join(parts)}; each "
                     "part is a feature of the layer of its type (面 polygons, 线 lines, 点 points), with the "
                     "collection's attributes.")
    closed = sum(d.rings_closed for d in sources)
    if closed:
        one = closed == 1
        notes.append(f"{plural(closed, 'geometry', 'geometries')} could not be read as written (an unclosed polygon "
                     f"ring) and {'was' if one else 'were'} repaired by closing the ring; check "
                     f"{'it' if one else 'them'} on the map.")
    unreadable = sum(d.unreadable for d in sources)
    if unreadable:
        notes.append(f"{plural(unreadable, 'geometry', 'geometries')} could not be read or repaired; those features "
                     "were skipped.")
    empty = sum(c.skipped_empty for c in counts) - unreadable
    if empty > 0 and kind == "GeoJSON":
        notes.append(f"{plural(empty, 'feature')} without geometry skipped: \"geometry\" is null, or its "
                     "\"coordinates\" are nested wrongly for the type (a Point is [x, y], a LineString "
                     "[[x, y], …], a Polygon [[[x, y], …]]).")
    cleaned = sum(layer.names_cleaned for layer in prepared)
    if cleaned:
        notes.append(f"{plural(cleaned, 'name')} shown without control or text-direction characters, or shortened "
                     f"to {NAME_LIMIT} characters; the file's own field keeps the full text.")
    return notes


def settle_crs(data: SourceData, families: list[Family], given: CrsChoice | None,
               source: Path) -> tuple[CrsChoice, str]:
    """The CRS to read `data` in (the user's choice wins over the file's), checked against Shenzhen with
    the cleaned geometries (none with NaN or infinite coordinates)."""
    declared = crs_choice.declared_choice(data.declared_crs)
    cleaned = np.concatenate([family.geometries for family in families]) if families else np.empty(0, dtype=object)
    raw = crs_choice.sample_points(cleaned)
    if given is not None:
        choice = given
        how = "chosen" + (f"; the file declares {declared.key}" if declared and declared.key != given.key else "")
    elif declared is not None:
        choice, how = declared, "declared by the file"
    else:
        key, sentence = crs_choice.crs_suggestion(raw)
        raise ImportRefused(
            f"{source.name} does not say which CRS its coordinates are in. {sentence} "
            f"Choose one with --crs: {crs_choice.choices_text()}.",
            about_crs=True, suggested_crs=key,
        )
    wgs84 = crs_choice.to_wgs84(shapely.points(raw), choice) if len(raw) else np.empty(0, dtype=object)
    points = shapely.get_coordinates(wgs84) if len(raw) else np.empty((0, 2))
    crs_choice.check_near_shenzhen(raw, points, choice, how)
    return choice, how


def names_in_use(db: sqlite3.Connection) -> set[str]:
    """Lower-cased table names, and the id prefixes of imported layers (a renamed layer keeps its ids)."""
    taken = {row[0].lower() for row in db.execute("SELECT name FROM sqlite_master")}
    for table in layer_tables(db):
        if table not in BUILTIN_LAYERS:
            first = db.execute(f"SELECT id FROM {quoted(table)} LIMIT 1").fetchone()
            if first and "-" in first[0]:
                taken.add(first[0].rsplit("-", 1)[0].lower())
    return taken


def layer_base_name(source: Path, kind: str, source_layer: str, layer_name: str | None, count: int) -> str:
    if count == 1:
        return layer_name or (source_layer if kind == "GeoPackage" else source.stem)
    return f"{layer_name}_{source_layer}" if layer_name else (
        source_layer if kind == "GeoPackage" else f"{source.stem}_{source_layer}")


def family_layer_name(base: str, family: Family, family_count: int) -> str:
    return f"{base}_{FAMILY_SUFFIX[family.name]}" if family_count > 1 else base


def sanitized(name: str) -> str:
    """A layer name that is a plain table name: word characters (Chinese included) and underscores."""
    name = re.sub(r"\W+", "_", name.strip()).strip("_")[:60] or "imported"
    if name[0].isdigit() or name.lower().startswith(("gpkg_", "rtree_", "sqlite_")):
        name = f"layer_{name}"
    return name


def unique_name(name: str, taken: set[str]) -> str:
    name = sanitized(name)
    candidate, n = name, 2
    while candidate.lower() in taken or any(t.startswith(f"{candidate.lower()}_by_id") for t in taken):
        candidate, n = f"{name}_{n}", n + 1
    return candidate


def choose_name_field(attributes: pd.DataFrame, name_field: str | None, source: Path) -> str | None:
    """The attribute that holds feature names: the one named, or a guess from common names."""
    columns = [str(c) for c in attributes.columns]
    if name_field:
        if name_field not in columns:
            raise ImportRefused(f"{source.name} has no field {name_field!r}. Its fields: {', '.join(columns)}.")
        return name_field
    return guess_name_field(columns)


def guess_name_field(columns: list[str] | tuple[str, ...]) -> str | None:
    """The column most likely to hold feature names (名称, name, 地块名称 …), or None."""
    by_key = {column.lower(): column for column in columns}
    for key in NAME_FIELDS:
        if key in by_key:
            return by_key[key]
    return next((c for c in columns if "名称" in c or c.lower().endswith(("name", "_mc"))), None)


def district_shapes(db: sqlite3.Connection) -> list[tuple[str, BaseGeometry]]:
    """The districts of the store, to tell which ones an imported feature lies in."""
    return [(info.feature.name, geometry_of(db, info)) for info in features(db, "districts")
            if info.feature.kind == "district"]


def districts_touched(geometries: np.ndarray, district_areas: list[tuple[str, BaseGeometry]]) -> list[str]:
    """For each geometry, the JSON list of the districts it intersects (one spatial-index query for all)."""
    names: list[list[str]] = [[] for _ in range(len(geometries))]
    if district_areas:
        tree = shapely.STRtree([shape for _, shape in district_areas])
        for row, district in zip(*tree.query(geometries, predicate="intersects")):
            names[row].append(district_areas[district][0])
    return [json.dumps(sorted(found), ensure_ascii=False) for found in names]


def prepare_layer(name: str, data: SourceData, family: Family, choice: CrsChoice, field: str | None,
                  source: Path, how: str, district_areas: list[tuple[str, BaseGeometry]]) -> PreparedLayer:
    geometries = crs_choice.to_wgs84(family.geometries, choice)
    attributes = data.attributes.iloc[family.rows].reset_index(drop=True)
    numbers = np.arange(1, len(family.rows) + 1)
    names = attributes[field].astype(object) if field else pd.Series([None] * len(numbers), dtype=object)
    fallback = pd.Series([f"{name} {n}" for n in numbers], dtype=object)
    names = names.where(names.notna() & (names.astype(str).str.strip() != ""), fallback).astype(str)
    shown = names.map(display_name)
    shown = shown.where(shown != "", fallback)
    metric = shapely.transform(geometries, metric_xy)
    polygonal, linear = family.name == "polygons", family.name == "lines"
    records = pd.DataFrame({
        "id": [f"{name}-{n}" for n in numbers],
        "name": shown.to_numpy(),
        "kind": IMPORTED_KIND,
        "aliases": "[]",
        "districts": districts_touched(geometries, district_areas),
        "structure": None,
        "planned_area_km2": np.nan,
        "status": None,
        "stations": "[]",
        "accuracy": "surveyed",
        "note": f"导入自 {display_name(source.name)}",
        "source": f"{display_name(source.name)}，坐标系 {choice.key}",
        "area_km2": np.round(shapely.area(metric) / 1e6, 3) if polygonal else np.nan,
        "length_km": np.round(shapely.length(metric) / 1000, 3) if linear else np.nan,
    })
    extra = source_columns(attributes)
    frame = gpd.GeoDataFrame(pd.concat([records, extra], axis=1), geometry=geometries, crs=crs_module.WGS84)
    return PreparedLayer(name, data.layer, frame, family.geometry_type, int((shown != names).sum()))


def display_name(text: str) -> str:
    """A name as the map, the panel and the exports show it: control characters (newlines, escapes) made
    spaces, text-direction overrides removed, at most NAME_LIMIT characters."""
    text = CONTROL_CHARACTERS.sub(" ", DIRECTION_CONTROLS.sub("", text)).strip()
    return text if len(text) <= NAME_LIMIT else text[:NAME_LIMIT - 1] + "…"


def metric_xy(coords: np.ndarray) -> np.ndarray:
    x, y = crs_module.transformer(crs_module.WGS84, crs_module.METRIC_CRS).transform(coords[:, 0], coords[:, 1])
    return np.column_stack([x, y])


def source_columns(attributes: pd.DataFrame) -> pd.DataFrame:
    """The file's own attributes, renamed where they collide with the store's columns (name → name_src),
    with mixed-type text columns made text so GDAL can write them."""
    renamed, taken = {}, {c.lower() for c in RESERVED_COLUMNS}
    for column in attributes.columns:
        new = str(column)
        while new.lower() in taken:
            new = f"{new}_src"
        taken.add(new.lower())
        renamed[column] = new
    frame = attributes.rename(columns=renamed)
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].map(lambda v: v if v is None or isinstance(v, str) else str(v))
    return frame


def premake_layer_tiles(copy: Path, prepared: list[PreparedLayer], progress: Callable[[float], object]) -> None:
    """Make ahead the zoomed-out tiles of the new layers big enough to be drawn by tile (premade_tiles);
    `progress` is told the share done, each layer counting alike."""
    big = [layer.name for layer in prepared if len(layer.frame) > TILED_FROM_FEATURES]
    with closing(sqlite3.connect(copy)) as db, db:
        for number, name in enumerate(big):
            premake_tiles(db, name, lambda done, count, number=number: progress((number + done / count) / len(big)))


def write_chunk(path: Path, layer: PreparedLayer, start: int) -> None:
    chunk = layer.frame.iloc[start:start + WRITE_CHUNK]
    try:
        with gdal_safe(path) as target:
            pyogrio.write_dataframe(chunk, target, layer=layer.name, driver="GPKG",
                                    geometry_type=layer.geometry_type, append=start > 0)
    except (DataSourceError, DataLayerError) as error:
        full = " The disk is full: free some space and import again." if "full" in str(error).lower() else ""
        raise ImportRefused(
            f"Could not write the layer {layer.name}: {error}.{full} The store is unchanged.") from error


def register(copy: Path, prepared: list[PreparedLayer], source: Path, crs_notes: list[str],
             sources: list[SourceData], name_field: str | None) -> int:
    """Record the new layers, index their ids and names and link them with the gazetteer; returns the link
    count."""
    encoding = ", ".join(dict.fromkeys(data.encoding for data in sources))
    fields = {data.layer: choose_name_field(data.attributes, name_field, source) for data in sources}
    with sqlite3.connect(copy) as db:
        ensure_user_tables(db)
        count = 0
        for layer in prepared:
            db.execute("INSERT OR REPLACE INTO imported_layers VALUES (?, ?, ?, ?, ?, ?)",
                       (layer.name, source.name, ", ".join(dict.fromkeys(crs_notes)), fields[layer.source_layer],
                        encoding, now()))
            record_edit(db, layer_subject(layer.name), "import", f"{len(layer.frame)} features from {source.name}")
            linking.index_layer(db, layer.name)
            if fields[layer.source_layer]:
                count += linking.link_imported(db, linking.layer_features(db, layer.name))
        index_names(db, [layer.name for layer in prepared])
    db.close()
    return count
