"""The place register (issue 16): every place the plans name is drawn, or not drawn with the reason."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from backends import BACKENDS

from geodata.build import AddedPlan, build_store
from geodata.place_register import (
    PlaceEntry,
    check_register,
    formula_members,
    listed_names,
    listed_places,
    place_mentions_in,
    place_named,
    place_register,
)
from geodata.postgres import open_connection
from geodata.spatial import feature_sources
from geodata.store import connect
from geodata.store_address import PostgresAddress
from tools.schematic import transport

# The places issue 16 names: each must be drawn, a group of drawn features, or not drawn with a reason.
ISSUE_NAMES = (
    "高新区", "深圳国家高新区", "前海蛇口自贸片区", "深莞城际", "南头古城", "坪山未来产业试验区", "国际低碳城",
    "深圳湾", "虚拟大学园", "蛇口", "深珠城际", "蛇口国际海洋城", "南山古村史文化街区", "国际人才街区",
    "坪山文化聚落", "广深港澳科技创新走廊", "深圳坪山综合保税区", "深圳东部中心", "北部片区",
)  # fmt: skip
DRAWN_NOW = ("前海蛇口自贸片区", "南头古城", "国际低碳城", "深圳湾", "虚拟大学园", "蛇口", "深珠城际")
STREETS = ("粤海街道", "桃源街道", "招商街道", "南头街道", "西丽街道", "南山街道", "蛇口街道", "沙河街道",
           "坪山街道", "龙田街道", "马峦街道")  # fmt: skip
REASONS = {
    "规划未载明位置", "规划未载明范围", "位置不够确切", "线位未定", "街道边界数据不可得", "海域", "深圳市域以外",
    "区域范围，超出本图", "河流水库（本图无水系图层）", "山体公园（本图无绿地图层）", "设施，本图不绘单体设施",
    "小型园区或古迹，本图不绘单体",
}  # fmt: skip


@pytest.fixture(scope="module")
def db(either_store):
    """The seed store, as a GeoPackage and as a database."""
    with connect(either_store) as connection:
        yield connection


def only(entries: list[PlaceEntry]) -> PlaceEntry:
    assert len(entries) == 1, [e.name for e in entries]
    return entries[0]


@pytest.mark.parametrize("name", ISSUE_NAMES)
def test_each_place_the_issue_names_is_drawn_or_not_drawn_with_a_reason(db, name):
    entries = place_named(db, name)
    assert entries, name
    for entry in entries:
        if entry.status == "drawn":
            assert entry.feature_id
        elif entry.status == "group":
            assert entry.members and entry.note
        else:
            assert entry.status == "not_drawn" and entry.reason in REASONS and entry.note, name
        assert entry.mentions > 0, name


@pytest.mark.parametrize("name", DRAWN_NOW)
def test_places_drawn_for_the_issue(db, name):
    entry = only(place_named(db, name))
    assert entry.status == "drawn" and entry.feature_id


@pytest.mark.parametrize("name", STREETS)
def test_each_street_the_plans_name_is_linked_to_its_district(db, name):
    entry = only(place_named(db, name))
    assert entry.status == "not_drawn" and entry.reason == "街道边界数据不可得"
    assert entry.district in {"南山区", "坪山区"}
    assert entry.kind == "street"


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("自贸片区", "前海蛇口自贸片区"), ("自贸区", "前海蛇口自贸片区"), ("深圳前海蛇口片区", "前海蛇口自贸片区"),
        ("深圳东部中心", "龙岗-坪山东部中心"), ("东部中心", "龙岗-坪山东部中心"), ("北部片区", "北部组团"),
        ("深圳高新区", "深圳国家高新区"), ("一区两核多园", "深圳国家高新区"), ("前海区块", "前海深港现代服务业合作区"),
        ("蛇口区块", "蛇口"), ("坪山园区", "坪山高新区"), ("深圳坪山综合保税区", "坪山综合保税区"),
        ("国际人才街区", "坪山国际人才街区"), ("广深港澳科创走廊", "广深港澳科技创新走廊"),
        ("南山古村", "南山古村史文化街区"),
        ("深圳未来产业试验区", "坪山未来产业试验区"), ("落马洲河套地区", "河套深港科技创新合作区"),
    ],
)  # fmt: skip
def test_each_alias_resolves(db, alias, name):
    assert only(place_named(db, alias)).name == name


def test_an_ambiguous_short_name_gives_a_choice_not_a_guess(db):
    candidates = {entry.name for entry in place_named(db, "高新区")}
    assert candidates == {"深圳国家高新区", "深圳高新区南山园区", "坪山高新区"}
    choice = only(place_register_named(db, "高新区"))
    assert choice.status == "choice" and choice.mentions > 0


def place_register_named(db, name):
    return [entry for entry in place_register(db) if entry.name == name]


def test_formulas_give_their_members(db):
    assert set(formula_members(db, "一轴一带三组团")) == {
        "ns-axis-innovation", "ns-belt-bay-hq", "ns-cluster-north", "ns-cluster-central", "ns-cluster-south",
    }  # fmt: skip
    assert set(formula_members(db, "1+7")) == {
        "ps-yanzihu", "ps-laocheng", "ps-zhanqian", "ps-biling", "ps-gaoxin-south", "ps-kengzi", "ps-gaoxin-north",
        "ps-longtian",
    }  # fmt: skip
    city = formula_members(db, "三轴两带多中心")
    assert {"sz-axis-east", "sz-axis-central", "sz-axis-west", "sz-belt-north", "sz-belt-south"} <= set(city)
    assert "sz-centre-east" in city and len(city) == 12
    assert formula_members(db, "深圳国家高新区") == ["ps-hitech-zone", "sz-hitech-nanshan"]
    original_zone = ["district-luohu", "district-futian", "district-nanshan", "district-yantian"]
    assert formula_members(db, "原特区") == original_zone
    assert formula_members(db, "燕子湖片区") == []  # a feature, not a group
    for entry in place_register(db, "group"):
        assert entry.members, entry.name  # every group selects something


def test_register_lists_every_feature_once(db):
    drawn = place_register(db, "drawn")
    ids = [entry.feature_id for entry in drawn]
    assert len(ids) == len(set(ids))
    assert set(ids) == {feature.id for feature, _ in feature_sources.load_all()}
    assert all(entry.mentions >= 0 for entry in drawn)
    statuses = {entry.status for entry in place_register(db)}
    assert statuses == {"drawn", "not_drawn", "group", "choice"}


def test_register_resources_are_consistent():
    features = [feature for feature, _ in feature_sources.load_all()]
    check_register(features)  # no name twice, every candidate and member exists
    for entry in listed_places():
        if entry.status == "not_drawn":
            assert entry.reason in REASONS, entry.name
            assert entry.note and entry.source and entry.kind, entry.name
    with pytest.raises(ValueError, match="燕子湖片区"):
        check_register(features, [PlaceEntry("燕子湖片区", (), "not_drawn", reason="海域")])


def test_transport_not_drawn_comes_from_the_register():
    names = {entry.name for entry in listed_places() if entry.status == "not_drawn"}
    assert set(transport.NOT_DRAWN) <= names
    assert "绿梓大道" in transport.NOT_DRAWN and "深莞城际" in transport.NOT_DRAWN
    assert "深珠城际" not in transport.NOT_DRAWN  # drawn now, as a rough corridor


def test_a_name_inside_a_not_drawn_place_is_not_a_mention_of_the_drawn_one(db):
    passage_id, text = db.execute("SELECT id, text FROM passages WHERE text LIKE '%坪山河%' ORDER BY id").fetchone()
    start = text.index("坪山河")
    places = place_mentions_in(db, passage_id)
    assert ("坪山河", start, start + 3, "坪山河") in places
    links = db.execute(
        "SELECT feature_id FROM feature_passages WHERE passage_id = ? AND start = ?", (passage_id, start)
    ).fetchall()
    assert links == []  # 坪山 of 坪山河 is not 坪山区


def test_a_list_sharing_its_suffix_names_each_street(db):
    passage_id, text = db.execute(
        "SELECT id, text FROM passages WHERE text LIKE '%南部组团涵盖南山、蛇口、招商街道%'"
    ).fetchone()
    named = {place for place, *_ in place_mentions_in(db, passage_id)}
    assert {"南山街道", "蛇口街道", "招商街道"} <= named
    start = text.index("南山、蛇口")
    links = db.execute(
        "SELECT feature_id FROM feature_passages WHERE passage_id = ? AND start IN (?, ?)",
        (passage_id, start, start + 3),
    ).fetchall()
    assert links == []  # neither 南山区 nor the 蛇口 area: the 街道


def test_listed_names():
    known = {"南山街道", "招商街道", "西丽街道", "南头街道", "深惠城际", "深莞城际"}
    text = "推动蛇口体育中心和南头、南山、招商、西丽等四个街道文体中心"
    found = {(text[start:end], name) for start, end, name in listed_names(text, known)}
    assert found == {("南头", "南头街道"), ("南山", "南山街道"), ("招商", "招商街道"), ("西丽", "西丽街道")}
    text = "启动深惠、深莞、深珠城际轨道以及沿海客专等项目前期工作"
    assert [name for _, _, name in listed_names(text, known)] == ["深惠城际", "深莞城际"]
    assert listed_names("粤海、沙河、南头街道", known) == []  # 南头街道 is written out; the others are unknown


def test_add_plan_updates_the_register(tmp_path: Path, built_store: Path):
    path = tmp_path / "plan-map.gpkg"
    shutil.copy(built_store, path)
    with connect(path) as db:
        before = {e.name: e.mentions for e in place_register(db)}
    text = "深圳市某区规划\n\n第一章 总则\n\n加快坪山河、马峦山郊野公园建设，推进南头古城与深莞城际前期工作。\n"
    build_store(path, new_plan=AddedPlan("extra.txt", text.encode("utf-8"), title="某区规划"))
    with connect(path) as db:
        after = {e.name: e.mentions for e in place_register(db)}
        assert only(place_named(db, "坪山河")).status == "not_drawn"
    for name in ("坪山河", "马峦山郊野公园", "南头古城", "深莞城际"):
        assert after[name] == before[name] + 1, name


@pytest.fixture(params=BACKENDS)
def store_before_the_register(request: pytest.FixtureRequest, tmp_path: Path):
    """A connection to a store made before the place register: it has passages but no place_register."""
    if request.param == "gpkg":
        db = sqlite3.connect(tmp_path / "old.sqlite")
    else:
        db = open_connection(PostgresAddress(request.getfixturevalue("pg_url")), read_only=False)
    db.execute("CREATE TABLE passages (id INTEGER)")
    db.commit()
    yield db
    db.close()


def test_a_store_without_the_register_says_to_rebuild(store_before_the_register):
    from geodata.store import StoreError

    with pytest.raises(StoreError, match="rebuild"):
        place_register(store_before_the_register)


def test_mention_only_names_link_no_feature(db):
    stand_ins = db.execute("SELECT count(*) FROM feature_passages WHERE feature_id LIKE 'place:%'").fetchone()[0]
    assert stand_ins == 0
    assert db.execute("SELECT count(*) FROM feature_targets WHERE feature_id LIKE 'place:%'").fetchone()[0] == 0
    row = db.execute("SELECT aliases, members FROM place_register WHERE name = '高新区'").fetchone()
    assert json.loads(row[1]) == ["深圳国家高新区", "深圳高新区南山园区", "坪山高新区"]


def test_places_command_lists_the_register(built_store: Path, capsys) -> None:
    from cli.main import main

    assert main(["places", "--status", "not_drawn", "--json", "--store", str(built_store)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {"name", "aliases", "status", "feature_id", "reason", "district", "mentions"} <= set(listed[0])
    assert {entry["status"] for entry in listed} == {"not_drawn"}
    by_name = {entry["name"]: entry for entry in listed}
    assert by_name["粤海街道"]["reason"] == "街道边界数据不可得" and by_name["粤海街道"]["district"] == "南山区"
    assert main(["places", "--store", str(built_store)]) == 0
    assert "南头古城" in capsys.readouterr().out
