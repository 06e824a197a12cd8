"""Making imported geometry fit the store: Z dropped, empty ones skipped, invalid ones repaired with
make_valid, and one geometry family per layer (polygons, lines, points), each as its multi type."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

# shapely type ids by family; GeometryCollection (7) is resolved to its highest-dimension family.
FAMILY_OF_TYPE = {0: "points", 4: "points", 1: "lines", 2: "lines", 5: "lines", 3: "polygons", 6: "polygons"}
FAMILY_SUFFIX = {"polygons": "面", "lines": "线", "points": "点"}
FAMILY_GEOMETRY_TYPE = {"polygons": "MultiPolygon", "lines": "MultiLineString", "points": "Point"}
FAMILY_ORDER = ("polygons", "lines", "points")


@dataclass(frozen=True)
class CleanCounts:
    repaired: int
    skipped_empty: int
    z_dropped: int


@dataclass
class Family:
    """The rows of one geometry family: indices into the source rows, and their cleaned geometries."""

    name: str
    rows: np.ndarray
    geometries: np.ndarray
    geometry_type: str


def clean(geometries: np.ndarray) -> tuple[list[Family], CleanCounts]:
    """Cleaned geometries split by family, in FAMILY_ORDER, with what was done to them."""
    geometries = np.asarray(geometries, dtype=object)
    missing = np.array([g is None for g in geometries], dtype=bool)
    geometries = np.where(missing, shapely.from_wkt("GEOMETRYCOLLECTION EMPTY"), geometries)
    has_z = shapely.has_z(geometries)
    geometries = np.where(has_z, shapely.force_2d(geometries), geometries)
    empty = shapely.is_empty(geometries)
    invalid = ~empty & ~shapely.is_valid(geometries)
    if invalid.any():
        geometries[invalid] = shapely.make_valid(geometries[invalid])
    collections = shapely.get_type_id(geometries) == 7
    for index in np.flatnonzero(collections & ~empty):
        geometries[index] = dominant_part(geometries[index])
    empty |= shapely.is_empty(geometries)
    type_ids = shapely.get_type_id(geometries)
    families = []
    for family in FAMILY_ORDER:
        ids = [type_id for type_id, name in FAMILY_OF_TYPE.items() if name == family]
        wanted = np.isin(type_ids, ids) & ~empty
        rows = np.flatnonzero(wanted)
        if len(rows):
            families.append(Family(family, rows, *as_family_type(family, geometries[rows])))
    counts = CleanCounts(int(invalid.sum()), int(empty.sum()), int(has_z.sum()))
    return families, counts


def dominant_part(collection: shapely.GeometryCollection) -> shapely.Geometry:
    """The polygons of a collection (make_valid can leave stray lines beside them), else its lines,
    else its points, merged into one multi geometry."""
    parts = shapely.get_parts(collection)
    for family in FAMILY_ORDER:
        chosen = [part for part in parts if FAMILY_OF_TYPE.get(int(shapely.get_type_id(part))) == family]
        if not chosen:
            continue
        if family == "polygons":
            return shapely.union_all(chosen)
        singles = [single for part in chosen for single in shapely.get_parts(part)]
        return shapely.multilinestrings(singles) if family == "lines" else shapely.multipoints(singles)
    return shapely.from_wkt("GEOMETRYCOLLECTION EMPTY")


def as_family_type(family: str, geometries: np.ndarray) -> tuple[np.ndarray, str]:
    """Promote single geometries to the family's multi type (points stay points unless some are multi)."""
    type_ids = shapely.get_type_id(geometries)
    if family == "polygons":
        promote(geometries, type_ids == 3, shapely.multipolygons)
        return geometries, "MultiPolygon"
    if family == "lines":
        rings = type_ids == 2
        for index in np.flatnonzero(rings):
            geometries[index] = shapely.linestrings(shapely.get_coordinates(geometries[index]))
        promote(geometries, type_ids != 5, shapely.multilinestrings)
        return geometries, "MultiLineString"
    if (type_ids == 4).any():
        promote(geometries, type_ids == 0, shapely.multipoints)
        return geometries, "MultiPoint"
    return geometries, "Point"


def promote(geometries: np.ndarray, single: np.ndarray, make_multi) -> None:
    """Wrap the geometries selected by `single` in their multi type, in place, vectorized."""
    if single.any():
        geometries[single] = make_multi(geometries[single], indices=np.arange(int(single.sum())))
