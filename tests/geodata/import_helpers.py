"""Shared pieces of the import tests: a writable store, known Shenzhen positions, checks that a failed
import left the store byte for byte as it was."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

from geodata.spatial import crs
from geodata.store_edit import temporary_copies

# WGS 84 lon/lat of three places: 市民中心, 深圳湾公园, 坪山中心.
KNOWN = ((114.0579, 22.5431), (113.9530, 22.5040), (114.3460, 22.6950))
NAMES = ("市民中心", "深圳湾公园", "坪山中心区")


def writable_store(built_store: Path, folder: Path) -> Path:
    path = folder / "store.gpkg"
    shutil.copyfile(built_store, path)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_untouched(store: Path, before: str) -> None:
    assert digest(store) == before, "the store changed"
    assert temporary_copies(store) == [], "a working copy was left behind"


def known_points(target_crs: str = crs.WGS84, convert=None) -> gpd.GeoDataFrame:
    lon, lat = np.array(KNOWN).T
    if convert is not None:
        x, y = convert(lon, lat)
    else:
        x, y = crs.transformer(crs.WGS84, target_crs).transform(lon, lat)
    return gpd.GeoDataFrame({"名称": list(NAMES), "code": [1, 2, 3]}, geometry=shapely.points(x, y), crs=None)


def write(frame: gpd.GeoDataFrame, path: Path, crs_code: str | None, **options) -> Path:
    frame = frame.set_crs(crs_code, allow_override=True) if crs_code else frame
    pyogrio.write_dataframe(frame, path, **options)
    return path


def imported_positions(store: Path, layer: str) -> np.ndarray:
    frame = pyogrio.read_dataframe(store, layer=layer)
    return shapely.get_coordinates(frame.geometry.values.to_numpy())


def max_error_m(store: Path, layer: str) -> float:
    """The largest distance in metres (EPSG:4547) between the imported points and KNOWN."""
    got = imported_positions(store, layer)
    to_metres = crs.transformer(crs.WGS84, crs.METRIC_CRS).transform
    gx, gy = to_metres(got[:, 0], got[:, 1])
    kx, ky = to_metres(*np.array(KNOWN).T)
    return float(np.max(np.hypot(gx - kx, gy - ky)))
