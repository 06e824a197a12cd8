"""Picking a passage or a target to link to the selected feature: type, pick from the search results."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from geodata.search import mark
from layers.search_results import SearchIndex

ID_ROLE = Qt.ItemDataRole.UserRole


class LinkPicker(QDialog):
    """kind "passage" lists plan passages, "target" lists targets; `chosen()` is the picked id."""

    def __init__(self, index: SearchIndex, kind: str, feature_name: str, parent=None) -> None:
        super().__init__(parent)
        self.index, self.kind = index, kind
        title = self.tr("Link a passage to %1") if kind == "passage" else self.tr("Link a target to %1")
        self.setWindowTitle(title.replace("%1", feature_name))
        self.resize(640, 420)
        self.edit = QLineEdit(feature_name)
        self.edit.setPlaceholderText(self.tr("Search plan text…") if kind == "passage" else self.tr("Search targets…"))
        self.results = QListWidget()
        self.results.setWordWrap(True)
        hint = QLabel(self.tr("Type words from the passage or target, then pick it."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Link"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (hint, self.edit, self.results, buttons):
            layout.addWidget(widget)
        self.edit.textChanged.connect(self.search)
        self.results.itemDoubleClicked.connect(lambda _item: self.accept())
        self.search(feature_name)

    def search(self, text: str) -> None:
        found = self.index.search(text, limit=30)
        self.results.clear()
        if self.kind == "passage":
            rows = [(h.passage_id, f"{mark(h.snippet, h.highlights)}\n{h.document_title} › {h.section_path}")
                    for h in found.passages]
        else:
            rows = [(t.target_id, f"{t.text}\n{t.detail}") for t in found.targets]
        for row_id, text in rows:
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, int(row_id))
            self.results.addItem(item)
        if rows:
            self.results.setCurrentRow(0)

    def chosen(self) -> int | None:
        item = self.results.currentItem()
        return item.data(ID_ROLE) if item is not None else None
