"""Tiles of big layers (geodata/feature_tiles.py): the right parcels in a known tile, nothing outside it,
valid shapes after simplification, small features as coverage, and clear failures."""

from __future__ import annotations

import base64
import json
import math
import shutil
import sqlite3
import zlib
from pathlib import Path

import numpy as np
import pytest
import shapely
from backends import BACKENDS, on_backend
from parcel_grid import parcel_boxes, store_with_parcels

from geodata.feature_tiles import (
    EXTENT,
    LABEL_MIN_ZOOM,
    LABEL_REACH_PX,
    UNITS_PER_PX,
    MissingLayer,
    TileFrame,
    UnreadableStore,
    layer_bounds,
    layer_tile,
    read_boxes,
    tile_shapes,
)
from geodata.imports.imported_layers import set_layer_style
from geodata.spatial import crs
from geodata.store import connect
from geodata.store_address import StoreAddress
from geodata.user_data import LayerStyleOverride

SIDE = 40  # a 40 × 40 grid of parcels (parcel_grid)


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2 ** z
    return int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)


@pytest.fixture(scope="module")
def parcel_store(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return store_with_parcels(built_store, tmp_path_factory.mktemp("tiles"), SIDE, SIDE)


@pytest.fixture(scope="module", params=BACKENDS)
def either_parcel_store(request: pytest.FixtureRequest, parcel_store: Path) -> StoreAddress:
    """The store with the parcels, as a GeoPackage and as a database."""
    return on_backend(request, parcel_store)


@pytest.fixture(scope="module")
def styled_parcel_store(parcel_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The parcels labelled by their 名称 field."""
    styled = tmp_path_factory.mktemp("styled") / "styled.gpkg"
    shutil.copyfile(parcel_store, styled)
    set_layer_style(styled, "parcels", LayerStyleOverride(label_field="名称"))
    return styled


@pytest.fixture(scope="module", params=BACKENDS)
def either_styled_store(request: pytest.FixtureRequest, styled_parcel_store: Path) -> StoreAddress:
    return on_backend(request, styled_parcel_store)


def parcels_wgs84() -> np.ndarray:
    to_wgs84 = crs.transformer("EPSG:4547", crs.WGS84)
    return shapely.transform(parcel_boxes(SIDE, SIDE), lambda xy: np.column_stack(to_wgs84.transform(
        xy[:, 0], xy[:, 1])))


def unpacked(shapes: dict) -> dict:
    return {key: np.frombuffer(base64.b64decode(value), dtype="<i2" if key == "coords" else "<i4")
            for key, value in shapes.items()}


def decoded_polygons(tile: dict) -> np.ndarray:
    """The tile's areas back as shapely polygons (tile units)."""
    areas = unpacked(tile["areas"])
    coords = areas["coords"].reshape(-1, 2).astype(float)
    offsets = (areas["rings"], areas["polygons"], areas["parts"])
    return shapely.from_ragged_array(shapely.GeometryType.MULTIPOLYGON, coords, offsets)


def test_a_tile_holds_the_parcels_that_reach_into_it(either_parcel_store: StoreAddress):
    parcels = parcels_wgs84()
    middle = parcels[SIDE * SIDE // 2 + SIDE // 2].centroid
    z = 16
    x, y = tile_of(middle.x, middle.y, z)
    frame = TileFrame(z, x, y)
    west, south, east, north = frame.reach(4)
    expected = int(shapely.intersects(parcels, shapely.box(west, south, east, north)).sum())
    with connect(either_parcel_store) as db:
        tile = json.loads(layer_tile(db, "parcels", z, x, y))
    polygons = decoded_polygons(tile)
    assert 0 < expected == len(polygons)
    assert shapely.is_valid(polygons).all()
    corners = shapely.get_coordinates(polygons)
    assert corners.min() >= -16 and corners.max() <= EXTENT + 16
    # the parcel in the middle is where its corners project to, to a quarter pixel
    px, py = frame.units(*shapely.get_coordinates(parcels[SIDE * SIDE // 2 + SIDE // 2]).T)
    distance = np.abs(shapely.bounds(polygons) - [px.min(), py.min(), px.max(), py.max()]).max(axis=1)
    assert distance.min() <= 1.0


def test_a_tile_away_from_the_layer_is_empty(either_parcel_store: StoreAddress):
    with connect(either_parcel_store) as db:
        west, south, east, north = layer_bounds(db, "parcels")
        x, y = tile_of(east + 0.05, north + 0.05, 15)
        tile = json.loads(layer_tile(db, "parcels", 15, x, y))
    assert "areas" not in tile and "cells" not in tile


def test_parcels_smaller_than_pixels_become_their_share_of_each_pixel(either_parcel_store: StoreAddress):
    lon, lat = parcels_wgs84()[0].centroid.coords[0]
    z = 10  # a parcel is about half a pixel wide
    x, y = tile_of(lon, lat, z)
    with connect(either_parcel_store) as db:
        tile = json.loads(layer_tile(db, "parcels", z, x, y))
    assert "areas" not in tile
    alpha = np.frombuffer(zlib.decompress(base64.b64decode(tile["cells"])), dtype=np.uint8) / 255
    # 1,600 parcels of 80 × 80 m cover 10.2 km²: in pixels of about 141 m at zoom 10 some 515 pixels
    metres_per_pixel = 40_075_016.686 * math.cos(math.radians(lat)) / (256 * 2 ** z)
    assert alpha.sum() == pytest.approx(SIDE * SIDE * 80 * 80 / metres_per_pixel ** 2, rel=0.1)
    assert alpha.max() < 1.0  # lighter than a solid block: the gaps between parcels show


def test_simplified_shapes_stay_valid():
    """Shapes with detail finer than a pixel, holes near their rims and spikes: simplified, clipped and
    snapped to the grid, every one is still a valid polygon."""
    lon, lat = 114.05, 22.55
    ring = shapely.Point(lon, lat).buffer(0.01, quad_segs=256)
    holed = ring.difference(shapely.Point(lon + 0.0095, lat).buffer(0.0004))
    star = shapely.Polygon([(lon + 0.01 * math.cos(a) * (1 if i % 2 else 0.05),
                             lat + 0.01 * math.sin(a) * (1 if i % 2 else 0.05))
                            for i, a in enumerate(np.linspace(0, 2 * math.pi, 400, endpoint=False))])
    comb = shapely.union_all([shapely.box(lon + i * 0.0001, lat, lon + i * 0.0001 + 0.00003, lat + 0.005)
                              for i in range(60)] + [shapely.box(lon, lat - 0.0005, lon + 0.006, lat)])
    shapes = np.array([ring, holed, star, comb], dtype=object)
    for z in (11, 13, 15):
        x, y = tile_of(lon, lat, z)
        out = tile_shapes(shapes, TileFrame(z, x, y))
        assert shapely.is_valid(out).all(), z
        assert not shapely.is_empty(out[[0, 1, 3]]).any()


def test_a_layer_the_store_does_not_have_is_named(either_store: StoreAddress):
    with connect(either_store) as db, pytest.raises(MissingLayer, match="parcels_gone"):
        layer_tile(db, "parcels_gone", 12, 3342, 1786)


def test_a_damaged_spatial_index_is_reported(parcel_store: Path, tmp_path: Path):
    damaged = tmp_path / "damaged.gpkg"
    shutil.copyfile(parcel_store, damaged)
    with sqlite3.connect(damaged) as db:
        db.execute("UPDATE rtree_parcels_geom_node SET data = substr(data, 1, 40) WHERE nodeno = "
                   "(SELECT min(nodeno) FROM rtree_parcels_geom_rowid)")
    db.close()
    with connect(damaged) as db, pytest.raises(UnreadableStore, match="parcels"):
        read_boxes(db, "parcels")
    corner = parcels_wgs84()[0].centroid
    with connect(damaged) as db, pytest.raises(UnreadableStore):  # a tile asks the R-tree itself
        layer_tile(db, "parcels", 10, *tile_of(corner.x, corner.y, 10))


def test_labels_of_the_label_field_come_at_high_zoom_only(either_styled_store: StoreAddress):
    middle = parcels_wgs84()[SIDE * SIDE // 2 + SIDE // 2].centroid
    with connect(either_styled_store) as db:
        near = json.loads(layer_tile(db, "parcels", LABEL_MIN_ZOOM, *tile_of(middle.x, middle.y, LABEL_MIN_ZOOM)))
        far = json.loads(layer_tile(db, "parcels", LABEL_MIN_ZOOM - 1,
                                    *tile_of(middle.x, middle.y, LABEL_MIN_ZOOM - 1)))
    texts = [text for _, _, text in near["labels"]]
    assert f"地块{SIDE * SIDE // 2 + SIDE // 2}" in texts
    reach = LABEL_REACH_PX * UNITS_PER_PX
    assert all(-reach <= x <= EXTENT + reach for x, _, _ in near["labels"])
    assert "labels" not in far
