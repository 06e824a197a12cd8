"""Click → panel lookups on both backends: features_at, then passages_mentioning and targets_for of the feature
picked, for random clicks over Shenzhen, on the seed store as a GeoPackage and as a PostGIS database.

    .venv/bin/python bench/pick_bench.py [--clicks 200] [--parcels 100000] [--radius 200]

The GeoPackage is built in a temporary folder; the database is a copy of it (geodata.store_copy) in a throwaway
PostgreSQL cluster (tests/pg_cluster.py) on a local socket. `--parcels N` imports N parcels first (bench/parcels.py),
so the spatial indexes have a big layer to narrow. One warm-up pass, then the timed one; milliseconds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from geodata.build import build_store  # noqa: E402
from geodata.feature_queries import features_at, targets_for  # noqa: E402
from geodata.feature_tiles import layer_bounds  # noqa: E402
from geodata.passages import passages_mentioning  # noqa: E402
from geodata.store import connect  # noqa: E402
from geodata.store_address import PostgresAddress, StoreAddress  # noqa: E402
from geodata.store_copy import copy_store  # noqa: E402

PARTS = ("features_at", "passages_mentioning", "targets_for", "click")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def clicks(store: Path, count: int, seed: int = 15) -> list[tuple[float, float]]:
    """Random points in the districts' extent (Shenzhen with 深汕), the same for both backends."""
    with connect(store) as db:
        west, south, east, north = layer_bounds(db, "districts")
    rng = random.Random(seed)
    return [(rng.uniform(west, east), rng.uniform(south, north)) for _ in range(count)]


def timings(store: StoreAddress, points: list[tuple[float, float]], radius: float) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {part: [] for part in PARTS}
    with connect(store) as db:
        for timed in (False, True):
            for lon, lat in points:
                began = time.perf_counter()
                picked = features_at(db, lon, lat, radius)
                at = time.perf_counter()
                passages = passages_mentioning(db, picked[0].feature.id) if picked else []
                mentioned = time.perf_counter()
                targets = targets_for(db, picked[0].feature.id) if picked else []
                done = time.perf_counter()
                if timed:
                    for part, ms in zip(PARTS, (at - began, mentioned - at, done - mentioned, done - began)):
                        times[part].append(ms * 1000)
                del passages, targets
    return times


def report(name: str, times: dict[str, list[float]]) -> None:
    cells = "  ".join(f"{part} p50 {statistics.median(values):6.2f} p95 {percentile(values, 0.95):6.2f}"
                      for part, values in times.items())
    print(f"{name:<10} {cells}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=200)
    parser.add_argument("--parcels", type=int, default=0, help="import this many parcels first")
    parser.add_argument("--radius", type=float, default=200.0, help="pick radius in metres")
    args = parser.parse_args()
    from pg_cluster import PgCluster

    with tempfile.TemporaryDirectory() as folder, PgCluster() as cluster:
        store = Path(folder) / "plan-map.gpkg"
        build_store(store)
        if args.parcels:
            from bench.parcels import write_parcels
            from geodata.imports.importer import import_file

            source = Path(folder) / "parcels.gpkg"
            write_parcels(source, args.parcels)
            import_file(store, source)
        database = PostgresAddress(cluster.new_database("pick_bench"))
        copy_store(store, database)
        points = clicks(store, args.clicks)
        print(f"{args.clicks} clicks, radius {args.radius:g} m, {args.parcels} parcels; milliseconds")
        report("GeoPackage", timings(store, points, args.radius))
        report("PostGIS", timings(database, points, args.radius))
    return 0


if __name__ == "__main__":
    sys.exit(main())
