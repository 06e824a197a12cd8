"""Tiles of a big layer made once, at import, and kept in the store (table layer_tiles), so the window's map
reads a zoomed-out tile of 100k parcels instead of making it while the user waits: making one takes a tile
thread 3–40 ms, reading it back well under one. A view asks for a dozen tiles or more at once, so made
tiles queue behind each other; read ones do not.

Only the zooms where a tile holds many features are made ahead (from zoom 0 up while the layer's tiles number
at most PREMADE_TILES_AT_MOST, and never past PREMADE_MAX_ZOOM, below the zooms with labels); tiles further in
hold few features each and are quick to make when asked. A tile that is not here is made when asked, so the
set is only ever a shortcut: it is made from the features as they were imported, which no edit changes
(imported features' geometry, kind and accuracy stay as imported), and goes with its layer when the layer is
renamed, removed or carried over a rebuild.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import numpy as np

from geodata.feature_tiles import (
    BUFFER_PX,
    EXTENT,
    PREMADE_MAX_ZOOM,
    PREMADE_TABLE,
    TILE_FORMAT,
    TILE_PX,
    LayerBoxes,
    TileFrame,
    TileSource,
    read_boxes,
    tiled_layers,
)
from geodata.sql import has_table

PREMADE_TILES_AT_MOST = 4_000  # per layer: 100k parcels of a district make ~1,200 up to zoom 15
PREMADE_SCHEMA = """CREATE TABLE IF NOT EXISTS layer_tiles (
    layer TEXT NOT NULL, z INTEGER NOT NULL, x INTEGER NOT NULL, y INTEGER NOT NULL, format INTEGER NOT NULL,
    data BLOB NOT NULL, PRIMARY KEY (layer, z, x, y))"""
WIDE_SPAN = 3  # features crossing more tile columns or rows than this are listed one by one
WRITE_BATCH = 200


def tiles_touched(boxes: LayerBoxes, z: int) -> np.ndarray:
    """The (x, y) of every tile at zoom `z` whose area, grown by the tiles' buffer, meets one of the boxes;
    an (n, 2) array, each tile once."""
    if not len(boxes.fid):
        return np.empty((0, 2), dtype=np.int64)
    world = TileFrame(z, 0, 0)
    reach = BUFFER_PX / TILE_PX
    left, top = (values / EXTENT for values in world.units(boxes.minx, boxes.maxy))
    right, bottom = (values / EXTENT for values in world.units(boxes.maxx, boxes.miny))
    last = 2 ** z - 1
    x0, x1 = (np.clip(np.floor(v), 0, last).astype(np.int64) for v in (left - reach, right + reach))
    y0, y1 = (np.clip(np.floor(v), 0, last).astype(np.int64) for v in (top - reach, bottom + reach))
    narrow = (x1 - x0 <= WIDE_SPAN) & (y1 - y0 <= WIDE_SPAN)
    keys = []
    for dx in range(WIDE_SPAN + 1):
        for dy in range(WIDE_SPAN + 1):
            inside = narrow & (x0 + dx <= x1) & (y0 + dy <= y1)
            keys.append((x0[inside] + dx) * (last + 1) + y0[inside] + dy)
    for row in np.flatnonzero(~narrow):
        xs, ys = np.meshgrid(np.arange(x0[row], x1[row] + 1), np.arange(y0[row], y1[row] + 1))
        keys.append((xs * (last + 1) + ys).ravel())
    unique = np.unique(np.concatenate(keys))
    return np.column_stack((unique // (last + 1), unique % (last + 1)))


def tiles_to_premake(boxes: LayerBoxes, at_most: int = PREMADE_TILES_AT_MOST) -> list[tuple[int, int, int]]:
    """(z, x, y) of the tiles to make ahead for a layer with these boxes: every zoom from 0 up to
    PREMADE_MAX_ZOOM while the tiles so far number at most `at_most`."""
    chosen: list[tuple[int, int, int]] = []
    for z in range(PREMADE_MAX_ZOOM + 1):
        found = tiles_touched(boxes, z)
        if len(chosen) + len(found) > at_most:
            break
        chosen += [(z, int(x), int(y)) for x, y in found]
    return chosen


def premake_tiles(db: sqlite3.Connection, layer: str,
                  progress: Callable[[int, int], object] | None = None) -> int:
    """Make and keep the tiles to make ahead of a GeoPackage layer (replacing any it had), in the open
    transaction; returns how many. `progress(done, total)` is told after each batch."""
    db.execute(PREMADE_SCHEMA)
    db.execute("DELETE FROM layer_tiles WHERE layer = ?", (layer,))
    source = TileSource(db)
    boxes = source.cache.boxes[layer] = read_boxes(db, layer)  # many tiles of many features: all boxes at hand
    wanted = tiles_to_premake(boxes)
    for start in range(0, len(wanted), WRITE_BATCH):
        batch = wanted[start:start + WRITE_BATCH]
        db.executemany("INSERT INTO layer_tiles (layer, z, x, y, format, data) VALUES (?, ?, ?, ?, ?, ?)",
                       [(layer, z, x, y, TILE_FORMAT, source.made(layer, TileFrame(z, x, y)))
                        for z, x, y in batch])
        if progress is not None:
            progress(start + len(batch), len(wanted))
    return len(wanted)


def forget_tiles(db: sqlite3.Connection, layer: str) -> None:
    """The layer's tiles go with it (the layer is removed)."""
    if has_table(db, PREMADE_TABLE):
        db.execute("DELETE FROM layer_tiles WHERE layer = ?", (layer,))


def rename_tiles(db: sqlite3.Connection, old: str, new: str) -> None:
    """The layer's tiles follow it to its new name."""
    if has_table(db, PREMADE_TABLE):
        db.execute("UPDATE layer_tiles SET layer = ? WHERE layer = ?", (new, old))


def carry_over_tiles(old: Path | None, new: Path) -> int:
    """Give a freshly built GeoPackage store `new` the tiles of its big layers (carried over from the `old`
    store): the old store's, of the current format, or made now for a layer that had none (imported before
    tiles were made at import). Returns how many were made now."""
    made = 0
    with closing(sqlite3.connect(new)) as db:
        layers = tiled_layers(db)
        if old is not None and Path(old).exists() and layers:
            db.execute("ATTACH DATABASE ? AS old_store", (str(old),))
            if db.execute("SELECT 1 FROM old_store.sqlite_master WHERE name = ?", (PREMADE_TABLE,)).fetchone():
                with db:
                    db.execute(PREMADE_SCHEMA)
                    db.executemany("INSERT INTO layer_tiles (layer, z, x, y, format, data) SELECT layer, z, x, y, "
                                   "format, data FROM old_store.layer_tiles WHERE layer = ? AND format = ?",
                                   [(layer, TILE_FORMAT) for layer in layers])
            db.execute("DETACH DATABASE old_store")
        kept = ({row[0] for row in db.execute("SELECT DISTINCT layer FROM layer_tiles")}
                if has_table(db, PREMADE_TABLE) else set())
        with db:
            for layer in layers:
                if layer not in kept:
                    made += premake_tiles(db, layer)
    return made
