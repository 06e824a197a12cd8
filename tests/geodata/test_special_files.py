"""Special files and conditions: what is not a plan text is refused at once, text in any usual encoding
is read, a full disk or a read-only folder is said plainly, and a store of an unknown version too.

Every refusal is a PlanError or StoreError whose message says what is wrong, and the store is unchanged.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyogrio.errors import DataSourceError

from geodata import build
from geodata.build import AddedPlan, build_store
from geodata.plans.parser import parse_plan
from geodata.plans.plan import PlanError
from geodata.plans.plan_text import MAX_PLAN_BYTES, decode_plan_bytes, read_plan_file
from geodata.store import StoreError, connect
from geodata.store_edit import editing_copy, writing
from geodata.store_lock import working_files
from tests.geodata.import_helpers import known_points, write

ROOT = Path(__file__).resolve().parents[2]
QUICK = 1.0  # seconds: a refusal comes at once


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def store(built_store: Path, tmp_path: Path) -> Path:
    path = tmp_path / "store" / "plan-map.gpkg"
    path.parent.mkdir()
    shutil.copyfile(built_store, path)
    return path


def refused_quickly(path: Path, match: str) -> str:
    began = time.monotonic()
    with pytest.raises(PlanError, match=match) as refused:
        parse_plan(path)
    assert time.monotonic() - began < QUICK
    with pytest.raises(PlanError, match=match):
        read_plan_file(path)
    assert time.monotonic() - began < 2 * QUICK
    return str(refused.value)


# --- not regular files ------------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    message = refused_quickly(fifo, "named pipe")
    assert "regular files" in message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_link_to_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    link = tmp_path / "plan.txt"
    link.symlink_to("/dev/zero")
    message = refused_quickly(link, "a device")
    assert "a link to /dev/zero" in message


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null here")
def test_a_device_is_refused_at_once() -> None:
    refused_quickly(Path("/dev/null"), "a device")


def test_a_folder_is_refused_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "plan.txt"
    folder.mkdir()
    refused_quickly(folder, "a folder")


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets here")
def test_a_socket_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
    except OSError as error:
        pytest.skip(f"cannot make a socket at {path}: {error}")
    try:
        refused_quickly(path, "a socket")
    finally:
        server.close()


def test_a_missing_file_is_the_callers_cannot_read(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_plan_file(tmp_path / "nope.txt")
    with pytest.raises(PlanError, match="cannot read"):
        parse_plan(tmp_path / "nope.txt")


def test_a_plan_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as file:
        file.truncate(MAX_PLAN_BYTES + 1)  # sparse: nothing is written
    message = refused_quickly(huge, "larger than 200 MB")
    assert "the most a plan text may be" in message


def test_the_limit_holds_for_bytes_read_too(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(b"x" * 11)
    with pytest.raises(PlanError, match="larger than 10 bytes"):
        read_plan_file(path, limit=10)
    assert read_plan_file(path, limit=11) == b"x" * 11


def _cli_reads_through_read_plan_file() -> bool:
    source = ROOT / "cli" / "plans.py"
    return source.exists() and "read_plan_file" in source.read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
@pytest.mark.skipif(not _cli_reads_through_read_plan_file(),
                    reason="cli/plans.py does not read the plan through read_plan_file yet")
@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder"])
def test_add_plan_refuses_special_files_at_once(store: Path, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "plan.txt"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    before = digest(store)
    began = time.monotonic()
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "add-plan", str(path), "--store", str(store)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "regular files" in done.stderr and "Traceback" not in done.stderr
    assert time.monotonic() - began < 30  # the interpreter and imports; the refusal itself is at once
    assert digest(store) == before


# --- encodings ----------------------------------------------------------------------------------------

def _encoded(text: str, encoding: str) -> bytes:
    boms = {"utf-16-le+bom": (b"\xff\xfe", "utf-16-le"), "utf-16-be+bom": (b"\xfe\xff", "utf-16-be"),
            "utf-32-le+bom": (b"\xff\xfe\x00\x00", "utf-32-le"), "utf-32-be+bom": (b"\x00\x00\xfe\xff", "utf-32-be"),
            "utf-8+bom": (b"\xef\xbb\xbf", "utf-8")}
    bom, codec = boms.get(encoding, (b"", encoding))
    return bom + text.encode(codec)


@pytest.mark.parametrize("encoding", ["utf-8+bom", "utf-16-le+bom", "utf-16-be+bom", "utf-16-le", "utf-16-be",
                                      "utf-32-le+bom", "utf-32-be+bom", "gb18030"])
def test_every_usual_encoding_reads_like_the_utf8_original(seeds_dir: Path, tmp_path: Path, encoding: str) -> None:
    original = next(seeds_dir.glob("003_*.txt"))
    copy = tmp_path / original.name
    copy.write_bytes(_encoded(original.read_text(encoding="utf-8"), encoding))
    a, b = parse_plan(original), parse_plan(copy)
    assert (a.sections, a.passages, a.targets) == (b.sections, b.passages, b.targets)
    assert a.document.title == b.document.title


@pytest.mark.parametrize("encoding", ["utf-16-le+bom", "utf-16-le"])
def test_utf16_text_is_not_called_binary(encoding: str) -> None:
    text = "第一章 总则\n深圳市规划。\n"
    assert decode_plan_bytes(_encoded(text, encoding), "plan.txt") == text
    damaged = _encoded(text, encoding) + b"\x00\xd8"  # a high surrogate with nothing after it
    if encoding.endswith("+bom"):
        with pytest.raises(PlanError, match="UTF-16 text .* damaged") as refused:
            decode_plan_bytes(damaged, "plan.txt")
        assert "binary" not in str(refused.value)


def test_binary_data_is_still_binary() -> None:
    with pytest.raises(PlanError, match="binary"):
        decode_plan_bytes(b"%PDF-1.7\x00\x01\x02\xff" * 20, "plan.pdf")
    with pytest.raises(PlanError, match="binary"):
        decode_plan_bytes(bytes(range(256)) * 40, "data.bin")


def test_utf16_whitespace_is_empty() -> None:
    with pytest.raises(PlanError, match="empty"):
        decode_plan_bytes(b"\xff\xfe" + " \n\u3000\n".encode("utf-16-le"), "plan.txt")


# --- a store of an unknown version -----------------------------------------------------------------------

def test_a_store_version_like_2_0_beta_is_a_clear_error(store: Path) -> None:
    with sqlite3.connect(store) as db:
        db.execute("UPDATE store_meta SET value = '2.0-beta' WHERE key = 'schema_version'")
    db.close()
    before = digest(store)
    with pytest.raises(StoreError, match=r"does not know \('2.0-beta'"), connect(store):
        pass
    with pytest.raises(StoreError, match="2.0-beta"):
        build_store(store)
    assert digest(store) == before
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "documents", "--store", str(store)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "2.0-beta" in done.stderr and "Traceback" not in done.stderr


# --- a full disk, simulated ------------------------------------------------------------------------------

DISK_FULL_ERRORS = {
    "oserror": lambda: OSError(errno.ENOSPC, "No space left on device"),
    "sqlite": lambda: sqlite3.OperationalError("database or disk is full"),
    "gdal": lambda: DataSourceError("sqlite3_exec(COMMIT) failed: database or disk is full"),
}


@pytest.mark.parametrize("kind", sorted(DISK_FULL_ERRORS))
def test_a_full_disk_during_build_is_said_plainly(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    def full(*args, **kwargs):
        raise DISK_FULL_ERRORS[kind]()

    monkeypatch.setattr(build, "write_plan_tables", full)
    before = digest(store)
    with pytest.raises(StoreError, match="the disk is full") as refused:
        build_store(store)
    assert "磁盘已满" in str(refused.value) and "the store is unchanged" in str(refused.value)
    assert digest(store) == before and working_files(store) == []


def test_a_full_disk_during_an_edit_is_said_plainly(store: Path) -> None:
    before = digest(store)
    with pytest.raises(StoreError, match="the disk is full"), editing_copy(store):
        raise sqlite3.OperationalError("database or disk is full")
    assert digest(store) == before and working_files(store) == []


def test_other_errors_are_not_called_a_full_disk(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(build, "write_plan_tables", broken)
    with pytest.raises(StoreError, match="Input/output error") as refused:
        build_store(store)
    assert "disk is full" not in str(refused.value)


# --- a full disk and a read-only folder, for real (a small tmpfs) -----------------------------------------

@pytest.fixture
def small_disk(tmp_path: Path):
    """mount(size_kb, read_only=False) -> a folder on a tmpfs of that size; unmounted afterwards."""
    mounted: list[Path] = []

    def mount(size_kb: int, name: str = "disk") -> Path:
        folder = tmp_path / name
        folder.mkdir()
        if sys.platform != "linux" or shutil.which("mount") is None:
            pytest.skip("needs Linux and mount(8) for a small tmpfs")
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.strip() or done.returncode}): "
                        "the simulated full-disk tests cover this")
        mounted.append(folder)
        return folder

    yield mount
    for folder in mounted:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def _store_on(folder: Path, built_store: Path) -> Path:
    path = folder / "plan-map.gpkg"
    shutil.copyfile(built_store, path)
    return path


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "plan-map.gpkg")


def test_build_on_a_full_disk(small_disk, built_store: Path) -> None:
    folder = small_disk(built_store.stat().st_size // 1024 // 2)  # half a store fits
    with pytest.raises(StoreError, match="磁盘已满 — the disk is full") as refused:
        build_store(folder / "plan-map.gpkg")
    assert "free space" in str(refused.value).lower()
    assert list(folder.iterdir()) == []  # no store, no partial working file


def test_add_plan_on_a_full_disk(small_disk, built_store: Path, seeds_dir: Path) -> None:
    folder = small_disk(built_store.stat().st_size // 1024 + 1024)  # the store and 1 MB
    store = _store_on(folder, built_store)
    before = digest(store)
    plan = next(seeds_dir.glob("004_*.txt")).read_bytes() + "\n补充说明。\n".encode()
    with pytest.raises(StoreError, match="the disk is full"):
        build_store(store, new_plan=AddedPlan("more.txt", plan))
    assert digest(store) == before and _leftovers(folder) == []


def test_import_on_a_full_disk(small_disk, built_store: Path, tmp_path: Path) -> None:
    from geodata.imports.importer import import_file

    folder = small_disk(built_store.stat().st_size // 1024 + 1024)
    store = _store_on(folder, built_store)
    before = digest(store)
    source = write(known_points(), tmp_path / "places.geojson", "EPSG:4326", driver="GeoJSON")
    with pytest.raises(StoreError, match="the disk is full"):
        import_file(store, source)
    assert digest(store) == before and _leftovers(folder) == []


def test_a_table_edit_on_a_full_disk(small_disk, built_store: Path) -> None:
    folder = small_disk(built_store.stat().st_size // 1024 + 512)
    store = _store_on(folder, built_store)
    before = _content(store)
    with pytest.raises(StoreError, match="the disk is full"), writing(store) as db:
        db.execute("INSERT INTO store_meta VALUES ('scratch', zeroblob(4 * 1024 * 1024))")
    assert _leftovers(folder) == []  # rolled back, no hot journal left for readers to trip on
    assert _content(store) == before  # the same rows (free pages may keep the failed write's bytes)


def _content(store: Path) -> str:
    """The store's rows, read as a reader does (read-only): its SQL dump, hashed."""
    with connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return hashlib.sha256("\n".join(db.iterdump()).encode()).hexdigest()


def test_a_read_only_folder_says_so(small_disk, built_store: Path, seeds_dir: Path) -> None:
    folder = small_disk(built_store.stat().st_size // 1024 + 4096)
    store = _store_on(folder, built_store)
    before = digest(store)
    remounted = subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True, text=True)
    if remounted.returncode != 0:
        pytest.skip(f"cannot remount read-only: {remounted.stderr.strip()}")
    with pytest.raises(StoreError, match="read-only"):
        build_store(store)
    with pytest.raises(StoreError, match="read-only"), editing_copy(store):
        pass
    with pytest.raises(StoreError, match="Read-only file system"), writing(store):
        pass
    assert digest(store) == before
