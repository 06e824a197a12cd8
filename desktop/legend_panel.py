"""The window's legend: what the visible layers' symbols mean, in Chinese, beside the layer panel.

Built from the same Qt-free model as the printed legend (layers/legend.py window_legend): one row per look
(kind, or layer), metro lines as one row of their line colours, schematic rows dashed and marked 示意, the
selection outline while a feature is selected, and the 示意 note. It follows the session: layers shown or
hidden, the selection, a store reopened after an edit.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QGridLayout,
    QLabel,
    QMainWindow,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from layers.legend import Legend, LegendEntry, LegendItems, legend_items, legend_of
from layers.session import Session
from layers.style import SCHEMATIC_DASH

TITLE = "图例"
SWATCH = QSize(34, 16)
MIN_HEIGHT = 170  # enough for six rows and the note beside a layer panel at 1366×768
PREFERRED_HEIGHT = 330


def dash_pattern(pattern: str | None, width: float) -> list[float]:
    """A CSS-pixel dash pattern ("6 4") in the pen-width units QPen.setDashPattern takes."""
    lengths = [float(n) for n in (pattern or SCHEMATIC_DASH).replace(",", " ").split()]
    return [max(length / max(width, 0.5), 0.5) for length in lengths]


def swatch(entry: LegendEntry, size: QSize = SWATCH, ratio: float = 1.0) -> QPixmap:
    """The entry's symbol as the map draws it: an area with its outline, a line (with its casing, or in
    several line colours), a point; dashed where the entry is schematic."""
    pixmap = QPixmap(size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    style = entry.style
    w, h = size.width(), size.height()

    def pen(colour: str, width: float, dashed: bool) -> QPen:
        line = QPen(QColor(colour), width)
        line.setCapStyle(Qt.PenCapStyle.FlatCap)
        if dashed:
            line.setDashPattern(dash_pattern(style.dash, width))
        return line

    width = min(max(style.stroke_width, 1.0), 6.0)
    if entry.symbol == "polygon":
        fill = QColor(style.fill or style.stroke)
        fill.setAlphaF(max(style.fill_opacity, 0.2))
        painter.setBrush(QBrush(fill))
        painter.setPen(pen(style.stroke, min(width, 3.0), entry.schematic))
        painter.drawRect(QRectF(2, 2, w - 4, h - 4))
    elif entry.symbol == "line":
        y = h / 2
        colours = entry.colours or (style.stroke,)
        part = (w - 2) / len(colours)
        if style.casing and style.casing_width and not entry.colours:
            painter.setPen(pen(style.casing, min(style.casing_width, 9.0), entry.schematic))
            painter.drawLine(QPointF(1, y), QPointF(w - 1, y))
        for index, colour in enumerate(colours):
            painter.setPen(pen(colour, width, entry.schematic and not entry.colours))
            painter.drawLine(QPointF(1 + index * part, y), QPointF(1 + (index + 1) * part, y))
    else:
        painter.setBrush(QBrush(QColor(style.fill or "#ffffff")))
        painter.setPen(pen(style.stroke, 1.5, False))
        radius = min(style.radius, h / 2 - 2)
        painter.drawEllipse(QPointF(w / 2, h / 2), radius, radius)
    painter.end()
    return pixmap


class LegendPanel(QWidget):
    """The legend of what the map shows now."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.legend: Legend | None = None
        self.items: LegendItems | None = None  # read once per store or page, then filtered by what is shown
        self.rows = QWidget()
        self.grid = QGridLayout(self.rows)
        self.grid.setContentsMargins(6, 6, 6, 6)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(3)
        self.grid.setColumnStretch(1, 1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setStyleSheet("color:#555;")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.rows)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.note)
        self.note.setContentsMargins(6, 0, 6, 0)
        events = session.events
        for event in (events.layers, events.store):
            event.connect(self._reread)
        for event in (events.visibility, events.selection):
            event.connect(self._refresh)
        self.refresh()

    def _reread(self, *_args) -> None:
        self.items = None
        self.refresh()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(280, PREFERRED_HEIGHT)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(200, MIN_HEIGHT)

    def _refresh(self, *_args) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Show the legend of the visible layers (the store may be released during an edit: keep the legend
        shown until it is back)."""
        if self.items is None:
            if self.session.db is None:
                return
            self.items = legend_items(self.session.db)
        selected = self.session.selection.feature_id is not None
        legend = legend_of(self.items, self.session.visible_layers(), selected=selected)
        if legend != self.legend:  # a click on another feature leaves it as it is: no rows rebuilt (~9 ms)
            self.legend = legend
            self._show(legend)

    def texts(self) -> list[str]:
        """The rows' texts, top to bottom, as shown."""
        return [entry.text() for entry in self.legend.entries] if self.legend else []

    def _show(self, legend: Legend) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        ratio = self.devicePixelRatioF() or 1.0
        for row, entry in enumerate(legend.entries):
            symbol = QLabel()
            symbol.setPixmap(swatch(entry, SWATCH, ratio))
            symbol.setFixedSize(SWATCH)
            text = QLabel(entry.text())
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setWordWrap(True)
            self.grid.addWidget(symbol, row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(text, row, 1)
        if not legend.entries:
            empty = QLabel("（没有显示的图层）")
            empty.setStyleSheet("color:#777;")
            self.grid.addWidget(empty, 0, 0, 1, 2)
        self.grid.setRowStretch(len(legend.entries) + 1, 1)
        self.note.setText(legend.note or "")
        self.note.setVisible(bool(legend.note))


def add_legend_dock(window: QMainWindow, session: Session, below: QDockWidget | None = None,
                    view_menu=None) -> QDockWidget:
    """A 图例 dock for `window`: under the `below` dock (the layer panel) when given, else on the left;
    its show/hide action in `view_menu` when given."""
    dock = QDockWidget(TITLE, window)
    dock.setObjectName("dock-legend")
    dock.setWidget(LegendPanel(session))
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                     | QDockWidget.DockWidgetFeature.DockWidgetClosable
                     | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    if below is not None:
        window.splitDockWidget(below, dock, Qt.Orientation.Vertical)
    if view_menu is not None:
        view_menu.addAction(dock.toggleViewAction())
    return dock
