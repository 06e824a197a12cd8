"""The main window: the map in the centre, docks for layers, feature, plan reader and search.

Selection travels one hop each way: the map (or the reader, or search) names a feature id, the window
asks layers/ for the feature sheet and hands it to the panel, and tells the map and reader to highlight.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import ExitStack, suppress
from pathlib import Path

import platformdirs
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
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
from desktop.import_dialog import ImportRun, choose_import_file
from desktop.import_worker import StoreJob, start_job
from desktop.layer_panel import LayerPanel
from desktop.map_view import MapView, dropped_files
from desktop.plan_reader import PlanReader
from desktop.search_box import SearchBox
from geodata import user_data
from geodata.imports import imported_layers
from geodata.imports.sources import importable_files
from geodata.spatial.coordinates import cursor_position, scale_text
from geodata.store import APP_NAME, connect
from layers.basemaps import BASEMAPS, BasemapChoice, basemap_choice
from layers.feature_sheet import FeatureDirectory, feature_sheet
from layers.page import MapPage, cached_page, overlay_collections
from layers.search_results import SearchIndex
from layers.style import layer_style, styled

SETTINGS_VERSION = 1


def default_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, "viewer")


class MainWindow(QMainWindow):
    def __init__(self, store_path: Path, settings: QSettings | None = None, page_cache: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store_path = Path(store_path)
        self.settings = settings or default_settings()
        self._open_store()
        self.store_job: StoreJob | None = None
        self.import_run: ImportRun | None = None
        self._reloading = False
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

        self.page_cache = page_cache or platformdirs.user_cache_path(APP_NAME, appauthor=False) / "map-page"
        page = cached_page(self.db, self.store_path, self.page_cache)
        self.layer_panel.set_layers(page.layers, user_data.layer_style_overrides(self.db))
        self.setAcceptDrops(True)
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
        self.map.files_dropped.connect(self.import_files)
        self.layer_panel.style_requested.connect(lambda name: self.style_layer(name))
        self.layer_panel.rename_requested.connect(lambda name: self.rename_layer(name))
        self.layer_panel.remove_requested.connect(lambda name: self.remove_layer(name))
        self.layer_panel.export_requested.connect(lambda name: self.export_layer(name))
        self.feature_panel.link_requested.connect(lambda kind: self.pick_link(kind))
        self.feature_panel.unlink_requested.connect(lambda kind, row: self.change_link(kind, row, "unlink"))
        self.feature_panel.replace_requested.connect(lambda: self.replace_selected())
        self.reader.link_requested.connect(lambda passage_id: self.change_link("passage", passage_id, "link"))
        self.search_box.link_requested.connect(lambda kind, row: self.change_link(kind, row, "link"))

    # -- selection ----------------------------------------------------------------------------------
    def on_features_clicked(self, ids: list) -> None:
        if self.db is None:
            return  # the store is being edited
        ids = [i for i in ids if self.directory.get(i) is not None]
        if not ids:
            return
        self.select_feature(ids[0], zoom=False, here=ids)

    def select_feature(self, feature_id: str, zoom: bool = True, here: list[str] | None = None) -> bool:
        if self.db is None:
            return False
        sheet = feature_sheet(self.db, feature_id, self.directory)
        if sheet is None:
            return False
        self.selected = feature_id
        layer = self.directory.get(feature_id).feature.layer
        if not self.layer_panel.is_visible(layer):
            self.layer_panel.set_visible(layer, True)  # the panel tells the map, so both agree
        self._here = list(here or [])
        names = [(fid, self.directory.get(fid).feature.name) for fid in self._here]
        self.feature_panel.show_sheet(sheet, names, imported=layer not in user_data.BUILTIN_LAYERS)
        self.feature_dock.show()
        self.feature_dock.raise_()
        self.map.select_feature(feature_id, zoom)
        self.reader.highlight_feature(feature_id)
        self.search_box.selected_feature = feature_id
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
        if self._reloading:  # a page rebuilt after an edit: the view was restored with the page's queue
            self._reloading = False
            if self.basemap.id != "offline":
                self.apply_basemap(self.basemap)
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
        if self.store_job is not None and self.store_job.isRunning():
            self.store_job.cancel()
            self.store_job.wait()
        self.save_settings()
        super().closeEvent(event)
        self._stack.close()
        self.map.release()

    # -- the store, and edits to it -----------------------------------------------------------------
    def _open_store(self) -> None:
        self._stack = ExitStack()
        self.db: sqlite3.Connection | None = self._stack.enter_context(connect(self.store_path))
        self.directory = FeatureDirectory(self.db)

    def busy(self) -> bool:
        """An edit is running, or the map page it produced is still loading."""
        return self.db is None or self._reloading or not self.map.is_ready

    def release_store(self) -> None:
        """Close the window's connection: an edit moves a new file over the store (os.replace), which
        Windows refuses while the file is open, and a connection kept open would read the old file."""
        self._stack.close()
        self.db = None

    def edit_store(self, work: Callable, title: str, label: str, on_done: Callable | None = None, *,
                   cancellable: bool = False, page: bool = True) -> StoreJob | None:
        """Run `work(progress)` on a worker with the store released, then reopen it and show what it holds
        now (with a new map page when `page`); `on_done(result, error)` follows on the UI thread."""
        if self.store_job is not None and self.store_job.isRunning():
            self.statusBar().showMessage(self.tr("Another change to the store is still running."), 5000)
            return None
        store, cache = self.store_path, self.page_cache

        def job(progress):
            result = work(progress)
            if not page:
                return result, None
            with connect(store) as db:
                return result, cached_page(db, store, cache)

        def finished(done: StoreJob) -> None:
            result, new_page = done.result if done.error is None else (None, None)
            self._open_store()
            self.store_changed(new_page)
            if on_done is not None:
                on_done(result, done.error)
            elif done.error is not None:
                QMessageBox.warning(self, title, str(done.error))

        self.release_store()
        self.store_job = start_job(job, self, title, label, finished, cancellable)
        return self.store_job

    def store_changed(self, page: MapPage | None = None) -> None:
        """After an edit: read the reopened store into every panel; a new page keeps the view and layers."""
        self._shifted = None
        self.reader.reload(self.db)
        self.search_box.set_index(SearchIndex(self.db))
        if page is not None:
            self.reload_page(page)
        if self.selected and self.directory.get(self.selected) is None:
            self.selected = None
            self.search_box.selected_feature = None
            self.feature_panel.clear()
            self.reader.highlight_feature(None)
        elif self.selected:
            self.select_feature(self.selected, zoom=False,
                                here=[fid for fid in self._here if self.directory.get(fid) is not None])

    def reload_page(self, page: MapPage) -> None:
        hidden = [name for name in self.layer_panel.items if not self.layer_panel.is_visible(name)]
        opacity = {name: slider.value() for name, slider in self.layer_panel.sliders.items() if slider.value() != 100}
        view = dict(self.map.last_view)
        self._reloading = True
        self.map.load_page(page)  # calls below wait in the view's queue until the new page is ready
        self.layer_panel.set_layers(page.layers, user_data.layer_style_overrides(self.db))
        for name in hidden:
            self.layer_panel.set_visible(name, False)
        for name, value in opacity.items():
            if name in self.layer_panel.sliders:
                self.layer_panel.sliders[name].setValue(value)
        if view:
            self.map.set_view(view["lat"], view["lon"], view["zoom"])

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

    # -- imported layers ----------------------------------------------------------------------------
    def style_layer(self, name: str, style: user_data.LayerStyleOverride | None = None) -> StoreJob | None:
        if style is None:
            from desktop.layer_style_dialog import LayerStyleDialog

            current = styled(layer_style(name), user_data.layer_style_overrides(self.db).get(name))
            fields = [row[1] for row in self.db.execute(f'PRAGMA table_info("{name}")')
                      if row[1] not in ("fid", "geom")]
            dialog = LayerStyleDialog(name, current, fields, self)
            if not dialog.exec():
                return None
            style = dialog.chosen_style()
        store = self.store_path
        return self.edit_store(lambda _p: imported_layers.set_layer_style(store, name, style),
                               self.tr("Layer style"), self.tr("Saving the style…"))

    def rename_layer(self, name: str, new_name: str | None = None) -> StoreJob | None:
        if new_name is None:
            new_name, ok = QInputDialog.getText(self, self.tr("Rename layer"), self.tr("New name for %1:")
                                                .replace("%1", name), QLineEdit.EchoMode.Normal, name)
            if not ok or not new_name.strip() or new_name.strip() == name:
                return None
        store = self.store_path
        return self.edit_store(lambda _p: imported_layers.rename_layer(store, name, new_name),
                               self.tr("Rename layer"), self.tr("Renaming %1…").replace("%1", name))

    def remove_layer(self, name: str, confirm: bool = True) -> StoreJob | None:
        if confirm:
            answer = QMessageBox.question(
                self, self.tr("Remove layer"),
                self.tr("Remove the imported layer %1 with its links and style? The file it came from is not "
                        "touched.").replace("%1", name))
            if answer != QMessageBox.StandardButton.Yes:
                return None
        store = self.store_path
        return self.edit_store(lambda _p: imported_layers.remove_layer(store, name),
                               self.tr("Remove layer"), self.tr("Removing %1…").replace("%1", name))

    def export_layer(self, name: str, out: Path | str | None = None) -> StoreJob | None:
        if out is None:
            out, _ = QFileDialog.getSaveFileName(self, self.tr("Export layer"), f"{name}.gpkg",
                                                 self.tr("GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv)"))
            if not out:
                return None
        store = self.store_path

        def done(result, error) -> None:
            if error is not None:
                QMessageBox.warning(self, self.tr("Export layer"), str(error))
            else:
                self.statusBar().showMessage(self.tr("Exported %1 features and %2 links to %3")
                                             .replace("%1", str(result.features)).replace("%2", str(result.links))
                                             .replace("%3", str(result.path)), 10000)

        return self.edit_store(lambda _p: imported_layers.export_layer(store, name, Path(out), overwrite=True),
                               self.tr("Export layer"), self.tr("Exporting %1…").replace("%1", name), done, page=False)

    # -- links and replacements ---------------------------------------------------------------------
    def pick_link(self, kind: str) -> StoreJob | None:
        if self.selected is None:
            return None
        from desktop.link_picker import LinkPicker

        picker = LinkPicker(self.search_box.index, kind, self.directory.get(self.selected).feature.name, self)
        if not picker.exec() or picker.chosen() is None:
            return None
        return self.change_link(kind, picker.chosen(), "link")

    def change_link(self, kind: str, row_id: int, action: str) -> StoreJob | None:
        """Link (or unlink) the selected feature and a passage or target; the feature panel shows the result."""
        if self.selected is None:
            self.statusBar().showMessage(self.tr("Select a feature on the map first."), 6000)
            return None
        store, feature_id = self.store_path, self.selected
        change = user_data.link if action == "link" else user_data.unlink
        arguments = {"passage_id": row_id} if kind == "passage" else {"target_id": row_id}
        return self.edit_store(lambda _p: change(store, feature_id, **arguments), self.tr("Links"),
                               self.tr("Saving the link…"), page=False)

    def replace_selected(self, schematic_id: str | None = None) -> StoreJob | None:
        """Mark the selected imported feature as replacing a schematic one (offered best overlap first)."""
        if self.selected is None:
            return None
        if schematic_id is None:
            candidates = user_data.replacement_candidates(self.db, self.selected)
            if not candidates:
                QMessageBox.information(self, self.tr("Replace schematic feature"),
                                        self.tr("No schematic feature to replace."))
                return None
            labels = [f"{c.name} · {c.layer}" + (f" · {self.tr('overlap')} {c.overlap:.0%}" if c.overlap else "")
                      for c in candidates]
            label, ok = QInputDialog.getItem(self, self.tr("Replace schematic feature"),
                                             self.tr("The schematic feature this one replaces (it will be hidden "
                                                     "and its links move here):"), labels, 0, False)
            if not ok:
                return None
            schematic_id = candidates[labels.index(label)].feature_id
        store, imported_id = self.store_path, self.selected
        return self.edit_store(lambda _p: user_data.replace_schematic(store, imported_id, schematic_id),
                               self.tr("Replace schematic feature"), self.tr("Replacing…"))
