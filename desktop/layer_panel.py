"""The layer panel: layers by group (行政区划 / 重点片区 / 交通, then imported ones), each with a legend
swatch, on/off, opacity, zoom-to-layer and a 示意 badge when it holds schematic geometry. Imported
layers have a context menu (style, rename, remove, export); the window does the work.

On/off and opacity live in the session: the panel writes them there and shows what the session says, so a
layer switched on by a selection is ticked here too."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMenu,
    QSizePolicy,
    QSlider,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.messages import plain_tooltip
from layers.page import PageLayer
from layers.session import Session
from layers.style import SCHEMATIC_LABEL, layer_style, styled

LAYER_ROLE = Qt.ItemDataRole.UserRole
GROUP_ORDER = ("行政区划", "重点片区", "交通")
IMPORTED_GROUP = "导入图层"  # geodata.feature_queries names the group of layers that are not built in
SWATCH = 18
SLIDER_WIDTH = 44
MAX_KEPT_HEIGHT = 320  # pixels of layer rows kept in view however small the window
BADGE_STYLE = ("QLabel{background:#fff3cd;color:#8a6d3b;border:1px solid #e0c36a;border-radius:3px;padding:0 1px;"
               "font-size:11px;}")


def swatch_icon(layer: PageLayer, override=None) -> QIcon:
    style = styled(layer_style(layer.name), override)
    pixmap = QPixmap(SWATCH, SWATCH)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(style.stroke), max(1.5, min(style.stroke_width, 4.0)))
    if layer.schematic:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    kind = layer.geometry_type.upper()
    if "POINT" in kind:
        painter.setBrush(QColor(style.fill or "#ffffff"))
        painter.drawEllipse(4, 4, SWATCH - 8, SWATCH - 8)
    elif "LINE" in kind:
        painter.drawLine(2, SWATCH - 4, SWATCH - 2, 4)
    else:
        fill = QColor(style.fill or style.stroke)
        fill.setAlphaF(max(0.25, style.fill_opacity))
        painter.setBrush(fill)
        painter.drawRect(2, 2, SWATCH - 5, SWATCH - 5)
    painter.end()
    return QIcon(pixmap)


def zoom_icon() -> QIcon:
    """A magnifier: the zoom-to-layer button needs no words, so the layer's title keeps the column's width."""
    pixmap = QPixmap(SWATCH, SWATCH)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#3c4650"), 2.0))
    painter.drawEllipse(2, 2, 10, 10)
    painter.drawLine(11, 11, SWATCH - 2, SWATCH - 2)
    painter.end()
    return QIcon(pixmap)


class LayerPanel(QWidget):
    zoom_requested = Signal(str)
    style_requested = Signal(str)
    rename_requested = Signal(str)
    remove_requested = Signal(str)
    export_requested = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("Layer"), "", self.tr("Opacity"), ""])
        self.tree.setIconSize(QSize(SWATCH, SWATCH))
        self.tree.setRootIsDecorated(True)
        self.tree.setIndentation(14)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.tree)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.items: dict[str, QTreeWidgetItem] = {}
        self.sliders: dict[str, QSlider] = {}
        self.imported: set[str] = set()
        self.tree.itemChanged.connect(self._on_item_changed)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._show_menu)
        session.events.visibility.connect(self.set_visible)
        session.events.opacity.connect(self._show_opacity)

    def menu_for(self, layer: str) -> QMenu | None:
        """The context menu of an imported layer (built-in layers have none: they are rebuilt from the data)."""
        if layer not in self.imported:
            return None
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        edit, manage = self.session.edit_refusal, self.session.manage_refusal  # exporting only reads
        for text, signal, refusal in ((self.tr("Style…"), self.style_requested, edit),
                                      (self.tr("Rename…"), self.rename_requested, manage),
                                      (self.tr("Remove"), self.remove_requested, manage),
                                      (self.tr("Export layer…"), self.export_requested, None)):
            action = menu.addAction(text)
            action.triggered.connect(lambda _=False, s=signal: s.emit(layer))
            if refusal is not None:
                action.setEnabled(False)
                action.setToolTip(refusal)
        return menu

    def _show_menu(self, position: QPoint) -> None:
        item = self.tree.itemAt(position)
        layer = item.data(0, LAYER_ROLE) if item is not None else None
        menu = self.menu_for(layer) if layer else None
        if menu is not None:
            menu.exec(self.tree.viewport().mapToGlobal(position))

    def set_layers(self, layers: tuple[PageLayer, ...] | list[PageLayer], styles: dict | None = None) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        self.items.clear()
        self.sliders.clear()
        self.imported = {layer.name for layer in layers if layer.group == IMPORTED_GROUP}
        styles = styles or {}
        groups: dict[str, QTreeWidgetItem] = {}
        ordered = sorted({layer.group for layer in layers},
                         key=lambda g: GROUP_ORDER.index(g) if g in GROUP_ORDER else len(GROUP_ORDER))
        for group in ordered:
            item = QTreeWidgetItem(self.tree, [group])
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            groups[group] = item
        for layer in layers:
            state = self.session.layer(layer.name)  # None: a layer the session has not been told of shows as new
            item = QTreeWidgetItem(groups[layer.group], [layer.title])
            item.setData(0, LAYER_ROLE, layer.name)
            item.setIcon(0, swatch_icon(layer, styles.get(layer.name)))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            shown = state is None or state.visible
            item.setCheckState(0, Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked)
            item.setToolTip(0, plain_tooltip(f"{layer.title}: {layer.features} ({layer.name})"))
            self.items[layer.name] = item
            if layer.schematic:
                badge = QLabel(SCHEMATIC_LABEL)
                badge.setTextFormat(Qt.TextFormat.PlainText)
                badge.setToolTip(self.tr("Contains schematic geometry drawn from the plan text, not survey data."))
                badge.setStyleSheet(BADGE_STYLE)
                self.tree.setItemWidget(item, 1, badge)
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(0, 100)
            slider.setValue(100 if state is None else round(100 * state.opacity))
            slider.setFixedWidth(SLIDER_WIDTH)
            slider.setToolTip(self.tr("Opacity"))
            slider.valueChanged.connect(lambda value, name=layer.name: self.session.set_opacity(name, value / 100))
            self.tree.setItemWidget(item, 2, slider)
            self.sliders[layer.name] = slider
            zoom = QToolButton()
            zoom.setIcon(zoom_icon())
            zoom.setAccessibleName(self.tr("Zoom to layer"))
            zoom.setToolTip(self.tr("Zoom to layer"))
            zoom.setAutoRaise(True)
            zoom.clicked.connect(lambda _=False, name=layer.name: self.zoom_requested.emit(name))
            self.tree.setItemWidget(item, 3, zoom)
        self.tree.expandAll()
        # Every row stays in view when the window gets smaller (other docks in the column give way), up to a
        # height past which the list scrolls.
        self.setMinimumHeight(min(self.content_height(), MAX_KEPT_HEIGHT))
        self.updateGeometry()  # a new height for the dock
        self.tree.blockSignals(False)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """As tall as its rows: the dock gives the panel that height and the rest of the column to others."""
        return QSize(super().sizeHint().width(), self.content_height())

    def content_height(self) -> int:
        """The height that shows every group and layer row without scrolling."""
        rows, item = 0, self.tree.topLevelItem(0)
        while item is not None:
            rows += 1
            item = self.tree.itemBelow(item)
        row = self.tree.sizeHintForRow(0) if rows else 0
        margins = self.layout().contentsMargins()
        return (self.tree.header().sizeHint().height() + rows * max(row, SWATCH + 4) + 2 * self.tree.frameWidth()
                + margins.top() + margins.bottom() + 2)

    def set_visible(self, layer: str, visible: bool) -> None:
        item = self.items.get(layer)
        if item is not None:
            item.setCheckState(0, Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)

    def _show_opacity(self, layer: str, opacity: float) -> None:
        slider = self.sliders.get(layer)
        if slider is not None:
            slider.setValue(round(100 * opacity))

    def is_visible(self, layer: str) -> bool:
        item = self.items.get(layer)
        return item is not None and item.checkState(0) == Qt.CheckState.Checked

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        name = item.data(0, LAYER_ROLE)
        if name and column == 0:
            self.session.set_visible(name, item.checkState(0) == Qt.CheckState.Checked)
