"""The map page file, without Qt: offline, no plan text, and names escaped."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import geopandas as gpd
import pytest

from geodata.store import connect
from layers.page import CACHED_PAGES_KEPT, cached_page, layer_collection, script_json, write_page

HOSTILE = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"


@pytest.fixture(scope="module")
def page_dir(built_store: Path, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("page")
    with connect(built_store) as db:
        write_page(db, folder)
    return folder


def test_page_references_no_http_url(page_dir: Path):
    html = (page_dir / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"https?://", html), re.findall(r"https?://\S{0,60}", html)[:5]
    for name in ("jquery", "bootstrap", "awesome", "fontawesome", "cdn"):
        assert name not in html.lower()
    for name in ("plan_map.js", "plan_map.css"):
        assert not re.search(r"https?://", (page_dir / name).read_text(encoding="utf-8"))
    assert (page_dir / "leaflet" / "leaflet.js").exists() and (page_dir / "leaflet" / "leaflet.css").exists()
    assert 'src="leaflet/leaflet.js"' in html and "qrc:///qtwebchannel/qwebchannel.js" in html
    assert 'src="plan_map.js"' in html and 'href="plan_map.css"' in html and "PlanMap.start('map')" in html
    assert page_data_of(html)["renderer"] == "canvas"


def page_data_of(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="plan-map-data">(.*?)</script>', html,
                                re.S).group(1))


def test_page_is_the_template_with_the_web_files_beside_it(page_dir: Path):
    """The window's page is resources/web/map_page.html.j2 with plan_map.js/.css copied as they are."""
    from layers.page import WEB_ASSETS

    for asset in WEB_ASSETS:
        assert (page_dir / asset.name).read_bytes() == asset.read_bytes()
    html = (page_dir / "index.html").read_text(encoding="utf-8")
    assert "folium" not in html.lower() and "L.map(" not in html  # plan_map.js makes the map, not the page


def test_page_carries_no_plan_text(built_store: Path, page_dir: Path):
    html = (page_dir / "index.html").read_text(encoding="utf-8")
    with connect(built_store) as db:
        texts = [row[0] for row in db.execute("SELECT text FROM passages WHERE length(text) > 40")]
    assert texts
    assert not any(text[:30] in html for text in texts)
    collections = page_data_of(html)["collections"]
    for collection in collections.values():
        for feature in collection["features"]:
            assert set(feature["properties"]) == {"id", "name", "kind", "accuracy"}


def test_coordinates_are_rounded(built_store: Path):
    with connect(built_store) as db:
        collection = layer_collection(db, "districts")
    text = json.dumps(collection)
    assert not re.search(r"\d\.\d{6,}", text)


def test_hostile_name_is_escaped(built_store: Path, tmp_path: Path):
    store = tmp_path / "hostile.gpkg"
    shutil.copyfile(built_store, store)
    frame = gpd.read_file(store, layer="key_areas", engine="pyogrio")
    frame.loc[frame.index[0], "name"] = HOSTILE
    frame.to_file(store, layer="key_areas", driver="GPKG", engine="pyogrio")
    with connect(store) as db:
        page = write_page(db, tmp_path / "page")
    html = page.path.read_text(encoding="utf-8")
    assert "<img src=x" not in html and "alert(2)</script>" not in html
    names = [f["properties"]["name"] for f in page_data_of(html)["collections"]["key_areas"]["features"]]
    assert HOSTILE in names  # the name survives as data


def test_script_json_cannot_close_the_script():
    assert "</" not in script_json({"a": "</script><b>"})


def test_cached_page_is_reused_until_the_store_changes(built_store: Path, tmp_path: Path):
    with connect(built_store) as db:
        first = cached_page(db, built_store, tmp_path)
        again = cached_page(db, built_store, tmp_path)
    assert first.path == again.path and first.layers == again.layers
    assert {layer.name for layer in first.layers} >= {"districts", "key_areas", "transport_lines"}
    assert any(layer.schematic for layer in first.layers)


def test_page_key_follows_the_web_files_and_the_format_not_the_python_source(built_store: Path, tmp_path: Path,
                                                                           monkeypatch):
    import layers.page as page

    key = page.page_key(built_store)
    monkeypatch.setattr(page, "__file__", str(tmp_path / "frozen" / "page.pyc"))  # no source in a frozen app
    assert page.page_key(built_store) == key
    web = tmp_path / "web"
    shutil.copytree(page.WEB_DIR, web)
    monkeypatch.setattr(page, "WEB_DIR", web)
    assert page.page_key(built_store) == key
    (web / "plan_map.css").write_text("/* changed */", encoding="utf-8")
    changed = page.page_key(built_store)
    assert changed != key
    monkeypatch.setattr(page, "PAGE_FORMAT", page.PAGE_FORMAT + 1)
    assert page.page_key(built_store) not in (key, changed)


def test_only_the_latest_pages_are_kept(built_store: Path, tmp_path: Path):
    store = tmp_path / "store.gpkg"
    shutil.copyfile(built_store, store)
    cache = tmp_path / "cache"
    with connect(store) as db:
        for edit in range(CACHED_PAGES_KEPT + 2):
            os.utime(store, ns=(10**18 + edit, 10**18 + edit))  # as after an edit of the store
            latest = cached_page(db, store, cache)
    pages = [folder for folder in cache.iterdir() if folder.is_dir()]
    assert len(pages) == CACHED_PAGES_KEPT and latest.path.parent in pages


@pytest.fixture(scope="module")
def user_store(built_store: Path, tmp_path_factory) -> Path:
    """A store with an imported polygon layer that replaces 燕子湖片区 and has a user style and label field."""
    from geodata.imports.imported_layers import set_layer_style
    from geodata.imports.importer import import_file
    from geodata.user_data import LayerStyleOverride, replace_schematic

    folder = tmp_path_factory.mktemp("user_store")
    store = folder / "store.gpkg"
    shutil.copyfile(built_store, store)
    frame = gpd.GeoDataFrame({"名称": ["测试地块"], "编号": ["PS-01"]},
                             geometry=gpd.GeoSeries.from_wkt(["POLYGON((114.34 22.69, 114.36 22.69, 114.36 22.70, "
                                                              "114.34 22.70, 114.34 22.69))"]), crs="EPSG:4326")
    source = folder / "parcels.geojson"
    frame.to_file(source, driver="GeoJSON", engine="pyogrio")
    import_file(store, source)
    replace_schematic(store, "parcels-1", "ps-yanzihu")
    set_layer_style(store, "parcels", LayerStyleOverride(stroke="#123456", fill="#abcdef", fill_opacity=0.5,
                                                         stroke_width=3.0, label_field="编号"))
    return store


def test_replaced_features_are_not_drawn(user_store: Path):
    with connect(user_store) as db:
        ids = {f["properties"]["id"] for f in layer_collection(db, "key_areas")["features"]}
        imported = layer_collection(db, "parcels")["features"]
    assert "ps-yanzihu" not in ids and ids
    assert [f["properties"]["id"] for f in imported] == ["parcels-1"]


def test_user_style_and_label_field_reach_the_page(user_store: Path):
    from layers.page import page_data

    with connect(user_store) as db:
        data = page_data(db)
    base = data["styles"]["parcels"]["base"]
    assert base == {"stroke": "#123456", "fill": "#abcdef", "fillOpacity": 0.5, "width": 3.0, "radius": 5.0}
    assert [label["name"] for label in data["featureLabels"]] == ["PS-01"]
    assert data["featureLabels"][0]["layer"] == "parcels"
    assert data["styles"]["key_areas"]["base"]["stroke"] != "#123456"  # only the styled layer changes


def test_print_scene_skips_replaced_features_and_uses_the_user_style(user_store: Path):
    from layers.map_scene import load_scene

    with connect(user_store) as db:
        scene = load_scene(db)
    assert scene.find("ps-yanzihu") is None
    parcel = scene.find("parcels-1")
    assert parcel.style.stroke == "#123456" and parcel.style.stroke_width == 3.0 and parcel.style.fill == "#abcdef"


# What only a script, a page of HTML or a template would contain: none of it may sit in a Python string.
JS_MARKERS = re.compile(
    r"\bfunction\s*\(|=>|\bL\.(map|geoJSON|tileLayer|control)\(|PlanMap\.\w+\(|<script|<style|\{%-?\s*\w"
    r"|\bon(click|load|error)\s*=|\bdocument\.(getElementById|querySelector|createElement)|addEventListener\(", re.I)
CODE_FOLDERS = ("layers", "desktop", "geodata", "cli")


def _docstrings(tree) -> set[int]:
    import ast

    nodes = [tree, *(n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)))]
    return {id(node.body[0].value) for node in nodes
            if node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}


def test_no_python_file_carries_javascript_or_page_markup():
    """The map's JS, CSS and HTML live in resources/web (plan_map.js/.css and the .j2 templates), not in strings."""
    import ast

    root = Path(__file__).resolve().parents[2]
    found = []
    files = [path for folder in CODE_FOLDERS for path in sorted((root / folder).rglob("*.py"))]
    assert len(files) > 20
    for path in [*files, root / "main.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        docstrings = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                match = JS_MARKERS.search(node.value)
                if match:
                    found.append(f"{path.relative_to(root)}:{node.lineno}: {match.group(0)!r}")
    assert not found, found


def test_inlined_code_cannot_close_its_element():
    from layers.page import element_safe

    text = element_safe("var a = '</script><b>', b = '</STYLE>';")
    assert "</script" not in text.lower() and "</style" not in text.lower() and "<\\/script" in text
