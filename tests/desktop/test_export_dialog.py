"""The export dialog on a real window: live preview, options, files written, clipboard, sheets cancelled."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import QPushButton

from desktop.sheets_run import SheetsRun
from layers.print_layout import PageLayout

RENDER_TIMEOUT_MS = 60000


@pytest.fixture
def dialog(qtbot, window):
    with qtbot.waitSignal(window.open_export_dialog().preview_ready, timeout=RENDER_TIMEOUT_MS):
        pass
    yield window.export_dialog
    window.export_dialog.close()


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def aspect(image: QImage) -> float:
    return image.width() / image.height()


def test_file_menu_opens_the_dialog_with_ctrl_e(window):
    actions = {action.shortcut().toString(): action for action in window.file_menu.actions()}
    assert QKeySequence("Ctrl+E").toString() in actions
    exports = [a.text() for a in window.file_menu.actions() if not a.isSeparator() and a is not window.import_action]
    # 导出地图…, 导出规划承诺单… (导入图层… sits above them; rebuilding, settings and quitting below)
    assert exports[:2] == ["Export map…", "Export commitment sheets…"]


def test_preview_shows_the_page_and_follows_paper_and_orientation(qtbot, dialog):
    pixmap = dialog.preview.pixmap()
    assert not pixmap.isNull() and pixmap.width() > 100
    image = dialog.preview_image
    assert aspect(image) == pytest.approx(210 / 297, rel=0.01)
    assert len({image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}) > 20
    assert dialog.extent.currentData() == "view"  # the map's current view by default

    with qtbot.waitSignal(dialog.preview_ready, timeout=RENDER_TIMEOUT_MS):
        choose(dialog.paper, "A3")
        choose(dialog.orientation, True)
    assert aspect(dialog.preview_image) == pytest.approx(420 / 297, rel=0.01)
    assert dialog.preview.pixmap().width() > dialog.preview.pixmap().height()


def test_export_png_has_paper_size_times_dpi(qtbot, dialog, tmp_path):
    dialog.dpi.setValue(100)
    choose(dialog.extent, "city")
    out = tmp_path / "map.png"
    with qtbot.waitSignal(dialog.exported, timeout=RENDER_TIMEOUT_MS) as blocker:
        dialog.export_to(out)
    assert blocker.args == [str(out)]
    image = QImage(str(out))
    assert (image.width(), image.height()) == PageLayout(paper="A4", dpi=100).pixel_size == (827, 1169)


def test_export_pdf_carries_the_title_as_text(qtbot, dialog, tmp_path):
    dialog.title_edit.setText("福田区导出测试图")
    dialog.review_number.setText("粤S(2025)001号")
    out = tmp_path / "map.pdf"
    with qtbot.waitSignal(dialog.exported, timeout=RENDER_TIMEOUT_MS):
        dialog.export_to(out)
    text = "".join(page.extract_text() for page in PdfReader(out).pages).replace(" ", "")
    assert "福田区导出测试图" in text and "粤S(2025)001号" in text


def test_export_never_overwrites_silently(qtbot, dialog, tmp_path):
    out = tmp_path / "kept.png"
    out.write_bytes(b"mine")
    with qtbot.waitSignal(dialog.failed, timeout=5000) as blocker:
        dialog.export_to(out)
    assert "exists" in blocker.args[0]
    assert out.read_bytes() == b"mine"
    assert dialog.error_box.isVisible() and "Traceback" not in dialog.error_box.text()
    dialog.error_box.close()


def test_copy_image_puts_the_page_on_the_clipboard(qtbot, dialog):
    dialog.dpi.setValue(72)
    with qtbot.waitSignal(dialog.copied, timeout=RENDER_TIMEOUT_MS):
        dialog.copy_image()
    image = QGuiApplication.clipboard().image()
    assert not image.isNull()
    assert (image.width(), image.height()) == PageLayout(dpi=72).pixel_size
    assert aspect(image) == pytest.approx(210 / 297, rel=0.01)


def test_a_layout_error_is_a_message_not_a_traceback(qtbot, window, tmp_path):
    for name in list(window.layer_panel.items):
        window.layer_panel.set_visible(name, False)
    with qtbot.waitSignal(window.open_export_dialog().preview_failed, timeout=RENDER_TIMEOUT_MS) as blocker:
        pass
    dialog = window.export_dialog
    assert "switch on at least one layer" in blocker.args[0] and dialog.preview.text() == blocker.args[0]
    with qtbot.waitSignal(dialog.failed, timeout=RENDER_TIMEOUT_MS):
        dialog.export_to(tmp_path / "none.png")
    assert "switch on at least one layer" in dialog.error_box.text() and "Traceback" not in dialog.error_box.text()
    assert not (tmp_path / "none.png").exists()
    dialog.error_box.close()
    dialog.close()


def test_extent_choices_follow_the_selection(qtbot, window):
    window.select_feature("ps-yanzihu", zoom=False)
    dialog = window.open_export_dialog()
    with qtbot.waitSignal(dialog.preview_ready, timeout=RENDER_TIMEOUT_MS):
        pass
    with qtbot.waitSignal(dialog.preview_ready, timeout=RENDER_TIMEOUT_MS):
        choose(dialog.extent, "feature")
    options = dialog.options()
    assert options.extent.feature_id == "ps-yanzihu" and dialog.overview.isChecked()
    assert dialog.title_edit.placeholderText() == window.session.directory.get("ps-yanzihu").feature.name
    dialog.close()


def test_sheets_for_the_selected_feature(qtbot, window, viewer_store, tmp_path):
    out = tmp_path / "yanzihu.pdf"
    run = SheetsRun(viewer_store, out, feature_ids=["ps-yanzihu"], parent=window)
    with qtbot.waitSignal(run.finished, timeout=RENDER_TIMEOUT_MS) as blocker:
        run.start()
    assert not blocker.args[0].cancelled and out.exists()
    assert not run.progress.isVisible()


def test_cancelled_sheets_leave_no_file(qtbot, window, viewer_store, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "key-areas.pdf"
    run = SheetsRun(viewer_store, out, layer="key_areas", parent=window)
    seen = []

    def press_cancel(done: int, total: int) -> None:
        seen.append((done, total))
        if len(seen) == 1:
            run.progress.findChild(QPushButton).click()

    run.progressed.connect(press_cancel)
    with qtbot.waitSignal(run.finished, timeout=RENDER_TIMEOUT_MS) as blocker:
        run.start()
    result = blocker.args[0]
    assert result.cancelled and result.sheets == 0
    assert seen and seen[-1][0] < seen[-1][1]
    assert not out.exists() and list(folder.iterdir()) == []  # no PDF, no half-written part file
    assert not run.progress.isVisible()


def test_export_strings_are_translated(qapp, monkeypatch):
    from PySide6.QtCore import QCoreApplication

    from desktop.app import install_translator

    monkeypatch.setenv("PLAN_MAP_LOCALE", "zh_CN")
    translators = install_translator(qapp)
    try:
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
        assert QCoreApplication.translate("MainWindow", "Export map…") == "导出地图…"
        assert QCoreApplication.translate("MainWindow", "Export commitment sheets…") == "导出规划承诺单…"
        assert QCoreApplication.translate("ExportDialog", "Copy image") == "复制图片"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
