"""The feature panel's targets as a planner reads them: kind, value with its unit once, sortable, ten rows at
a glance, and a click that shows the figure in its passage."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from geodata.passages import passage

PINGSHAN = "district-pingshan"
NANSHAN = "district-nanshan"


def show(qtbot, window, feature_id: str):
    window.select_feature(feature_id, zoom=False)
    qtbot.waitUntil(lambda: window.feature_panel.sheet is not None and window.feature_panel.sheet.id == feature_id,
                    timeout=5000)
    return window.feature_panel


def column_texts(panel, key: str) -> list[str]:
    column = panel.target_column(key)
    return [panel.targets.item(row, column).text() for row in range(panel.targets.rowCount())]


def click_cell(qtbot, panel, row: int, column: int) -> None:
    table = panel.targets
    table.scrollToItem(table.item(row, column))
    rect = table.visualItemRect(table.item(row, column))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())


def test_kind_column_says_target_or_result(qtbot, window):
    panel = show(qtbot, window, NANSHAN)
    kinds = column_texts(panel, "kind")
    assert {"目标", "结果"} <= set(kinds) and set(kinds) <= {"目标", "结果", "基数"}
    gdp = [row for row in range(panel.targets.rowCount())
           if panel.targets.item(row, panel.target_column("indicator")).text() == "地区生产总值"]
    shown = {(panel.targets.item(row, panel.target_column("kind")).text(),
              panel.targets.item(row, panel.target_column("value")).text()) for row in gdp}
    assert ("结果", "6502.22 亿元") in shown  # 2020's result, not a commitment


def test_no_value_cell_repeats_its_unit(qtbot, window):
    for feature_id in (PINGSHAN, NANSHAN):
        panel = show(qtbot, window, feature_id)
        values = column_texts(panel, "value")
        for row, text in enumerate(values):
            unit = panel.target_at(row).unit
            assert not unit or text.count(unit) == 1, text
        assert not any(double in text for text in values for double in ("% %", "）亿元", "万亿元 万亿元"))
        assert any(text.startswith(("≥", "≤", "约", ">")) for text in values)  # the comparator as a sign


def test_ten_rows_visible_at_1600_by_1000(qtbot, window):
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: window.width() == 1600, timeout=5000)
    panel = show(qtbot, window, PINGSHAN)
    qtbot.wait(200)
    table = panel.targets
    assert table.rowCount() > 10
    visible = [row for row in range(table.rowCount())
               if table.visualItemRect(table.item(row, 0)).bottom() <= table.viewport().height()]
    assert len(visible) >= 10, (len(visible), panel.splitter.sizes())


def test_sorting_by_value_keeps_each_row_its_target(qtbot, window):
    panel = show(qtbot, window, PINGSHAN)
    value = panel.target_column("value")
    panel.targets.sortItems(value, Qt.SortOrder.DescendingOrder)
    amounts = [panel.target_at(row).amount for row in range(panel.targets.rowCount())]
    numbers = [a for a in amounts if a is not None]
    assert numbers == sorted(numbers, reverse=True) and numbers[0] >= 1000
    for row in range(panel.targets.rowCount()):
        assert panel.targets.item(row, value).text() == panel.target_at(row).value_with_unit


def test_clicking_a_target_highlights_its_figure(qtbot, window):
    panel = show(qtbot, window, PINGSHAN)
    rows = range(panel.targets.rowCount())
    prose = next(row for row in rows if panel.target_at(row).span is not None)
    target = panel.target_at(prose)
    click_cell(qtbot, panel, prose, panel.target_column("indicator"))
    text = passage(window.session.db, target.passage_id).text
    figure = text[target.span[0]:target.span[1]]
    qtbot.waitUntil(lambda: window.reader.text.textCursor().selectedText() == figure, timeout=5000)
    assert window.reader.current_passage == target.passage_id and not window.reader_dock.isHidden()
    # a table row has no stored span: its value is found after the indicator in the row's text
    table_row = next(row for row in rows if panel.target_at(row).span is None and panel.target_at(row).written
                     and panel.target_at(row).indicator == "地区生产总值")
    show(qtbot, window, PINGSHAN)
    click_cell(qtbot, panel, table_row, panel.target_column("value"))
    qtbot.waitUntil(lambda: window.reader.text.textCursor().selectedText() == "1250", timeout=5000)


def test_positioning_and_statistical_area(qtbot, window):
    panel = show(qtbot, window, "ps-yanzihu")
    assert not panel.positioning.isHidden() and "东部城市新客厅" in panel.positioning.text()
    panel = show(qtbot, window, NANSHAN)
    assert panel.positioning.isHidden()
    assert "204.6 km²" in panel.measure.text() and "统计面积 187.5 km²" in panel.measure.text()
    assert "海岸线" in panel.area_note.text() and not panel.area_note.isHidden()
