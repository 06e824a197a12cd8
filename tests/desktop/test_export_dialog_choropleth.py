"""文件 → 导出地图… offers the 指标 dock's indicator map: the page the dock prints, as PNG and PDF, and not as
HTML; without an indicator map open the choice is not there."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtGui import QImage

RENDER_TIMEOUT_MS = 60000


def open_dialog(qtbot, window):
    dialog = window.open_export_dialog()
    qtbot.waitSignal(dialog.preview_ready, timeout=RENDER_TIMEOUT_MS).wait()
    return dialog


def show_indicator_map(qtbot, window, indicator: str = "地区生产总值"):
    window.indicators_dock.toggleViewAction().trigger()  # 视图 → 指标
    panel = window.indicators
    qtbot.waitUntil(lambda: bool(panel.rows), timeout=10000)
    index = next(i for i, choice in enumerate(panel.map_page.choices)
                 if choice.indicator == indicator and choice.kind == "target" and choice.year == 2025)
    return panel.show_choropleth(index)


def export(qtbot, dialog, path) -> None:
    with qtbot.waitSignal(dialog.exported, timeout=RENDER_TIMEOUT_MS) as blocker:
        dialog.export_to(path)
    assert blocker.args == [str(path)]


def test_without_an_indicator_map_the_choice_is_not_offered(qtbot, window):
    assert window.session.choropleth is None
    dialog = open_dialog(qtbot, window)
    assert dialog.content.findData("choropleth") == -1
    assert not dialog.content.isVisibleTo(dialog)
    assert dialog.chosen_choropleth() is None
    dialog.close()


def test_the_indicator_map_exports_as_the_dock_prints_it(qtbot, window, chinese, tmp_path):
    mapped = show_indicator_map(qtbot, window)
    assert window.session.choropleth is mapped
    dialog = open_dialog(qtbot, window)
    assert dialog.content.isVisibleTo(dialog)
    assert [dialog.content.itemText(i) for i in range(dialog.content.count())] == [
        "当前地图", "指标分区图（地区生产总值）"]
    assert dialog.content.currentData() == "map"  # the current map stays the default

    with qtbot.waitSignal(dialog.preview_ready, timeout=RENDER_TIMEOUT_MS):
        dialog.content.setCurrentIndex(dialog.content.findData("choropleth"))
    assert dialog.preview_image.width() > dialog.preview_image.height()  # landscape, as the dock prints it
    assert not dialog.extent.isEnabled() and dialog.extent.currentData() == "city"
    html = dialog.format.findData("html")
    assert not dialog.format.model().item(html).isEnabled() and dialog.format_note.isVisibleTo(dialog)
    assert "HTML" in dialog.format_note.text()
    assert dialog.suggested_name("png") == f"{mapped.title}.png"

    dialog.dpi.setValue(200)  # the dock prints A4 landscape at 200 dpi
    ours, docks = tmp_path / "dialog.png", tmp_path / "dock.png"
    export(qtbot, dialog, ours)
    window.indicators.map_page.export_map(docks)
    qtbot.waitUntil(docks.exists, timeout=RENDER_TIMEOUT_MS)
    assert QImage(str(ours)) == QImage(str(docks))

    pdf = tmp_path / "dialog.pdf"
    export(qtbot, dialog, pdf)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages).replace(" ", "")
    assert mapped.title in text  # 地区生产总值：各区2025年目标
    assert "10000亿元（南山区）" in text and "无数据" in text  # the legend's classes

    with qtbot.waitSignal(dialog.failed, timeout=5000) as blocker:
        dialog.export_to(tmp_path / "dialog.html")
    assert ".png" in blocker.args[0] and not (tmp_path / "dialog.html").exists()

    with qtbot.waitSignal(dialog.preview_ready, timeout=RENDER_TIMEOUT_MS):
        dialog.content.setCurrentIndex(dialog.content.findData("map"))
    assert dialog.extent.isEnabled() and dialog.format.model().item(html).isEnabled()
    assert dialog.extent.currentData() == "view" and dialog.orientation.currentData() is False  # as they were
    dialog.close()


def test_clearing_the_indicator_map_withdraws_the_choice(qtbot, window):
    show_indicator_map(qtbot, window)
    window.indicators.map_page.clear_choropleth()
    assert window.session.choropleth is None
    dialog = open_dialog(qtbot, window)
    assert dialog.content.findData("choropleth") == -1
    dialog.close()
