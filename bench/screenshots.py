"""Regenerate the viewer screenshots in docs/screenshots/ (run under a display, e.g. xvfb-run).

    xvfb-run -a -s "-screen 0 1600x1000x24" python bench/screenshots.py [--store PATH] [--lang zh_CN|en]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


def wait(app, condition, timeout_s: float = 20.0) -> None:
    import time

    end = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the map page did not get ready")
        app.processEvents()
        time.sleep(0.01)


def settle(app, seconds: float) -> None:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=None, help="a built store, copied (default: build one)")
    parser.add_argument("--lang", default="zh_CN", help="UI language (default zh_CN)")
    return parser.parse_args()


def open_window(args: argparse.Namespace, prefix: str):
    """The application and a 1600×1000 window, ready, on a copy of the store (or a fresh one) in a temp folder."""
    os.environ["PLAN_MAP_LOCALE"] = args.lang
    from desktop.app import install_translator, prepare_environment

    prepare_environment()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.main_window import MainWindow
    from geodata.build import build_store

    app = QApplication(sys.argv)
    install_translator(app)
    work = Path(tempfile.mkdtemp(prefix=prefix))
    store = work / "plan-map.gpkg"
    if args.store:
        shutil.copyfile(args.store, store)
    else:
        build_store(store)
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings=settings, page_cache=work / "page")
    window.resize(1600, 1000)
    window.show()
    wait(app, lambda: window.map.is_ready)
    return app, window, work


def main() -> int:
    from PySide6.QtCore import Qt

    app, window, _ = open_window(arguments(), "plan-map-shots-")
    window.on_cursor_moved(114.0579, 22.5431)  # what the status bar shows with the cursor over 福田
    settle(app, 1.0)
    OUT.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(OUT / "window.png"))

    window.select_feature("ps-yanzihu", zoom=True, here=["ps-yanzihu", "district-pingshan"])
    window.map.call("setView", 22.69, 114.36, 12)  # 坪山 with its 1+7 key areas around 燕子湖
    settle(app, 1.5)
    window.grab().save(str(OUT / "pingshan-yanzihu.png"))
    window.resize(1366, 768)  # the smallest screen the layout is checked at: no text cut off, the map still first
    settle(app, 1.5)
    window.grab().save(str(OUT / "window-1366.png"))
    window.resize(1600, 1000)
    settle(app, 1.0)

    for feature_id, name in (("district-pingshan", "panel-pingshan.png"), ("district-nanshan", "panel-nanshan.png")):
        window.select_feature(feature_id, zoom=True)  # a district's targets: kind, value with its unit once, year
        settle(app, 1.5)
        window.grab().save(str(OUT / name))

    # 南山's 一轴一带三组团 section: formulas are links, places that are not drawn grey and dotted; one clicked
    from geodata.search import search_passages

    window.open_passage(search_passages(window.session.db, "三组团 桃源街道", 1)[0].passage_id)
    window.reader.open_place("桃源街道")
    window.reader_dock.raise_()
    window.resizeDocks([window.reader_dock], [380], Qt.Orientation.Vertical)
    settle(app, 1.0)
    window.grab().save(str(OUT / "plan-reader.png"))
    for name in ("window.png", "pingshan-yanzihu.png", "window-1366.png", "panel-pingshan.png", "panel-nanshan.png",
                 "plan-reader.png"):
        print(OUT / name)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
