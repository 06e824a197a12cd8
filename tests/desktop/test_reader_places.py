"""The plan reader's place names: drawn places link as before, a place not drawn is grey with a dotted underline
and says why when clicked, a structure formula selects and frames its members, 高新区 offers its candidates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu
from viewer_helpers import js_json

from geodata.place_register import formula_members
from geodata.search import search_passages
from layers.rich_text import place_href


def open_passage_naming(qtbot, window, words: str) -> int:
    """Open the first passage containing `words` in the reader, the reader shown."""
    passage_id = search_passages(window.session.db, words, 1)[0].passage_id
    window.open_passage(passage_id)
    qtbot.waitUntil(lambda: window.reader.current_passage == passage_id, timeout=5000)
    qtbot.wait(100)
    return passage_id


def anchor_format(reader, name: str) -> tuple[QTextCharFormat, int] | None:
    """The character format of the first link to register place `name`, and its position in the document."""
    href = place_href(name)
    block = reader.text.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().anchorHref() == href:
                return fragment.charFormat(), fragment.position() + 1
            fragments += 1
        block = block.next()
    return None


def click_at(qtbot, reader, position: int) -> None:
    cursor = QTextCursor(reader.text.document())
    cursor.setPosition(position)
    reader.text.setTextCursor(cursor)
    reader.text.ensureCursorVisible()
    point = reader.text.cursorRect(cursor).center()
    QTest.mouseClick(reader.text.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def test_a_place_not_drawn_is_marked_and_explains_itself(qtbot, window):
    open_passage_naming(qtbot, window, "三组团 桃源街道")
    reader = window.reader
    found = anchor_format(reader, "桃源街道")
    assert found is not None
    style, position = found
    assert style.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    drawn = anchor_format(reader, "三组团")[0]
    assert drawn.underlineStyle() != QTextCharFormat.UnderlineStyle.DotLine
    before = window.session.selection
    click_at(qtbot, reader, position)
    qtbot.waitUntil(lambda: not reader.place_note.isHidden(), timeout=5000)
    assert "桃源街道" in reader.place_note.text() and "未绘制" in reader.place_note.text()
    assert "街道边界数据不可得" in reader.place_note.text() and "南山区" in reader.place_note.text()
    assert window.session.selection == before


def test_clicking_a_formula_selects_and_frames_its_members(qtbot, window):
    open_passage_naming(qtbot, window, "一轴一带三组团")
    _, position = anchor_format(window.reader, "一轴一带三组团")
    click_at(qtbot, window.reader, position)
    members = formula_members(window.session.db, "一轴一带三组团")
    qtbot.waitUntil(lambda: window.session.selection.group == "一轴一带三组团", timeout=5000)
    assert list(window.session.selection.here) == members and len(members) == 5
    qtbot.waitUntil(lambda: js_json(qtbot, window.map, "PlanMap.selectedIds()") == members, timeout=5000)
    assert window.feature_panel.sheet.id == members[0]
    assert window.feature_panel.picker.count() == len(members)


def test_an_ambiguous_name_offers_its_candidates(qtbot, window):
    open_passage_naming(qtbot, window, "高新区 留仙洞")
    _, position = anchor_format(window.reader, "高新区")
    click_at(qtbot, window.reader, position)
    qtbot.waitUntil(lambda: any(menu.isVisible() for menu in window.reader.findChildren(QMenu)), timeout=5000)
    menu = next(menu for menu in window.reader.findChildren(QMenu) if menu.isVisible())
    names = [action.text() for action in menu.actions()]
    assert {"深圳高新区南山园区", "坪山高新区", "深圳国家高新区"} <= set(names)
    next(action for action in menu.actions() if action.text() == "深圳高新区南山园区").trigger()
    menu.close()
    qtbot.waitUntil(lambda: window.session.selection.feature_id == "sz-hitech-nanshan", timeout=5000)
