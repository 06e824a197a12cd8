"""Import benchmark: 100k small square parcels over Shenzhen in EPSG:4547 (a GeoPackage written with
GDAL), imported into a fresh store; prints the import time and the peak memory of the importing process.

    .venv/bin/python bench/import_bench.py [--features 100000]

Peak memory is the child process's ru_maxrss (GDAL allocates outside Python, so tracemalloc would miss it).
Target: under 30 s for 100k polygons.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parcels import write_parcels  # noqa: E402  (bench/ is the script's folder)

TARGET_SECONDS = 30.0


def child(store: str, source: str) -> None:
    """Run in a subprocess so that ru_maxrss is the import's own peak."""
    from geodata.imports.importer import import_file

    summary = import_file(Path(store), Path(source))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"seconds": summary.seconds, "imported": summary.imported, "links": summary.links,
                      "peak_mb": peak_mb}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=int, default=100_000)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    from geodata.build import build_store

    with tempfile.TemporaryDirectory() as folder:
        store, source = Path(folder) / "bench.gpkg", Path(folder) / "parcels.gpkg"
        began = time.perf_counter()
        build_store(store)
        write_parcels(source, args.features)
        print(f"prepared a store and {args.features:,} parcels (EPSG:4547) in {time.perf_counter() - began:.1f} s")
        began = time.perf_counter()
        done = subprocess.run([sys.executable, __file__, "--child", str(store), str(source)],
                              capture_output=True, text=True, check=True)
        wall = time.perf_counter() - began
        result = json.loads(done.stdout.strip().splitlines()[-1])
        began = time.perf_counter()
        build_store(store)
        rebuild = time.perf_counter() - began
    verdict = "OK" if result["seconds"] < TARGET_SECONDS else "SLOW"
    print(f"import of {result['imported']:,} polygons: {result['seconds']:.1f} s "
          f"(process {wall:.1f} s with start-up), peak memory {result['peak_mb']:.0f} MB, "
          f"gazetteer links {result['links']}  [{verdict}: target < {TARGET_SECONDS:.0f} s]")
    print(f"rebuild carrying the imported layer over: {rebuild:.1f} s")
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())
