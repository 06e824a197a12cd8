"""The render thread: every export job (preview, page, clipboard image, sheets) runs on one worker thread,
because matplotlib's pyplot is not thread-safe; results and error messages come back as signals."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

_pool: QThreadPool | None = None


def render_pool() -> QThreadPool:
    """One thread for every render in the process: previews, exports and sheets queue behind each other."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


class JobSignals(QObject):
    done = Signal(object)
    failed = Signal(str)
    ended = Signal()


class Job(QRunnable):
    """Runs `work()` on the render thread; its result or its error message comes back as a signal."""

    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__()
        self.work = work
        self.signals = JobSignals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self.work()
        except (ValueError, OSError) as error:  # LayoutError, ExportError, FontError, StoreError, disk errors
            self.signals.failed.emit(str(error))
        except Exception as error:  # noqa: BLE001 - the user sees a message, never a traceback
            self.signals.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self.signals.done.emit(result)
        finally:
            self.signals.ended.emit()


class JobKeeper(QObject):
    """Holds each job until its last signal has reached the UI thread, then lets it go."""

    def __init__(self) -> None:
        super().__init__()
        self.jobs: dict[JobSignals, Job] = {}

    def hold(self, job: Job) -> None:
        self.jobs[job.signals] = job
        job.signals.ended.connect(self.release)

    @Slot()
    def release(self) -> None:
        self.jobs.pop(self.sender(), None)


_keeper: JobKeeper | None = None


def start_job(work: Callable[[], object], done: Callable[[object], None], failed: Callable[[str], None]) -> Job:
    """Queue `work` on the render thread. `done` and `failed` should be methods of a QObject living on the UI
    thread: Qt then calls them there, and not at all once that object is gone (a dialog closed meanwhile)."""
    global _keeper
    if _keeper is None:
        _keeper = JobKeeper()
    job = Job(work)
    job.signals.done.connect(done)
    job.signals.failed.connect(failed)
    _keeper.hold(job)
    render_pool().start(job)
    return job


def show_error(parent: QWidget, title: str, message: str) -> QMessageBox:
    """A non-blocking warning with the message only (the caller keeps it, tests can read and close it)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.open()
    return box
