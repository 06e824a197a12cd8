"""Linking benchmark: one-line plans of 1, 2, 4 and 50 MB through parse + link, and through add-plan.

    .venv/bin/python bench/linking_bench.py [--sizes 1 2 4 50] [--no-add-plan]

Each plan is the seed plans' text with its line breaks, tabs and dot leaders removed, repeated to the
size, under one chapter heading: one paragraph of up to 50 MB, the case where linking used to grow with
the square of the paragraph's length (1/2/4 MB: 9/29/109 s). Timed on the plan's tables alone: parse_plan;
"gazetteer link", links.link_all; "build link", what the build links with (the place register's pass,
which includes the gazetteer's; "-" where this version has none). "add-plan" runs `python main.py
add-plan` on a copy of a store built from the seeds, search indexes and all. Fails (exit 1) when 50 MB
takes 60 s or more to parse and link as the build does.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geodata import links  # noqa: E402
from geodata.build import build_store, default_seeds_dir, write_plan  # noqa: E402
from geodata.plans.parser import parse_plan  # noqa: E402
from geodata.spatial import feature_sources  # noqa: E402
from geodata.store import PLAN_SCHEMA  # noqa: E402

LIMIT_SECONDS = 60.0
LIMIT_MB = 50
ADD_PLAN_TIMEOUT = 600


def one_line_plan(path: Path, megabytes: float, seeds: Path) -> Path:
    text = "".join(seed.read_text(encoding="utf-8") for seed in sorted(seeds.glob("*.txt")))
    text = re.sub(r"[\r\n\t]|\.{3,}|…{2,}|·{3,}", "", text)  # one line, and not a table of contents
    unit = text.encode("utf-8")
    size = int(megabytes * 1024 * 1024)
    body = (unit * (size // len(unit) + 1))[:size].decode("utf-8", "ignore")
    path.write_bytes(("第一章 总则\n" + body).encode("utf-8"))
    return path


def build_linker():
    """What the build links with: the place register's pass (gazetteer links and the places not drawn)
    where this version has one, else the gazetteer's links alone."""
    try:
        from geodata import place_register
    except ImportError:
        return None
    if not Path(place_register.__file__).resolve().is_relative_to(ROOT):
        return None  # another checkout's, reached through an installed path
    return place_register.link_and_register


def parse_and_link(plan_file: Path, features: list) -> tuple[float, float, float | None, int, int]:
    began = time.perf_counter()
    plan = parse_plan(plan_file)
    parsed = time.perf_counter() - began
    timings, count = [], 0
    for linker in (links.link_all, build_linker()):
        if linker is None:
            timings.append(None)
            continue
        db = sqlite3.connect(":memory:")
        db.executescript(PLAN_SCHEMA)
        write_plan(db, plan, "added", 0)
        began = time.perf_counter()
        count = linker(db, features)
        timings.append(time.perf_counter() - began)
        db.close()
    longest = max((len(passage.text) for passage in plan.passages), default=0)
    return parsed, timings[0], timings[1], count, longest


def add_plan(plan_file: Path, base_store: Path, folder: Path) -> tuple[float, str]:
    store = folder / "add-plan.gpkg"
    shutil.copyfile(base_store, store)
    began = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), "add-plan", str(plan_file), "--store",
                               str(store)], capture_output=True, text=True, cwd=ROOT, timeout=ADD_PLAN_TIMEOUT)
        outcome = "ok" if done.returncode == 0 else f"exit {done.returncode}: {done.stderr.strip()[-200:]}"
    except subprocess.TimeoutExpired:
        outcome = f"stopped after {ADD_PLAN_TIMEOUT} s"
    seconds = time.perf_counter() - began
    store.unlink(missing_ok=True)
    return seconds, outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4, 50], help="plan sizes in MB")
    parser.add_argument("--no-add-plan", action="store_true", help="time parse + link only")
    args = parser.parse_args()
    seeds = default_seeds_dir()
    features = [feature for feature, _ in feature_sources.load_all()]
    rows, failed = [], False
    with tempfile.TemporaryDirectory(prefix="linking-bench-") as tmp:
        folder = Path(tmp)
        base = folder / "base.gpkg"
        if not args.no_add_plan:
            build_store(base, seeds)
        for megabytes in args.sizes:
            plan_file = one_line_plan(folder / f"one-line-{megabytes:g}mb.txt", megabytes, seeds)
            parse_s, link_s, build_link_s, count, longest = parse_and_link(plan_file, features)
            add_s, outcome = (None, "") if args.no_add_plan else add_plan(plan_file, base, folder)
            rows.append((megabytes, longest, parse_s, link_s, build_link_s, count, add_s, outcome))
            total = parse_s + (build_link_s if build_link_s is not None else link_s)
            if megabytes >= LIMIT_MB and total >= LIMIT_SECONDS:
                failed = True
            plan_file.unlink()
            print(f"  {megabytes:g} MB done", file=sys.stderr, flush=True)
    print(f"{'size':>7} {'paragraph chars':>15} {'parse s':>8} {'gazetteer link s':>16} {'build link s':>12} "
          f"{'parse+link s':>12} {'links':>8} {'add-plan s':>10}  outcome")
    for megabytes, longest, parse_s, link_s, build_link_s, count, add_s, outcome in rows:
        add = f"{add_s:10.1f}" if add_s is not None else f"{'-':>10}"
        build_link = f"{build_link_s:12.1f}" if build_link_s is not None else f"{'-':>12}"
        total = parse_s + (build_link_s if build_link_s is not None else link_s)
        print(f"{megabytes:>5g}MB {longest:>15,} {parse_s:8.1f} {link_s:16.1f} {build_link} {total:12.1f} "
              f"{count:>8,} {add}  {outcome}")
    print(f"goal: a {LIMIT_MB} MB one-line plan parsed and linked (as the build links) in < {LIMIT_SECONDS:g} s: "
          + ("MISSED" if failed else "met"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
