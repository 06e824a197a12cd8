"""The viewer at real size: N parcels (80 m squares, 100 m apart, in EPSG:4547 around 福田, like
bench/parcels.py) imported into a copy of the seed store, and bench/viewer_bench.py run on the seed
store and on the big one side by side in one run.

    xvfb-run -a -s "-screen 0 1600x1000x24" python bench/scale_bench.py 100000 [--runs 3] [--keep DIR]

Prints the import, both benches' JSON lines and the ratios big / seed, and the goals: start ≤ 1.3× the
seed store's, click p95 < 50 ms, search p95 < 30 ms, a tile's request → response p95 < 100 ms (in the window's
scheme handler; the page's own view of it is printed beside), window under 1.5 GB. Nothing
is asserted.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parcels import write_parcels  # noqa: E402  (bench/ is the script's folder)

GOALS = (("start_s", "start ≤ 1.3× the seed store's", lambda big, seed: big["start_s"] <= 1.3 * seed["start_s"]),
         ("click_p95_ms", "click p95 < 50 ms", lambda big, seed: big["click_p95_ms"] < 50),
         ("search_p95_ms", "search p95 < 30 ms", lambda big, seed: big["search_p95_ms"] < 30),
         ("tile_p95_ms", "a tile's request → response p95 < 100 ms",
          lambda big, seed: big.get("tile_p95_ms", 0) < 100),
         ("rss_mb", "window under 1.5 GB", lambda big, seed: big["rss_mb"] < 1536))


def viewer_bench(store: Path, runs: int) -> dict:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "viewer_bench.py"), "--store", str(store),
                           "--runs", str(runs), "--json"], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("features", type=int, help="how many parcels to import")
    parser.add_argument("--runs", type=int, default=3, help="warm starts per store")
    parser.add_argument("--keep", type=Path, help="leave the stores in this folder")
    args = parser.parse_args()
    from geodata.build import build_store
    from geodata.imports.importer import import_file

    folder = args.keep or Path(tempfile.mkdtemp(prefix="plan-map-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    seed, big, source = folder / "seed.gpkg", folder / f"parcels-{args.features}.gpkg", folder / "parcels-source.gpkg"
    build_store(seed)
    write_parcels(source, args.features)
    shutil.copyfile(seed, big)
    began = time.perf_counter()
    summary = import_file(big, source)
    print(f"imported {summary.imported:,} parcels in {time.perf_counter() - began:.1f} s "
          f"(store {big.stat().st_size / 1e6:.0f} MB)", flush=True)
    results = {"seed": viewer_bench(seed, args.runs), "big": viewer_bench(big, args.runs)}
    for name, values in results.items():
        print(f"{name}: {json.dumps(values)}")
    ratios = {key: round(results["big"][key] / results["seed"][key], 2) for key in results["seed"]
              if isinstance(results["seed"][key], (int, float)) and results["seed"][key]}
    print(f"big / seed: {json.dumps(ratios)}")
    for key, goal, met in GOALS:
        value = results["big"].get(key)
        print(f"  {goal}: {value} [{'met' if met(results['big'], results['seed']) else 'NOT met'}]")
    big = results["big"]
    print(f"  of a tile's request → response, waiting for a tile thread p95 {big.get('tile_wait_p95_ms')} ms, "
          f"making one p95 {big.get('tile_work_p95_ms')} ms; in the page, request → answer p95 "
          f"{big.get('tile_page_p95_ms')} ms, → drawn p95 {big.get('tile_drawn_p95_ms')} ms; a whole view drawn: "
          f"{big.get('view_drawn_s')} s")
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
