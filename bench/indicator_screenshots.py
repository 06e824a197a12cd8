"""Regenerate the 指标 screenshots in docs/screenshots/: the dock's table (indicators.png), a comparison with
its chart (compare.png) and a printed choropleth (choropleth.png). Run under a display, e.g. xvfb-run:

    xvfb-run -a -s "-screen 0 1600x1000x24" python bench/indicator_screenshots.py [--store PATH] [--lang zh_CN|en]
"""

from __future__ import annotations

from screenshots import OUT, arguments, open_window, settle, wait


def main() -> int:
    from PySide6.QtCore import Qt

    from layers.choropleth import choropleth, export_choropleth
    from layers.print_layout import PageLayout

    app, window, _ = open_window(arguments(), "plan-map-indicators-")
    OUT.mkdir(parents=True, exist_ok=True)
    window.indicators_dock.toggleViewAction().trigger()
    window.resizeDocks([window.indicators_dock], [470], Qt.Orientation.Vertical)
    panel = window.indicators
    wait(app, lambda: bool(panel.rows))
    panel.level_box.setCurrentText("区级")
    for index in range(3):
        panel.tree.topLevelItem(index).setExpanded(True)
    settle(app, 1.0)
    window.grab().save(str(OUT / "indicators.png"))

    panel.show_comparison("研发经费投入占GDP比例")
    chart = panel.compare_page.chart
    wait(app, lambda: chart.pixmap() is not None and not chart.pixmap().isNull())
    settle(app, 0.5)
    window.indicators_dock.grab().save(str(OUT / "compare.png"))

    mapped = choropleth(window.session.db, "地区生产总值", "target", 2025)
    export_choropleth(window.session.store_path, mapped, OUT / "choropleth.png", overwrite=True,
                      layout=PageLayout(landscape=True, dpi=110, layers=("neighbours", "districts")))
    window.close()
    print(f"Wrote indicators.png, compare.png and choropleth.png to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
