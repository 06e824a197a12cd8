"""The export dialog: widgets that fill an ExportOptions from the session's ExportContext and hand it to
layers/ (export_options → print_render, html_export). Nothing here draws a map.

Every render runs on one shared worker thread (matplotlib's pyplot is not thread-safe), so the window never
waits for a preview, a 300-dpi page or a batch of sheets.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.jobs import show_error, start_job
from geodata.store import connect
from layers.choropleth import Choropleth, export_choropleth, print_layout, print_scene
from layers.export import FORMATS, export, format_for
from layers.export_options import DEFAULT_TITLE, ExportOptions, page_layout
from layers.map_scene import CITY_LAYER, MapScene, load_scene
from layers.print_layout import DPI_RANGE, PAPER_SIZES_MM, Extent, PageLayout
from layers.print_render import render_bytes
from layers.session import ExportContext

PREVIEW_DPI = 60
PREVIEW_DEBOUNCE_MS = 250
CHOROPLETH_LAYERS = ("neighbours", CITY_LAYER)  # under the indicator's classes, as the 指标 dock prints them
CHOROPLETH_FORMATS = ("png", "pdf", "svg")  # the print renderer's; the interactive HTML page has no choropleth


# -- the dialog ------------------------------------------------------------------------------------------
class ExportDialog(QDialog):
    preview_ready = Signal()
    preview_failed = Signal(str)
    exported = Signal(str)
    copied = Signal()
    failed = Signal(str)

    def __init__(self, context: ExportContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Export map"))
        self._scene: MapScene | None = None
        self._preview_busy = False
        self._preview_again = False
        self.preview_image: QImage | None = None
        self.error_box: QMessageBox | None = None
        self._build()
        self.resize(1080, 780)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh_preview)
        for combo in (self.content, self.paper, self.orientation, self.extent, self.layer):
            combo.currentIndexChanged.connect(self._changed)
        for edit in (self.title_edit, self.subtitle, self.review_number):
            edit.textChanged.connect(self._changed)
        for box in (self.legend, self.scale_bar, self.north_arrow, self.overview):
            box.toggled.connect(self._changed)
        self.extent.currentIndexChanged.connect(self._on_extent_changed)
        self.content.currentIndexChanged.connect(self._on_content_changed)
        self._on_extent_changed()
        self.refresh_preview()

    def _build(self) -> None:
        form = QFormLayout()
        self.content = QComboBox()  # offered only when the 指标 dock shows an indicator map
        self.content.addItem(self.tr("Current map"), "map")
        if self.context.choropleth is not None:
            self.content.addItem(self.tr("Indicator map (%1)").replace("%1", self.context.choropleth.indicator),
                                 "choropleth")
            self.content.setToolTip(self.context.choropleth.title)
        self._before = (0, 0)  # the extent and orientation chosen for the current map
        self.paper = QComboBox()
        for paper in PAPER_SIZES_MM:
            self.paper.addItem(paper, paper)
        self.orientation = QComboBox()
        self.orientation.addItem(self.tr("Portrait"), False)
        self.orientation.addItem(self.tr("Landscape"), True)
        self.extent = QComboBox()
        if self.context.view_bbox is not None:
            self.extent.addItem(self.tr("Current map view"), "view")
        if self.context.selected is not None:
            self.extent.addItem(self.tr("Selected feature: %1").replace("%1", self.context.selected[1]), "feature")
        self.extent.addItem(self.tr("A layer"), "layer")
        self.extent.addItem(self.tr("Whole city"), "city")
        self.layer = QComboBox()
        for name, title in self.context.layers:
            self.layer.addItem(title, name)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(DEFAULT_TITLE)
        self.subtitle = QLineEdit()
        self.legend = QCheckBox(self.tr("Legend"))
        self.scale_bar = QCheckBox(self.tr("Scale bar"))
        self.north_arrow = QCheckBox(self.tr("North arrow"))
        self.overview = QCheckBox(self.tr("Overview map"))
        for box in (self.legend, self.scale_bar, self.north_arrow):
            box.setChecked(True)
        self.review_number = QLineEdit()
        self.review_number.setPlaceholderText(self.tr("e.g. 粤S(2025)001号"))
        self.dpi = QSpinBox()
        self.dpi.setRange(*DPI_RANGE)
        self.dpi.setValue(300)
        self.dpi.setSuffix(" dpi")
        self.format = QComboBox()
        for fmt in FORMATS:
            self.format.addItem(fmt.upper(), fmt)
        self.format.currentIndexChanged.connect(self._on_output_changed)
        self.dpi.valueChanged.connect(self._on_output_changed)
        self.visible_note = QLabel(self.tr("Layers: those switched on in the layer panel (%1)")
                                   .replace("%1", str(len(self.context.visible))))
        self.visible_note.setWordWrap(True)
        self.format_note = QLabel(self.tr("HTML (the interactive map) is not available for the indicator map; "
                                          "it is printed as PNG, PDF or SVG."))
        self.format_note.setWordWrap(True)
        self.format_note.setVisible(False)

        if self.context.choropleth is not None:
            form.addRow(self.tr("Map content"), self.content)
        form.addRow(self.tr("Paper"), self.paper)
        form.addRow(self.tr("Orientation"), self.orientation)
        form.addRow(self.tr("Extent"), self.extent)
        form.addRow(self.tr("Layer"), self.layer)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Subtitle"), self.subtitle)
        checks = QVBoxLayout()
        for box in (self.legend, self.scale_bar, self.north_arrow, self.overview):
            checks.addWidget(box)
        form.addRow(self.tr("Show"), checks)
        form.addRow(self.tr("Map review no. (审图号)"), self.review_number)
        form.addRow(self.tr("Resolution"), self.dpi)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.format_note)
        form.addRow(self.visible_note)

        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(520, 560)
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.preview.setStyleSheet("QLabel{background:#8a8f96;}")
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addWidget(self.status)

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("Copy image"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setDefault(True)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_image)
        self.export_button.clicked.connect(self.choose_and_export)

        left = QWidget()
        left.setLayout(form)
        left.setMinimumWidth(330)
        top = QHBoxLayout()
        top.addWidget(left)
        top.addLayout(right, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(top, 1)
        outer.addWidget(buttons)

    # -- options ------------------------------------------------------------------------------------
    def chosen_extent(self) -> Extent:
        kind = self.extent.currentData()
        if kind == "view":
            return Extent.view(self.context.view_bbox)
        if kind == "feature":
            return Extent.feature(self.context.selected[0])
        if kind == "layer":
            return Extent.layer(self.layer.currentData())
        return Extent.city()

    def options(self) -> ExportOptions:
        return ExportOptions(
            paper=self.paper.currentData(), landscape=bool(self.orientation.currentData()), dpi=self.dpi.value(),
            extent=self.chosen_extent(), title=self.title_edit.text().strip() or None,
            subtitle=self.subtitle.text().strip(), layers=self.context.visible, legend=self.legend.isChecked(),
            scale_bar=self.scale_bar.isChecked(), north_arrow=self.north_arrow.isChecked(),
            overview=self.overview.isChecked(), review_number=self.review_number.text().strip() or None,
        )

    def chosen_choropleth(self) -> Choropleth | None:
        """The 指标 dock's indicator map when 地图内容 asks for it, else None (the current map)."""
        return self.context.choropleth if self.content.currentData() == "choropleth" else None

    def _page(self, options: ExportOptions, scene: MapScene, choropleth: Choropleth | None
              ) -> tuple[PageLayout, MapScene]:
        """The page to render and the scene it draws: the current map, or the indicator map the dock prints
        (layers/choropleth.py puts the indicator's classes in place of the districts)."""
        if choropleth is None:
            return page_layout(options, scene), scene
        coloured = print_scene(scene, choropleth)
        return print_layout(self._choropleth_base(options, scene), choropleth, coloured), coloured

    @staticmethod
    def _choropleth_base(options: ExportOptions, scene: MapScene) -> PageLayout:
        """The dialog's paper, titles and furniture over the whole city with the districts and their neighbours:
        the layout export_choropleth prints the indicator's classes on."""
        layers = tuple(name for name in CHOROPLETH_LAYERS if name in scene.layers)
        return page_layout(replace(options, extent=Extent.city(), layers=layers), scene)

    def _feature_name(self) -> str | None:
        if self.chosen_choropleth() is not None:
            return self.context.choropleth.title
        return self.context.selected[1] if self.extent.currentData() == "feature" else None

    def _on_content_changed(self) -> None:
        """The indicator map is the whole city in landscape, as the dock prints it, and has no HTML page."""
        choropleth = self.chosen_choropleth() is not None
        html = self.format.findData("html")
        self.format.model().item(html).setEnabled(not choropleth)
        self.format_note.setVisible(choropleth)
        if choropleth:
            if self.format.currentData() not in CHOROPLETH_FORMATS:
                self.format.setCurrentIndex(self.format.findData("png"))
            self._before = (self.extent.currentIndex(), self.orientation.currentIndex())
            self.extent.setCurrentIndex(self.extent.findData("city"))
            self.orientation.setCurrentIndex(self.orientation.findData(True))
            self.visible_note.setText(self.tr("Layers: the districts coloured by %1, and the neighbouring cities")
                                      .replace("%1", self.context.choropleth.indicator))
        else:
            self.extent.setCurrentIndex(self._before[0])
            self.orientation.setCurrentIndex(self._before[1])
            self.visible_note.setText(self.tr("Layers: those switched on in the layer panel (%1)")
                                      .replace("%1", str(len(self.context.visible))))
        self.extent.setEnabled(not choropleth)
        self._on_extent_changed()

    def _on_extent_changed(self) -> None:
        kind = self.extent.currentData()
        self.layer.setEnabled(kind == "layer" and self.chosen_choropleth() is None)
        self.overview.setChecked(kind != "city")
        self.title_edit.setPlaceholderText(self._feature_name() or DEFAULT_TITLE)

    def _on_output_changed(self) -> None:
        self.dpi.setEnabled(self.format.currentData() == "png")
        if self.preview_image is not None and not self._preview_busy:
            self._show_status()

    def _changed(self) -> None:
        self._timer.start()

    def _scene_once(self) -> MapScene:
        """The store read once per dialog, on the render thread; every preview draws from it."""
        if self._scene is None:
            with connect(self.context.store_path) as db:
                self._scene = load_scene(db)
        return self._scene

    # -- preview ------------------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        if self._preview_busy:
            self._preview_again = True
            return
        options = replace(self.options(), dpi=PREVIEW_DPI)
        choropleth = self.chosen_choropleth()
        self._preview_busy = True
        self.status.setText(self.tr("Rendering preview…"))

        def work() -> bytes:
            return render_bytes(*self._page(options, self._scene_once(), choropleth), "png")

        start_job(work, self._on_preview, self._on_preview_failed)

    def _preview_done(self) -> bool:
        self._preview_busy = False
        if self._preview_again:
            self._preview_again = False
            self.refresh_preview()
            return False
        return True

    def _on_preview(self, data: bytes) -> None:
        if not self._preview_done():
            return
        self.preview_image = QImage.fromData(data, "PNG")
        self._show_preview()
        self._show_status()
        self.preview_ready.emit()

    def _show_status(self) -> None:
        if self.format.currentData() == "png":
            width, height = self._pixel_size()
            text = self.tr("Preview (%1 × %2 px at %3 dpi when exported)")
            self.status.setText(text.replace("%1", str(width)).replace("%2", str(height))
                                .replace("%3", str(self.dpi.value())))
        elif self.format.currentData() == "html":
            self.status.setText(self.tr("Preview of the printed page; HTML exports an interactive offline map"))
        else:
            self.status.setText(self.tr("Preview (vector %1)").replace("%1", self.format.currentData().upper()))

    def _on_preview_failed(self, message: str) -> None:
        if not self._preview_done():
            return
        self.preview_image = None
        self.preview.setPixmap(QPixmap())
        self.preview.setText(message)
        self.status.setText(self.tr("Cannot preview this layout"))
        self.preview_failed.emit(message)

    def _pixel_size(self) -> tuple[int, int]:
        layout = PageLayout(paper=self.paper.currentData(), landscape=bool(self.orientation.currentData()),
                            dpi=self.dpi.value())
        return layout.pixel_size

    def _show_preview(self) -> None:
        if self.preview_image is None:
            return
        pixmap = QPixmap.fromImage(self.preview_image)
        ratio = self.preview.devicePixelRatioF()
        size = self.preview.contentsRect().size() * ratio
        scaled = pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        scaled.setDevicePixelRatio(ratio)
        self.preview.setPixmap(scaled)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._show_preview()

    # -- export -------------------------------------------------------------------------------------
    def suggested_name(self, fmt: str) -> str:
        options = self.options()
        name = options.title or self._feature_name() or DEFAULT_TITLE
        return "".join("_" if c in '\\/:*?"<>|' else c for c in name) + f".{fmt}"

    def choose_and_export(self) -> None:
        """Ask for a file name with the format's suffix (Qt's dialog asks before replacing a file)."""
        fmt = self.format.currentData()
        dialog = QFileDialog(self, self.tr("Export map"), self.suggested_name(fmt),
                             f"{fmt.upper()} (*.{fmt})")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(fmt)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return
        self.export_to(Path(dialog.selectedFiles()[0]), overwrite=True)

    def export_to(self, path: Path, overwrite: bool = False) -> None:
        """Write the page to `path` on the render thread; the format follows the suffix. `exported(path)` or
        `failed(message)` reports the end; an existing file is kept unless `overwrite` (the user agreed)."""
        path = Path(path)
        choropleth = self.chosen_choropleth()
        if format_for(path) is None:
            self._fail(self.tr("The file name must end in .png, .pdf, .svg or .html."))
            return
        if choropleth is not None and format_for(path) not in CHOROPLETH_FORMATS:
            self._fail(self.tr("The indicator map is printed as PNG, PDF or SVG; choose a name ending in .png, "
                               ".pdf or .svg."))
            return
        if path.exists() and not overwrite:
            self._fail(self.tr("%1 exists already; choose another name.").replace("%1", str(path)))
            return
        options = self.options()
        store = self.context.store_path

        def work() -> str:
            if choropleth is not None:  # the page the 指标 dock prints, on the dialog's paper
                layout = self._choropleth_base(options, self._scene_once())
                return str(export_choropleth(store, choropleth, path, layout=layout, overwrite=True))
            return str(export(store, options, path, overwrite=True, scene=self._scene_once()))

        self._busy(self.tr("Exporting %1…").replace("%1", path.name))
        start_job(work, self._on_exported, self._fail)

    def _on_exported(self, path: str) -> None:
        self._busy(None)
        self.status.setText(self.tr("Saved %1").replace("%1", path))
        self.exported.emit(path)

    def copy_image(self) -> None:
        """The page as a PNG at the chosen dpi, on the clipboard."""
        options = self.options()
        choropleth = self.chosen_choropleth()

        def work() -> bytes:
            return render_bytes(*self._page(options, self._scene_once(), choropleth), "png")

        self._busy(self.tr("Rendering the image…"))
        start_job(work, self._on_copied, self._fail)

    def _on_copied(self, data: bytes) -> None:
        self._busy(None)
        QGuiApplication.clipboard().setImage(QImage.fromData(data, "PNG"))
        self.status.setText(self.tr("The image is on the clipboard"))
        self.copied.emit()

    def _busy(self, message: str | None) -> None:
        for button in (self.export_button, self.copy_button):
            button.setEnabled(message is None)
        if message:
            self.status.setText(message)
        if message is None:
            QGuiApplication.restoreOverrideCursor()
        else:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

    def _fail(self, message: str) -> None:
        if not self.export_button.isEnabled():
            self._busy(None)
        self.status.setText(message)
        self.error_box = show_error(self, self.tr("Export map"), message)
        self.failed.emit(message)
