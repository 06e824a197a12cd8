"""Reading features back from the store: by id or name, at a point, per layer; and their targets."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

import shapely
from shapely.geometry.base import BaseGeometry

from geodata.features import FEATURE_LAYERS, Feature

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


def geometry_from_gpkg(blob: bytes) -> BaseGeometry:
    """Decode a GeoPackage geometry blob (GP header + envelope + WKB) without GDAL."""
    flags = blob[3]
    envelope = _ENVELOPE_BYTES[(flags >> 1) & 0b111]
    return shapely.from_wkb(blob[8 + envelope:])


def layer_tables(db: sqlite3.Connection) -> list[str]:
    """Feature layers present in the store, built-in ones first in their fixed order."""
    present = {row[0] for row in db.execute("SELECT table_name FROM gpkg_contents WHERE data_type='features'")}
    builtin = [layer.name for layer in FEATURE_LAYERS if layer.name in present]
    return builtin + sorted(present - set(builtin))


def _feature_from_row(layer: str, row: tuple) -> FeatureInfo:
    (fid, name, kind, aliases, districts, structure, planned, status, stations, accuracy, note, source,
     area, length) = row
    feature = Feature(
        id=fid, name=name, layer=layer, kind=kind, aliases=tuple(json.loads(aliases or "[]")),
        districts=tuple(json.loads(districts or "[]")), structure=structure, planned_area_km2=planned,
        status=status, stations=tuple(json.loads(stations or "[]")), accuracy=accuracy, note=note or "",
        source=source or "",
    )
    return FeatureInfo(feature, area, length)


def features(db: sqlite3.Connection, layer: str | None = None) -> list[FeatureInfo]:
    result = []
    for table in [layer] if layer else layer_tables(db):
        rows = db.execute(f'SELECT {_FEATURE_COLUMNS} FROM "{table}" ORDER BY fid').fetchall()
        result += [_feature_from_row(table, row) for row in rows]
    return result


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


def geometry_of(db: sqlite3.Connection, info: FeatureInfo) -> BaseGeometry:
    column = db.execute(
        "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (info.feature.layer,)
    ).fetchone()[0]
    blob = db.execute(f'SELECT "{column}" FROM "{info.feature.layer}" WHERE id = ?', (info.feature.id,)).fetchone()
    return geometry_from_gpkg(blob[0])


def features_at(db: sqlite3.Connection, lon: float, lat: float, tolerance_deg: float = 0.002) -> list[FeatureInfo]:
    """Features whose geometry covers the point, or passes within `tolerance_deg` of it (lines, points).
    Candidates come from each layer's GeoPackage R-tree, so a large imported layer costs little."""
    point = shapely.Point(lon, lat)
    hits = []
    for table in layer_tables(db):
        column = db.execute(
            "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (table,)
        ).fetchone()[0]
        rows = db.execute(
            f"""SELECT {_FEATURE_COLUMNS}, "{column}" FROM "{table}" WHERE fid IN (
                    SELECT id FROM "rtree_{table}_{column}"
                    WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?)""",
            (lon + tolerance_deg, lon - tolerance_deg, lat + tolerance_deg, lat - tolerance_deg),
        ).fetchall()
        for row in rows:
            geometry = geometry_from_gpkg(row[-1])
            if geometry.covers(point) or geometry.distance(point) <= tolerance_deg:
                hits.append(_feature_from_row(table, row[:-1]))
    return hits


def layer_summaries(db: sqlite3.Connection) -> list[LayerSummary]:
    titles = {layer.name: layer for layer in FEATURE_LAYERS}
    summaries = []
    for table in layer_tables(db):
        mix = dict(db.execute(f'SELECT accuracy, count(*) FROM "{table}" GROUP BY accuracy').fetchall())
        known = titles.get(table)
        geometry_type = db.execute(
            "SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = ?", (table,)
        ).fetchone()[0]
        summaries.append(LayerSummary(
            table, known.title if known else table, known.group if known else "导入图层",
            geometry_type, sum(mix.values()), mix,
        ))
    return summaries


_TARGET_COLUMNS = """t.id, t.document_id, d.title, t.passage_id, t.scope, t.category, t.number, t.indicator,
    t.value_text, t.value, t.comparator, t.unit, t.year, t.binding, t.is_result, t.base_value_text,
    t.table_name"""


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


def targets(db: sqlite3.Connection, document_id: str | None = None, scope: str | None = None) -> list[TargetView]:
    """Targets, optionally of one document and/or one scope (a district name, 深圳市, or a feature name)."""
    clauses, params = [], []
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
