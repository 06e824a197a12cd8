"""How long prints take: the whole city on A4 at 300 dpi as PNG, PDF and SVG, on the seed store and with 100,000
imported parcels (80 m squares, 100 m apart, in EPSG:4547 around 福田: bench/parcels.py),
plus sheets for 坪山's key areas.

    python bench/export_bench.py [--store PATH] [--parcels 100000] [--runs 2]

For each store it prints the scene load, each format's render (the fastest of --runs, in this process) and a
whole `plan-map export` process (start-up, imports, store read and render, as a user runs it), each in wall and
CPU seconds: on a busy machine the CPU time is the steadier figure. Targets: each city page under 3 s on the
seed store, a few seconds with the parcels. Prints numbers; asserts nothing. --parcels 0 skips the big store.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parcels import write_parcels  # noqa: E402  (bench/ is the script's folder)

from geodata.build import build_store  # noqa: E402
from geodata.store import connect  # noqa: E402
from layers.map_scene import load_scene  # noqa: E402
from layers.print_layout import DEFAULT_LAYERS, PageLayout  # noqa: E402
from layers.print_render import render_page  # noqa: E402
from layers.sheets import render_sheets, sheet_features  # noqa: E402

FORMATS = ("png", "pdf", "svg")


def big_store(seed: Path, folder: Path, count: int) -> tuple[Path, str]:
    """A copy of the seed store with `count` parcels imported; the imported layer's name."""
    from geodata.imports.importer import import_file

    store, source = folder / "big.gpkg", folder / "parcels.gpkg"
    shutil.copyfile(seed, store)
    began = time.perf_counter()
    write_parcels(source, count)
    summary = import_file(store, source)
    print(f"{'import ' + format(summary.imported, ',') + ' parcels':<44} {time.perf_counter() - began:6.2f} s")
    with connect(store) as db:
        layer = next(name for name in load_scene(db).layers if name not in DEFAULT_LAYERS)
    return store, layer


def best_of(runs: int, action) -> tuple[float, float, object]:
    """The fastest of `runs` calls: (wall seconds, CPU seconds, result)."""
    best = None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = action()
        timing = (time.perf_counter() - wall, time.process_time() - cpu, result)
        best = timing if best is None or timing[0] < best[0] else best
    return best


def process_seconds(store: Path, out: Path, layers: tuple[str, ...]) -> tuple[float, float]:
    """A whole `plan-map export` of the city at 300 dpi, as a user runs it: wall and CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "main.py"), "export", "--store", str(store), "--out", str(out),
                    "--dpi", "300", "--layers", ",".join(layers), "--force"], check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return time.perf_counter() - began, cpu


def bench_store(label: str, store: Path, layers: tuple[str, ...], out: Path, runs: int) -> None:
    wall, cpu, scene = best_of(1, lambda: _load(store))
    print(f"{label}: load scene{'':<26} {wall:6.2f} s   cpu {cpu:5.2f} s")
    layout = PageLayout(paper="A4", landscape=True, dpi=300, title="深圳市规划图", layers=layers)
    for fmt in FORMATS:
        path = out / f"{label}.{fmt}"
        wall, cpu, _ = best_of(runs, lambda path=path: render_page(layout, scene, path))
        size = f"{path.stat().st_size / 1024 / 1024:.1f} MB"
        print(f"{label}: city A4 300 dpi {fmt.upper():<19} {wall:6.2f} s   cpu {cpu:5.2f} s   {size}")
    for fmt in ("png", "pdf"):
        wall, cpu = process_seconds(store, out / f"{label}-process.{fmt}", layers)
        print(f"{label}: whole `plan-map export` {fmt.upper():<11} {wall:6.2f} s   cpu {cpu:5.2f} s")


def _load(store: Path):
    with connect(store) as db:
        return load_scene(db)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a built store (default: build one in a temporary folder)")
    parser.add_argument("--parcels", type=int, default=100_000, help="parcels to import for the big store; 0: none")
    parser.add_argument("--runs", type=int, default=2, help="renders per format; the fastest is shown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        store = args.store
        if store is None:
            store = out / "plan.gpkg"
            began = time.perf_counter()
            build_store(store)
            print(f"{'build store':<44} {time.perf_counter() - began:6.2f} s")
        bench_store("seed", store, DEFAULT_LAYERS, out, args.runs)
        with connect(store) as db:
            ids = sheet_features(db, "key_areas", "坪山区")
        wall, cpu, result = best_of(1, lambda: render_sheets(store, ids, out / "sheets.pdf"))
        print(f"{'sheets: 坪山 key areas (' + str(len(ids)) + ') into one PDF':<44} "
              f"{wall:6.2f} s   cpu {cpu:5.2f} s   {result.pages} pages")
        if args.parcels:
            big, layer = big_store(store, out, args.parcels)
            bench_store(f"+{args.parcels // 1000}k", big, (*DEFAULT_LAYERS, layer), out, args.runs)


if __name__ == "__main__":
    main()
