"""Size of the offline HTML export against geopandas' .explore() for the same layers: the feature data (the
layers' GeoJSON as each page embeds it) and the whole file.

    python bench/html_size_bench.py [--store PATH] [--layers districts,key_areas,…]

.explore() needs folium, matplotlib and mapclassify (pip install mapclassify). Target: our feature data
≤ 0.3× .explore()'s. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET = 0.3


def explore_sizes(store: Path, layers: tuple[str, ...]) -> tuple[int, int]:
    """(bytes of the GeoJSON .explore() embeds for the layers, bytes of its whole page)."""
    import pyogrio

    explored = None
    for layer in layers:
        explored = pyogrio.read_dataframe(store, layer=layer).explore(m=explored)
    page = explored.get_root().render()
    data = sum(len(line[line.index("_add(") + 5:line.rindex(");")].encode("utf-8"))
               for line in page.splitlines() if "_add({" in line)
    return data, len(page.encode("utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a built store (default: build one in a temp folder)")
    parser.add_argument("--layers", help="comma-separated layer names (default: the export's default layers)")
    args = parser.parse_args()
    from geodata.store import connect
    from layers.html_export import HtmlExport, export_data, export_html
    from layers.page import script_json

    store = args.store
    if store is None:
        from geodata.build import build_store

        store = Path(tempfile.mkdtemp(prefix="plan-map-html-")) / "plan-map.gpkg"
        build_store(store)
    export = HtmlExport(layers=tuple(args.layers.split(","))) if args.layers else HtmlExport()
    with connect(store) as db:
        data = export_data(db, export)
        page = export_html(db, export)
    ours = len(script_json(data["collections"]).encode("utf-8"))
    popups = len(script_json(data["popups"]).encode("utf-8"))
    shown = tuple(layer["name"] for layer in data["layers"])
    theirs, their_page = explore_sizes(store, shown)
    ratio = ours / theirs
    print(f"layers: {', '.join(shown)}" + (f"; left out: {', '.join(layer['name'] for layer in data['leftOut'])}"
                                          if data["leftOut"] else ""))
    print(f"feature data: ours {ours / 1e3:.0f} KB, .explore() {theirs / 1e3:.0f} KB: {ratio:.2f}× "
          f"[{'OK' if ratio <= TARGET else 'OVER'}: target ≤ {TARGET}×]")
    print(f"whole file: ours {len(page.encode('utf-8')) / 1e3:.0f} KB (of which popups with passages and targets "
          f"{popups / 1e3:.0f} KB, Leaflet inlined), .explore() {their_page / 1e3:.0f} KB (Leaflet from a CDN)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
