"""Drawing a map scene into a matplotlib Axes, in WGS 84 degrees with true ground proportions.

Used by the page renderer and the commitment sheets. Styles come from layers/style.py, the same as the map
page: widths there are screen pixels, converted here to points; schematic features are dashed.

Features that look alike (same layer, style and accuracy) are drawn as one compound path: a layer of 100,000
parcels is two artists, not 100,000 patches that each widen the axes' data limits. Geometry is simplified to
the output resolution first, so nothing smaller than a pixel is kept.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Affine2D, IdentityTransform

from layers.map_scene import Bounds, Look, MapScene, SceneFeature
from layers.style import HIGHLIGHT_COLOUR, SCHEMATIC_DASH, SEA_COLOUR, LayerStyle

PX_TO_PT = 0.75 * 0.8  # a CSS pixel is 0.75 pt; print lines a little finer than on screen
FAINT_VEIL = 0.55
SIMPLIFY_MIN_VERTICES = 12  # white over the areas around a sheet's own district, so they recede

HALF_UNIT_CIRCLE = MplPath.unit_circle().transformed(Affine2D().scale(0.5))  # scatter's 'o': diameter 1


def setup_axes(ax: Axes, bounds: Bounds) -> None:
    """Sea background, no ticks, and x stretched by 1/cos(latitude) so kilometres look the same both ways."""
    west, south, east, north = bounds
    ax.set_facecolor(SEA_COLOUR)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(1 / math.cos(math.radians((south + north) / 2)), adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_linewidth(0.8)


def draw_scene(ax: Axes, scene: MapScene, layers: tuple[str, ...], bounds: Bounds, *,
               highlight: str | None = None, scale: float = 1.0, tolerance: float = 0.0,
               faint: frozenset[str] = frozenset()) -> list[tuple[str, tuple[SceneFeature, ...]]]:
    """Draw the visible layers that reach into `bounds`; returns each layer with its features drawn.

    `tolerance` (degrees) simplifies geometry to the output resolution; features in `faint` (ids) are veiled
    in white, as the context around a sheet's feature."""
    setup_axes(ax, bounds)
    shown = []
    for z, (name, items) in enumerate(scene.visible(layers)):
        indices = scene.indices_in_view(name, bounds)
        codes, looks = scene.looks(name)
        geometries = scene.geometries(name)
        for code in dict.fromkeys(codes[indices].tolist()):  # in the order the store lists them
            members = indices[codes[indices] == code]
            draw_group(ax, looks[code], geometries[members], zorder=2 + z, scale=scale, tolerance=tolerance,
                       gid=f"layer:{name}")
        drawn = tuple(items[i] for i in indices)
        veiled = [item.geometry for item in drawn if item.info.feature.id in faint and _is_area(item)] if faint else []
        if veiled:
            ax.add_artist(PathPatch(compound_path(veiled, tolerance), facecolor="white", alpha=FAINT_VEIL,
                                    edgecolor="none", zorder=2.6 + z, gid="faint"))
        shown.append((name, drawn))
    if highlight:
        target = scene.find(highlight)
        if target is not None:
            look = Look(_shape(target), target.info.feature.kind, target.style, target.schematic)
            draw_group(ax, look, [target.geometry], zorder=20, scale=scale, emphasis=True,
                       gid=f"feature:{highlight}")
    return shown


def draw_group(ax: Axes, look: Look, geometries, zorder: float, scale: float = 1.0, tolerance: float = 0.0,
               emphasis: bool = False, gid: str = "") -> None:
    """Features that look alike as one path: the fill, then the casing (the wider stroke beneath roads and
    rail), then the outline or line above; points as one collection of markers."""
    style = look.style
    width = max(style.stroke_width * PX_TO_PT * scale, 0.3)
    stroke = HIGHLIGHT_COLOUR if emphasis else style.stroke
    if emphasis:
        width = max(width * 1.6, 1.6 * scale)
    dash = dash_lengths(style, width) if look.schematic else None
    if look.shape == "point":
        draw_points(ax, geometries, style, stroke, width, _linestyle(dash, width), zorder + 0.5, scale, gid)
        return
    path = compound_path(geometries, tolerance, closed=look.shape == "area")
    filled = look.shape == "area" and style.fill and style.fill_opacity > 0 and not emphasis
    fill = to_rgba(style.fill, style.fill_opacity * style.opacity) if filled else "none"
    if look.shape == "line" and style.casing and style.casing_width > 0 and not emphasis:
        casing = max(style.casing_width * PX_TO_PT * scale, width + 0.4)
        ax.add_artist(PathPatch(path, facecolor="none", edgecolor=to_rgba(style.casing, style.opacity),
                                linewidth=casing, linestyle=_linestyle(dash, casing), joinstyle="round",
                                capstyle="butt", zorder=zorder + 0.3, gid=gid + ":casing"))
    # Fill and outline in one drawing operation: a PDF or SVG holds each path once.
    ax.add_artist(PathPatch(path, facecolor=fill, edgecolor=to_rgba(stroke, style.opacity), linewidth=width,
                            linestyle=_linestyle(dash, width), joinstyle="round",
                            capstyle="butt" if dash else "round", zorder=zorder + 0.5, gid=gid))


def draw_points(ax: Axes, geometries: list, style: LayerStyle, stroke: str, width: float, linestyle,
                zorder: float, scale: float, gid: str) -> PathCollection:
    points = shapely.get_coordinates(np.asarray(geometries, dtype=object))
    size = (style.radius * 2 * PX_TO_PT * scale) ** 2
    # as Axes.scatter draws markers: a circle of diameter 1 scaled by sqrt(size) points, placed at the data
    # offsets but drawn in display space (without IdentityTransform the axes' data transform would blow each
    # marker up far beyond the page, and nothing would show)
    markers = PathCollection([HALF_UNIT_CIRCLE], sizes=[size], offsets=points, transform=IdentityTransform(),
                             offset_transform=ax.transData, facecolor=style.fill or "white", edgecolor=stroke,
                             linewidths=max(width * 0.8, 0.6), linestyle=linestyle, zorder=zorder, gid=gid)
    ax.add_collection(markers, autolim=False)
    return markers


def _shape(item: SceneFeature) -> str:
    geom_type = item.geometry.geom_type
    return "area" if "Polygon" in geom_type else "line" if "Line" in geom_type else "point"


def _is_area(item: SceneFeature) -> bool:
    return "Polygon" in item.geometry.geom_type


def dash_lengths(style: LayerStyle, width_pt: float) -> tuple[float, ...]:
    """A schematic feature's dash pattern in points: its kind's (style.dash) or SCHEMATIC_DASH, in screen
    pixels scaled to print, at least about 2× a thick line so dashes never read as dots."""
    pattern = [float(n) * PX_TO_PT for n in (style.dash or SCHEMATIC_DASH).split()]
    return tuple(max(length, (2.2 if i % 2 == 0 else 1.4) * width_pt) for i, length in enumerate(pattern))


def _linestyle(dash: tuple[float, ...] | None, width_pt: float):
    """matplotlib scales dash patterns by line width; undo that, so a line and its casing dash alike."""
    return (0, tuple(length / width_pt for length in dash)) if dash else "solid"


def compound_path(geometries, tolerance: float = 0.0, closed: bool = True) -> MplPath:
    """One path for many (multi)polygons or (multi)lines, simplified by `tolerance` degrees (only those with
    enough vertices to lose some: a parcel's four corners stay).

    Polygon exteriors run anticlockwise and holes clockwise, so the non-zero fill rule leaves holes empty and
    fills overlapping areas of one group once. Single-ring polygons and single lines, the bulk of any big
    layer, go straight from one coordinate array to the path: no per-part geometry objects, whose creation
    (and the garbage collector's passes over them) would cost more than the drawing."""
    array = np.array(geometries, dtype=object)
    if tolerance > 0:
        detailed = shapely.get_num_coordinates(array) > SIMPLIFY_MIN_VERTICES
        array[detailed] = shapely.simplify(array[detailed], tolerance, preserve_topology=True)
    coords, index = shapely.get_coordinates(array, return_index=True)
    counts = np.bincount(index, minlength=len(array))
    starts = np.cumsum(counts) - counts
    single = _single_rings(coords, index, starts, counts) if closed else \
        (shapely.get_num_geometries(array) == 1) & (counts >= 2)
    runs = [(coords[single[index]], counts[single])]
    rest = array[~single & (counts > 0)]
    if len(rest):
        parts = shapely.get_parts(rest)
        if closed:
            parts = shapely.get_rings(shapely.orient_polygons(parts))
        part_coords, part_index = shapely.get_coordinates(parts, return_index=True)
        runs.append((part_coords, np.bincount(part_index, minlength=len(parts))))
    vertices = np.concatenate([run for run, _ in runs])
    lengths = np.concatenate([length for _, length in runs])
    lengths = lengths[lengths > 0]
    if len(vertices) < 2:
        return MplPath(np.zeros((1, 2)), [MplPath.MOVETO])
    ring_starts = np.cumsum(lengths) - lengths
    if closed:
        vertices = _anticlockwise(vertices, ring_starts, lengths, int(single.sum()))
    codes = np.full(len(vertices), MplPath.LINETO, dtype=MplPath.code_type)
    codes[ring_starts] = MplPath.MOVETO
    if closed:
        codes[ring_starts + lengths - 1] = MplPath.CLOSEPOLY
    return MplPath(vertices, codes)


def _single_rings(coords: np.ndarray, index: np.ndarray, starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Which (multi)polygons are one ring: closed on their last vertex, their first vertex met nowhere else (a
    polygon's rings are simple, so a second ring or part never ends on the first vertex)."""
    present = counts > 0
    first = coords[np.where(present, starts, 0)]
    last = coords[np.where(present, starts + counts - 1, 0)]
    meets_first = np.all(coords == first[index], axis=1)
    hits = np.bincount(index, weights=meets_first, minlength=len(counts))
    return present & (counts >= 4) & np.all(first == last, axis=1) & (hits == 2)


def _anticlockwise(vertices: np.ndarray, starts: np.ndarray, lengths: np.ndarray, count: int) -> np.ndarray:
    """`vertices` with the first `count` rings (exteriors of single-ring polygons) reversed where they run
    clockwise: the sign of each ring's shoelace sum."""
    if not count:
        return vertices
    x, y = vertices[:, 0], vertices[:, 1]
    cross = np.r_[x[:-1] * y[1:] - x[1:] * y[:-1], 0.0]
    closing = starts + lengths - 1  # its cross term joins the next ring's first vertex: not this ring's
    area = np.add.reduceat(cross, starts) - cross[closing]
    reverse = area[:count] < 0
    if not reverse.any():
        return vertices
    lengths = lengths[:count]
    ring = np.repeat(np.arange(count), lengths)
    order = np.arange(len(vertices))
    head = order[: len(ring)]
    flip = reverse[ring]
    head[flip] = (2 * starts[:count] + lengths - 1)[ring][flip] - head[flip]
    return vertices[order]
