"""Indicators: names the plans write differently merge by rule or catalogue, units convert, every target of
the seed plans and of an added plan is linked when it is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata.indicators import (
    catalogue,
    convert,
    indicator_counts,
    indicator_for,
    linked_targets,
    matching,
    normalized,
    unlinked_names,
)
from geodata.store import connect
from geodata.store_address import StoreAddress


@pytest.mark.parametrize("names", [
    ("本市生产总值", "地区生产总值", "本地生产总值", "GDP"),
    ("全社会研发支出占GDP比重", "研发经费投入占GDP比例", "全社会研发投入占地区生产总值比重", "R&D占GDP比重"),
    ("人均生产总值", "人均GDP", "人均地区生产总值"),
    ("千人病床数", "每千人床位数", "每千常住人口医院病床数"),
    ("每千人医生数", "每千人口拥有执业（助理）医师数", "每千人口执业医师"),
    ("细颗粒物（PM _{2.5}）年均浓度", "PM2.5年均浓度", "$PM_{2.5}$年均浓度", "PM2.5平均浓度"),
    ("万元GDP能耗累计下降", "单位GDP能源消耗降低"),
    ("居民平均预期寿命", "人均预期寿命"),
    ("国家级高新技术企业数量", "国家高新技术企业"),
    ("辖区税收", "税收"),
])
def test_rules_merge_the_names_plans_give_one_indicator(names) -> None:
    assert len({normalized(name) for name in names}) == 1, [normalized(name) for name in names]


@pytest.mark.parametrize("one, other", [
    ("城镇登记失业率", "城镇调查失业率"),
    ("地区生产总值", "地区生产总值提高"),
    ("地区生产总值", "合作区生产总值"),
    ("全社会研发投入占GDP比重", "全社会研发投入占GDP比重规模"),
    ("亿元GDP生产安全事故死亡率", "亿元GDP生产安全事故死亡率下降"),
    ("空气质量优良天数", "空气质量优良天数比例"),
])
def test_rules_keep_different_indicators_apart(one, other) -> None:
    assert normalized(one) != normalized(other)
    assert indicator_for(one) != indicator_for(other)


def test_catalogue_names_what_no_rule_merges() -> None:
    assert indicator_for("经济总量").name == "地区生产总值"
    assert indicator_for("本市生产总值").name == "地区生产总值"
    assert indicator_for("研发经费投入占GDP比例").name == indicator_for("全社会研发支出占GDP比重").name
    assert indicator_for("律师") is None


def test_every_catalogue_entry_is_found_by_its_own_name_and_variants() -> None:
    for indicator in catalogue():
        for name in (indicator.name, *indicator.variants):
            assert indicator_for(name) == indicator, name


@pytest.mark.parametrize("value, unit, to_unit, expected", [
    (1, "万亿元", "亿元", 10000),
    (2.8, "万亿元", "亿元", 28000),
    (26000, "亿元", "亿元", 26000),
    (186, "万", "万人", 186),  # a bare 万 counts what the indicator counts
    (1.5, "万人", "人", 15000),
    (5, "‰", "%", 0.5),
    (6, "成", "%", 60),
    (250, "公顷", "平方公里", 2.5),
    (10, "批次/千人", "批次/千人", 10),
    (683, "万吨/日", "吨/日", 6830000),
])
def test_units_convert_to_the_common_unit(value, unit, to_unit, expected) -> None:
    assert convert(value, unit, to_unit) == pytest.approx(expected)


@pytest.mark.parametrize("unit, to_unit", [("万美元", "万元"), ("倍", "亿元"), ("个", "万人"), (None, "亿元")])
def test_different_quantities_do_not_convert(unit, to_unit) -> None:
    assert convert(2.5, unit, to_unit) is None


def test_gdp_targets_of_three_plans_in_one_unit(either_store: StoreAddress) -> None:
    with connect(either_store) as db:
        indicator, found = matching(linked_targets(db), "地区生产总值")
    assert indicator.name == "地区生产总值" and indicator.unit == "亿元"
    by_scope = {(item.target.scope, item.target.year, item.target.kind): item.value for item in found}
    assert by_scope[("南山区", 2025, "target")] == 10000  # "1万亿元"
    assert by_scope[("坪山区", 2025, "target")] == 1250
    assert by_scope[("深圳市", 2020, "target")] == 26000
    assert {item.target.indicator for item in found} >= {"本市生产总值", "地区生产总值", "本地生产总值"}


def test_counts_and_unlinked_cover_every_target_once(either_store: StoreAddress) -> None:
    with connect(either_store) as db:
        counts = indicator_counts(db)
        unlinked = unlinked_names(db)
        total = len(linked_targets(db))
    assert len(counts) == len(catalogue())
    assert sum(c.targets for c in counts) + sum(u.targets for u in unlinked) == total
    gdp = next(c for c in counts if c.indicator.name == "地区生产总值")
    assert set(gdp.scopes) == {"深圳市", "坪山区", "南山区"} and "本地生产总值" in gdp.names
    assert not any(indicator_for(u.indicator) for u in unlinked)
    assert "律师" in {u.indicator for u in unlinked}


def test_a_plan_added_later_is_linked_without_a_rebuild(built_store: Path, tmp_path: Path) -> None:
    from geodata.build import AddedPlan, build_store

    store = tmp_path / "plan-map.gpkg"
    store.write_bytes(built_store.read_bytes())
    plan = Path(__file__).parents[1] / "data" / "commitments_synthetic_longhua.txt"
    build_store(store, new_plan=AddedPlan(plan.name, plan.read_bytes(), None, "district", "龙华区"))
    with connect(store) as db:
        _, found = matching(linked_targets(db), "地区生产总值")
    longhua = {(item.target.year, item.target.kind): item.value for item in found if item.target.scope == "龙华区"}
    assert longhua[(2025, "target")] == 4000
