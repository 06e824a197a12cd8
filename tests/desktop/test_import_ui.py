"""Bring-your-own-data in the real window: a file dropped on the map imports on a worker and shows up in the
layer panel and the page, a real click on it fills the feature panel; cancel, links, replace, rename, remove."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import geopandas as gpd
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from viewer_helpers import js_json, open_window, run_js

from geodata.passages import passages_mentioning
from geodata.store_edit import temporary_copies
from geodata.user_data import LayerStyleOverride, replacement_candidates

LAYER = "坪山地块"
TIMEOUT = 30000


@pytest.fixture
def store(viewer_store: Path, tmp_path: Path) -> Path:
    path = tmp_path / "store" / "plan-map.gpkg"
    path.parent.mkdir()
    shutil.copyfile(viewer_store, path)
    return path


@pytest.fixture
def win(qtbot, store: Path, tmp_path: Path):
    window = open_window(qtbot, store, tmp_path)
    yield window
    window.close()


def parcels(tmp_path: Path) -> Path:
    """Two polygons in 坪山: a test parcel and an official outline of 燕子湖片区, as a GeoJSON file."""
    frame = gpd.GeoDataFrame(
        {"名称": ["测试地块", "燕子湖片区（正式）"], "编号": ["PS-01", "PS-02"]},
        geometry=gpd.GeoSeries.from_wkt([
            "POLYGON((114.330 22.700, 114.345 22.700, 114.345 22.712, 114.330 22.712, 114.330 22.700))",
            "POLYGON((114.36 22.66, 114.40 22.66, 114.40 22.70, 114.36 22.70, 114.36 22.66))",
        ]), crs="EPSG:4326")
    path = tmp_path / f"{LAYER}.geojson"
    frame.to_file(path, driver="GeoJSON", engine="pyogrio")
    return path


def drop(window, path: Path) -> None:
    """What a real drop does: DragEnter then Drop on the map's render widget, which Chromium would take."""
    target = window.map.focusProxy() or window.map
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    at = QPointF(target.width() / 2, target.height() / 2)
    enter = QDragEnterEvent(at.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(target, QDropEvent(at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                              Qt.KeyboardModifier.NoModifier))


def import_by_drop(qtbot, window, path: Path):
    drop(window, path)
    qtbot.waitUntil(lambda: window.import_run is not None and window.import_run.options_dialog is not None,
                    timeout=5000)
    run = window.import_run
    dialog = run.options_dialog
    assert dialog.name_field.currentData() == "名称"
    assert dialog.crs.currentData() == "from-file"
    dialog.accept()
    return run


def wait_imported(qtbot, window, run) -> None:
    qtbot.waitUntil(lambda: run.outcome is not None, timeout=TIMEOUT)
    assert run.outcome == "imported", run.message_box.text() if run.message_box else run.outcome
    run.message_box.close()
    qtbot.waitUntil(lambda: not window.busy(), timeout=TIMEOUT)


def feature_id(window, name: str) -> str:
    return next(fid for fid, info in window.session.directory.by_id.items() if info.feature.name == name)


def click(qtbot, window, fid: str, at: tuple[float, float] | None = None) -> None:
    """Click the feature's centre, or the place `at` (lat, lon) inside it."""
    run_js(qtbot, window.map, f"PlanMap.selectFeature({fid!r}, true); PlanMap.clearSelection(); 1")
    point = js_json(qtbot, window.map, f"PlanMap.screenPoint({at[0]}, {at[1]})" if at else f"PlanMap.pointOf({fid!r})")
    target = window.map.focusProxy() or window.map
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(round(point["x"]), round(point["y"])))


def test_dropped_file_is_imported_shown_and_clickable(qtbot, win, tmp_path):
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(win.edits.job is not None and win.edits.job.is_running()))
    timer.start(5)
    run = import_by_drop(qtbot, win, parcels(tmp_path))
    wait_imported(qtbot, win, run)
    timer.stop()
    assert any(ticks), "the UI thread's timer did not tick while the import ran"
    assert run.summary.imported == 2 and run.summary.layers[0].name == LAYER
    assert LAYER in win.layer_panel.items and LAYER in win.layer_panel.imported
    assert win.layer_panel.items[LAYER].parent().text(0) == "导入图层"
    assert js_json(qtbot, win.map, "PlanMap.visibleCounts()")[LAYER] == 2
    assert win.map.map_page.console_errors() == []
    parcel = feature_id(win, "测试地块")
    click(qtbot, win, parcel, at=(22.711, 114.343))  # clear of the rail lines through its middle, which a click
    # there would pick first
    qtbot.waitUntil(lambda: win.feature_panel.sheet is not None and win.feature_panel.sheet.id == parcel,
                    timeout=5000)
    assert win.feature_panel.name.text() == "测试地块"
    assert not win.feature_panel.replace_button.isHidden()
    assert temporary_copies(win.session.store_path) == []


def test_cancel_leaves_the_store_unchanged(qtbot, win, tmp_path):
    before = hashlib.sha256(win.session.store_path.read_bytes()).hexdigest()
    drop(win, parcels(tmp_path))
    qtbot.waitUntil(lambda: win.import_run is not None and win.import_run.options_dialog is not None, timeout=5000)
    run = win.import_run
    run.options_dialog.accept()
    win.edits.job.cancel()  # what the progress dialog's Cancel does
    qtbot.waitUntil(lambda: run.outcome is not None, timeout=TIMEOUT)
    assert run.outcome == "cancelled"
    assert hashlib.sha256(win.session.store_path.read_bytes()).hexdigest() == before
    assert temporary_copies(win.session.store_path) == []
    assert LAYER not in win.layer_panel.items
    assert win.session.db is not None  # the window reads the store again


def test_crs_refusal_reopens_the_options_with_the_suggestion(qtbot, win, tmp_path):
    frame = gpd.read_file(parcels(tmp_path)).to_crs("EPSG:4547")
    path = tmp_path / "gk.shp"
    frame.set_crs(None, allow_override=True).to_file(path, engine="pyogrio", encoding="UTF-8")
    win.import_files([str(path), str(path.with_suffix(".dbf"))])
    qtbot.waitUntil(lambda: win.import_run is not None and win.import_run.options_dialog is not None, timeout=5000)
    run = win.import_run
    first = run.options_dialog
    first.crs.setCurrentIndex(first.crs.findData("EPSG:4326"))  # the wrong one
    first.accept()
    qtbot.waitUntil(lambda: run.options_dialog is not first, timeout=TIMEOUT)
    second = run.options_dialog
    assert second.crs.currentData() == "EPSG:4547"
    assert "Shenzhen" in second.message.text() and not second.message.isHidden()
    second.accept()
    wait_imported(qtbot, win, run)
    assert "EPSG:4547" in run.summary.crs


def test_link_replace_rename_remove(qtbot, win, tmp_path):
    wait_imported(qtbot, win, import_by_drop(qtbot, win, parcels(tmp_path)))
    official = feature_id(win, "燕子湖片区（正式）")
    assert win.select_feature(official, zoom=True)
    # Link the passage being read in the plan reader to the selected feature.
    win.open_passage(passages_mentioning(win.session.db, "ps-yanzihu")[0].id)
    passage_id = win.reader.current_passage
    menu = win.reader.link_menu(passage_id)
    action = next(a for a in menu.actions() if a.text() in ("Link to the selected feature", "链接到所选要素"))
    assert action.isEnabled()
    action.trigger()
    qtbot.waitUntil(lambda: not win.busy(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: any(p.passage_id == passage_id for p in win.feature_panel.sheet.passages), timeout=5000)
    # …and unlink it again from the feature panel.
    win.feature_panel._on_link(QUrl(f"unlink-passage:{passage_id}"))
    qtbot.waitUntil(lambda: not any(p.passage_id == passage_id for p in win.feature_panel.sheet.passages),
                    timeout=TIMEOUT)
    # Replace the schematic 燕子湖片区: it is hidden on the map and its links come over.
    candidates = replacement_candidates(win.session.db, official)
    assert candidates[0].feature_id == "ps-yanzihu"
    before = js_json(qtbot, win.map, "PlanMap.visibleCounts()")["key_areas"]
    win.edits.replace_selected("ps-yanzihu")
    qtbot.waitUntil(lambda: not win.busy(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: js_json(qtbot, win.map, "PlanMap.visibleCounts()")["key_areas"] == before - 1,
                    timeout=TIMEOUT)
    assert js_json(qtbot, win.map, "PlanMap.pointOf('ps-yanzihu')") is None
    assert win.feature_panel.sheet.id == official and win.feature_panel.sheet.passages
    # Style, rename and remove from the layer panel's menu.
    assert [a.text() for a in win.layer_panel.menu_for(LAYER).actions()][:2] in (["Style…", "Rename…"],
                                                                                  ["样式…", "重命名…"])
    assert win.layer_panel.menu_for("key_areas") is None
    win.edits.style_layer(LAYER, LayerStyleOverride(stroke="#123456", fill="#abcdef", fill_opacity=0.4,
                                                    stroke_width=3, label_field="编号"))
    qtbot.waitUntil(lambda: not win.busy(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: sorted(js_json(qtbot, win.map, f"PlanMap.labelTexts({LAYER!r})")) == ["PS-01", "PS-02"],
                    timeout=TIMEOUT)
    win.edits.rename_layer(LAYER, "坪山正式地块")
    qtbot.waitUntil(lambda: "坪山正式地块" in win.layer_panel.items, timeout=TIMEOUT)
    assert LAYER not in win.layer_panel.items
    qtbot.waitUntil(lambda: not win.busy(), timeout=TIMEOUT)
    assert js_json(qtbot, win.map, "PlanMap.visibleCounts()")["坪山正式地块"] == 2
    win.edits.remove_layer("坪山正式地块", confirm=False)
    qtbot.waitUntil(lambda: "坪山正式地块" not in win.layer_panel.items, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not win.busy(), timeout=TIMEOUT)
    assert "坪山正式地块" not in js_json(qtbot, win.map, "PlanMap.visibleCounts()")
    assert win.feature_panel.sheet is None  # the selected feature went with its layer
    assert win.map.map_page.console_errors() == []
