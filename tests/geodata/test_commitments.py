"""Prose commitments: each rule on a sentence of its own, then the hand-written lists of the five plans and
of a plan in another district's style (the latter through add-plan into a real store)."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from backends import BACKENDS, on_backend

from geodata.build import AddedPlan, build_store
from geodata.feature_queries import target_sources, targets
from geodata.plans.figures import chinese_number, find_figures, normalised
from geodata.plans.parser import parse_plan
from geodata.plans.plan import Target
from geodata.store import connect
from geodata.store_address import StoreAddress

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
TITLE = "深圳市某某区国民经济和社会发展第十四个五年规划纲要"  # a 2021–2025 district plan


def load_bench():
    spec = importlib.util.spec_from_file_location("commitments_bench", ROOT / "bench" / "commitments_bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


def read(tmp_path: Path, body: str, heading: str = "第三章 发展目标") -> list[Target]:
    """The prose commitments of a small plan: a title, one heading and `body`."""
    path = tmp_path / "plan.txt"
    path.write_text(f"{TITLE}\n\n{heading}\n\n{body}\n", encoding="utf-8")
    return [t for t in parse_plan(path).targets if t.table is None]


def only(found: list[Target]) -> Target:
    assert len(found) == 1, found
    return found[0]


# --- figures ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "number", "value", "value_max", "unit"), [
    ("新增坪山城市书房30家", "30", 30, None, "家"),
    ("新增公办义务教育学位2.86万个", "2.86", 2.86, None, "万个"),
    ("本地生产总值力争达到1万亿元", "1", 1, None, "万亿元"),
    ("引进1-2所省级以上检验检测机构", "1-2", 1, 2, "所"),
    ("规划建设3至5个国际化社区", "3至5", 3, 5, "个"),
    ("规模以上工业全员劳动生产率从15万元/人提高到", "15", 15, None, "万元/人"),
    ("是“十二五”期末的三倍", "三", 3, None, "倍"),
    ("培育规模超过两千亿的产业集群", "两千", 2000, None, "亿"),
    ("文化产业增加值超千亿元", "千", 1000, None, "亿元"),
    ("全市PCT专利申请量达到2.4万件", "2.4", 2.4, None, "万件"),
    ("规划增加床位3000余张", "3000", 3000, None, "张"),
    ("PM2.5年均浓度控制在25微克/立方米以下", "25", 25, None, "微克/立方米"),
    ("研发经费投入占GDP比例5%以上", "5", 5, None, "%"),
])
def test_a_figure_is_a_number_with_its_unit(text, number, value, value_max, unit):
    figure = only(find_figures(text))
    assert (figure.number, figure.value, figure.value_max, figure.unit) == (number, value, value_max, unit)
    assert text[figure.start:figure.end] == figure.text


def test_chinese_numerals_and_multipliers():
    numbers = ("三", "十", "二十三", "两千", "五百", "二〇二五")
    assert [chinese_number(t) for t in numbers] == [3, 10, 23, 2000, 500, 2025]
    assert normalised(2.86, "万个") == (28600, "个")
    assert normalised(2000, "名") == normalised(2000, "人")
    assert normalised(1, "万亿元") == normalised(10000, "亿元")
    doubled = only(find_figures("在2020年基础上翻一番"))
    assert (doubled.value, doubled.unit, doubled.doubling) == (2, "倍", True)


@pytest.mark.parametrize("text", [
    "加快地铁14号线、16号线建设", "建成5000个5G基站网络的5G", "PM2.5浓度", "到2025年", "7月1日印发", "第二十条",
    "专栏7 重点片区", "“1+7”重点片区", "拨打12345热线", "电话0755-88889999", "鄂ICP备19019357号-22",
    "充分利用国内国际两个市场", "5岁以下儿童死亡率", "建设20万吨级集装箱泊位", "培育营业收入超百亿元企业",
    "“一个社区一所社区学校”", "中组部“千人计划”", "实施百名院士引进计划", "推出16个方面改革措施", "三位一体",
    "整车与零部件协同", "实现15分钟生活圈", "144小时过境免签",
])
def test_numbers_that_name_or_order_things_are_not_figures(text):
    assert [f.text for f in find_figures(text) if f.text != "5000个"] == []


# --- commitments in sentences --------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "comparator"), [
    ("到2025年，公园总数达到86个。", "="),
    ("到2025年，经济总量超过1250亿元。", ">"),
    ("到2025年，全市进出口总额突破3万亿元。", ">"),
    ("到2025年，高新技术企业数量600家以上。", ">="),
    ("到2025年，新增体育场地面积不少于15万平方米。", ">="),
    ("到2025年，城市绿化覆盖率不低于50%。", ">="),
    ("到2025年，万人刑事案件立案数控制在3.5宗以内。", "<="),
    ("到2025年，公办养老床位数不超过1000张。", "<="),
    ("到2025年，PM2.5年均浓度控制在23微克/立方米以下。", "<="),
    ("到2025年，城镇调查失业率低于5%。", "<"),
    ("到2025年，常住人口约186万。", "~"),
    ("到2025年，集聚杰出人才10名左右。", "~"),
    ("到2025年，力争生物医药产业总产值达420亿元。", "~"),
    ("到2025年，规划增加床位3000余张。", ">"),
    ("到2025年，引进2-3家平台机构。", "between"),
])
def test_the_comparator_comes_from_the_wording(tmp_path, sentence, comparator):
    assert only(read(tmp_path, sentence)).comparator == comparator


def test_years_and_periods(tmp_path):
    found = read(tmp_path, "到2022年，医养结合覆盖率达100%；到二〇三五年，人均公园绿地面积达到19.5平方米。\n\n"
                           "“十四五”期间，新增学位3900座。\n\n每年引入15个创新创业团队。\n\n新增坪山城市书房30家。\n\n"
                           "累计建成避难场所452处。")
    by_value = {t.value: t for t in found}
    assert by_value[100].year == 2022 and by_value[19.5].year == 2035
    assert (by_value[3900].year, by_value[3900].period) == (2025, "“十四五”期间")
    assert (by_value[15].year, by_value[15].period) == (None, "每年")
    assert by_value[30].year == 2025  # no year stated: the plan's period ends in 2025
    assert by_value[452].period == "累计"
    assert all(t.kind == "target" for t in found)


def test_results_of_the_past_period_and_baselines(tmp_path):
    review = read(tmp_path, "“十三五”时期，全区地区生产总值达到801.05亿元，规模以上工业全员劳动生产率从15万元/人"
                            "提高到22万元/人，新增公办学位2.86万个。目前，常住人口约252万人。",
                  heading="第一章 发展基础")
    kinds = {t.value: (t.kind, t.year, t.is_result) for t in review}
    assert kinds == {801.05: ("result", 2020, True), 15: ("baseline", 2015, False), 22: ("result", 2020, True),
                     2.86: ("result", 2020, True), 252: ("baseline", 2020, False)}
    diagnosis = read(tmp_path, "全市共有黑臭河流133条。", heading="一、问题诊断")
    assert only(diagnosis).kind == "baseline"
    dated = read(tmp_path, "2020年实现地区生产总值6502.22亿元。到2025年地区生产总值达到10000亿元。")
    assert [(t.kind, t.year) for t in dated] == [("result", 2020), ("target", 2025)]


def test_relative_figures(tmp_path):
    found = read(tmp_path, "到2025年，人均可支配收入年均增长6.5%，单位GDP能耗比2020年下降15%，"
                           "经济总量在2020年基础上翻一番。")
    growth, fall, doubling = found
    assert (growth.indicator, growth.value, growth.unit, growth.period) == ("人均可支配收入增长", 6.5, "%", "年均")
    assert (fall.indicator, fall.value, fall.base_value_text) == ("单位GDP能耗下降", 15, "2020年")
    assert (doubling.value, doubling.unit, doubling.base_value_text) == (2, "倍", "2020年")


def test_the_subject_is_before_the_figure_or_counted_by_it(tmp_path):
    found = read(tmp_path, "拓展特色文化场所空间，新增坪山城市书房30家。到2025年，建成5000个5G基站。"
                           "引进和培育市级及以上海内外高层次人才团队30个左右。")
    assert [t.indicator for t in found] == ["新增坪山城市书房", "5G基站", "市级及以上海内外高层次人才团队"]


def test_two_figures_for_two_subjects_give_two_targets(tmp_path):
    found = read(tmp_path, "建设7座城市消防站和5座小型消防站。地区生产总值、第三产业增加值分别达到801.05亿元和300亿元。"
                           "生活垃圾无害化处理率、餐厨垃圾资源化处理率均达到100%。")
    assert [(t.indicator, t.value) for t in found] == [
        ("城市消防站", 7), ("小型消防站", 5), ("地区生产总值", 801.05), ("第三产业增加值", 300),
        ("生活垃圾无害化处理率", 100), ("餐厨垃圾资源化处理率", 100)]
    assert found[4].span_start == found[5].span_start  # one figure, two subjects


def test_a_figure_with_no_unit_or_no_subject_is_not_a_target(tmp_path):
    assert read(tmp_path, "推进编号2025的项目，完成第3批任务，热线12345全天服务，实现“1+5+N”。") == []


def test_a_key_areas_box_item_belongs_to_that_area(tmp_path):
    box = read(tmp_path, "专栏7 重点片区\n\n1.燕子湖片区：规划面积约5平方公里，定位为东部城市新客厅。")
    area = only(box)
    assert (area.value, area.unit, area.comparator, area.year) == (5, "平方公里", "~", None)
    plan_places = lambda text: "燕子湖片区" if "燕子湖" in text else None  # noqa: E731
    path = tmp_path / "plan.txt"
    scoped = only([t for t in parse_plan(path, places=plan_places).targets if t.table is None])
    assert (scoped.scope, scoped.indicator) == ("燕子湖片区", "燕子湖片区规划面积")


def test_spans_point_at_the_figures(parsed_seeds):
    for plan in parsed_seeds.values():
        texts = {p.ordinal: p.text for p in plan.passages}
        for t in plan.targets:
            if t.table is None:
                figure = texts[t.passage_ordinal][t.span_start:t.span_end]
                doubling = figure.startswith("翻") and figure.endswith("番")  # 翻一番: 2倍
                plain = re.sub(r"[余多]", "", figure).replace("％", "%")  # "4亿多平方米": 4, 亿平方米
                assert doubling or (figure.startswith(t.value_text) and plain.endswith(t.unit)), (t, figure)
            for source in t.sources:
                assert texts[source.passage_ordinal][source.span_start:source.span_end], source


def test_a_table_row_restated_in_prose_is_one_target_with_both_sources(parsed_seeds):
    plan = parsed_seeds["003"]
    row = only([t for t in plan.targets if t.indicator == "新增公办义务教育学位" and t.kind == "target"])
    assert row.table and row.comparator == ">="
    source = only(list(row.sources))
    text = next(p.text for p in plan.passages if p.ordinal == source.passage_ordinal)
    assert text[source.span_start:source.span_end] == "2.8万个" and source.comparator == ">="


def test_the_issues_examples_are_found(parsed_seeds):
    found = {(t.value, t.unit) for p in parsed_seeds.values() for t in p.targets}
    for example in ((1000, "亿元"), (30, "家"), (30, "个"), (2000, "名"), (10000, "家"), (200, "个")):
        assert example in found, example


# --- against the lists written by hand -----------------------------------------------------------------


def test_recall_and_false_positives_on_the_five_plans():
    bench = load_bench()
    expected = json.loads((DATA / "commitments_expected.json").read_text(encoding="utf-8"))
    assert len(expected["commitments"]) >= 60 and sum(len(s) for s in expected["sections"].values()) >= 8
    whole = bench.total(bench.score(expected, bench.seed_readings(expected)))
    assert whole.recall >= 0.9, [e for e in whole.missed]
    assert whole.false_rate <= 0.05, whole.false


@pytest.fixture(scope="module")
def store_with_synthetic_plan(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    store = tmp_path_factory.mktemp("synthetic") / "plan-map.gpkg"
    shutil.copy(built_store, store)
    plan = DATA / "commitments_synthetic_longhua.txt"
    report = build_store(store, new_plan=AddedPlan(plan.name, plan.read_bytes()))
    return store, report.documents[-1].id


def test_a_plan_in_another_districts_style_goes_through_add_plan_with_the_same_recall(store_with_synthetic_plan):
    store, document_id = store_with_synthetic_plan
    bench = load_bench()
    expected = json.loads((DATA / "commitments_synthetic_expected.json").read_text(encoding="utf-8"))
    assert len(expected["commitments"]) >= 30
    with sqlite3.connect(store) as db:
        reading = bench.reading_of_store(db, document_id)
    whole = bench.total(bench.score(expected, {"lh": reading}))
    assert whole.recall >= 0.9, whole.missed
    assert whole.false_rate <= 0.05, whole.false


@pytest.fixture(scope="module", params=BACKENDS)
def synthetic_on_either(request: pytest.FixtureRequest, store_with_synthetic_plan: tuple[Path, str]
                        ) -> tuple[StoreAddress, str]:
    """The store with the synthetic plan, as a GeoPackage and as a database."""
    store, document_id = store_with_synthetic_plan
    return on_backend(request, store), document_id


def test_the_store_keeps_kind_span_scope_and_sources(synthetic_on_either):
    store, document_id = synthetic_on_either
    with connect(store) as db:
        north = targets(db, document_id, "北站商务区")
        results = targets(db, document_id, kind="result", year=2020)
        linked = db.execute("SELECT count(*) FROM feature_targets ft JOIN targets t ON t.id = ft.target_id "
                            "WHERE t.document_id = ? AND ft.feature_id = 'sz-north-station'", (document_id,)).fetchone()
    assert {t.indicator for t in north} >= {"北站商务区规划面积", "北站商务区商务办公面积"}
    assert all(t.scope == "北站商务区" for t in north if "北站" in t.indicator) and linked[0] >= 2
    assert results and all(t.kind == "result" and t.is_result for t in results)
    with connect(store) as db:  # a seed plan's targets, kept beside the added plan's
        rows = targets(db, "da1170dc594a", kind="target")
        row = next(t for t in rows if t.indicator == "新增公办义务教育学位")
        sources = target_sources(db, [row.id])
        text = db.execute("SELECT text FROM passages WHERE id = ?", (sources[0].passage_id,)).fetchone()[0]
    assert text[sources[0].span_start:sources[0].span_end] == "2.8万个"


def test_a_plan_without_commitments_is_added_with_zero_targets(store_with_synthetic_plan, tmp_path):
    store, _ = store_with_synthetic_plan
    plain = "深圳市某某区文化发展规划\n\n第一章 总体要求\n\n坚持以人民为中心，推进文化事业繁荣发展。\n"
    report = build_store(store, new_plan=AddedPlan("plain.txt", plain.encode("utf-8")))
    assert report.documents[-1].targets == 0 and report.documents[-1].title == "深圳市某某区文化发展规划"


def test_search_results_say_kind_place_and_document(built_store):
    from layers.search_results import SearchIndex

    with connect(built_store) as db:
        found = SearchIndex(db).search("规划面积").targets
    yanzihu = next(t for t in found if t.place == "燕子湖片区")
    assert yanzihu.kind == "target" and yanzihu.detail.startswith("目标 · 燕子湖片区 · 坪山区")
    assert "约5 平方公里" in yanzihu.text
    with connect(built_store) as db:
        results = SearchIndex(db).search("地区生产总值 结果").targets
    assert results and all(t.kind == "result" and t.detail.startswith("结果 · ") for t in results)
