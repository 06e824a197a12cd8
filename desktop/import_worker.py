"""Store edits off the UI thread: an import (or a layer rename, removal, export) runs on a QThread
while a progress dialog shows how far it is and offers Cancel.

The core's progress(done, total) callback is called on the worker; it only emits a signal and reads a
flag, so the UI thread never waits for the worker and the worker never touches a widget.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

Progress = Callable[[int, int], bool]
PROGRESS_STEPS = 1000  # the dialog's range: the core's totals can exceed an int's comfortable range


class StoreJob(QThread):
    """Runs `work(progress)` once; afterwards `result` or `error` holds what came of it."""

    progressed = Signal(int, int)  # done, total (0: size unknown yet)

    def __init__(self, work: Callable[[Progress], object], parent=None) -> None:
        super().__init__(parent)
        self.work = work
        self.result: object = None
        self.error: BaseException | None = None
        self.cancel_requested = False

    def cancel(self) -> None:
        self.cancel_requested = True

    def report(self, done: int, total: int) -> bool:
        self.progressed.emit(int(done), int(total))
        return not self.cancel_requested

    def run(self) -> None:
        try:
            self.result = self.work(self.report)
        except Exception as error:  # noqa: BLE001 - handed to the UI thread, which shows it
            self.error = error


class JobProgress(QProgressDialog):
    """A window-modal progress dialog for one StoreJob: a busy bar while the total is unknown, Cancel
    asks the job to stop (the core then raises and leaves the store as it was)."""

    def __init__(self, job: StoreJob, title: str, label: str, parent: QWidget, cancellable: bool = True) -> None:
        super().__init__(label, QCoreApplication.translate("JobProgress", "Cancel"), 0, 0, parent)
        self.job = job
        self.setWindowTitle(title)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(420)
        if not cancellable:
            self.setCancelButton(None)
        self.canceled.connect(self._cancel)
        job.progressed.connect(self._show)
        job.finished.connect(self.close)

    def _show(self, done: int, total: int) -> None:
        if total <= 0:
            self.setRange(0, 0)
            return
        self.setRange(0, PROGRESS_STEPS)
        self.setValue(min(PROGRESS_STEPS, round(PROGRESS_STEPS * done / total)))

    def _cancel(self) -> None:
        self.job.cancel()
        self.setLabelText(QCoreApplication.translate("JobProgress", "Cancelling… the store stays as it was."))
        self.show()  # QProgressDialog hides itself on cancel; keep it up until the worker has stopped


def start_job(work: Callable[[Progress], object], parent: QWidget, title: str, label: str,
              on_done: Callable[[StoreJob], None], cancellable: bool = True) -> StoreJob:
    """Start `work` on a worker with a progress dialog; `on_done(job)` runs on the UI thread when it ends."""
    job = StoreJob(work, parent)
    job.dialog = JobProgress(job, title, label, parent, cancellable)
    job.finished.connect(lambda: on_done(job))
    job.dialog.open()
    job.start()
    return job
