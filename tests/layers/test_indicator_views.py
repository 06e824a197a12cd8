"""The Qt-free views of indicators: the table the dock shows and exports, comparisons and their flags, the place
across plans, and the choropleth on the map and on paper."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from geodata.indicators import linked_targets
from geodata.store import connect
from layers.choropleth import (
    NO_DATA,
    ChoroplethError,
    choropleth,
    choropleth_choices,
    district_features,
    export_choropleth,
    page_spec,
    print_layout,
    print_scene,
)
from layers.indicator_compare import ComparisonRow, chart_png, compare, comparison_flags, place_across_plans
from layers.indicator_table import filter_rows, grouped, indicator_rows, write_table
from layers.map_scene import load_scene
from layers.print_layout import PageLayout
from layers.print_render import render_bytes
from layers.target_rows import NOT_STATED


@pytest.fixture(scope="module")
def rows(either_store):
    with connect(either_store) as db:
        return indicator_rows(db)


def test_rows_show_blank_cells_as_not_stated_and_group_by_indicator(rows) -> None:
    assert any(row.not_stated and row.year == 2020 and row.level == "市级" for row in rows)
    groups = grouped(rows)
    gdp = next(g for g in groups if g.name == "地区生产总值")
    assert gdp.linked and gdp.unit == "亿元"
    assert {row.written_indicator for row in gdp.rows} >= {"本市生产总值", "本地生产总值", "地区生产总值"}
    first_unlinked = next(i for i, g in enumerate(groups) if not g.linked)
    assert all(g.linked for g in groups[:first_unlinked]) and not any(g.linked for g in groups[first_unlinked:])


def test_filters_combine_text_level_and_kind(rows) -> None:
    found = filter_rows(rows, "生产总值 坪山", level="区级", kind="目标")
    assert found and all(row.scope == "坪山区" and row.kind == "目标" for row in found)
    assert {row.indicator for row in found} >= {"地区生产总值", "人均地区生产总值"}
    assert filter_rows(rows, "生产总值 坪山", level="市级") == []


def test_formula_cells_stay_text_in_csv_and_xlsx(rows, tmp_path: Path) -> None:
    hostile = replace(rows[0], written_indicator="=HYPERLINK(\"http://x\")", section_path="@SUM(1)", value="-1")
    csv_path = write_table([hostile], tmp_path / "t.csv")
    cells = pd.read_csv(csv_path, encoding="utf-8-sig", dtype=str).iloc[0]
    assert cells["原文指标"] == "'=HYPERLINK(\"http://x\")" and cells["章节"] == "'@SUM(1)" and cells["数值"] == "'-1"
    from openpyxl import load_workbook

    sheet = load_workbook(write_table([hostile], tmp_path / "t.xlsx")).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("原文指标") + 1)
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"http://x\")"


def test_export_refuses_an_unknown_format_and_an_existing_file(rows, tmp_path: Path) -> None:
    from geodata.store import StoreError

    with pytest.raises(StoreError, match=r"\.csv or \.xlsx"):
        write_table(rows, tmp_path / "t.ods")
    (tmp_path / "t.csv").write_text("mine")
    with pytest.raises(StoreError, match="exists"):
        write_table(rows, tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text() == "mine"


def row(scope: str, year: int, value: float, comparator: str = "=", kind: str = "target") -> ComparisonRow:
    return ComparisonRow(0, "d", "doc", "", scope, year, kind, {"target": "目标", "result": "结果"}[kind], value,
                         None, "%", comparator, f"{value} %", "x", "", None)


def test_flags_state_size_and_direction_as_facts() -> None:
    rows = [row("深圳市", 2020, 4.25), row("深圳市", 2015, 4.0), row("坪山区", 2025, 5, ">=")]
    assert comparison_flags(rows, "rate") == ["坪山区目标 ≥5%（2025年），高于全市目标 4.25%（2020年）"]
    bounded = [row("深圳市", 2025, 3, "<="), row("坪山区", 2025, 3.5, ">=")]
    assert comparison_flags(bounded, "rate") == ["坪山区目标 ≥3.5%（2025年）为下限，全市目标 ≤3%（2025年）为上限"]
    assert comparison_flags([row("深圳市", 2025, 40000), row("南山区", 2025, 10000)], "total") == []
    assert comparison_flags([row("深圳市", 2025, 5), row("南山区", 2025, 5)], "rate") == []


def test_chart_is_a_png(built_store: Path) -> None:
    with connect(built_store) as db:
        png = chart_png(compare(db, "地区生产总值"))
    assert png.startswith(b"\x89PNG") and len(png) > 5000


def test_a_place_across_plans_puts_each_document_in_a_column(built_store: Path) -> None:
    with connect(built_store) as db:
        table = place_across_plans(db, "坪山")
    assert table.place == "坪山区"
    titles = [doc.title for doc in table.documents]
    assert any("坪山区" in title for title in titles) and any("第十三个五年" in title for title in titles)
    city = next(doc for doc in table.documents if "第十三个五年" in doc.title)
    assert city.passages > 0  # the city plan names 坪山 without giving it a figure
    gdp = next(line for line in table.lines if line.indicator == "地区生产总值")
    pingshan = titles.index(next(t for t in titles if "坪山区" in t))
    assert "1250亿元（2025年目标）" in gdp.cells[pingshan] and "801.05亿元（2020年结果）" in gdp.cells[pingshan]


def test_choropleth_colours_districts_with_values_and_leaves_the_rest_as_no_data(built_store: Path) -> None:
    with connect(built_store) as db:
        names = {name for _, name in district_features(db)}
        choices = choropleth_choices(linked_targets(db), names)
        gdp = choropleth(db, "地区生产总值", "target")
    assert any(c.indicator == "地区生产总值" and c.year == 2025 and set(c.districts) == {"坪山区", "南山区"}
               for c in choices)
    assert gdp.year == 2025 and gdp.unit == "亿元"
    by_name = {d.name: d for d in gdp.districts}
    assert by_name["南山区"].value == 10000 and by_name["坪山区"].value == 1250
    assert by_name["南山区"].colour != by_name["坪山区"].colour
    assert by_name["福田区"].text == NO_DATA and by_name["福田区"].colour == gdp.classes[-1].colour
    labels = [c.label for c in gdp.classes]
    assert labels == ["1250亿元（坪山区）", "10000亿元（南山区）", NO_DATA]
    spec = page_spec(gdp)
    assert spec["fills"]["district-nanshan"] == by_name["南山区"].colour
    assert [entry["label"] for entry in spec["entries"]] == labels


def test_a_blank_cell_is_not_stated_on_the_map(built_store: Path, tmp_path: Path) -> None:
    store = tmp_path / "plan-map.gpkg"
    store.write_bytes(built_store.read_bytes())
    with sqlite3.connect(store) as raw:
        raw.execute("UPDATE targets SET value_text = '', value = NULL, comparator = NULL "
                    "WHERE indicator = '本地生产总值'")
    with connect(store) as db:
        gdp = choropleth(db, "地区生产总值", "target", 2025)
        with pytest.raises(ChoroplethError):
            choropleth(db, "地区生产总值", "baseline")
    nanshan = next(d for d in gdp.districts if d.name == "南山区")
    assert nanshan.text == NOT_STATED and NOT_STATED in [c.label for c in gdp.classes]


def test_the_export_layout_prints_the_classes_in_its_legend(built_store: Path, tmp_path: Path) -> None:
    with connect(built_store) as db:
        gdp = choropleth(db, "地区生产总值", "target")
        scene = print_scene(load_scene(db), gdp)
    layout = print_layout(PageLayout(dpi=60, layers=("neighbours", "districts", "key_areas")), gdp, scene)
    assert layout.title == "地区生产总值：各区2025年目标"
    assert layout.layers[:4] == ("neighbours", NO_DATA, "1250亿元（坪山区）", "10000亿元（南山区）")  # drawing order
    nanshan = next(item for item in scene.layers["10000亿元（南山区）"])
    assert nanshan.style.fill == next(d.colour for d in gdp.districts if d.name == "南山区")
    from layers.print_render import page_figure

    _, report = page_figure(layout, scene)
    classes = [label for label in report.legend if label in {"10000亿元（南山区）", "1250亿元（坪山区）", NO_DATA}]
    assert classes == ["10000亿元（南山区）", "1250亿元（坪山区）", NO_DATA]  # highest first, as the legend reads
    assert "行政区" not in report.legend  # the classes are the districts
    # 深汕 (schematic, no data) has no inset on this page, so the legend names no schematic class
    assert [label for label in report.legend if label.startswith(NO_DATA)] == [NO_DATA]
    assert render_bytes(layout, scene, "png").startswith(b"\x89PNG")
    out = export_choropleth(built_store, gdp, tmp_path / "gdp.pdf")
    assert out.read_bytes().startswith(b"%PDF")
