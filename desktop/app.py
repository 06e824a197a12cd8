"""Starting the viewer: environment for QtWebEngine, translations, the store on first run, the window."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from geodata.resources import RESOURCES_DIR

I18N_DIR = RESOURCES_DIR / "i18n"
LOCALE_ENV = "PLAN_MAP_LOCALE"  # e.g. zh_CN or en: overrides the system language


def prepare_environment() -> None:
    """What must happen before Qt starts: the sandbox cannot run as root, custom schemes register early, and
    PySide's signal emit stops wearing out True (desktop/signal_emit.py)."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    from desktop.mbtiles_scheme import register_scheme
    from desktop.signal_emit import repair_signal_emit

    register_scheme()
    repair_signal_emit()


def ui_locale_name() -> str:
    from PySide6.QtCore import QLocale

    return os.environ.get(LOCALE_ENV) or QLocale.system().name()


def install_translator(app) -> object | None:
    """Chinese UI text on a Chinese system (or PLAN_MAP_LOCALE=zh_CN), the English source text otherwise."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    name = ui_locale_name()
    if not name.lower().startswith("zh"):
        return None
    translators = []
    ours = QTranslator(app)
    if ours.load(str(I18N_DIR / "plan_map_zh_CN.qm")):
        translators.append(ours)
    qt_base = QTranslator(app)
    if qt_base.load(QLocale(name), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        translators.append(qt_base)
    for translator in translators:
        app.installTranslator(translator)
    return translators


def build_first_store(store_path: Path) -> bool:
    """Build the store with a wait dialog; False (after telling the user why) if the build fails."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from desktop.jobs import STORE, Job, JobProgress
    from geodata.build import build_store

    title = QCoreApplication.translate("App", "Shenzhen plan map")
    job = Job(lambda: build_store(store_path))
    dialog = JobProgress(job, title, QCoreApplication.translate(
        "App", "Preparing the map data (first start; this takes a minute)…"), None, cancellable=False)
    job.start(STORE)
    dialog.exec()  # until the job's end closes it
    job.wait()
    if job.error is not None:
        QMessageBox.critical(None, title, QCoreApplication.translate("App", "Could not build the map data:")
                             + f"\n{job.error}")
        return False
    return True


def run_viewer(store_path: Path, on_ready: Callable[[], None] | None = None) -> int:
    """The window until it is closed; with `on_ready`, that is called once the map is interactive and the
    program exits 0 (plan-map view --exit-when-ready: smoke tests and start-up timing)."""
    prepare_environment()
    from PySide6.QtWidgets import QApplication, QMessageBox

    from geodata.store import APP_NAME, StoreError

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    install_translator(app)
    store_path = Path(store_path)
    if not store_path.exists() and not build_first_store(store_path):
        return 1
    from desktop.main_window import MainWindow

    try:
        window = MainWindow(store_path)
    except StoreError as error:
        QMessageBox.critical(None, "Shenzhen plan map", str(error))
        return 1
    if on_ready is not None:
        window.map.ready.connect(lambda: (on_ready(), app.quit()))
    window.show()
    return app.exec()
