"""Links between features and plan text, as an official clicking an area would rely on them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from geodata.build import build_store
from geodata.feature_queries import features, find_feature, targets_for
from geodata.features import Feature
from geodata.gazetteer import Gazetteer
from geodata.passages import passages_mentioning
from geodata.store import connect

PINGSHAN_KEY_AREAS = [
    "燕子湖片区", "高新南片区", "高新北片区", "碧岭片区", "龙田片区", "坑梓片区", "老城片区", "站前商务片区",
]


@pytest.fixture(scope="module")
def db(either_store):
    """The seed store, as a GeoPackage and as a database."""
    with connect(either_store) as connection:
        yield connection


def gazetteer_for(*features: Feature) -> Gazetteer:
    return Gazetteer(features)


def test_short_alias_inside_a_longer_name_is_not_a_mention() -> None:
    district = Feature("d", "坪山区", "districts", "district", aliases=("坪山",))
    park = Feature("p", "坪山高新区", "key_areas", "platform")
    found = gazetteer_for(district, park).mentions("推进坪山高新区建设，坪山要")
    assert [(m.feature_id, m.matched) for m in found] == [("p", "坪山高新区"), ("d", "坪山")]


def test_line_numbers_do_not_match_inside_longer_numbers() -> None:
    one = Feature("m1", "地铁1号线", "transport_lines", "metro", aliases=("1号线",))
    eleven = Feature("m11", "地铁11号线", "transport_lines", "metro", aliases=("11号线",))
    found = gazetteer_for(one, eleven).mentions("11号线开通")
    assert [m.feature_id for m in found] == ["m11"]


def test_a_list_sharing_its_suffix_names_every_line() -> None:
    lines = [Feature(f"m{n}", f"地铁{n}号线", "transport_lines", "metro", aliases=(f"{n}号线",)) for n in (6, 7, 11)]
    found = gazetteer_for(*lines).mentions("三期（6、7、11号线）工程")
    assert {m.feature_id for m in found} == {"m6", "m7", "m11"}
    assert all(m.matched[0].isdigit() for m in found)


def test_mention_offsets_point_at_the_name(db: sqlite3.Connection) -> None:
    rows = db.execute(
        'SELECT p.text, fp.start, fp."end", fp.matched FROM feature_passages fp JOIN passages p ON p.id = fp.passage_id'
    ).fetchall()
    assert rows
    assert all(text[start:end] == matched for text, start, end, matched in rows)


def test_every_feature_the_plans_name_has_a_linked_passage(db: sqlite3.Connection) -> None:
    texts = [row[0] for row in db.execute("SELECT text FROM passages")]
    missing = []
    for info in features(db):
        names = (info.feature.name, *info.feature.aliases)
        named = any(name in text for name in names for text in texts)
        if named and not passages_mentioning(db, info.feature.id):
            missing.append(info.feature.name)
    assert missing == []


@pytest.mark.parametrize("name", PINGSHAN_KEY_AREAS + ["北部组团", "中部组团", "南部组团", "科技创新轴"])
def test_key_area_passages_start_with_its_definition(db: sqlite3.Connection, name: str) -> None:
    info = find_feature(db, name)
    assert info is not None, name
    passages = passages_mentioning(db, info.feature.id)
    assert passages, name
    assert passages[0].is_defining
    assert name in passages[0].text


def test_pingshan_box7_entry_defines_each_key_area(db: sqlite3.Connection) -> None:
    for name in PINGSHAN_KEY_AREAS:
        first = passages_mentioning(db, find_feature(db, name).feature.id)[0]
        assert "专栏7" in first.section_path and "规划面积" in first.text


@pytest.mark.parametrize("district", ["坪山区", "南山区"])
def test_district_targets_are_reachable_from_its_feature(db: sqlite3.Connection, district: str) -> None:
    info = find_feature(db, district)
    linked = {target.id for target in targets_for(db, info.feature.id)}
    stated = {row[0] for row in db.execute("SELECT id FROM targets WHERE scope = ?", (district,))}
    assert stated and stated <= linked


def test_links_are_the_same_after_a_rebuild(built_store: Path, tmp_path: Path) -> None:
    def link_keys(path: Path) -> set[tuple]:
        with connect(path) as connection:
            return set(connection.execute(
                "SELECT fp.feature_id, p.document_id, p.ordinal, fp.start FROM feature_passages fp "
                "JOIN passages p ON p.id = fp.passage_id"
            ).fetchall())

    rebuilt = tmp_path / "rebuilt.gpkg"
    build_store(rebuilt)
    assert link_keys(rebuilt) == link_keys(built_store)


@pytest.mark.parametrize("name, km2", [("燕子湖片区", 5.0), ("龙田片区", 9.35), ("站前商务片区", 1.67)])
def test_a_key_area_carries_its_stated_planned_area_as_a_target(db: sqlite3.Connection, name: str, km2: float) -> None:
    goals = targets_for(db, find_feature(db, name).feature.id)
    areas = [t for t in goals if t.indicator.endswith("规划面积")]
    assert [(t.value, t.unit, t.comparator) for t in areas] == [(km2, "平方公里", "~")]
