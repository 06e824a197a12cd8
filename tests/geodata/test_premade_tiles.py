"""Tiles made at import (geodata/premade_tiles.py): a big layer's zoomed-out tiles are in the store after its
import, the same as tiles made when asked, cover every tile with something in it, are what the map is given,
and follow the layer through rename, removal, a rebuild and a copy into a database."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import numpy as np
import pytest
from backends import BACKENDS, on_backend
from parcel_grid import store_with_parcels

from geodata.build import build_store
from geodata.feature_tiles import (
    PREMADE_MAX_ZOOM,
    PREMADE_TABLE,
    TILED_FROM_FEATURES,
    TileFrame,
    TileSource,
    layer_bounds,
    layer_tile,
    read_boxes,
)
from geodata.imports.imported_layers import remove_layer, rename_layer
from geodata.premade_tiles import tiles_to_premake
from geodata.store import connect
from geodata.store_address import PostgresAddress, StoreAddress
from geodata.store_copy import copy_store
from geodata.store_copy_back import copy_into_geopackage

COLUMNS, ROWS = 80, 70  # 5,600 parcels of 80 m, 100 m apart: more than TILED_FROM_FEATURES
MARKER = b'{"extent":1024,"props":[],"marker":true}'


@pytest.fixture(scope="module")
def imported_store(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return store_with_parcels(built_store, tmp_path_factory.mktemp("premade"), COLUMNS, ROWS)


@pytest.fixture
def store_copy(imported_store: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store.gpkg"
    shutil.copyfile(imported_store, copy)
    return copy


def premade(store: Path, layer: str = "parcels") -> dict[tuple[int, int, int], bytes]:
    with closing(sqlite3.connect(store)) as db:
        return {(z, x, y): data for z, x, y, data in db.execute(
            f"SELECT z, x, y, data FROM {PREMADE_TABLE} WHERE layer = ?", (layer,))}


def mark_one_tile(store: Path, tile: tuple[int, int, int], format_: int | None = None) -> None:
    """Put a recognisable tile in the store's place for `tile`, of the current format or `format_`."""
    with closing(sqlite3.connect(store)) as db, db:
        db.execute(f"UPDATE {PREMADE_TABLE} SET data = ?, format = coalesce(?, format) WHERE layer = 'parcels' "
                   "AND z = ? AND x = ? AND y = ?", (MARKER, format_, *tile))


def test_importing_a_big_layer_makes_its_zoomed_out_tiles_as_the_map_would(imported_store: Path):
    tiles = premade(imported_store)
    zooms = sorted({z for z, _, _ in tiles})
    assert COLUMNS * ROWS > TILED_FROM_FEATURES
    assert zooms == list(range(PREMADE_MAX_ZOOM + 1))  # a district's worth of parcels: every zoom up to 15
    with connect(imported_store) as db:
        source = TileSource(db)
        for key in [key for key in sorted(tiles) if key[0] >= 12][::7]:
            assert tiles[key] == source.made("parcels", TileFrame(*key))
    drawn = [json.loads(data) for data in tiles.values()]
    assert sum("areas" in tile for tile in drawn) > 50


def test_every_tile_with_parcels_in_it_is_made_ahead(imported_store: Path):
    tiles = premade(imported_store)
    with connect(imported_store) as db:
        west, south, east, north = layer_bounds(db, "parcels")
        source = TileSource(db)
        for z in (13, PREMADE_MAX_ZOOM):
            frame = TileFrame(z, 0, 0)
            (left, right), (top, bottom) = (np.floor(values / 1024).astype(int) for values in
                                            frame.units(np.array([west, east]), np.array([north, south])))
            for x in range(left - 1, right + 2):
                for y in range(top - 1, bottom + 2):
                    if (z, x, y) not in tiles:
                        made = json.loads(source.made("parcels", TileFrame(z, x, y)))
                        assert not {"areas", "cells"} & set(made), (z, x, y)


def test_the_tiles_to_make_ahead_stop_at_a_whole_zoom_within_the_budget(imported_store: Path):
    with connect(imported_store) as db:
        boxes = read_boxes(db, "parcels")
    everything = tiles_to_premake(boxes)
    some = tiles_to_premake(boxes, at_most=40)
    assert 0 < len(some) <= 40
    last = max(z for z, _, _ in some)
    assert {key for key in everything if key[0] <= last} == set(some)


@pytest.fixture(params=BACKENDS)
def marked_store(request: pytest.FixtureRequest, store_copy: Path) -> tuple[StoreAddress, tuple[int, int, int]]:
    """A copy of the store with one premade zoom-13 tile swapped for a marker, as a GeoPackage and copied into
    a database: whatever gives the marker gave the premade tile."""
    tile = next(key for key in sorted(premade(store_copy)) if key[0] == 13)
    mark_one_tile(store_copy, tile)
    return on_backend(request, store_copy), tile


def test_the_map_is_given_the_tile_made_at_import(marked_store):
    store, tile = marked_store
    with connect(store) as db:
        assert layer_tile(db, "parcels", *tile) == MARKER
        assert layer_tile(db, "parcels", *tile, shift_gcj02=True) != MARKER  # under 高德: made in its frame


def test_a_tile_made_by_another_version_of_the_program_is_made_again(store_copy: Path):
    tile = next(key for key in sorted(premade(store_copy)) if key[0] == 13)
    mark_one_tile(store_copy, tile, format_=0)
    with connect(store_copy) as db:
        assert json.loads(layer_tile(db, "parcels", *tile))["areas"]


def test_the_tiles_follow_a_renamed_layer_and_go_with_a_removed_one(store_copy: Path):
    count = len(premade(store_copy))
    renamed = rename_layer(store_copy, "parcels", "控规地块")
    assert len(premade(store_copy, renamed)) == count and not premade(store_copy)
    remove_layer(store_copy, renamed)
    with closing(sqlite3.connect(store_copy)) as db:
        assert db.execute(f"SELECT count(*) FROM {PREMADE_TABLE}").fetchone()[0] == 0


def test_a_rebuild_keeps_the_tiles_and_makes_those_a_store_imported_earlier_lacks(store_copy: Path):
    tile = next(key for key in sorted(premade(store_copy)) if key[0] == 13)
    mark_one_tile(store_copy, tile)
    build_store(store_copy)
    assert premade(store_copy)[tile] == MARKER  # carried over, not made again
    with closing(sqlite3.connect(store_copy)) as db, db:
        db.execute(f"DROP TABLE {PREMADE_TABLE}")  # as a store from before tiles were made at import
    build_store(store_copy)
    assert json.loads(premade(store_copy)[tile])["areas"]


def test_the_tiles_come_back_from_a_database_with_their_layer(store_copy: Path, pg_server, tmp_path: Path):
    tile = next(key for key in sorted(premade(store_copy)) if key[0] == 13)
    mark_one_tile(store_copy, tile)
    address = PostgresAddress(pg_server.new_database("premade_back"))
    copy_store(store_copy, address)
    back = tmp_path / "back.gpkg"
    copy_into_geopackage(address, back)
    assert premade(back) == premade(store_copy)
    with connect(back) as db:
        assert layer_tile(db, "parcels", *tile) == MARKER
