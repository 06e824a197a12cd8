"""Team mode in the window: 文件 → 连接数据库… (a PostgreSQL URL), opening a store off the GUI thread with 重试 /
取消 when it cannot be reached, and what the window says about a store this user may only read.

Opening a store is a Job (`prepare_store`): it connects, writes the map page and asks what this login may do,
so a server that is slow or gone never freezes the window; the window then swaps the store in. The password is
never asked for, shown or saved: it comes from PGPASSWORD or ~/.pgpass (libpq), and a URL is remembered
without it (PostgresAddress.shown).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.jobs import STORE, Job, JobProgress
from desktop.messages import details_text, error_detail, user_message
from geodata.edit_history import Permissions, store_permissions
from geodata.errors import StoreUnreachable
from geodata.postgres import is_connection_error
from geodata.store import connect
from geodata.store_address import PostgresAddress, StoreAddress, is_postgres, is_postgres_url, store_address
from layers.page import MapPage, cached_page

LAST_DATABASE_KEY = "last_database"  # settings: the last database store's URL, without its password
URL_EXAMPLE = "postgresql://user@host:5432/db"

translate = QCoreApplication.translate  # with the context spelled out at each call, so pyside6-lupdate finds it


@dataclass(frozen=True)
class PreparedStore:
    """What opening a store needs from the server, fetched off the GUI thread."""

    store: StoreAddress
    page: MapPage | None
    permissions: Permissions


def prepare_store(store: StoreAddress, cache: Path | None) -> PreparedStore:
    """Connect to `store`, write its map page (unless `cache` is None) and ask what this login may do. Runs on a
    worker thread; raises the StoreError that says why the store cannot be opened."""
    with connect(store) as db:
        page = cached_page(db, store, cache) if cache is not None else None
    return PreparedStore(store, page, store_permissions(store))


def lost_connection(error: BaseException) -> bool:
    """The team store's server could not be reached or went away (as opposed to a refused or failed edit)."""
    return isinstance(error, StoreUnreachable) or is_connection_error(error)


def refusals(store: StoreAddress, permissions: Permissions) -> tuple[str | None, str | None]:
    """Why this user may not edit, and why not manage (import, rename or remove layers, rebuild), in the window's
    language; None where they may (geodata's own wording goes under the store label's tooltip)."""
    if not permissions.can_edit:
        if is_postgres(store):
            text = translate("TeamStore", "Read-only account: your database account may view, search and export "
                                          "the team store but not change it. Ask the office's database "
                                          "administrator for the editor role to edit.")
        else:
            text = translate("TeamStore", "Read-only: the map data file or its folder cannot be written, so it "
                                          "cannot be edited. Copy it to a folder you may write to.")
        return text, text
    if not permissions.can_manage:
        return None, translate("TeamStore", "Only the team store's owner may import, rename or remove layers and "
                                            "rebuild; your account may link, unlink, replace and style. Ask a "
                                            "member of the owner role to do it.")
    return None, None


def store_title(store: StoreAddress) -> str:
    """How the window names a database store: 团队库 and its URL without the password."""
    return translate("TeamStore", "Team store %1").replace("%1", store.shown)


class ConnectDialog(QDialog):
    """文件 → 连接数据库…: a PostgreSQL URL, checked for form here; the connection itself is tried in a Job."""

    def __init__(self, last: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to a database"))
        self.url = QLineEdit(last)
        self.url.setPlaceholderText(URL_EXAMPLE)
        self.url.setMinimumWidth(460)
        heading = QLabel(self.tr("The address of the team store (PostgreSQL with PostGIS):"))
        self.hint = QLabel(self.tr("For example %1. The password is not typed here: it comes from the PGPASSWORD "
                              "environment variable or your ~/.pgpass file, and this program never saves it.")
                      .replace("%1", URL_EXAMPLE))
        self.problem = QLabel()
        self.problem.setStyleSheet("color:#a93226;")
        for label in (heading, self.hint, self.problem):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
        self.hint.setStyleSheet("color:#555;")
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Connect"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # wrapped labels keep their whole height
        for widget in (heading, self.url, self.hint, self.problem, self.buttons):
            layout.addWidget(widget)

    def address(self) -> PostgresAddress | None:
        """The URL as a database address, or None (and the problem shown under it) when it is not one."""
        text = self.url.text().strip()
        if not is_postgres_url(text):
            return self._refuse(self.tr("A database address starts with postgresql://, e.g. %1")
                                .replace("%1", URL_EXAMPLE))
        try:
            address = store_address(text)
        except ValueError:
            return self._refuse(self.tr("The address names no database. Write it as %1").replace("%1", URL_EXAMPLE))
        return address if isinstance(address, PostgresAddress) else None

    def _refuse(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()
        self.adjustSize()
        return None

    def accept(self) -> None:
        if self.address() is not None:
            super().accept()


def retry_box(parent: QWidget | None, store: StoreAddress, error: BaseException, heading: str) -> QMessageBox:
    """重试 / 取消 after a store could not be opened or the connection was lost: what is wrong in the user's
    language, the program's own explanation under the details button."""
    box = QMessageBox(QMessageBox.Icon.Warning, translate("TeamStore", "Team store"),
                      f"{heading}\n{user_message(error)}", QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(str(store))
    box.setDetailedText(details_text(error_detail(error)))
    box.retry = box.addButton(translate("TeamStore", "Retry"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("TeamStore", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(box.retry)
    return box


class StoreOpening(QObject):
    """Opening a store from the window: `prepare_store` in a Job with a wait dialog; on failure 重试 / 取消.
    `opened(PreparedStore)` follows success, `abandoned()` a cancel."""

    opened = Signal(object)
    abandoned = Signal()

    def __init__(self, store: StoreAddress, cache: Path | None, parent: QWidget, *, heading: str) -> None:
        super().__init__(parent)
        self.store, self.cache, self.parent_widget, self.heading = store, cache, parent, heading
        self.job: Job | None = None
        self.dialog: JobProgress | None = None
        self.box: QMessageBox | None = None

    def start(self) -> StoreOpening:
        store, cache = self.store, self.cache
        self.job = Job(lambda: prepare_store(store, cache))
        self.job.ended.connect(lambda done=self.job: self._ended(done))
        self.dialog = JobProgress(self.job, translate("TeamStore", "Team store"),
                                  translate("TeamStore", "Connecting to %1…").replace("%1", str(store)),
                                  self.parent_widget, cancellable=False)
        self.dialog.open()
        self.job.start(STORE)
        return self

    def _ended(self, done: Job) -> None:
        if done.error is None:
            self.opened.emit(done.result)
            return
        self.box = retry_box(self.parent_widget, self.store, done.error, self.heading)
        self.box.finished.connect(self._answered)
        self.box.open()

    def _answered(self, _result: int) -> None:
        if self.box.clickedButton() is self.box.retry:
            self.start()
        else:
            self.abandoned.emit()


def open_at_start(store: PostgresAddress) -> PreparedStore | None:
    """Before the window exists: reach the database store with a wait dialog, and while it cannot be reached, ask
    重试 / 取消; None when the user gives up."""
    while True:
        job = Job(lambda: prepare_store(store, None))
        dialog = JobProgress(job, translate("TeamStore", "Team store"),
                             translate("TeamStore", "Connecting to %1…").replace("%1", str(store)), None,
                             cancellable=False)
        job.start(STORE)
        dialog.exec()  # until the job's end closes it
        job.wait()
        if job.error is None:
            return job.result
        box = retry_box(None, store, job.error, translate("TeamStore", "The team store could not be opened."))
        box.exec()
        if box.clickedButton() is not box.retry:
            return None
