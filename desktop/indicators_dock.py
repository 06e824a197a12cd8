"""The 指标 dock: every target of every plan in one sortable, filterable table grouped by indicator, beside
pages that compare one indicator across plans, show one place across plans and colour the districts by an
indicator (desktop/indicator_pages.py). It shows what layers/indicator_table.py computes.

It asks the window for nothing: a row's passage and a choropleth leave as signals the window connects to
the plan reader and the map.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.indicator_pages import ChoroplethPage, ComparePage, PlacePage, page, refill
from desktop.messages import message_box
from geodata.indicators import linked_targets
from geodata.store import StoreError
from layers.choropleth import Choropleth, choropleth_choices, district_features
from layers.indicator_compare import Comparison, PlaceTable, short_title
from layers.indicator_table import (
    COLUMNS,
    IndicatorGroup,
    IndicatorRow,
    filter_rows,
    grouped,
    indicator_rows,
    number_text,
    write_table,
)
from layers.session import Session
from layers.target_rows import TARGET_KIND_LABELS

TABLE_FIELDS = ("indicator", "document_title", "level", "scope", "place", "category", "kind", "year", "value",
                "unit", "common_value", "common_unit", "binding")
TITLES = dict(COLUMNS)
NUMERIC_FIELDS = ("year", "common_value")
# Every item sets these roles on every column (PySide6 6.12 hands back an unset role as a None it does not own),
# and only numbers and text: ROW_ROLE is a row's index in shown_rows, or -1 - a group's index in shown_groups.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole


class SortItem(QTreeWidgetItem):
    """Sorts by SORT_ROLE (numbers as numbers, a blank year or value last) instead of by the shown text."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        column = max(self.treeWidget().sortColumn(), 0) if self.treeWidget() else 0
        mine, theirs = self.data(column, SORT_ROLE), other.data(column, SORT_ROLE)
        if isinstance(mine, (int, float)) and isinstance(theirs, (int, float)):
            return mine < theirs
        return str(mine) < str(theirs)


class IndicatorsPanel(QWidget):
    passage_requested = Signal(int)
    choropleth_changed = Signal(object)  # the page spec of layers.choropleth.page_spec, or None to clear

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.rows: list[IndicatorRow] = []
        self.shown_rows: list[IndicatorRow] = []
        self.shown_groups: list[IndicatorGroup] = []
        self.stale = True
        self.compare_page = ComparePage(session)
        self.place_page = PlacePage(session)
        self.map_page = ChoroplethPage(session)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._targets_tab(), self.tr("All targets"))
        self.tabs.addTab(self.compare_page, self.tr("Compare"))
        self.tabs.addTab(self.place_page, self.tr("Place across plans"))
        self.tabs.addTab(self.map_page, self.tr("Map"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.tabs)
        for source in (self.compare_page, self.place_page):
            source.passage_requested.connect(self.passage_requested)
        self.map_page.choropleth_changed.connect(self.choropleth_changed)
        session.events.store.connect(self._store_changed)

    @property
    def map_spec(self) -> dict | None:
        """The choropleth on the map now, for a map page loaded again."""
        return self.map_page.map_spec

    def _targets_tab(self) -> QWidget:
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter: indicator, place, document…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.level_box = self._combo([self.tr("All levels"), "市级", "区级"])
        self.kind_box = self._combo([self.tr("All kinds"), *TARGET_KIND_LABELS.values()])
        self.category_box = self._combo([self.tr("All categories")])
        self.linked_box = QCheckBox(self.tr("Catalogue indicators only"))
        self.compare_button = QPushButton(self.tr("Compare"))
        self.compare_button.setToolTip(self.tr("Compare the selected indicator across plans"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.count_label = QLabel()
        bar = QHBoxLayout()
        for widget in (self.filter_edit, self.level_box, self.kind_box, self.category_box, self.linked_box,
                       self.compare_button, self.export_button, self.count_label):
            bar.addWidget(widget)
        bar.setStretch(0, 1)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(TABLE_FIELDS))
        self.tree.setHeaderLabels([TITLES[field] for field in TABLE_FIELDS])
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # groups in catalogue order (their sort key)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((230, 200, 50, 70, 90, 80, 50, 50, 90, 70, 100, 70, 80)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemActivated.connect(self._on_activated)
        self.filter_edit.textChanged.connect(self.show_rows)
        for box in (self.level_box, self.kind_box, self.category_box):
            box.currentIndexChanged.connect(self.show_rows)
        self.linked_box.toggled.connect(self.show_rows)
        self.compare_button.clicked.connect(self.compare_selected)
        self.export_button.clicked.connect(lambda: self.export_rows())
        return page(bar, self.tree)

    @staticmethod
    def _combo(items: list[str]) -> QComboBox:
        box = QComboBox()
        box.addItems(items)
        return box

    # -- reading the store ----------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self.stale:
            self.reload()

    def _store_changed(self) -> None:
        """The store was reopened after an edit (an added plan brings new targets): read it again when shown."""
        self.stale = True
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        db = self.session.db
        if db is None:
            return
        self.stale = False
        self.rows = indicator_rows(db)
        refill(self.category_box, [self.category_box.itemText(0),
                                   *sorted({row.category for row in self.rows if row.category})])
        groups = grouped(self.rows)
        self.compare_page.set_indicators(
            [g.name for g in groups if any(row.common_value is not None for row in g.rows)], [g.name for g in groups])
        districts = [name for _, name in district_features(db)]
        self.place_page.set_places(list(dict.fromkeys([*districts, *(row.place for row in self.rows if row.place)])))
        self.map_page.set_choices(choropleth_choices(linked_targets(db), set(districts)))
        self.show_rows()

    # -- the other pages ------------------------------------------------------------------------------
    def show_comparison(self, name: str) -> Comparison | None:
        self.tabs.setCurrentWidget(self.compare_page)
        return self.compare_page.show_comparison(name)

    def show_place(self, place: str) -> PlaceTable | None:
        self.tabs.setCurrentWidget(self.place_page)
        return self.place_page.show_place(place)

    def show_choropleth(self, index: int) -> Choropleth | None:
        self.tabs.setCurrentWidget(self.map_page)
        return self.map_page.show_choropleth(index)

    # -- all targets ----------------------------------------------------------------------------------
    def show_rows(self) -> None:
        """The rows that pass the filters, grouped by indicator under one tree item each."""
        level = self.level_box.currentText() if self.level_box.currentIndex() > 0 else ""
        kind = self.kind_box.currentText() if self.kind_box.currentIndex() > 0 else ""
        category = self.category_box.currentText() if self.category_box.currentIndex() > 0 else ""
        self.shown_rows = filter_rows(self.rows, self.filter_edit.text(), level=level, kind=kind, category=category,
                                      linked_only=self.linked_box.isChecked())
        self.tree.setUpdatesEnabled(False)
        self.tree.setSortingEnabled(False)
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        groups = self.shown_groups = grouped(self.shown_rows)
        index = {id(row): position for position, row in enumerate(self.shown_rows)}
        for position, group in enumerate(groups):
            top = SortItem(self.tree, [f"{group.name}（{len(group.rows)}）"])
            top.setText(TABLE_FIELDS.index("common_unit"), group.unit)
            top.setData(0, ROW_ROLE, -1 - position)
            for column in range(len(TABLE_FIELDS)):
                top.setData(column, SORT_ROLE, position if column == 0 else top.text(column))
            top.setFont(0, bold)
            if not group.linked:
                top.setToolTip(0, self.tr("Not in the indicator catalogue: grouped by its normalised name"))
            for row in group.rows:
                self._target_item(top, row, index[id(row)])
        self.tree.setSortingEnabled(True)
        self.tree.setUpdatesEnabled(True)
        if len(self.shown_rows) <= 80:
            self.tree.expandAll()
        self.count_label.setText(self.tr("%1 targets, %2 indicators").replace("%1", str(len(self.shown_rows)))
                                 .replace("%2", str(len(groups))))

    def _target_item(self, parent: QTreeWidgetItem, row: IndicatorRow, position: int) -> SortItem:
        texts = []
        for field in TABLE_FIELDS:
            value = getattr(row, field)
            texts.append(row.written_indicator if field == "indicator" else
                         short_title(value) if field == "document_title" else
                         number_text(value) if field == "common_value" and value is not None else
                         "" if value is None else str(value))
        item = SortItem(parent, texts)
        item.setData(0, ROW_ROLE, position)
        for column, field in enumerate(TABLE_FIELDS):
            value = getattr(row, field)
            item.setData(column, SORT_ROLE, value if field in NUMERIC_FIELDS and value is not None else
                         (float("inf") if field in NUMERIC_FIELDS else texts[column]))
        if row.not_stated:
            item.setForeground(TABLE_FIELDS.index("value"), Qt.GlobalColor.gray)
        item.setToolTip(0, f"{row.written_indicator}\n{row.document_title} › {row.section_path}")
        item.setToolTip(1, row.document_title)
        return item

    def row_of(self, item: QTreeWidgetItem) -> IndicatorRow | IndicatorGroup:
        """The target row a tree item shows, or the group of a group item."""
        position = item.data(0, ROW_ROLE)
        return self.shown_rows[position] if position >= 0 else self.shown_groups[-1 - position]

    def _on_activated(self, item: QTreeWidgetItem) -> None:
        row = self.row_of(item)
        if isinstance(row, IndicatorGroup):
            self.show_comparison(row.name)
        elif row.passage_id is not None:
            self.passage_requested.emit(row.passage_id)

    def selected_group(self) -> str | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        row = self.row_of(item)
        return row.name if isinstance(row, IndicatorGroup) else row.indicator

    def compare_selected(self) -> None:
        name = self.selected_group()
        if name:
            self.show_comparison(name)

    def export_rows(self, path: str | Path | None = None) -> Path | None:
        """The rows shown now, with their sources, to a CSV or XLSX file (asked for when `path` is None)."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export targets"), "targets.xlsx",
                                                  self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"))
            if not path:
                return None
        try:
            return write_table(self.shown_rows, path, overwrite=True)
        except (StoreError, OSError) as error:  # a wrong ending, a folder one may not write in, a full disk
            self.error_box = message_box(self, self.tr("Export targets"), error)
            return None
