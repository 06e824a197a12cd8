"""The map: the Leaflet page from layers/page.py in a QWebEngineView, and the bridge to it.

The page talks to Python over QWebChannel through one small object (`MapBridge`) with four slots;
Python talks to the page by calling the `PlanMap` functions of resources/web/plan_map.js with
JSON-encoded arguments. No http(s) request leaves the view unless an online basemap is chosen.

A click is answered from the store, not from the page's drawing: the page sends where it was and the map's
scale, and the view asks layers.page.features_under what the shown layers have there, most specific first.

The view shows the session's layers (on/off, opacity), selection and basemap, and writes what it shows into
the session's map view.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication

from desktop.feature_tile_scheme import FEATURE_TILE_SCHEME, FeatureTileHandler
from desktop.mbtiles_scheme import MBTILES_SCHEME, MbtilesSchemeHandler
from geodata.imports.sources import importable_files
from geodata.spatial.coordinates import display_to_wgs84
from layers.basemaps import BasemapChoice
from layers.page import MapPage, features_under, overlay_collections, overlay_labels
from layers.session import LayerState, Selection, Session, map_frame

ONLINE_SCHEMES = (b"http", b"https", b"ws", b"wss", b"ftp")


class NetworkGuard(QWebEngineUrlRequestInterceptor):
    """Blocks every request to the network unless an online basemap is chosen; remembers what was asked."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.online_allowed = False
        self.blocked: list[str] = []

    def interceptRequest(self, info) -> None:  # noqa: N802 (Qt's name)
        url = info.requestUrl()
        if url.scheme().encode() in ONLINE_SCHEMES and not self.online_allowed:
            self.blocked.append(url.toString())
            info.block(True)


class MapPageView(QWebEnginePage):
    """A page that keeps its JS console messages, so tests and logs can see script errors."""

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        self.console: list[tuple[str, str, int, str]] = []  # (level, message, line, source)
        self.alerts: list[str] = []  # the map page never alerts; if a script tried, it is recorded, not shown

    def javaScriptConsoleMessage(self, level, message, line, source) -> None:  # noqa: N802
        self.console.append((level.name, message, line, source))

    def javaScriptAlert(self, origin, message) -> None:  # noqa: N802
        self.alerts.append(message)

    def console_errors(self) -> list[str]:
        return [f"{source}:{line}: {message}" for level, message, line, source in self.console
                if level == "ErrorMessageLevel"]


class MapBridge(QObject):
    """The only object the page can reach: four slots, each taking plain numbers or JSON text."""

    map_clicked = Signal(float, float, float)
    cursor_moved = Signal(float, float)
    view_changed = Signal(dict)
    page_ready = Signal(dict)

    @Slot(float, float, float)
    def mapClicked(self, lon: float, lat: float, metres_per_pixel: float) -> None:  # noqa: N802 (called from JS)
        """A click on the map at (lon, lat) in the frame the overlays are drawn in, at this scale."""
        self.map_clicked.emit(float(lon), float(lat), float(metres_per_pixel))

    @Slot(float, float)
    def cursorMoved(self, lon: float, lat: float) -> None:  # noqa: N802
        self.cursor_moved.emit(float(lon), float(lat))

    @Slot(str)
    def viewChanged(self, view_json: str) -> None:  # noqa: N802
        self.view_changed.emit(json.loads(view_json))

    @Slot(str)
    def pageReady(self, view_json: str) -> None:  # noqa: N802
        self.page_ready.emit(json.loads(view_json))


class MapView(QWebEngineView):
    features_clicked = Signal(list)  # ids of every shown feature under a click, most specific first; [] if none
    feature_clicked = Signal(str)  # the most specific one
    cursor_moved = Signal(float, float)  # lon, lat in WGS 84
    scale_changed = Signal(float)  # metres per screen pixel at the centre
    view_changed = Signal(dict)  # lat, lon (WGS 84 of the displayed frame), zoom, metresPerPixel
    ready = Signal()
    files_dropped = Signal(list)  # local paths of importable files dropped on the map

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        # A window of its own: the page is drawn through OpenGL, and in the window's own surface every repaint of
        # any widget (a panel filled by a click, the cursor position) composed the whole window through it again
        # (~12 ms a paint on a machine drawing GL in software); beside it the rest of the window paints plainly.
        self.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
        self.session = session
        self.released = False
        # Off the record (no cache or cookies on disk); owned by the application so it outlives the page.
        self.profile = QWebEngineProfile(QApplication.instance())
        self.guard = NetworkGuard(self)
        self.profile.setUrlRequestInterceptor(self.guard)
        self.tiles = MbtilesSchemeHandler(self)
        self.profile.installUrlSchemeHandler(MBTILES_SCHEME, self.tiles)
        self.feature_tiles = FeatureTileHandler(session, lambda: self.datum, self)  # the big layers, by tile
        self.profile.installUrlSchemeHandler(FEATURE_TILE_SCHEME, self.feature_tiles)
        self.map_page = MapPageView(self.profile, self)
        self.setPage(self.map_page)
        settings = self.map_page.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, True)
        self.bridge = MapBridge(self)
        self.channel = QWebChannel(self)
        self.channel.registerObject("bridge", self.bridge)
        self.map_page.setWebChannel(self.channel)
        self.bridge.map_clicked.connect(self._on_map_clicked)
        self.bridge.cursor_moved.connect(self._on_cursor_moved)
        self.bridge.view_changed.connect(self._on_view_changed)
        self.bridge.page_ready.connect(self._on_ready)
        self.is_ready = False
        self.datum = "wgs84"  # the frame the overlays are drawn in: gcj02 under an AMap basemap
        self.page_info: MapPage | None = None
        self.last_view: dict = {}
        self._queued: list[str] = []
        self.installEventFilter(self)
        session.events.visibility.connect(self.set_layer_visible)
        session.events.opacity.connect(self.set_layer_opacity)
        session.events.layers.connect(self._show_layers)
        session.events.selection.connect(self._show_selection)
        session.events.basemap.connect(self._show_basemap)
        session.events.store.connect(self._forget_shifted)
        self._shifted: tuple[dict, dict] | None = None  # the overlays and labels in GCJ-02, read once per store

    # Chromium takes drops on the view's render widget (its focus proxy, created with the page) and
    # would open a dropped file as a page; importable files are taken off it before it sees them.

    def release(self) -> None:
        """Delete the page, then its profile: a profile that outlives its pages makes Qt warn and may crash
        the process on exit. Called when the window closes."""
        if self.released:
            return
        self.released = True
        self.feature_tiles.close()
        shiboken6.delete(self.map_page)
        shiboken6.delete(self.profile)
    def childEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().childEvent(event)
        if event.type() == QEvent.Type.ChildAdded and event.child().isWidgetType():
            event.child().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if isinstance(event, (QDragEnterEvent, QDragMoveEvent, QDropEvent)):
            paths = dropped_files(event)
            if paths:
                event.acceptProposedAction()
                if event.type() == QEvent.Type.Drop:
                    self.files_dropped.emit(paths)
                return True
        return super().eventFilter(watched, event)

    def load_page(self, page: MapPage) -> None:
        """Load the page file by URL (setHtml fails silently past 2 MB)."""
        self.page_info = page
        self.is_ready = False
        self.datum = "wgs84"  # a fresh page draws the stored WGS 84 data until a basemap says otherwise
        self.setUrl(QUrl.fromLocalFile(str(page.path)))

    def call(self, function: str, *args, callback: Callable | None = None) -> None:
        """Call PlanMap.<function>(args) in the page; arguments are JSON, so no string becomes code."""
        script = f"PlanMap.{function}({', '.join(json.dumps(arg, ensure_ascii=False) for arg in args)})"
        if not self.is_ready:
            self._queued.append(script)
            return
        if callback is None:
            self.map_page.runJavaScript(script)
        else:
            self.map_page.runJavaScript(script, 0, callback)

    def set_layer_visible(self, layer: str, visible: bool) -> None:
        self.call("setLayerVisible", layer, bool(visible))

    def set_layer_opacity(self, layer: str, opacity: float) -> None:
        self.call("setLayerOpacity", layer, float(opacity))

    def select_feature(self, feature_id: str, zoom: bool = True) -> None:
        """Highlight a feature; one of a tiled layer comes with its outline when it is at hand (see
        FeatureTileHandler.outline_at_hand), else the page asks the store for it."""
        self.call("selectFeature", feature_id, bool(zoom), self.feature_tiles.outline_at_hand(feature_id))

    def select_features(self, feature_ids: list[str], zoom: bool = True) -> None:
        """Highlight a group's members together (一轴一带三组团) and, with `zoom`, frame them all."""
        self.call("selectFeatures", list(feature_ids), bool(zoom))

    def clear_selection(self) -> None:
        self.call("clearSelection")

    def _show_selection(self, selection: Selection) -> None:
        if selection.feature_id is None:
            self.clear_selection()
        elif selection.group is not None:
            self.select_features(list(selection.here), zoom=False)
        else:
            self.select_feature(selection.feature_id, zoom=False)

    def _show_layers(self, layers: tuple[LayerState, ...]) -> None:
        """A new page draws every layer, opaque: tell it which the session hides or fades."""
        for layer in layers:
            if not layer.visible:
                self.set_layer_visible(layer.name, False)
            if layer.opacity != 1.0:
                self.set_layer_opacity(layer.name, layer.opacity)

    def zoom_to_layer(self, layer: str) -> None:
        self.call("zoomToLayer", layer)

    def set_view(self, lat: float, lon: float, zoom: int) -> None:
        self.call("setView", float(lat), float(lon), int(zoom))

    def set_basemap(self, choice: BasemapChoice, shifted_collections: dict | None = None,
                    shifted_labels: dict | None = None) -> None:
        """Switch the basemap. An online one is the only thing that lets requests leave the machine."""
        self.guard.online_allowed = choice.online
        self.map_page.settings().setAttribute(
            QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, choice.online)
        if choice.mbtiles_path:
            self.tiles.set_file(choice.mbtiles_path)
        previous, self.datum = self.datum, choice.datum
        self.call("setBasemap", choice.page_spec())
        if previous != self.datum and shifted_collections is not None:
            self.call("setOverlayData", shifted_collections, shifted_labels)

    def _show_basemap(self, choice: BasemapChoice) -> None:
        """Draw the overlays in the basemap's frame (GCJ-02 under AMap, for display only) and keep the selection
        highlighted on the redrawn overlays."""
        shifted, labels = None, None
        if choice.datum != self.datum and self.session.db is not None:
            if choice.datum == "gcj02":
                if self._shifted is None:
                    db = self.session.db
                    self._shifted = (overlay_collections(db, shift_gcj02=True), overlay_labels(db, shift_gcj02=True))
                shifted, labels = self._shifted
            else:
                shifted, labels = overlay_collections(self.session.db), overlay_labels(self.session.db)
        self.set_basemap(choice, shifted, labels)
        if self.session.selection.feature_id:
            self._show_selection(self.session.selection)  # a group stays a group

    def _forget_shifted(self) -> None:
        self._shifted = None

    def _on_ready(self, view: dict) -> None:
        self.is_ready = True
        for script in self._queued:
            self.map_page.runJavaScript(script)
        self._queued.clear()
        self._on_view_changed(view)
        self.ready.emit()

    def _on_map_clicked(self, lon: float, lat: float, metres_per_pixel: float) -> None:
        """Ask the store what the shown layers have under the click (in WGS 84: the display frame may be
        GCJ-02), most specific first, and say so; an empty list when the click hit nothing."""
        db = self.session.db
        if db is None:
            return  # the store is being edited: the click picks nothing rather than something stale
        lon, lat = display_to_wgs84(lon, lat, self.datum)
        found = features_under(db, lon, lat, metres_per_pixel, self.session.visible_layers())
        ids = [info.feature.id for info in found]
        self.features_clicked.emit(ids)
        if ids:
            self.feature_clicked.emit(ids[0])

    def _on_cursor_moved(self, lon: float, lat: float) -> None:
        self.cursor_moved.emit(*display_to_wgs84(lon, lat, self.datum))

    def _on_view_changed(self, view: dict) -> None:
        self.last_view = dict(view)
        lon, lat = display_to_wgs84(view.get("lon", 0.0), view.get("lat", 0.0), self.datum)
        self.last_view.update(lon=lon, lat=lat)
        self.session.set_view(map_frame(self.last_view))
        self.view_changed.emit(self.last_view)
        self.scale_changed.emit(float(view.get("metresPerPixel", 0.0)))


def dropped_files(event) -> list[str]:
    """The importable local files a drag carries (empty for anything else: text, web links, other files)."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    local = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [str(path) for path in importable_files(local)]
