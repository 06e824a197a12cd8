"""The Leaflet map page: folium builds it from the store, it is written to a file and loaded by URL.

The page is fully offline: Leaflet's JS/CSS are copied next to it from the XStatic-Leaflet package,
every CDN script folium would add is dropped, and the only other scripts are our bridge
(resources/web/plan_map.js) and Qt's qwebchannel.js from Qt's own resources. Each layer travels as
GeoJSON with simplified, rounded WGS 84 coordinates (or GCJ-02 ones for a GCJ-02 basemap) and only
id, name, kind and accuracy as properties: plan text never enters the page.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import shapely
from branca.element import MacroElement
from jinja2 import Template
from shapely.geometry.base import BaseGeometry

from geodata.feature_queries import geometry_from_gpkg, layer_summaries
from geodata.resources import RESOURCES_DIR
from geodata.spatial import datum
from geodata.user_data import BUILTIN_LAYERS, hidden_features, layer_style_overrides
from layers.style import (
    HIGHLIGHT_COLOUR,
    KIND_STYLES,
    LAND_COLOUR,
    SCHEMATIC_DASH,
    SEA_COLOUR,
    feature_style,
    layer_style,
    styled,
)

CACHED_PAGES_KEPT = 4
PAGE_VERSION = "1"  # bump when the page layout or the bridge changes, so cached pages are rebuilt
WEB_DIR = RESOURCES_DIR / "web"
BRIDGE_JS = WEB_DIR / "plan_map.js"
QWEBCHANNEL_JS = "qrc:///qtwebchannel/qwebchannel.js"  # served by Qt itself; absent in a plain browser
SHENZHEN_CENTRE = (22.64, 114.12)  # lat, lon
START_ZOOM = 10
COORDINATE_DECIMALS = 5  # about 1 m
SIMPLIFY_DEG = {"Polygon": 0.0002, "Line": 0.0001, "Point": 0.0}  # about 20 m / 10 m at 22.6°N
BASEMAP_LAYERS = ("districts", "neighbours")  # the offline basemap's land and place labels


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
    column = db.execute(
        "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (layer,)
    ).fetchone()[0]
    rows = db.execute(f'SELECT id, name, kind, accuracy, "{column}" FROM "{layer}" ORDER BY fid').fetchall()
    features = []
    for fid, name, kind, accuracy, blob in rows:
        if blob is None or str(fid) in hidden:
            continue
        geometry = _rounded(_simplified(geometry_from_gpkg(blob)), shift_gcj02)
        features.append({
            "type": "Feature",
            "properties": {"id": str(fid), "name": str(name or ""), "kind": str(kind or ""),
                           "accuracy": str(accuracy or "")},
            "geometry": shapely.geometry.mapping(geometry),
        })
    return {"type": "FeatureCollection", "features": features}


def overlay_collections(db: sqlite3.Connection, shift_gcj02: bool = False) -> dict[str, dict]:
    hidden = hidden_features(db)
    return {layer.name: layer_collection(db, layer.name, shift_gcj02, hidden) for layer in page_layers(db)}


def _style_json(layer: str, override=None) -> dict:
    """The layer's Leaflet style, per kind where a kind differs; a user's override wins over both."""
    base = styled(layer_style(layer), override)
    kinds = {}
    for kind in {style.kind for style in KIND_STYLES}:
        style = styled(feature_style(layer, kind), override)
        if style != base:
            kinds[kind] = _leaflet_style(style)
    return {"base": _leaflet_style(base), "kinds": kinds}


def feature_labels(db: sqlite3.Connection, overrides: dict | None = None) -> list[dict]:
    """Labels of imported layers whose user style names a label field: that column's text at a point
    inside each feature. Built-in layers keep their own labelling (the basemap's place names)."""
    overrides = layer_style_overrides(db) if overrides is None else overrides
    labels = []
    for layer, override in sorted(overrides.items()):
        field = override.label_field
        if not field or layer in BUILTIN_LAYERS:
            continue
        columns = [row[1] for row in db.execute(f'PRAGMA table_info("{layer}")')]
        geometry = db.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?",
                              (layer,)).fetchone()
        if field not in columns or geometry is None:
            continue
        for text, blob in db.execute(f'SELECT "{field}", "{geometry[0]}" FROM "{layer}"').fetchall():
            if blob is None or text is None or str(text).strip() == "":
                continue
            point = geometry_from_gpkg(blob).representative_point()
            labels.append({"name": str(text), "layer": layer, "lat": round(point.y, 5), "lon": round(point.x, 5)})
    return labels


def _leaflet_style(style) -> dict:
    return {"stroke": style.stroke, "fill": style.fill, "fillOpacity": style.fill_opacity,
            "width": style.stroke_width, "radius": style.radius}


def label_points(db: sqlite3.Connection) -> list[dict]:
    """Place labels of the offline basemap: the district and city names at a point inside each."""
    labels = []
    for layer in BASEMAP_LAYERS:
        if not db.execute("SELECT 1 FROM gpkg_contents WHERE table_name = ?", (layer,)).fetchone():
            continue
        for name, kind, blob in db.execute(f'SELECT name, kind, geom FROM "{layer}"').fetchall():
            point = geometry_from_gpkg(blob).representative_point()
            labels.append({"name": str(name), "kind": str(kind), "layer": layer,
                           "lat": round(point.y, 4), "lon": round(point.x, 4)})
    return labels


def page_data(db: sqlite3.Connection) -> dict:
    layers = page_layers(db)
    overrides = layer_style_overrides(db)
    return {
        "layers": [asdict(layer) for layer in layers],
        "collections": overlay_collections(db),
        "styles": {layer.name: _style_json(layer.name, overrides.get(layer.name)) for layer in layers},
        "labels": label_points(db),
        "featureLabels": feature_labels(db, overrides),
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


def copy_assets(folder: Path) -> None:
    """Leaflet (from XStatic-Leaflet) and our bridge, next to the page: nothing is fetched from a CDN."""
    source = leaflet_dir()
    target = folder / "leaflet"
    target.mkdir(parents=True, exist_ok=True)
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copyfile(source / name, target / name)
    shutil.copytree(source / "images", target / "images", dirs_exist_ok=True)
    shutil.copyfile(BRIDGE_JS, folder / BRIDGE_JS.name)


class _Bridge(MacroElement):
    _template = Template("{% macro script(this, kwargs) %}PlanMap.init({{ this._parent.get_name() }});{% endmacro %}")

    def __init__(self) -> None:
        super().__init__()
        self._name = "PlanMapBridge"


def page_html(data: dict) -> str:
    import folium
    from branca.element import Element, JavascriptLink

    lat, lon = SHENZHEN_CENTRE
    fmap = folium.Map(location=[lat, lon], zoom_start=START_ZOOM, tiles=None, prefer_canvas=True,
                      control_scale=False, min_zoom=7, max_zoom=18)
    # Only Leaflet: no jQuery, Bootstrap or awesome-markers, and never from a CDN.
    fmap.default_js = [("leaflet", "leaflet/leaflet.js")]
    fmap.default_css = [("leaflet_css", "leaflet/leaflet.css")]
    root = fmap.get_root()
    root.header.add_child(JavascriptLink(QWEBCHANNEL_JS), name="qwebchannel")
    root.header.add_child(JavascriptLink(BRIDGE_JS.name), name="plan_map_bridge")
    fonts = "'WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC','Noto Sans CJK SC',sans-serif"
    root.header.add_child(Element(
        f"<style>.leaflet-container{{background:{SEA_COLOUR};font-family:{fonts}}}</style>"), name="plan_map_style")
    root.html.add_child(Element(
        f'<script type="application/json" id="plan-map-data">{script_json(data)}</script>'), name="plan_map_data")
    fmap.add_child(_Bridge())  # rendered after the map's own script, so the map variable exists
    return root.render()


def write_page(db: sqlite3.Connection, folder: Path) -> MapPage:
    """Write index.html and its assets into `folder`; load the page with setUrl(file URL), never setHtml."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    copy_assets(folder)
    data = page_data(db)
    path = folder / "index.html"
    path.write_text(page_html(data), encoding="utf-8")
    return MapPage(path, tuple(PageLayer(**layer) for layer in data["layers"]))


def page_key(store_path: Path) -> str:
    """Identifies a page built from this store file with this code: rebuild when either changes."""
    stat = Path(store_path).stat()
    code = hashlib.sha256(BRIDGE_JS.read_bytes() + Path(__file__).read_bytes()).hexdigest()
    parts = [str(Path(store_path).resolve()), str(stat.st_mtime_ns), str(stat.st_size), PAGE_VERSION, code]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def cached_page(db: sqlite3.Connection, store_path: Path, cache_dir: Path) -> MapPage:
    """The page for this store from `cache_dir`, written there first if it is missing or stale."""
    folder = Path(cache_dir) / page_key(store_path)
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
