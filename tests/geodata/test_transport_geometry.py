"""The schematic transport layers: valid, inside Shenzhen, lines through their stations in order."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, shape

from geodata.build import default_seeds_dir
from geodata.features import Feature
from geodata.spatial import districts
from geodata.spatial.crs import project
from tools.schematic import transport

ROOT = Path(__file__).resolve().parents[2]
SCHEMATIC = ROOT / "resources" / "schematic"
PINGSHAN_PLAN = default_seeds_dir() / "003_18d215f428f69be8.txt"

KINDS = {
    "transport_lines": {"metro", "intercity", "high_speed_rail", "railway", "yunba", "expressway", "road"},
    "transport_points": {"station", "hub", "port", "airport", "border_crossing"},
}
GEOMETRY = {"transport_lines": "MultiLineString", "transport_points": "Point"}
STATION_TOLERANCE_M = 300
REGION_BUFFER_M = 4000  # coast, the sea link to 深中通道's island, exits to neighbouring cities
DISTRICT_TOLERANCE_M = 1000  # GCJ-02 leftovers in the boundary data, crossings on the boundary river


def load(layer: str) -> list[dict]:
    return json.loads((SCHEMATIC / f"{layer}.geojson").read_text(encoding="utf-8"))["features"]


LINES = load("transport_lines")
POINTS = load("transport_points")
ALL = LINES + POINTS


def ids(features):
    return [f["properties"]["id"] for f in features]


@cache
def region_metric():
    names = [s.name for s in districts.SHENZHEN_DISTRICTS] + [districts.DAPENG.name]  # 龙岗区 is without 大鹏
    parts = [districts.district_geometry(name) for name in names]
    return project(shapely.union_all(parts)).buffer(REGION_BUFFER_M)


def test_files_are_what_the_build_script_writes():
    def as_json(features):
        return json.loads(json.dumps(features, ensure_ascii=False))

    assert as_json(transport.line_features()) == LINES, "run: python -m tools.schematic.transport"
    assert as_json(transport.point_features()) == POINTS, "run: python -m tools.schematic.transport"


def test_ids_unique():
    all_ids = ids(ALL)
    assert len(all_ids) == len(set(all_ids))


@pytest.mark.parametrize("feature", ALL, ids=ids(ALL))
def test_properties_are_feature_fields(feature):
    props = feature["properties"]
    fields = set(Feature.__dataclass_fields__)
    assert set(props) == fields
    layer = props["layer"]
    assert props["kind"] in KINDS[layer]
    assert props["accuracy"] == "schematic"
    assert props["note"].strip() and props["source"].strip()
    assert props["planned_area_km2"] is None
    assert props["districts"], "every feature lies in at least one district"
    geom = shape(feature["geometry"])
    assert geom.geom_type == GEOMETRY[layer]
    assert geom.is_valid and not geom.is_empty


@pytest.mark.parametrize("feature", ALL, ids=ids(ALL))
def test_within_shenzhen(feature):
    assert region_metric().contains(project(shape(feature["geometry"])))


@pytest.mark.parametrize("feature", LINES, ids=ids(LINES))
def test_line_passes_its_stations_in_order(feature):
    line = shapely.line_merge(project(shape(feature["geometry"])))
    assert line.geom_type == "LineString"
    stations = feature["properties"]["stations"]
    positions = []
    for name in stations:
        point = project(Point(transport.STATIONS[name]))
        assert line.distance(point) <= STATION_TOLERANCE_M, name
        positions.append(line.project(point))
    assert positions == sorted(positions) and len(set(positions)) == len(positions), stations


def test_line_stations_that_are_points_sit_on_the_point_feature():
    points = {transport.POINTS[key].id: key for key in transport.POINTS}
    for feature in POINTS:
        key = points[feature["properties"]["id"]]
        assert shape(feature["geometry"]).equals(Point(transport.STATIONS[key]))


@pytest.mark.parametrize("feature", POINTS, ids=ids(POINTS))
def test_point_lies_in_its_districts(feature):
    point = project(shape(feature["geometry"]))
    for name in feature["properties"]["districts"]:
        assert project(districts.district_geometry(name)).distance(point) <= DISTRICT_TOLERANCE_M, name


@pytest.mark.parametrize("feature", LINES, ids=ids(LINES))
def test_line_districts_are_the_ones_it_crosses(feature):
    line = project(shape(feature["geometry"]))
    for name in feature["properties"]["districts"]:
        assert project(districts.district_geometry(name)).intersects(line), name


def test_aliases_are_not_inside_other_features_names():
    """Aliases find mentions in the plan text: one inside another feature's name would mis-attribute it."""
    for feature in ALL:
        own = feature["properties"]["id"]
        for alias in feature["properties"]["aliases"]:
            for other in ALL:
                if other["properties"]["id"] == own:
                    continue
                words = [other["properties"]["name"], *other["properties"]["aliases"]]
                assert not any(alias in w for w in words), (alias, other["properties"]["id"])


def pingshan_box_items() -> dict[str, list[str]]:
    """专栏8 of the 坪山 plan: {category: [project, ...]}, spaces removed."""
    text = PINGSHAN_PLAN.read_text(encoding="utf-8")
    box = text[text.index("专栏 8：") :]
    box = box[: box.index("**优化提升公共交通服务")]
    items = {}
    for category, body in re.findall(r"\*\*(.+?)：\*\*(.+)", box):
        items[category] = [re.sub(r"\s+", "", part) for part in body.strip("。 ").split("、")]
    return items


def names_of(feature) -> list[str]:
    return [re.sub(r"\s+", "", n) for n in [feature["properties"]["name"], *feature["properties"]["aliases"]]]


def drawn_for(item: str) -> list[dict]:
    return [f for f in ALL if any(n in item for n in names_of(f))]


def test_pingshan_box8_projects_are_all_present():
    items = pingshan_box_items()
    assert set(items) == {"客运枢纽", "轨道", "高快速路", "主干路"}
    for category, projects in items.items():
        for item in projects:
            drawn = drawn_for(item)
            if category in ("客运枢纽", "轨道"):
                assert drawn, f"{category} {item} must be drawn"
            if drawn:
                assert any(f["properties"]["structure"] == transport.BOX_PS for f in drawn), item
            else:
                assert any(key in item for key in transport.NOT_DRAWN), f"{item}: drawn or listed as not drawn"
