"""A store the window cannot open at start (damaged, not a store, from a newer or an older version): the user
chooses 重建 (rebuild, keeping the old file aside, never deleting it), 选择其他文件 (another store) or 退出.

The store is diagnosed through geodata's own checks (connect, schema_version); the window only asks.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.jobs import STORE, Job, JobProgress
from desktop.messages import details_text, message_box
from geodata.build import build_store
from geodata.round_trip import local_store
from geodata.store import SCHEMA_VERSION, StoreError, connect, default_store_path, schema_version, writable_folder
from geodata.store_address import PostgresAddress, StoreAddress

BROKEN, NEWER, OLDER = "broken", "newer", "older"
REBUILD, OTHER_FILE, QUIT = "rebuild", "other", "quit"
Window = TypeVar("Window")


translate = QCoreApplication.translate  # with the context spelled out at each call, so pyside6-lupdate finds it


@dataclass(frozen=True)
class StoreProblem:
    kind: str  # BROKEN, NEWER or OLDER
    path: Path
    detail: str  # what geodata said, for the box's details


@dataclass(frozen=True)
class Rebuilt:
    path: StoreAddress  # the new store
    kept_aside: Path  # the previous file, moved (or, for an older store, copied) here
    carried_over: bool  # the user's plans, imported layers and links came along (an older store rebuilt in place)


def store_problem(path: Path, error: BaseException) -> StoreProblem | None:
    """What is wrong with the store at `path`, given the error opening it raised; None when the store itself is
    sound (or absent), so the error is the program's and not something a rebuild repairs."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        with connect(path, any_version=True) as db:
            version = schema_version(db, path)
    except StoreError as problem:
        return StoreProblem(BROKEN, path, str(problem))
    if version > SCHEMA_VERSION:
        return StoreProblem(NEWER, path, str(error))
    if version < SCHEMA_VERSION:
        return StoreProblem(OLDER, path, str(error))
    if isinstance(error, StoreError) or type(error).__module__ == "sqlite3":  # a table missing, a page damaged
        return StoreProblem(BROKEN, path, f"{type(error).__name__}: {error}")
    return None


def aside_path(path: Path, kind: str, now: datetime | None = None) -> Path:
    """Where the previous file goes: NAME.broken-YYYYmmdd-HHMMSS.gpkg beside it (newer-, older-, rebuilt-)."""
    path = Path(path)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.{kind}-{stamp}{path.suffix or '.gpkg'}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.{kind}-{stamp}-{number}{path.suffix or '.gpkg'}")
        number += 1
    return candidate


def rebuild_store(problem: StoreProblem) -> Rebuilt:
    """Build a new store at the problem's path from the plans. An older store is copied aside and rebuilt in
    place, which carries the user's additions over; a damaged or newer one is moved aside first (its contents
    cannot be read here). Runs on the store queue."""
    path = problem.path
    aside = aside_path(path, problem.kind)
    if problem.kind == OLDER:
        shutil.copy2(path, aside)
        try:
            build_store(path)
            return Rebuilt(path, aside, carried_over=True)
        except StoreError:
            path.unlink()  # the copy aside keeps it
    else:
        os.replace(path, aside)
    build_store(path)
    return Rebuilt(path, aside, carried_over=False)


def rebuild_in_place(path: StoreAddress) -> Rebuilt:
    """文件 → 重建地图数据: a sound store made again from the plans, carrying the user's additions over; the
    previous file is copied aside first. A team store is rebuilt on a local copy that then replaces it (refused
    if anyone edited it meanwhile); the copy as it was is kept in the user's data folder. Runs on the store
    queue."""
    if isinstance(path, PostgresAddress):
        aside = aside_path(default_store_path().with_name(f"team-{path.database}.gpkg"), "rebuilt")
        writable_folder(aside)
        with local_store(path) as local:
            shutil.copy2(local, aside)
            build_store(local)
        return Rebuilt(path, aside, carried_over=True)
    path = Path(path)
    aside = aside_path(path, "rebuilt")
    shutil.copy2(path, aside)
    build_store(path)
    return Rebuilt(path, aside, carried_over=True)


def rebuilt_text(rebuilt: Rebuilt) -> str:
    """What the user is told after a rebuild: where the previous file is, and whether their additions came."""
    text = translate("StoreRecovery", "The map data was rebuilt. The previous file is kept at %1.")
    text = text.replace("%1", str(rebuilt.kept_aside))
    if not rebuilt.carried_over:
        text += "\n" + translate("StoreRecovery", "What was added to the previous file (plans, imported layers, "
                                                  "links) is not in the new one; it is still in the kept file.")
    return text


def problem_text(problem: StoreProblem) -> str:
    if problem.kind == NEWER:
        text = translate("StoreRecovery", "The map data file %1 was written by a newer version of this program, "
                                          "which this version cannot read.")
    elif problem.kind == OLDER:
        text = translate("StoreRecovery", "The map data file %1 was written by an older version of this program "
                                          "and must be rebuilt.")
    else:
        text = translate("StoreRecovery", "The map data file %1 is damaged or is not this program's file.")
    return text.replace("%1", str(problem.path))


def title() -> str:
    return translate("StoreRecovery", "Shenzhen plan map")


def ask(problem: StoreProblem, parent: QWidget | None = None) -> str:
    """重建 / 选择其他文件 / 退出: REBUILD, OTHER_FILE or QUIT."""
    box = QMessageBox(QMessageBox.Icon.Warning, title(), problem_text(problem), QMessageBox.StandardButton.NoButton,
                      parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if problem.kind == OLDER:
        box.setInformativeText(translate("StoreRecovery", "Rebuild makes a new one from the plans, keeping the plans "
                                                          "you added, your imported layers and links; the old file is "
                                                          "kept as a copy beside it."))
    else:
        box.setInformativeText(translate("StoreRecovery", "Rebuild moves this file aside (it is kept, not deleted) "
                                                          "and makes a new one from the plans. Or open another map "
                                                          "data file."))
    box.setDetailedText(details_text(problem.detail))
    rebuild = box.addButton(translate("StoreRecovery", "Rebuild"), QMessageBox.ButtonRole.AcceptRole)
    other = box.addButton(translate("StoreRecovery", "Choose another file"), QMessageBox.ButtonRole.ActionRole)
    quit_button = box.addButton(translate("StoreRecovery", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(rebuild)
    box.setEscapeButton(quit_button)
    box.exec()
    clicked = box.clickedButton()
    return REBUILD if clicked is rebuild else OTHER_FILE if clicked is other else QUIT


def choose_store_file(parent: QWidget | None, folder: Path) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, translate("StoreRecovery", "Open map data"), str(folder),
                                          translate("StoreRecovery", "Map data (*.gpkg);;All files (*)"))
    return Path(path) if path else None


def rebuild_with_progress(problem: StoreProblem, parent: QWidget | None = None) -> Rebuilt | None:
    """Rebuild in a wait dialog, then say where the previous file is; None (after saying why) when it fails."""
    job = Job(lambda: rebuild_store(problem))
    dialog = JobProgress(job, title(), translate("StoreRecovery", "Rebuilding the map data from the plans…"),
                         parent, cancellable=False)
    job.start(STORE)
    dialog.exec()  # until the job's end closes it
    job.wait()
    if job.error is not None:
        message_box(parent, title(), job.error, heading=translate("StoreRecovery", "The map data could not be "
                                                                                   "rebuilt."),
                    icon=QMessageBox.Icon.Critical, wait=True)
        return None
    message_box(parent, title(), rebuilt_text(job.result), icon=QMessageBox.Icon.Information, wait=True)
    return job.result


def open_with_recovery(path: Path, open_window: Callable[[Path], Window]) -> Window | None:
    """`open_window(path)`, and while the store there cannot be opened, the user's choice: rebuild it, open
    another file, or quit (None). An error that is not the store's propagates (the program's fault: logged)."""
    path = Path(path)
    while True:
        try:
            return open_window(path)
        except Exception as error:  # noqa: BLE001 - diagnosed below; re-raised unless it is the store's
            problem = store_problem(path, error)
            if problem is None:
                raise
        choice = ask(problem)
        if choice == QUIT:
            return None
        if choice == REBUILD:
            rebuild_with_progress(problem)
        else:
            path = choose_store_file(None, path.parent) or path
