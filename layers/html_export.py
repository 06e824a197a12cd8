"""An interactive map in ONE self-contained HTML file: Leaflet inlined, the visible layers, popups with each
feature's defining passage and targets. It opens offline, from an e-mail attachment or a USB stick.

The page is the window's map page made self-contained: resources/web/export_page.html.j2 extends the same
plan_map.html.j2, and inlines the same plan_map.js and plan_map.css, with the window's page data
(layers/page.py) restricted to the chosen layers, so the map is drawn by the same code in the same styles.
Leaflet's JS and CSS are read from the installed XStatic-Leaflet package at export time (never committed),
its images inlined as data: URIs. No http(s) reference remains unless the user picks an online basemap.
Every text from the store is escaped before it reaches HTML (the popups are rendered by Jinja2 with
autoescaping); the data travels as script-safe JSON.

Coordinates are the page's (simplified, 5 decimals) as whole numbers, each ring and line delta-encoded, so
the feature data is a fraction of what geopandas' .explore() writes (bench/html_size_bench.py). A layer too
big for a page (more than TILED_FROM_FEATURES features, drawn by tile in the window) is left out, and the
page's title bar says so.
"""

from __future__ import annotations

import base64
import html
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from geodata.feature_queries import features, layer_tables, targets_for
from geodata.feature_tiles import TILED_FROM_FEATURES
from geodata.passages import passages_mentioning
from layers.cjk_text import shorten
from layers.feature_sheet import target_row
from layers.page import (
    COORDINATE_DECIMALS,
    MAP_CSS,
    MAP_JS,
    leaflet_dir,
    page_data,
    render_page,
    templates,
    view_options,
)
from layers.print_layout import DEFAULT_LAYERS
from layers.print_render import ExportError, write_atomically
from layers.style import SCHEMATIC_LABEL, SCHEMATIC_NOTE, layer_title

POPUP_PASSAGE_EM = 300
QUANTUM = 10.0 ** -COORDINATE_DECIMALS  # degrees: the page's rounded coordinates as whole numbers
POPUP_TARGETS = 12
# URLs inside Leaflet's source that are not requests (its own home page in the attribution, a bug link in a
# comment); the SVG namespace is an identifier Leaflet needs and is kept.
_LIBRARY_URL = re.compile(r"https?://(?!www\.w3\.org/)[^\s\"'<>)]*")
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)  # a file the export does not carry


@dataclass(frozen=True)
class HtmlExport:
    title: str = "深圳市规划图"
    layers: tuple[str, ...] = DEFAULT_LAYERS
    focus: str | None = None  # a feature id to zoom to and open
    basemap_url: str | None = None  # an online XYZ template chosen by the user; None = the offline land and sea
    basemap_attribution: str = ""


def write_html(db: sqlite3.Connection, out: str | Path, export: HtmlExport, *, overwrite: bool = False) -> Path:
    out = Path(out)
    if out.exists() and not overwrite:
        raise ExportError(f"{out} exists already; choose another name or overwrite it (--force).")
    write_atomically(out, export_html(db, export).encode("utf-8"))
    return out


def export_html(db: sqlite3.Connection, export: HtmlExport) -> str:
    present = layer_tables(db)
    unknown = [name for name in export.layers if name not in present]
    if unknown:
        raise ExportError(f"no layer named {', '.join(unknown)}; layers are: {', '.join(present)}")
    if export.basemap_url and not export.basemap_url.startswith(("https://", "http://")):
        raise ExportError("the basemap must be an http(s) XYZ tile URL with {z}/{x}/{y}")
    data = export_data(db, export)
    js, css = leaflet_assets()
    inline = {"leaflet_js": js, "leaflet_css": css, "plan_map_js": MAP_JS.read_text(encoding="utf-8"),
              "plan_map_css": MAP_CSS.read_text(encoding="utf-8")}
    return render_page("export_page.html.j2", export.title, data, inline, left_out=left_out_note(data["leftOut"]))


def left_out_note(left_out: list[dict]) -> str:
    """What the page's title bar says of the layers it does not carry."""
    if not left_out:
        return ""
    layers = "、".join(f"{layer['title']}（{layer['features']:,} 个要素）" for layer in left_out)
    return (f"未含图层 {layers}：超过离线网页可承载的 {TILED_FROM_FEATURES:,} 个要素，"
            "请在程序中查看，或用 export-layer 导出为 GeoPackage。")


def export_data(db: sqlite3.Connection, export: HtmlExport) -> dict:
    """The window's page data for the chosen layers, with the export's popups, focus and basemap."""
    data = page_data(db)
    chosen = set(export.layers)
    left_out = [layer for layer in data["layers"] if layer["name"] in chosen and data["tiled"].get(layer["name"])]
    layers = [layer for layer in data["layers"] if layer["name"] in chosen and layer not in left_out]
    names = [layer["name"] for layer in layers]
    data.update(
        layers=layers,
        collections={name: quantised(data["collections"][name]) for name in names},
        quantum=QUANTUM,
        leftOut=left_out,
        tiled={},
        tiledFeatureUrl=None,
        styles={name: data["styles"][name] for name in names},
        labels=[label for label in data["labels"] if label["layer"] in chosen],
        featureLabels=[label for label in data["featureLabels"] if label["layer"] in chosen],
        **view_options("svg"),
    )
    data.update(
        popups={info.feature.id: popup_html(db, info) for name in names for info in features(db, name)},
        focus=export.focus,
        layerControl=True,
        hoverNames=True,
    )
    if export.basemap_url:
        data["basemap"] = {"kind": "tiles", "url": export.basemap_url, "maxZoom": 18,
                           "attribution": html.escape(export.basemap_attribution)}
    return data


def quantised(collection: dict) -> dict:
    """A GeoJSON collection whose coordinates are whole numbers of QUANTUM degrees, each ring and line (and a
    MultiPoint's points) as one flat list [x0, y0, dx1, dy1, …] of its first point and the steps to each next
    one, a Point as [x, y]; plan_map.js (dequantise) reads it back."""
    def steps(points) -> list[int]:
        if not len(points):
            return []
        whole = np.rint(np.asarray(points, dtype=np.float64)[:, :2] / QUANTUM).astype(np.int64)
        return np.diff(whole, axis=0, prepend=np.zeros((1, 2), dtype=np.int64)).ravel().tolist()

    def encode(geometry: dict) -> dict:
        kind, coords = geometry["type"], geometry["coordinates"]
        if kind == "Point":
            return {"type": kind, "coordinates": steps([coords])}
        if kind in ("LineString", "MultiPoint"):
            return {"type": kind, "coordinates": steps(coords)}
        if kind in ("Polygon", "MultiLineString"):
            return {"type": kind, "coordinates": [steps(ring) for ring in coords]}
        return {"type": kind, "coordinates": [[steps(ring) for ring in polygon] for polygon in coords]}

    return {**collection, "features": [{**feature, "geometry": encode(feature["geometry"])}
                                       for feature in collection["features"]]}


def popup_html(db: sqlite3.Connection, info) -> str:
    """A feature's popup: name, kind and accuracy, its targets, and the passage that defines it."""
    f = info.feature
    schematic = f.accuracy == "schematic"
    facts = [layer_title(f.layer), "、".join(f.districts), SCHEMATIC_LABEL if schematic else ""]
    goals = targets_for(db, f.id)
    passages = passages_mentioning(db, f.id)
    first = passages[0] if passages else None
    passage = first and {"defining": first.is_defining, "document": first.document_title,
                         "section": first.section_path, "text": shorten(first.text, POPUP_PASSAGE_EM)}
    return templates().get_template("export_popup.html.j2").render(
        name=f.name,
        facts=" · ".join(filter(None, facts)),
        targets=[target_row(goal) for goal in goals[:POPUP_TARGETS]],
        more_targets=max(0, len(goals) - POPUP_TARGETS),
        passage=passage,
        more_passages=max(0, len(passages) - 1),
        note=SCHEMATIC_NOTE if schematic else "",
    ).strip()


def leaflet_assets() -> tuple[str, str]:
    """Leaflet's JS and CSS from the installed XStatic-Leaflet, images as data: URIs, library URLs removed."""
    folder = leaflet_dir()
    try:
        js = (folder / "leaflet.js").read_text(encoding="utf-8")
        css = (folder / "leaflet.css").read_text(encoding="utf-8")
    except OSError as error:
        raise ExportError(f"Leaflet is missing ({error}); reinstall the XStatic-Leaflet package") from error

    def inline(match: re.Match) -> str:
        image = folder / "images" / match.group(1)
        return f"url(data:image/png;base64,{base64.b64encode(image.read_bytes()).decode()})"

    css = re.sub(r"url\(images/([\w.-]+\.png)\)", inline, css)
    return _LIBRARY_URL.sub("#", _SOURCE_MAP.sub("", js)), _LIBRARY_URL.sub("#", css)
