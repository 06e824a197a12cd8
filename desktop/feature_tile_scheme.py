"""Serves the store's big layers to the map page: plantiles://tiles/<layer>/<z>/<x>/<y> is one tile
(geodata/feature_tiles.py), plantiles://feature/<id> the full outline of a selected feature of such a layer.

What needs no making (a tile made at import or lately, a selected feature's outline) is answered at once on
the UI thread from a GeoPackage store. Other tiles are made on TILE_THREADS threads of their own (Job queues
"tiles-0", "tiles-1"), each with its own read-only connection and all sharing the layers' boxes and the recent
tiles (geodata.feature_tiles.TileCache), so the window answers clicks and keys while a city's worth of parcels
is being tiled, and a view's quick tiles do not wait behind one slow tile (a zoomed-out tile full of small
parcels); each answer goes back to the page on the UI thread, in the frame the overlays are drawn in (GCJ-02
under an AMap basemap). A tile the store cannot give (its layer is gone, the file is damaged) fails the request
and says why in the status bar (`failed`), so the map is never silently blank.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEngineUrlRequestJob, QWebEngineUrlScheme, QWebEngineUrlSchemeHandler

from desktop.jobs import Job
from geodata.feature_tiles import MissingLayer, TileCache, TileSource, UnreadableStore
from geodata.sql import is_postgres
from geodata.store import connect
from geodata.store_address import StoreAddress
from layers.page import TILE_SCHEME
from layers.session import Session

FEATURE_TILE_SCHEME = TILE_SCHEME.encode()  # the page (layers/page.py) writes the tile URLs
TILE_THREADS = 2  # more only adds threads waiting for Python's lock: making a tile is mostly Python and numpy
TILE_QUEUES = tuple(f"tiles-{index}" for index in range(TILE_THREADS))
TIMINGS_KEPT = 2000
_TILE_PATH = re.compile(r"^/(.+)/(\d+)/(\d+)/(\d+)$")
_ANSWERS_FROM_FILE_PAGES = {QByteArray(b"Access-Control-Allow-Origin"): QByteArray(b"*")}


@dataclass(frozen=True)
class TileAnswer:
    """What the tile thread made of one request: the bytes (None: nothing there), or why it could not."""

    data: bytes | None
    missing_layer: str | None = None
    unreadable: str | None = None
    seconds: float = 0.0  # making it, on the tile thread
    started: float = 0.0  # time.perf_counter() when the tile thread took it up


class TileThreadStore:
    """The store as one tile thread reads it: a connection of its own (an SQLite connection stays on the
    thread that opened it), opened at the first request and closed when an edit takes the store. Used only
    from jobs on one of TILE_QUEUES, which run one after the other on its thread."""

    def __init__(self) -> None:
        self._stack = ExitStack()
        self._source: TileSource | None = None

    def answer(self, store: StoreAddress, cache: TileCache, host: str, path: str, shift_gcj02: bool,
               abandoned: threading.Event) -> TileAnswer:
        """The tile or outline at `path`; nothing when the page gave up on it while it waited (zoomed on)."""
        began = time.perf_counter()
        try:
            if self._source is None:
                self._source = TileSource(self._stack.enter_context(connect(store)), cache)
            match = _TILE_PATH.match(path) if host == "tiles" else None
            if host == "feature":
                data = self._source.outline(path.lstrip("/"), shift_gcj02)
            elif match is None or abandoned.is_set():
                data = None
            else:
                data = self._source.tile(match[1], *map(int, match.groups()[1:]), shift_gcj02)
            return TileAnswer(data, seconds=time.perf_counter() - began, started=began)
        except MissingLayer as missing:
            return TileAnswer(None, missing_layer=str(missing))
        except UnreadableStore as error:
            return TileAnswer(None, unreadable=str(error))

    def close(self) -> None:
        self._stack.close()
        self._source = None


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
        self.timings: deque[float] = deque(maxlen=TIMINGS_KEPT)  # ms from a tile's request to its reply
        self.work_timings: deque[float] = deque(maxlen=TIMINGS_KEPT)  # ms making it on the tile thread
        self.wait_timings: deque[float] = deque(maxlen=TIMINGS_KEPT)  # ms from its request until a thread took it
        self._thread_stores = [TileThreadStore() for _ in TILE_QUEUES]
        self._waiting = [0] * len(TILE_QUEUES)  # requests given to each thread and not answered yet
        self._cache = TileCache()
        self._ui_source: TileSource | None = None  # ready tiles, read on the UI thread from the session's store
        self._last_failure = ""
        session.events.busy.connect(self._store_taken)
        session.events.store.connect(self._store_taken)

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt's name)
        if self.session.db is None or self.session.busy:  # the store is being edited; its new page follows
            self._fail(job, QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        url = job.requestUrl()
        if self._answer_ready(job, url.host(), url.path(QUrl.ComponentFormattingOption.FullyDecoded)):
            return
        thread = self._waiting.index(min(self._waiting))  # the least busy tile thread
        self._waiting[thread] += 1
        request = TileRequest(self, job, url.host() == "tiles", thread)
        work = Job(partial(self._thread_stores[thread].answer, self.session.store_path, self._cache, url.host(),
                           url.path(QUrl.ComponentFormattingOption.FullyDecoded), self.datum() == "gcj02",
                           request.abandoned))
        work.done.connect(request.answer)
        work.failed.connect(request.broken)
        work.start(TILE_QUEUES[thread])

    def _answer_ready(self, job: QWebEngineUrlRequestJob, host: str, path: str) -> bool:
        """Answer at once, here on the UI thread, what needs no making, from a GeoPackage store: a recent tile
        or one made at import (a view's tiles then do not queue behind each other for the tile threads), or a
        selected feature's outline (read by id). False when it must be made (or read from a database server)
        on a tile thread."""
        match = _TILE_PATH.match(path) if host == "tiles" else None
        source = self._source_at_hand()
        if (match is None and host != "feature") or source is None:
            return False
        began = time.perf_counter()
        shift = self.datum() == "gcj02"
        try:
            if match is None:
                data = source.outline(path.lstrip("/"), shift)
            else:
                data = source.ready_tile(match[1], *map(int, match.groups()[1:]), shift)
        except UnreadableStore:
            return False  # the tile thread tries again, and says why
        if data is None:
            return False
        self.reply(job, TileAnswer(data))
        if match is not None:
            spent = (time.perf_counter() - began) * 1000
            self.timings.append(spent)
            self.work_timings.append(spent)
            self.wait_timings.append(0.0)
        return True

    def outline_at_hand(self, feature_id: str) -> dict | None:
        """The outline of a selected feature of a tiled layer (feature_outline's GeoJSON), read here from a
        GeoPackage store, so the page can draw it with the selection instead of asking for it when this
        thread is free again (after the feature panel is filled); None for another feature or store."""
        source = self._source_at_hand()
        try:
            data = None if source is None else source.outline(feature_id, self.datum() == "gcj02")
        except UnreadableStore:
            return None  # the page asks for it, and the tile thread says why it cannot be had
        return None if data is None else json.loads(data)

    def _source_at_hand(self) -> TileSource | None:
        """The tiles and outlines of the session's store, read on the UI thread: only from a GeoPackage (a
        database server's answer may take a while) that no edit holds."""
        db = self.session.db
        if db is None or is_postgres(db):
            return None
        if self._ui_source is None:
            self._ui_source = TileSource(db, self._cache)
        return self._ui_source

    def finished(self, thread: int) -> None:
        """A request given to `thread` was answered (or failed)."""
        self._waiting[thread] = max(0, self._waiting[thread] - 1)

    def reply(self, job: QWebEngineUrlRequestJob, answer: TileAnswer) -> None:
        if answer.missing_layer is not None:
            self._report(self.tr("The map asked for the layer %1, which the store does not have (removed or "
                                 "renamed). Reopen the window to draw the layers the store has now.")
                         .replace("%1", answer.missing_layer))
        elif answer.unreadable is not None:
            self.broken(job, self.tr("The store cannot be read, so parts of the map are missing (%1). Rebuild "
                                     "it, or open a copy that works.").replace("%1", answer.unreadable))
            return
        if answer.data is None:
            self._fail(job, QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        self._last_failure = ""
        buffer = QBuffer(job)
        buffer.setData(QByteArray(answer.data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.setAdditionalResponseHeaders(_ANSWERS_FROM_FILE_PAGES)
        job.reply(b"application/json", buffer)

    def broken(self, job: QWebEngineUrlRequestJob, message: str) -> None:
        self._report(message)
        self._fail(job, QWebEngineUrlRequestJob.Error.RequestFailed)

    def _store_taken(self, *_args) -> None:
        """An edit takes the store (or reopened it): the tile threads let their connections go, and reopen
        them at the next request; tiles made before are forgotten."""
        self.close()

    def close(self) -> None:
        """Close the tile threads' connections, each on its thread (the window closes, or an edit takes the
        store), and start a new cache for the store as it is next read."""
        self._cache = TileCache()
        self._ui_source = None
        for thread_store, name in zip(self._thread_stores, TILE_QUEUES):
            Job(thread_store.close).start(name)

    def _report(self, message: str) -> None:
        """Tell the window once per new problem: every tile of the view fails alike."""
        if message != self._last_failure:
            self._last_failure = message
            self.failed.emit(message)

    @staticmethod
    def _fail(job: QWebEngineUrlRequestJob, error: QWebEngineUrlRequestJob.Error) -> None:
        job.setAdditionalResponseHeaders(_ANSWERS_FROM_FILE_PAGES)  # so the page's fetch() sees the failure
        job.fail(error)


class TileRequest(QObject):
    """One page request waiting for the tile thread: a receiver on the UI thread, so the answer reaches the
    page from there. A request the page gave up on (it zoomed away) is let go."""

    def __init__(self, handler: FeatureTileHandler, job: QWebEngineUrlRequestJob, timed: bool, thread: int
                 ) -> None:
        super().__init__(handler)
        self.handler, self.job, self.timed, self.thread = handler, job, timed, thread
        self.began = time.perf_counter()
        self.abandoned = threading.Event()  # the page cancelled the request: the tile thread skips it
        job.destroyed.connect(self._abandon)

    def _abandon(self) -> None:
        self.abandoned.set()

    def answer(self, answer: TileAnswer) -> None:
        self.handler.finished(self.thread)
        if shiboken6.isValid(self.job) and not self.abandoned.is_set():
            self.handler.reply(self.job, answer)
            if self.timed and answer.data is not None:
                self.handler.timings.append((time.perf_counter() - self.began) * 1000)
                self.handler.work_timings.append(answer.seconds * 1000)
                self.handler.wait_timings.append((answer.started - self.began) * 1000)
        self.deleteLater()

    def broken(self, message: str) -> None:
        self.handler.finished(self.thread)
        if shiboken6.isValid(self.job):
            self.handler.broken(self.job, message)
        self.deleteLater()
