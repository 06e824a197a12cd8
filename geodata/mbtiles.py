"""Tiles from a local MBTiles file (SQLite), for an offline basemap the user supplies."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class MbtilesInfo:
    name: str
    format: str  # png, jpg, webp, pbf
    min_zoom: int | None
    max_zoom: int | None
    attribution: str


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)


def mbtiles_info(path: Path) -> MbtilesInfo:
    """The file's metadata; ValueError when it is not an MBTiles file."""
    try:
        with _connect(path) as db:
            meta = dict(db.execute("SELECT name, value FROM metadata").fetchall())
            db.execute("SELECT 1 FROM tiles LIMIT 1").fetchall()
    except sqlite3.Error as error:
        raise ValueError(f"{path} is not an MBTiles file: {error}") from error

    def zoom(key: str) -> int | None:
        try:
            return int(meta[key])
        except (KeyError, ValueError):
            return None

    return MbtilesInfo(meta.get("name", Path(path).stem), meta.get("format", "png"), zoom("minzoom"),
                       zoom("maxzoom"), meta.get("attribution", ""))


class MbtilesReader:
    """Reads tiles by XYZ address; MBTiles stores rows in TMS order (y counted from the south)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.db = _connect(self.path)

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        row = self.db.execute(
            "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
            (z, x, (1 << z) - 1 - y),
        ).fetchone()
        return bytes(row[0]) if row else None

    def close(self) -> None:
        self.db.close()


def tile_mime(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"
