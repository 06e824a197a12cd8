"""The viewer with a real QWebEngineView, headless under Xvfb: offline page, clicks, search, reader, layers."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from viewer_helpers import HOSTILE_NAME, js_json, open_window, run_js

YANZIHU = "ps-yanzihu"
PINGSHAN = "district-pingshan"


def map_widget(window):
    """The child widget that receives the view's mouse events."""
    return window.map.focusProxy() or window.map


def click_feature(qtbot, window, feature_id: str) -> dict:
    point = js_json(qtbot, window.map, f"PlanMap.pointOf({feature_id!r})")
    QTest.mouseClick(map_widget(window), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(round(point["x"]), round(point["y"])))
    return point


def centre_on(qtbot, window, feature_id: str) -> None:
    run_js(qtbot, window.map, f"PlanMap.selectFeature({feature_id!r}, true); PlanMap.clearSelection(); 1")


def test_page_loads_offline_without_errors(window):
    assert window.map.map_page.console_errors() == []
    assert window.interceptor.online() == []
    assert any(url.startswith("file://") for url in window.interceptor.urls), "the interceptor saw no request"
    assert window.map.page_info.path.name == "index.html"
    assert "Offline" in window.network_label.text() or "离线" in window.network_label.text()


def test_real_click_fills_feature_panel_with_passages_and_targets(qtbot, window):
    centre_on(qtbot, window, YANZIHU)
    click_feature(qtbot, window, YANZIHU)
    qtbot.waitUntil(lambda: window.feature_panel.sheet is not None, timeout=5000)
    sheet = window.feature_panel.sheet
    assert sheet.id == YANZIHU
    assert sheet.passages and sheet.passages[0].is_defining
    assert "燕子湖" in window.feature_panel.passages.toPlainText()
    assert window.feature_panel.name.text() == "燕子湖片区"
    assert not window.feature_panel.badge.isHidden()  # schematic: 示意
    # Where the key area overlaps its district, the user can pick the district: it carries the targets.
    picker = window.feature_panel.picker
    assert not picker.isHidden()
    assert picker.findData(PINGSHAN) >= 0
    picker.setCurrentIndex(picker.findData(PINGSHAN))
    picker.activated.emit(picker.currentIndex())
    qtbot.waitUntil(lambda: window.feature_panel.sheet.id == PINGSHAN, timeout=5000)
    assert window.feature_panel.targets.rowCount() > 0
    assert window.feature_panel.targets.item(0, 0).text()
    assert window.feature_panel.sheet.passages
    assert js_json(qtbot, window.map, "JSON.stringify(PlanMap.selectedId())") == PINGSHAN
    assert window.map.map_page.console_errors() == []


def test_layer_toggle_changes_what_the_page_shows(qtbot, window):
    before = js_json(qtbot, window.map, "PlanMap.visibleCounts()")
    assert before["key_areas"] > 0
    centre_on(qtbot, window, YANZIHU)
    point = js_json(qtbot, window.map, f"PlanMap.pointOf({YANZIHU!r})")
    window.layer_panel.set_visible("key_areas", False)
    qtbot.waitUntil(lambda: js_json(qtbot, window.map, "PlanMap.visibleCounts()")["key_areas"] == 0, timeout=5000)
    # With the key areas off, a real click where 燕子湖 was lands on the district beneath it.
    QTest.mouseClick(map_widget(window), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(round(point["x"]), round(point["y"])))
    qtbot.waitUntil(lambda: window.feature_panel.sheet is not None and window.feature_panel.sheet.id == PINGSHAN,
                    timeout=5000)
    assert window.feature_panel.targets.rowCount() > 0
    window.layer_panel.set_visible("key_areas", True)
    qtbot.waitUntil(lambda: js_json(qtbot, window.map, "PlanMap.visibleCounts()")["key_areas"] == before["key_areas"],
                    timeout=5000)
    window.layer_panel.sliders["districts"].setValue(30)  # opacity reaches the page without errors
    assert run_js(qtbot, window.map, "1") == 1
    assert window.map.map_page.console_errors() == []


def test_search_result_selects_its_feature(qtbot, window):
    box = window.search_box
    box.edit.setFocus()
    box.edit.setText("燕子湖")  # QTest.keyClicks only types ASCII; textChanged is what typing emits
    assert box.last is not None and box.last.places[0].feature_id == YANZIHU
    QTest.keyClick(box.edit, Qt.Key.Key_Down)
    assert box.results.currentItem() is box.result_items()[0]
    QTest.keyClick(box.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.selection.feature_id == YANZIHU, timeout=5000)
    qtbot.waitUntil(lambda: js_json(qtbot, window.map, "JSON.stringify(PlanMap.selectedId())") == YANZIHU,
                    timeout=5000)
    assert box.last.passages  # the same box searched the plan text


def test_passage_result_opens_the_plan_reader(qtbot, window):
    results = window.search_box.search("燕子湖")
    window.search_box.passage_chosen.emit(results.passages[0].passage_id)
    assert window.reader.page is not None
    assert any(p.passage_id == results.passages[0].passage_id for p in window.reader.page.paragraphs)


def anchor_point(browser, href: str) -> QPoint:
    document = browser.document()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position() + 1)
                return browser.cursorRect(cursor).center()
            iterator += 1
        block = block.next()
    raise AssertionError(f"no link to {href}")


def test_plan_reader_link_moves_the_map(qtbot, window):
    window.select_feature(YANZIHU, zoom=True)
    window.open_passage(window.feature_panel.sheet.passages[0].passage_id)  # 专栏7 lists the 1+7 areas
    qtbot.waitUntil(lambda: window.map.last_view.get("zoom", 0) > 11, timeout=5000)
    before = dict(window.map.last_view)
    target = "ps-kengzi"
    browser = window.reader.text
    point = anchor_point(browser, f"feature:{target}")
    QTest.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    qtbot.waitUntil(lambda: window.session.selection.feature_id == target, timeout=5000)
    centre = (before["lat"], before["lon"])
    qtbot.waitUntil(lambda: (window.map.last_view["lat"], window.map.last_view["lon"]) != centre, timeout=5000)
    assert js_json(qtbot, window.map, "JSON.stringify(PlanMap.selectedId())") == target
    assert "坑梓" in window.feature_panel.name.text()
    # Selecting a feature marks its mentions in the open text.
    assert "ffd0da" in browser.toHtml()


def test_gcj02_basemap_shifts_only_the_display(qtbot, window):
    from layers.basemaps import basemap_choice

    before = js_json(qtbot, window.map, f"PlanMap.pointOf({YANZIHU!r})")
    window.session.set_basemap(basemap_choice("amap"))
    qtbot.waitUntil(lambda: js_json(qtbot, window.map, f"PlanMap.pointOf({YANZIHU!r})")["lon"] != before["lon"],
                    timeout=5000)
    shifted = js_json(qtbot, window.map, f"PlanMap.pointOf({YANZIHU!r})")
    assert 0.002 < shifted["lon"] - before["lon"] < 0.01  # GCJ-02 is ~500 m east in Shenzhen
    assert window.session.basemap.online and window.map.guard.online_allowed
    window.session.set_basemap(basemap_choice("offline"))
    qtbot.waitUntil(lambda: abs(js_json(qtbot, window.map, f"PlanMap.pointOf({YANZIHU!r})")["lon"] - before["lon"])
                    < 1e-9, timeout=5000)
    assert not window.map.guard.online_allowed


def test_hostile_feature_name_is_shown_as_text_and_runs_nothing(qtbot, hostile_store, tmp_path):
    window = open_window(qtbot, hostile_store, tmp_path)
    try:
        page = window.map.map_page
        assert page.alerts == []
        assert js_json(qtbot, window.map, "JSON.stringify(document.querySelectorAll('img[src=\"x\"]').length)") == 0
        run_js(qtbot, window.map, "PlanMap.setView(22.69, 114.37, 12); 1")  # where the district's label has room
        labels = js_json(qtbot, window.map, "JSON.stringify(Array.from(document.querySelectorAll("
                                            "'.plan-map-label')).map(function (e) { return e.textContent; }))")
        assert HOSTILE_NAME in labels
        window.select_feature(YANZIHU, zoom=True)
        assert window.feature_panel.name.text() == HOSTILE_NAME
        centre_on(qtbot, window, YANZIHU)
        click_feature(qtbot, window, YANZIHU)
        qtbot.waitUntil(lambda: window.feature_panel.picker.count() > 1, timeout=5000)
        picker = window.feature_panel.picker
        assert HOSTILE_NAME in [picker.itemText(i) for i in range(picker.count())]
        results = window.search_box.search("img")
        assert results.places and results.places[0].name == HOSTILE_NAME
        qtbot.wait(300)
        assert page.alerts == []
        assert page.console_errors() == []
        assert js_json(qtbot, window.map, "JSON.stringify(document.querySelectorAll('img[src=\"x\"]').length)") == 0
    finally:
        window.close()
