"""The main window: the map in the centre, docks for layers, feature, plan reader and search.

Selection travels one hop each way: the map (or the reader, or search) names a feature id, the window
asks layers/ for the feature sheet and hands it to the panel, and tells the map and reader to highlight.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import ExitStack, suppress
from pathlib import Path

import platformdirs
from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from desktop.feature_panel import FeaturePanel
from desktop.layer_panel import LayerPanel
from desktop.map_view import MapView
from desktop.plan_reader import PlanReader
from desktop.search_box import SearchBox
from geodata.coordinates import cursor_position, scale_text
from geodata.store import APP_NAME, connect
from layers.basemaps import BASEMAPS, BasemapChoice, basemap_choice
from layers.feature_sheet import FeatureDirectory, feature_sheet
from layers.page import cached_page, overlay_collections
from layers.search_results import SearchIndex

SETTINGS_VERSION = 1


def default_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, "viewer")


class MainWindow(QMainWindow):
    def __init__(self, store_path: Path, settings: QSettings | None = None, page_cache: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store_path = Path(store_path)
        self.settings = settings or default_settings()
        self._stack = ExitStack()
        self.db: sqlite3.Connection = self._stack.enter_context(connect(self.store_path))
        self.directory = FeatureDirectory(self.db)
        self.selected: str | None = None
        self.basemap = BasemapChoice("offline", online=False)
        self._shifted: dict | None = None
        self.setWindowTitle(self.tr("Shenzhen plan map"))
        self.resize(1400, 900)

        self.map = MapView(self)
        self.setCentralWidget(self.map)
        self.layer_panel = LayerPanel()
        self.feature_panel = FeaturePanel()
        self.reader = PlanReader(self.db)
        self.search_box = SearchBox(SearchIndex(self.db))
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        self.layers_dock = self._dock("layers", self.tr("Layers"), self.layer_panel, left)
        self.search_dock = self._dock("search", self.tr("Search"), self.search_box, left)
        self.feature_dock = self._dock("feature", self.tr("Feature"), self.feature_panel,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.reader_dock = self._dock("reader", self.tr("Plan reader"), self.reader,
                                      Qt.DockWidgetArea.BottomDockWidgetArea)
        self.resizeDocks([self.layers_dock, self.feature_dock], [330, 440], Qt.Orientation.Horizontal)
        self.resizeDocks([self.reader_dock], [260], Qt.Orientation.Vertical)

        self.cursor_label = QLabel()
        self.scale_label = QLabel()
        self.network_label = QLabel()
        for label in (self.cursor_label, self.scale_label, self.network_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.cursor_label, 1)
        self.statusBar().addPermanentWidget(self.scale_label)
        self.statusBar().addPermanentWidget(self.network_label)
        self._build_menus()
        self._connect()

        cache = page_cache or platformdirs.user_cache_path(APP_NAME, appauthor=False) / "map-page"
        page = cached_page(self.db, self.store_path, cache)
        self.layer_panel.set_layers(page.layers)
        self.restore_settings()
        self.map.load_page(page)
        self._show_network_state()

    # -- construction -------------------------------------------------------------------------------
    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        self._build_file_menu()
        view = self.menuBar().addMenu(self.tr("&View"))
        for dock in (self.layers_dock, self.search_dock, self.feature_dock, self.reader_dock):
            view.addAction(dock.toggleViewAction())
        find = QAction(self.tr("Find…"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.focus_search)
        view.addSeparator()
        view.addAction(find)
        menu = self.menuBar().addMenu(self.tr("&Basemap"))
        self.basemap_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        titles = {
            "offline": self.tr("Offline: land and sea (default)"),
            "osm": self.tr("OpenStreetMap (online)"),
            "tianditu": self.tr("Tianditu (online, needs your key)…"),
            "amap": self.tr("AMap (online, GCJ-02)"),
            "xyz": self.tr("Custom XYZ tile URL (online)…"),
            "mbtiles": self.tr("Local MBTiles file…"),
        }
        for basemap in BASEMAPS:
            action = QAction(titles.get(basemap.id, basemap.title), self, checkable=True)
            action.setData(basemap.id)
            group.addAction(action)
            menu.addAction(action)
            action.triggered.connect(lambda _=False, b=basemap.id: self.choose_basemap(b))
            self.basemap_actions[basemap.id] = action
            if basemap.id == "offline":
                menu.addSeparator()
        self.basemap_actions["offline"].setChecked(True)

    def _build_file_menu(self) -> None:
        self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        export = QAction(self.tr("Export map…"), self)
        export.setShortcut(QKeySequence("Ctrl+E"))
        export.triggered.connect(self.open_export_dialog)
        sheets = QAction(self.tr("Export commitment sheets…"), self)
        sheets.triggered.connect(self.export_sheets)
        self.file_menu.addActions([export, sheets])

    def open_export_dialog(self):
        from desktop.export_dialog import ExportDialog, export_context  # matplotlib loads on first use only

        self.export_dialog = ExportDialog(export_context(self), self)
        self.export_dialog.open()
        return self.export_dialog

    def export_sheets(self):
        from desktop.sheets_run import choose_sheets

        self.sheets_run = choose_sheets(self)
        return self.sheets_run

    def _connect(self) -> None:
        self.map.features_clicked.connect(self.on_features_clicked)
        self.map.cursor_moved.connect(self.on_cursor_moved)
        self.map.scale_changed.connect(lambda mpp: self.scale_label.setText(self.tr("Scale %1").replace(
            "%1", scale_text(mpp))))
        self.map.ready.connect(self._on_map_ready)
        self.layer_panel.visibility_changed.connect(self.map.set_layer_visible)
        self.layer_panel.opacity_changed.connect(self.map.set_layer_opacity)
        self.layer_panel.zoom_requested.connect(self.map.zoom_to_layer)
        self.feature_panel.passage_requested.connect(self.open_passage)
        self.feature_panel.feature_chosen.connect(lambda fid: self.select_feature(fid, zoom=False,
                                                                                    here=self._here))
        self.reader.feature_link_clicked.connect(lambda fid: self.select_feature(fid, zoom=True))
        self.search_box.feature_chosen.connect(lambda fid: self.select_feature(fid, zoom=True))
        self.search_box.passage_chosen.connect(self.open_passage)
        self._here: list[str] = []

    # -- selection ----------------------------------------------------------------------------------
    def on_features_clicked(self, ids: list) -> None:
        ids = [i for i in ids if self.directory.get(i) is not None]
        if not ids:
            return
        self.select_feature(ids[0], zoom=False, here=ids)

    def select_feature(self, feature_id: str, zoom: bool = True, here: list[str] | None = None) -> bool:
        sheet = feature_sheet(self.db, feature_id, self.directory)
        if sheet is None:
            return False
        self.selected = feature_id
        layer = self.directory.get(feature_id).feature.layer
        if not self.layer_panel.is_visible(layer):
            self.layer_panel.set_visible(layer, True)  # the panel tells the map, so both agree
        self._here = list(here or [])
        names = [(fid, self.directory.get(fid).feature.name) for fid in self._here]
        self.feature_panel.show_sheet(sheet, names)
        self.feature_dock.show()
        self.feature_dock.raise_()
        self.map.select_feature(feature_id, zoom)
        self.reader.highlight_feature(feature_id)
        return True

    def open_passage(self, passage_id: int) -> None:
        self.reader.open_passage(passage_id)
        self.reader_dock.show()
        self.reader_dock.raise_()

    def focus_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_box.edit.setFocus()
        self.search_box.edit.selectAll()

    def on_cursor_moved(self, lon: float, lat: float) -> None:
        self.cursor_label.setText(cursor_position(lon, lat).text())

    # -- basemaps -----------------------------------------------------------------------------------
    def choose_basemap(self, basemap_id: str) -> bool:
        remembered = self._remembered_basemap()
        key = url = path = ""
        if basemap_id == "tianditu":
            prompt = self.tr("Your Tianditu browser key (from console.tianditu.gov.cn). "
                             "Tiles will be downloaded from the internet.")
            key, ok = QInputDialog.getText(self, self.tr("Tianditu key"), prompt, QLineEdit.EchoMode.Normal,
                                           remembered.get("key", ""))
            if not ok:
                return self._recheck_basemap()
        elif basemap_id == "xyz":
            prompt = self.tr("A tile URL with {z}, {x} and {y}, e.g. https://host/{z}/{x}/{y}.png. "
                             "Tiles will be downloaded from the internet.")
            url, ok = QInputDialog.getText(self, self.tr("XYZ tile URL"), prompt, QLineEdit.EchoMode.Normal,
                                           remembered.get("url", ""))
            if not ok:
                return self._recheck_basemap()
        elif basemap_id == "mbtiles":
            path, _ = QFileDialog.getOpenFileName(self, self.tr("MBTiles file"), remembered.get("path", ""),
                                                  self.tr("MBTiles (*.mbtiles);;All files (*)"))
            if not path:
                return self._recheck_basemap()
        try:
            choice = basemap_choice(basemap_id, key=key, url=url, path=path)
        except ValueError as error:
            QMessageBox.warning(self, self.tr("Basemap"), str(error))
            return self._recheck_basemap()
        self.apply_basemap(choice)
        return True

    def apply_basemap(self, choice: BasemapChoice) -> None:
        shifted = None
        if choice.datum != self.map.datum:
            if choice.datum == "gcj02":
                if self._shifted is None:
                    self._shifted = overlay_collections(self.db, shift_gcj02=True)
                shifted = self._shifted
            else:
                shifted = overlay_collections(self.db)
        self.basemap = choice
        self.map.set_basemap(choice, shifted)
        self.basemap_actions[choice.id].setChecked(True)
        if self.selected:
            self.map.select_feature(self.selected, False)
        self._show_network_state()

    def _recheck_basemap(self) -> bool:
        self.basemap_actions[self.basemap.id].setChecked(True)
        return False

    def _show_network_state(self) -> None:
        if self.basemap.online:
            self.network_label.setText(self.tr("Online basemap: downloading tiles from the internet"))
            self.network_label.setStyleSheet("color:#b03a2e;font-weight:bold;")
        else:
            self.network_label.setText(self.tr("Offline"))
            self.network_label.setStyleSheet("color:#1e8449;")

    # -- settings -----------------------------------------------------------------------------------
    def _remembered_basemap(self) -> dict:
        try:
            return json.loads(str(self.settings.value("basemap", "{}")))
        except ValueError:
            return {}

    def restore_settings(self) -> None:
        if int(self.settings.value("version", 0) or 0) != SETTINGS_VERSION:
            return
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("window_state")
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def _on_map_ready(self) -> None:
        if int(self.settings.value("version", 0) or 0) != SETTINGS_VERSION:
            return
        try:
            view = json.loads(str(self.settings.value("view", "{}")))
            if view:
                self.map.set_view(float(view["lat"]), float(view["lon"]), int(view["zoom"]))
        except (ValueError, KeyError, TypeError):
            pass
        remembered = self._remembered_basemap()
        if remembered.get("id", "offline") != "offline":
            with suppress(ValueError, KeyError):
                self.apply_basemap(basemap_choice(remembered["id"], remembered.get("key", ""),
                                                  remembered.get("url", ""), remembered.get("path", "")))

    def save_settings(self) -> None:
        self.settings.setValue("version", SETTINGS_VERSION)
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState())
        view = self.map.last_view
        if view:
            self.settings.setValue("view", json.dumps({"lat": view["lat"], "lon": view["lon"],
                                                       "zoom": view["zoom"]}))
        self.settings.setValue("basemap", json.dumps(self.basemap.remembered(), ensure_ascii=False))
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.save_settings()
        super().closeEvent(event)
        self._stack.close()
