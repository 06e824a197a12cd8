"""The 指标 dock as a user drives it: open it, filter and sort the targets, open a passage, compare an indicator
with its chart, look at a place across plans, colour the districts on the map, export the table."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from viewer_helpers import js_json

from layers.indicator_table import IndicatorGroup, IndicatorRow


def open_dock(qtbot, window):
    window.indicators_dock.toggleViewAction().trigger()  # 视图 → 指标
    panel = window.indicators
    qtbot.waitUntil(lambda: bool(panel.rows), timeout=10000)
    return panel


def tree_rows(panel) -> list[IndicatorRow]:
    rows = []
    for g in range(panel.tree.topLevelItemCount()):
        group = panel.tree.topLevelItem(g)
        rows += [panel.row_of(group.child(c)) for c in range(group.childCount())]
    return rows


def test_many_cells_do_not_wear_out_none(qapp) -> None:
    """PySide6 6.12 takes a reference from None on every void call; the dock fills thousands of cells."""
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(20000):
        label.setText("x")
    assert sys.getrefcount(None) >= before or sys.getrefcount(None) > 1_000_000


def test_the_dock_opens_from_the_view_menu_and_the_toolbar(qtbot, window) -> None:
    action = window.indicators_dock.toggleViewAction()
    assert action in window.toolbar.actions()
    assert not window.indicators_dock.isVisible()
    panel = open_dock(qtbot, window)
    assert window.indicators_dock.isVisible()
    assert len(tree_rows(panel)) == len(panel.rows) > 500  # every target, grouped
    groups = [panel.row_of(panel.tree.topLevelItem(g)) for g in range(panel.tree.topLevelItemCount())]
    assert all(isinstance(group, IndicatorGroup) for group in groups) and groups[0].name == "地区生产总值"
    not_stated = [row for row in tree_rows(panel) if row.not_stated]
    assert not_stated and all(row.value == "原文未列" for row in not_stated)


def test_filter_and_sort_the_targets(qtbot, window) -> None:
    panel = open_dock(qtbot, window)
    panel.filter_edit.setText("生产总值")  # typed (keyClicks takes ASCII only)
    panel.level_box.setCurrentText("区级")
    shown = tree_rows(panel)
    assert shown and all(row.level == "区级" for row in shown)
    assert all("生产总值" in row.indicator + row.written_indicator for row in shown)
    assert panel.count_label.text().startswith(str(len(shown)))
    column = list(panel.tree.headerItem().text(c) for c in range(panel.tree.columnCount())).index("统一单位数值")
    panel.tree.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    gdp = next(panel.tree.topLevelItem(g) for g in range(panel.tree.topLevelItemCount())
               if panel.row_of(panel.tree.topLevelItem(g)).name == "地区生产总值")
    values = [panel.row_of(gdp.child(c)).common_value for c in range(gdp.childCount())]
    assert values[0] == 10000 and values == sorted(values, reverse=True)  # 南山's 1万亿元 first


def test_a_row_opens_its_passage_in_the_plan_reader(qtbot, window) -> None:
    panel = open_dock(qtbot, window)
    panel.filter_edit.setText("本地生产总值")
    item = panel.tree.topLevelItem(0).child(0)
    row = panel.row_of(item)
    panel.tree.itemActivated.emit(item, 0)
    assert window.reader.current_passage == row.passage_id
    assert window.reader_dock.isVisible()


def test_compare_shows_the_city_beside_the_districts_with_a_chart(qtbot, window) -> None:
    panel = open_dock(qtbot, window)
    panel.filter_edit.setText("研发经费投入")
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    qtbot.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)
    assert panel.tabs.currentWidget() is panel.compare_page
    chart = panel.compare_page.chart
    qtbot.waitUntil(lambda: chart.pixmap() is not None and not chart.pixmap().isNull(), timeout=20000)
    table = panel.compare_page.table
    cells = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    assert any(row[2] == "深圳市" and row[3] == "2020" and row[5] == "4.25%" for row in cells)
    assert any(row[2] == "坪山区" and row[3] == "2025" and row[5] == "≥5%" for row in cells)
    assert "高于全市" in panel.compare_page.flags_label.text()


def test_a_place_across_plans(qtbot, window) -> None:
    panel = open_dock(qtbot, window)
    table = panel.show_place("坪山区")
    grid = panel.place_page.grid
    headers = [grid.horizontalHeaderItem(c).text() for c in range(grid.columnCount())]
    assert any("坪山区第十四个五年规划纲要" in header for header in headers)
    gdp = next(r for r in range(grid.rowCount()) if grid.item(r, 0).text() == "地区生产总值")
    assert any("1250亿元（2025年目标）" in grid.item(gdp, c).text() for c in range(1, grid.columnCount()))
    assert table.place == "坪山区"


def test_choropleth_on_the_map(qtbot, window) -> None:
    panel = open_dock(qtbot, window)
    index = next(i for i, choice in enumerate(panel.map_page.choices)
                 if choice.indicator == "地区生产总值" and choice.kind == "target" and choice.year == 2025)
    panel.tabs.setCurrentWidget(panel.map_page)
    panel.map_page.choice_box.setCurrentIndex(index)
    qtbot.mouseClick(panel.map_page.show_button, Qt.MouseButton.LeftButton)
    colours = {d.feature_id: d.colour for d in panel.map_page.mapped.districts}

    def state() -> dict:
        return js_json(qtbot, window.map, "PlanMap.choroplethState()")

    qtbot.waitUntil(lambda: state()["title"] == "地区生产总值：各区2025年目标", timeout=5000)
    drawn = state()
    assert drawn["fills"]["district-nanshan"] == colours["district-nanshan"] != colours["district-pingshan"]
    assert drawn["fills"]["district-pingshan"] == colours["district-pingshan"]
    assert "10000亿元（南山区）" in drawn["legend"] and "无数据" in drawn["legend"]
    qtbot.mouseClick(panel.map_page.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: state()["title"] is None, timeout=5000)
    assert window.map.map_page.console_errors() == []


def test_export_what_the_table_shows(qtbot, window, tmp_path: Path) -> None:
    panel = open_dock(qtbot, window)
    panel.filter_edit.setText("坪山")
    for name in ("shown.csv", "shown.xlsx"):
        out = panel.export_rows(tmp_path / name)
        table = pd.read_csv(out, encoding="utf-8-sig") if name.endswith(".csv") else pd.read_excel(out)
        assert len(table) == len(panel.shown_rows) > 100
        assert {"文件", "章节", "段落编号"} <= set(table.columns)


def test_the_choropleth_prints_through_the_export_layout(qtbot, window, tmp_path: Path) -> None:
    panel = open_dock(qtbot, window)
    maps = panel.map_page
    index = next(i for i, choice in enumerate(maps.choices) if choice.indicator == "人均地区生产总值")
    panel.show_choropleth(index)
    out = tmp_path / "per-head.png"
    maps.export_map(out)
    qtbot.waitUntil(lambda: out.exists() and "per-head.png" in maps.note.text(), timeout=30000)
    assert out.read_bytes().startswith(b"\x89PNG")
