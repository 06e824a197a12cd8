"""The commitment-sheets batch in the window: choose which features, then render on the render thread with
a progress dialog whose Cancel stops the batch."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

from desktop.jobs import RENDERS, Job, JobProgress, show_error
from geodata.progress import Progress
from geodata.store import connect
from geodata.store_address import StoreAddress
from layers.session import Session, export_context
from layers.sheets import SheetsResult, layer_sheet_title, render_sheets, sheet_features


class SheetsRun(QObject):
    """A batch of commitment sheets into one PDF on the render thread, with a progress dialog whose Cancel
    stops the batch at the next sheet (render_sheets then writes nothing)."""

    progressed = Signal(int, int)
    finished = Signal(object)  # SheetsResult
    failed = Signal(str)

    def __init__(self, store_path: StoreAddress, out: Path, *, layer: str | None = None,
                 feature_ids: list[str] | None = None, title: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store_path, self.out, self.layer, self.feature_ids, self.title = \
            store_path, Path(out), layer, feature_ids, title
        self.result: SheetsResult | None = None
        self.error_box: QMessageBox | None = None
        self.job = Job(self._work, reports=True)
        self.job.progress.connect(self.progressed)
        self.job.done.connect(self._on_done)
        self.job.failed.connect(self._on_failed)
        self.progress = JobProgress(self.job, self.tr("Commitment sheets"), self.tr("Rendering commitment sheets…"),
                                    parent, cancelling=self.tr("Cancelling…"), describe=self._describe)

    def cancel(self) -> None:
        self.job.cancel()

    def start(self) -> None:
        self.progress.show()
        self.job.start(RENDERS)

    def _work(self, progress: Progress) -> SheetsResult:
        """On the render thread; `progress` returning False stops the batch."""
        ids = self.feature_ids
        if ids is None:
            with connect(self.store_path) as db:
                ids = sheet_features(db, self.layer)
        return render_sheets(self.store_path, ids, self.out, progress=progress, overwrite=True, title=self.title)

    def _describe(self, done: int, total: int) -> str:
        return self.tr("Rendering commitment sheets… %1 of %2").replace("%1", str(done)).replace("%2", str(total))

    def _on_done(self, result: SheetsResult) -> None:
        self.result = result
        self.progress.close()
        self.finished.emit(result)

    def _on_failed(self, message: str) -> None:
        self.progress.close()
        self.error_box = show_error(self.progress.parentWidget(), self.tr("Commitment sheets"), message)
        self.failed.emit(message)


def choose_sheets(session: Session, window: QWidget) -> SheetsRun | None:
    """Ask which features (the selected one or a whole layer) and where, then start the batch."""
    context = export_context(session)
    choices: list[tuple[str, str | None, list[str] | None, str]] = []  # (label, layer, ids, title)
    if context.selected is not None:
        fid, name = context.selected
        label = QCoreApplication.translate("ExportDialog", "Selected feature: %1")
        choices.append((label.replace("%1", name), None, [fid], name))
    for name, title in context.layers:
        label = QCoreApplication.translate("ExportDialog", "Every feature of the layer %1")
        choices.append((label.replace("%1", title), name, None, layer_sheet_title(name, None)))
    labels = [label for label, *_ in choices]
    heading = QCoreApplication.translate("ExportDialog", "Export commitment sheets")
    label, ok = QInputDialog.getItem(window, heading, QCoreApplication.translate("ExportDialog", "Sheets for:"),
                                     labels, 0, False)
    if not ok:
        return None
    _, layer, ids, title = choices[labels.index(label)]
    dialog = QFileDialog(window, heading, f"{title}.pdf", "PDF (*.pdf)")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix("pdf")
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    run = SheetsRun(context.store_path, Path(dialog.selectedFiles()[0]), layer=layer, feature_ids=ids,
                    title=title, parent=window)
    run.start()
    return run
