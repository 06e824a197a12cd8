"""Helpers for the viewer tests: a window over a store, a request recorder, and JS evaluation."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInterceptor

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
READY_TIMEOUT_MS = 20000


class RecordingInterceptor(QWebEngineUrlRequestInterceptor):
    """Records every URL the page asks for, and blocks any that would leave the machine."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def interceptRequest(self, info) -> None:  # noqa: N802
        url = info.requestUrl()
        self.urls.append(url.toString())
        if url.scheme() in ("http", "https", "ws", "wss", "ftp"):
            info.block(True)

    def online(self) -> list[str]:
        return [url for url in self.urls if url.split(":", 1)[0] in ("http", "https", "ws", "wss", "ftp")]


def open_window(qtbot, store: Path, tmp_path: Path):
    from desktop.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings=settings, page_cache=tmp_path / "page")
    interceptor = RecordingInterceptor()
    window.map.profile.setUrlRequestInterceptor(interceptor)  # before the event loop runs the load
    window.interceptor = interceptor
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitUntil(lambda: window.map.is_ready, timeout=READY_TIMEOUT_MS)
    return window


def run_js(qtbot, view, script: str):
    """The result of `script` in the page (objects must come back as JSON text)."""
    result = []
    view.map_page.runJavaScript(script, 0, result.append)
    qtbot.waitUntil(lambda: bool(result), timeout=5000)
    return result[0]


def js_json(qtbot, view, script: str):
    return json.loads(run_js(qtbot, view, script))


