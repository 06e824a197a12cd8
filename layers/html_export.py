"""An interactive map in ONE self-contained HTML file: Leaflet inlined, the visible layers, popups with each
feature's defining passage and targets. It opens offline, from an e-mail attachment or a USB stick.

Leaflet's JS and CSS are read from the installed XStatic-Leaflet package at export time (never committed),
its images inlined as data: URIs. No http(s) reference remains unless the user picks an online basemap.
Every text from the store is escaped before it reaches HTML; the data travels as script-safe JSON.
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
from layers.page import layer_collection, leaflet_dir, script_json
from layers.print_layout import DEFAULT_LAYERS
from layers.print_render import ExportError, write_atomically
from layers.style import (
    HIGHLIGHT_COLOUR,
    KIND_STYLES,
    SCHEMATIC_DASH,
    SCHEMATIC_LABEL,
    SCHEMATIC_NOTE,
    SEA_COLOUR,
    feature_style,
    layer_style,
    layer_title,
)

POPUP_PASSAGE_EM = 300
POPUP_TARGETS = 12
# URLs inside Leaflet's source that are not requests (its own home page in the attribution, a bug link in a
# comment); the SVG namespace is an identifier Leaflet needs and is kept.
_LIBRARY_URL = re.compile(r"https?://(?!www\.w3\.org/)[^\s\"'<>)]*")


@dataclass(frozen=True)
class HtmlExport:
    title: str = "深圳市规划图"
    layers: tuple[str, ...] = DEFAULT_LAYERS
    focus: str | None = None  # a feature id to zoom to and open
    basemap_url: str | None = None  # an online XYZ template chosen by the user; None = offline sea colour
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
    layers = [name for name in present if name in export.layers]
    data = {
        "title": export.title,
        "layers": [{"name": name, "title": layer_title(name)} for name in layers],
        "collections": {name: layer_collection(db, name) for name in layers},
        "styles": {name: _styles(name) for name in layers},
        "popups": {info.feature.id: popup_html(db, info) for name in layers for info in features(db, name)},
        "focus": export.focus,
        "highlight": HIGHLIGHT_COLOUR,
        "dash": SCHEMATIC_DASH.replace(" ", ","),
        "basemap": export.basemap_url,
        "attribution": html.escape(export.basemap_attribution),
    }
    return page(export.title, data)


def _styles(layer: str) -> dict:
    def as_json(style) -> dict:
        return {"color": style.stroke, "fillColor": style.fill, "fillOpacity": style.fill_opacity,
                "weight": style.stroke_width, "radius": style.radius}

    return {"base": as_json(layer_style(layer)),
            "kinds": {k.kind: as_json(feature_style(layer, k.kind)) for k in KIND_STYLES}}


def popup_html(db: sqlite3.Connection, info) -> str:
    """A feature's popup: name, kind and accuracy, its targets, and the passage that defines it."""
    f = info.feature
    e = html.escape
    parts = [f"<h3>{e(f.name)}</h3>"]
    facts = [layer_title(f.layer), "、".join(f.districts)]
    if f.accuracy == "schematic":
        facts.append(SCHEMATIC_LABEL)
    parts.append(f"<p class='facts'>{e(' · '.join(filter(None, facts)))}</p>")
    goals = targets_for(db, f.id)
    if goals:
        rows = "".join(
            f"<tr><td>{e(r.indicator)}</td><td>{e(r.value)}</td><td>{e(r.unit)}</td><td>{e(r.year)}</td>"
            f"<td>{e(r.binding)}</td></tr>"
            for r in map(target_row, goals[:POPUP_TARGETS]))
        more = f"<p class='more'>另有 {len(goals) - POPUP_TARGETS} 项指标</p>" if len(goals) > POPUP_TARGETS else ""
        parts.append(f"<table><tr><th>指标</th><th>数值</th><th>单位</th><th>年份</th><th>属性</th></tr>{rows}"
                     f"</table>{more}")
    passages = passages_mentioning(db, f.id)
    if passages:
        first = passages[0]
        label = "定义" if first.is_defining else "提及"
        parts.append(f"<p class='source'>{label}：《{e(first.document_title)}》 › {e(first.section_path)}</p>"
                     f"<p class='passage'>{e(shorten(first.text, POPUP_PASSAGE_EM))}</p>")
        if len(passages) > 1:
            parts.append(f"<p class='more'>另有 {len(passages) - 1} 段提及</p>")
    if f.accuracy == "schematic":
        parts.append(f"<p class='note'>{e(SCHEMATIC_NOTE)}</p>")
    return "".join(parts)


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
    return _LIBRARY_URL.sub("#", js), _LIBRARY_URL.sub("#", css)


def page(title: str, data: dict) -> str:
    js, css = leaflet_assets()
    fonts = "'WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC','Noto Sans CJK SC',sans-serif"
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{css}</style>
<style>
html, body {{ margin: 0; height: 100%; font-family: {fonts}; }}
#map {{ position: absolute; top: 40px; bottom: 0; left: 0; right: 0; background: {SEA_COLOUR}; }}
header {{ height: 40px; line-height: 40px; padding: 0 12px; font-size: 18px; border-bottom: 1px solid #ccc; }}
.leaflet-popup-content {{ font-size: 12px; max-width: 360px; }}
.leaflet-popup-content h3 {{ margin: 0 0 4px; font-size: 15px; }}
.leaflet-popup-content table {{ border-collapse: collapse; margin: 4px 0; }}
.leaflet-popup-content td, .leaflet-popup-content th {{ border-bottom: 1px solid #ddd; padding: 1px 4px; }}
.facts, .source, .more, .note {{ color: #555; margin: 2px 0; }}
.passage {{ margin: 2px 0 4px; line-height: 1.5; }}
.note {{ font-size: 11px; }}
</style></head>
<body><header>{html.escape(title)}</header><div id="map"></div>
<script>{js}</script>
<script type="application/json" id="plan-data">{script_json(data)}</script>
<script>{PAGE_JS}</script>
</body></html>
"""


PAGE_JS = """
(function () {
  var data = JSON.parse(document.getElementById('plan-data').textContent);
  var map = L.map('map', {preferCanvas: true, attributionControl: !!data.basemap});
  if (map.attributionControl) { map.attributionControl.setPrefix(false); }
  if (data.basemap) {
    L.tileLayer(data.basemap, {attribution: data.attribution, maxZoom: 18}).addTo(map);
  }
  var overlays = {}, byId = {}, all = L.featureGroup();
  function styleOf(layer, feature) {
    var s = data.styles[layer], k = s.kinds[feature.properties.kind] || s.base;
    var schematic = feature.properties.accuracy === 'schematic';
    return {color: k.color, weight: k.weight, fillColor: k.fillColor || k.color,
            fillOpacity: k.fillColor ? k.fillOpacity : 0, radius: k.radius,
            dashArray: schematic ? data.dash : null};
  }
  data.layers.forEach(function (entry) {
    var name = entry.name;
    var group = L.geoJSON(data.collections[name], {
      style: function (f) { return styleOf(name, f); },
      pointToLayer: function (f, latlng) {
        var s = styleOf(name, f);
        s.fillColor = '#ffffff'; s.fillOpacity = 1;
        return L.circleMarker(latlng, s);
      },
      onEachFeature: function (f, layer) {
        var id = f.properties.id;
        byId[id] = layer;
        if (data.popups[id]) { layer.bindPopup(data.popups[id], {maxWidth: 380}); }
        var label = document.createElement('span');
        label.textContent = f.properties.name;
        layer.bindTooltip(label, {sticky: true});
      }
    }).addTo(map);
    overlays[entry.title] = group;
    all.addLayer(group);
  });
  L.control.layers(null, overlays, {collapsed: false}).addTo(map);
  L.control.scale({imperial: false}).addTo(map);
  var focus = data.focus && byId[data.focus];
  if (focus) {
    if (focus.setStyle) { focus.setStyle({color: data.highlight, weight: 4}); }
    if (focus.getBounds) { map.fitBounds(focus.getBounds().pad(0.6)); } else { map.setView(focus.getLatLng(), 14); }
    focus.openPopup();
  } else {
    map.setView([22.62, 114.12], 10);
  }
})();
"""
