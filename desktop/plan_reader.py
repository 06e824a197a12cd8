"""The plan reader: documents → sections, and a section's text with every mapped place name as a link.

A place the plans name that has no feature is marked too: grey with a dotted underline when it is not drawn
(a click says why, and its district), a link when it is a structure formula (一轴一带三组团: a click selects
and frames its members) or a short name with several candidates (高新区: a click offers them).
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QCursor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.messages import plain_tooltip
from geodata.feature_queries import find_feature
from geodata.passages import documents, sections_of
from geodata.place_register import PlaceEntry, formula_members, place_named
from geodata.store import StoreError
from layers.plan_reading import ReaderPage, document_page, page_of_passage, section_page
from layers.rich_text import parse_href
from layers.search_results import place_explanation
from layers.target_rows import TargetRow, figure_span

KEY_ROLE = Qt.ItemDataRole.UserRole  # ("document", id) or ("section", id)
SIDE_BY_SIDE_WIDTH = 640  # narrower (beside the feature panel), the contents go above the text


class PlanReader(QWidget):
    feature_link_clicked = Signal(str)
    group_link_clicked = Signal(str, list)  # a structure formula's name and its members' feature ids
    link_requested = Signal(int)  # link this passage to the selected feature

    def __init__(self, db: sqlite3.Connection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.page: ReaderPage | None = None
        self.selected_feature: str | None = None
        self.edit_refusal: str | None = None  # why linking is disabled (a read-only account); None: enabled
        self.current_passage: int | None = None
        self.figure: tuple[int, int, int] | None = None  # (passage id, start, end) of the target opened
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
        self.place_note = QLabel()  # a clicked place that is not drawn: why, and its district
        self.place_note.setTextFormat(Qt.TextFormat.PlainText)
        self.place_note.setWordWrap(True)
        self.place_note.setStyleSheet("color:#555;background:#f4f4f4;padding:3px;")
        self.place_note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(splitter)
        layout.addWidget(self.place_note)
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
        menu.setToolTipsVisible(True)
        action = menu.addAction(self.tr("Link to the selected feature"))
        action.setEnabled(passage_id is not None and self.selected_feature is not None and self.edit_refusal is None)
        action.setToolTip(self.edit_refusal or "")
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
            self.figure = None
            self.show_page(page, passage_id)

    def open_figure(self, target: TargetRow) -> str:
        """Open a target's passage with its figure highlighted and selected; returns the figure's text ("" when
        the passage does not write it, e.g. a blank table cell: then the passage alone is marked)."""
        page = page_of_passage(self.db, target.passage_id) if target.passage_id is not None else None
        if page is None:
            return ""
        paragraph = next(p for p in page.paragraphs if p.passage_id == target.passage_id)
        span = figure_span(target, paragraph.text)
        self.figure = (target.passage_id, *span) if span else None
        self.show_page(page, target.passage_id)
        if span is None:
            return ""
        figure = paragraph.text[span[0]:span[1]]
        self._select_in_passage(page.paragraphs.index(paragraph), span[0], figure)
        return figure

    def _select_in_passage(self, index: int, start: int, figure: str) -> None:
        """Select `figure` in the index-th passage (one block each after the heading), at the occurrence nearest
        its offset in the passage text (rich text folds runs of spaces, so offsets can shift a little)."""
        block = self.text.document().findBlockByNumber(index + 1)
        text = block.text()
        found = [at for at in range(len(text)) if text.startswith(figure, at)]
        if not found:
            return
        at = min(found, key=lambda position: abs(position - start))
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + at)
        cursor.setPosition(block.position() + at + len(figure), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.ensureCursorVisible()

    def highlight_feature(self, feature_id: str | None) -> None:
        """Mark the selected feature's mentions in the open text, keeping the reading position."""
        self.selected_feature = feature_id
        if self.page is not None:
            position = self.text.verticalScrollBar().value()
            self._render()
            self.text.verticalScrollBar().setValue(position)

    def _render(self, scroll_to: int | None = None) -> None:
        self.text.setHtml(self.page.html(self.selected_feature, self.current_passage, self.figure))
        self._dot_not_drawn()
        if scroll_to is not None:
            self.text.scrollToAnchor(f"p{scroll_to}")

    def _dot_not_drawn(self) -> None:
        """Rich text knows only solid underlines: a not-drawn place's (the only underlined links) becomes dotted."""
        dotted = QTextCharFormat()
        dotted.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        block = self.text.document().begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                style = fragment.charFormat()
                if style.isAnchor() and style.anchorHref().startswith("place:") and style.fontUnderline():
                    cursor = QTextCursor(self.text.document())
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                    cursor.mergeCharFormat(dotted)
                fragments += 1
            block = block.next()

    def _on_current(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        kind, key = item.data(0, KEY_ROLE)
        page = section_page(self.db, key) if kind == "section" else document_page(self.db, key)
        self.page, self.current_passage, self.figure = page, None, None
        self._render()

    def _on_link(self, url: QUrl) -> None:
        link = parse_href(url.toString())
        if link and link[0] == "feature":
            self.show_place_note("")
            self.feature_link_clicked.emit(link[1])
        elif link and link[0] == "place":
            self.open_place(link[1])

    def open_place(self, name: str) -> QMenu | None:
        """A register place clicked: a group selects its members, a place not drawn says why; a name with
        several candidates offers them in a menu (returned, already shown)."""
        try:
            entries = place_named(self.db, name)
        except StoreError:
            return None
        if len(entries) == 1:
            self._open_entry(entries[0])
            return None
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        for entry in entries:
            action = menu.addAction(entry.name)
            action.triggered.connect(lambda _checked=False, chosen=entry: self._open_entry(chosen))
        self.show_place_note(self.tr("“%1” may mean several places: pick one").replace("%1", name))
        menu.popup(QCursor.pos())
        return menu

    def _open_entry(self, entry: PlaceEntry) -> None:
        if entry.status == "drawn" and entry.feature_id:
            self.show_place_note("")
            self.feature_link_clicked.emit(entry.feature_id)
        elif entry.status == "group":
            members = formula_members(self.db, entry.name)
            self.show_place_note(place_explanation(entry, [self._name_of(m) for m in members]))
            self.group_link_clicked.emit(entry.name, members)
        else:
            self.show_place_note(place_explanation(entry))

    def _name_of(self, feature_id: str) -> str:
        found = find_feature(self.db, feature_id)
        return found.feature.name if found is not None else feature_id

    def show_place_note(self, text: str) -> None:
        self.place_note.setText(text)
        self.place_note.setVisible(bool(text))
