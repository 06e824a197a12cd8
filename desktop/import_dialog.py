"""Importing a file from the window: 文件 → 导入图层… or a file dropped on the window.

The options dialog offers what the core reads from the file (layers, attribute fields, the declared
CRS); the import itself is a store edit (desktop/store_edits.py) running geodata.imports.importer.import_file.
A refusal about the CRS reopens the options with the likely CRS preselected.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.messages import message_box, user_message
from desktop.store_edits import MANAGE
from geodata.imports.crs_choice import CRS_CHOICES, ImportRefused, declared_choice, resolve_crs
from geodata.imports.importer import ImportCancelled, ImportSummary, guess_name_field, import_file
from geodata.imports.sources import SourceLayer, attribute_fields, declared_crs, layers_in
from geodata.round_trip import local_store
from geodata.store import StoreError

translate = QCoreApplication.translate
FROM_FILE = "from-file"
OTHER_EPSG = "other-epsg"


def file_filters() -> str:
    """The file dialog's filters, one per format the core imports."""
    return ";;".join((
        translate("MainWindow", "All importable files (*.geojson *.json *.shp *.gpkg *.kml *.kmz *.csv)"),
        translate("MainWindow", "GeoJSON (*.geojson *.json)"), translate("MainWindow", "Shapefile (*.shp)"),
        translate("MainWindow", "GeoPackage (*.gpkg)"), translate("MainWindow", "KML / KMZ (*.kml *.kmz)"),
        translate("MainWindow", "CSV with longitude/latitude (*.csv)"),
    ))


@dataclass(frozen=True)
class ImportOptions:
    crs: str | None  # None: the file's own
    name_field: str | None
    layer_name: str | None
    source_layers: list[str] | None  # None: every layer with geometry


class ImportOptionsDialog(QDialog):
    """Layer name, name field, CRS and (for a GeoPackage or KML with several) the layers to import."""

    def __init__(self, source: Path, parent: QWidget | None = None, *, crs: str | None = None,
                 message: str | None = None) -> None:
        super().__init__(parent)
        self.source = Path(source)
        self.setWindowTitle(self.tr("Import layer: %1").replace("%1", self.source.name))
        self.setMinimumWidth(520)
        self.layers: tuple[SourceLayer, ...] = tuple(item for item in layers_in(self.source)
                                                     if item.geometry_type != "None")
        layout = QVBoxLayout(self)
        self.message = QLabel(message or "")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel{background:#fdecea;color:#8a1c12;border:1px solid #e6a39a;"
                                   "border-radius:3px;padding:6px;}")
        self.message.setVisible(bool(message))
        layout.addWidget(self.message)
        form = QFormLayout()
        self.layer_name = QLineEdit(self.source.stem if len(self.layers) <= 1 else "")
        self.layer_name.setPlaceholderText(self.tr("the source layer names"))
        form.addRow(self.tr("Layer name"), self.layer_name)
        self.picker = QListWidget()
        for item in self.layers:
            row = QListWidgetItem(f"{item.name}  ({item.geometry_type}, {item.features})")
            row.setData(Qt.ItemDataRole.UserRole, item.name)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked)
            self.picker.addItem(row)
        self.picker.setMaximumHeight(110)
        self.picker_label = QLabel(self.tr("Layers"))
        form.addRow(self.picker_label, self.picker)
        several = len(self.layers) > 1
        self.picker.setVisible(several)
        self.picker_label.setVisible(several)
        self.name_field = QComboBox()
        form.addRow(self.tr("Name field"), self.name_field)
        self.crs = QComboBox()
        self.epsg = QLineEdit()
        self.epsg.setPlaceholderText("EPSG:4547")
        form.addRow(self.tr("Coordinate system"), self.crs)
        form.addRow("", self.epsg)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._fill_fields()
        self._fill_crs(crs)
        self.picker.itemChanged.connect(lambda _item: self._fill_fields())
        self.crs.currentIndexChanged.connect(lambda _i: self.epsg.setVisible(self.crs.currentData() == OTHER_EPSG))

    def chosen_layers(self) -> list[str]:
        return [self.picker.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.picker.count())
                if self.picker.item(i).checkState() == Qt.CheckState.Checked]

    def _fill_fields(self) -> None:
        chosen = self.chosen_layers()
        fields = attribute_fields(self.source, chosen[0] if chosen else None)
        previous = self.name_field.currentData()
        self.name_field.clear()
        self.name_field.addItem(self.tr("(none: numbered names)"), None)
        for field in fields:
            self.name_field.addItem(field, field)
        wanted = previous if previous in fields else guess_name_field(fields)
        index = self.name_field.findData(wanted) if wanted else 0
        self.name_field.setCurrentIndex(max(index, 0))

    def _fill_crs(self, preselect: str | None) -> None:
        chosen = self.chosen_layers()
        declared = declared_choice(declared_crs(self.source, chosen[0] if chosen else None))
        if declared is not None:
            self.crs.addItem(self.tr("From the file: %1").replace("%1", f"{declared.key} {declared.label}"), FROM_FILE)
        for choice in CRS_CHOICES:
            self.crs.addItem(f"{choice.key}  {choice.label}", choice.key)
        self.crs.addItem(self.tr("Other EPSG code…"), OTHER_EPSG)
        index = self.crs.findData(preselect) if preselect else -1
        if preselect and index < 0:
            index = self.crs.findData(OTHER_EPSG)
            self.epsg.setText(preselect)
        self.crs.setCurrentIndex(max(index, 0))
        if declared is None and index < 0:
            self.crs.setCurrentIndex(-1)  # no silent guess: the user picks
            self.crs.setPlaceholderText(self.tr("The file does not say: choose…"))
        self.epsg.setVisible(self.crs.currentData() == OTHER_EPSG)

    def options(self) -> ImportOptions:
        data = self.crs.currentData()
        crs = None if data in (None, FROM_FILE) else (self.epsg.text().strip() if data == OTHER_EPSG else data)
        chosen = self.chosen_layers()
        return ImportOptions(
            crs=crs or None,
            name_field=self.name_field.currentData(),
            layer_name=self.layer_name.text().strip() or None,
            source_layers=chosen if len(self.layers) > 1 else None,
        )

    def accept(self) -> None:
        options = self.options()
        problem = None
        if self.crs.currentIndex() < 0:
            problem = self.tr("Choose the coordinate system the file's coordinates are in.")
        elif len(self.layers) > 1 and not options.source_layers:
            problem = self.tr("Tick at least one layer to import.")
        elif options.crs:
            try:
                resolve_crs(options.crs)
            except ImportRefused as error:
                problem = user_message(error)
        if problem:
            self.message.setText(problem)
            self.message.show()
            return
        super().accept()


def summary_text(summary: ImportSummary) -> str:
    """The after-import report: what was read, what came in, what was repaired or left out, and how."""
    lines = [
        translate("ImportRun", "Read %1 features from %2 (%3); imported %4.")
        .replace("%1", str(summary.features_read)).replace("%2", summary.source.name)
        .replace("%3", summary.format).replace("%4", str(summary.imported)),
        translate("ImportRun", "Layers: %1").replace(
            "%1", "、".join(f"{layer.name} ({layer.geometry_type}, {layer.features})" for layer in summary.layers)),
    ]
    if summary.repaired:
        lines.append(translate("ImportRun", "Repaired geometries: %1").replace("%1", str(summary.repaired)))
    if summary.skipped_empty:
        lines.append(translate("ImportRun", "Skipped without geometry: %1")
                     .replace("%1", str(summary.skipped_empty)))
    if summary.z_dropped:
        lines.append(translate("ImportRun", "Heights (Z) dropped: %1").replace("%1", str(summary.z_dropped)))
    if summary.split_by_type:
        lines.append(translate("ImportRun", "Mixed geometry types were split into one layer per type."))
    lines += [
        translate("ImportRun", "Encoding: %1").replace("%1", summary.encoding),
        translate("ImportRun", "Coordinate system: %1").replace("%1", summary.crs),
        translate("ImportRun", "Name field: %1")
        .replace("%1", summary.name_field or translate("ImportRun", "(none)")),
        translate("ImportRun", "Links to plan passages made: %1").replace("%1", str(summary.links)),
    ]
    return "\n".join(lines)


class ImportRun(QObject):
    """One import from the window: options → worker with progress → summary (or the refusal)."""

    done = Signal(object)  # the ImportSummary, or None when cancelled, refused or abandoned

    def __init__(self, window, source: Path) -> None:
        super().__init__(window)
        self.window = window
        self.source = Path(source)
        self.options_dialog: ImportOptionsDialog | None = None
        self.message_box: QMessageBox | None = None
        self.summary: ImportSummary | None = None
        self.outcome: str | None = None  # "imported", "cancelled", "refused", "abandoned"

    def start(self, crs: str | None = None, message: str | None = None) -> None:
        try:
            dialog = ImportOptionsDialog(self.source, self.window, crs=crs, message=message)
        except StoreError as error:
            self._finish("refused", error)
            return
        self.options_dialog = dialog
        dialog.accepted.connect(lambda: self.run(dialog.options()))
        dialog.rejected.connect(lambda: self._finish("abandoned"))
        dialog.open()

    def run(self, options: ImportOptions) -> None:
        source, store = self.source, self.window.session.store_path

        def work(progress):
            with local_store(store) as path:  # a team store: imported into a local copy, then copied back
                return import_file(path, source, crs=options.crs, name_field=options.name_field,
                                   layer_name=options.layer_name, source_layers=options.source_layers,
                                   progress=progress)

        self.window.edits.run(work, self.tr("Importing %1").replace("%1", source.name),
                              self.tr("Importing %1…").replace("%1", source.name), self._on_result, cancellable=True,
                              needs=MANAGE)

    def _on_result(self, summary, error) -> None:
        if isinstance(error, ImportCancelled):
            self.window.statusBar().showMessage(self.tr("Import cancelled; the store is unchanged."), 10000)
            self._finish("cancelled")
        elif isinstance(error, ImportRefused) and error.about_crs:
            self.start(crs=error.suggested_crs, message=user_message(error))
        elif error is not None:
            self._finish("refused", error)
        else:
            self.summary = summary
            names = "、".join(layer.name for layer in summary.layers)
            self.window.statusBar().showMessage(
                self.tr("Imported %1 features into %2").replace("%1", str(summary.imported)).replace("%2", names),
                15000)
            self.message_box = QMessageBox(QMessageBox.Icon.Information, self.tr("Import finished"),
                                           summary_text(summary), QMessageBox.StandardButton.Ok,
                                           self.window)
            self.message_box.setTextFormat(Qt.TextFormat.PlainText)
            self.message_box.open()
            self._finish("imported")

    def _finish(self, outcome: str, error: BaseException | None = None) -> None:
        """The end of the run; a refusal is shown in the user's language, with the reason in its details."""
        self.outcome = outcome
        if error is not None:
            self.message_box = message_box(self.window, self.tr("Import"), error)
        self.done.emit(self.summary if outcome == "imported" else None)


def choose_import_file(window) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(window, translate("MainWindow", "Import layer"), "", file_filters())
    return Path(path) if path else None
