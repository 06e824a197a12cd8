"""`where` lists what is under a point in the order a click picks it; `show` says where the label goes and
what area Shenzhen's statistics give a district."""

from __future__ import annotations

import json
from pathlib import Path

from cli.exits import EXIT_OK
from cli.main import main


def run_json(capsys, *argv: str):
    code = main([*argv, "--json"])
    assert code == EXIT_OK
    return json.loads(capsys.readouterr().out)


def test_show_gives_longgang_its_own_label_point_and_statistical_area(built_store: Path, capsys) -> None:
    shown = run_json(capsys, "show", "龙岗区", "--store", str(built_store))
    lon, lat = shown["label_point"]
    assert lon < 114.36  # on 龙岗's main body, not on the 大鹏 peninsula
    assert shown["statistical_area_km2"] == 388.21 and "统计年鉴" in shown["statistical_area_source"]
    assert abs(shown["feature"]["area_km2"] - 388.21) / 388.21 < 0.05
    dapeng = run_json(capsys, "show", "大鹏新区", "--store", str(built_store))
    assert dapeng["area_note"] and "概化" in dapeng["area_note"]


def test_where_at_a_label_point_lists_the_feature_first_and_its_district_last(built_store: Path, capsys) -> None:
    lon, lat = run_json(capsys, "show", "西丽湖国际科教城", "--store", str(built_store))["label_point"]
    hits = run_json(capsys, "where", str(lon), str(lat), "--radius", "50", "--store", str(built_store))
    names = [hit["feature"]["name"] for hit in hits]
    assert names[0] == "西丽湖国际科教城" and names[-1] == "南山区" and "北部组团" in names


def test_where_radius_reaches_lines_only_as_far_as_asked(built_store: Path, capsys) -> None:
    lon, lat = run_json(capsys, "show", "坪山中心区", "--store", str(built_store))["label_point"]
    near = run_json(capsys, "where", str(lon), str(lat), "--radius", "5", "--store", str(built_store))
    wide = run_json(capsys, "where", str(lon), str(lat), "--radius", "3000", "--store", str(built_store))
    near_ids, wide_ids = [h["feature"]["id"] for h in near], [h["feature"]["id"] for h in wide]
    assert near[0]["feature"]["name"] == "坪山中心区"
    assert set(near_ids) < set(wide_ids)
    assert {h["feature"]["layer"] for h in wide} >= {"transport_lines", "transport_points"}
