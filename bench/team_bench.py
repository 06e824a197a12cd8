"""Team mode under load: concurrent clients doing click → panel lookups and link edits on one PostGIS store,
then the same on the GeoPackage; lookup latency, and whether any saved edit was lost.

    .venv/bin/python bench/team_bench.py [--clients 10] [--seconds 60] [--gpkg-seconds S] [--think 0.5]
                                         [--pause 0] [--store PATH] [--json]

The store is the seed store built in a temporary folder (or a copy of --store PATH, which is left as it is);
the database is a copy of it (geodata.store_copy) in a throwaway PostgreSQL cluster (tests/pg_cluster.py) on a
local socket, stopped at the end, also on Ctrl-C or an error. Each client is a process of its own (threads
would measure Python's GIL, not the server) holding one connection open, as the window does, and clicks at
random points in the extent of the built-in Shenzhen layers (key areas, structure and transport lines,
stations; the districts' extent would add the far-away 深汕 zone): features_at, then for the feature on top
passages_mentioning, targets_for, and history_of with feature_version (what the window reads to fill the
panel); that is one lookup. A client clicks again at once (or after --pause seconds), so with many clients on
few cores the lookups queue for the CPU: then latency is about clients / lookups per second.

Every 2-5 s (at random) a client opens one of 5 features, which all clients share so that their edits
collide: it reads the feature's version, keeps clicking for --think seconds (the planner deciding), then links
or unlinks one of 12 passages with expected_version. An EditConflict is counted, the version read again and
the edit tried once more (a second conflict is counted and the edit dropped: refused, not lost). A GeoPackage
has one writer at a time, so there edits queue on its writer lock (writer_lock_waits).

Every edit a client was told was saved (feature, passage, action, version after) is checked against the store
afterwards: the audit log must hold each exactly once (and nothing no client was told about), and for each
(feature, passage) feature_passages and user_links must match the last saved action in version order.
edits_lost counts saved edits missing from the audit log plus pairs whose final state is wrong (goal 0).
Prints, per backend, edits_lost, edits_saved, conflicts, lookups and lookup p50/p95 in milliseconds (goal:
p95 < 50 ms), each part's p50/p95 and the machine's load average (other programs' work slows the clients
too); --json prints one line {"postgres": {...}, "geopackage": {...}}. Exit status 1 when a client failed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import multiprocessing
import os
import queue
import random
import re
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from geodata.build import build_store  # noqa: E402
from geodata.edit_history import EditConflict, feature_subject, feature_version, history_of  # noqa: E402
from geodata.feature_queries import features_at, targets_for  # noqa: E402
from geodata.feature_tiles import layer_bounds  # noqa: E402
from geodata.passages import passages_mentioning  # noqa: E402
from geodata.store import StoreError, connect  # noqa: E402
from geodata.store_address import PostgresAddress, StoreAddress  # noqa: E402
from geodata.store_copy import copy_store  # noqa: E402
from geodata.user_data import link, unlink  # noqa: E402

CLICK_LAYERS = ("key_areas", "structure_lines", "transport_lines", "transport_points")
EDITED_LAYER = "key_areas"
EDITED_FEATURES = 5
PASSAGE_POOL = 12
EDIT_EVERY_S = (2.0, 5.0)
PARTS = ("features_at", "passages_mentioning", "targets_for", "history_of")
READY_TIMEOUT_S = 120.0  # clients start, import the store code and warm up before the clock starts
DETAIL_PASSAGE = re.compile(r"passage (\d+) ")


@dataclass(frozen=True)
class Plan:
    """What every client works on, drawn once from the seed store so both backends get the same."""

    extent: tuple[float, float, float, float]  # west, south, east, north of the clicks
    features: tuple[str, ...]  # the features edits choose among
    passages: tuple[int, ...]  # the passages they link or unlink
    versions: dict[str, int]  # each edited feature's version before the run
    seed: int


@dataclass
class Outcome:
    """One client's run."""

    number: int
    lookups: list[tuple[float | None, ...]] = field(default_factory=list)  # ms per part, then the whole lookup
    saved: list[tuple[str, int, str, int]] = field(default_factory=list)  # feature, passage, action, version
    edit_ms: list[float] = field(default_factory=list)
    conflicts: int = 0
    dropped: int = 0  # edits refused twice
    lock_waits: int = 0  # edit attempts that waited for the GeoPackage's writer lock
    error: str = ""


@dataclass
class PendingEdit:
    feature: str
    passage: int
    action: str
    version: int
    save_at: float


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def make_plan(store: Path, seed: int) -> Plan:
    rng = random.Random(seed)
    with connect(store) as db:
        boxes = [box for box in (layer_bounds(db, layer) for layer in CLICK_LAYERS) if box]
        ids = sorted(row[0] for row in db.execute(f"SELECT id FROM {EDITED_LAYER}").fetchall())
        passages = sorted(row[0] for row in db.execute("SELECT id FROM passages").fetchall())
        chosen = tuple(rng.sample(ids, EDITED_FEATURES))
        versions = {feature: feature_version(db, feature) for feature in chosen}
    extent = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return Plan(extent, chosen, tuple(rng.sample(passages, PASSAGE_POOL)), versions, seed)


# --- one client (a process of its own) ------------------------------------------------------------

def lookup(db, rng: random.Random, extent: tuple[float, float, float, float]) -> tuple[float | None, ...]:
    """One click → panel: milliseconds of each part (None for the parts a click on nothing skips), then the
    whole lookup."""
    west, south, east, north = extent
    began = time.perf_counter()
    picked = features_at(db, rng.uniform(west, east), rng.uniform(south, north))
    marks = [time.perf_counter()]
    if picked:
        feature = picked[0].feature.id
        passages_mentioning(db, feature)
        marks.append(time.perf_counter())
        targets_for(db, feature)
        marks.append(time.perf_counter())
        history_of(db, feature)
        feature_version(db, feature)
        marks.append(time.perf_counter())
    parts = [(mark - before) * 1000 for before, mark in zip([began, *marks], marks)]
    return (*parts, *[None] * (len(PARTS) - len(parts)), (marks[-1] - began) * 1000)


def open_edit(db, rng: random.Random, plan: Plan, save_at: float) -> PendingEdit:
    feature = rng.choice(plan.features)
    return PendingEdit(feature, rng.choice(plan.passages), rng.choice(("link", "unlink")),
                       feature_version(db, feature), save_at)


def save(store: StoreAddress, db, edit: PendingEdit, outcome: Outcome) -> None:
    """The edit with the version read when it was opened; on a conflict, read it again and try once more."""
    change = link if edit.action == "link" else unlink
    version = edit.version
    began = time.perf_counter()
    for attempt in range(2):
        told = io.StringIO()  # "another edit is running, waiting ...": the GeoPackage's writer lock, counted
        try:
            with contextlib.redirect_stderr(told):
                done = change(store, edit.feature, passage_id=edit.passage, expected_version=version)
        except EditConflict:
            outcome.conflicts += 1
            outcome.dropped += attempt
            version = feature_version(db, edit.feature)
            continue
        finally:
            outcome.lock_waits += bool(told.getvalue())
        outcome.saved.append((edit.feature, edit.passage, edit.action, done.version))
        break
    outcome.edit_ms.append((time.perf_counter() - began) * 1000)


def client(number: int, store: StoreAddress, plan: Plan, seconds: float, think: float, pause: float,
           ready, go, results) -> None:
    """Click and edit until `seconds` after the go signal; puts one Outcome on `results`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us on Ctrl-C
    outcome = Outcome(number)
    rng = random.Random(plan.seed * 1000 + number)
    try:
        with connect(store) as db:
            for _ in range(3):
                lookup(db, rng, plan.extent)  # warm up: the code's imports, the connection's caches
            ready.put(number)
            go.wait()
            now = time.monotonic()
            deadline, next_edit, pending = now + seconds, now + rng.uniform(*EDIT_EVERY_S), None
            while now < deadline:
                if pending is None and now >= next_edit:
                    pending = open_edit(db, rng, plan, now + think)
                elif pending is not None and now >= pending.save_at:
                    save(store, db, pending, outcome)
                    pending, next_edit = None, time.monotonic() + rng.uniform(*EDIT_EVERY_S)
                outcome.lookups.append(lookup(db, rng, plan.extent))
                if pause:
                    time.sleep(max(0.0, min(pause, deadline - time.monotonic())))
                now = time.monotonic()
    except Exception as error:  # noqa: BLE001 - reported by the parent, with the other clients' numbers
        outcome.error = f"{type(error).__name__}: {error}"
        ready.put(number)
    results.put(outcome)


# --- the parent -----------------------------------------------------------------------------------

def run_clients(store: StoreAddress, plan: Plan, clients: int, seconds: float, think: float, pause: float
                ) -> list[Outcome]:
    """Start the clients, let them all begin at once, and collect their outcomes (stopping them on Ctrl-C)."""
    context = multiprocessing.get_context("spawn")
    ready, results, go = context.Queue(), context.Queue(), context.Event()
    processes = [context.Process(target=client, args=(n, store, plan, seconds, think, pause, ready, go, results),
                                 daemon=True) for n in range(clients)]
    try:
        for process in processes:
            process.start()
        for _ in processes:
            ready.get(timeout=READY_TIMEOUT_S)
        go.set()
        outcomes = [results.get(timeout=seconds + READY_TIMEOUT_S) for _ in processes]
        for process in processes:
            process.join()
        return sorted(outcomes, key=lambda outcome: outcome.number)
    except queue.Empty:
        raise RuntimeError("A client did not start or did not finish in time; see its output above.") from None
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
                process.join()


def check_edits(store: StoreAddress, plan: Plan, saved: list[tuple[str, int, str, int]]) -> dict[str, int]:
    """Whether every saved edit is in the store: once in the audit log, and its pair's final state right."""
    subjects = {feature_subject(feature): feature for feature in plan.features}
    with connect(store) as db:
        rows = db.execute("SELECT subject, version, action, detail FROM audit_log WHERE subject IN ("
                          + ", ".join("?" * len(subjects)) + ")", tuple(subjects)).fetchall()
        audited = Counter()
        versions = Counter()
        for subject, version, action, detail in rows:
            feature = subjects[subject]
            if int(version) <= plan.versions[feature]:
                continue  # an edit of the seed store, before this run
            versions[(feature, int(version))] += 1
            found = DETAIL_PASSAGE.match(detail)
            audited[(feature, int(found.group(1)) if found else -1, action, int(version))] += 1
        told = Counter(saved)
        last: dict[tuple[str, int], str] = {}
        for feature, passage, action, _version in sorted(saved, key=lambda edit: (edit[0], edit[3])):
            last[(feature, passage)] = action
        wrong = 0
        for (feature, passage), action in last.items():
            linked = db.execute("SELECT count(*) FROM feature_passages WHERE feature_id = ? AND passage_id = ?",
                                (feature, passage)).fetchone()[0] > 0
            recorded = db.execute(
                "SELECT u.action FROM user_links u JOIN passages p ON p.document_id = u.document_id "
                "AND p.ordinal = u.ordinal WHERE u.feature_id = ? AND u.kind = 'passage' AND p.id = ?",
                (feature, passage)).fetchone()
            if linked != (action == "link") or recorded is None or recorded[0] != action:
                wrong += 1
    missing = sum(1 for edit in told if audited[edit] == 0)
    return {
        "edits_lost": missing + wrong,
        "lost_from_audit": missing,
        "wrong_final_state": wrong,
        "audit_duplicates": sum(count - 1 for count in audited.values() if count > 1)
        + sum(count - 1 for count in versions.values() if count > 1),
        "audit_unreported": sum(count for edit, count in audited.items() if edit not in told),
    }


def summary(store: StoreAddress, plan: Plan, outcomes: list[Outcome], seconds: float) -> dict:
    lookups = [timing for outcome in outcomes for timing in outcome.lookups]
    totals = [timing[-1] for timing in lookups]
    saved = [edit for outcome in outcomes for edit in outcome.saved]
    edit_ms = [ms for outcome in outcomes for ms in outcome.edit_ms]
    result = {
        **check_edits(store, plan, saved),
        "edits_saved": len(saved),
        "conflicts": sum(outcome.conflicts for outcome in outcomes),
        "edits_refused_twice": sum(outcome.dropped for outcome in outcomes),
        "writer_lock_waits": sum(outcome.lock_waits for outcome in outcomes),
        "lookups": len(lookups),
        "lookups_per_s": round(len(lookups) / seconds, 1),
        "lookup_p50_ms": round(statistics.median(totals), 2) if totals else None,
        "lookup_p95_ms": round(percentile(totals, 0.95), 2) if totals else None,
        "edit_p50_ms": round(statistics.median(edit_ms), 1) if edit_ms else None,
        "edit_p95_ms": round(percentile(edit_ms, 0.95), 1) if edit_ms else None,
        "clicks_on_nothing": sum(1 for timing in lookups if timing[1] is None),
        "parts_ms": {part: [round(statistics.median(values), 2), round(percentile(values, 0.95), 2)]
                     for part, values in zip(PARTS, ([ms for ms in column if ms is not None]
                                                     for column in zip(*lookups))) if values},
        "load_average": round(os.getloadavg()[0], 1),  # the machine's, over the last minute: others' work too
        "client_errors": [f"client {outcome.number}: {outcome.error}" for outcome in outcomes if outcome.error],
    }
    return result


def run_backend(store: StoreAddress, plan: Plan, args: argparse.Namespace, seconds: float) -> dict:
    return summary(store, plan, run_clients(store, plan, args.clients, seconds, args.think, args.pause), seconds)


SHOWN = ("edits_lost", "edits_saved", "conflicts", "edits_refused_twice", "writer_lock_waits", "lookups",
         "clicks_on_nothing", "lookups_per_s", "lookup_p50_ms", "lookup_p95_ms", "edit_p50_ms", "edit_p95_ms",
         "lost_from_audit", "wrong_final_state", "audit_duplicates", "audit_unreported", "load_average")


def report(results: dict[str, dict]) -> None:
    names = list(results)
    print(f"{'':<28}" + "".join(f"{name:>16}" for name in names))
    for key in SHOWN:
        print(f"{key:<28}" + "".join(f"{results[name][key]!s:>16}" for name in names))
    for part in PARTS:
        cells = "".join(f"{'{} / {}'.format(*results[name]['parts_ms'].get(part, ('-', '-'))):>16}"
                        for name in names)
        print(f"{part + ' p50 / p95':<28}{cells}")
    for name in names:
        for error in results[name]["client_errors"]:
            print(f"{name} {error}", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10, help="concurrent client processes (default 10)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the clients run (default 60)")
    parser.add_argument("--gpkg-seconds", type=float, help="how long on the GeoPackage (default: --seconds)")
    parser.add_argument("--think", type=float, default=0.5,
                        help="seconds between reading a feature's version and saving the edit (default 0.5)")
    parser.add_argument("--pause", type=float, default=0.0,
                        help="seconds a client waits between clicks (default 0: click again at once)")
    parser.add_argument("--store", type=Path, help="a GeoPackage store to start from (copied, not changed)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args()
    if args.clients < 1 or args.seconds <= 0 or args.think < 0 or args.pause < 0:
        parser.error("--clients must be at least 1, --seconds more than 0, --think and --pause not negative")
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # kill stops the clients and the cluster too
    from pg_cluster import PgCluster, PgUnavailable

    say = (lambda text: print(text, file=sys.stderr, flush=True)) if args.json else print
    try:
        with tempfile.TemporaryDirectory(prefix="team-bench-") as folder, PgCluster() as cluster:
            store = Path(folder) / "plan-map.gpkg"
            if args.store:
                with connect(args.store):
                    pass  # a store, of this version: say so before copying
                shutil.copyfile(args.store, store)
            else:
                say("Building the seed store ...")
                build_store(store)
            plan = make_plan(store, args.seed)
            database = PostgresAddress(cluster.new_database("team_bench"))
            copy_store(store, database)
            say(f"{args.clients} clients; PostGIS for {args.seconds:g} s ...")
            results = {"postgres": run_backend(database, plan, args, args.seconds)}
            gpkg_seconds = args.gpkg_seconds or args.seconds
            say(f"GeoPackage for {gpkg_seconds:g} s ...")
            results["geopackage"] = run_backend(store, plan, args, gpkg_seconds)
    except KeyboardInterrupt:
        print("Interrupted; the clients and the database cluster were stopped.", file=sys.stderr)
        return 130
    except (PgUnavailable, StoreError, RuntimeError) as error:
        print(f"team_bench: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        print(f"{args.clients} clients, edits among {EDITED_FEATURES} features every "
              f"{EDIT_EVERY_S[0]:g}-{EDIT_EVERY_S[1]:g} s, think {args.think:g} s, pause between clicks "
              f"{args.pause:g} s; milliseconds")
        report(results)
    return 1 if any(result["client_errors"] for result in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
