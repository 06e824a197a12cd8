"""One search box for places and plan text, with results grouped as places, passages and targets."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QMenu, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.messages import plain_tooltip
from geodata.search import mark
from layers.search_results import SearchIndex, SearchResults

RESULT_ROLE = Qt.ItemDataRole.UserRole  # ("feature", id) or ("passage", id)
LINKABLE_ROLE = Qt.ItemDataRole.UserRole + 1  # ("passage", id) or ("target", id): what a feature can link to


class SearchBox(QWidget):
    feature_chosen = Signal(str)
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
        self.results.setUniformRowHeights(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.edit)
        layout.addWidget(self.results, 1)
        self.edit.textChanged.connect(self.search)
        self.edit.returnPressed.connect(self._choose_first)
        self.edit.installEventFilter(self)
        self.results.itemActivated.connect(self._choose)
        self.results.itemClicked.connect(self._choose)
        self.last: SearchResults | None = None
        self.selected_feature: str | None = None  # the window's selection, for "link to the selected feature"
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
        action = menu.addAction(self.tr("Link to the selected feature"))
        action.setEnabled(self.selected_feature is not None)
        action.triggered.connect(lambda: self.link_requested.emit(linkable[0], int(linkable[1])))
        return menu

    def _show_menu(self, position: QPoint) -> None:
        menu = self.link_menu(self.results.itemAt(position))
        if menu is not None:
            menu.exec(self.results.viewport().mapToGlobal(position))

    def search(self, text: str) -> SearchResults:
        self.last = self.index.search(text)
        self.results.clear()
        groups = (
            (self.tr("Places"), [(("feature", r.feature_id), f"{r.name}  —  {r.detail}", r.matched, None)
                                 for r in self.last.places]),
            (self.tr("Passages"), [(("passage", h.passage_id), mark(h.snippet, h.highlights),
                                    f"{h.document_title} › {h.section_path}", ("passage", h.passage_id))
                                   for h in self.last.passages]),
            (self.tr("Targets"), [((("feature", t.feature_id) if t.feature_id else ("passage", t.passage_id)),
                                   t.text, t.detail, ("target", t.target_id)) for t in self.last.targets
                                  if t.feature_id or t.passage_id]),
        )
        bold = QFont(self.results.font())
        bold.setBold(True)
        for title, rows in groups:
            if not rows:
                continue
            header = QTreeWidgetItem(self.results, [f"{title} ({len(rows)})"])
            header.setFont(0, bold)
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for key, text, tip, linkable in rows:
                item = QTreeWidgetItem(self.results, [text])
                item.setToolTip(0, plain_tooltip(tip))  # store text: shown as written, never as markup
                item.setData(0, RESULT_ROLE, key)
                item.setData(0, LINKABLE_ROLE, linkable)
        return self.last

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
        kind, value = key
        if kind == "feature":
            self.feature_chosen.emit(value)
        else:
            self.passage_chosen.emit(int(value))
