"""Export options → page layout, and the map view → bbox conversion the export dialog uses. No Qt."""

from __future__ import annotations

import math

import pytest

from geodata.store import connect
from layers.export_options import DEFAULT_TITLE, EARTH_RADIUS_M, ExportOptions, html_export, page_layout, view_bbox
from layers.map_scene import load_scene
from layers.print_layout import DEFAULT_LAYERS, Extent, LayoutError


@pytest.fixture(scope="module")
def scene(built_store):
    with connect(built_store) as db:
        return load_scene(db)


def test_view_bbox_is_centred_and_matches_the_measured_width():
    west, south, east, north = view_bbox(22.6, 114.1, 50.0, 800, 600)
    assert (west + east) / 2 == pytest.approx(114.1)
    # the centre row measures 800 px × 50 m along the parallel
    metres = math.radians(east - west) * EARTH_RADIUS_M * math.cos(math.radians(22.6))
    assert metres == pytest.approx(800 * 50.0, rel=1e-9)
    # Web Mercator stretches latitude a little northwards; at 22.6° the frame is almost symmetric and its
    # height in ground metres matches 600 px × 50 m within 0.1 %
    assert north - 22.6 == pytest.approx(22.6 - south, rel=0.01)
    assert math.radians(north - south) * EARTH_RADIUS_M == pytest.approx(600 * 50.0, rel=1e-3)


def test_view_bbox_aspect_follows_the_widget_shape():
    wide = view_bbox(22.6, 114.1, 20.0, 1000, 500)
    tall = view_bbox(22.6, 114.1, 20.0, 500, 1000)
    assert (wide[2] - wide[0]) > (wide[3] - wide[1])
    assert (tall[2] - tall[0]) < (tall[3] - tall[1])
    Extent.view(wide)  # a valid extent


@pytest.mark.parametrize("mpp, width, height", [(0, 800, 600), (10, 0, 600), (10, 800, 0)])
def test_view_bbox_refuses_a_view_with_no_size(mpp, width, height):
    with pytest.raises(ValueError):
        view_bbox(22.6, 114.1, mpp, width, height)


def test_city_defaults(scene):
    layout = page_layout(ExportOptions(), scene)
    assert layout.title == DEFAULT_TITLE
    assert layout.layers == tuple(name for name in DEFAULT_LAYERS if name in scene.layers)
    assert not layout.overview.visible and layout.highlight is None
    assert layout.legend.visible and layout.scale_bar.visible and layout.north_arrow.visible


def test_feature_extent_takes_its_name_highlight_and_overview(scene):
    layout = page_layout(ExportOptions(extent=Extent.feature("ps-yanzihu")), scene)
    assert layout.title == scene.find("ps-yanzihu").info.feature.name
    assert layout.highlight == "ps-yanzihu" and layout.overview.visible
    chosen = page_layout(ExportOptions(extent=Extent.feature("ps-yanzihu"), title="标题", overview=False,
                                       legend=False, review_number=""), scene)
    assert chosen.title == "标题" and not chosen.overview.visible and not chosen.legend.visible
    assert chosen.review_number is None


def test_options_reach_the_layout(scene):
    layout = page_layout(ExportOptions(paper="A3", landscape=True, dpi=72, layers=("districts",),
                                       scale_bar=False, north_arrow=False, review_number="粤S(2025)001号"), scene)
    assert layout.page_size_mm == (420.0, 297.0) and layout.dpi == 72
    assert layout.layers == ("districts",)
    assert not layout.scale_bar.visible and not layout.north_arrow.visible
    assert layout.review_number == "粤S(2025)001号"
    with pytest.raises(LayoutError):
        page_layout(ExportOptions(layers=()), scene)


def test_html_export_uses_the_same_title_layers_and_focus():
    export = html_export(ExportOptions(extent=Extent.feature("ps-yanzihu"), layers=("key_areas",)), "燕子湖片区")
    assert (export.title, export.layers, export.focus) == ("燕子湖片区", ("key_areas",), "ps-yanzihu")
    assert html_export(ExportOptions()).title == DEFAULT_TITLE
