"""The map as a planner reads it, in a real window under Xvfb: real mouse clicks pick what the store has under
them (the most specific feature first), an empty-map click deselects, labels placed at zoom 11 and 14 do not
overlap, metro lines wear their own colours; the offline export's own hit test orders hits the same way."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import shapely
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from viewer_helpers import js_json, run_js

from geodata.feature_queries import find_feature, geometry_of, layer_geometries, layer_tables
from geodata.spatial.labels import label_point
from geodata.store import connect
from layers.page import PICK_PIXELS, features_under

TEST_ZOOM = 13
CLEAR_PIXELS = PICK_PIXELS + 3  # the chosen point keeps this far from lines and points (rounding to pixels)
EARTH_CIRCUMFERENCE = 40075016.686
XILI, NORTH_CLUSTER, NANSHAN = "sz-xili-lake", "ns-cluster-north", "district-nanshan"
PS_CENTRE, PINGSHAN = "ps-centre", "district-pingshan"
SEA = (22.16, 114.42)  # open sea south-east of 大鹏湾: nothing drawn there


def metres_per_pixel(lat: float, zoom: int) -> float:
    return EARTH_CIRCUMFERENCE * math.cos(math.radians(lat)) / (256 * 2 ** zoom)


def clean_point(db, feature_id: str, zoom: int) -> tuple[float, float]:
    """A point inside the feature, nearest its label point, that is not within CLEAR_PIXELS of a transport line
    or point at `zoom`, nor inside or that near a smaller area of another feature (an axis may cross it: areas
    come first). Chosen from the store's geometry, without the code under test."""
    target = geometry_of(db, find_feature(db, feature_id))
    lon0, lat0 = label_point(target)
    x_scale = math.cos(math.radians(lat0))
    metres = metres_per_pixel(lat0, zoom)
    degrees_per_pixel = metres / 111_320.0
    obstacles, smaller = [], []
    for table in layer_tables(db):
        for fid, geometry in layer_geometries(db, table).items():
            if fid == feature_id:
                continue
            if "Polygon" in geometry.geom_type:
                if geometry.area < target.area:
                    smaller.append(geometry)
                    obstacles.append(geometry)
            elif table != "structure_lines":
                obstacles.append(geometry)
    near = shapely.unary_union(obstacles)
    near = local(near, x_scale)
    for ring in range(0, 60):
        for step in range(max(1, 8 * ring)):
            angle = 2 * math.pi * step / max(1, 8 * ring)
            lon = lon0 + ring * 4 * degrees_per_pixel * math.cos(angle) / x_scale
            lat = lat0 + ring * 4 * degrees_per_pixel * math.sin(angle)
            point = shapely.Point(lon, lat)
            if not target.contains(point) or any(area.covers(point) for area in smaller):
                continue
            # Distances in local metres-like units: longitude scaled by cos(latitude).
            gap = near.distance(shapely.Point(lon * x_scale, lat))
            if gap > CLEAR_PIXELS * degrees_per_pixel:
                return lon, lat
    raise AssertionError(f"no clear point inside {feature_id}")


def local(geometry, x_scale: float):
    return shapely.transform(geometry, lambda xy: xy * (x_scale, 1.0))


@pytest.fixture(scope="module")
def db(viewer_store: Path):
    with connect(viewer_store) as connection:
        yield connection


def map_widget(window):
    return window.map.focusProxy() or window.map


def click_at(qtbot, window, lon: float, lat: float, zoom: int) -> None:
    """Centre the map on (lon, lat) at `zoom` and click there with the mouse."""
    run_js(qtbot, window.map, f"PlanMap.setView({lat}, {lon}, {zoom}); 1")
    point = js_json(qtbot, window.map, f"PlanMap.screenPoint({lat}, {lon})")
    QTest.mouseClick(map_widget(window), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(round(point["x"]), round(point["y"])))


@pytest.mark.parametrize("feature_id, after", [
    (XILI, [NORTH_CLUSTER, NANSHAN]),  # not the larger 北部组团 around it
    (PS_CENTRE, [PINGSHAN]),  # not 深汕高铁 nearby, nor the axis through it
    (PINGSHAN, []),  # not 深惠城际大鹏支线 across it
])
def test_a_click_picks_the_most_specific_feature(qtbot, window, db, feature_id, after):
    lon, lat = clean_point(db, feature_id, TEST_ZOOM)
    window.session.clear_selection()
    click_at(qtbot, window, lon, lat, TEST_ZOOM)
    qtbot.waitUntil(lambda: window.session.selection.feature_id is not None, timeout=5000)
    selection = window.session.selection
    assert selection.feature_id == feature_id
    assert selection.here[0] == feature_id
    positions = [selection.here.index(fid) for fid in after]
    assert positions == sorted(positions) and 0 not in positions  # the rest follow, in the store's order
    # The window asked the store: the same list as the query for that point and scale.
    scale = window.map.last_view["metresPerPixel"]
    expected = [i.feature.id for i in features_under(db, lon, lat, scale, window.session.visible_layers())]
    assert list(selection.here) == expected
    picker = window.feature_panel.picker
    if len(selection.here) > 1:
        assert [picker.itemData(i) for i in range(picker.count())] == list(selection.here)
    assert js_json(qtbot, window.map, "JSON.stringify(PlanMap.selectedId())") == feature_id
    assert window.map.map_page.console_errors() == []


def test_a_click_on_empty_map_clears_the_selection(qtbot, window, db):
    window.select_feature(PS_CENTRE, zoom=False)
    qtbot.waitUntil(lambda: js_json(qtbot, window.map, "JSON.stringify(PlanMap.selectedId())") == PS_CENTRE,
                    timeout=5000)
    assert features_under(db, SEA[1], SEA[0], 20.0, window.session.visible_layers()) == []
    click_at(qtbot, window, SEA[1], SEA[0], TEST_ZOOM)
    qtbot.waitUntil(lambda: window.session.selection.feature_id is None, timeout=5000)
    assert window.feature_panel.sheet is None
    qtbot.waitUntil(lambda: js_json(qtbot, window.map, "JSON.stringify(PlanMap.selectedId())") == "", timeout=5000)


def test_hidden_layers_are_not_picked(qtbot, window, db):
    lon, lat = clean_point(db, XILI, TEST_ZOOM)
    window.layer_panel.set_visible("key_areas", False)
    try:
        click_at(qtbot, window, lon, lat, TEST_ZOOM)
        qtbot.waitUntil(lambda: window.session.selection.feature_id == NANSHAN, timeout=5000)
        assert not any(fid.startswith(("sz-", "ns-")) for fid in window.session.selection.here)
    finally:
        window.layer_panel.set_visible("key_areas", True)


def placed_labels(qtbot, window, lat: float, lon: float, zoom: int) -> list[dict]:
    run_js(qtbot, window.map, f"PlanMap.setView({lat}, {lon}, {zoom}); 1")
    return js_json(qtbot, window.map, "PlanMap.placedLabels()")


def overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    pairs = []
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = a["box"], b["box"]
            if ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1:
                pairs.append((a["text"], b["text"]))
    return pairs


@pytest.mark.parametrize("zoom, lat, lon, expected", [
    (11, 22.56, 113.95, {"南山区", "北部组团", "中部组团", "深圳湾"}),  # districts, key areas, sea areas
    (11, 22.70, 114.32, {"坪山区", "龙岗区", "坪山高新区"}),
    (14, 22.54, 113.94, {"中部组团", "1", "2", "沙河西路"}),  # key areas, metro numbers, roads
    (14, 22.70, 114.34, {"坪山中心区", "坪山站", "14", "16", "深汕高铁"}),  # and stations, rail
])
def test_labels_shown_do_not_overlap(qtbot, window, zoom, lat, lon, expected):
    labels = placed_labels(qtbot, window, lat, lon, zoom)
    texts = {label["text"] for label in labels}
    assert expected <= texts, texts
    assert overlapping(labels) == []
    width, height = window.map.last_view["width"], window.map.last_view["height"]
    assert all(x0 >= -1 and y0 >= -1 and x1 <= width + 1 and y1 <= height + 1 for x0, y0, x1, y1 in
               (label["box"] for label in labels))
    assert window.map.map_page.console_errors() == []


def test_labels_follow_the_zoom_and_the_layers(qtbot, window):
    at_10 = {label["layer"] for label in placed_labels(qtbot, window, 22.62, 114.10, 10)}
    assert "districts" in at_10 and "transport_points" not in at_10 and "key_areas" not in at_10
    window.layer_panel.set_visible("districts", False)
    try:
        qtbot.waitUntil(lambda: "districts" not in {
            label["layer"] for label in js_json(qtbot, window.map, "PlanMap.placedLabels()")}, timeout=5000)
    finally:
        window.layer_panel.set_visible("districts", True)


def test_metro_lines_have_their_own_colours(qtbot, window):
    """Drawn on the page: each numbered line in its colour (2 and 8 share theirs, as the operator's do)."""
    data = json.loads(Path(window.map.page_info.path).read_text(encoding="utf-8").split(
        '<script type="application/json" id="plan-map-data">', 1)[1].split("</script>", 1)[0])
    metro = {f["properties"]["id"]: data["featureStyles"].get(f["properties"]["id"], {}).get("stroke")
             for f in data["collections"]["transport_lines"]["features"] if f["properties"]["kind"] == "metro"}
    coloured = {fid: colour for fid, colour in metro.items() if colour}
    assert len(coloured) >= 14
    shared = {fid for fid in coloured if fid in ("metro-2", "metro-8")}
    distinct = [colour for fid, colour in coloured.items() if fid not in shared]
    assert len(set(distinct)) == len(distinct)
    assert coloured.get("metro-2") == coloured.get("metro-8")
    badges = {label["name"]: label["badge"] for label in data["labels"] if label.get("badge")}
    assert badges["1"] == coloured["metro-1"] and badges["11"] == coloured["metro-11"]


@pytest.fixture
def export_view(qtbot, viewer_store, tmp_path):
    """The offline HTML export (no Python behind it) in a plain view."""
    import shiboken6
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
    from PySide6.QtWebEngineWidgets import QWebEngineView
    from PySide6.QtWidgets import QApplication

    from layers.html_export import HtmlExport, export_html
    from layers.print_layout import DEFAULT_LAYERS

    with connect(viewer_store) as connection:
        layers = tuple(dict.fromkeys((*DEFAULT_LAYERS, "key_areas", "structure_lines", "transport_lines")))
        html = export_html(connection, HtmlExport(layers=layers))
    out = tmp_path / "map.html"
    out.write_text(html, encoding="utf-8")
    profile = QWebEngineProfile(QApplication.instance())
    view = QWebEngineView()
    page = QWebEnginePage(profile, view)
    view.setPage(page)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    view.setUrl(QUrl.fromLocalFile(str(out)))
    view.map_page = page
    qtbot.waitUntil(lambda: run_js(qtbot, view, "!!window.planMapReady") is True, timeout=20000)
    yield view
    view.close()
    shiboken6.delete(page)
    shiboken6.delete(profile)


@pytest.mark.parametrize("feature_id", [XILI, PS_CENTRE, PINGSHAN])
def test_the_exports_hit_test_orders_hits_as_the_store_does(qtbot, export_view, db, feature_id):
    lon, lat = clean_point(db, feature_id, TEST_ZOOM)
    run_js(qtbot, export_view, f"PlanMap.setView({lat}, {lon}, {TEST_ZOOM}); 1")
    hits = js_json(qtbot, export_view, f"PlanMap.hitsAt({lat}, {lon})")
    assert hits and hits[0] == feature_id
    shown = set(json.loads(run_js(qtbot, export_view, "PlanMap.visibleCounts()")))
    store = [i.feature.id for i in features_under(db, lon, lat, metres_per_pixel(lat, TEST_ZOOM), tuple(shown))]
    assert [fid for fid in hits if fid in store] == [fid for fid in store if fid in hits]
    assert hits[-1].startswith("district-")


def test_the_legend_panel_follows_the_layers_and_the_selection(qtbot, window):
    from layers.style import SCHEMATIC_NOTE, SELECTION_LABEL

    panel = window.legend_dock.widget()
    assert window.legend_dock.windowTitle() == "图例"
    texts = panel.texts()
    assert "地铁（示意）" in texts and "行政区（示意）" in texts and any("重点片区" in t for t in texts)
    assert panel.note.text() == SCHEMATIC_NOTE and not panel.note.isHidden()
    assert panel.grid.count() >= 2 * len(texts)  # a swatch and a text per row
    window.layer_panel.set_visible("transport_lines", False)
    try:
        assert "地铁（示意）" not in panel.texts()
    finally:
        window.layer_panel.set_visible("transport_lines", True)
    assert "地铁（示意）" in panel.texts()
    window.select_feature(XILI, zoom=False)
    assert panel.texts()[-1] == SELECTION_LABEL
    window.session.clear_selection()
    assert SELECTION_LABEL not in panel.texts()


def test_a_click_under_a_gcj02_basemap_picks_the_same_feature(qtbot, window, db):
    """Under 高德 the overlays are drawn shifted to GCJ-02: the click is taken back to WGS 84 before the store
    is asked, so the user still gets what is drawn under the cursor."""
    from geodata.spatial import datum
    from layers.basemaps import basemap_choice

    lon, lat = clean_point(db, XILI, TEST_ZOOM)
    before = js_json(qtbot, window.map, f"PlanMap.pointOf({XILI!r})")
    window.session.set_basemap(basemap_choice("amap"))
    try:
        qtbot.waitUntil(lambda: js_json(qtbot, window.map, f"PlanMap.pointOf({XILI!r})")["lon"] != before["lon"],
                        timeout=5000)
        shifted_lon, shifted_lat = (float(v) for v in datum.wgs84_to_gcj02(lon, lat))
        window.session.clear_selection()
        click_at(qtbot, window, shifted_lon, shifted_lat, TEST_ZOOM)
        qtbot.waitUntil(lambda: window.session.selection.feature_id is not None, timeout=5000)
        assert window.session.selection.feature_id == XILI
        labels = {label["id"]: label for label in js_json(qtbot, window.map, "PlanMap.placedLabels()")}
        assert XILI in labels  # its label moved with it
    finally:
        window.session.set_basemap(basemap_choice("offline"))
