"""A layer too big for the map page comes by tile: the page stays small, yet zooming in draws the parcels,
a click picks one and the selection is drawn; a tile the store cannot give says so in the status bar."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely.geometry
from parcel_grid import store_with_parcels
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from viewer_helpers import js_json, open_window, run_js

from geodata.feature_queries import feature_by_id, geometry_of
from geodata.feature_tiles import TILED_FROM_FEATURES
from geodata.store import connect
from layers.html_export import HtmlExport, export_html
from layers.page import write_page

COLUMNS, ROWS = 80, 70  # 5,600 parcels of 80 m, 100 m apart: more than TILED_FROM_FEATURES
PARCEL, NAME = "parcels-2846", "地块2845"  # in the middle of the grid (row 35, column 45); ids count from 1


@pytest.fixture(scope="module")
def big_store(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return store_with_parcels(built_store, tmp_path_factory.mktemp("big"), COLUMNS, ROWS)


@pytest.fixture
def big_window(qtbot, big_store: Path, tmp_path: Path):
    window = open_window(qtbot, big_store, tmp_path)
    yield window
    window.close()


def parcel_centre(store: Path) -> tuple[float, float]:
    with connect(store) as db:
        point = geometry_of(db, feature_by_id(db, PARCEL)).centroid
    return point.x, point.y


def counts_when_drawn(qtbot, window) -> dict:
    qtbot.waitUntil(lambda: run_js(qtbot, window.map, "PlanMap.tilesLoading()") is False, timeout=20000)
    return js_json(qtbot, window.map, "PlanMap.visibleCounts()")


def test_the_page_does_not_carry_the_big_layer(big_store: Path, built_store: Path, tmp_path: Path):
    assert COLUMNS * ROWS > TILED_FROM_FEATURES
    with connect(big_store) as db:
        page = write_page(db, tmp_path / "big")
    with connect(built_store) as db:
        seed_page = write_page(db, tmp_path / "seed")
    data = json.loads(page.path.read_text(encoding="utf-8").split('id="plan-map-data">')[1].split("</script>")[0])
    assert "parcels" not in data["collections"]
    assert data["tiled"]["parcels"]["url"].startswith("plantiles://tiles/parcels/")
    assert [layer.name for layer in page.layers][-1] == "parcels"  # the layer panel still lists it
    assert page.path.stat().st_size < seed_page.path.stat().st_size + 20_000


def test_zooming_in_draws_the_parcels_from_tiles(qtbot, big_window, big_store: Path):
    lon, lat = parcel_centre(big_store)
    run_js(qtbot, big_window.map, f"PlanMap.setView({lat}, {lon}, 16); 1")
    counts = counts_when_drawn(qtbot, big_window)
    assert 50 < counts["parcels"] < COLUMNS * ROWS
    run_js(qtbot, big_window.map, f"PlanMap.setView({lat}, {lon}, 17); 1")
    assert 0 < counts_when_drawn(qtbot, big_window)["parcels"] < counts["parcels"]
    assert len(big_window.map.feature_tiles.timings) > 0
    assert big_window.map.map_page.console_errors() == []


def test_zoomed_out_the_parcels_are_drawn_from_the_tiles_made_at_import(qtbot, big_window, big_store: Path):
    lon, lat = parcel_centre(big_store)
    run_js(qtbot, big_window.map, f"PlanMap.setView({lat}, {lon}, 14); 1")
    assert counts_when_drawn(qtbot, big_window)["parcels"] > 50
    waits = list(big_window.map.feature_tiles.wait_timings)
    assert waits and set(waits) == {0.0}  # every tile was answered at once, none queued for a tile thread


def test_a_click_on_a_parcel_picks_it_and_it_is_drawn_selected(qtbot, big_window, big_store: Path):
    lon, lat = parcel_centre(big_store)
    run_js(qtbot, big_window.map, f"PlanMap.setView({lat}, {lon}, 17); 1")
    counts_when_drawn(qtbot, big_window)
    point = js_json(qtbot, big_window.map, f"PlanMap.screenPoint({lat}, {lon})")
    target = big_window.map.focusProxy() or big_window.map
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(round(point["x"]), round(point["y"])))
    qtbot.waitUntil(lambda: big_window.session.selection.feature_id == PARCEL, timeout=5000)
    assert big_window.feature_panel.name.text() == NAME
    assert run_js(qtbot, big_window.map, "PlanMap.selectedId()") == PARCEL
    qtbot.waitUntil(lambda: run_js(qtbot, big_window.map, "PlanMap.tiledSelectionShown()") == PARCEL, timeout=5000)


def test_a_selected_parcel_goes_to_the_page_with_its_outline(qtbot, big_window, big_store: Path):
    """The window sends the outline with the selection, so the page draws it without asking for it while the
    window fills the panel; a feature of a layer the page carries has none to send."""
    outline = big_window.map.feature_tiles.outline_at_hand(PARCEL)
    assert outline["properties"]["id"] == PARCEL and outline["geometry"]["type"] in ("Polygon", "MultiPolygon")
    lon, lat = parcel_centre(big_store)
    west, south, east, north = shapely.geometry.shape(outline["geometry"]).bounds
    assert west < lon < east and south < lat < north
    assert big_window.map.feature_tiles.outline_at_hand("district-futian") is None


def test_searching_a_parcel_frames_it(qtbot, big_window, big_store: Path):
    big_window.search_box.edit.setText(NAME)
    first = big_window.search_box.result_items()[0]
    big_window.search_box.results.itemActivated.emit(first, 0)
    qtbot.waitUntil(lambda: run_js(qtbot, big_window.map, "PlanMap.tiledSelectionShown()") == PARCEL, timeout=5000)
    view = js_json(qtbot, big_window.map, "PlanMap.getView()")
    lon, lat = parcel_centre(big_store)
    assert view["zoom"] >= 15
    assert abs(view["lon"] - lon) < 0.001 and abs(view["lat"] - lat) < 0.001


def test_a_tile_of_a_missing_layer_says_so_in_the_status_bar(qtbot, big_window):
    run_js(qtbot, big_window.map, "fetch('plantiles://tiles/parcels_gone/12/3342/1786'); 1")
    qtbot.waitUntil(lambda: "parcels_gone" in big_window.statusBar().currentMessage(), timeout=5000)


def test_the_html_export_leaves_the_big_layer_out_and_says_so(big_store: Path):
    with connect(big_store) as db:
        page = export_html(db, HtmlExport(layers=("districts", "key_areas", "parcels")))
    data = json.loads(page.split('id="plan-map-data">')[1].split("</script>")[0])
    assert [layer["name"] for layer in data["layers"]] == ["districts", "key_areas"]
    assert "parcels" not in data["collections"]
    assert f"parcels（{COLUMNS * ROWS:,} 个要素）" in page.split("</header>")[0]
