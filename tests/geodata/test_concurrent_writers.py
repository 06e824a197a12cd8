"""Two writers at once lose nothing: real processes adding plans, building and importing on one store.

Every edit holds the store's writer lock (geodata/store_lock.py); a second writer waits, saying so, and
is refused with a message if the first takes too long. Working files are recognisable, removed on every
way out, and those of a killed run are removed by the next writer.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geodata import links
from geodata.build import build_store, default_seeds_dir
from geodata.passages import documents
from geodata.store import connect
from geodata.store_edit import editing_copy, temporary_copies, writing
from geodata.store_lock import WAIT_ENV, working_files, writer_lock
from geodata.user_data import imported_layer_names
from tests.geodata.import_helpers import known_points, write

ROOT = Path(__file__).resolve().parents[2]
RACE_TIMEOUT = 600  # seconds: a slow CI machine, two builds one after the other


@pytest.fixture
def store(built_store: Path, tmp_path: Path) -> Path:
    path = tmp_path / "store" / "plan-map.gpkg"
    path.parent.mkdir()
    shutil.copyfile(built_store, path)
    return path


def plan_variant(folder: Path, tag: str) -> Path:
    """A seed plan with one more sentence: a distinct document with the seed's structure."""
    seed = next(default_seeds_dir().glob("004_*.txt"))
    path = folder / f"plan-{tag}.txt"
    path.write_bytes(seed.read_bytes() + f"\n补充说明{tag}。\n".encode())
    return path


def points_file(folder: Path) -> Path:
    return write(known_points(), folder / "places.geojson", "EPSG:4326", driver="GeoJSON")


def cli(*args: str, wait: float = RACE_TIMEOUT) -> subprocess.Popen:
    env = {**os.environ, WAIT_ENV: str(wait)}
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=RACE_TIMEOUT)
    assert "Traceback" not in err, err
    return process.returncode, out, err


def added_files(store: Path) -> set[str]:
    with connect(store) as db:
        return {row[0] for row in db.execute("SELECT source_file FROM added_plans")}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused_as_busy(code: int, err: str) -> bool:
    return code != 0 and "another edit" in err and "另一个编辑正在进行" in err


def wait_for(condition, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


# --- two writers ----------------------------------------------------------------------------------

def test_two_add_plans_at_once_keep_both_or_refuse_one_clearly(store: Path, tmp_path: Path) -> None:
    plans = [plan_variant(tmp_path, tag) for tag in ("甲", "乙")]
    running = [cli("add-plan", str(plan), "--store", str(store)) for plan in plans]
    results = [finish(process) for process in running]
    kept = added_files(store)
    for plan, (code, out, err) in zip(plans, results):
        if code == 0:
            assert "Added" in out and plan.name in kept  # said Added: it is in the store
        else:
            assert refused_as_busy(code, err) and plan.name not in kept
    assert any(code == 0 for code, _, _ in results)
    assert temporary_copies(store) == []


def test_a_second_writer_waits_with_a_message_then_goes_on(store: Path, tmp_path: Path) -> None:
    first, second = plan_variant(tmp_path, "一"), plan_variant(tmp_path, "二")
    build_store(store, new_plan=_added(first))
    with writer_lock(store):  # another edit is running
        waiting = cli("add-plan", str(second), "--store", str(store))
        said = ""
        while "另一个编辑正在进行" not in said and waiting.poll() is None:
            said = waiting.stderr.readline()  # what it says while it waits
        time.sleep(0.5)
        assert waiting.poll() is None, "the second writer did not wait"
    code, out, err = finish(waiting)
    assert code == 0 and "Added" in out
    assert "另一个编辑正在进行" in said and "waiting" in said
    assert added_files(store) == {first.name, second.name}


def test_a_second_writer_is_refused_clearly_when_the_first_takes_too_long(store: Path, tmp_path: Path) -> None:
    before = digest(store)
    with writer_lock(store):
        began = time.monotonic()
        code, out, err = finish(cli("add-plan", str(plan_variant(tmp_path, "丙")), "--store", str(store), wait=1))
    assert refused_as_busy(code, err), err
    assert "nothing was changed" in err and time.monotonic() - began < 60
    assert digest(store) == before


def test_every_kind_of_edit_takes_the_same_lock(store: Path) -> None:
    with writer_lock(store):
        assert not _lock_free_elsewhere(store)
    assert _lock_free_elsewhere(store)
    with writing(store):
        assert not _lock_free_elsewhere(store)
    with editing_copy(store):
        assert not _lock_free_elsewhere(store)
    with writer_lock(store), writing(store), writer_lock(store):  # re-entrant in one thread
        pass
    assert _lock_free_elsewhere(store)


def test_build_while_an_import_runs_loses_nothing(store: Path, tmp_path: Path) -> None:
    source = points_file(tmp_path)
    build = cli("build", "--store", str(store))
    wait_for(lambda: build.poll() is not None or working_files(store))  # the build holds the lock
    imported = cli("import", str(source), "--store", str(store), "--layer-name", "并发导入")
    code, _, err = finish(imported)
    assert finish(build)[0] == 0
    with connect(store) as db:
        layers = imported_layer_names(db)
    if code == 0:
        assert "并发导入" in layers
    else:
        assert refused_as_busy(code, err) and "并发导入" not in layers
    assert temporary_copies(store) == []


def test_build_and_import_started_together_lose_nothing(store: Path, tmp_path: Path) -> None:
    source = points_file(tmp_path)
    imported = cli("import", str(source), "--store", str(store), "--layer-name", "同时导入")
    build = cli("build", "--store", str(store))
    code, _, err = finish(imported)
    assert finish(build)[0] == 0
    with connect(store) as db:
        layers = imported_layer_names(db)
    assert ("同时导入" in layers) if code == 0 else (refused_as_busy(code, err) and "同时导入" not in layers)


def test_readers_keep_working_while_a_plan_is_added(store: Path, tmp_path: Path) -> None:
    adding = cli("add-plan", str(plan_variant(tmp_path, "丁")), "--store", str(store))
    reads = 0
    while adding.poll() is None:
        with connect(store) as db:
            assert len(documents(db)) >= 5
        reads += 1
        time.sleep(0.05)
    assert finish(adding)[0] == 0 and reads > 0
    assert len(added_files(store)) == 1


# --- working files ----------------------------------------------------------------------------------

def test_working_files_are_named_so_they_can_be_recognised(store: Path, tmp_path: Path) -> None:
    adding = cli("add-plan", str(plan_variant(tmp_path, "戊")), "--store", str(store))
    seen: set[str] = set()
    while adding.poll() is None:
        seen |= {path.name for path in working_files(store)}
        time.sleep(0.01)
    assert finish(adding)[0] == 0
    building = [name for name in seen if name.endswith(".gpkg")]
    assert building, "no working file seen during the build"
    assert all(name.startswith(f".plan-map.building-{adding.pid}-") for name in building)
    assert working_files(store) == []


def test_a_killed_writers_files_are_removed_by_the_next_writer(store: Path, tmp_path: Path) -> None:
    before = digest(store)
    adding = cli("add-plan", str(plan_variant(tmp_path, "己")), "--store", str(store))
    wait_for(lambda: adding.poll() is not None or working_files(store))
    time.sleep(0.3)
    adding.send_signal(signal.SIGKILL)
    adding.communicate()
    if adding.returncode == 0:
        pytest.skip("the add-plan finished before it could be killed")
    assert digest(store) == before
    left = working_files(store)
    assert left, "the killed run left no working file to clean"
    with writing(store):  # the next writer
        pass
    assert working_files(store) == []
    with connect(store) as db:
        assert len(documents(db)) == 5


def test_stale_files_of_dead_or_earlier_runs_are_removed_and_other_stores_kept(store: Path) -> None:
    folder = store.parent
    dead = folder / ".plan-map.building-999999999-0badf00d.gpkg"
    dead_journal = folder / ".plan-map.building-999999999-0badf00d.gpkg-journal"
    old_name = folder / ".plan-map.building-999999999.gpkg"  # as older versions named it
    earlier = folder / f".plan-map.editing-{os.getppid()}-12345678.gpkg"  # a live PID, made before the lock
    other_store = folder / ".other.building-999999999-0badf00d.gpkg"
    for path in (dead, dead_journal, old_name, earlier, other_store):
        path.write_bytes(b"x" * 1000)
    past = time.time() - 60
    os.utime(earlier, (past, past))
    with writer_lock(store):
        assert working_files(store) == []
    assert other_store.exists()  # another store's files are that store's business


def test_an_interrupted_build_leaves_no_working_file_and_the_lock_free(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = digest(store)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(links, "link_all", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_store(store, new_plan=_added(plan_variant(tmp_path, "庚")))
    assert digest(store) == before and working_files(store) == []
    assert _lock_free_elsewhere(store)


def test_an_interrupted_edit_leaves_no_working_copy(store: Path) -> None:
    before = digest(store)
    with pytest.raises(KeyboardInterrupt), editing_copy(store) as copy:
        with sqlite3.connect(copy) as db:
            db.execute("CREATE TABLE scratch (x)")
        raise KeyboardInterrupt
    assert digest(store) == before and working_files(store) == []
    assert _lock_free_elsewhere(store)


# --- helpers ----------------------------------------------------------------------------------------

def _added(plan: Path):
    from geodata.build import AddedPlan

    return AddedPlan(plan.name, plan.read_bytes())


def _lock_free_elsewhere(store: Path) -> bool:
    """Whether another process could take the store's writer lock right now."""
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; from geodata.store_lock import writer_lock\n"
         "try:\n    cm = writer_lock(sys.argv[1], wait=0, on_wait=None); cm.__enter__()\n"
         "except Exception:\n    sys.exit(1)\n", str(store)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    return probe.returncode == 0
