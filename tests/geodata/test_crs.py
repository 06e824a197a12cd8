import math

import pytest
from shapely.geometry import LineString, Point, box

from geodata.spatial import crs


def test_named_crs_constants():
    assert crs.WGS84 == "EPSG:4326"
    assert crs.CGCS2000 == "EPSG:4490"
    assert crs.GK_114E == "EPSG:4547"
    assert crs.WEB_MERCATOR == "EPSG:3857"


def test_transformer_is_cached_and_lon_first():
    t = crs.transformer(crs.WGS84, crs.GK_114E)
    assert t is crs.transformer(crs.WGS84, crs.GK_114E)
    x, y = t.transform(114.0, 22.5)  # on the central meridian: false easting 500 km
    assert x == pytest.approx(500_000, abs=1)
    assert y == pytest.approx(2_489_000, abs=5_000)


def test_area_of_a_one_km_square_on_the_central_meridian():
    dlat = 1 / 110.77  # about 1 km of latitude at 22.5N
    dlon = 1 / (111.32 * math.cos(math.radians(22.5)))
    assert crs.area_km2(box(114.0, 22.5, 114.0 + dlon, 22.5 + dlat)) == pytest.approx(1.0, rel=0.01)


def test_length_of_a_meridian_arc():
    assert crs.length_km(LineString([(114.0, 22.0), (114.0, 23.0)])) == pytest.approx(110.77, rel=0.002)


def test_point_has_no_area_or_length():
    assert crs.area_km2(Point(114, 22.5)) == 0
    assert crs.length_km(Point(114, 22.5)) == 0
