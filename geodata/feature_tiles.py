"""Tiles of the store's big layers for the window's map: what one 256-pixel Web Mercator tile shows of a
layer, as compact JSON in the tile's own pixel grid.

A layer with more than TILED_FROM_FEATURES features is not written into the map page (100k parcels made a
27 MB page and a 13 s start); the page asks for it tile by tile (desktop/feature_tile_scheme.py). In a tile,
a feature at least SUBPIXEL_PX wide or tall at that zoom is a shape: clipped to the tile and a small buffer,
simplified to a pixel and rounded to quarter pixels (GEOS's precision reducer mends the few that rounding
makes invalid). Smaller features are the share of each pixel their boxes cover (a coverage mask) unless the
tile holds only a few, so a tile carries at most about (256 / SUBPIXEL_PX)² shapes at any zoom, whatever the
layer's size. Candidates come from the layer's spatial index: a GeoPackage's R-tree, read once as arrays
(LayerBoxes), or a database's GiST index, asked for each tile's boxes.
"""

from __future__ import annotations

import base64
import json
import math
import sqlite3
import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geodata.feature_queries import (
    box_filter,
    feature_by_id,
    geometries_from_store,
    geometry_of,
    layer_geometry_columns,
    layer_tables,
    one_of,
)
from geodata.spatial import datum
from geodata.spatial.labels import label_point
from geodata.sql import (
    geometry_value,
    has_table,
    is_postgres,
    postgis_boxes_sql,
    postgis_extent_sql,
    quoted,
    row_count,
    rtree_boxes_sql,
    rtree_nodes_sql,
)
from geodata.user_data import layer_style_overrides

TILED_FROM_FEATURES = 5_000  # a layer with more features than this is drawn by tile, not inlined in the page
TILE_PX = 256
UNITS_PER_PX = 4  # coordinates are integers in quarter pixels: 0..EXTENT across the tile
EXTENT = TILE_PX * UNITS_PER_PX
BUFFER_PX = 4  # shapes reach this far past the tile's edge, so strokes meet their neighbour tile's
SUBPIXEL_PX = 3.0  # a feature narrower and lower than this is drawn as its share of the pixels it covers ...
SMALL_SHAPES_AT_MOST = 1_000  # ... when the tile holds more such features than this
LABEL_MIN_ZOOM = 16  # labels from the layer's label field appear from this zoom on
LABEL_REACH_PX = 96  # a label whose point lies this far outside the tile may still cross into it
GCJ02_REACH_DEG = 0.01  # the GCJ-02 shift is under 700 m around Shenzhen
CACHED_TILE_BYTES = 32 * 1024 * 1024
READ_WHOLE_FROM = 5_000  # a tile with this many candidates has the layer's boxes read whole for the next ones
PREMADE_TABLE = "layer_tiles"  # tiles made at import (geodata/premade_tiles.py), read before making one
PREMADE_MAX_ZOOM = LABEL_MIN_ZOOM - 1  # premade tiles carry no labels, so the label field can change freely
TILE_FORMAT = 1  # the tiles' JSON layout: a premade tile of another format is made again, never served
_ENTRY = np.dtype([("id", ">i8"), ("minx", ">f4"), ("maxx", ">f4"), ("miny", ">f4"), ("maxy", ">f4")])


class MissingLayer(LookupError):
    """The page asked for a layer the store does not have (removed or renamed since the page was written)."""


class UnreadableStore(Exception):
    """The store's file cannot be read as a GeoPackage (damaged, or not a store)."""


@dataclass(frozen=True)
class LayerBoxes:
    """Features' bounding boxes (WGS 84, float32 rounded outwards as in an R-tree): the tiles' candidates."""

    fid: np.ndarray
    minx: np.ndarray
    maxx: np.ndarray
    miny: np.ndarray
    maxy: np.ndarray


@dataclass(frozen=True)
class TileFrame:
    """Where a tile lies: its zoom and column/row, and its WGS 84 bounds."""

    z: int
    x: int
    y: int

    @property
    def scale(self) -> float:
        return float(2 ** self.z) * TILE_PX * UNITS_PER_PX  # units across the world at this zoom

    def bounds(self) -> tuple[float, float, float, float]:
        n = 2.0 ** self.z
        west, east = self.x / n * 360 - 180, (self.x + 1) / n * 360 - 180
        north = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * self.y / n))))
        south = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * (self.y + 1) / n))))
        return west, south, east, north

    def units(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """WGS 84 (or GCJ-02) degrees to this tile's units (Web Mercator, y down)."""
        px = (np.asarray(lon, dtype=np.float64) + 180.0) / 360.0 * self.scale - self.x * EXTENT
        lat_r = np.radians(np.clip(np.asarray(lat, dtype=np.float64), -85.05, 85.05))
        py = (1.0 - np.arcsinh(np.tan(lat_r)) / math.pi) / 2.0 * self.scale - self.y * EXTENT
        return px, py

    def reach(self, pixels: float) -> tuple[float, float, float, float]:
        """The tile's bounds grown by `pixels` on every side."""
        west, south, east, north = self.bounds()
        dx, dy = (east - west) / TILE_PX * pixels, (north - south) / TILE_PX * pixels
        return west - dx, south - dy, east + dx, north + dy


def tiled_layers(db: sqlite3.Connection) -> list[str]:
    """The layers too big to inline in the map page: drawn by tile and read by id, never all at once."""
    return [layer for layer in layer_tables(db) if row_count(db, layer) > TILED_FROM_FEATURES]


def _geometry_name(db: sqlite3.Connection, layer: str) -> str:
    column = layer_geometry_columns(db).get(layer)
    if column is None:
        raise MissingLayer(layer)
    return column


def boxes_in(db: sqlite3.Connection, layer: str, box: tuple[float, float, float, float]) -> LayerBoxes:
    """The boxes of a database layer's features that meet `box` (west, south, east, north), by its GiST index."""
    column = _geometry_name(db, layer)
    where, params = box_filter(db, layer, column, box)
    rows = db.execute(postgis_boxes_sql(layer, column, where), params).fetchall()
    values = np.array(rows, dtype=np.float64).reshape(-1, 5)
    return LayerBoxes(values[:, 0].astype(np.int64), _float32(values[:, 1], -np.inf),
                      _float32(values[:, 2], np.inf), _float32(values[:, 3], -np.inf), _float32(values[:, 4], np.inf))


def rtree_boxes(db: sqlite3.Connection, layer: str, box: tuple[float, float, float, float]) -> LayerBoxes:
    """The boxes of a GeoPackage layer's features that meet `box` (west, south, east, north), as its R-tree
    keeps them."""
    west, south, east, north = box
    try:
        rows = db.execute(rtree_boxes_sql(layer, _geometry_name(db, layer)), (east, west, north, south)).fetchall()
    except sqlite3.DatabaseError as error:
        raise UnreadableStore(str(error)) from error
    values = np.array(rows, dtype=np.float64).reshape(-1, 5)
    return LayerBoxes(values[:, 0].astype(np.int64), *(values[:, column].astype(np.float32)
                                                        for column in range(1, 5)))


def _float32(values: np.ndarray, outwards: float) -> np.ndarray:
    """Doubles as float32 rounded towards `outwards` (as SQLite's R-tree stores bounds), never inwards."""
    rounded = values.astype(np.float32)
    inwards = (rounded > values) if outwards < 0 else (rounded < values)
    return np.where(inwards, np.nextafter(rounded, np.float32(outwards)), rounded)


def read_boxes(db: sqlite3.Connection, layer: str) -> LayerBoxes:
    """A GeoPackage layer's boxes: its R-tree's leaf cells, decoded as arrays in one pass (SQLite's node format,
    rtree.c: a 2-byte depth, a 2-byte cell count, then per cell an 8-byte id and four big-endian float32 bounds):
    a million boxes in well under a second, where reading the R-tree's rows one by one takes seconds."""
    column = _geometry_name(db, layer)
    try:
        blobs = db.execute(rtree_nodes_sql(layer, column, leaves=True)).fetchall()
    except sqlite3.DatabaseError as error:
        raise UnreadableStore(str(error)) from error
    cells = []
    for (blob,) in blobs:
        end = 4 + int.from_bytes(blob[2:4], "big") * _ENTRY.itemsize
        if end > len(blob):
            raise UnreadableStore(f"the spatial index of {layer} is damaged")
        cells.append(blob[4:end])
    entries = np.frombuffer(b"".join(cells), dtype=_ENTRY)
    return LayerBoxes(entries["id"].astype(np.int64), *(entries[name].astype(np.float32)
                                                      for name in ("minx", "maxx", "miny", "maxy")))


def layer_bounds(db: sqlite3.Connection, layer: str) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of a layer: the union of its R-tree root's cells (a database's extent of
    its features); None when it is empty."""
    column = _geometry_name(db, layer)
    if is_postgres(db):
        row = db.execute(postgis_extent_sql(layer, column)).fetchone()
        return None if row[0] is None else tuple(float(v) for v in row)
    row = db.execute(rtree_nodes_sql(layer, column, leaves=False)).fetchone()
    count = int.from_bytes(row[0][2:4], "big") if row else 0
    if not count:
        return None
    cells = np.frombuffer(row[0], dtype=_ENTRY, count=count, offset=4)
    return (float(cells["minx"].min()), float(cells["miny"].min()), float(cells["maxx"].max()),
            float(cells["maxy"].max()))


class TileCache:
    """What the tile sources of one store share across threads: each layer's boxes, read once, and the
    recent tiles (panning back costs nothing), at most CACHED_TILE_BYTES of them."""

    def __init__(self) -> None:
        self.boxes: dict[str, LayerBoxes] = {}
        self._tiles: OrderedDict[tuple, bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple) -> bytes | None:
        with self._lock:
            found = self._tiles.get(key)
            if found is not None:
                self._tiles.move_to_end(key)
            return found

    def put(self, key: tuple, data: bytes) -> None:
        with self._lock:
            if key in self._tiles:
                return
            self._tiles[key] = data
            self._bytes += len(data)
            while self._bytes > CACHED_TILE_BYTES and self._tiles:
                self._bytes -= len(self._tiles.popitem(last=False)[1])


class TileSource:
    """Tiles of one open store, kept in `cache` (shared by the sources of other threads on the same store,
    or its own). Use one per connection, on the connection's thread."""

    def __init__(self, db: sqlite3.Connection, cache: TileCache | None = None) -> None:
        self.db = db
        self.cache = cache if cache is not None else TileCache()
        self._label_fields: dict[str, str | None] | None = None
        self._has_premade: bool | None = None
        self._tiled: list[str] | None = None

    def boxes(self, layer: str, box: tuple[float, float, float, float]) -> LayerBoxes:
        """The boxes of `layer` that meet `box`, asked of the layer's spatial index (a database's GiST, a
        GeoPackage's R-tree), or for a GeoPackage layer whose tiles have asked for many boxes, picked from all
        its boxes, read whole once: the R-tree answers in time with what it finds (a close tile's few dozen
        parcels in a millisecond, where going through a million boxes takes ten), the arrays in time with the
        layer (a zoomed-out tile's tens of thousands)."""
        if is_postgres(self.db):
            return boxes_in(self.db, layer, box)
        boxes = self.cache.boxes.get(layer)
        if boxes is None:
            found = rtree_boxes(self.db, layer, box)
            if len(found.fid) < READ_WHOLE_FROM:
                return found
            # two threads may both read it the first time: the same arrays either way
            boxes = self.cache.boxes.setdefault(layer, read_boxes(self.db, layer))
        west, south, east, north = box
        inside = np.flatnonzero((boxes.minx <= east) & (boxes.maxx >= west) & (boxes.miny <= north)
                                & (boxes.maxy >= south))
        return LayerBoxes(*(values[inside] for values in (boxes.fid, boxes.minx, boxes.maxx, boxes.miny,
                                                          boxes.maxy)))

    def label_field(self, layer: str) -> str | None:
        if self._label_fields is None:
            self._label_fields = {name: style.label_field for name, style in layer_style_overrides(self.db).items()}
        return self._label_fields.get(layer)

    def tile(self, layer: str, z: int, x: int, y: int, shift_gcj02: bool = False) -> bytes:
        """The tile as UTF-8 JSON (see layer_tile): a ready one (see ready_tile) or one made now. Raises
        MissingLayer or UnreadableStore."""
        data = self.ready_tile(layer, z, x, y, shift_gcj02)
        if data is None:
            try:
                data = self.made(layer, TileFrame(z, x, y), shift_gcj02)
            except sqlite3.DatabaseError as error:
                raise UnreadableStore(str(error)) from error
            self.cache.put((layer, z, x, y, shift_gcj02), data)
        return data

    def ready_tile(self, layer: str, z: int, x: int, y: int, shift_gcj02: bool = False) -> bytes | None:
        """The tile if it needs no making: one of the recent tiles, or made at import (geodata/premade_tiles.py);
        None otherwise. Raises UnreadableStore."""
        key = (layer, z, x, y, shift_gcj02)
        data = self.cache.get(key)
        if data is None and not shift_gcj02:
            try:
                data = self._premade(layer, z, x, y)
            except sqlite3.DatabaseError as error:
                raise UnreadableStore(str(error)) from error
            if data is not None:
                self.cache.put(key, data)
        return data

    def made(self, layer: str, frame: TileFrame, shift_gcj02: bool = False) -> bytes:
        """The tile made from the layer's features now, as UTF-8 JSON."""
        return json.dumps(self._tile(layer, frame, shift_gcj02), ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")

    def _premade(self, layer: str, z: int, x: int, y: int) -> bytes | None:
        """The tile as the import made it (in WGS 84, up to PREMADE_MAX_ZOOM), if the store has it."""
        if z > PREMADE_MAX_ZOOM:
            return None
        if self._has_premade is None:
            self._has_premade = has_table(self.db, PREMADE_TABLE)
        if not self._has_premade:
            return None
        row = self.db.execute("SELECT data FROM layer_tiles WHERE layer = ? AND z = ? AND x = ? AND y = ? "
                              "AND format = ?", (layer, z, x, y, TILE_FORMAT)).fetchone()
        return None if row is None else bytes(row[0])

    def outline(self, feature_id: str, shift_gcj02: bool = False) -> bytes | None:
        """The selected feature's outline (see feature_outline). Raises UnreadableStore."""
        try:
            if self._tiled is None:  # counting a million features takes some ms: once per connection
                self._tiled = tiled_layers(self.db)
            return feature_outline(self.db, feature_id, shift_gcj02, self._tiled)
        except sqlite3.DatabaseError as error:
            raise UnreadableStore(str(error)) from error

    def _tile(self, layer: str, frame: TileFrame, shift: bool) -> dict:
        field = self.label_field(layer) if frame.z >= LABEL_MIN_ZOOM else None
        west, south, east, north = frame.reach(LABEL_REACH_PX if field else BUFFER_PX)
        if shift:
            west, south, east, north = (west - GCJ02_REACH_DEG, south - GCJ02_REACH_DEG,
                                        east + GCJ02_REACH_DEG, north + GCJ02_REACH_DEG)
        boxes = self.boxes(layer, (west, south, east, north))
        x0, y0 = frame.units(boxes.minx, boxes.maxy)
        x1, y1 = frame.units(boxes.maxx, boxes.miny)
        if shift:
            x0, y0 = frame.units(*datum.wgs84_to_gcj02(boxes.minx, boxes.maxy))
            x1, y1 = frame.units(*datum.wgs84_to_gcj02(boxes.maxx, boxes.miny))
        small = np.maximum(x1 - x0, y1 - y0) < SUBPIXEL_PX * UNITS_PER_PX
        tile: dict = {"extent": EXTENT}
        fids = boxes.fid
        if np.count_nonzero(small) > SMALL_SHAPES_AT_MOST:
            tile["cells"] = coverage(x0[small], y0[small], x1[small], y1[small])
            fids = fids[~small]
        tile.update(self._shapes(layer, fids, frame, shift, field))
        return tile

    def _shapes(self, layer: str, fids: np.ndarray, frame: TileFrame, shift: bool, field: str | None) -> dict:
        if not len(fids):
            return {"props": []}
        column = geometry_value(self.db, _geometry_name(self.db, layer))
        label = f", {quoted(field)}" if field else ", NULL"
        where, ids = one_of(self.db, "fid", fids.tolist())
        rows = self.db.execute(
            f"SELECT kind, accuracy, {column}{label} FROM {quoted(layer)} WHERE {where} ORDER BY fid", (ids,),
        ).fetchall()
        geometries = geometries_from_store(self.db, [row[2] for row in rows])
        if shift:
            geometries = shapely.transform(geometries, lambda xy: np.column_stack(datum.wgs84_to_gcj02(xy[:, 0],
                                                                                                      xy[:, 1])))
        props: dict[tuple[str, str], int] = {}
        prop = np.array([props.setdefault((str(row[0] or ""), str(row[1] or "")), len(props)) for row in rows])
        out = {"props": [list(key) for key in props], **encoded(tile_shapes(geometries, frame), prop)}
        if field:
            out["labels"] = tile_labels(geometries, [row[3] for row in rows], frame)
        return out


def layer_tile(db: sqlite3.Connection, layer: str, z: int, x: int, y: int, shift_gcj02: bool = False) -> bytes:
    """One tile of `layer` as UTF-8 JSON: {"extent": 1024, "props": [[kind, accuracy], …], "areas", "lines",
    "points": the shapes (see encoded), "cells": the small features' coverage (see coverage), "labels":
    [[x, y, text], …] (from LABEL_MIN_ZOOM, for a layer with a label field)}, each part only when it has
    something. Coordinates are integers in the tile's units (0..extent, y down)."""
    return TileSource(db).tile(layer, z, x, y, shift_gcj02)


def coverage(x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray) -> str:
    """How much of each of the tile's pixels small boxes (in tile units) cover, as an alpha byte per pixel
    (row by row), zlib-compressed and base64-encoded: a field of parcels smaller than a pixel shows as the
    share of the ground they cover, not as a solid block. A box thinner than a quarter pixel (a point, a
    straight line) counts as one pixel wide there."""
    thin = 1.0 / UNITS_PER_PX
    left, top = x0 / UNITS_PER_PX, y0 / UNITS_PER_PX
    width = np.maximum(x1 / UNITS_PER_PX - left, 0.0)
    height = np.maximum(y1 / UNITS_PER_PX - top, 0.0)
    left, width = np.where(width < thin, left + width / 2 - 0.5, left), np.where(width < thin, 1.0, width)
    top, height = np.where(height < thin, top + height / 2 - 0.5, top), np.where(height < thin, 1.0, height)
    right, bottom = left + width, top + height
    covered = np.zeros(TILE_PX * TILE_PX)
    first_col, first_row = np.floor(left).astype(np.int64), np.floor(top).astype(np.int64)
    span = math.ceil(SUBPIXEL_PX) + 1
    for dx in range(span):
        col = first_col + dx
        share_x = np.clip(np.minimum(right, col + 1) - np.maximum(left, col), 0.0, 1.0)
        for dy in range(span):
            row = first_row + dy
            share = share_x * np.clip(np.minimum(bottom, row + 1) - np.maximum(top, row), 0.0, 1.0)
            keep = (share > 0) & (col >= 0) & (col < TILE_PX) & (row >= 0) & (row < TILE_PX)
            covered += np.bincount(row[keep] * TILE_PX + col[keep], share[keep], TILE_PX * TILE_PX)
    alpha = np.rint(np.minimum(covered, 1.0) * 255).astype(np.uint8)
    return base64.b64encode(zlib.compress(alpha.tobytes(), 6)).decode("ascii")


def tile_shapes(geometries: np.ndarray, frame: TileFrame) -> np.ndarray:
    """Each geometry in whole tile units, simplified to a pixel and clipped to the tile and its buffer;
    the few that rounding makes invalid are snapped by GEOS's precision reducer instead (valid output,
    collapsed parts dropped). Empty where nothing is left."""
    def to_units(xy: np.ndarray) -> np.ndarray:
        return np.round(np.column_stack(frame.units(xy[:, 0], xy[:, 1])))

    if not len(geometries):
        return np.empty(0, dtype=object)
    shapes = shapely.transform(geometries, to_units)
    detailed = shapely.get_num_coordinates(shapes) > 5  # a box or a triangle has nothing to simplify away
    shapes[detailed] = shapely.simplify(shapes[detailed], UNITS_PER_PX, preserve_topology=True)
    edge = BUFFER_PX * UNITS_PER_PX
    bounds = shapely.bounds(shapes)
    crossing = ((bounds[:, 0] < -edge) | (bounds[:, 1] < -edge) | (bounds[:, 2] > EXTENT + edge)
                | (bounds[:, 3] > EXTENT + edge))
    unrounded = shapely.clip_by_rect(shapes[crossing], -edge, -edge, EXTENT + edge, EXTENT + edge)
    shapes[crossing] = shapely.transform(unrounded, np.round)
    invalid = ~shapely.is_valid(shapes)
    shapes[invalid] = shapely.set_precision(shapes[invalid], 1.0)
    return shapes


_FAMILIES = {"areas": (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON),
             "lines": (shapely.GeometryType.LINESTRING, shapely.GeometryType.MULTILINESTRING),
             "points": (shapely.GeometryType.POINT, shapely.GeometryType.MULTIPOINT)}


def encoded(shapes: np.ndarray, prop: np.ndarray) -> dict[str, dict]:
    """The shapes as flat arrays per family, as shapely's ragged arrays: "areas", "lines" and "points", each
    with "props" (the style index of each shape), "coords" (x, y, x, y, … in whole units, int16) and the
    offsets that cut them (int32): areas "rings" (points per ring), "polygons" (rings per polygon), "parts"
    (polygons per shape); lines "lines" and "parts"; points "parts"; each array packed (see packed). A
    collection keeps its parts of one family; empty shapes are left out."""
    shapes = np.array(shapes, dtype=object)
    types = shapely.get_type_id(shapes)
    for row in np.flatnonzero(types == shapely.GeometryType.GEOMETRYCOLLECTION):
        shapes[row] = _one_family(shapes[row])
        types[row] = shapely.get_type_id(shapes[row])
    out = {}
    for family, kinds in _FAMILIES.items():
        rows = np.flatnonzero(np.isin(types, kinds) & ~shapely.is_empty(shapes))
        if not len(rows):
            continue
        kind, coords, offsets = shapely.to_ragged_array(shapes[rows])
        if kind in (shapely.GeometryType.POINT, shapely.GeometryType.LINESTRING, shapely.GeometryType.POLYGON):
            offsets = (*offsets, np.arange(len(rows) + 1))  # one part per shape
        names = {"areas": ("rings", "polygons", "parts"), "lines": ("lines", "parts"), "points": ("parts",)}[family]
        out[family] = {"props": packed(prop[rows], "<i4"), "coords": packed(coords[:, :2].ravel(), "<i2"),
                       **{name: packed(offset, "<i4") for name, offset in zip(names, offsets)}}
    return out


def packed(values: np.ndarray, dtype: str) -> str:
    """Integers as base64 of little-endian binary (coordinates as int16, offsets as int32): a tenth of the
    time and half the bytes of JSON numbers, read in the page as typed arrays."""
    return base64.b64encode(np.rint(values).astype(dtype).tobytes()).decode("ascii")


def _one_family(shape: BaseGeometry) -> BaseGeometry | None:
    """A geometry collection (left by clipping or snapping) as the multi-part of its first family."""
    parts = shapely.get_parts(shape)
    for kind, make in (("Polygon", shapely.multipolygons), ("LineString", shapely.multilinestrings),
                       ("Point", shapely.multipoints)):
        found = [part for part in parts if part.geom_type == kind]
        if found:
            return make(found)
    return None


def tile_labels(geometries: np.ndarray, texts: list, frame: TileFrame) -> list[list]:
    """[x, y, text] of each feature with label text whose label point (geodata.spatial.labels) lies within
    LABEL_REACH_PX of the tile, in tile units; the largest features first, so they win a crowded spot."""
    reach = LABEL_REACH_PX * UNITS_PER_PX
    found = []
    for geometry, text in zip(geometries, texts):
        if text is None or not str(text).strip():
            continue
        point = label_point(geometry)
        if point is None:
            continue
        px, py = frame.units(np.array([point[0]]), np.array([point[1]]))
        if -reach <= px[0] <= EXTENT + reach and -reach <= py[0] <= EXTENT + reach:
            size = geometry.area or geometry.length
            found.append((-size, [int(round(px[0])), int(round(py[0])), str(text).strip()]))
    found.sort(key=lambda item: item[0])
    return [label for _, label in found]


OUTLINE_DECIMALS = 6  # about 0.1 m: the selected feature is drawn as exactly as the store has it


def feature_outline(db: sqlite3.Connection, feature_id: str, shift_gcj02: bool = False,
                    tiled: list[str] | None = None) -> bytes | None:
    """The selected feature of a tiled layer as a GeoJSON Feature (UTF-8), for the page to highlight whole
    (its tiles hold it only in pieces); properties id, layer, kind, accuracy. None when no tiled layer
    (`tiled`: the store's tiled_layers, when known) has it."""
    info = feature_by_id(db, feature_id, tiled_layers(db) if tiled is None else tiled)
    if info is None:
        return None
    geometry = geometry_of(db, info)

    def transform(xy: np.ndarray) -> np.ndarray:
        if shift_gcj02:
            xy = np.column_stack(datum.wgs84_to_gcj02(xy[:, 0], xy[:, 1]))
        return np.round(xy, OUTLINE_DECIMALS)

    feature = {"type": "Feature", "geometry": shapely.geometry.mapping(shapely.transform(geometry, transform)),
               "properties": {"id": info.feature.id, "layer": info.feature.layer, "kind": info.feature.kind,
                              "accuracy": info.feature.accuracy}}
    return json.dumps(feature, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
