"""The Leaflet map page of the window: written to a file from the store and loaded by URL.

The page is resources/web/map_page.html.j2 rendered with Jinja2; it shares plan_map.html.j2, plan_map.js
and plan_map.css with the offline HTML export (layers/html_export.py), so both draw the map with the same
code. It is fully offline: Leaflet's JS/CSS are copied next to it from the XStatic-Leaflet package, and the
only other scripts are plan_map.js and Qt's qwebchannel.js from Qt's own resources. Each layer travels as
GeoJSON with simplified, rounded WGS 84 coordinates (or GCJ-02 ones for a GCJ-02 basemap) and only
id, name, kind and accuracy as properties: plan text never enters the page. A layer with more than
TILED_FROM_FEATURES features does not travel in the page: the page gets it by tile from the store
(tiled_specs; geodata/feature_tiles.py).

Labels travel as data too: each feature's text, its label rule (layers/style.py: priority, first zoom, size,
placement) and where it may go, computed here from geodata's label_point (a line's candidates carry the
line's angle there); plan_map.js places them by priority and hides those that would collide. A click in the
window is answered here too (features_under): what the store has under the point, most specific first.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import shutil
import sqlite3
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote

import numpy as np
import shapely
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from shapely.geometry.base import BaseGeometry

from geodata.feature_queries import FeatureInfo, features_at, label_rows, layer_rows, layer_summaries, layer_tables
from geodata.feature_tiles import TILED_FROM_FEATURES, layer_bounds, tiled_layers
from geodata.resources import RESOURCES_DIR
from geodata.spatial import datum
from geodata.spatial.labels import label_point, largest_part
from geodata.store_address import PostgresAddress, StoreAddress
from geodata.store_revision import database_revision
from geodata.user_data import BUILTIN_LAYERS, hidden_features, layer_style_overrides
from layers.style import (
    HIGHLIGHT_COLOUR,
    IMPORTED_STYLE,
    KIND_STYLES,
    LABEL_RULES,
    LAND_COLOUR,
    LAYER_STYLES,
    METRO_LINE_COLOURS,
    NEUTRAL_METRO_COLOUR,
    SCHEMATIC_DASH,
    SEA_COLOUR,
    LabelRule,
    feature_style,
    label_rule,
    layer_style,
    metro_line_number,
    styled,
)

CACHED_PAGES_KEPT = 4
# Bump when what the page is made of changes in a way the keys below cannot see (the code that writes
# the data), so cached pages are rebuilt. The resources/web files, Leaflet's version and the styles are
# part of the key already.
PAGE_FORMAT = 4
WEB_DIR = RESOURCES_DIR / "web"
MAP_JS = WEB_DIR / "plan_map.js"  # the drawing code of the window's page and of the HTML export
MAP_CSS = WEB_DIR / "plan_map.css"
WEB_ASSETS = (MAP_JS, MAP_CSS)  # copied beside the window's page, inlined in the export
QWEBCHANNEL_JS = "qrc:///qtwebchannel/qwebchannel.js"  # served by Qt itself; absent in a plain browser
SHENZHEN_CENTRE = (22.64, 114.12)  # lat, lon: the first view when no layer has geometry
START_ZOOM = 10
MIN_ZOOM, MAX_ZOOM = 7, 18
PAGE_TITLE = "深圳市规划图"
COORDINATE_DECIMALS = 5  # about 1 m
SIMPLIFY_DEG = {"Polygon": 0.0002, "Line": 0.0001, "Point": 0.0}  # about 20 m / 10 m at 22.6°N
BASEMAP_LAYERS = ("districts", "neighbours")  # the offline basemap's land and place labels
TILE_SCHEME = "plantiles"  # the URL scheme the window serves tiled layers on (desktop/feature_tile_scheme.py)
TILED_SELECTION_ZOOM = 17  # a selected feature of a tiled layer is framed at most this close
PICK_PIXELS = 5.0  # a click picks points and lines this many screen pixels away
LINE_LABEL_SPACING_M = 1500.0  # a line's label may go at its label point or every this many metres along it
LABEL_DECIMALS = 5


@dataclass(frozen=True)
class PageLayer:
    """What the page and the layer panel know about one layer."""

    name: str
    title: str
    group: str
    geometry_type: str
    features: int
    schematic: bool  # it contains schematic geometry: the panel shows a 示意 badge


@dataclass(frozen=True)
class MapPage:
    path: Path
    layers: tuple[PageLayer, ...]


def page_layers(db: sqlite3.Connection) -> list[PageLayer]:
    return [
        PageLayer(s.name, s.title, s.group, s.geometry_type, s.features, s.accuracy.get("schematic", 0) > 0)
        for s in layer_summaries(db)
    ]


def _rounded(geometry: BaseGeometry, shift_gcj02: bool) -> BaseGeometry:
    def transform(coords: np.ndarray) -> np.ndarray:
        if shift_gcj02:
            lon, lat = datum.wgs84_to_gcj02(coords[:, 0], coords[:, 1])
            coords = np.column_stack([lon, lat])
        return np.round(coords, COORDINATE_DECIMALS)

    return shapely.transform(geometry, transform)


def _simplified(geometry: BaseGeometry) -> BaseGeometry:
    family = "Point" if "Point" in geometry.geom_type else ("Polygon" if "Polygon" in geometry.geom_type else "Line")
    tolerance = SIMPLIFY_DEG[family]
    return geometry.simplify(tolerance, preserve_topology=True) if tolerance else geometry


def layer_collection(db: sqlite3.Connection, layer: str, shift_gcj02: bool = False,
                     hidden: frozenset[str] | None = None) -> dict:
    """A GeoJSON FeatureCollection of one layer, with only id, name, kind and accuracy per feature.
    Features replaced by imported ones (`hidden`, read from the store when None) are left out."""
    hidden = hidden_features(db) if hidden is None else hidden
    features = [
        {
            "type": "Feature",
            "properties": {"id": row.id, "name": row.name, "kind": row.kind, "accuracy": row.accuracy},
            "geometry": shapely.geometry.mapping(_rounded(_simplified(row.geometry), shift_gcj02)),
        }
        for row in layer_rows(db, layer)
        if row.id not in hidden
    ]
    return {"type": "FeatureCollection", "features": features}


def overlay_collections(db: sqlite3.Connection, shift_gcj02: bool = False) -> dict[str, dict]:
    """The layers the page carries whole: all but the tiled ones (see tiled_specs)."""
    hidden = hidden_features(db)
    return {layer.name: layer_collection(db, layer.name, shift_gcj02, hidden) for layer in page_layers(db)
            if not is_tiled(layer)}


def is_tiled(layer: PageLayer) -> bool:
    return layer.features > TILED_FROM_FEATURES


def tiled_specs(db: sqlite3.Connection, layers: list[PageLayer]) -> dict[str, dict]:
    """The layers too big to travel in the page (100k parcels made a 27 MB page): the page gets them by
    tile from the store (desktop/feature_tile_scheme.py). Per layer: its tile URL and its extent."""
    lat, lon = SHENZHEN_CENTRE
    specs = {}
    for layer in filter(is_tiled, layers):
        west, south, east, north = layer_bounds(db, layer.name) or (lon, lat, lon, lat)
        specs[layer.name] = {"url": f"{TILE_SCHEME}://tiles/{quote(layer.name, safe='')}/{{z}}/{{x}}/{{y}}",
                             "bounds": [[south, west], [north, east]]}
    return specs


def _style_json(layer: str, override=None) -> dict:
    """The layer's Leaflet style, per kind where a kind differs; a user's override wins over both."""
    base = styled(layer_style(layer), override)
    kinds = {}
    for kind in {style.kind for style in KIND_STYLES}:
        style = styled(feature_style(layer, kind), override)
        if style != base:
            kinds[kind] = _leaflet_style(style)
    return {"base": _leaflet_style(base), "kinds": kinds}


def feature_labels(db: sqlite3.Connection, overrides: dict | None = None, shift_gcj02: bool = False
                   ) -> list[dict]:
    """Labels of imported layers whose user style names a label field: that column's text at each feature's
    label point. A label field the layer does not have gives no labels."""
    overrides = layer_style_overrides(db) if overrides is None else overrides
    tiled = set(tiled_layers(db))  # their tiles carry their labels
    labels = []
    for layer, override in sorted(overrides.items()):
        field = override.label_field
        if not field or layer in BUILTIN_LAYERS or layer in tiled:
            continue
        rule = label_rule(layer)
        for row in label_rows(db, layer, field):
            at = _anchors(row.geometry, rule, shift_gcj02)
            if at:
                labels.append(_label(None, layer, "", row.text, rule, at))
    return labels


def _rule_key(layer: str, kind: str) -> str:
    return f"{layer}|{kind}" if (layer, kind) in LABEL_RULES else f"{layer}|"


def label_rules_json() -> dict[str, dict]:
    """Every label rule the page may meet, by "layer|kind" ("layer|" for the layer's own rule)."""
    rules = {f"{layer}|{kind or ''}": rule for (layer, kind), rule in LABEL_RULES.items()}
    rules["|"] = label_rule("")  # imported layers
    return {key: _rule_json(rule) for key, rule in rules.items()}


def _rule_json(rule: LabelRule) -> dict:
    return {"priority": rule.priority, "minZoom": rule.min_zoom, "size": rule.size, "colour": rule.colour,
            "bold": rule.bold, "placement": rule.placement}


def _label(feature_id: str | None, layer: str, kind: str, text: str, rule: LabelRule, at: list,
           badge: str | None = None) -> dict:
    label = {"id": feature_id, "layer": layer, "name": text, "at": at,
             "rule": _rule_key(layer, kind) if layer in BUILTIN_LAYERS else "|"}
    if badge:
        label["badge"] = badge
    return label


def _anchors(geometry: BaseGeometry, rule: LabelRule, shift_gcj02: bool) -> list[list[float]]:
    """Where a label may go, best first: [lon, lat] (polygons, points), [lon, lat, angle] along lines (the
    line's direction on screen there, in degrees clockwise, never upside down)."""
    if geometry is None or geometry.is_empty:
        return []
    body = largest_part(geometry)
    if body.geom_type == "LineString" and body.length > 0:
        anchors = [_along(body, fraction, rule.placement == "along") for fraction in _line_fractions(body)]
    else:
        point = label_point(geometry)
        anchors = [[point[0], point[1]]] if point else []
    if shift_gcj02 and anchors:
        lon, lat = datum.wgs84_to_gcj02(np.array([a[0] for a in anchors]), np.array([a[1] for a in anchors]))
        anchors = [[float(x), float(y), *a[2:]] for x, y, a in zip(lon, lat, anchors)]
    return [[round(a[0], LABEL_DECIMALS), round(a[1], LABEL_DECIMALS), *a[2:]] for a in anchors]


def _line_fractions(line: BaseGeometry) -> list[float]:
    """Where along a line its label may go: the middle (its label point) first, then every
    LINE_LABEL_SPACING_M, nearest the middle first, so a view of any part of a long line can name it."""
    metres = line.length * 111_320.0 * math.cos(math.radians(line.centroid.y))
    steps = int(metres / LINE_LABEL_SPACING_M / 2)
    offsets = sorted({0.0, *(k * LINE_LABEL_SPACING_M / metres for k in range(-steps, steps + 1))}, key=abs)
    return [0.5 + offset for offset in offsets if 0.0 < 0.5 + offset < 1.0]


def _along(line: BaseGeometry, fraction: float, turned: bool) -> list[float]:
    """The point at `fraction` of the line, with the line's angle there when `turned` (Web Mercator keeps
    angles, so the ground direction in local metres is the direction on screen)."""
    at = fraction * line.length
    point = line.interpolate(at)
    if not turned:
        return [point.x, point.y]
    reach = max(line.length * 0.03, 0.002)
    a = line.interpolate(max(0.0, at - reach))
    b = line.interpolate(min(line.length, at + reach))
    dx = (b.x - a.x) * math.cos(math.radians(point.y))
    angle = -math.degrees(math.atan2(b.y - a.y, dx))  # screen y points down: CSS rotates clockwise
    if angle > 90:
        angle -= 180
    elif angle <= -90:
        angle += 180
    return [point.x, point.y, round(angle, 1)]


def _label_size(geometry: BaseGeometry) -> float:
    """Which of two labels of the same priority is placed first: the larger area, the longer line."""
    if "Polygon" in geometry.geom_type:
        return geometry.area
    return geometry.length


def map_labels(db: sqlite3.Connection, shift_gcj02: bool = False, hidden: frozenset[str] | None = None
               ) -> list[dict]:
    """The names of the built-in layers' features, in placing order (priority, then size): the text (a
    metro line's number, in a badge of its colour), its label rule's key and where it may go."""
    hidden = hidden_features(db) if hidden is None else hidden
    present = set(layer_tables(db))
    ranked = []
    for layer in sorted({layer for layer, _kind in LABEL_RULES} & present):
        for row in layer_rows(db, layer):
            if row.id in hidden or not row.name:
                continue
            rule = label_rule(layer, row.kind)
            at = _anchors(row.geometry, rule, shift_gcj02)
            if not at:
                continue
            text, badge = row.name, None
            if rule.placement == "badge":
                number = metro_line_number(row.id, row.name)
                text = number or row.name
                badge = feature_style(layer, row.kind, row.id, row.name).stroke if number else NEUTRAL_METRO_COLOUR
            ranked.append(((rule.priority, -_label_size(row.geometry)),
                           _label(row.id, layer, row.kind, text, rule, at, badge)))
    ranked.sort(key=lambda item: item[0])
    return [label for _, label in ranked]


def overlay_labels(db: sqlite3.Connection, shift_gcj02: bool = False) -> dict[str, list[dict]]:
    """The page's labels (built-in and imported layers') in the frame the overlays are drawn in."""
    return {"labels": map_labels(db, shift_gcj02), "featureLabels": feature_labels(db, shift_gcj02=shift_gcj02)}


def features_under(db: sqlite3.Connection, lon: float, lat: float, metres_per_pixel: float,
                   layers: tuple[str, ...] | list[str], hidden: frozenset[str] | None = None) -> list[FeatureInfo]:
    """What a click at WGS 84 (lon, lat) picks, most specific first (geodata's features_at: points, lines
    within PICK_PIXELS, the smallest area containing it, axes and belts, districts last), among the shown
    `layers`, without the features an imported one replaces."""
    hidden = hidden_features(db) if hidden is None else hidden
    radius = PICK_PIXELS * max(float(metres_per_pixel), 0.0)
    return [info for info in features_at(db, lon, lat, radius_m=radius, layers=layers)
            if info.feature.id not in hidden]


def _leaflet_style(style) -> dict:
    return {"stroke": style.stroke, "fill": style.fill, "fillOpacity": style.fill_opacity,
            "width": style.stroke_width, "radius": style.radius, "dash": _dash(style.dash),
            "casing": style.casing, "casingWidth": style.casing_width}


def _dash(pattern: str | None) -> str | None:
    return pattern.replace(" ", ",") if pattern else None


def feature_styles(db: sqlite3.Connection, overrides: dict | None = None) -> dict[str, dict]:
    """Styles of single features that differ from their kind's: metro lines in their own line colours."""
    overrides = layer_style_overrides(db) if overrides is None else overrides
    out = {}
    for layer in layer_tables(db):
        if layer != "transport_lines":
            continue
        override = overrides.get(layer)
        for row in layer_rows(db, layer):
            style = styled(feature_style(layer, row.kind, row.id, row.name), override)
            if style != styled(feature_style(layer, row.kind), override):
                out[row.id] = _leaflet_style(style)
    return out


def page_data(db: sqlite3.Connection) -> dict:
    layers = page_layers(db)
    overrides = layer_style_overrides(db)
    return {
        "layers": [asdict(layer) for layer in layers],
        "collections": overlay_collections(db),
        "styles": {layer.name: _style_json(layer.name, overrides.get(layer.name)) for layer in layers},
        "featureStyles": feature_styles(db, overrides),
        "labels": map_labels(db),
        "featureLabels": feature_labels(db, overrides),
        "labelRules": label_rules_json(),
        "tiled": tiled_specs(db, layers),
        "tiledFeatureUrl": f"{TILE_SCHEME}://feature/{{id}}",
        "tiledZoom": TILED_SELECTION_ZOOM,
        "basemapLayers": list(BASEMAP_LAYERS),
        "sea": SEA_COLOUR,
        "land": LAND_COLOUR,
        "highlight": HIGHLIGHT_COLOUR,
        "schematicDash": SCHEMATIC_DASH.replace(" ", ","),
    }


def script_json(data: object) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' can end it or start markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as leaflet

    return Path(leaflet.BASE_DIR)


def leaflet_version() -> str:
    import xstatic.pkg.leaflet as leaflet

    return str(leaflet.PACKAGE_VERSION)


def copy_assets(folder: Path) -> None:
    """Leaflet (from XStatic-Leaflet) and plan_map.js/.css, next to the page: nothing is fetched from a CDN."""
    source = leaflet_dir()
    target = folder / "leaflet"
    target.mkdir(parents=True, exist_ok=True)
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copyfile(source / name, target / name)
    shutil.copytree(source / "images", target / "images", dirs_exist_ok=True)
    for asset in WEB_ASSETS:
        shutil.copyfile(asset, folder / asset.name)


@cache
def templates() -> Environment:
    """The page templates of resources/web: every value is HTML-escaped unless it is Markup."""
    return Environment(loader=FileSystemLoader(WEB_DIR), autoescape=select_autoescape(default=True),
                       undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=True,
                       lstrip_blocks=True)


def element_safe(text: str) -> str:
    """JS or CSS that cannot end the <script> or <style> element it is inlined in: '</script' is written
    '<\\/script', which means the same inside the strings, regexes and comments where it can occur."""
    return re.sub(r"</(?=(script|style))", r"<\\/", text, flags=re.IGNORECASE)


def render_page(template: str, title: str, data: dict, inline: dict[str, str] | None = None, **context) -> str:
    """resources/web/`template` with `data` as script-safe JSON; `inline` holds JS/CSS texts written into
    the page as they are; the other `context` values are escaped."""
    inlined = {name: Markup(element_safe(text)) for name, text in (inline or {}).items()}
    return templates().get_template(template).render(
        title=title, data_json=Markup(script_json(data)), **inlined, **context)


def view_options(renderer: str) -> dict:
    """How both pages start (plan_map.js's initialView): the centre and zoom used when no layer has geometry,
    the zoom range, and the renderer: "canvas" in the window, where imported layers may be large, "svg" in
    the export."""
    lat, lon = SHENZHEN_CENTRE
    return {"centre": [lat, lon], "zoom": START_ZOOM, "minZoom": MIN_ZOOM, "maxZoom": MAX_ZOOM,
            "renderer": renderer, "basemap": {"kind": "offline"}}


def page_html(data: dict) -> str:
    return render_page("map_page.html.j2", PAGE_TITLE, {**data, **view_options("canvas")},
                       qwebchannel_js=QWEBCHANNEL_JS)


def write_page(db: sqlite3.Connection, folder: Path) -> MapPage:
    """Write index.html and its assets into `folder`; load the page with setUrl(file URL), never setHtml."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    copy_assets(folder)
    data = page_data(db)
    path = folder / "index.html"
    path.write_text(page_html(data), encoding="utf-8")
    return MapPage(path, tuple(PageLayer(**layer) for layer in data["layers"]))


def page_key(store: StoreAddress, revision: str = "") -> str:
    """Identifies a page built from this store in this page format: it changes with the store (a GeoPackage's
    file time and size, a database's `revision`: geodata.store_revision), the files of resources/web, Leaflet's
    version and the styles. It reads no Python source, so it works the same in a frozen app."""
    web = hashlib.sha256()
    for path in sorted(p for p in WEB_DIR.iterdir() if p.is_file()):
        web.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    styles = repr((LAYER_STYLES, IMPORTED_STYLE, KIND_STYLES, SEA_COLOUR, LAND_COLOUR, HIGHLIGHT_COLOUR,
                   SCHEMATIC_DASH, COORDINATE_DECIMALS, SIMPLIFY_DEG, BASEMAP_LAYERS, METRO_LINE_COLOURS,
                   LABEL_RULES, LINE_LABEL_SPACING_M))
    if isinstance(store, PostgresAddress):
        where = [store.shown, revision]
    else:
        stat = Path(store).stat()
        where = [str(Path(store).resolve()), str(stat.st_mtime_ns), str(stat.st_size)]
    parts = [*where, f"format {PAGE_FORMAT}", leaflet_version(), web.hexdigest(),
             hashlib.sha256(styles.encode()).hexdigest()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def cached_page(db: sqlite3.Connection, store: StoreAddress, cache_dir: Path) -> MapPage:
    """The page for this store from `cache_dir`, written there first if it is missing or stale."""
    revision = database_revision(db) if isinstance(store, PostgresAddress) else ""
    folder = Path(cache_dir) / page_key(store, revision)
    manifest = folder / "layers.json"
    if (folder / "index.html").exists() and manifest.exists():
        layers = tuple(PageLayer(**layer) for layer in json.loads(manifest.read_text(encoding="utf-8")))
        return MapPage(folder / "index.html", layers)
    page = write_page(db, folder)
    manifest.write_text(json.dumps([asdict(layer) for layer in page.layers], ensure_ascii=False), encoding="utf-8")
    prune_pages(Path(cache_dir), keep=CACHED_PAGES_KEPT)
    return page


def prune_pages(cache_dir: Path, keep: int) -> None:
    """Remove all but the `keep` most recently written pages: every store edit writes a new one."""
    folders = sorted((f for f in cache_dir.iterdir() if (f / "layers.json").exists()),
                     key=lambda f: (f / "layers.json").stat().st_mtime_ns, reverse=True)
    for folder in folders[keep:]:
        shutil.rmtree(folder, ignore_errors=True)
