"""Changing an existing store all or nothing: work on a copy in the same folder, move it over the store
when complete (os.replace is atomic there), and delete it on any error or cancel.

Feature layers in the copy are written through GDAL (pyogrio); plain tables through sqlite3.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from geodata.store import StoreError, connect, writable_folder

TEMPORARY_MARK = ".editing-"


def temporary_copies(store: Path) -> list[Path]:
    """Leftover working copies of `store` (there should be none after any edit, failed or not)."""
    store = Path(store)
    return sorted(store.parent.glob(f".{store.stem}{TEMPORARY_MARK}*"))


@contextmanager
def editing_copy(store: Path) -> Iterator[Path]:
    """A working copy of `store`; moved over it when the block ends normally, deleted otherwise."""
    store = Path(store)
    with connect(store):
        pass  # exists, is a store, has the current schema
    folder = writable_folder(store)
    copy = folder / f".{store.stem}{TEMPORARY_MARK}{os.getpid()}-{uuid.uuid4().hex[:8]}.gpkg"
    before = fingerprint(store)
    try:
        shutil.copyfile(store, copy)
        yield copy
        if fingerprint(store) != before:
            raise StoreError(f"The store {store} was changed by another program while this change was being made; "
                             "nothing was changed. Try again.")
        os.replace(copy, store)
    except OSError as error:
        raise StoreError(f"Could not write the store {store}: {error}. The store is unchanged.") from error
    finally:
        copy.unlink(missing_ok=True)
        for suffix in ("-journal", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)


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
    db = sqlite3.connect(store)
    try:
        with db:
            yield db
    except sqlite3.Error as error:
        raise StoreError(f"Could not write the store {store}: {error}. The store is unchanged.") from error
    finally:
        db.close()
