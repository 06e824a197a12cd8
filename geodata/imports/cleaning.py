"""Making imported geometry fit the store: geometries with NaN or infinite coordinates dropped, Z dropped,
GeometryCollections (nested ones too) split into their parts, empty ones skipped, invalid ones repaired with
make_valid, and one geometry family per layer (polygons, lines, points), each as its multi type.

A collection's parts go to the layers of their families, each with the collection's attributes: a feature
whose geometry holds a polygon and a line appears in the 面 and the 线 layer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

# shapely type ids by family; GeometryCollection (7) is split into its parts.
FAMILY_OF_TYPE = {0: "points", 4: "points", 1: "lines", 2: "lines", 5: "lines", 3: "polygons", 6: "polygons"}
FAMILY_SUFFIX = {"polygons": "面", "lines": "线", "points": "点"}
FAMILY_GEOMETRY_TYPE = {"polygons": "MultiPolygon", "lines": "MultiLineString", "points": "Point"}
FAMILY_ORDER = ("polygons", "lines", "points")
COLLECTION = 7
COORDINATES_PER_CHUNK = 2_000_000  # coordinates checked at a time for NaN/Infinity (32 MB)


@dataclass(frozen=True)
class CleanCounts:
    repaired: int
    skipped_empty: int
    z_dropped: int
    non_finite: int = 0  # features dropped: a coordinate is NaN or infinite
    collections: int = 0  # GeometryCollections split into their parts
    collection_parts: tuple[int, int, int] = (0, 0, 0)  # the parts they gave: polygons, lines, points


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
    non_finite = non_finite_rows(geometries)
    geometries[non_finite] = shapely.from_wkt("GEOMETRYCOLLECTION EMPTY")
    has_z = shapely.has_z(geometries)
    geometries = np.where(has_z, shapely.force_2d(geometries), geometries)
    rows, geometries, collections, parts = split_collections(geometries)
    empty = shapely.is_empty(geometries)
    invalid = ~empty & ~shapely.is_valid(geometries)
    if invalid.any():
        geometries[invalid] = shapely.make_valid(geometries[invalid])
    repaired_collections = shapely.get_type_id(geometries) == COLLECTION
    for index in np.flatnonzero(repaired_collections & ~empty):
        geometries[index] = dominant_part(geometries[index])
    empty |= shapely.is_empty(geometries)
    type_ids = shapely.get_type_id(geometries)
    families = []
    for family in FAMILY_ORDER:
        ids = [type_id for type_id, name in FAMILY_OF_TYPE.items() if name == family]
        wanted = np.flatnonzero(np.isin(type_ids, ids) & ~empty)
        if len(wanted):
            families.append(Family(family, rows[wanted], *as_family_type(family, geometries[wanted])))
    placed = np.unique(np.concatenate([family.rows for family in families])) if families else np.empty(0, int)
    skipped = len(missing) - len(placed) - int(non_finite.sum())
    counts = CleanCounts(int(invalid.sum()), skipped, int(has_z.sum()), int(non_finite.sum()), collections, parts)
    return families, counts


def non_finite_rows(geometries: np.ndarray) -> np.ndarray:
    """Which geometries have a NaN or infinite x or y, checked a few million coordinates at a time."""
    bad = np.zeros(len(geometries), dtype=bool)
    cumulative = np.cumsum(shapely.get_num_coordinates(geometries))
    start = 0
    while start < len(geometries):
        before = cumulative[start - 1] if start else 0
        stop = max(start + 1, int(np.searchsorted(cumulative, before + COORDINATES_PER_CHUNK, side="right")))
        coordinates, index = shapely.get_coordinates(geometries[start:stop], return_index=True)
        wrong = ~np.isfinite(coordinates).all(axis=1)
        bad[start + np.unique(index[wrong])] = True
        start = stop
    return bad


def split_collections(geometries: np.ndarray) -> tuple[np.ndarray, np.ndarray, int, tuple[int, int, int]]:
    """Every GeometryCollection replaced by one geometry per family among its parts (nested collections
    opened): (source row of each geometry, geometries, collections split, parts per family)."""
    is_collection = (shapely.get_type_id(geometries) == COLLECTION) & ~shapely.is_empty(geometries)
    if not is_collection.any():
        return np.arange(len(geometries)), geometries, 0, (0, 0, 0)
    rows, result, parts_found = [], [], dict.fromkeys(FAMILY_ORDER, 0)
    for row, geometry in enumerate(geometries):
        if not is_collection[row]:
            rows.append(row)
            result.append(geometry)
            continue
        by_family = {family: [] for family in FAMILY_ORDER}
        for part in leaf_parts(geometry):
            by_family[FAMILY_OF_TYPE[int(shapely.get_type_id(part))]].append(part)
        for family, parts in by_family.items():
            if parts:
                parts_found[family] += len(parts)
                rows.append(row)
                result.append(combined(family, parts))
        if not any(by_family.values()):
            rows.append(row)
            result.append(shapely.from_wkt("GEOMETRYCOLLECTION EMPTY"))
    found = tuple(parts_found[family] for family in FAMILY_ORDER)
    return np.array(rows), np.array(result, dtype=object), int(is_collection.sum()), found


def leaf_parts(geometry: shapely.Geometry) -> list[shapely.Geometry]:
    """The non-empty single geometries of a geometry, collections opened however deeply nested."""
    if shapely.is_empty(geometry):
        return []
    if int(shapely.get_type_id(geometry)) in (4, 5, 6, COLLECTION):
        return [leaf for part in shapely.get_parts(geometry) for leaf in leaf_parts(part)]
    if int(shapely.get_type_id(geometry)) == 2:  # a LinearRing on its own is a line
        return [shapely.linestrings(shapely.get_coordinates(geometry))]
    return [geometry]


def combined(family: str, parts: list[shapely.Geometry]) -> shapely.Geometry:
    if family == "polygons":
        return shapely.multipolygons(parts)
    return shapely.multilinestrings(parts) if family == "lines" else shapely.multipoints(parts)


def dominant_part(collection: shapely.GeometryCollection) -> shapely.Geometry:
    """What make_valid made of a geometry of one family, when it made a collection: its polygons (make_valid
    can leave stray lines beside them), else its lines, else its points, merged into one multi geometry."""
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
