"""The map frame of a printed page: the map itself with its scale bar, north arrow, insets and labels.

Shared by the page renderer and the commitment sheets. Everything is placed in millimetres inside the frame's
box on the page; the map axes are in WGS 84 degrees. The whole city's frame shows 深汕 (60 km east of the
rest) in an inset of its own, in the corner where it hides the least of the city.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import shapely
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Polygon as MplPolygon
from matplotlib.patches import Rectangle

from layers.map_drawing import draw_scene, setup_axes
from layers.map_scene import CITY_LAYER, Bounds, MapScene, SceneFeature, fit_aspect, pad
from layers.print_labels import PlacedLabel, place_labels
from layers.print_layout import MM_PER_INCH, NorthArrow, PageLayout, ScaleBar
from layers.scale_bar import ScaleBarSpan, scale_bar_span
from layers.style import layer_style

LABEL_PT = 6.5
VECTOR_DPI = 600  # PDF and SVG geometry is simplified as for a print at this resolution
OUTLYING_HEIGHT = 0.34  # the 深汕 inset's height, as a fraction of the frame's
OUTLYING_MAX_WIDTH = 0.24  # and its widest, as a fraction of the frame's width
OUTLYING_TITLE = "{name}（比例另计）"


@dataclass(frozen=True)
class Box:
    """A rectangle on the page in millimetres from the lower-left corner."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class MapFrame:
    """What a drawn frame holds: the axes, the features in view, the scale bar and the labels placed (main
    map and insets), and the outlying districts shown in an inset."""

    axes: Axes
    shown: tuple[tuple[str, tuple[SceneFeature, ...]], ...]  # each layer with its features in the frame
    scale_bar: ScaleBarSpan | None
    labels: tuple[PlacedLabel, ...]
    outlying: tuple[str, ...]


def draw_map_frame(figure: Figure, layout: PageLayout, scene: MapScene, box: Box, scale: float = 1.0, *,
                   resolution_dpi: float | None = None, faint: frozenset[str] = frozenset(),
                   bounds: Bounds | None = None, raster: bool = False) -> MapFrame:
    """The map of `layout` in `box` with its scale bar, north arrow, insets and labels.

    `resolution_dpi` is what geometry is simplified to (the PNG's dpi; VECTOR_DPI for PDF/SVG); `faint` ids
    are veiled as context; `bounds`, when given, replaces the layout's extent; `raster` says the figure is
    drawn only as pixels (PNG), so labels need not stay text."""
    page_w, page_h = layout.page_size_mm
    bounds = fit_aspect(bounds or scene.bounds_of(layout.extent), box.w, box.h)
    tolerance = simplify_tolerance(bounds, box, resolution_dpi or layout.dpi)
    ax = figure.add_axes(fraction(box, page_w, page_h), zorder=1)
    shown = draw_scene(ax, scene, layout.layers, bounds, highlight=layout.highlight, scale=scale,
                       tolerance=tolerance, faint=faint)
    decorations: list[Artist] = []
    span = None
    if layout.scale_bar.visible:
        span, backdrop = draw_scale_bar(ax, layout.scale_bar, bounds, box, scale)
        decorations.append(backdrop)
    if layout.overview.visible:
        decorations.append(draw_overview(figure, scene, layout, bounds, box))
    labels: list[PlacedLabel] = []
    outlying: tuple[str, ...] = ()
    arrow = layout.north_arrow
    if shows_outlying_inset(layout, scene):
        inset, inset_labels = draw_outlying_inset(figure, scene, layout, bounds, box, scale, tolerance, decorations,
                                                  raster)
        decorations.append(inset)
        labels += inset_labels
        outlying = scene.outlying
        if _inset_corner(figure, inset, box) == arrow.position:  # 深汕 lies north-east: the arrow gives way
            arrow = replace(arrow, position="upper left" if arrow.position == "upper right" else "upper right")
    if arrow.visible:
        decorations += draw_north_arrow(ax, arrow, box, scale)
    if layout.labels:
        renderer = figure.canvas.get_renderer()
        avoid = [artist.get_window_extent(renderer) for artist in decorations]
        labels = place_labels(ax, scene, shown, scale, highlight=layout.highlight, avoid=avoid, faint=faint,
                              raster=raster) + labels
    return MapFrame(ax, tuple(shown), span, tuple(labels), outlying)


def _inset_corner(figure: Figure, inset: Axes, box: Box) -> str:
    """Which upper corner of the frame an inset sits in ("upper left", "upper right"), or ""."""
    extent = inset.get_window_extent(figure.canvas.get_renderer())
    mm = MM_PER_INCH / figure.dpi
    if extent.y1 * mm < box.y + box.h * 0.75:
        return ""
    if extent.x1 * mm > box.x + box.w * 0.75:
        return "upper right"
    return "upper left" if extent.x0 * mm < box.x + box.w * 0.25 else ""


def simplify_tolerance(bounds: Bounds, box: Box, dpi: float) -> float:
    """Half an output pixel, in degrees: simplifying by it changes nothing a reader can see."""
    west, south, east, north = bounds
    px_per_mm = dpi / MM_PER_INCH
    return 0.5 * min((east - west) / box.w, (north - south) / box.h) / px_per_mm


def fraction(box: Box, page_w: float, page_h: float) -> tuple[float, float, float, float]:
    return box.x / page_w, box.y / page_h, box.w / page_w, box.h / page_h


def draw_scale_bar(ax: Axes, bar: ScaleBar, bounds: Bounds, box: Box, scale: float) -> tuple[ScaleBarSpan, Artist]:
    """Alternating black and white blocks of a round length, true in metres along the bar's latitude."""
    west, south, east, north = bounds
    deg_per_mm_x, deg_per_mm_y = (east - west) / box.w, (north - south) / box.h
    inset = 6 * scale
    lat = south + (inset + 1.5 * scale) * deg_per_mm_y
    span = scale_bar_span(west, lat, (east - west) * bar.max_fraction, bar.segments)
    x0 = west + inset * deg_per_mm_x
    if bar.position == "lower right":
        x0 = east - inset * deg_per_mm_x - span.span_deg - 8 * scale * deg_per_mm_x
        span = scale_bar_span(x0, lat, span.span_deg * 1.0000001, bar.segments)
    height = 1.6 * scale * deg_per_mm_y
    y0 = lat - height / 2
    segments = len(span.tick_labels) - 1
    step = span.span_deg / segments
    pad_x, pad_y = 2.5 * scale * deg_per_mm_x, 1.5 * scale * deg_per_mm_y
    unit_mm = 3 + 2.2 * len(span.unit)
    backdrop = ax.add_patch(Rectangle(
        (x0 - pad_x, y0 - pad_y), span.span_deg + 2 * pad_x + unit_mm * scale * deg_per_mm_x,
        height + 2 * pad_y + 4 * scale * deg_per_mm_y, facecolor="white", alpha=0.8, edgecolor="none", zorder=40))
    for i in range(segments):
        ax.add_patch(Rectangle((x0 + i * step, y0), step, height, facecolor="black" if i % 2 == 0 else "white",
                               edgecolor="black", linewidth=0.6 * min(scale, 1), zorder=41, gid="scale-bar-segment"))
    for i, tick in enumerate(span.tick_labels):
        ax.text(x0 + i * step, y0 + height + 0.6 * scale * deg_per_mm_y, tick, ha="center", va="bottom",
                fontsize=bar.font_size_pt * scale, zorder=42, gid="scale-bar-tick")
    ax.text(x0 + span.span_deg + 2.5 * scale * deg_per_mm_x, lat, span.unit, ha="left", va="center",
            fontsize=bar.font_size_pt * scale, zorder=42, gid="scale-bar-unit")
    return span, backdrop


def draw_north_arrow(ax: Axes, arrow: NorthArrow, box: Box, scale: float) -> list[Artist]:
    """A split arrowhead pointing to the top of the frame (north, since the map is not rotated), with "N"."""
    size = arrow.size_mm * scale
    cx_mm = box.w - 6 * scale - size / 3 if arrow.position == "upper right" else 6 * scale + size / 3
    top_mm = box.h - 5 * scale - size * 0.35
    half = size / 3

    def at(dx: float, dy: float) -> tuple[float, float]:
        return (cx_mm + dx) / box.w, (top_mm + dy) / box.h

    tip, base_l, base_r, notch = at(0, 0), at(-half, -size * 0.65), at(half, -size * 0.65), at(0, -size * 0.45)
    transform = ax.transAxes
    left = ax.add_patch(MplPolygon([tip, base_l, notch], closed=True, facecolor="black", edgecolor="black",
                                   linewidth=0.6, transform=transform, zorder=42, gid="north-arrow"))
    right = ax.add_patch(MplPolygon([tip, base_r, notch], closed=True, facecolor="white", edgecolor="black",
                                    linewidth=0.6, transform=transform, zorder=42))
    label_x, label_y = at(0, 1.0 * scale)
    label = ax.text(label_x, label_y, "N", transform=transform, ha="center", va="bottom", fontsize=9 * scale,
                    zorder=42, gid="north-arrow-label")
    return [left, right, label]


def draw_overview(figure: Figure, scene: MapScene, layout: PageLayout, bounds: Bounds, box: Box) -> Axes:
    """The whole city, small, in a corner of the map with the main map's extent outlined in red."""
    page_w, page_h = layout.page_size_mm
    city = fit_aspect(scene.city_bounds, 4, 3)
    width = box.w * layout.overview.width_fraction
    height = width * 0.75
    x = box.x + box.w - width - 2 if "right" in layout.overview.position else box.x + 2
    y = box.y + box.h - height - 2 if "upper" in layout.overview.position else box.y + 2
    if "lower" in layout.overview.position and layout.scale_bar.visible and "left" in layout.overview.position:
        y = box.y + 16
    inset = figure.add_axes(fraction(Box(x, y, width, height), page_w, page_h), zorder=3)
    layers = tuple(name for name in ("neighbours", "districts") if name in scene.layers)
    draw_scene(inset, scene, layers, city, scale=0.5, tolerance=simplify_tolerance(city, Box(x, y, width, height),
                                                                                   layout.dpi))
    setup_axes(inset, city)
    west, south, east, north = bounds
    inset.add_patch(Rectangle((west, south), east - west, north - south, facecolor="none",
                              edgecolor=layer_style("key_areas").stroke, linewidth=1.2, zorder=50,
                              gid="overview-frame"))
    return inset


def shows_outlying_inset(layout: PageLayout, scene: MapScene) -> bool:
    """Whether the page has the 深汕 inset: a whole-city page that shows the districts layer."""
    return layout.extent.kind == "city" and bool(scene.outlying) and CITY_LAYER in layout.layers


def draw_outlying_inset(figure: Figure, scene: MapScene, layout: PageLayout, bounds: Bounds, box: Box,
                        scale: float, tolerance: float, taken: list[Artist], raster: bool = False
                        ) -> tuple[Axes, list[PlacedLabel]]:
    """The outlying districts (深汕) in a framed inset with their own scale bar and labels (the land around
    them in the neighbouring cities' grey), along the frame's edge where it covers the least of the city and
    none of the `taken` decorations (scale bar, overview); the north arrow is drawn after it, out of its way."""
    far = [scene.find(fid) for fid in scene.outlying]
    area = pad(shapely.GeometryCollection([item.geometry for item in far]).bounds, 0.08)
    page_w, page_h = layout.page_size_mm
    height = box.h * OUTLYING_HEIGHT
    aspect = (area[2] - area[0]) * math.cos(math.radians((area[1] + area[3]) / 2)) / (area[3] - area[1])
    width = min(height * aspect, box.w * OUTLYING_MAX_WIDTH)
    height = width / aspect
    renderer = figure.canvas.get_renderer()
    mm = MM_PER_INCH / figure.dpi
    avoid = [artist.get_window_extent(renderer) for artist in taken]
    avoid_mm = [(b.x0 * mm, b.y0 * mm, b.x1 * mm, b.y1 * mm) for b in avoid]
    inset_box = Box(*_free_spot(scene, bounds, box, width, height, scale, avoid_mm), width, height)
    inset = figure.add_axes(fraction(inset_box, page_w, page_h), zorder=3)
    inset_bounds = fit_aspect(area, width, height)
    small = scale * 0.8
    shown = draw_scene(inset, scene, layout.layers, inset_bounds, scale=small, tolerance=tolerance)
    for spine in inset.spines.values():
        spine.set_linewidth(0.9)
    bar = ScaleBar(max_fraction=0.45, segments=2, font_size_pt=layout.scale_bar.font_size_pt)
    _, backdrop = draw_scale_bar(inset, bar, inset_bounds, inset_box, small)
    names = "、".join(item.info.feature.name for item in far)
    title = inset.text(0.5, 0.985, OUTLYING_TITLE.format(name=names), transform=inset.transAxes, ha="center",
                       va="top", fontsize=LABEL_PT * small, color="#333333", zorder=45, gid="outlying-title",
                       bbox={"boxstyle": "square,pad=0.25", "fc": "white", "ec": "none", "alpha": 0.85})
    labels: list[PlacedLabel] = []
    if layout.labels:
        avoid = [backdrop.get_window_extent(renderer), title.get_window_extent(renderer)]
        own = [(name, items) for name, items in shown if name not in (CITY_LAYER, "neighbours")]
        labels = place_labels(inset, scene, own, small, avoid=avoid, raster=raster)
    return inset, labels


def _free_spot(scene: MapScene, bounds: Bounds, box: Box, width: float, height: float, scale: float,
               avoid_mm: list[tuple[float, float, float, float]]) -> tuple[float, float]:
    """The lower-left page corner (mm) of an inset of `width` × `height` along the frame's edge (corners and
    edge middles) that overlaps none of `avoid_mm` and covers the least of the city's land; of equals, the
    one nearest the side the outlying districts lie on."""
    margin = 2 * scale
    xs = (box.x + margin, box.x + (box.w - width) / 2, box.x + box.w - width - margin)
    ys = (box.y + margin, box.y + (box.h - height) / 2, box.y + box.h - height - margin)
    spots = [(x, y) for i, x in enumerate(xs) for j, y in enumerate(ys) if (i, j) != (1, 1)]
    free = [(x, y) for x, y in spots
            if not any(x < b[2] and b[0] < x + width and y < b[3] and b[1] < y + height for b in avoid_mm)]
    city = shapely.union_all([item.geometry for item in scene.layers[CITY_LAYER]
                              if item.info.feature.id not in scene.outlying])
    west, south, east, north = bounds
    to_lon, to_lat = (east - west) / box.w, (north - south) / box.h

    far = shapely.GeometryCollection([scene.find(fid).geometry for fid in scene.outlying]).centroid
    toward = (box.x + (far.x - west) / to_lon, box.y + (far.y - south) / to_lat)  # off the frame, in mm

    def rank(spot: tuple[float, float]) -> tuple[float, float]:
        """The share of the frame's land it hides (to 0.1 %), then its distance from where 深汕 lies."""
        lon, lat = west + (spot[0] - box.x) * to_lon, south + (spot[1] - box.y) * to_lat
        hidden = city.intersection(shapely.box(lon, lat, lon + width * to_lon, lat + height * to_lat)).area
        distance = math.hypot(spot[0] + width / 2 - toward[0], spot[1] + height / 2 - toward[1])
        return round(hidden / max(city.area, 1e-12), 3), distance

    return min(free or spots, key=rank)
