import math

import numpy as np
import pytest
from shapely.geometry import Polygon

from geodata.spatial import datum
from geodata.spatial.crs import GK_114E, WGS84, transformer

SHENZHEN_POINTS = [(114.0579, 22.5431), (113.93, 22.52), (114.35, 22.70), (114.48, 22.58), (113.90, 22.75)]


def _metres(a, b):
    t = transformer(WGS84, GK_114E)
    (x1, y1), (x2, y2) = t.transform(*a), t.transform(*b)
    return math.hypot(x2 - x1, y2 - y1)


@pytest.mark.parametrize("lon, lat", SHENZHEN_POINTS)
def test_gcj02_offset_in_shenzhen_is_500_to_700_m(lon, lat):
    assert 500 <= _metres((lon, lat), datum.wgs84_to_gcj02(lon, lat)) <= 700


@pytest.mark.parametrize("lon, lat", SHENZHEN_POINTS)
def test_gcj02_inverse_is_exact(lon, lat):
    back = datum.gcj02_to_wgs84(*datum.wgs84_to_gcj02(lon, lat))
    assert abs(back[0] - lon) < 1e-7 and abs(back[1] - lat) < 1e-7
    assert _metres((lon, lat), back) < 0.01


@pytest.mark.parametrize("lon, lat", SHENZHEN_POINTS)
def test_bd09_round_trips(lon, lat):
    back = datum.bd09_to_wgs84(*datum.wgs84_to_bd09(lon, lat))
    assert _metres((lon, lat), back) < 0.01
    g = datum.wgs84_to_gcj02(lon, lat)
    back_g = datum.bd09_to_gcj02(*datum.gcj02_to_bd09(*g))
    assert _metres(g, back_g) < 0.01


def test_bd09_is_further_east_and_north_than_gcj02():
    g = datum.wgs84_to_gcj02(114.0579, 22.5431)
    b = datum.gcj02_to_bd09(*g)
    assert b[0] > g[0] and b[1] > g[1]
    assert 500 <= _metres(g, b) <= 1200


def test_outside_china_is_unchanged():
    assert datum.wgs84_to_gcj02(-0.1276, 51.5072) == (-0.1276, 51.5072)
    assert datum.gcj02_to_wgs84(-0.1276, 51.5072) == (-0.1276, 51.5072)


def test_scalars_stay_floats_and_arrays_stay_arrays():
    lon, lat = datum.wgs84_to_gcj02(114.0, 22.5)
    assert isinstance(lon, float) and isinstance(lat, float)
    lons, lats = datum.gcj02_to_wgs84(np.array([114.0, 114.1]), np.array([22.5, 22.6]))
    assert lons.shape == (2,) and lats.shape == (2,)


def test_geometry_forms_move_every_vertex():
    poly = Polygon([(114.0, 22.5), (114.1, 22.5), (114.1, 22.6), (114.0, 22.6)])
    gcj = datum.geometry_wgs84_to_gcj02(poly)
    back = datum.geometry_gcj02_to_wgs84(gcj)
    assert back.geom_type == "Polygon"
    for (x1, y1), (x2, y2) in zip(poly.exterior.coords, back.exterior.coords, strict=True):
        assert abs(x1 - x2) < 1e-7 and abs(y1 - y2) < 1e-7
    for (x1, y1), (x2, y2) in zip(poly.exterior.coords, gcj.exterior.coords, strict=True):
        assert 500 <= _metres((x1, y1), (x2, y2)) <= 700
    bd = datum.geometry_wgs84_to_bd09(poly)
    assert datum.geometry_bd09_to_wgs84(bd).equals_exact(poly, 1e-7)
