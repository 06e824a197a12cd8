"""How long exports take: an A4 300-dpi PNG and PDF of the whole city, and sheets for 坪山's key areas.

    python bench/export_bench.py [--store PATH]      (builds a store in a temporary folder when none is given)

Targets: under 3 s for each city page. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geodata.build import build_store  # noqa: E402
from geodata.store import connect  # noqa: E402
from layers.map_scene import load_scene  # noqa: E402
from layers.print_layout import PageLayout  # noqa: E402
from layers.print_render import render_page  # noqa: E402
from layers.sheets import render_sheets, sheet_features  # noqa: E402


def timed(label: str, action) -> float:
    began = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - began
    print(f"{label:<44} {seconds:6.2f} s   {result if result is not None else ''}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        store = args.store
        if store is None:
            store = out / "plan.gpkg"
            timed("build store", lambda: build_store(store) and None)
        with connect(store) as db:
            began = time.perf_counter()
            scene = load_scene(db)
            print(f"{'load scene (all layers)':<44} {time.perf_counter() - began:6.2f} s")
            ids = sheet_features(db, "key_areas", "坪山区")
        layout = PageLayout(paper="A4", dpi=300, title="深圳市规划图")
        def page(name: str) -> str:
            report = render_page(layout, scene, out / name)
            return f"{report.pixel_size} px" if name.endswith(".png") else f"{(out / name).stat().st_size // 1024} KB"

        timed("city A4 300 dpi PNG (first run)", lambda: page("a.png"))
        timed("city A4 300 dpi PNG", lambda: page("b.png"))
        timed("city A4 PDF", lambda: page("c.pdf"))
        timed("city A4 SVG", lambda: page("d.svg"))
        timed(f"sheets: 坪山 key areas ({len(ids)}) into one PDF",
              lambda: f"{render_sheets(store, ids, out / 'sheets.pdf').pages} pages")


if __name__ == "__main__":
    main()
