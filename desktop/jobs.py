"""Every long job off the UI thread (the first build, an import or another store edit, an export, a preview,
a batch of sheets) is a Job: its work runs on a worker thread, and `done(result)`, `failed(message)` and
`progress(done, total)` come back as signals on the UI thread. Work that reports progress takes the
callback (`work(progress)`, see geodata.progress); `cancel()` makes its next call return False, which the
work answers by stopping. JobProgress shows a job in a dialog.

Jobs wait in one of two queues, each with one thread: RENDERS, because matplotlib's pyplot is not
thread-safe, and STORE, for builds and edits of the store, so an import never waits behind a preview.
The threads are Python's, living as long as the program: pyproj keeps a PROJ context per thread in
thread-local storage, which a Qt pool thread loses between two jobs while the context pointer stays (a crash).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop.messages import expected, log_exception, message_box, user_message
from geodata.progress import Progress

RENDERS = "renders"
STORE = "store"
PROGRESS_STEPS = 1000  # the dialog's range: totals can exceed what a QProgressBar's int handles comfortably

_queues: dict[str, ThreadPoolExecutor] = {}
_held: set[Job] = set()  # every job from its start until its last signal has reached the UI thread


def queue(name: str) -> ThreadPoolExecutor:
    """The one thread behind a queue name; jobs in it run one after the other."""
    if name not in _queues:
        _queues[name] = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"plan-map-{name}")
    return _queues[name]


def error_message(error: BaseException) -> str:
    """What the user reads, in the interface language (desktop/messages.py), never a traceback; an error the
    program did not expect is also written to the log file with its traceback."""
    if not expected(error):
        log_exception(type(error), error, error.__traceback__)
    return user_message(error)


class Job(QObject):
    """Runs `work()` once on a queue's thread, or `work(progress)` when it `reports`; afterwards `result` or
    `error` holds what came of it.

    Connect a receiver's methods (a QObject on the UI thread) to the signals: Qt calls them there, and not at
    all once that object is gone (a dialog closed while its preview rendered)."""

    done = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int)  # done, total (0: size unknown yet)
    ended = Signal()  # after done or failed

    def __init__(self, work: Callable[[Progress], object] | Callable[[], object], *, reports: bool = False) -> None:
        super().__init__()
        self.work = work
        self.reports = reports
        self.result: object = None
        self.error: BaseException | None = None
        self._cancel = threading.Event()
        self._finished = threading.Event()
        self._started = False

    def start(self, queue_name: str) -> Job:
        _held.add(self)
        self.ended.connect(self._release)
        self._started = True
        queue(queue_name).submit(self._run)
        return self

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_running(self) -> bool:
        return self._started and not self._finished.is_set()

    def wait(self, timeout_s: float | None = None) -> bool:
        """Block until the work has returned or raised (its signals may still be on their way)."""
        return not self._started or self._finished.wait(timeout_s)

    def report(self, done: int, total: int) -> bool:
        """The progress callback the work gets: called on the worker, it only emits and reads a flag, so neither
        thread ever waits for the other."""
        self.progress.emit(int(done), int(total))
        return not self._cancel.is_set()

    def _run(self) -> None:
        try:
            self.result = self.work(self.report) if self.reports else self.work()
        except Exception as error:  # noqa: BLE001 - the user sees a message, the caller the error
            self.error = error
            self.failed.emit(error_message(error))
        else:
            self.done.emit(self.result)
        finally:
            self._finished.set()
            self.ended.emit()

    def _release(self) -> None:
        _held.discard(self)


def start_job(work: Callable[[], object], done: Callable[[object], None] | None = None,
              failed: Callable[[str], None] | None = None, *, queue_name: str = RENDERS) -> Job:
    """Queue `work()` (on the render thread unless told otherwise) with its receivers connected before it can
    end."""
    job = Job(work)
    if done is not None:
        job.done.connect(done)
    if failed is not None:
        job.failed.connect(failed)
    return job.start(queue_name)


class JobProgress(QProgressDialog):
    """A window-modal progress dialog for one job: a busy bar while the total is unknown, `describe(done,
    total)` as the label when given; Cancel asks the job to stop and the dialog stays up, saying
    `cancelling`, until the job has ended."""

    def __init__(self, job: Job, title: str, label: str, parent: QWidget | None, *, cancellable: bool = True,
                 cancelling: str | None = None, describe: Callable[[int, int], str] | None = None) -> None:
        super().__init__(label, QCoreApplication.translate("JobProgress", "Cancel"), 0, 0, parent)
        self.job = job
        self.describe = describe
        self.cancelling = cancelling or QCoreApplication.translate("JobProgress", "Cancelling…")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(420)
        if not cancellable:
            self.setCancelButton(None)
        self.canceled.connect(self._cancel)
        job.progress.connect(self._show)
        job.ended.connect(self.close)

    def _show(self, done: int, total: int) -> None:
        if self.job.cancelled:
            return
        if total <= 0:
            self.setRange(0, 0)
        else:
            self.setRange(0, PROGRESS_STEPS)
            self.setValue(min(PROGRESS_STEPS, round(PROGRESS_STEPS * done / total)))
        if self.describe is not None:
            self.setLabelText(self.describe(done, total))

    def _cancel(self) -> None:
        self.job.cancel()
        self.setLabelText(self.cancelling)
        if self.job.is_running():
            self.show()  # QProgressDialog hides itself on cancel; keep it up until the worker has stopped


def show_error(parent: QWidget | None, title: str, message: str) -> QMessageBox:
    """A non-blocking warning with the message only (the caller keeps it, tests can read and close it)."""
    return message_box(parent, title, message)
