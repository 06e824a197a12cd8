"""The map page file, without Qt: offline, no plan text, and names escaped."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import geopandas as gpd
import psycopg
import pytest

from geodata.store import connect
from geodata.store_address import PostgresAddress, StoreAddress
from geodata.store_copy import copy_store
from layers.page import CACHED_PAGES_KEPT, cached_page, layer_collection, script_json, write_page

HOSTILE = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"


@pytest.fixture(scope="module")
def page_dir(either_store, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("page")
    with connect(either_store) as db:
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


def test_cached_page_is_reused_until_the_store_changes(either_store: StoreAddress, tmp_path: Path):
    with connect(either_store) as db:
        first = cached_page(db, either_store, tmp_path)
        again = cached_page(db, either_store, tmp_path)
    assert first.path == again.path and first.layers == again.layers
    assert {layer.name for layer in first.layers} >= {"districts", "key_areas", "transport_lines"}
    assert any(layer.schematic for layer in first.layers)


def test_a_database_page_is_drawn_again_after_any_change(built_store: Path, pg_url: str, tmp_path: Path):
    """A database has no file time: its page follows its rows (another planner's edit included)."""
    store = PostgresAddress(pg_url)
    copy_store(built_store, store)
    pages = []
    changes = ["UPDATE key_areas SET name = name || '（新）' WHERE id = 'ps-yanzihu'",
               "DELETE FROM key_areas WHERE id = 'ps-yanzihu'",
               "INSERT INTO store_meta (key, value) VALUES ('note', 'x')"]
    for change in [None, *changes]:
        if change:
            with psycopg.connect(pg_url, autocommit=True) as raw:
                raw.execute(change)
        with connect(store) as db:
            pages.append(cached_page(db, store, tmp_path).path)
    assert len(set(pages)) == len(pages)
    with connect(store) as db:
        assert cached_page(db, store, tmp_path).path == pages[-1]


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
    assert base == {"stroke": "#123456", "fill": "#abcdef", "fillOpacity": 0.5, "width": 3.0, "radius": 5.0,
                    "dash": None, "casing": None, "casingWidth": 0.0}
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


# -- labels, styles, picking and the legend the page and the window share -------------------------------------

@pytest.fixture(scope="module")
def db(built_store: Path):
    with connect(built_store) as connection:
        yield connection


def test_labels_sit_at_the_features_own_label_points(db):
    from geodata.feature_queries import find_feature, geometry_of
    from geodata.spatial.labels import label_point
    from layers.page import map_labels

    labels = {label["id"]: label for label in map_labels(db)}
    for feature_id in ("district-longgang", "district-dapeng", "sz-xili-lake", "ps-centre", "station-pingshan"):
        lon, lat = label_point(geometry_of(db, find_feature(db, feature_id)))
        assert labels[feature_id]["at"][0][:2] == [round(lon, 5), round(lat, 5)]
    assert labels["district-longgang"]["at"][0][0] < 114.40  # on 龙岗, not on the 大鹏 peninsula
    line = labels["rail-shenshan-hsr"]
    lon, lat = label_point(geometry_of(db, find_feature(db, "rail-shenshan-hsr")))
    assert line["at"][0][:2] == [round(lon, 5), round(lat, 5)] and len(line["at"]) > 5  # the middle first
    assert all(-90 < anchor[2] <= 90 for anchor in line["at"])  # turned along the line, never upside down


def test_labels_come_in_priority_order_with_their_rules(db):
    from layers.page import label_rules_json, map_labels

    labels = map_labels(db)
    rules = label_rules_json()
    priorities = [rules[label["rule"]]["priority"] for label in labels]
    assert priorities == sorted(priorities)
    zoom = {label["id"]: rules[label["rule"]]["minZoom"] for label in labels}
    assert zoom["district-nanshan"] <= 10 and zoom["sz-xili-lake"] == 11
    assert zoom["station-shenzhen"] == 13 and zoom["road-shennan"] == 13 and zoom["metro-1"] <= 13
    badges = {label["name"]: label.get("badge") for label in labels if label["layer"] == "transport_lines"}
    assert badges["1"] == "#00B140" and badges["19"]  # 19 has no colour of its own yet: a neutral badge
    assert "深南大道" in badges and badges["深南大道"] is None


def test_metro_lines_wear_their_own_colours_and_line_kinds_differ(db):
    from layers.page import feature_styles, page_data
    from layers.style import METRO_LINE_COLOURS, NEUTRAL_METRO_COLOUR, feature_style

    own = {number: colour for number, colour in METRO_LINE_COLOURS.items() if number != "8"}
    assert len(set(own.values())) == len(own) and METRO_LINE_COLOURS["8"] == METRO_LINE_COLOURS["2"]
    styles = feature_styles(db)
    assert styles["metro-1"]["stroke"] == "#00B140" and styles["metro-4"]["stroke"] == "#DA291C"
    assert "metro-19" not in styles and feature_style("transport_lines", "metro").stroke == NEUTRAL_METRO_COLOUR
    looks = {kind: (s.stroke, s.stroke_width, s.dash, s.casing) for kind in
             ("intercity", "high_speed_rail", "railway", "expressway", "road", "axis", "metro")
             for s in [feature_style("structure_lines" if kind == "axis" else "transport_lines", kind)]}
    assert len(set(looks.values())) == len(looks)
    kinds = page_data(db)["styles"]["transport_lines"]["kinds"]
    assert kinds["expressway"]["casing"] and kinds["intercity"]["dash"] != kinds["road"]["dash"]


def test_a_click_picks_the_most_specific_shown_feature(db):
    from layers.page import features_under

    def ids(lon, lat, layers):
        return [info.feature.id for info in features_under(db, lon, lat, 10.0, layers)]

    everything = ("districts", "neighbours", "key_areas", "structure_lines", "transport_lines", "transport_points")
    assert ids(113.960224, 22.595, everything) == ["sz-xili-lake", "ns-cluster-north", "district-nanshan"]
    assert ids(113.960224, 22.595, ("districts",)) == ["district-nanshan"]
    assert ids(114.42, 22.16, everything) == []
    assert ids(114.3467, 22.7098, everything)[0] == "ps-centre"


def test_the_window_legend_lists_each_look_once_with_the_selection_and_the_note(db):
    from layers.legend import window_legend
    from layers.style import SCHEMATIC_NOTE, SELECTION_LABEL

    everything = ("districts", "neighbours", "key_areas", "structure_lines", "transport_lines", "transport_points")
    legend = window_legend(db, everything, selected=True)
    labels = [entry.text() for entry in legend.entries]
    looks = [(entry.text(), entry.symbol) for entry in legend.entries]  # 发展带: belt areas and belt lines
    assert len(looks) == len(set(looks))
    assert not any("重点片区与平台" in label for label in labels)  # a kind without a look of its own adds nothing
    assert any("重点片区" in label and "重大平台" in label for label in labels)  # alike kinds are one entry
    assert legend.entries[-1].label == SELECTION_LABEL and legend.entries[-1].selection
    assert legend.note == SCHEMATIC_NOTE
    metro = next(entry for entry in legend.entries if entry.label == "地铁")
    assert "#00B140" in metro.colours and metro.symbol == "line"
    assert {e.label for e in window_legend(db, ("districts",)).entries} == {"行政区"}


def test_the_page_uses_the_fonts_of_the_print(built_store: Path):
    from layers.cjk_text import CJK_FAMILIES
    from layers.page import MAP_CSS

    css = MAP_CSS.read_text(encoding="utf-8")
    stack = re.search(r"body, \.leaflet-container \{\s*font-family: ([^;]+);", css).group(1)
    families = [name.strip().strip("'\"") for name in stack.split(",")]
    assert families[:len(CJK_FAMILIES)] == list(CJK_FAMILIES)


def test_a_users_layer_is_one_legend_entry_in_its_own_style(user_store: Path):
    from layers.legend import legend_items, legend_of

    with connect(user_store) as db:
        items = legend_items(db)
    parcels = dict(items)["parcels"]
    assert len(parcels) == 1 and parcels[0].style.stroke == "#123456"  # read from the summary, not per feature
    legend = legend_of(items, ["parcels", "key_areas"])
    assert legend.entries[0].label == "parcels" and legend.entries[0].style.stroke == "#123456"
    assert "parcels" not in [entry.label for entry in legend_of(items, ["key_areas"]).entries]
