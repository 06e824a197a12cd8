"""The main window: the map in the centre, docks for layers, feature, plan reader and search.

The window's state is a layers.session.Session; the map, the panels and the dialogs change it and observe
it. Selection travels one hop each way: the map (or the reader, or search) names a feature id, the session
selects it, and the window asks layers/ for the feature sheet and hands it to the panel while the map and the
reader highlight it. Edits of the store are desktop/store_edits.py, the basemap menu desktop/basemap_menu.py.

The store is a GeoPackage or a team database (文件 → 连接数据库…, desktop/team_store.py): the title and the status
bar name a database store (URL without password) and say 只读 when this login may not edit; then every edit
action is disabled with the reason. A connection lost mid-session is told in the status bar and a 重试 box.
"""

from __future__ import annotations

import json
from contextlib import suppress
from pathlib import Path

import platformdirs
from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.basemap_menu import BasemapMenu
from desktop.feature_panel import FeaturePanel
from desktop.import_dialog import ImportRun, choose_import_file
from desktop.indicators_dock import IndicatorsPanel
from desktop.jobs import STORE, Job
from desktop.layer_panel import LayerPanel
from desktop.legend_panel import add_legend_dock
from desktop.map_view import MapView, dropped_files
from desktop.messages import details_text, message_box, user_message
from desktop.plan_reader import PlanReader
from desktop.search_box import SearchBox
from desktop.settings_dialog import SettingsDialog, default_settings
from desktop.store_edits import MANAGE, StoreEdits
from desktop.store_recovery import choose_store_file, rebuild_in_place, rebuilt_text
from desktop.team_store import (
    LAST_DATABASE_KEY,
    ConnectDialog,
    PreparedStore,
    StoreOpening,
    lost_connection,
    refusals,
    retry_box,
    store_title,
)
from geodata import user_data
from geodata.edit_history import Permissions, feature_version, history_of, store_permissions
from geodata.imports.sources import importable_files
from geodata.spatial.coordinates import cursor_position, scale_text
from geodata.store import APP_NAME, default_store_path
from geodata.store_address import StoreAddress, is_postgres
from layers.basemaps import BasemapChoice, basemap_choice
from layers.feature_sheet import feature_sheet
from layers.page import MapPage, cached_page
from layers.search_results import SearchIndex
from layers.session import Selection, Session, export_context

SETTINGS_VERSION = 1
DOCK_LAYOUT_VERSION = 2  # 2: the plan reader beside the feature panel, so the map has most of the window
SIDE_WIDTHS = (300, 350)  # the layer and search column, the feature and reader column, in pixels
MAP_FOCUS_STYLE = "#mapFrame{border:2px solid %s;}"
MAP_FOCUS_COLOUR = "#1f6fd1"


def default_page_cache() -> Path:
    return platformdirs.user_cache_path(APP_NAME, appauthor=False) / "map-page"


class MainWindow(QMainWindow):
    def __init__(self, store_path: StoreAddress, settings: QSettings | None = None, page_cache: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or default_settings()
        self.session = Session(store_path)
        self.session.open_store()
        self.page_cache = page_cache or default_page_cache()
        self.edits = StoreEdits(self)
        self.import_run: ImportRun | None = None
        self.opening: StoreOpening | None = None  # a store being opened (连接数据库…) or reconnected
        self.connection_box = None  # the 重试 box of a lost connection, while it is up
        self.permissions_job: Job | None = None
        self.permission_detail = ""  # geodata's own reason why this login may not edit, for the store label
        self._reloading = False
        self.resize(1400, 900)

        self.map = MapView(self.session, self)
        self.map.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # in the Tab order: Leaflet pans with the arrow keys
        self.setCentralWidget(self._map_frame(self.map))
        self.layer_panel = LayerPanel(self.session)
        self.feature_panel = FeaturePanel()
        self.reader = PlanReader(self.session.db)
        self.search_box = SearchBox(SearchIndex(self.session.db))
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.layers_dock = self._dock("layers", self.tr("Layers"), self.layer_panel, left)
        self.search_dock = self._dock("search", self.tr("Search"), self.search_box, left)
        self.feature_dock = self._dock("feature", self.tr("Feature"), self.feature_panel, right)
        self.reader_dock = self._dock("reader", self.tr("Plan reader"), self.reader, right)
        self.tabifyDockWidget(self.feature_dock, self.reader_dock)
        self.feature_dock.raise_()
        self.hidden_side: list[QDockWidget] = []  # the right column's docks the panel toggle hid
        self.indicators = IndicatorsPanel(self.session)
        self.indicators_dock = self._dock("indicators", self.tr("Indicators"), self.indicators,
                                          Qt.DockWidgetArea.BottomDockWidgetArea)
        self.indicators_dock.hide()  # opened from 视图 → 指标 or the toolbar

        self.cursor_label = QLabel()
        self.scale_label = QLabel()
        self.network_label = QLabel()
        self.store_label = QLabel()  # 团队库 <URL> · 只读
        for label in (self.cursor_label, self.scale_label, self.network_label, self.store_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.cursor_label, 1)
        self.statusBar().addPermanentWidget(self.store_label)
        self.statusBar().addPermanentWidget(self.scale_label)
        self.statusBar().addPermanentWidget(self.network_label)
        self.legend_dock = add_legend_dock(self, self.session, below=self.layers_dock)  # 图例 under 图层
        self._build_menus()
        self._connect()

        page = cached_page(self.session.db, self.session.store_path, self.page_cache)
        self.session.remember_layers(self._remembered("layers"))
        self._show_layers(page)
        self.setAcceptDrops(True)
        self._default_dock_sizes()
        self.restore_settings()
        self.map.load_page(page)
        self._show_network_state(self.session.basemap)
        self._show_store()
        self.check_permissions()

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

    def _default_dock_sizes(self) -> None:
        """The side columns narrow enough for the map to have most of the window (the layer panel asks for the
        height of its rows, search takes the rest of its column)."""
        self.resizeDocks([self.layers_dock, self.feature_dock], list(SIDE_WIDTHS), Qt.Orientation.Horizontal)

    def _map_frame(self, view: QWidget) -> QFrame:
        """The map in a thin frame that turns blue while the map has the keyboard (Tab reaches it; then the arrow
        keys pan and +/- zoom): the page's own focus ring would be drawn outside the view."""
        self.map_frame = QFrame()
        self.map_frame.setObjectName("mapFrame")
        layout = QVBoxLayout(self.map_frame)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(view)
        self._show_map_focus(False)
        QApplication.instance().focusChanged.connect(self._on_focus_changed)
        return self.map_frame

    def _show_map_focus(self, focused: bool) -> None:
        self.map_has_focus = focused
        self.map_frame.setStyleSheet(MAP_FOCUS_STYLE % (MAP_FOCUS_COLOUR if focused else "transparent"))

    def _on_focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        focused = now is not None and (now is self.map or self.map.isAncestorOf(now))
        if focused != self.map_has_focus:
            self._show_map_focus(focused)

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
        self.file_menu.addSeparator()
        self.rebuild_action = rebuild = QAction(self.tr("Rebuild map data…"), self)
        rebuild.triggered.connect(lambda: self.rebuild_store())
        settings = QAction(self.tr("Settings…"), self)
        settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        settings.triggered.connect(lambda: self.open_settings())
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.connect_action = QAction(self.tr("Connect to a database…"), self)  # the store: which one, rebuilt
        self.connect_action.setToolTip(self.tr("Open a team store on a PostgreSQL server in this window"))
        self.connect_action.triggered.connect(lambda: self.open_database())
        self.open_file_action = QAction(self.tr("Open map data file…"), self)
        self.open_file_action.setToolTip(self.tr("Open a GeoPackage map data file in this window (e.g. this "
                                                 "computer's own after a team store)"))
        self.open_file_action.triggered.connect(lambda: self.open_store_file())
        self.file_menu.addActions([self.connect_action, self.open_file_action, rebuild, settings])
        self.file_menu.addSeparator()
        self.file_menu.addAction(quit_action)
        view = self.menuBar().addMenu(self.tr("&View"))
        self.panel_action = QAction(self.tr("Feature panel"), self)
        self.panel_action.setCheckable(True)
        self.panel_action.setChecked(True)
        self.panel_action.setShortcut(QKeySequence("F4"))
        self.panel_action.setToolTip(self.tr("Show or hide the feature panel and the plan reader (F4), so the map "
                                             "can take the window"))
        self.panel_action.toggled.connect(self.set_side_panel_shown)
        view.addAction(self.panel_action)
        view.addSeparator()
        for dock in (self.layers_dock, self.search_dock, self.feature_dock, self.reader_dock):
            view.addAction(dock.toggleViewAction())
            dock.visibilityChanged.connect(self._sync_panel_action)
        find = QAction(self.tr("Find…"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.focus_search)
        self.clear_action = QAction(self.tr("Clear search and selection"), self)
        self.clear_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.clear_action.triggered.connect(self.clear_search_and_selection)
        view.addSeparator()
        view.addActions([find, self.clear_action])
        indicators = self.indicators_dock.toggleViewAction()
        indicators.setShortcut(QKeySequence("Ctrl+I"))
        indicators.setToolTip(self.tr("Every target of every plan: compare, chart and map an indicator (Ctrl+I)"))
        view.addAction(indicators)
        # The panel toggles sit at the menu bar's end rather than on a toolbar row of their own: the map keeps
        # that height.
        self.toolbar = QToolBar(self.tr("Toolbar"))
        self.toolbar.setObjectName("toolbar")
        self.toolbar.setIconSize(QSize(16, 16))
        self.toolbar.addAction(indicators)
        self.toolbar.addAction(self.panel_action)
        self.panel_button = self.toolbar.widgetForAction(self.panel_action)
        self.menuBar().setCornerWidget(self.toolbar, Qt.Corner.TopRightCorner)
        self.basemap_menu = BasemapMenu(self.session, self, self._remembered_basemap)

    def _connect(self) -> None:
        self.map.features_clicked.connect(self.on_features_clicked)
        self.map.cursor_moved.connect(self.on_cursor_moved)
        self.map.scale_changed.connect(lambda mpp: self.scale_label.setText(self.tr("Scale %1").replace(
            "%1", scale_text(mpp))))
        self.map.ready.connect(self._on_map_ready)
        self.map.files_dropped.connect(self.import_files)
        self.map.feature_tiles.failed.connect(lambda message: self.statusBar().showMessage(message, 15000))
        self.layer_panel.zoom_requested.connect(self.map.zoom_to_layer)
        self.layer_panel.style_requested.connect(lambda name: self.edits.style_layer(name))
        self.layer_panel.rename_requested.connect(lambda name: self.edits.rename_layer(name))
        self.layer_panel.remove_requested.connect(lambda name: self.edits.remove_layer(name))
        self.layer_panel.export_requested.connect(lambda name: self.edits.export_layer(name))
        self.feature_panel.passage_requested.connect(self.open_passage)
        self.feature_panel.figure_requested.connect(self.open_figure)
        self.feature_panel.feature_chosen.connect(
            lambda fid: self.select_feature(fid, zoom=False, here=self.session.selection.here))
        self.feature_panel.link_requested.connect(lambda kind: self.edits.pick_link(kind))
        self.feature_panel.unlink_requested.connect(lambda kind, row: self.edits.change_link(kind, row, "unlink"))
        self.feature_panel.replace_requested.connect(lambda: self.edits.replace_selected())
        self.reader.feature_link_clicked.connect(lambda fid: self.select_feature(fid, zoom=True))
        self.reader.group_link_clicked.connect(self.select_group)
        self.reader.link_requested.connect(lambda passage_id: self.edits.change_link("passage", passage_id, "link"))
        self.search_box.feature_chosen.connect(lambda fid: self.select_feature(fid, zoom=True))
        self.search_box.group_chosen.connect(self.select_group)
        self.search_box.passage_chosen.connect(self.open_passage)
        self.search_box.link_requested.connect(lambda kind, row: self.edits.change_link(kind, row, "link"))
        self.session.events.selection.connect(self._show_selection)
        self.session.events.store.connect(self._read_store)
        self.session.events.basemap.connect(self._show_network_state)
        self.session.events.permissions.connect(self._show_permissions)
        self.indicators.passage_requested.connect(self.open_passage)
        self.indicators.choropleth_changed.connect(self.show_choropleth)
        self.map.ready.connect(lambda: self.indicators.map_spec and self.show_choropleth(self.indicators.map_spec))

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

    def open_settings(self) -> SettingsDialog:
        """设置…: the language, from the next start (the dialog says so; so does the status bar once chosen)."""
        self.settings_dialog = SettingsDialog(self.settings, self)
        self.settings_dialog.accepted.connect(self._settings_chosen)
        self.settings_dialog.open()
        return self.settings_dialog

    def _settings_chosen(self) -> None:
        if self.settings_dialog.language_changed():
            self.statusBar().showMessage(self.tr("The new language shows after the program is restarted."), 15000)

    def rebuild_store(self, confirm: bool = True) -> Job | None:
        """文件 → 重建地图数据…: the store made again from the plans, keeping what the user added; the previous
        file is copied aside first."""
        title = self.tr("Rebuild map data")
        refusal = self.session.manage_refusal
        if refusal is not None:
            self.statusBar().showMessage(refusal, 15000)
            return None
        if confirm:
            answer = QMessageBox.question(
                self, title, self.tr("Make the map data again from the plans? The plans you added, your imported "
                                     "layers and links are kept; the current file is kept as a copy beside it."))
            if answer != QMessageBox.StandardButton.Yes:
                return None
        store = self.session.store_path

        def done(result, error) -> None:
            if error is not None:
                self.rebuild_box = message_box(self, title, error, heading=self.tr("The map data was not rebuilt."))
            else:
                self.rebuild_box = message_box(self, title, rebuilt_text(result), icon=QMessageBox.Icon.Information)

        return self.edits.run(lambda _progress: rebuild_in_place(store), title,
                              self.tr("Rebuilding the map data from the plans…"), done, needs=MANAGE)

    # -- selection ----------------------------------------------------------------------------------
    def on_features_clicked(self, ids: list) -> None:
        """A click on the map: the most specific feature under it is selected and the rest offered in 此处要素,
        in the store's order; a click on empty map clears the selection."""
        if self.session.db is None:
            return  # the store is being edited
        ids = [i for i in ids if self.session.directory.get(i) is not None]
        if ids:
            self.select_feature(ids[0], zoom=False, here=ids)
        elif self.session.selection.feature_id is not None:
            self.session.clear_selection()

    def select_feature(self, feature_id: str, zoom: bool = True, here: list[str] | tuple[str, ...] | None = None
                       ) -> bool:
        """Select a feature through the session (`here`: the features under the click, to pick from), and
        zoom the map to it when `zoom`."""
        if not self.session.select(feature_id, here or ()):
            return False
        if zoom:
            self.map.select_feature(feature_id, zoom=True)
        return True

    def select_group(self, name: str, feature_ids: list) -> bool:
        """Select every member of a group the plans name as one (一轴一带三组团) and frame them all on the map."""
        if not self.session.select_group(name, feature_ids):
            return False
        self.map.select_features(list(self.session.selection.here), zoom=True)
        return True

    def _show_selection(self, selection: Selection) -> None:
        feature_id, directory, db = selection.feature_id, self.session.directory, self.session.db
        self.search_box.selected_feature = feature_id
        self.reader.highlight_feature(feature_id)
        if feature_id is None:
            self.feature_panel.clear()
            return
        try:
            sheet = feature_sheet(db, feature_id, directory)
            history, version = history_of(db, feature_id), feature_version(db, feature_id)
        except Exception as error:  # noqa: BLE001 - a lost connection is told; anything else is re-raised
            if not lost_connection(error):
                raise
            self.connection_lost(error)
            return
        names = [(fid, directory.get(fid).feature.name) for fid in selection.here]
        imported = directory.get(feature_id).feature.layer not in user_data.BUILTIN_LAYERS
        self.feature_panel.show_sheet(sheet, names, imported=imported, group=selection.group, history=history,
                                      version=version)
        if self.panel_action.isChecked():
            self.feature_dock.show()
            self.feature_dock.raise_()
        else:  # the user folded the panel away to see the map: say what is selected, leave it folded
            self.statusBar().showMessage(self.tr("Selected: %1 (F4 shows the feature panel)")
                                         .replace("%1", sheet.name), 10000)

    def show_choropleth(self, spec: dict | None) -> None:
        """The 指标 dock's choropleth on the map, its layer switched on (None clears it); a new page gets it again."""
        if spec is not None:
            self.session.set_visible(spec["layer"], True)
        self.map.call("setChoropleth", spec)

    def open_passage(self, passage_id: int) -> None:
        self.reader.open_passage(passage_id)
        self.panel_action.setChecked(True)
        self.reader_dock.show()
        self.reader_dock.raise_()

    def open_figure(self, target) -> None:
        """A target clicked in the feature panel: its passage in the reader, with the figure highlighted."""
        self.open_passage(target.passage_id)
        self.reader.open_figure(target)

    def focus_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_box.edit.setFocus()
        self.search_box.edit.selectAll()

    def clear_search_and_selection(self) -> None:
        """Esc: empty the search box and select nothing."""
        self.search_box.edit.clear()
        self.session.clear_selection()

    # -- the side panel -----------------------------------------------------------------------------
    def side_docks(self) -> list[QDockWidget]:
        """The docks in the right column with the feature panel (the plan reader, unless moved elsewhere)."""
        return [dock for dock in (self.feature_dock, self.reader_dock)
                if not dock.isFloating() and self.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea]

    def set_side_panel_shown(self, shown: bool) -> None:
        """Fold the feature panel (and the plan reader beside it) away so the map takes the window, or bring
        them back as they were."""
        if shown:
            docks, self.hidden_side = self.hidden_side or [self.feature_dock], []
            for dock in docks:
                dock.show()
        else:
            self.hidden_side = [dock for dock in self.side_docks() if not dock.isHidden()]
            for dock in self.hidden_side:
                dock.hide()
        if self.panel_action.isChecked() != shown:
            self.panel_action.setChecked(shown)

    def _sync_panel_action(self) -> None:
        """A dock shown or closed on its own: the toggle says whether any of the column is shown."""
        shown = any(not dock.isHidden() for dock in self.side_docks())
        if shown != self.panel_action.isChecked():
            self.panel_action.blockSignals(True)
            self.panel_action.setChecked(shown)
            self.panel_action.blockSignals(False)
            if shown:
                self.hidden_side = []

    def on_cursor_moved(self, lon: float, lat: float) -> None:
        self.cursor_label.setText(cursor_position(lon, lat).text())

    def _show_network_state(self, basemap: BasemapChoice) -> None:
        if basemap.online:
            self.network_label.setText(self.tr("Online basemap: downloading tiles from the internet"))
            self.network_label.setStyleSheet("color:#b03a2e;font-weight:bold;")
        else:
            self.network_label.setText(self.tr("Offline"))
            self.network_label.setStyleSheet("color:#1e8449;")

    # -- which store, and what this user may do with it ------------------------------------------------
    def _show_store(self) -> None:
        """The title and the status bar name a team store by its URL (never its password) and say 只读 when this
        login may not edit; a GeoPackage keeps the plain title."""
        store, refusal = self.session.store_path, self.session.edit_refusal
        title = self.tr("Shenzhen plan map")
        read_only = self.tr("read-only")
        if is_postgres(store):
            title += f" — {store_title(store)}"
            text = store_title(store) + (f" · {read_only}" if refusal else "")
        else:
            text = read_only if refusal else ""
        self.setWindowTitle(title + (f" ({read_only})" if refusal else ""))
        self.store_label.setText(text)
        self.store_label.setToolTip(f"{refusal}\n{details_text(self.permission_detail)}" if refusal else "")
        self.store_label.setStyleSheet("color:#8a6d3b;font-weight:bold;" if refusal else "color:#1f4e79;")
        self.store_label.setVisible(bool(text))

    def check_permissions(self) -> Job:
        """Ask the store what this login may do (a database round trip: off the GUI thread); the edit actions
        follow the answer."""
        store = self.session.store_path
        self.permissions_job = Job(lambda: store_permissions(store))
        self.permissions_job.ended.connect(lambda job=self.permissions_job: self._permissions_known(store, job))
        return self.permissions_job.start(STORE)

    def _permissions_known(self, store: StoreAddress, job: Job) -> None:
        if store != self.session.store_path:
            return  # another store was opened meanwhile
        if job.error is None:
            self.apply_permissions(store, job.result)
        elif lost_connection(job.error):
            self.connection_lost(job.error)
        else:
            self.statusBar().showMessage(user_message(job.error), 15000)

    def apply_permissions(self, store: StoreAddress, permissions: Permissions) -> None:
        """What this login may do, for the session (in the window's language) and, as geodata words it, for the
        store label's tooltip: an administrator reads there which right is missing."""
        self.permission_detail = permissions.reason or permissions.manage_reason
        self.session.set_permissions(*refusals(store, permissions))
        self._show_store()

    def _show_permissions(self, refusal: str | None, manage_refusal: str | None) -> None:
        """Every edit action enabled, or disabled with the reason as its tooltip (and in the status bar): linking
        follows `refusal`, importing and rebuilding `manage_refusal` (the layer panel asks the session)."""
        for action, reason in ((self.import_action, manage_refusal), (self.rebuild_action, manage_refusal)):
            action.setEnabled(reason is None)
            action.setToolTip(reason or "")
            action.setStatusTip(reason or "")
        self.file_menu.setToolTipsVisible(True)
        self.feature_panel.set_edit_refusal(refusal)
        self.reader.edit_refusal = refusal
        self.search_box.edit_refusal = refusal
        self._show_store()
        if refusal is not None:
            self.statusBar().showMessage(refusal, 15000)

    def open_database(self, url: str | None = None) -> StoreOpening | None:
        """文件 → 连接数据库…: a PostgreSQL URL (asked for when `url` is None), tried off the GUI thread, then
        opened in this window."""
        if url is None:
            dialog = ConnectDialog(str(self.settings.value(LAST_DATABASE_KEY, "") or ""), self)
            if not dialog.exec():
                return None
            address = dialog.address()
        else:
            from geodata.store_address import store_address

            address = store_address(url)
        return self.open_store_at(address)

    def open_store_file(self) -> StoreOpening | None:
        """文件 → 打开地图数据文件…: a GeoPackage, opened in this window as a database is."""
        folder = default_store_path().parent
        path = choose_store_file(self, folder)
        return self.open_store_at(path) if path is not None else None

    def open_store_at(self, store: StoreAddress) -> StoreOpening | None:
        """Open another store in this window: reached, its page written and its permissions asked in a Job
        (重试 / 取消 when it cannot be reached); the current store stays open until then."""
        if self.busy():
            self.statusBar().showMessage(self.tr("Another change to the store is still running."), 5000)
            return None
        self.opening = StoreOpening(store, self.page_cache, self,
                                    heading=self.tr("The store could not be opened."))
        self.opening.opened.connect(self._swap_store)
        return self.opening.start()

    def _swap_store(self, prepared: PreparedStore) -> None:
        """The prepared store takes the place of the current one: its page, its layers, its permissions."""
        if self.edits.stopped:
            return  # the window closed while the store was being reached
        before = self.session.store_path
        self.session.set_busy(True)
        try:
            self.session.open_store(prepared.store)
        except Exception as error:  # noqa: BLE001 - the previous store is reopened, the failure told
            self.session.open_store(before)
            self.session.set_busy(False)
            self.error_box = retry_box(self, prepared.store, error, self.tr("The store could not be opened."))
            self.error_box.finished.connect(lambda _r, box=self.error_box: box.clickedButton() is box.retry
                                            and self.open_store_at(prepared.store))
            self.error_box.open()
            return
        self.apply_permissions(prepared.store, prepared.permissions)
        self.reload_page(prepared.page)
        self.remember_store()
        self.session.refresh_selection()
        self.statusBar().showMessage(self.tr("Opened %1").replace("%1", str(prepared.store)), 8000)

    def remember_store(self) -> None:
        """The last database store is remembered for 连接数据库… without its password."""
        store = self.session.store_path
        if is_postgres(store):
            self.settings.setValue(LAST_DATABASE_KEY, store.shown)

    def connection_lost(self, error: BaseException) -> None:
        """The team store's server went away (restart, network): said in the status bar, with a 重试 box (one at
        a time); nothing is retried behind the user's back."""
        self.store_label.setText(self.tr("Team store: connection lost"))
        self.store_label.setStyleSheet("color:#a93226;font-weight:bold;")
        self.store_label.show()
        self.statusBar().showMessage(self.tr("The connection to the team store was lost; nothing was half-saved. "
                                             "Choose Retry once the server is back."))
        if self.connection_box is not None and self.connection_box.isVisible():
            return
        self.connection_box = retry_box(self, self.session.store_path, error,
                                        self.tr("The team store could not be read."))
        self.connection_box.finished.connect(self._connection_answered)
        self.connection_box.open()

    def _connection_answered(self, _result: int) -> None:
        if self.connection_box.clickedButton() is self.connection_box.retry:
            self.reconnect()

    def reconnect(self) -> StoreOpening:
        """Reach the store again off the GUI thread, then reopen it: the panels read it again."""
        self.opening = StoreOpening(self.session.store_path, None, self,
                                    heading=self.tr("The team store still cannot be reached."))
        self.opening.opened.connect(self._reconnected)
        return self.opening.start()

    def _reconnected(self, prepared: PreparedStore) -> None:
        if self.edits.stopped:
            return  # the window closed meanwhile
        try:
            self.session.open_store()
        except Exception as error:  # noqa: BLE001 - a lost connection is told; anything else is re-raised
            if not lost_connection(error):
                raise
            self.connection_lost(error)
            return
        self.apply_permissions(prepared.store, prepared.permissions)
        self.session.refresh_selection()
        self.statusBar().showMessage(self.tr("Connected to the team store again."), 8000)

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
        proxy = self.map.focusProxy()
        if proxy is not None:  # the page's widget, made with the page: after the search results in the Tab order
            QWidget.setTabOrder(self.search_box.results, proxy)
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
    def _remembered(self, key: str) -> dict:
        """A remembered JSON object (the basemap, the layers' on/off and opacity); {} when there is none."""
        if int(self.settings.value("version", 0) or 0) != SETTINGS_VERSION:
            return {}
        try:
            value = json.loads(str(self.settings.value(key, "{}")))
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def _remembered_basemap(self) -> dict:
        return self._remembered("basemap")

    def restore_settings(self) -> None:
        if int(self.settings.value("version", 0) or 0) != SETTINGS_VERSION:
            return
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("window_state")
        if isinstance(state, QByteArray):
            self.restoreState(state, DOCK_LAYOUT_VERSION)
        self._sync_panel_action()

    def save_settings(self) -> None:
        self.settings.setValue("version", SETTINGS_VERSION)
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState(DOCK_LAYOUT_VERSION))
        self.settings.setValue("layers", json.dumps(self.session.layer_memory(), ensure_ascii=False))
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
        if self.edits.refused(MANAGE):
            return None
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
