"""Kill bench: kill -9 build, import and add-plan at random moments; the next writer leaves no working file.

    .venv/bin/python bench/kill_bench.py [--runs 20] [--seed 1]

For each operation, a store in a temporary folder is edited `--runs` times by `python main.py …`, each
run killed with SIGKILL at a random moment: odd runs between its start and its usual duration (measured
first by one run left to finish), even runs within 0.3 s of its working file appearing (an import makes
its copy only at the end, so a moment from the start rarely meets it). After each kill the bench counts
the working files left beside the store (`.plan-map.building-*`, `.plan-map.editing-*`), then starts the
next writer (takes the store's writer lock, as every edit does), and checks that no working file is
left, that the store opens read-only and passes SQLite's quick_check, and that it still holds the seed
plans. Not part of CI: it takes minutes.
Exit 1 if any check fails.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geodata.build import build_store, default_seeds_dir  # noqa: E402
from geodata.store import connect  # noqa: E402
from geodata.store_lock import working_files, writer_lock  # noqa: E402

OPERATIONS = ("build", "import", "add-plan")


@dataclass
class Tally:
    runs: int = 0
    killed: int = 0
    finished: int = 0
    left_after_kill: int = 0  # runs that left working files behind
    left_bytes: int = 0
    left_after_next_writer: int = 0
    store_failures: list[str] = field(default_factory=list)


def points_file(folder: Path) -> Path:
    path = folder / "places.geojson"
    features = ",".join(
        f'{{"type":"Feature","properties":{{"名称":"{name}"}},"geometry":{{"type":"Point","coordinates":[{x},{y}]}}}}'
        for name, x, y in (("市民中心", 114.0579, 22.5431), ("深圳湾公园", 113.9530, 22.5040),
                           ("坪山中心区", 114.3460, 22.6950))
    )
    path.write_text(f'{{"type":"FeatureCollection","features":[{features}]}}', encoding="utf-8")
    return path


def command(operation: str, store: Path, folder: Path, run: int) -> list[str]:
    base = [sys.executable, str(ROOT / "main.py")]
    if operation == "build":
        return [*base, "build", "--store", str(store)]
    if operation == "import":
        return [*base, "import", str(points_file(folder)), "--store", str(store), "--layer-name", f"kill{run}"]
    seed = next(default_seeds_dir().glob("004_*.txt"))
    plan = folder / f"plan-{run}.txt"
    plan.write_bytes(seed.read_bytes() + f"\n补充说明第{run}条。\n".encode())
    return [*base, "add-plan", str(plan), "--store", str(store)]


def usual_seconds(operation: str, store: Path, folder: Path) -> float:
    began = time.perf_counter()
    done = subprocess.run(command(operation, store, folder, 0), cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{operation} failed before any kill: {done.stderr}")
    return time.perf_counter() - began


def check_store(store: Path) -> str | None:
    try:
        with connect(store) as db:
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                return "quick_check failed"
            if db.execute("SELECT count(*) FROM documents WHERE origin = 'seed'").fetchone()[0] != 5:
                return "seed plans missing"
    except Exception as error:  # any failure to open is a finding
        return f"{type(error).__name__}: {error}"
    return None


def bench(operation: str, runs: int, rng: random.Random, base: Path, folder: Path) -> Tally:
    work = folder / operation
    work.mkdir()
    store = work / "plan-map.gpkg"
    shutil.copyfile(base, store)
    usual = usual_seconds(operation, store, work)
    tally = Tally()
    for run in range(1, runs + 1):
        process = subprocess.Popen(command(operation, store, work, run), cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if run % 2:  # any moment of the run
            time.sleep(rng.uniform(0, usual))
        else:  # a moment while it writes its working file (an import makes it only at the end)
            deadline = time.monotonic() + 2 * usual
            while process.poll() is None and not working_files(store) and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 0.3))
        tally.runs += 1
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            tally.killed += 1
        else:
            tally.finished += 1
        process.wait()
        left = working_files(store)
        if left:
            tally.left_after_kill += 1
            tally.left_bytes += sum(path.stat().st_size for path in left if path.exists())
        with writer_lock(store, wait=30, on_wait=None):  # the next writer starts
            if working_files(store):
                tally.left_after_next_writer += 1
        problem = check_store(store)
        if problem:
            tally.store_failures.append(f"run {run}: {problem}")
        print(f"  {operation} run {run}: {'killed' if process.returncode == -signal.SIGKILL else 'finished'}, "
              f"{len(left)} working file(s) left, {problem or 'store ok'}", file=sys.stderr, flush=True)
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20, help="kills per operation")
    parser.add_argument("--seed", type=int, default=1, help="random seed for the kill moments")
    parser.add_argument("--operations", nargs="+", choices=OPERATIONS, default=list(OPERATIONS))
    args = parser.parse_args()
    if os.name == "nt":
        raise SystemExit("kill -9 is POSIX: run this bench on Linux or macOS")
    rng = random.Random(args.seed)
    results = {}
    with tempfile.TemporaryDirectory(prefix="kill-bench-") as tmp:
        folder = Path(tmp)
        base = folder / "base.gpkg"
        build_store(base)
        for operation in args.operations:
            results[operation] = bench(operation, args.runs, rng, base, folder)
    print(f"{'operation':<9} {'runs':>4} {'killed':>6} {'done first':>10} {'left by kill':>12} {'MB left':>7} "
          f"{'left after next writer':>22} {'store opens, intact':>19}")
    failed = False
    for operation, t in results.items():
        intact = "yes" if not t.store_failures else f"NO ({len(t.store_failures)})"
        print(f"{operation:<9} {t.runs:>4} {t.killed:>6} {t.finished:>10} {t.left_after_kill:>12} "
              f"{t.left_bytes / 1e6:>7.1f} {t.left_after_next_writer:>22} {intact:>19}")
        failed |= bool(t.left_after_next_writer or t.store_failures)
        for problem in t.store_failures:
            print(f"    {problem}")
    print("result: " + ("FAILED" if failed else "no working file outlived the next writer; every store opened intact"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
