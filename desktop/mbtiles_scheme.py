"""Serves a local MBTiles file to the map page as mbtiles://tiles/{z}/{x}/{y}: a basemap with no network."""

from __future__ import annotations

import re

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtWebEngineCore import QWebEngineUrlRequestJob, QWebEngineUrlScheme, QWebEngineUrlSchemeHandler

from geodata.mbtiles import MbtilesReader, tile_mime

MBTILES_SCHEME = b"mbtiles"
_TILE_PATH = re.compile(r"^/(\d+)/(\d+)/(\d+)")


def register_scheme() -> None:
    """Must run before any QtWebEngine object exists (desktop/app.py and the tests' conftest call it)."""
    if QWebEngineUrlScheme.schemeByName(MBTILES_SCHEME).name():
        return
    scheme = QWebEngineUrlScheme(MBTILES_SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(QWebEngineUrlScheme.Flag.LocalScheme | QWebEngineUrlScheme.Flag.LocalAccessAllowed
                    | QWebEngineUrlScheme.Flag.SecureScheme)
    QWebEngineUrlScheme.registerScheme(scheme)


class MbtilesSchemeHandler(QWebEngineUrlSchemeHandler):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.reader: MbtilesReader | None = None

    def set_file(self, path: str) -> None:
        if self.reader is not None:
            self.reader.close()
        self.reader = MbtilesReader(path)

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt's name)
        match = _TILE_PATH.match(job.requestUrl().path())
        data = self.reader.tile(*map(int, match.groups())) if match and self.reader else None
        if data is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        buffer = QBuffer(job)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(tile_mime(data).encode(), buffer)
