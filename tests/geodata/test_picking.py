"""What a click picks: the most specific feature under the point first, districts last."""

from __future__ import annotations

import pytest

from geodata.feature_queries import features_at, find_feature, geometry_of
from geodata.spatial.labels import label_point
from geodata.store import connect

CLICK_RADIUS_M = 60  # a few pixels at district zoom


@pytest.fixture(scope="module")
def db(either_store):
    """The seed store, as a GeoPackage and as a database."""
    with connect(either_store) as connection:
        yield connection


def names_at(db, lon: float, lat: float, radius_m: float = CLICK_RADIUS_M) -> list[str]:
    return [info.feature.name for info in features_at(db, lon, lat, radius_m)]


def click_point(db, name: str) -> tuple[float, float]:
    return label_point(geometry_of(db, find_feature(db, name)))


@pytest.mark.parametrize(("name", "enclosing"), [
    ("西丽湖国际科教城", ["北部组团", "南山区"]),
    ("坪山中心区", ["坪山区"]),
    ("燕子湖片区", ["坪山区"]),
])
def test_a_click_inside_an_area_picks_it_before_what_encloses_it(db, name, enclosing):
    names = names_at(db, *click_point(db, name))
    assert names[0] == name
    assert all(names.index(outer) > 0 for outer in enclosing)
    assert names[-1].endswith("区")  # the district comes last


def test_an_axis_drawn_through_an_area_comes_after_the_area_and_before_the_district(db):
    names = names_at(db, *click_point(db, "坪山中心区"))
    axes = [n for n in names if n.endswith(("发展轴", "发展带"))]
    assert axes, names
    assert names.index("坪山中心区") < min(names.index(a) for a in axes) < names.index("坪山区")


def test_a_line_under_the_cursor_beats_the_area_it_crosses(db):
    rail = geometry_of(db, find_feature(db, "深汕高铁"))
    lon, lat = label_point(rail)
    names = names_at(db, lon, lat)
    assert names[0] == "深汕高铁"


def test_a_station_beats_the_line_through_it(db):
    station = next(i for i in features_at(db, *click_point(db, "坪山中心区"), 3000) if i.feature.layer ==
                   "transport_points")
    lon, lat = label_point(geometry_of(db, station))
    assert features_at(db, lon, lat, CLICK_RADIUS_M)[0].feature.id == station.feature.id


def test_the_middle_of_a_district_picks_the_district_not_a_line_far_away(db):
    lon, lat = click_point(db, "龙岗区")
    names = names_at(db, lon, lat)
    assert "龙岗区" in names and "大鹏新区" not in names


def test_dapeng_is_one_district_under_the_point(db):
    names = names_at(db, *click_point(db, "大鹏新区"))
    assert names == ["大鹏新区"]


def test_radius_widens_the_reach_for_lines_only(db):
    lon, lat = click_point(db, "坪山中心区")
    near, wide = names_at(db, lon, lat, 10), names_at(db, lon, lat, 2000)
    assert set(near) <= set(wide) and len(wide) > len(near)
    assert all(name in near for name in wide if name in ("坪山中心区", "坪山区"))
