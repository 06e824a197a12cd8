"""Changing an existing store all or nothing: work on a copy in the same folder, move it over the store
when complete (os.replace is atomic there), and delete it on any error or cancel.

Both ways of writing hold the store's writer lock for the whole edit (see store_lock), so two edits never
overwrite each other; the copy's name marks it as a working file, which the next writer removes if this
run is killed before it can.

Feature layers in the copy are written through GDAL (pyogrio); plain tables through sqlite3.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from geodata.store import StoreError, connect, writable_folder
from geodata.store_lock import disk_full, is_disk_full, working_copy_of, working_files, writer_lock

TEMPORARY_MARK = ".editing-"


def temporary_copies(store: Path) -> list[Path]:
    """Leftover working files of `store` (there should be none after any edit, failed or not)."""
    return working_files(store)


@contextmanager
def editing_copy(store: Path) -> Iterator[Path]:
    """A working copy of `store`; moved over it when the block ends normally, deleted otherwise."""
    store = Path(store)
    with connect(store):
        pass  # exists, is a store, has the current schema
    writable_folder(store)
    with writer_lock(store), working_copy_of(store, "editing") as copy:
        before = fingerprint(store)
        try:
            shutil.copyfile(store, copy)
            yield copy
            if fingerprint(store) != before:
                raise StoreError(f"The store {store} was changed by another program while this change was being "
                                 "made; nothing was changed. Try again.")
            os.replace(copy, store)
        except StoreError:
            raise
        except Exception as error:
            if is_disk_full(error):
                raise disk_full(store, error) from error
            if isinstance(error, (OSError, sqlite3.Error)):
                raise StoreError(f"Could not write the store {store}: {error}. The store is unchanged.") from error
            raise


def fingerprint(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


@contextmanager
def writing(store: Path) -> Iterator[sqlite3.Connection]:
    """A read-write connection to `store` for plain tables, in one transaction (committed at the end of
    the block, rolled back on error). Never update feature layer rows through it (see DESIGN.md)."""
    store = Path(store)
    with connect(store):
        pass
    with writer_lock(store):
        db = sqlite3.connect(store)
        try:
            with db:
                yield db
        except sqlite3.Error as error:
            db.close()
            finish_rollback(store)
            if is_disk_full(error):
                raise disk_full(store, error) from error
            raise StoreError(f"Could not write the store {store}: {error}. The store is unchanged.") from error
        finally:
            db.close()


def finish_rollback(store: Path) -> None:
    """After a write failed on an I/O error or a full disk, SQLite leaves its rollback to the next
    connection (a hot journal), and a read-only reader cannot do it ("attempt to write a readonly
    database"): roll it back now, while the lock is held, so readers find the store as it was."""
    if not Path(f"{store}-journal").exists():
        return
    with contextlib.suppress(sqlite3.Error), contextlib.closing(sqlite3.connect(store)) as db:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
