"""The main window: the map in the centre, docks for layers, feature, plan reader and search.

The window's state is a layers.session.Session; the map, the panels and the dialogs change it and observe
it. Selection travels one hop each way: the map (or the reader, or search) names a feature id, the session
selects it, and the window asks layers/ for the feature sheet and hands it to the panel while the map and the
reader highlight it. Edits of the store are desktop/store_edits.py, the basemap menu desktop/basemap_menu.py.
"""

from __future__ import annotations

import json
from contextlib import suppress
from pathlib import Path

import platformdirs
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QWidget

from desktop.basemap_menu import BasemapMenu
from desktop.feature_panel import FeaturePanel
from desktop.import_dialog import ImportRun, choose_import_file
from desktop.layer_panel import LayerPanel
from desktop.map_view import MapView, dropped_files
from desktop.plan_reader import PlanReader
from desktop.search_box import SearchBox
from desktop.store_edits import StoreEdits
from geodata import user_data
from geodata.imports.sources import importable_files
from geodata.spatial.coordinates import cursor_position, scale_text
from geodata.store import APP_NAME
from layers.basemaps import BasemapChoice, basemap_choice
from layers.feature_sheet import feature_sheet
from layers.page import MapPage, cached_page
from layers.search_results import SearchIndex
from layers.session import Selection, Session, export_context

SETTINGS_VERSION = 1


def default_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, "viewer")


class MainWindow(QMainWindow):
    def __init__(self, store_path: Path, settings: QSettings | None = None, page_cache: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or default_settings()
        self.session = Session(store_path)
        self.session.open_store()
        self.page_cache = page_cache or platformdirs.user_cache_path(APP_NAME, appauthor=False) / "map-page"
        self.edits = StoreEdits(self)
        self.import_run: ImportRun | None = None
        self._reloading = False
        self.setWindowTitle(self.tr("Shenzhen plan map"))
        self.resize(1400, 900)

        self.map = MapView(self.session, self)
        self.setCentralWidget(self.map)
        self.layer_panel = LayerPanel(self.session)
        self.feature_panel = FeaturePanel()
        self.reader = PlanReader(self.session.db)
        self.search_box = SearchBox(SearchIndex(self.session.db))
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

        page = cached_page(self.session.db, self.session.store_path, self.page_cache)
        self._show_layers(page)
        self.setAcceptDrops(True)
        self.restore_settings()
        self.map.load_page(page)
        self._show_network_state(self.session.basemap)

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
        self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.import_action = QAction(self.tr("Import layer…"), self)
        self.import_action.setShortcut(QKeySequence("Ctrl+O"))
        self.import_action.triggered.connect(lambda: self.import_file())
        self.file_menu.addAction(self.import_action)
        self.file_menu.addSeparator()
        export = QAction(self.tr("Export map…"), self)
        export.setShortcut(QKeySequence("Ctrl+E"))
        export.triggered.connect(self.open_export_dialog)
        sheets = QAction(self.tr("Export commitment sheets…"), self)
        sheets.triggered.connect(self.export_sheets)
        self.file_menu.addActions([export, sheets])
        view = self.menuBar().addMenu(self.tr("&View"))
        for dock in (self.layers_dock, self.search_dock, self.feature_dock, self.reader_dock):
            view.addAction(dock.toggleViewAction())
        find = QAction(self.tr("Find…"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.focus_search)
        view.addSeparator()
        view.addAction(find)
        self.basemap_menu = BasemapMenu(self.session, self, self._remembered_basemap)

    def _connect(self) -> None:
        self.map.features_clicked.connect(self.on_features_clicked)
        self.map.cursor_moved.connect(self.on_cursor_moved)
        self.map.scale_changed.connect(lambda mpp: self.scale_label.setText(self.tr("Scale %1").replace(
            "%1", scale_text(mpp))))
        self.map.ready.connect(self._on_map_ready)
        self.map.files_dropped.connect(self.import_files)
        self.layer_panel.zoom_requested.connect(self.map.zoom_to_layer)
        self.layer_panel.style_requested.connect(lambda name: self.edits.style_layer(name))
        self.layer_panel.rename_requested.connect(lambda name: self.edits.rename_layer(name))
        self.layer_panel.remove_requested.connect(lambda name: self.edits.remove_layer(name))
        self.layer_panel.export_requested.connect(lambda name: self.edits.export_layer(name))
        self.feature_panel.passage_requested.connect(self.open_passage)
        self.feature_panel.feature_chosen.connect(
            lambda fid: self.select_feature(fid, zoom=False, here=self.session.selection.here))
        self.feature_panel.link_requested.connect(lambda kind: self.edits.pick_link(kind))
        self.feature_panel.unlink_requested.connect(lambda kind, row: self.edits.change_link(kind, row, "unlink"))
        self.feature_panel.replace_requested.connect(lambda: self.edits.replace_selected())
        self.reader.feature_link_clicked.connect(lambda fid: self.select_feature(fid, zoom=True))
        self.reader.link_requested.connect(lambda passage_id: self.edits.change_link("passage", passage_id, "link"))
        self.search_box.feature_chosen.connect(lambda fid: self.select_feature(fid, zoom=True))
        self.search_box.passage_chosen.connect(self.open_passage)
        self.search_box.link_requested.connect(lambda kind, row: self.edits.change_link(kind, row, "link"))
        self.session.events.selection.connect(self._show_selection)
        self.session.events.store.connect(self._read_store)
        self.session.events.basemap.connect(self._show_network_state)

    # -- dialogs --------------------------------------------------------------------------------------
    def open_export_dialog(self):
        from desktop.export_dialog import ExportDialog  # matplotlib loads on first use only

        self.export_dialog = ExportDialog(export_context(self.session), self)
        self.export_dialog.open()
        return self.export_dialog

    def export_sheets(self):
        from desktop.sheets_run import choose_sheets

        self.sheets_run = choose_sheets(self.session, self)
        return self.sheets_run

    # -- selection ----------------------------------------------------------------------------------
    def on_features_clicked(self, ids: list) -> None:
        if self.session.db is None:
            return  # the store is being edited
        ids = [i for i in ids if self.session.directory.get(i) is not None]
        if ids:
            self.select_feature(ids[0], zoom=False, here=ids)

    def select_feature(self, feature_id: str, zoom: bool = True, here: list[str] | tuple[str, ...] | None = None
                       ) -> bool:
        """Select a feature through the session (`here`: the features under the click, to pick from), and
        zoom the map to it when `zoom`."""
        if not self.session.select(feature_id, here or ()):
            return False
        if zoom:
            self.map.select_feature(feature_id, zoom=True)
        return True

    def _show_selection(self, selection: Selection) -> None:
        feature_id, directory = selection.feature_id, self.session.directory
        self.search_box.selected_feature = feature_id
        self.reader.highlight_feature(feature_id)
        if feature_id is None:
            self.feature_panel.clear()
            return
        sheet = feature_sheet(self.session.db, feature_id, directory)
        names = [(fid, directory.get(fid).feature.name) for fid in selection.here]
        imported = directory.get(feature_id).feature.layer not in user_data.BUILTIN_LAYERS
        self.feature_panel.show_sheet(sheet, names, imported=imported)
        self.feature_dock.show()
        self.feature_dock.raise_()

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

    def _show_network_state(self, basemap: BasemapChoice) -> None:
        if basemap.online:
            self.network_label.setText(self.tr("Online basemap: downloading tiles from the internet"))
            self.network_label.setStyleSheet("color:#b03a2e;font-weight:bold;")
        else:
            self.network_label.setText(self.tr("Offline"))
            self.network_label.setStyleSheet("color:#1e8449;")

    # -- the store and its map page -------------------------------------------------------------------
    def busy(self) -> bool:
        """An edit is running, or the map page it produced is still loading."""
        return self.session.busy or not self.map.is_ready

    def _read_store(self) -> None:
        """The store was reopened after an edit: the panels that read it read it again."""
        self.reader.reload(self.session.db)
        self.search_box.set_index(SearchIndex(self.session.db))

    def _show_layers(self, page: MapPage) -> None:
        self.session.set_layers(page.layers)
        self.layer_panel.set_layers(page.layers, user_data.layer_style_overrides(self.session.db))

    def reload_page(self, page: MapPage) -> None:
        """A page rebuilt after an edit, showing the same view, with the layers on and off as they were."""
        view = self.session.view
        self._reloading = True
        self.map.load_page(page)  # calls below wait in the view's queue until the new page is ready
        self._show_layers(page)
        if view is not None:
            self.map.set_view(view.lat, view.lon, view.zoom)

    def _on_map_ready(self) -> None:
        if self._reloading:  # a page rebuilt after an edit: the view was restored with the page's queue
            self._reloading = False
            self.session.set_busy(False)
            if self.session.basemap.id != "offline":
                self.session.set_basemap(self.session.basemap)
            return
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
                self.session.set_basemap(basemap_choice(remembered["id"], remembered.get("key", ""),
                                                        remembered.get("url", ""), remembered.get("path", "")))

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

    def save_settings(self) -> None:
        self.settings.setValue("version", SETTINGS_VERSION)
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState())
        view = self.session.view
        if view is not None:
            self.settings.setValue("view", json.dumps({"lat": view.lat, "lon": view.lon, "zoom": view.zoom}))
        self.settings.setValue("basemap", json.dumps(self.session.basemap.remembered(), ensure_ascii=False))
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.edits.stop()
        self.save_settings()
        super().closeEvent(event)
        self.session.close()
        self.map.release()

    # -- importing ----------------------------------------------------------------------------------
    def import_file(self, path: Path | str | None = None) -> ImportRun | None:
        """文件 → 导入图层… (asks for the file when `path` is None), or a dropped file."""
        path = Path(path) if path else choose_import_file(self)
        if path is None:
            return None
        self.import_run = ImportRun(self, path)
        self.import_run.start()
        return self.import_run

    def import_files(self, paths: list) -> None:
        files = importable_files([Path(p) for p in paths])
        if not files:
            self.statusBar().showMessage(self.tr("Nothing to import: drop a GeoJSON, Shapefile, GeoPackage, "
                                                 "KML/KMZ or CSV file."), 8000)
            return
        if len(files) > 1:
            self.statusBar().showMessage(self.tr("Importing %1; drop the other files one at a time.")
                                         .replace("%1", files[0].name), 8000)
        QTimer.singleShot(0, lambda: self.import_file(files[0]))  # after the drop has returned to its source

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if dropped_files(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        paths = dropped_files(event)
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)
