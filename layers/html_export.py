"""An interactive map in ONE self-contained HTML file: Leaflet inlined, the visible layers, popups with each
feature's defining passage and targets. It opens offline, from an e-mail attachment or a USB stick.

The page is the window's map page made self-contained: resources/web/export_page.html.j2 extends the same
plan_map.html.j2, and inlines the same plan_map.js and plan_map.css, with the window's page data
(layers/page.py) restricted to the chosen layers, so the map is drawn by the same code in the same styles.
Leaflet's JS and CSS are read from the installed XStatic-Leaflet package at export time (never committed),
its images inlined as data: URIs. No http(s) reference remains unless the user picks an online basemap.
Every text from the store is escaped before it reaches HTML (the popups are rendered by Jinja2 with
autoescaping); the data travels as script-safe JSON.
"""

from __future__ import annotations

import base64
import html
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from geodata.feature_queries import features, layer_tables, targets_for
from geodata.passages import passages_mentioning
from layers.cjk_text import shorten
from layers.feature_sheet import target_row
from layers.page import MAP_CSS, MAP_JS, leaflet_dir, page_data, render_page, templates, view_options
from layers.print_layout import DEFAULT_LAYERS
from layers.print_render import ExportError, write_atomically
from layers.style import SCHEMATIC_LABEL, SCHEMATIC_NOTE, layer_title

POPUP_PASSAGE_EM = 300
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
    return render_page("export_page.html.j2", export.title, data, inline)


def export_data(db: sqlite3.Connection, export: HtmlExport) -> dict:
    """The window's page data for the chosen layers, with the export's popups, focus and basemap."""
    data = page_data(db)
    chosen = set(export.layers)
    layers = [layer for layer in data["layers"] if layer["name"] in chosen]
    names = [layer["name"] for layer in layers]
    data.update(
        layers=layers,
        collections={name: data["collections"][name] for name in names},
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
