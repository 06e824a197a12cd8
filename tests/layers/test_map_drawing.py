"""Drawing features as compound paths: one path per look however many features, holes kept, overlaps filled
once, geometry simplified only where it has detail to lose."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath

from geodata.feature_queries import FeatureInfo
from geodata.features import Feature
from geodata.store import connect
from layers.map_drawing import PX_TO_PT, compound_path, draw_points
from layers.map_scene import SceneFeature, load_scene
from layers.print_layout import DEFAULT_LAYERS, PageLayout
from layers.print_render import page_figure
from layers.style import IMPORTED_STYLE


def rings(path: MplPath) -> list[shapely.LinearRing]:
    starts = np.flatnonzero(path.codes == MplPath.MOVETO)
    ends = np.flatnonzero(path.codes == MplPath.CLOSEPOLY)
    return [shapely.LinearRing(path.vertices[s:e + 1]) for s, e in zip(starts, ends, strict=True)]


def test_exteriors_run_anticlockwise_and_holes_clockwise():
    clockwise = shapely.Polygon([(2, 0), (2, 1), (3, 1), (3, 0)])
    holed = shapely.box(4, 0, 7, 3).difference(shapely.box(5, 1, 6, 2))
    parts = shapely.MultiPolygon([shapely.box(8, 0, 9, 1), shapely.box(10, 0, 11, 1)])
    path = compound_path([shapely.box(0, 0, 1, 1), clockwise, holed, parts, shapely.Polygon()])
    found = rings(path)
    assert len(found) == 6
    hole = [ring for ring in found if shapely.Point(5.5, 1.5).within(shapely.Polygon(ring).buffer(0.01))
            and ring.length < 5]
    assert len(hole) == 1 and not hole[0].is_ccw
    assert sum(ring.is_ccw for ring in found) == 5


def pixels(path: MplPath, alpha: float = 1.0) -> np.ndarray:
    """`path` filled black at `alpha` on white by Agg, 10 px per unit over (0, 0)-(12, 4)."""
    figure = Figure(figsize=(1.2, 0.4), dpi=100)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 12)
    ax.set_ylim(0, 4)
    ax.add_artist(PathPatch(path, facecolor=(0, 0, 0, alpha), edgecolor="none"))
    figure.canvas.draw()
    return np.asarray(figure.canvas.buffer_rgba())[::-1, :, 0]  # row 0 at y = 0


def test_holes_stay_empty_and_overlaps_fill_once():
    holed = shapely.box(4, 0, 7, 3).difference(shapely.box(5, 1, 6, 2))
    overlapping = [shapely.box(8, 0, 10, 2), shapely.Polygon([(11, 1), (11, 3), (9, 3), (9, 1)])]  # one clockwise
    image = pixels(compound_path([holed, *overlapping]), alpha=0.5)
    assert image[15, 55] == 255 and image[5, 45] < 200  # the hole is empty, the ring around it filled
    assert image[15, 95] == image[5, 85] < 255  # where the two overlap: the same grey as either alone


def test_lines_become_one_move_per_part():
    path = compound_path([shapely.LineString([(0, 0), (1, 1)]),
                          shapely.MultiLineString([[(2, 2), (3, 3)], [(4, 4), (5, 5), (6, 4)]])], closed=False)
    assert path.codes.tolist() == [1, 2, 1, 2, 1, 2, 2]


def test_simplifying_keeps_small_parcels_and_thins_detailed_outlines():
    circle = shapely.Point(0, 0).buffer(1, quad_segs=64)
    path = compound_path([circle, shapely.box(3, 0, 3.001, 0.001)], tolerance=0.05)
    circle_ring, parcel = rings(path)
    assert len(circle_ring.coords) < 40 and len(parcel.coords) == 5


@pytest.fixture(scope="module")
def scene(store):
    with connect(store) as db:
        return load_scene(db)


def test_a_big_layer_is_one_path_not_a_patch_per_feature(scene):
    """5,000 imported parcels in one style: one artist on the map (fill and outline together), not 5,000."""
    n = np.arange(5000)
    x, y = 114.0 + (n % 70) * 0.001, 22.6 + (n // 70) * 0.001
    parcels = tuple(
        SceneFeature(FeatureInfo(Feature(id=f"p{i}", name=f"地块{i}", layer="parcels", kind="imported", aliases=(),
                                         districts=(), structure=None, planned_area_km2=None, status=None,
                                         stations=(), accuracy="surveyed", note="", source=""), None, None),
                     geometry, IMPORTED_STYLE)
        for i, geometry in enumerate(shapely.box(x, y, x + 0.0008, y + 0.0008)))
    big = dataclasses.replace(scene, layers={**scene.layers, "parcels": parcels})
    figure, report = page_figure(PageLayout(dpi=60, layers=(*DEFAULT_LAYERS, "parcels")), big)
    drawn = [artist for artist in figure.axes[1].get_children() if (artist.get_gid() or "") == "layer:parcels"]
    assert len(drawn) == 1 and len(drawn[0].get_path().vertices) == 5 * 5000
    assert "parcels" in report.legend
    assert sum(label.text.startswith("地块") for label in report.labels) == 0  # too small on paper for a name


def test_a_station_is_drawn_as_a_marker_of_its_radius_where_it_is():
    """A point layer prints a circle of the style's radius (in print points) at the point: the labels keep
    that much room clear around it (print_labels._symbol_boxes)."""
    figure = Figure(figsize=(2, 2), dpi=100)
    canvas = FigureCanvasAgg(figure)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_axis_off()
    style = dataclasses.replace(IMPORTED_STYLE, fill="#ff0000", radius=10.0)
    draw_points(ax, [shapely.Point(0.5, 0.5)], style, "#ff0000", 1.0, "solid", 5, 1.0, "stations")
    canvas.draw()
    image = np.asarray(canvas.buffer_rgba())[:, :, :3].astype(int)
    red = (image[:, :, 0] > 200) & (image[:, :, 1] < 80) & (image[:, :, 2] < 80)
    rows, cols = np.nonzero(red)
    radius_px = 10.0 * PX_TO_PT * figure.dpi / 72
    assert red[100, 100], "no marker at the point"
    assert abs((cols.max() - cols.min() + 1) / 2 - radius_px) <= 1.5
    assert abs((rows.max() - rows.min() + 1) / 2 - radius_px) <= 1.5
