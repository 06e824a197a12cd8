"""A user's style for an imported layer: line colour and width, fill colour and opacity, label field."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QPushButton,
    QSpinBox,
)

from geodata.user_data import LayerStyleOverride
from layers.style import LayerStyle


class ColourButton(QPushButton):
    def __init__(self, colour: str, parent=None) -> None:
        super().__init__(parent)
        self.set_colour(colour)
        self.clicked.connect(self._choose)

    def set_colour(self, colour: str) -> None:
        self.colour = colour
        self.setText(colour)
        text = "#000" if QColor(colour).lightness() > 128 else "#fff"
        self.setStyleSheet(f"QPushButton{{background:{colour};color:{text};}}")

    def _choose(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.colour), self)
        if chosen.isValid():
            self.set_colour(chosen.name())


class LayerStyleDialog(QDialog):
    def __init__(self, layer: str, current: LayerStyle, fields: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Style of %1").replace("%1", layer))
        self.stroke = ColourButton(current.stroke)
        self.width = QDoubleSpinBox()
        self.width.setRange(0.1, 50.0)
        self.width.setSingleStep(0.5)
        self.width.setValue(current.stroke_width)
        self.fill = ColourButton(current.fill or current.stroke)
        self.opacity = QSpinBox()
        self.opacity.setRange(0, 100)
        self.opacity.setSuffix(" %")
        self.opacity.setValue(round(current.fill_opacity * 100))
        self.label = QComboBox()
        self.label.addItem(self.tr("(no labels)"), None)
        for field in fields:
            self.label.addItem(field, field)
        self.label.setCurrentIndex(max(0, self.label.findData(current.label_field)) if current.label_field else 0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Line colour"), self.stroke)
        form.addRow(self.tr("Line width (px)"), self.width)
        form.addRow(self.tr("Fill colour"), self.fill)
        form.addRow(self.tr("Fill opacity"), self.opacity)
        form.addRow(self.tr("Label field"), self.label)
        form.addRow(buttons)

    def chosen_style(self) -> LayerStyleOverride:
        return LayerStyleOverride(stroke=self.stroke.colour, fill=self.fill.colour,
                                  fill_opacity=self.opacity.value() / 100, stroke_width=self.width.value(),
                                  label_field=self.label.currentData())
