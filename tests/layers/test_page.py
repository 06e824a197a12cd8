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
    bridge = (page_dir / "plan_map.js").read_text(encoding="utf-8")
    assert not re.search(r"https?://", bridge)
    assert (page_dir / "leaflet" / "leaflet.js").exists() and (page_dir / "leaflet" / "leaflet.css").exists()
    assert 'src="leaflet/leaflet.js"' in html and "qrc:///qtwebchannel/qwebchannel.js" in html
    assert '"preferCanvas": true' in html


def test_page_carries_no_plan_text(built_store: Path, page_dir: Path):
    html = (page_dir / "index.html").read_text(encoding="utf-8")
    with connect(built_store) as db:
        texts = [row[0] for row in db.execute("SELECT text FROM passages WHERE length(text) > 40")]
    assert texts
    assert not any(text[:30] in html for text in texts)
    data = re.search(r'<script type="application/json" id="plan-map-data">(.*?)</script>', html, re.S).group(1)
    collections = json.loads(data)["collections"]
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
    data = re.search(r'<script type="application/json" id="plan-map-data">(.*?)</script>', html, re.S).group(1)
    names = [f["properties"]["name"] for f in json.loads(data)["collections"]["key_areas"]["features"]]
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
