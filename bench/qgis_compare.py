"""Our whole A4 300-dpi city print against QGIS's bare headless render of the same layers, side by side.

    python bench/qgis_compare.py [--store PATH] [--runs 5] [--json]

In one run, alternating, --runs times each:
  ours  a whole `plan-map export --out city.png --paper A4 --landscape --dpi 300` process (the city layout:
        map, labels, legend, scale bar, 深汕 inset, footer), 3508 × 2480 px;
  qgis  a whole /usr/bin/python3 process that starts QGIS headless (QgsApplication without a GUI, Qt's
        offscreen platform), opens the store's feature layers our export shows (`store.gpkg|layername=…`),
        renders them with QgsMapRendererSequentialJob at the full page's pixel size (3508 × 2480, 300 dpi,
        antialiased, each layer in QGIS's default style, no labels) over our map's extent and saves a PNG.
Each is timed from process start to the PNG written (time.perf_counter around the subprocess), after one
uncounted run of each that warms the disk cache and writes our modules' bytecode, as an installed program has
it (QGIS's comes compiled with its packages): a PYTHONDONTWRITEBYTECODE in the environment is not passed on to
ours, which would otherwise compile every recently edited module of ours on every run. Prints the
median and minimum of each and their ratio (ours / QGIS); --json prints one JSON line instead. Goal (issue 13):
ours ≤ 1.0× QGIS. Asserts nothing.

QGIS is a bench-only tool, installed from Debian's packages for the system Python (not into .venv):
    apt-get install -y --no-install-recommends qgis python3-qgis
Without it the bench says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SYSTEM_PYTHON = "/usr/bin/python3"
INSTALL = "apt-get install -y --no-install-recommends qgis python3-qgis"
PLAN_MAP = ROOT / ".venv" / "bin" / "plan-map"

# The QGIS side: a bare headless render, run by the system Python that Debian's python3-qgis belongs to.
QGIS_RENDER = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from qgis.core import (QgsApplication, QgsMapRendererSequentialJob, QgsMapSettings, QgsRectangle,
                       QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

store, out, width, height, dpi = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
west, south, east, north = map(float, sys.argv[6:10])
names = sys.argv[10].split(",")
app = QgsApplication([], False)
app.initQgis()
layers = [QgsVectorLayer(f"{store}|layername={name}", name, "ogr") for name in names]
broken = [layer.name() for layer in layers if not layer.isValid()]
if broken:
    sys.exit(f"QGIS could not open the layers {', '.join(broken)} of {store}")
settings = QgsMapSettings()
settings.setLayers(layers[::-1])  # QGIS draws the list's last layer first: ours draws the first first
settings.setDestinationCrs(layers[0].crs())
settings.setOutputSize(QSize(width, height))
settings.setOutputDpi(dpi)
settings.setBackgroundColor(QColor("white"))
settings.setFlag(QgsMapSettings.Antialiasing, True)
settings.setExtent(QgsRectangle(west, south, east, north))
job = QgsMapRendererSequentialJob(settings)
job.start()
job.waitForFinished()
if not job.renderedImage().save(out, "PNG"):
    sys.exit(f"QGIS could not write {out}")
"""


def qgis_missing() -> str | None:
    """Why QGIS cannot run here (with how to install it), or None when it can."""
    if not Path(SYSTEM_PYTHON).exists():
        return f"{SYSTEM_PYTHON} is missing; QGIS's Python bindings need Debian's system Python. Install: {INSTALL}"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import qgis.core"], capture_output=True, text=True)
    if probe.returncode:
        return f"QGIS's Python bindings are not installed for {SYSTEM_PYTHON}. Install them (as root): {INSTALL}"
    return None


def qgis_version() -> str:
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "from qgis.core import Qgis; print(Qgis.QGIS_VERSION)"],
                           capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    return probe.stdout.strip()


def city_frame(store: Path, width: int, height: int) -> tuple[tuple[float, ...], tuple[str, ...]]:
    """The extent our city page's map shows (widened to the page's aspect) and the layers it draws."""
    from geodata.store import connect
    from layers.map_scene import fit_aspect, load_scene
    from layers.print_layout import DEFAULT_LAYERS

    with connect(store) as db:
        scene = load_scene(db)
    return fit_aspect(scene.city_bounds, width, height), tuple(n for n in DEFAULT_LAYERS if n in scene.layers)


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    """Wall seconds from the process's start to its exit (its PNG written); a failure stops the bench."""
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - began
    if done.returncode:
        sys.exit(f"{command[0]} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a built GeoPackage store (default: build one in a temp folder)")
    parser.add_argument("--runs", type=int, default=5, help="processes of each kind, alternating (default 5)")
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args()
    missing = qgis_missing()
    if missing:
        print(f"Cannot compare with QGIS: {missing}")
        return 0
    if args.store is not None and not args.store.is_file():
        print(f"No store at {args.store}; build one with `plan-map build --store {args.store}` or leave --store out.")
        return 0
    from layers.print_layout import PageLayout

    layout = PageLayout(paper="A4", landscape=True, dpi=300)
    width, height = layout.pixel_size
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        store = args.store
        if store is None:
            from geodata.build import build_store

            store = work / "plan.gpkg"
            build_store(store)
        bounds, names = city_frame(store, width, height)
        script = work / "qgis_render.py"
        script.write_text(QGIS_RENDER, encoding="utf-8")
        ours_cmd = [str(PLAN_MAP), "export", "--store", str(store), "--out", str(work / "ours.png"), "--paper", "A4",
                    "--landscape", "--dpi", str(layout.dpi), "--force"]
        qgis_cmd = [SYSTEM_PYTHON, str(script), str(store), str(work / "qgis.png"), str(width), str(height),
                    str(layout.dpi), *map(repr, bounds), ",".join(names)]
        qgis_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        ours_env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
        timed(ours_cmd, ours_env), timed(qgis_cmd, qgis_env)  # warm the disk and bytecode caches; not counted
        ours, qgis = [], []
        for _ in range(args.runs):
            ours.append(timed(ours_cmd, ours_env))
            qgis.append(timed(qgis_cmd, qgis_env))
    result = {
        "ours_median_s": round(statistics.median(ours), 3), "ours_min_s": round(min(ours), 3),
        "qgis_median_s": round(statistics.median(qgis), 3), "qgis_min_s": round(min(qgis), 3),
        "ratio_median": round(statistics.median(ours) / statistics.median(qgis), 3),
        "ratio_min": round(min(ours) / min(qgis), 3),
        "runs": args.runs, "pixels": [width, height], "layers": list(names), "qgis": qgis_version(),
        "load_1min": round(os.getloadavg()[0], 2),
    }
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"A4 landscape 300 dpi, {width} × {height} px, layers {', '.join(names)}; {args.runs} runs each, "
          f"alternating (QGIS {result['qgis']}, load {result['load_1min']})")
    print(f"{'ours: whole plan-map export (city layout)':<48} median {result['ours_median_s']:5.2f} s   "
          f"min {result['ours_min_s']:5.2f} s")
    print(f"{'QGIS: whole bare headless render (full page)':<48} median {result['qgis_median_s']:5.2f} s   "
          f"min {result['qgis_min_s']:5.2f} s")
    print(f"{'ours / QGIS':<48} median {result['ratio_median']:5.2f} ×   min {result['ratio_min']:5.2f} ×"
          "   (goal ≤ 1.0 ×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
