"""One search box for places and plan text, with results grouped as places, passages and targets."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QMenu, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.messages import plain_tooltip
from geodata.search import mark
from layers.search_results import PlaceResult, SearchIndex, SearchResults, short_title

# ("feature", id), ("passage", id), ("group", name, ids), ("place", name) for one not drawn or a choice,
# ("more", group) to show a group's every result
RESULT_ROLE = Qt.ItemDataRole.UserRole
NOTE_ROLE = Qt.ItemDataRole.UserRole + 2  # what choosing the result says (a not-drawn place's reason …)
NOT_DRAWN_COLOUR = QColor("#7a7a7a")
LINKABLE_ROLE = Qt.ItemDataRole.UserRole + 1  # ("passage", id) or ("target", id): what a feature can link to


class SearchBox(QWidget):
    feature_chosen = Signal(str)
    group_chosen = Signal(str, list)  # a structure formula (一轴一带三组团): select and frame every member
    passage_chosen = Signal(int)
    link_requested = Signal(str, int)  # link ("passage" or "target", id) to the selected feature

    def __init__(self, index: SearchIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Search places and plan text…"))
        self.edit.setClearButtonEnabled(True)
        self.results = QTreeWidget()
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(False)
        self.results.setWordWrap(True)  # a target's second line names its place and document
        self.note = QLabel()  # why a place is not drawn, what a group or a choice is, a target's source
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#555;")
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.edit)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.note)
        self.edit.textChanged.connect(self.search)
        self.edit.returnPressed.connect(self._choose_first)
        self.edit.installEventFilter(self)
        self.results.itemActivated.connect(self._choose)
        self.results.itemClicked.connect(self._choose)
        self.results.currentItemChanged.connect(lambda item, _previous: self._show_note(item))
        self.last: SearchResults | None = None
        self.expanded: set[str] = set()  # the groups whose "more…" was chosen, for this query
        self.selected_feature: str | None = None  # the window's selection, for "link to the selected feature"
        self.edit_refusal: str | None = None  # why linking is disabled (a read-only account); None: enabled
        self.results.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.results.customContextMenuRequested.connect(self._show_menu)

    def set_index(self, index: SearchIndex) -> None:
        """Search a reopened store (after an edit), showing the current query's results again."""
        self.index = index
        if self.edit.text():
            self.search(self.edit.text())

    def link_menu(self, item: QTreeWidgetItem | None) -> QMenu | None:
        linkable = item.data(0, LINKABLE_ROLE) if item is not None else None
        if not linkable:
            return None
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        action = menu.addAction(self.tr("Link to the selected feature"))
        action.setEnabled(self.selected_feature is not None and self.edit_refusal is None)
        action.setToolTip(self.edit_refusal or "")
        action.triggered.connect(lambda: self.link_requested.emit(linkable[0], int(linkable[1])))
        return menu

    def _show_menu(self, position: QPoint) -> None:
        menu = self.link_menu(self.results.itemAt(position))
        if menu is not None:
            menu.exec(self.results.viewport().mapToGlobal(position))

    def search(self, text: str) -> SearchResults:
        if self.last is None or text != self.last.query:
            self.expanded = set()
        self.last = self.index.search(text, expanded=self.expanded)
        self.results.clear()
        self._show_note(None)
        targets = [t for t in self.last.targets if t.feature_id or t.passage_id]
        groups = (
            ("places", self.tr("Places"), [row for r in self.last.places for row in self._place_rows(r)]),
            ("passages", self.tr("Passages"),
             [(("passage", h.passage_id), mark(h.snippet, h.highlights),
               f"{short_title(h.document_title)} › {h.section_path}", ("passage", h.passage_id), None, "")
              for h in self.last.passages]),
            ("targets", self.tr("Targets"),
             [((("feature", t.feature_id) if t.feature_id else ("passage", t.passage_id)), f"{t.text}\n{t.detail}",
               f"{t.detail}\n{t.document_title}", ("target", t.target_id), None, f"{t.detail}（{t.document_title}）")
              for t in targets]),
        )
        bold = QFont(self.results.font())
        bold.setBold(True)
        for group, title, rows in groups:
            total = self.last.total(group)
            if not total:
                continue
            header = QTreeWidgetItem(self.results, [f"{title} ({total})"])
            header.setFont(0, bold)
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for key, label, tip, linkable, colour, note in rows:
                item = QTreeWidgetItem(self.results, [label])
                item.setToolTip(0, plain_tooltip(tip))  # store text: shown as written, never as markup
                item.setData(0, RESULT_ROLE, key)
                item.setData(0, LINKABLE_ROLE, linkable)
                item.setData(0, NOTE_ROLE, note)
                if colour is not None:
                    item.setForeground(0, QBrush(colour))
            hidden = total - len(getattr(self.last, group))
            if hidden > 0:
                more = QTreeWidgetItem(self.results, [self.tr("More… (%n more)", "", hidden)])
                more.setData(0, RESULT_ROLE, ("more", group))
                more.setForeground(0, QBrush(QColor("#1a5fb4")))
        return self.last

    def _place_rows(self, place: PlaceResult, prefix: str = "") -> list[tuple]:
        """A place's result row(s): a choice is followed by its candidates, each one selectable."""
        label = f"{prefix}{place.name}  —  {place.detail}"
        if place.status == "drawn":
            return [(("feature", place.feature_id), label, place.matched, None, None, "")]
        if place.status == "group":
            return [(("group", place.name, list(place.members)), label, place.explanation, None, None,
                     place.explanation)]
        if place.status == "not_drawn":
            return [(("place", place.name), label, place.explanation, None, NOT_DRAWN_COLOUR, place.explanation)]
        rows = [(("place", place.name), label, place.explanation, None, None, place.explanation)]
        for candidate in place.candidates:
            rows += self._place_rows(candidate, "    ↳ ")
        return rows

    def _show_note(self, item: QTreeWidgetItem | None) -> None:
        """Below the results: why the current place is not drawn, what a group or a choice is, where a target
        comes from."""
        note = (item.data(0, NOTE_ROLE) if item is not None else "") or ""
        self.note.setText(note)
        self.note.setVisible(bool(note))

    def result_items(self) -> list[QTreeWidgetItem]:
        items = [self.results.topLevelItem(i) for i in range(self.results.topLevelItemCount())]
        return [item for item in items if item.data(0, RESULT_ROLE)]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        down = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down
        if watched is self.edit and down and self.result_items():
            self.results.setFocus()
            self.results.setCurrentItem(self.result_items()[0])
            return True
        return super().eventFilter(watched, event)

    def _choose_first(self) -> None:
        items = self.result_items()
        if items:
            self._choose(items[0])

    def _choose(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        key = item.data(0, RESULT_ROLE)
        if not key:
            return
        kind, value = key[0], key[1]
        self._show_note(item)
        if kind == "feature":
            self.feature_chosen.emit(value)
        elif kind == "group":
            self.group_chosen.emit(value, list(key[2]))
        elif kind == "passage":
            self.passage_chosen.emit(int(value))
        elif kind == "more":
            self.expanded.add(value)
            self.search(self.edit.text())
