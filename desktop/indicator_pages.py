"""The 指标 dock's pages beside its table: one indicator compared across plans (with its chart), one place
across plans, and the district choropleth. Each shows what layers/ computes and says what the user asked for
through a signal (a passage to open, a choropleth to draw); charts and prints render on the render thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.jobs import show_error, start_job
from layers.choropleth import Choropleth, ChoroplethChoice, choropleth, export_choropleth, page_spec
from layers.indicator_compare import (
    Comparison,
    PlaceTable,
    UnknownIndicator,
    chart_png,
    compare,
    place_across_plans,
    short_title,
)
from layers.session import Session
from layers.target_rows import NOT_STATED

# Only numbers and text go into item roles: a Python object kept in one is dropped one reference short when
# the item goes (PySide6 6.12). In these tables ROW_ROLE holds the passage id to open, or NO_PASSAGE.
ROW_ROLE = Qt.ItemDataRole.UserRole
NO_PASSAGE = -1
COMPARE_HEADERS = ("文件", "层级", "区/范围", "年份", "类型", "统一单位数值", "原文数值", "原文指标", "约束性/预期性")


def page(bar: QHBoxLayout, body: QWidget) -> QWidget:
    """A tab's page: its bar of controls over its body."""
    widget = QWidget()
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addLayout(bar)
    layout.addWidget(body, 1)
    return widget


def read_only_table(headers: tuple[str, ...] | list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def refill(box: QComboBox, items: list[str]) -> None:
    """New items, keeping the chosen one when it is still there, without signalling a change."""
    current = box.currentText()
    box.blockSignals(True)
    box.clear()
    box.addItems(items)
    box.setCurrentIndex(max(0, box.findText(current)))
    box.blockSignals(False)


def passage_item(text: str, passage_id: int | None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setData(ROW_ROLE, NO_PASSAGE if passage_id is None else passage_id)
    if text == NOT_STATED:
        item.setForeground(Qt.GlobalColor.gray)
    return item


def editable_combo(width: int) -> QComboBox:
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.setMinimumContentsLength(width)
    return box


class ComparePage(QWidget):
    """对比: one indicator's figures in every plan in its common unit, a chart, and where districts differ."""

    passage_requested = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.comparison: Comparison | None = None
        self.indicator_box = editable_combo(24)
        self.indicator_box.activated.connect(lambda: self.show_comparison(self.indicator_box.currentText()))
        self.unit_label = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Indicator")))
        bar.addWidget(self.indicator_box, 1)
        bar.addWidget(self.unit_label, 2)
        self.chart = QLabel()
        self.chart.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart.setMinimumSize(420, 260)
        self.flags_label = QLabel()
        self.flags_label.setTextFormat(Qt.TextFormat.PlainText)
        self.flags_label.setWordWrap(True)
        self.flags_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.table = read_only_table(COMPARE_HEADERS)
        self.table.itemActivated.connect(self._on_activated)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.chart, 3)
        column.addWidget(self.flags_label, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.table)
        splitter.setSizes([560, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page(bar, splitter))

    def set_indicators(self, with_values: list[str], every: list[str]) -> None:
        """The indicators to choose from (those with a convertible figure); typing completes any of `every`."""
        refill(self.indicator_box, with_values)
        completer = QCompleter(every, self.indicator_box)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.indicator_box.setCompleter(completer)

    def show_comparison(self, name: str) -> Comparison | None:
        """One indicator across plans: its chart, the differences from the city, every figure side by side."""
        if self.session.db is None or not name.strip():
            return None
        try:
            c = self.comparison = compare(self.session.db, name)
        except UnknownIndicator as unknown:
            self.unit_label.setText(self.tr("No target measures %1.").replace("%1", name))
            self.unit_label.setToolTip("、".join(unknown.similar))
            return None
        self.indicator_box.setCurrentText(c.indicator)
        self.unit_label.setText(self.tr("Common unit: %1 · %2").replace("%1", c.unit or "—")
                                .replace("%2", c.category or self.tr("not in the catalogue")))
        self.table.setRowCount(len(c.rows))
        for r, row in enumerate(c.rows):
            cells = (short_title(row.document_title), row.level, row.scope, str(row.year or ""), row.kind_label,
                     row.amount if row.value is not None else "", row.written, row.indicator_as_written,
                     row.binding)
            for column, text in enumerate(cells):
                self.table.setItem(r, column, passage_item(text, row.passage_id))
        self.table.resizeColumnsToContents()
        self.flags_label.setText("\n".join(self._flag_lines(c)))
        width, height = max(self.chart.width(), 420), max(self.chart.height(), 260)
        self.chart.setText(self.tr("Drawing the chart…"))
        self.chart_job = start_job(lambda: chart_png(c, width, height), self._show_chart)
        return c

    def _flag_lines(self, c: Comparison) -> list[str]:
        if c.flags or not any(row.level == "区级" for row in c.rows):
            return [f"• {flag}" for flag in c.flags]
        if c.measure == "total":
            return [self.tr("A total: a district is part of the city, so their sizes are not compared.")]
        return [self.tr("No district figure differs from the city's.")]

    def _show_chart(self, png: bytes) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.chart.setPixmap(pixmap)

    def _on_activated(self, item: QTableWidgetItem) -> None:
        if item.data(ROW_ROLE) != NO_PASSAGE:
            self.passage_requested.emit(int(item.data(ROW_ROLE)))


class PlacePage(QWidget):
    """地点跨规划: what each document commits to one district or key area, one column per document."""

    passage_requested = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.table: PlaceTable | None = None
        self.place_box = editable_combo(16)
        self.place_box.activated.connect(lambda: self.show_place(self.place_box.currentText()))
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("District or key area")))
        bar.addWidget(self.place_box)
        bar.addWidget(self.summary, 1)
        self.grid = read_only_table([])
        self.grid.setWordWrap(True)
        self.grid.itemActivated.connect(self._on_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page(bar, self.grid))

    def set_places(self, names: list[str]) -> None:
        refill(self.place_box, names)

    def show_place(self, place: str) -> PlaceTable | None:
        if self.session.db is None or not place.strip():
            return None
        table = self.table = place_across_plans(self.session.db, place)
        self.place_box.setCurrentText(table.place)
        self.summary.setText(self.tr("%1 indicators in %2 documents; a cell lists value (year, kind)")
                             .replace("%1", str(len(table.lines))).replace("%2", str(len(table.documents))))
        grid = self.grid
        grid.clear()
        grid.setColumnCount(len(table.documents) + 1)
        grid.setHorizontalHeaderLabels([self.tr("Indicator")] + [
            f"{short_title(doc.title)}\n" + self.tr("%1 passages name it · %2 figures")
            .replace("%1", str(doc.passages)).replace("%2", str(doc.targets)) for doc in table.documents])
        grid.setRowCount(len(table.lines))
        for r, line in enumerate(table.lines):
            grid.setItem(r, 0, passage_item(line.indicator, next((p for p in line.passage_ids if p), None)))
            for c, text in enumerate(line.cells, start=1):
                item = passage_item(text, line.passage_ids[c - 1])
                item.setToolTip(text)
                grid.setItem(r, c, item)
        grid.setColumnWidth(0, 220)
        for c in range(1, grid.columnCount()):
            grid.setColumnWidth(c, 300)
        grid.resizeRowsToContents()
        return table

    def _on_activated(self, item: QTableWidgetItem) -> None:
        if item.data(ROW_ROLE) != NO_PASSAGE:
            self.passage_requested.emit(int(item.data(ROW_ROLE)))


class ChoroplethPage(QWidget):
    """专题图: colour the districts on the map by an indicator, its legend and values here, print it."""

    choropleth_changed = Signal(object)  # the page spec of layers.choropleth.page_spec, or None to clear

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.choices: list[ChoroplethChoice] = []
        self.mapped: Choropleth | None = None
        self.map_spec: dict | None = None
        self.choice_box = QComboBox()
        self.choice_box.setMinimumContentsLength(30)
        self.show_button = QPushButton(self.tr("Show on map"))
        self.clear_button = QPushButton(self.tr("Clear"))
        self.export_button = QPushButton(self.tr("Export map…"))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Colour the districts by")))
        for widget in (self.choice_box, self.show_button, self.clear_button, self.export_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.note = QLabel(self.tr("Choose an indicator that at least two districts give a value for."))
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.legend = QListWidget()  # the classes with their colours, then each district's value
        self.legend.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.note)
        column.addWidget(self.legend, 1)
        self.show_button.clicked.connect(lambda: self.show_choropleth(self.choice_box.currentIndex()))
        self.clear_button.clicked.connect(self.clear_choropleth)
        self.export_button.clicked.connect(lambda: self.export_map())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page(bar, body))

    def set_choices(self, choices: list[ChoroplethChoice]) -> None:
        self.choices = choices
        refill(self.choice_box, [choice.label for choice in choices])

    def show_choropleth(self, index: int) -> Choropleth | None:
        """Colour the districts on the map by the choice at `index`."""
        if self.session.db is None or not 0 <= index < len(self.choices):
            return None
        choice = self.choices[index]
        mapped = self.mapped = choropleth(self.session.db, choice.indicator, choice.kind, choice.year)
        self.map_spec = page_spec(mapped)
        self.choice_box.setCurrentIndex(index)
        self.note.setText(mapped.title)
        self.legend.clear()
        for legend_class in mapped.classes:
            swatch = QPixmap(16, 12)
            swatch.fill(QColor(legend_class.colour))
            QListWidgetItem(QIcon(swatch), legend_class.label, self.legend)
        for district in mapped.districts:
            if district.value is not None or district.target_id is not None:
                QListWidgetItem(f"{district.name}：{district.text}", self.legend)
        self.session.set_choropleth(mapped)
        self.choropleth_changed.emit(self.map_spec)
        return mapped

    def clear_choropleth(self) -> None:
        self.mapped = self.map_spec = None
        self.session.set_choropleth(None)
        self.choropleth_changed.emit(None)

    def export_map(self, path: str | Path | None = None) -> None:
        """Print the choropleth shown (or the one chosen) through the export layout, on the render thread."""
        if self.mapped is None and self.show_choropleth(self.choice_box.currentIndex()) is None:
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export map"), f"{self.mapped.indicator}.png",
                                                  self.tr("PNG image (*.png);;PDF (*.pdf);;SVG (*.svg)"))
            if not path:
                return
        mapped, store = self.mapped, self.session.store_path
        self.export_job = start_job(lambda: export_choropleth(store, mapped, path, overwrite=True),
                                    self._exported, self._failed)

    def _exported(self, path: Path) -> None:
        self.note.setText(self.tr("Exported to %1").replace("%1", str(path)))

    def _failed(self, message: str) -> None:
        self.error_box = show_error(self, self.tr("Export map"), message)
