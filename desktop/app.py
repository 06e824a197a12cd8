"""Starting the viewer: environment for QtWebEngine, the interface language, the log of unexpected errors, the
store on first run (or its recovery) or a team database (reached with 重试 / 取消), the window."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from geodata.resources import RESOURCES_DIR
from geodata.store_address import StoreAddress, is_postgres, store_address

I18N_DIR = RESOURCES_DIR / "i18n"
_reporting: list[bool] = []  # non-empty while report_unexpected shows its box (an error in it is only logged)


def prepare_environment(gpu_devices: Path = Path("/dev/dri")) -> None:
    """What must happen before Qt starts: the sandbox cannot run as root, custom schemes register early, and
    on a Linux machine without a GPU (no render node in `gpu_devices`: a virtual desktop, a server) Qt Quick
    draws in software (see software_drawing)."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    if software_drawing(gpu_devices):
        os.environ.setdefault("QT_QUICK_BACKEND", "software")
    from desktop.feature_tile_scheme import register_scheme as register_tile_scheme
    from desktop.mbtiles_scheme import register_scheme

    register_scheme()
    register_tile_scheme()


def software_drawing(gpu_devices: Path) -> bool:
    """Whether the map view should be drawn without OpenGL: on Linux with no GPU render node, GL is emulated on
    the CPU (llvmpipe) and putting each web frame through it cost the window's thread 15–20 ms a frame; drawn in
    software, a click's highlight and a view's tiles come sooner (100k parcels: tile request → response p95
    ~45 → ~26 ms, click p95 ~30 → ~25 ms). A user's own QT_QUICK_BACKEND is kept."""
    return sys.platform.startswith("linux") and not any(gpu_devices.glob("renderD*"))


def install_translator(app, settings=None) -> list | None:
    """Chinese UI text whatever the system locale, unless English is chosen in the settings (or PLAN_MAP_LOCALE=en):
    then the English source text (None). Records the language on the application for the settings dialog."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from desktop.settings_dialog import CHINESE, LANGUAGE_PROPERTY, default_settings, ui_language

    language = ui_language(settings if settings is not None else default_settings())
    app.setProperty(LANGUAGE_PROPERTY, language)
    if language != CHINESE:
        return None
    translators = []
    ours = QTranslator(app)
    if ours.load(str(I18N_DIR / "plan_map_zh_CN.qm")):
        translators.append(ours)
    qt_base = QTranslator(app)
    if qt_base.load(QLocale(CHINESE), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        translators.append(qt_base)
    for translator in translators:
        app.installTranslator(translator)
    return translators


def report_unexpected(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    """sys.excepthook of the viewer: the traceback goes to the log file (and stderr), and the user is told, in
    their language, that something went wrong and where the log is."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.messages import log_exception

    if connection_lost(error):
        return
    sys.__excepthook__(kind, error, trace)
    if issubclass(kind, KeyboardInterrupt):
        return
    path = log_exception(kind, error, trace)
    if QApplication.instance() is None or _reporting:
        return
    text = QCoreApplication.translate("App", "Something unexpected went wrong (%1). The program may go on working; "
                                             "if it does not, restart it.").replace("%1", kind.__name__)
    where = (QCoreApplication.translate("App", "What happened is written to the log file %1; please send it "
                                               "with a note of what you were doing.").replace("%1", str(path))
             if path is not None else QCoreApplication.translate("App", "The log file could not be written."))
    _reporting.append(True)
    try:
        box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("App", "Shenzhen plan map"),
                          text, QMessageBox.StandardButton.Ok, QApplication.activeWindow())
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(where)
        box.exec()
    finally:
        _reporting.clear()


def connection_lost(error: BaseException) -> bool:
    """A team store's connection dropped under a read somewhere in the window (a click, a search, the reader):
    the window says so with 重试 rather than as an unexpected error. False when it is not that, or no window
    is there to say it."""
    from PySide6.QtWidgets import QApplication

    from desktop.team_store import lost_connection

    if QApplication.instance() is None or not lost_connection(error):
        return False
    for widget in QApplication.topLevelWidgets():
        if hasattr(widget, "connection_lost") and widget.isVisible():
            widget.connection_lost(error)
            return True
    return False


def build_first_store(store_path: Path) -> bool:
    """Build the store with a wait dialog; False (after telling the user why) if the build fails."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from desktop.jobs import STORE, Job, JobProgress
    from desktop.messages import message_box
    from geodata.build import build_store

    title = QCoreApplication.translate("App", "Shenzhen plan map")
    job = Job(lambda: build_store(store_path))
    dialog = JobProgress(job, title, QCoreApplication.translate(
        "App", "Preparing the map data (first start; this takes a minute)…"), None, cancellable=False)
    job.start(STORE)
    dialog.exec()  # until the job's end closes it
    job.wait()
    if job.error is not None:
        message_box(None, title, job.error, icon=QMessageBox.Icon.Critical, wait=True,
                    heading=QCoreApplication.translate("App", "Could not build the map data:"))
        return False
    return True


def run_viewer(store_path: StoreAddress, on_ready: Callable[[], None] | None = None) -> int:
    """The window until it is closed; with `on_ready`, that is called once the map is interactive and the
    program exits 0 (plan-map view --exit-when-ready: smoke tests and start-up timing). `store_path` is a
    GeoPackage (built on first start) or a team database, reached before the window opens."""
    prepare_environment()
    from PySide6.QtWidgets import QApplication

    from desktop.settings_dialog import default_settings
    from desktop.store_recovery import open_with_recovery
    from geodata.store import APP_NAME

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    settings = default_settings()
    install_translator(app, settings)
    sys.excepthook = report_unexpected
    from desktop.main_window import MainWindow

    store = store_address(store_path)
    if is_postgres(store):
        from desktop.team_store import open_at_start

        if open_at_start(store) is None:
            return 1
        window = MainWindow(store, settings=settings)
        window.remember_store()
    else:
        if not store.exists() and not build_first_store(store):
            return 1
        window = open_with_recovery(store, lambda path: MainWindow(path, settings=settings))
        if window is None:
            return 1
    if on_ready is not None:
        window.map.ready.connect(lambda: (on_ready(), app.quit()))
    window.show()
    return app.exec()
