"""The feature panel: what the plans say about the clicked feature (layers/feature_sheet.py computes it), and who
changed its links when (修改记录, from the store's audit trail).

The panel remembers the feature's version as it was read; an edit made from the panel passes it on, so an edit
someone else made meanwhile is never overwritten unseen (geodata/edit_history.py)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.messages import plain_tooltip
from geodata.edit_history import AuditEntry
from layers.feature_sheet import FeatureSheet
from layers.rich_text import highlighted_html, parse_href, passage_href
from layers.target_rows import TargetRow

UNLINK_SCHEME = "unlink-passage:"
BADGE_STYLE = ("QLabel{background:#fff3cd;color:#8a6d3b;border:1px solid #e0c36a;border-radius:3px;"
               "padding:1px 5px;font-weight:bold;}")
ROW_ROLE = Qt.ItemDataRole.UserRole  # the row's index in sheet.targets, whatever the sort order
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # what a column sorts by: the number, the year, else the text
TARGET_ROWS_SHOWN = 12  # rows the table is given room for before the passages get the rest
HISTORY_LINES_SHOWN = 6  # lines of 修改记录 (an edit takes one or two) shown before it scrolls


class SortItem(QTableWidgetItem):
    """A cell that sorts by its SORT_ROLE (numbers as numbers, blanks last) rather than by its text."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        return (mine is None, mine if mine is not None else 0) < (theirs is None, theirs if theirs is not None else 0)


def plain_label(text: str = "") -> QLabel:
    """A label that shows its text as text: names from the store or imported files are never markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class FeaturePanel(QWidget):
    passage_requested = Signal(int)  # "open in plan"
    figure_requested = Signal(object)  # a TargetRow clicked: open its passage with the figure highlighted
    feature_chosen = Signal(str)  # another feature picked where several overlap
    link_requested = Signal(str)  # "passage" or "target": the user wants to pick one to link
    unlink_requested = Signal(str, int)  # kind, passage or target id
    replace_requested = Signal()  # the (imported) feature shown should replace a schematic one

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet: FeatureSheet | None = None
        self.version: int | None = None  # the shown feature's version when it was read: an edit passes it on
        self.edit_refusal: str | None = None  # why edits are disabled (a read-only account); None: enabled
        self.picker = QComboBox()
        self.picker.setToolTip(self.tr("Several features are here: pick one"))
        self.picker_label = QLabel(self.tr("Features here:"))
        self.picker_label.setTextFormat(Qt.TextFormat.PlainText)
        picker_row = QHBoxLayout()
        picker_row.addWidget(self.picker_label)
        picker_row.addWidget(self.picker, 1)
        self.picker.activated.connect(self._on_pick)

        self.name = plain_label(self.tr("Click a feature on the map"))
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.name.setFont(font)
        self.badge = QLabel()
        self.badge.setTextFormat(Qt.TextFormat.PlainText)
        self.badge.setStyleSheet(BADGE_STYLE)
        self.badge.setToolTip(self.tr("Schematic: drawn from the plan text, not survey data"))
        self.badge.hide()
        title_row = QHBoxLayout()
        title_row.addWidget(self.name, 1)
        title_row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)

        self.link_passage = QPushButton(self.tr("Link passage…"))
        self.link_target = QPushButton(self.tr("Link target…"))
        self.replace_button = QPushButton(self.tr("Replace schematic feature…"))
        self.link_passage.clicked.connect(lambda: self.link_requested.emit("passage"))
        self.link_target.clicked.connect(lambda: self.link_requested.emit("target"))
        self.replace_button.clicked.connect(self.replace_requested.emit)
        actions_row = QHBoxLayout()
        for button in (self.link_passage, self.link_target, self.replace_button):
            actions_row.addWidget(button)
        actions_row.addStretch(1)
        self.imported = False

        self.positioning = plain_label()  # a key area's 定位, under its name
        self.positioning.setStyleSheet("color:#8b1a1a;font-weight:bold;")
        self.positioning.hide()
        self.kind, self.district, self.measure, self.accuracy = (plain_label() for _ in range(4))
        self.area_note = plain_label()  # a district's statistical area: its source, why the map differs
        self.area_note.setStyleSheet("color:#666;")
        self.area_note.hide()
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("District"), self.district)
        measure_box = QVBoxLayout()  # the area, and under it where a district's statistical area comes from
        measure_box.setSpacing(0)
        measure_box.addWidget(self.measure)
        measure_box.addWidget(self.area_note)
        form.addRow(self.tr("Area / length"), measure_box)
        form.addRow(self.tr("Accuracy"), self.accuracy)

        # (key, title, (text, sort key) of a row, widest in characters before eliding: the rest is in the tooltip)
        self.target_columns = (
            ("kind", self.tr("Type"), lambda t: (t.kind, t.kind), 2),
            ("indicator", self.tr("Indicator"), lambda t: (t.indicator, t.indicator), 9),
            ("value", self.tr("Value"), lambda t: (t.value_with_unit, t.amount), 7),
            ("year", self.tr("Year"), lambda t: (t.year, t.year_number), 6),
            ("category", self.tr("Category"), lambda t: (t.category, t.category), 4),
            ("obligation", self.tr("Binding / expected"), lambda t: (t.obligation, t.obligation), 3),
            ("scope", self.tr("Scope"), lambda t: (t.scope, t.scope), 6),
            ("source", self.tr("Source"), lambda t: (t.source, t.source), 0),
        )
        self.targets = QTableWidget(0, len(self.target_columns))
        self.targets.setHorizontalHeaderLabels([title for _, title, _, _ in self.target_columns])
        self.targets.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.targets.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.targets.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.targets.setWordWrap(False)
        self.targets.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.targets.verticalHeader().hide()
        self.targets.verticalHeader().setDefaultSectionSize(self.targets.fontMetrics().height() + 6)
        header = self.targets.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.targets.setSortingEnabled(True)
        self.targets.setToolTip(self.tr("Click a target to read it in the plan, its figure highlighted"))
        self.targets.cellClicked.connect(lambda row, _column: self._open_target(row))
        self.targets.cellActivated.connect(lambda row, _column: self._open_target(row))
        self.targets.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.targets.customContextMenuRequested.connect(self._target_menu)
        self.targets_label = QLabel(self.tr("Targets"))

        self.passages = QTextBrowser()
        self.passages.setOpenLinks(False)
        self.passages.setOpenExternalLinks(False)
        self.passages.anchorClicked.connect(self._on_link)
        self.passages_label = QLabel(self.tr("Passages"))

        self.history = QPlainTextEdit()
        self.history.setReadOnly(True)
        self.history.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.history.setToolTip(self.tr("Who changed this feature's links, and when (newest first)"))
        self.history_label = QLabel(self.tr("Change history"))
        self.history_entries = 0

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 4, 0)
        top_layout.addLayout(picker_row)
        top_layout.addLayout(title_row)
        top_layout.addWidget(self.positioning)
        top_layout.addLayout(form)
        top_layout.addLayout(actions_row)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.targets_label)
        table_layout.addWidget(self.targets)
        passage_box = QWidget()
        passage_layout = QVBoxLayout(passage_box)
        passage_layout.setContentsMargins(0, 0, 0, 0)
        passage_layout.addWidget(self.passages_label)
        passage_layout.addWidget(self.passages)
        history_box = QWidget()
        history_layout = QVBoxLayout(history_box)
        history_layout.setContentsMargins(0, 0, 0, 0)
        history_layout.addWidget(self.history_label)
        history_layout.addWidget(self.history)
        # The name, facts and a long accuracy note scroll rather than being cut off when the panel is short.
        self.top = top
        self.top_scroll = QScrollArea()
        self.top_scroll.setWidget(top)
        self.top_scroll.setWidgetResizable(True)
        self.top_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.top_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.top_scroll)
        self.splitter.addWidget(table_box)
        self.splitter.addWidget(passage_box)
        self.splitter.addWidget(history_box)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setStretchFactor(3, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        self._set_picker([])
        self._set_actions(None)

    def _set_actions(self, sheet: FeatureSheet | None, imported: bool = False) -> None:
        self.imported = imported
        may_edit = self.edit_refusal is None
        for button in (self.link_passage, self.link_target, self.replace_button):
            button.setEnabled(sheet is not None and may_edit)
        self.link_passage.setToolTip(self.edit_refusal or "")
        self.link_target.setToolTip(self.edit_refusal or "")
        self.replace_button.setToolTip(self.edit_refusal or self.tr(
            "This imported feature takes the place (and the links) of a schematic one, which is then hidden"))
        self.replace_button.setVisible(sheet is not None and imported)

    def set_edit_refusal(self, reason: str | None) -> None:
        """Disable linking, unlinking and replacing with `reason` as their tooltip (None enables them again)."""
        self.edit_refusal = reason
        self._set_actions(self.sheet, self.imported)
        if self.sheet is not None:
            self.passages.setHtml(self.passages_html(self.sheet))

    def show_sheet(self, sheet: FeatureSheet, here: list[tuple[str, str]] | None = None,
                   imported: bool = False, group: str | None = None, history: Sequence[AuditEntry] = (),
                   version: int | None = None) -> None:
        """Show one feature; `here` lists (id, name) of every feature under the click, for picking, or of every
        member of the `group` selected (一轴一带三组团); an `imported` one can replace a schematic feature.
        `history` is its audit trail, newest first, and `version` its version as read with it."""
        self.sheet = sheet
        self.version = version
        self._set_actions(sheet, imported)
        self._set_picker(here or [], sheet.id)
        self.picker_label.setText(self.tr("Members of “%1”:").replace("%1", group) if group
                                  else self.tr("Features here:"))
        self.name.setText(sheet.name)
        self.badge.setText(sheet.accuracy_label)
        self.badge.setVisible(sheet.schematic)
        self.kind.setText(f"{sheet.kind} · {sheet.layer}")
        self.district.setText(sheet.districts or "—")
        self.positioning.setText(self.tr("Positioning: %1").replace("%1", sheet.positioning))
        self.positioning.setVisible(bool(sheet.positioning))
        measure = sheet.measure or "—"
        if sheet.statistical_area:
            measure = self.tr("%1 on the map · %2").replace("%1", measure).replace("%2", sheet.statistical_area)
        self.measure.setText(measure)
        self.area_note.setText(sheet.area_note)
        self.area_note.setVisible(bool(sheet.area_note))
        accuracy = sheet.accuracy_label + (f" — {sheet.note}" if sheet.note else "")
        self.accuracy.setText(accuracy)
        self.accuracy.setToolTip(plain_tooltip(sheet.source))
        self.show_targets(sheet.targets)
        self.targets_label.setText(self.tr("Targets (%n)", "", len(sheet.targets)))
        self.passages_label.setText(self.tr("Passages (%n)", "", len(sheet.passages)))
        self.passages.setHtml(self.passages_html(sheet))
        self.show_history(history)
        self.fit_top()

    def show_history(self, entries: Sequence[AuditEntry]) -> None:
        """修改记录: one line per edit (when, who, what), as plain text; a line saying there is none."""
        self.history_entries = len(entries)
        self.history_label.setText(self.tr("Change history (%n)", "", len(entries)))
        lines = [self.history_line(entry) for entry in entries]
        self.history.setPlainText("\n".join(lines) if lines else self.tr("No one has changed this feature's links."))

    def history_line(self, entry: AuditEntry) -> str:
        """One edit as 'when · who · what', the time in this computer's zone."""
        when = entry.at.astimezone().strftime("%Y-%m-%d %H:%M")
        return f"{when} · {entry.actor} · {self.history_what(entry)}"

    def history_what(self, entry: AuditEntry) -> str:
        """What an edit did, in the window's language (geodata records it in English for the command line)."""
        link = re.match(r"(passage|target) (\d+)", entry.detail)
        if entry.action in ("link", "unlink") and link:
            row = link.group(2)
            if entry.action == "link":
                text = self.tr("linked passage %1") if link.group(1) == "passage" else self.tr("linked target %1")
            else:
                text = self.tr("unlinked passage %1") if link.group(1) == "passage" else self.tr("unlinked target %1")
            return text.replace("%1", row)
        for action, pattern, text in (
                ("replace", r"replaces (.+)", self.tr("replaces the schematic feature %1")),
                ("replace", r"replaced by (.+)", self.tr("replaced by the imported feature %1")),
                ("unreplace", r"no longer replaced by (.+)", self.tr("shown again, no longer replaced by %1")),
                ("unreplace", r"no longer replaces (.+)", self.tr("no longer replaces %1"))):
            found = re.fullmatch(pattern, entry.detail)
            if entry.action == action and found:
                return text.replace("%1", found.group(1))
        return f"{entry.action} {entry.detail}".strip()

    def fit_top(self) -> None:
        """Give the name and facts the height their wrapped text needs, up to half the panel (then they scroll)."""
        self.top.layout().activate()  # the labels' new text, not the layout's cached heights
        width = self.top_scroll.viewport().width() or self.top.sizeHint().width()
        needed = self.top.heightForWidth(width) if self.top.hasHeightForWidth() else -1
        needed = max(needed, self.top.minimumSizeHint().height()) + 2
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        top = min(needed, total // 2)
        history = min(self.history_height(), total // 5)
        rest = total - top - history
        table = min(self.table_height(), rest * 2 // 3)
        self.splitter.setSizes([top, table, rest - table, history])

    def history_height(self) -> int:
        """Room for 修改记录: its heading and HISTORY_LINES_SHOWN lines (one when no one has edited the feature)."""
        lines = min(2 * self.history_entries, HISTORY_LINES_SHOWN) or 1
        margins = self.history.contentsMargins()
        return (self.history_label.sizeHint().height() + lines * self.history.fontMetrics().lineSpacing()
                + 2 * self.history.document().documentMargin() + margins.top() + margins.bottom() + 8)

    def table_height(self) -> int:
        """Room for the targets (up to TARGET_ROWS_SHOWN rows without scrolling), their heading and scroll bar."""
        rows = min(max(self.targets.rowCount(), 1), TARGET_ROWS_SHOWN)
        frame = 2 * self.targets.frameWidth()
        return (self.targets_label.sizeHint().height() + self.targets.horizontalHeader().sizeHint().height()
                + rows * self.targets.verticalHeader().defaultSectionSize() + frame
                + self.targets.horizontalScrollBar().sizeHint().height() + 6)

    def show_targets(self, rows: tuple[TargetRow, ...]) -> None:
        """The targets, in the sheet's order until the user sorts by a column; each cell's tooltip is its text."""
        self.targets.setSortingEnabled(False)
        self.targets.clearContents()
        self.targets.setRowCount(len(rows))
        for index, target in enumerate(rows):
            for column, (_, _, cell, _) in enumerate(self.target_columns):
                text, key = cell(target)
                item = SortItem(text)
                item.setToolTip(plain_tooltip(text))
                item.setData(ROW_ROLE, index)
                item.setData(SORT_ROLE, key if key != "" else None)
                self.targets.setItem(index, column, item)
        self.targets.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.targets.setSortingEnabled(True)
        self.targets.resizeColumnsToContents()
        em = self.targets.fontMetrics().horizontalAdvance("汉")
        for column, (_, _, _, widest) in enumerate(self.target_columns):
            if widest:
                self.targets.setColumnWidth(column, min(self.targets.columnWidth(column), widest * em + 14))

    def target_column(self, key: str) -> int:
        """The table column showing `key` (kind, indicator, value, year, category, obligation, scope, source)."""
        return next(column for column, (name, *_) in enumerate(self.target_columns) if name == key)

    def target_at(self, row: int) -> TargetRow | None:
        """The target shown in a table row (sorting moves rows; each remembers its target)."""
        item = self.targets.item(row, 0) if row >= 0 else None
        if self.sheet is None or item is None:
            return None
        index = item.data(ROW_ROLE)
        return self.sheet.targets[index] if index is not None and 0 <= index < len(self.sheet.targets) else None

    def _open_target(self, row: int) -> None:
        target = self.target_at(row)
        if target is not None and target.passage_id is not None:
            self.figure_requested.emit(target)

    def passages_html(self, sheet: FeatureSheet) -> str:
        parts = []
        open_text = html.escape(self.tr("open in plan"))
        unlink_text = html.escape(self.tr("unlink"))
        defining = html.escape(self.tr("defining passage"))
        for item in sheet.passages:
            star = f'<span style="color:#b7950b;">★ {defining}</span><br/>' if item.is_defining else ""
            source = html.escape(f"{item.document_title} › {item.section_path}")
            parts.append(
                f'<p style="margin-bottom:10px;">{star}<span style="color:#555;font-size:small;">{source}</span>'
                f'<br/>{highlighted_html(item.text, item.name_spans)}<br/>'
                f'<a href="{passage_href(item.passage_id)}">{open_text} →</a>'
                + ("" if self.edit_refusal is not None else
                   f'&nbsp;&nbsp;&nbsp;<a href="{UNLINK_SCHEME}{int(item.passage_id)}" style="color:#a93226;">'
                   f'{unlink_text} ×</a>') + "</p>")
        if not parts:
            none_text = self.tr("No passage names this feature.")
            parts.append(f"<p><i>{html.escape(none_text)}</i></p>")
        return "\n".join(parts)

    def clear(self) -> None:
        self.sheet = None
        self.version = None
        self._set_picker([])
        self._set_actions(None)
        self.name.setText(self.tr("Click a feature on the map"))
        self.badge.hide()
        for label in (self.kind, self.district, self.measure, self.accuracy, self.positioning, self.area_note):
            label.setText("")
        self.positioning.hide()
        self.area_note.hide()
        self.targets.setRowCount(0)
        self.passages.setHtml("")
        self.history_label.setText(self.tr("Change history"))
        self.history.setPlainText("")
        self.history_entries = 0
        self.fit_top()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.fit_top()  # the text wraps anew at the new width

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        QTimer.singleShot(0, self.fit_top)  # once the splitter has its size: the panel's parts as fit_top shares them

    def _set_picker(self, here: list[tuple[str, str]], current: str | None = None) -> None:
        self.picker.blockSignals(True)
        self.picker.clear()
        for feature_id, name in here:
            self.picker.addItem(name, feature_id)
        if current is not None:
            index = self.picker.findData(current)
            if index >= 0:
                self.picker.setCurrentIndex(index)
        self.picker.blockSignals(False)
        several = len(here) > 1
        self.picker.setVisible(several)
        self.picker_label.setVisible(several)

    def _on_pick(self, index: int) -> None:
        feature_id = self.picker.itemData(index)
        if feature_id and (self.sheet is None or feature_id != self.sheet.id):
            self.feature_chosen.emit(feature_id)

    def target_menu(self, row: int) -> QMenu | None:
        target = self.target_at(row)
        if target is None or target.target_id is None:
            return None
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        target_id = int(target.target_id)
        unlink = menu.addAction(self.tr("Unlink"))
        unlink.triggered.connect(lambda: self.unlink_requested.emit("target", target_id))
        unlink.setEnabled(self.edit_refusal is None)
        unlink.setToolTip(self.edit_refusal or "")
        return menu

    def _target_menu(self, position: QPoint) -> None:
        menu = self.target_menu(self.targets.rowAt(position.y()))
        if menu is not None:
            menu.exec(self.targets.viewport().mapToGlobal(position))

    def _on_link(self, url) -> None:
        href = url.toString()
        if href.startswith(UNLINK_SCHEME):
            self.unlink_requested.emit("passage", int(href[len(UNLINK_SCHEME):]))
            return
        link = parse_href(href)
        if link and link[0] == "passage":
            self.passage_requested.emit(int(link[1]))
