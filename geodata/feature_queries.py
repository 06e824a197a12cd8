"""Reading features back from the store: by id or name, at a point, per layer; their geometry, label
texts and attribute fields; and their targets."""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geodata.features import FEATURE_LAYERS, Feature
from geodata.sql import (
    RTREE_MEETS,
    geometry_column,
    geometry_value,
    is_postgres,
    primary_key,
    quoted,
    rtree_table,
    table_columns,
)

# Envelope sizes in bytes by the GeoPackage binary header's envelope indicator.
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
_FEATURE_COLUMNS = """id, name, kind, aliases, districts, structure, planned_area_km2, status, stations,
    accuracy, note, source, area_km2, length_km"""


@dataclass(frozen=True)
class FeatureInfo:
    feature: Feature
    area_km2: float | None
    length_km: float | None


@dataclass(frozen=True)
class LayerSummary:
    name: str
    title: str
    group: str
    geometry_type: str
    features: int
    accuracy: dict[str, int]  # accuracy -> number of features


@dataclass(frozen=True)
class LayerRow:
    """What the map draws of one feature: its geometry and the few fields the page carries."""

    id: str
    name: str
    kind: str
    accuracy: str
    geometry: BaseGeometry


@dataclass(frozen=True)
class LabelRow:
    """A label field's value of one feature, with the feature's geometry."""

    text: str
    geometry: BaseGeometry


@dataclass(frozen=True)
class TargetView:
    id: int
    document_id: str
    document_title: str
    passage_id: int | None
    scope: str
    category: str | None
    number: str | None
    indicator: str
    value_text: str  # "" when the source leaves the cell blank
    value: float | None
    comparator: str | None
    unit: str | None
    year: int | None
    binding: str | None
    is_result: bool
    base_value_text: str | None
    table_name: str | None
    kind: str = "target"  # target, result (of a past period) or baseline
    value_max: float | None = None  # the upper end when comparator is "between" ("1-2所")
    period: str | None = None  # 每年, 累计, 年均, “十四五”期间
    span_start: int | None = None  # the figure's [start, end) in the passage text (prose targets)
    span_end: int | None = None


@dataclass(frozen=True)
class TargetSourceView:
    """Another passage stating a target, with its figure's [start, end) there and its own wording."""

    target_id: int
    passage_id: int
    span_start: int | None
    span_end: int | None
    value_text: str
    comparator: str | None


def geometries_from_gpkg(blobs: list[bytes]) -> np.ndarray:
    """GeoPackage geometry blobs (GP header + envelope + WKB) decoded in one call without GDAL (an array of
    geometries, None for a NULL blob)."""
    wkb = [None if blob is None else blob[8 + _ENVELOPE_BYTES[(blob[3] >> 1) & 0b111]:] for blob in blobs]
    return shapely.from_wkb(np.array(wkb, dtype=object)) if wkb else np.empty(0, dtype=object)


def geometries_from_store(db: sqlite3.Connection, blobs: list[bytes | None]) -> np.ndarray:
    """Geometries as `sql.geometry_value` reads them (an array, None for a NULL): GeoPackage blobs from a
    GeoPackage, plain WKB (ST_AsBinary) from a database."""
    if not is_postgres(db):
        return geometries_from_gpkg(blobs)
    return shapely.from_wkb(np.array(blobs, dtype=object)) if blobs else np.empty(0, dtype=object)


def geometry_from_store(db: sqlite3.Connection, blob: bytes) -> BaseGeometry:
    return geometries_from_store(db, [blob])[0]


def one_of(db: sqlite3.Connection, column: str, values: Iterable[int | str]) -> tuple[str, object]:
    """A condition "`column` is one of `values`" with its one parameter, for any number of values: a JSON
    list read by json_each in SQLite, an array in PostgreSQL. `column` is SQL the caller wrote."""
    values = list(values)
    if is_postgres(db):
        return f"{column} = ANY(?)", values
    return f"{column} IN (SELECT value FROM json_each(?))", json.dumps(values)


def layer_geometry_columns(db: sqlite3.Connection) -> dict[str, str]:
    """Feature layer -> its geometry column, in layer order (built-in ones first in their fixed order, then the
    others by name), read in one query: the GeoPackage's contents, or PostGIS's geometry_columns."""
    if is_postgres(db):  # the catalogue itself: PostGIS's geometry_columns view costs ~1 ms a click to plan
        rows = db.execute(
            "SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "WHERE a.atttypid = 'geometry'::regtype AND c.relnamespace = current_schema()::regnamespace "
            "AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped").fetchall()
    else:
        rows = db.execute("SELECT c.table_name, g.column_name FROM gpkg_contents c JOIN gpkg_geometry_columns g "
                          "ON g.table_name = c.table_name WHERE c.data_type = 'features'").fetchall()
    present = dict(rows)
    builtin = [layer.name for layer in FEATURE_LAYERS if layer.name in present]
    return {table: present[table] for table in builtin + sorted(present.keys() - set(builtin))}


def layer_tables(db: sqlite3.Connection) -> list[str]:
    """Feature layers present in the store, built-in ones first in their fixed order."""
    return list(layer_geometry_columns(db))


def _feature_from_row(layer: str, row: tuple) -> FeatureInfo:
    (fid, name, kind, aliases, districts, structure, planned, status, stations, accuracy, note, source,
     area, length) = row
    feature = Feature(
        id=fid, name=name, layer=layer, kind=kind, aliases=_json_tuple(aliases),
        districts=_json_tuple(districts), structure=structure, planned_area_km2=planned,
        status=status, stations=_json_tuple(stations), accuracy=accuracy, note=note or "",
        source=source or "",
    )
    return FeatureInfo(feature, area, length)


@lru_cache(maxsize=4096)
def _json_tuple(text: str | None) -> tuple:
    """A JSON list column as a tuple; cached, as a big layer repeats a few values (its districts) everywhere."""
    return tuple(json.loads(text or "[]"))


def features(db: sqlite3.Connection, layer: str | None = None) -> list[FeatureInfo]:
    result = []
    for table in [layer] if layer else layer_tables(db):
        rows = db.execute(f"SELECT {_FEATURE_COLUMNS} FROM {quoted(table)} ORDER BY fid").fetchall()
        result += [_feature_from_row(table, row) for row in rows]
    return result


def feature_by_id(db: sqlite3.Connection, feature_id: str, layers: Iterable[str] | None = None
                  ) -> FeatureInfo | None:
    """A feature by id, one look-up per layer (imported layers have an index on id): for layers too big
    to read whole."""
    for table in layer_tables(db) if layers is None else layers:
        row = db.execute(f"SELECT {_FEATURE_COLUMNS} FROM {quoted(table)} WHERE id = ?", (feature_id,)).fetchone()
        if row is not None:
            return _feature_from_row(table, row)
    return None


def find_feature(db: sqlite3.Connection, id_or_name: str) -> FeatureInfo | None:
    """A feature by id, exact name or alias (in that order of preference)."""
    candidates = features(db)
    for matches in (
        lambda info: info.feature.id == id_or_name,
        lambda info: info.feature.name == id_or_name,
        lambda info: id_or_name in info.feature.aliases,
    ):
        found = [info for info in candidates if matches(info)]
        if found:
            return found[0]
    return None


def similar_names(db: sqlite3.Connection, text: str, limit: int = 5) -> list[str]:
    """Feature names containing `text` or contained in it, to suggest after a failed lookup."""
    names = [info.feature.name for info in features(db)]
    return [name for name in names if text in name or name in text][:limit]


def _geometry_name(db: sqlite3.Connection, table: str) -> str:
    found = geometry_column(db, table)
    if found is None:
        raise ValueError(f"{table!r} is not a feature table of the store")
    return found.name


def geometry_of(db: sqlite3.Connection, info: FeatureInfo) -> BaseGeometry:
    column = _geometry_name(db, info.feature.layer)
    blob = db.execute(f"SELECT {geometry_value(db, column)} FROM {quoted(info.feature.layer)} WHERE id = ?",
                      (info.feature.id,)).fetchone()
    return geometry_from_store(db, blob[0])


def layer_geometries(db: sqlite3.Connection, layer: str) -> dict[str, BaseGeometry]:
    """Feature id -> geometry for every feature of `layer` that has one."""
    column = _geometry_name(db, layer)
    rows = db.execute(f"SELECT id, {geometry_value(db, column)} FROM {quoted(layer)} "
                      f"WHERE {quoted(column)} IS NOT NULL").fetchall()
    return dict(zip((fid for fid, _ in rows), geometries_from_store(db, [blob for _, blob in rows]), strict=True))


def layer_rows(db: sqlite3.Connection, layer: str) -> list[LayerRow]:
    """Id, name, kind, accuracy and geometry of each feature of `layer` with a geometry, in store order;
    a missing name, kind or accuracy reads as ""."""
    column = _geometry_name(db, layer)
    rows = db.execute(
        f"SELECT id, name, kind, accuracy, {geometry_value(db, column)} FROM {quoted(layer)} "
        f"WHERE {quoted(column)} IS NOT NULL ORDER BY fid"
    ).fetchall()
    shapes = geometries_from_store(db, [row[4] for row in rows])
    return [LayerRow(str(fid), str(name or ""), str(kind or ""), str(accuracy or ""), shape)
            for (fid, name, kind, accuracy, _), shape in zip(rows, shapes, strict=True)]


def layer_fields(db: sqlite3.Connection, layer: str) -> list[str]:
    """The attribute fields of a feature layer, in table order: every column but the key and the geometry."""
    geometry = geometry_column(db, layer)
    skip = {*primary_key(db, layer), *([geometry.name] if geometry else [])}
    return [column for column in table_columns(db, layer) if column not in skip]


def label_rows(db: sqlite3.Connection, layer: str, field: str) -> list[LabelRow]:
    """The text of `field` with the geometry of each feature of `layer` that has both (blank text is
    left out). `field` may come from a user: it is used only when it is one of the layer's attribute
    fields, so a field the layer does not have (or no longer has) gives no labels."""
    geometry = geometry_column(db, layer)
    if geometry is None or field not in layer_fields(db, layer):
        return []
    rows = db.execute(
        f"SELECT {quoted(field)}, {geometry_value(db, geometry.name)} FROM {quoted(layer)} "
        f"WHERE {quoted(geometry.name)} IS NOT NULL ORDER BY fid"
    ).fetchall()
    rows = [(text, blob) for text, blob in rows if text is not None and str(text).strip() != ""]
    shapes = geometries_from_store(db, [blob for _, blob in rows])
    return [LabelRow(str(text), shape) for (text, _), shape in zip(rows, shapes, strict=True)]


PICK_RADIUS_M = 200.0  # `where` without --radius: about a finger's width at city zoom
_METRES_PER_DEGREE = 111_320.0
_CONTEXT_LAYERS = ("districts", "neighbours")  # what encloses everything is picked last
# Development axes and belts cross whole districts as schematic strokes: an area the user clicked inside
# wins over an axis drawn through it; an axis still wins over the district around it.
_STRUCTURE_LAYERS = ("structure_lines",)


def features_at(db: sqlite3.Connection, lon: float, lat: float, radius_m: float = PICK_RADIUS_M,
                layers: Iterable[str] | None = None) -> list[FeatureInfo]:
    """What is under a point, most specific first: points within `radius_m` (nearest first), then lines
    within `radius_m`, then the polygons that contain the point, smallest first, then development axes
    and belts within `radius_m`, districts and neighbouring cities last. Only the named `layers` are
    searched when given (the map's visible ones). Candidates come from each layer's spatial index (the
    GeoPackage's R-tree, PostGIS's GiST index), so a large imported layer costs little."""
    wanted = None if layers is None else set(layers)
    x_scale = math.cos(math.radians(lat))  # local equirectangular metres: exact enough at pick radius
    radius_lat = radius_m / _METRES_PER_DEGREE
    radius_lon = radius_lat / x_scale
    point = shapely.Point(lon * x_scale, lat)
    box = (lon - radius_lon, lat - radius_lat, lon + radius_lon, lat + radius_lat)
    ranked = []
    for table, column in layer_geometry_columns(db).items():
        if wanted is not None and table not in wanted:
            continue
        where, params = box_filter(db, table, column, box, touching=True)
        rows = db.execute(f"SELECT {_FEATURE_COLUMNS}, {geometry_value(db, column)} FROM {quoted(table)} "
                          f"WHERE {where}", params).fetchall()
        geometries = geometries_from_store(db, [row[-1] for row in rows])
        for row, shape in zip(rows, geometries, strict=True):
            geometry = shapely.transform(shape, lambda xy: xy * (x_scale, 1.0))
            rank = _pick_rank(table, geometry, point, radius_lat)
            if rank is not None:
                ranked.append((rank, _feature_from_row(table, row[:-1])))
    ranked.sort(key=lambda item: item[0])
    return [info for _, info in ranked]


def box_filter(db: sqlite3.Connection, table: str, column: str, box: tuple[float, float, float, float], *,
               touching: bool = False) -> tuple[str, tuple[float, ...]]:
    """A WHERE condition, with its parameters, for the features of `table` whose bounding box meets `box`
    (west, south, east, north in WGS 84), answered by the layer's spatial index: the GeoPackage's R-tree
    (the GDAL-made table rtree_<table>_<column>), PostGIS's GiST index (&&). With `touching`, a database
    also leaves out what meets the box only by its bounding box (a neighbouring city whose box covers all
    of Shenzhen), so the candidates it sends are fewer but never miss one the box touches."""
    west, south, east, north = box
    if is_postgres(db):
        test = "ST_Intersects({}, ST_MakeEnvelope(?, ?, ?, ?, 4326))" if touching else \
            "{} && ST_MakeEnvelope(?, ?, ?, ?, 4326)"
        return test.format(quoted(column)), (west, south, east, north)
    return f"fid IN (SELECT id FROM {rtree_table(table, column)} WHERE {RTREE_MEETS})", (east, west, north, south)


def _pick_rank(table: str, geometry: BaseGeometry, point: shapely.Point, radius: float) -> tuple | None:
    """(order, measure) of a candidate under the point, or None when it is not under it."""
    kind = geometry.geom_type
    if kind in ("Point", "MultiPoint"):
        distance = geometry.distance(point)
        return (0, distance) if distance <= radius else None
    if kind in ("LineString", "MultiLineString"):
        distance = geometry.distance(point)
        return (3 if table in _STRUCTURE_LAYERS else 1, distance) if distance <= radius else None
    if not geometry.covers(point):
        return None
    return (4 if table in _CONTEXT_LAYERS else 2, geometry.area)


def layer_summaries(db: sqlite3.Connection) -> list[LayerSummary]:
    titles = {layer.name: layer for layer in FEATURE_LAYERS}
    summaries = []
    for table in layer_tables(db):
        mix = dict(db.execute(f"SELECT accuracy, count(*) FROM {quoted(table)} GROUP BY accuracy").fetchall())
        known = titles.get(table)
        geometry = geometry_column(db, table)
        summaries.append(LayerSummary(
            table, known.title if known else table, known.group if known else "导入图层",
            geometry.geometry_type if geometry else "", sum(mix.values()), mix,
        ))
    return summaries


_TARGET_COLUMNS = """t.id, t.document_id, d.title, t.passage_id, t.scope, t.category, t.number, t.indicator,
    t.value_text, t.value, t.comparator, t.unit, t.year, t.binding, t.is_result, t.base_value_text,
    t.table_name, t.kind, t.value_max, t.period, t.span_start, t.span_end"""


def _target_views(rows: list[tuple]) -> list[TargetView]:
    return [TargetView(*row[:14], bool(row[14]), *row[15:]) for row in rows]


def targets_for(db: sqlite3.Connection, feature_id: str) -> list[TargetView]:
    rows = db.execute(
        f"""SELECT {_TARGET_COLUMNS} FROM feature_targets ft JOIN targets t ON t.id = ft.target_id
            JOIN documents d ON d.id = t.document_id WHERE ft.feature_id = ?
            ORDER BY d.position, t.id""",
        (feature_id,),
    ).fetchall()
    return _target_views(rows)


def target_places(db: sqlite3.Connection) -> dict[int, str]:
    """Target id -> the feature it is linked to (the smallest id when there are several, by code point: in Python,
    as a database's collation may order text otherwise)."""
    places: dict[int, str] = {}
    for target_id, feature_id in db.execute("SELECT target_id, feature_id FROM feature_targets"):
        places[target_id] = min(places.get(target_id, feature_id), feature_id)
    return places


def target_sources(db: sqlite3.Connection, target_ids: list[int]) -> list[TargetSourceView]:
    """The other passages stating these targets (a table row repeated in prose), in passage order."""
    where, ids = one_of(db, "target_id", target_ids)
    rows = db.execute(
        "SELECT target_id, passage_id, span_start, span_end, value_text, comparator FROM target_sources "
        "WHERE " + where + " ORDER BY target_id, passage_id",
        (ids,),
    ).fetchall()
    return [TargetSourceView(*row) for row in rows]


def targets(db: sqlite3.Connection, document_id: str | None = None, scope: str | None = None, *,
            kind: str | None = None, year: int | None = None) -> list[TargetView]:
    """Targets, optionally of one document and/or one scope (a district name, 深圳市, or a feature name),
    of one kind (target, result, baseline) and of one year."""
    clauses, params = [], []
    if kind:
        clauses.append("t.kind = ?")
        params.append(kind)
    if year is not None:
        clauses.append("t.year = ?")
        params.append(year)
    if document_id:
        clauses.append("t.document_id = ?")
        params.append(document_id)
    if scope:
        clauses.append(
            "(t.scope = ? OR t.id IN (SELECT ft.target_id FROM feature_targets ft WHERE ft.feature_id = ?))"
        )
        info = find_feature(db, scope)
        params += [scope, info.feature.id if info else scope]
    where = "WHERE " + " AND ".join(clauses) if clauses else ""
    rows = db.execute(
        f"SELECT {_TARGET_COLUMNS} FROM targets t JOIN documents d ON d.id = t.document_id {where} "
        "ORDER BY d.position, t.id",
        params,
    ).fetchall()
    return _target_views(rows)
