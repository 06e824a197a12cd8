"""One writer at a time, and no leftovers: the lock every store edit holds, and its working files.

Every operation that writes the store (build, add-plan, import, links, styles, renames) holds one lock
file beside it, `.STORE.lock`, for the whole edit: fcntl.flock on POSIX, msvcrt.locking on Windows. The
operating system drops the lock when its process ends, however it ends (kill -9 too), so a lock is never
left held; the file itself is removed as an edit ends (on POSIX), and one left by a killed run is simply
locked again by the next writer. A second writer waits up to `PLAN_MAP_LOCK_WAIT` seconds (default 60),
saying so once, then is refused with a StoreError: two writers never both read the store and then both
replace it. Readers take no lock; the store is replaced by rename, so a reader keeps the file it opened.

A writer works on a file beside the store named `.STEM.building-PID-xxxxxxxx.gpkg` (build, add-plan) or
`.STEM.editing-PID-xxxxxxxx.gpkg` (import and the edits of imported layers), removed on every way out of
the edit. A run killed outright cannot remove its file; the next writer, once it holds the lock, removes
those of runs that are not writing any more: the process is gone, or the file is older than the lock it
now holds (a writer only makes its file while holding the lock).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from geodata.store import StoreError

WAIT_ENV = "PLAN_MAP_LOCK_WAIT"
DEFAULT_WAIT_SECONDS = 60.0
POLL_SECONDS = 0.1
WORKING_KINDS = ("building", "editing")

_held: dict[Path, list] = {}  # lock file -> [fd, depth, thread id] while this process holds it
_held_guard = threading.Lock()


def lock_file(store: Path) -> Path:
    store = Path(store).resolve()
    return store.parent / f".{store.name}.lock"


def working_file(store: Path, kind: str) -> Path:
    """A new, recognisable name for a working file of `store` (kind: building or editing)."""
    store = Path(store).resolve()
    return store.parent / f".{store.stem}.{kind}-{os.getpid()}-{uuid.uuid4().hex[:8]}.gpkg"


def working_files(store: Path) -> list[Path]:
    """The working files of `store` present now, with their SQLite journals, of every writer."""
    store = Path(store).resolve()
    found: list[Path] = []
    for kind in WORKING_KINDS:
        found += store.parent.glob(f".{store.stem}.{kind}-*")
    return sorted(found)


def remove_quietly(path: Path) -> None:
    """Remove a working file and its SQLite journals; a failure here never hides the error being raised."""
    for name in (str(path), f"{path}-journal", f"{path}-wal", f"{path}-shm"):
        with contextlib.suppress(OSError):
            os.unlink(name)


def lock_wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get(WAIT_ENV, DEFAULT_WAIT_SECONDS)))
    except ValueError:
        return DEFAULT_WAIT_SECONDS


def say_waiting(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def writer_lock(store: Path, *, wait: float | None = None,
                on_wait: Callable[[str], None] | None = say_waiting) -> Iterator[None]:
    """Hold the store's writer lock for the block. Re-entrant within one thread (a build that carries an
    import over, an import that records its source); another thread or process waits, then is refused.
    On first taking it, the working files of killed runs are removed."""
    path = lock_file(store)
    me = threading.get_ident()
    with _held_guard:
        entry = _held.get(path)
        if entry is not None and entry[2] == me:
            entry[1] += 1
            mine = True
        else:
            mine = False
    if mine:
        try:
            yield
        finally:
            with _held_guard:
                _held[path][1] -= 1
        return
    fd = _acquire(path, Path(store), lock_wait_seconds() if wait is None else wait, on_wait)
    taken_at = time.time()
    with _held_guard:
        _held[path] = [fd, 1, me]
    try:
        clean_leftovers(store, taken_at)
        yield
    finally:
        with _held_guard:
            del _held[path]
        _release(fd, path)


def _acquire(path: Path, store: Path, wait: float, on_wait: Callable[[str], None] | None) -> int:
    deadline = time.monotonic() + wait
    told = False
    fd = _open_lock_file(path, store)
    while True:
        if _try_lock(fd):
            if _same_file(fd, path):
                _record_holder(fd)
                return fd
            os.close(fd)  # the holder removed that lock file as it finished: lock the one there now
            fd = _open_lock_file(path, store)
            continue
        holder = _holder(path)
        if time.monotonic() >= deadline:
            os.close(fd)
            raise StoreError(
                f"另一个编辑正在进行 — another edit of the store {store} is running{holder} and did not finish "
                f"within {wait:g} s. Wait for it to finish and try again; nothing was changed "
                f"(wait longer with {WAIT_ENV}=SECONDS)."
            )
        if not told and on_wait is not None:
            on_wait(f"另一个编辑正在进行 — another edit of the store {store} is running{holder}; "
                    f"waiting up to {wait:g} s for it to finish …")
            told = True
        time.sleep(POLL_SECONDS)


def _open_lock_file(path: Path, store: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise StoreError(
            f"Cannot write in {path.parent} ({error.strerror}), so the store {store} cannot be changed there. "
            "Choose a folder you can write with --store PATH."
        ) from error


def _same_file(fd: int, path: Path) -> bool:
    """Whether the locked file is still the one at `path` (a finishing holder removes the lock file)."""
    if os.name == "nt":
        return True  # a lock file is not removed there while open
    try:
        mine, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


def _holder(path: Path) -> str:
    try:
        pid = int(path.read_text(encoding="ascii").split()[0])
    except (OSError, ValueError, IndexError):
        return ""
    return f" (process {pid})"


if os.name == "nt":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)


def _record_holder(fd: int) -> None:
    """Write the holder's PID into the lock file, for the message a waiting writer shows."""
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))


def _release(fd: int, path: Path) -> None:
    """Remove the lock file while still holding it (a waiter that then locks the removed file sees that and
    locks the new one), so no lock file stays beside the store; then let go."""
    if os.name != "nt":
        with contextlib.suppress(OSError):
            os.unlink(path)
    _unlock(fd)
    os.close(fd)


def clean_leftovers(store: Path, lock_taken_at: float) -> list[Path]:
    """Remove the working files that no running writer owns; called with the lock held."""
    removed = []
    for path in working_files(store):
        pid = _owner_pid(path)
        try:
            modified = path.stat().st_mtime
        except OSError:
            continue
        if pid == os.getpid() and _in_use_here(path):
            continue
        if pid is None or not _alive(pid) or modified < lock_taken_at:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


_in_use: set[Path] = set()  # working files this process is writing now


def _in_use_here(path: Path) -> bool:
    name = str(path)
    for suffix in ("-journal", "-wal", "-shm"):
        name = name.removesuffix(suffix)
    return Path(name) in _in_use


@contextmanager
def working_copy_of(store: Path, kind: str) -> Iterator[Path]:
    """A fresh working-file path for `store`, removed (with its journals) however the block ends."""
    path = working_file(store, kind)
    _in_use.add(path)
    try:
        remove_quietly(path)
        yield path
    finally:
        remove_quietly(path)
        _in_use.discard(path)


def _owner_pid(path: Path) -> int | None:
    """The PID in `.STEM.building-PID-xxxx.gpkg` (or the older `.STEM.building-PID.gpkg`)."""
    tail = path.name.split(".", 2)[-1]  # building-PID-xxxx.gpkg[-journal]
    parts = tail.split("-")
    if len(parts) < 2:
        return None
    digits = parts[1].split(".")[0]
    return int(digits) if digits.isdigit() else None


def _alive(pid: int) -> bool:
    if os.name == "nt":
        return True  # not checked there: the file's age decides
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


# --- a full disk ----------------------------------------------------------------------------------

DISK_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
DISK_FULL_WORDS = ("database or disk is full", "no space left on device", "disk is full", "disk quota exceeded",
                   "not enough space", "free disk space available is")


def is_disk_full(error: BaseException | None) -> bool:
    """Whether `error` (or an error it was raised from) says the disk is full: OSError ENOSPC, SQLite's
    "database or disk is full", GDAL's "No space left on device"."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in DISK_FULL_ERRNOS:
            return True
        if isinstance(error, (OSError, sqlite3.Error, RuntimeError)) and any(
            word in str(error).lower() for word in DISK_FULL_WORDS
        ):
            return True
        if isinstance(error, sqlite3.Error) and getattr(error, "sqlite_errorcode", None) == 13:  # SQLITE_FULL
            return True
        error = error.__cause__ or error.__context__
    return False


def disk_full(store: Path, error: BaseException) -> StoreError:
    folder = Path(store).resolve().parent
    return StoreError(
        f"磁盘已满 — the disk is full: could not write the store {store} ({error}). "
        f"Free space on the disk of {folder} and try again; the store is unchanged."
    )
