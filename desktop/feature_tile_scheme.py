"""Serves the store's big layers to the map page: plantiles://tiles/<layer>/<z>/<x>/<y> is one tile
(geodata/feature_tiles.py), plantiles://feature/<id> the full outline of a selected feature of such a layer.

Tiles are made on the UI thread from the window's own read-only connection, in the frame the overlays are
drawn in (GCJ-02 under an AMap basemap). A tile the store cannot give (its layer is gone, the file is damaged)
fails the request and says why in the status bar (`failed`), so the map is never silently blank.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEngineUrlRequestJob, QWebEngineUrlScheme, QWebEngineUrlSchemeHandler

from geodata.feature_tiles import MissingLayer, TileSource, UnreadableStore
from layers.page import TILE_SCHEME
from layers.session import Session

FEATURE_TILE_SCHEME = TILE_SCHEME.encode()  # the page (layers/page.py) writes the tile URLs
TIMINGS_KEPT = 2000
_TILE_PATH = re.compile(r"^/(.+)/(\d+)/(\d+)/(\d+)$")
_ANSWERS_FROM_FILE_PAGES = {QByteArray(b"Access-Control-Allow-Origin"): QByteArray(b"*")}


def register_scheme() -> None:
    """Must run before any QtWebEngine object exists (desktop/app.py's prepare_environment calls it). The
    page's fetch() may read it: it is a CORS-enabled local scheme."""
    if QWebEngineUrlScheme.schemeByName(FEATURE_TILE_SCHEME).name():
        return
    scheme = QWebEngineUrlScheme(FEATURE_TILE_SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    flag = QWebEngineUrlScheme.Flag
    scheme.setFlags(flag.LocalScheme | flag.LocalAccessAllowed | flag.SecureScheme | flag.CorsEnabled
                    | flag.FetchApiAllowed)
    QWebEngineUrlScheme.registerScheme(scheme)


class FeatureTileHandler(QWebEngineUrlSchemeHandler):
    failed = Signal(str)  # why a tile could not be drawn, for the status bar

    def __init__(self, session: Session, datum: Callable[[], str], parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.datum = datum  # the frame the overlays are drawn in now: "wgs84" or "gcj02"
        self.timings: deque[float] = deque(maxlen=TIMINGS_KEPT)  # milliseconds per tile, for the benchmark
        self._source: TileSource | None = None
        self._source_db: sqlite3.Connection | None = None
        self._last_failure = ""

    def source(self) -> TileSource | None:
        """The tiles of the session's open store (None while an edit has it released)."""
        db = self.session.db
        if db is None:
            return None
        if db is not self._source_db:
            self._source, self._source_db = TileSource(db), db
        return self._source

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt's name)
        began = time.perf_counter()
        url = job.requestUrl()
        path = url.path(QUrl.ComponentFormattingOption.FullyDecoded)
        source = self.source()
        if source is None:  # the store is being edited; its new page follows
            self._fail(job, QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        try:
            if url.host() == "feature":
                data = source.outline(path.lstrip("/"), self.datum() == "gcj02")
            else:
                match = _TILE_PATH.match(path) if url.host() == "tiles" else None
                data = source.tile(match[1], *map(int, match.groups()[1:]), self.datum() == "gcj02") if match else None
        except MissingLayer as missing:
            self._report(self.tr("The map asked for the layer %1, which the store does not have (removed or "
                                 "renamed). Reopen the window to draw the layers the store has now.")
                         .replace("%1", str(missing)))
            self._fail(job, QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        except UnreadableStore as error:
            self._report(self.tr("The store cannot be read, so parts of the map are missing (%1). Rebuild it, or "
                                 "open a copy that works.").replace("%1", str(error)))
            self._fail(job, QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        if data is None:
            self._fail(job, QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        self._last_failure = ""
        buffer = QBuffer(job)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.setAdditionalResponseHeaders(_ANSWERS_FROM_FILE_PAGES)
        job.reply(b"application/json", buffer)
        if url.host() == "tiles":
            self.timings.append((time.perf_counter() - began) * 1000)

    def _report(self, message: str) -> None:
        """Tell the window once per new problem: every tile of the view fails alike."""
        if message != self._last_failure:
            self._last_failure = message
            self.failed.emit(message)

    @staticmethod
    def _fail(job: QWebEngineUrlRequestJob, error: QWebEngineUrlRequestJob.Error) -> None:
        job.setAdditionalResponseHeaders(_ANSWERS_FROM_FILE_PAGES)  # so the page's fetch() sees the failure
        job.fail(error)
