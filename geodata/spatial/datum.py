"""Chinese web-map datums: GCJ-02 (AMap, Tencent) and BD-09 (Baidu), to and from WGS 84.

GCJ-02 is an obfuscated offset of WGS 84 built on the Krasovsky 1940 ellipsoid; it has no closed-form
inverse, so the inverses iterate the forward transform to below 1e-9 degrees (~0.1 mm).
Outside mainland China (the usual bounding box) the offset is not applied. Longitude first everywhere.
All functions accept floats or numpy arrays.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

KRASOVSKY_A = 6378245.0  # semi-major axis, metres
KRASOVSKY_EE = 0.00669342162296594323  # first eccentricity squared
GCJ02_LON_CENTRE = 105.0  # the obfuscation polynomial is expanded around (105E, 35N)
GCJ02_LAT_CENTRE = 35.0
BD09_X_PI = math.pi * 3000.0 / 180.0
BD09_DLON = 0.0065
BD09_DLAT = 0.006
CHINA_BBOX = (72.004, 0.8293, 137.8347, 55.8271)  # lon_min, lat_min, lon_max, lat_max

INVERSE_TOLERANCE_DEG = 1e-9
INVERSE_MAX_ITERATIONS = 30


def _in_china(lon, lat):
    lon_min, lat_min, lon_max, lat_max = CHINA_BBOX
    return (lon >= lon_min) & (lon <= lon_max) & (lat >= lat_min) & (lat <= lat_max)


def _delta_lat(x, y):
    r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    r += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    r += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    r += (160.0 * np.sin(y / 12.0 * np.pi) + 320 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    return r


def _delta_lon(x, y):
    r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    r += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    r += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    r += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    return r


def _gcj02_offset(lon, lat):
    """(dlon, dlat) in degrees that GCJ-02 adds to a WGS 84 position inside China."""
    x = lon - GCJ02_LON_CENTRE
    y = lat - GCJ02_LAT_CENTRE
    dlat = _delta_lat(x, y)
    dlon = _delta_lon(x, y)
    rad_lat = lat / 180.0 * np.pi
    magic = 1 - KRASOVSKY_EE * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrt_magic) * np.pi)
    dlon = (dlon * 180.0) / (KRASOVSKY_A / sqrt_magic * np.cos(rad_lat) * np.pi)
    inside = _in_china(lon, lat)
    return np.where(inside, dlon, 0.0), np.where(inside, dlat, 0.0)


def _out(lon, lat, like):
    if np.ndim(like) == 0:
        return float(lon), float(lat)
    return lon, lat


def wgs84_to_gcj02(lon, lat):
    lon_a, lat_a = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    dlon, dlat = _gcj02_offset(lon_a, lat_a)
    return _out(lon_a + dlon, lat_a + dlat, lon)


def _invert(forward, lon, lat):
    """Solve forward(w) = (lon, lat) for w by fixed-point iteration; the offsets are small and smooth."""
    t_lon, t_lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    w_lon, w_lat = t_lon.copy(), t_lat.copy()
    for _ in range(INVERSE_MAX_ITERATIONS):
        f_lon, f_lat = forward(w_lon, w_lat)
        e_lon, e_lat = np.asarray(f_lon) - t_lon, np.asarray(f_lat) - t_lat
        w_lon, w_lat = w_lon - e_lon, w_lat - e_lat
        if np.all(np.abs(e_lon) < INVERSE_TOLERANCE_DEG) and np.all(np.abs(e_lat) < INVERSE_TOLERANCE_DEG):
            break
    return _out(w_lon, w_lat, lon)


def gcj02_to_wgs84(lon, lat):
    """Exact inverse of `wgs84_to_gcj02` (residual < 1e-9 degrees)."""
    return _invert(wgs84_to_gcj02, lon, lat)


def gcj02_to_bd09(lon, lat):
    x, y = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    z = np.sqrt(x * x + y * y) + 0.00002 * np.sin(y * BD09_X_PI)
    theta = np.arctan2(y, x) + 0.000003 * np.cos(x * BD09_X_PI)
    return _out(z * np.cos(theta) + BD09_DLON, z * np.sin(theta) + BD09_DLAT, lon)


def bd09_to_gcj02(lon, lat):
    """Exact inverse of `gcj02_to_bd09` (Baidu's closed-form inverse is off by ~0.1 m)."""
    return _invert(gcj02_to_bd09, lon, lat)


def wgs84_to_bd09(lon, lat):
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def bd09_to_wgs84(lon, lat):
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


def _geometry_transform(geom: BaseGeometry, func) -> BaseGeometry:
    def _xy(coords: np.ndarray) -> np.ndarray:
        x, y = func(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geom, _xy)


def geometry_gcj02_to_wgs84(geom: BaseGeometry) -> BaseGeometry:
    return _geometry_transform(geom, gcj02_to_wgs84)


def geometry_wgs84_to_gcj02(geom: BaseGeometry) -> BaseGeometry:
    """For display on a GCJ-02 basemap only; stored data stays WGS 84."""
    return _geometry_transform(geom, wgs84_to_gcj02)


def geometry_wgs84_to_bd09(geom: BaseGeometry) -> BaseGeometry:
    """For display on a BD-09 basemap only."""
    return _geometry_transform(geom, wgs84_to_bd09)


def geometry_bd09_to_wgs84(geom: BaseGeometry) -> BaseGeometry:
    return _geometry_transform(geom, bd09_to_wgs84)
