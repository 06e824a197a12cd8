"""The plan reader: documents → sections, and a section's text with every mapped place name as a link."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QPoint, Qt, QUrl, Signal
from PySide6.QtWidgets import QMenu, QSplitter, QTextBrowser, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.messages import plain_tooltip
from geodata.passages import documents, sections_of
from layers.plan_reading import ReaderPage, document_page, page_of_passage, section_page
from layers.rich_text import parse_href

KEY_ROLE = Qt.ItemDataRole.UserRole  # ("document", id) or ("section", id)
SIDE_BY_SIDE_WIDTH = 640  # narrower (beside the feature panel), the contents go above the text


class PlanReader(QWidget):
    feature_link_clicked = Signal(str)
    link_requested = Signal(int)  # link this passage to the selected feature

    def __init__(self, db: sqlite3.Connection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.page: ReaderPage | None = None
        self.selected_feature: str | None = None
        self.current_passage: int | None = None
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setOpenExternalLinks(False)
        self.text.anchorClicked.connect(self._on_link)
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._show_menu)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(splitter)
        self.items: dict[tuple[str, object], QTreeWidgetItem] = {}
        self._fill_tree()
        self.tree.currentItemChanged.connect(self._on_current)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        orientation = Qt.Orientation.Horizontal if self.width() >= SIDE_BY_SIDE_WIDTH else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            length = self.splitter.width() if orientation == Qt.Orientation.Horizontal else self.splitter.height()
            self.splitter.setSizes([length // 3, length - length // 3])

    def _fill_tree(self) -> None:
        for doc in documents(self.db):
            top = QTreeWidgetItem(self.tree, [doc.title])
            top.setToolTip(0, plain_tooltip(f"{doc.title}\n{doc.source_file}"))
            top.setData(0, KEY_ROLE, ("document", doc.id))
            self.items[("document", doc.id)] = top
            by_key: dict[str, QTreeWidgetItem] = {}
            for section in sections_of(self.db, doc.id):
                parent = by_key.get(section.parent_key or "", top)
                label = " ".join(part for part in (section.number, section.title) if part)
                item = QTreeWidgetItem(parent, [label])
                item.setToolTip(0, plain_tooltip(section.path))
                item.setData(0, KEY_ROLE, ("section", section.id))
                by_key[section.key] = item
                self.items[("section", section.id)] = item

    def reload(self, db: sqlite3.Connection) -> None:
        """Read from a reopened store (after an edit): the same page again, with the links as they are now."""
        self.db = db
        if self.page is None:
            return
        page = section_page(db, self.page.section_id) if self.page.section_id is not None else \
            document_page(db, self.page.document_id)
        position = self.text.verticalScrollBar().value()
        self.page = page
        self._render()
        self.text.verticalScrollBar().setValue(position)

    def passage_at(self, position: QPoint) -> int | None:
        """The passage under a point of the text (each passage is one block after the heading)."""
        if self.page is None:
            return None
        block = self.text.cursorForPosition(position).blockNumber() - 1
        if 0 <= block < len(self.page.paragraphs):
            return self.page.paragraphs[block].passage_id
        return self.current_passage

    def link_menu(self, passage_id: int | None) -> QMenu:
        menu = self.text.createStandardContextMenu()
        menu.addSeparator()
        action = menu.addAction(self.tr("Link to the selected feature"))
        action.setEnabled(passage_id is not None and self.selected_feature is not None)
        action.triggered.connect(lambda: self.link_requested.emit(int(passage_id)))
        return menu

    def _show_menu(self, position: QPoint) -> None:
        self.link_menu(self.passage_at(position)).exec(self.text.viewport().mapToGlobal(position))

    def show_page(self, page: ReaderPage, passage_id: int | None = None) -> None:
        self.page = page
        self.current_passage = passage_id
        key = ("section", page.section_id) if page.section_id is not None else ("document", page.document_id)
        item = self.items.get(key)
        if item is not None and self.tree.currentItem() is not item:
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)
            self.tree.blockSignals(False)
        self._render(scroll_to=passage_id)

    def open_passage(self, passage_id: int) -> None:
        page = page_of_passage(self.db, passage_id)
        if page is not None:
            self.show_page(page, passage_id)

    def highlight_feature(self, feature_id: str | None) -> None:
        """Mark the selected feature's mentions in the open text, keeping the reading position."""
        self.selected_feature = feature_id
        if self.page is not None:
            position = self.text.verticalScrollBar().value()
            self._render()
            self.text.verticalScrollBar().setValue(position)

    def _render(self, scroll_to: int | None = None) -> None:
        self.text.setHtml(self.page.html(self.selected_feature, self.current_passage))
        if scroll_to is not None:
            self.text.scrollToAnchor(f"p{scroll_to}")

    def _on_current(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        kind, key = item.data(0, KEY_ROLE)
        page = section_page(self.db, key) if kind == "section" else document_page(self.db, key)
        self.page, self.current_passage = page, None
        self._render()

    def _on_link(self, url: QUrl) -> None:
        link = parse_href(url.toString())
        if link and link[0] == "feature":
            self.feature_link_clicked.emit(link[1])
