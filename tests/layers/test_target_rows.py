"""A target as the panel, the sheets and search show it: the comparator as a sign, the unit once, the kind."""

from __future__ import annotations

import pytest

from geodata.feature_queries import targets
from geodata.passages import passage
from geodata.store import connect
from layers.feature_sheet import feature_sheet
from layers.target_rows import NOT_STATED, figure_span, target_row, value_and_unit


@pytest.fixture(scope="module")
def db(either_store):
    """The seed store, as a GeoPackage and as a database."""
    with connect(either_store) as connection:
        yield connection


@pytest.mark.parametrize(("written", "comparator", "unit", "shown"), [
    ("4.25%", "=", "%", ("4.25", "%")),
    ("26000（亿元）", "=", "亿元", ("26000", "亿元")),
    ("1", "~", "万亿元", ("约1", "万亿元")),
    ("≥ 5", ">=", "%", ("≥5", "%")),
    ("≥0.2（公里）", ">=", "公里", ("≥0.2", "公里")),
    ("1-2", "between", "所", ("1–2", "所")),
    ("8-10（家）", None, "家", ("8–10", "家")),
    ("两千", ">", "亿", (">两千", "亿")),
    ("完成市下达任务", None, "%", ("完成市下达任务", "")),
    ("", None, "%", (NOT_STATED, "")),
])
def test_value_and_unit(written, comparator, unit, shown):
    assert value_and_unit(written, comparator, unit) == shown


def test_no_row_repeats_its_unit(db):
    for t in targets(db):
        row = target_row(t)
        if row.unit:
            assert row.value_with_unit.count(row.unit) == 1, (t.value_text, t.unit, row.value_with_unit)
        assert row.kind in ("目标", "结果", "基数")


def test_a_district_sheet_reads_kinds_scopes_and_its_statistical_area(db):
    sheet = feature_sheet(db, "district-nanshan")
    kinds = {row.kind for row in sheet.targets}
    assert {"目标", "结果"} <= kinds
    assert all(row.scope for row in sheet.targets)
    gdp = next(row for row in sheet.targets if row.indicator == "地区生产总值" and row.kind == "结果")
    assert gdp.value_with_unit == "6502.22 亿元" and gdp.year == "2020"
    assert sheet.statistical_area == "统计面积 187.5 km²" and "海岸线" in sheet.area_note


def test_a_key_area_sheet_has_its_positioning(db):
    assert feature_sheet(db, "ps-yanzihu").positioning == "东部城市新客厅"
    assert feature_sheet(db, "district-pingshan").positioning == ""


def test_figure_span_finds_the_figure_in_prose_and_in_a_table_row(db):
    rows = [target_row(t) for t in targets(db, scope="坪山区")]
    prose = next(r for r in rows if r.span is not None and r.indicator == "地区生产总值" and r.kind == "结果")
    text = passage(db, prose.passage_id).text
    start, end = figure_span(prose, text)
    assert text[start:end].startswith("801.05")
    table = next(r for r in rows if r.span is None and r.indicator == "地区生产总值" and r.kind == "目标")
    text = passage(db, table.passage_id).text
    start, end = figure_span(table, text)
    assert text[start:end] == "1250" and text[:start].endswith("目标：")
