"""The window as a planner meets it: Chinese whatever the system locale, a broken store it can recover from,
Esc and Tab, remembered layers and panel, text that is never markup, failures told in Chinese and logged."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import pytest
from PySide6 import QtGui
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from viewer_helpers import READY_TIMEOUT_MS, js_json, open_window

from desktop import messages, store_recovery
from desktop.app import I18N_DIR, install_translator, report_unexpected, software_drawing
from desktop.jobs import start_job
from desktop.main_window import MainWindow
from desktop.messages import RULES, plain_tooltip, user_message
from desktop.settings_dialog import LANGUAGE_KEY, ui_language
from geodata.imports.importer import import_file
from geodata.store import StoreError

ROOT = Path(__file__).resolve().parents[2]
YANZIHU = "ps-yanzihu"
MARKUP_NAMES = ("<img src=x>", "<b>x</b>")
EDIT_TIMEOUT_MS = 60000



@pytest.fixture
def store_copy(viewer_store: Path, tmp_path: Path) -> Path:
    path = tmp_path / "data" / "plan-map.gpkg"
    path.parent.mkdir()
    shutil.copyfile(viewer_store, path)
    return path


def settings_at(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def answer_boxes(monkeypatch, choice: str | None = None) -> list[QMessageBox]:
    """Every QMessageBox.exec answered at the edge: the recovery question by the button labelled `choice`,
    anything else with OK. Returns the boxes seen, to read what they said."""
    seen: list[QMessageBox] = []

    def exec_(box: QMessageBox) -> int:
        seen.append(box)
        labels = {button.text(): button for button in box.buttons()}
        if choice is not None and choice in labels:
            labels[choice].click()
        elif box.button(QMessageBox.StandardButton.Ok) is not None:
            box.button(QMessageBox.StandardButton.Ok).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return seen


def shown_as(text: str) -> str:
    """What Qt draws for a tooltip or auto-format label: rich text when it looks like markup."""
    if not QtGui.Qt.mightBeRichText(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


# -- language --------------------------------------------------------------------------------------------
START_SCRIPT = """
import json, os, sys
from pathlib import Path
from desktop.app import install_translator, prepare_environment
prepare_environment()
from PySide6.QtWidgets import QApplication
from desktop.main_window import MainWindow
from desktop.messages import user_message
from desktop.settings_dialog import default_settings
from geodata.store import StoreError
app = QApplication(sys.argv[:1])
install_translator(app, default_settings())
window = MainWindow(Path(sys.argv[1]), settings=default_settings(), page_cache=Path(sys.argv[2]))
menus = [action.text() for action in window.menuBar().actions()]
error = user_message(StoreError("The store x was written by a newer version of this program"))
print(json.dumps({"menus": menus, "error": error}, ensure_ascii=False), flush=True)
os._exit(0)
"""


def start_window(store: Path, tmp_path: Path, **environment: str) -> dict:
    """The menu titles and a store error of the window started in a fresh process with `environment` (a user
    configuration folder of its own, no PLAN_MAP_LOCALE unless given)."""
    env = {key: value for key, value in os.environ.items() if key != "PLAN_MAP_LOCALE"}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "config"), PYTHONPATH=str(ROOT), **environment)
    done = subprocess.run([sys.executable, "-c", START_SCRIPT, str(store), str(tmp_path / "page")], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_c_locale_system_gets_a_chinese_window(viewer_store, tmp_path):
    shown = start_window(viewer_store, tmp_path, LANG="C.UTF-8", LC_ALL="C.UTF-8", LANGUAGE="")
    assert shown["menus"][:2] == ["文件(&F)", "视图(&V)"]
    assert all(re.search(r"[\u4e00-\u9fff]", title) for title in shown["menus"])
    assert shown["error"] == "数据存储由本程序的更新版本写入，当前版本无法读取。"


def test_english_on_request_with_plan_map_locale(viewer_store, tmp_path):
    shown = start_window(viewer_store, tmp_path, LANG="C.UTF-8", LC_ALL="C.UTF-8", PLAN_MAP_LOCALE="en")
    assert shown["menus"][:2] == ["&File", "&View"]
    assert shown["error"].startswith("The map data was written by a newer version")


def test_english_chosen_in_the_settings_shows_from_the_next_start(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.delenv("PLAN_MAP_LOCALE", raising=False)
    dialog = window.open_settings()
    assert [dialog.language.itemText(i) for i in range(dialog.language.count())] == ["中文", "English"]
    assert dialog.language.currentData() == "zh_CN"  # Chinese unless chosen otherwise
    assert "restart" in dialog.note.text() or "重新启动" in dialog.note.text()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.accept()
    assert window.settings.value(LANGUAGE_KEY) == "en"
    assert "restart" in window.statusBar().currentMessage() or "重新启动" in window.statusBar().currentMessage()
    assert ui_language(window.settings) == "en"
    assert install_translator(QCoreApplication.instance(), window.settings) is None  # English: no translation
    monkeypatch.setenv("PLAN_MAP_LOCALE", "zh_CN")  # the variable wins over the setting, for one run
    assert ui_language(window.settings) == "zh_CN"
    QCoreApplication.instance().setProperty("plan_map_language", None)


def test_every_string_of_the_window_has_a_chinese_translation(tmp_path):
    """lupdate over desktop/ finds nothing untranslated, and the compiled .qm is not older than the .ts."""
    ts = tmp_path / "check.ts"
    shutil.copyfile(I18N_DIR / "plan_map_zh_CN.ts", ts)
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run([str(lupdate), *sorted(str(p) for p in (ROOT / "desktop").glob("*.py")), "-ts", str(ts)],
                   check=True, capture_output=True, timeout=120)
    unfinished = [(context.findtext("name"), message.findtext("source"))
                  for context in ET.parse(ts).getroot() for message in context.findall("message")
                  if message.find("translation").get("type") == "unfinished"]
    assert unfinished == []
    assert (I18N_DIR / "plan_map_zh_CN.qm").stat().st_mtime >= (I18N_DIR / "plan_map_zh_CN.ts").stat().st_mtime - 1


def test_errors_read_in_chinese_with_the_original_in_the_details(qapp, chinese, store_copy, tmp_path):
    for rule in RULES:
        module, _, name = rule.kind.rpartition(".")
        assert isinstance(getattr(__import__(module, fromlist=[name]), name), type), rule.kind
        assert re.search(r"[\u4e00-\u9fff]", QCoreApplication.translate("Messages", rule.text)), rule.text
    empty = tmp_path / "空.geojson"
    empty.write_bytes(b"")
    with pytest.raises(StoreError) as refused:
        import_file(store_copy, empty)
    assert user_message(refused.value) == "文件是空的，没有可导入的内容。"
    box = messages.message_box(None, "导入", refused.value)
    assert box.text() == "文件是空的，没有可导入的内容。"
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.detailedText().startswith("详细信息") and "is empty (0 bytes)" in box.detailedText()
    box.close()


def test_exporting_the_targets_to_a_wrong_file_is_told_in_chinese(qtbot, chinese, viewer_store, tmp_path):
    from desktop.indicators_dock import IndicatorsPanel
    from layers.session import Session

    session = Session(viewer_store)
    session.open_store()
    panel = IndicatorsPanel(session)
    qtbot.addWidget(panel)
    assert panel.export_rows(tmp_path / "targets.txt") is None
    assert panel.error_box.text() == "请把指标表导出为 .csv 或 .xlsx 文件。"
    assert "targets.txt" in panel.error_box.detailedText()
    panel.error_box.close()
    session.close()


# -- a store that cannot be opened ---------------------------------------------------------------------------
def test_a_broken_store_is_rebuilt_with_the_old_file_kept_aside(qtbot, chinese, store_copy, tmp_path, monkeypatch):
    store_copy.write_bytes(b"this is not a GeoPackage at all")
    boxes = answer_boxes(monkeypatch, "重建")
    windows = []

    def open_window_at(path: Path) -> MainWindow:
        window = MainWindow(path, settings=settings_at(tmp_path), page_cache=tmp_path / "page")
        windows.append(window)
        return window

    window = store_recovery.open_with_recovery(store_copy, open_window_at)
    try:
        question = boxes[0]
        assert {"重建", "选择其他文件", "退出"} <= {b.text() for b in question.buttons()}
        assert str(store_copy) in question.text() and "已损坏" in question.text()
        kept = list(store_copy.parent.glob("plan-map.broken-*.gpkg"))
        assert len(kept) == 1 and re.fullmatch(r"plan-map\.broken-\d{8}-\d{6}\.gpkg", kept[0].name)
        assert kept[0].read_bytes() == b"this is not a GeoPackage at all"  # moved aside, not deleted
        assert str(kept[0]) in boxes[-1].text()  # the user is told where it is
        assert window is windows[-1] and window.session.directory.get(YANZIHU) is not None
    finally:
        for made in windows:
            made.close()


def test_another_file_can_be_chosen_instead(qtbot, chinese, store_copy, viewer_store, tmp_path, monkeypatch):
    broken = tmp_path / "broken.gpkg"
    broken.write_bytes(b"\0" * 4096)
    answer_boxes(monkeypatch, "选择其他文件")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(store_copy), ""))
    window = store_recovery.open_with_recovery(
        broken, lambda path: MainWindow(path, settings=settings_at(tmp_path), page_cache=tmp_path / "page"))
    try:
        assert window.session.store_path == store_copy
        assert broken.read_bytes() == b"\0" * 4096  # left as it was
    finally:
        window.close()


def test_a_store_from_a_newer_version_can_be_left_alone(qtbot, chinese, store_copy, tmp_path, monkeypatch):
    with sqlite3.connect(store_copy) as db:
        db.execute("UPDATE store_meta SET value = '99' WHERE key = 'schema_version'")
    before = store_copy.read_bytes()
    boxes = answer_boxes(monkeypatch, "退出")
    window = store_recovery.open_with_recovery(
        store_copy, lambda path: MainWindow(path, settings=settings_at(tmp_path), page_cache=tmp_path / "page"))
    assert window is None
    assert "更新版本" in boxes[0].text()
    assert store_copy.read_bytes() == before and list(store_copy.parent.iterdir()) == [store_copy]


def test_rebuild_from_the_file_menu_asks_first_and_keeps_a_copy(qtbot, store_copy, tmp_path, monkeypatch):
    window = open_window(qtbot, store_copy, tmp_path)
    try:
        monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.No)
        assert window.rebuild_store() is None
        assert list(store_copy.parent.iterdir()) == [store_copy]
        monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
        job = window.rebuild_store()
        assert job is not None
        qtbot.waitUntil(lambda: not window.busy(), timeout=EDIT_TIMEOUT_MS)
        kept = list(store_copy.parent.glob("plan-map.rebuilt-*.gpkg"))
        assert len(kept) == 1
        assert str(kept[0]) in window.rebuild_box.text()
        assert window.session.directory.get(YANZIHU) is not None
        window.rebuild_box.close()
    finally:
        window.close()


# -- keyboard and panels ---------------------------------------------------------------------------------
def activate(qtbot, window) -> None:
    """Shortcuts reach the active window only."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)


def test_esc_clears_the_search_and_the_selection(qtbot, window):
    activate(qtbot, window)
    window.search_box.edit.setFocus()
    window.search_box.edit.setText("燕子湖")
    window.select_feature(YANZIHU, zoom=False)
    assert window.feature_panel.sheet is not None
    QTest.keyClick(window.search_box.edit, Qt.Key.Key_Escape)
    assert window.search_box.edit.text() == ""
    assert window.session.selection.feature_id is None and window.feature_panel.sheet is None
    qtbot.waitUntil(lambda: not js_json(qtbot, window.map, "JSON.stringify(PlanMap.selectedId())"), timeout=5000)
    window.select_feature(YANZIHU, zoom=False)  # Esc on the map does the same
    window.map.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: window.map_has_focus, timeout=5000)
    QTest.keyClick(QWidget.focusWidget(window.map) or window.map.focusProxy(), Qt.Key.Key_Escape)
    assert window.session.selection.feature_id is None


def test_tab_reaches_the_map_which_then_pans_and_zooms_with_the_keys(qtbot, window):
    activate(qtbot, window)
    window.search_box.results.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: window.search_box.results.hasFocus(), timeout=5000)
    assert not window.map_has_focus and "transparent" in window.map_frame.styleSheet()
    QTest.keyClick(window.search_box.results, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: window.map_has_focus, timeout=5000)
    assert "transparent" not in window.map_frame.styleSheet()  # a visible outline while the map has the keys
    focused = QWidget.focusWidget(window.map) or window.map.focusProxy()
    qtbot.waitUntil(lambda: js_json(qtbot, window.map, "JSON.stringify(document.activeElement === "
                                                       "document.querySelector('.leaflet-container'))"), timeout=5000)
    before = dict(window.map.last_view)
    QTest.keyClick(focused, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: window.map.last_view["lon"] > before["lon"] + 1e-6, timeout=5000)
    QTest.keyClick(focused, Qt.Key.Key_Plus)
    qtbot.waitUntil(lambda: window.map.last_view["zoom"] == before["zoom"] + 1, timeout=5000)


def test_layer_visibility_and_opacity_are_remembered(qtbot, viewer_store, tmp_path):
    window = open_window(qtbot, viewer_store, tmp_path)
    window.layer_panel.items["key_areas"].setCheckState(0, Qt.CheckState.Unchecked)
    window.layer_panel.sliders["districts"].setValue(40)
    assert not window.session.is_visible("key_areas")
    window.close()
    again = open_window(qtbot, viewer_store, tmp_path)  # the same settings file
    try:
        assert not again.session.is_visible("key_areas") and not again.layer_panel.is_visible("key_areas")
        assert again.session.layer("districts").opacity == pytest.approx(0.4)
        assert again.layer_panel.sliders["districts"].value() == 40
        qtbot.waitUntil(lambda: js_json(qtbot, again.map, "PlanMap.visibleCounts()")["key_areas"] == 0,
                        timeout=5000)
        assert js_json(qtbot, again.map, "PlanMap.visibleCounts()")["districts"] > 0
    finally:
        again.close()


def map_share(window) -> float:
    return window.map.width() * window.map.height() / (window.width() * window.height())


def test_the_map_has_most_of_the_window_and_the_panel_folds_away(qtbot, viewer_store, tmp_path):
    window = open_window(qtbot, viewer_store, tmp_path)
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: window.width() == 1600, timeout=5000)
    qtbot.wait(200)
    assert map_share(window) >= 0.55
    shared = map_share(window)
    window.panel_button.click()  # the button in the status bar, as the View menu's toggle
    assert window.feature_dock.isHidden() and window.reader_dock.isHidden()
    qtbot.waitUntil(lambda: map_share(window) > shared + 0.1, timeout=5000)
    window.select_feature(YANZIHU, zoom=False)
    assert window.feature_dock.isHidden()  # a click does not unfold it
    assert "燕子湖片区" in window.statusBar().currentMessage()
    window.close()
    again = open_window(qtbot, viewer_store, tmp_path)
    try:
        assert again.feature_dock.isHidden() and not again.panel_action.isChecked()
        again.panel_action.trigger()
        assert not again.feature_dock.isHidden()
    finally:
        again.close()


@pytest.mark.parametrize("size", [(1366, 768), (1600, 1000)])
def test_no_text_is_cut_off(qtbot, chinese, window, size):
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size, timeout=5000)
    window.select_feature(YANZIHU, zoom=False)
    qtbot.wait(200)
    panel = window.feature_panel
    assert panel.top_scroll.verticalScrollBar().maximum() == 0  # the name, facts and accuracy note fit
    accuracy = panel.accuracy
    assert accuracy.height() >= accuracy.heightForWidth(accuracy.width())
    bottom = accuracy.mapTo(panel.top, accuracy.rect().bottomLeft()).y()
    assert bottom < panel.link_passage.mapTo(panel.top, panel.link_passage.rect().topLeft()).y()
    tree = window.layer_panel.tree
    assert tree.columnWidth(0) >= tree.sizeHintForColumn(0)  # every layer title whole
    assert tree.verticalScrollBar().maximum() == 0  # and every layer in view


# -- store text is text ----------------------------------------------------------------------------------
def test_names_that_look_like_markup_show_as_written(qtbot, store_copy, tmp_path):
    frame = gpd.GeoDataFrame({"名称": list(MARKUP_NAMES)}, geometry=gpd.GeoSeries.from_wkt([
        "POLYGON((114.330 22.700, 114.345 22.700, 114.345 22.712, 114.330 22.712, 114.330 22.700))",
        "POLYGON((114.350 22.700, 114.365 22.700, 114.365 22.712, 114.350 22.712, 114.350 22.700))",
    ]), crs="EPSG:4326")
    source = tmp_path / "marks.geojson"
    frame.to_file(source, driver="GeoJSON", engine="pyogrio")
    import_file(store_copy, source, name_field="名称")
    window = open_window(qtbot, store_copy, tmp_path)
    try:
        by_name = {info.feature.name: fid for fid, info in window.session.directory.by_id.items()}
        for name in MARKUP_NAMES:
            assert window.select_feature(by_name[name], zoom=False)
            panel = window.feature_panel
            assert panel.name.text() == name and panel.name.textFormat() == Qt.TextFormat.PlainText
            assert shown_as(panel.accuracy.toolTip()) == panel.sheet.source
            results = window.search_box.search(name)
            assert any(place.name == name for place in results.places)
            items = [item for item in window.search_box.result_items() if name in item.text(0)]
            assert items and any(name in shown_as(item.toolTip(0)) for item in items)
        for key, item in window.reader.items.items():
            first_line = shown_as(item.toolTip(0)).replace("\u2028", "\n").split("\n")[0]
            assert first_line == (item.text(0) if key[0] == "document" else first_line) and first_line
        assert shown_as(plain_tooltip("<img src=x> & 1 < 2")) == "<img src=x> & 1 < 2"
    finally:
        window.close()


# -- unexpected errors ----------------------------------------------------------------------------------
@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_is_logged_and_the_user_told_where(qtbot, chinese, tmp_path, monkeypatch):
    log = tmp_path / "logs" / "plan-map.log"
    monkeypatch.setattr(messages, "log_path", lambda: log)
    boxes = answer_boxes(monkeypatch)
    monkeypatch.setattr(sys, "excepthook", report_unexpected)

    def boom() -> None:
        raise RuntimeError("a bug in a slot")

    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: bool(boxes), timeout=5000)
    assert "Traceback" in log.read_text(encoding="utf-8") and "a bug in a slot" in log.read_text(encoding="utf-8")
    assert "意外错误" in boxes[0].text() and str(log) in boxes[0].informativeText()
    failures = []
    start_job(lambda: {}["missing"], failed=failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=READY_TIMEOUT_MS)
    assert "意外错误" in failures[0] and str(log) in failures[0]
    assert "KeyError" in log.read_text(encoding="utf-8")


# -- drawing without a GPU -------------------------------------------------------------------------------
BACKEND_SCRIPT = """
import os, sys
from pathlib import Path
from desktop.app import prepare_environment
prepare_environment(Path(sys.argv[1]))
print(os.environ.get("QT_QUICK_BACKEND", ""))
"""


def quick_backend(devices: Path, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k != "QT_QUICK_BACKEND"}
    done = subprocess.run([sys.executable, "-c", BACKEND_SCRIPT, str(devices)], capture_output=True, text=True,
                          cwd=ROOT, env={**clean, **env}, timeout=60, check=True)
    return done.stdout.strip()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="GPU render nodes are a Linux device folder")
def test_a_machine_without_a_gpu_draws_the_map_in_software(tmp_path):
    assert software_drawing(tmp_path) and quick_backend(tmp_path) == "software"
    assert quick_backend(tmp_path, QT_QUICK_BACKEND="rhi") == "rhi"  # the user's own choice is kept
    (tmp_path / "renderD128").touch()
    assert not software_drawing(tmp_path) and quick_backend(tmp_path) == ""
