"""Drawing a map scene into a matplotlib Axes, in WGS 84 degrees with true ground proportions.

Used by the page renderer and the commitment sheets. Styles come from layers/style.py, the same as the map
page: widths there are screen pixels, converted here to points; schematic features are dashed.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from shapely.geometry.base import BaseGeometry

from layers.map_scene import Bounds, MapScene, SceneFeature
from layers.style import HIGHLIGHT_COLOUR, SCHEMATIC_DASH, SEA_COLOUR, LayerStyle

PX_TO_PT = 0.75 * 0.8  # a CSS pixel is 0.75 pt; print lines a little finer than on screen
DASH_PT = tuple(float(n) * PX_TO_PT for n in SCHEMATIC_DASH.split())
LABEL_COLOURS = {"districts": "#555555", "neighbours": "#8a8a8a", "key_areas": "#7b241c",
                 "transport_points": "#1f3a93", "structure_lines": "#5b2c6f"}
LABEL_LAYERS = ("districts", "key_areas", "transport_points", "neighbours")  # by priority when labels collide


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


def draw_scene(ax: Axes, scene: MapScene, layers: tuple[str, ...], bounds: Bounds, *, labels: bool = True,
               highlight: str | None = None, font_size: float = 6.5, scale: float = 1.0) -> list[SceneFeature]:
    """Draw the visible layers clipped to `bounds`; returns the features that are in view."""
    setup_axes(ax, bounds)
    view = _box(bounds)
    shown: list[SceneFeature] = []
    for z, (_name, items) in enumerate(scene.visible(layers)):
        in_view = [item for item in items if item.geometry.intersects(view)]
        for item in in_view:
            draw_feature(ax, item, zorder=2 + z, scale=scale)
        shown += in_view
    if highlight:
        target = scene.find(highlight)
        if target is not None:
            draw_feature(ax, target, zorder=20, scale=scale, emphasis=True)
    if labels:
        place_labels(ax, shown, font_size, highlight)
    return shown


def _box(bounds: Bounds) -> BaseGeometry:
    from shapely.geometry import box

    return box(*bounds)


def draw_feature(ax: Axes, item: SceneFeature, zorder: float, scale: float = 1.0, emphasis: bool = False) -> None:
    style = item.style
    geom = item.geometry
    width = max(style.stroke_width * PX_TO_PT * scale, 0.3)
    dashes = _dashes(width) if item.schematic else None
    stroke = HIGHLIGHT_COLOUR if emphasis else style.stroke
    if emphasis:
        width = max(width * 1.6, 1.6 * scale)
    gid = f"feature:{item.info.feature.id}"
    if "Polygon" in geom.geom_type:
        path = polygon_path(geom)
        if style.fill and style.fill_opacity > 0 and not emphasis:
            ax.add_patch(PathPatch(path, facecolor=style.fill, alpha=style.fill_opacity * style.opacity,
                                   edgecolor="none", zorder=zorder, gid=gid + ":fill"))
        ax.add_patch(PathPatch(path, facecolor="none", edgecolor=stroke, linewidth=width, zorder=zorder,
                               linestyle=(0, dashes) if dashes else "solid", alpha=style.opacity, gid=gid,
                               joinstyle="round"))
    elif "Line" in geom.geom_type:
        for part in getattr(geom, "geoms", [geom]):
            x, y = np.asarray(part.coords).T[:2]
            ax.plot(x, y, color=stroke, linewidth=width, zorder=zorder, alpha=style.opacity, gid=gid,
                    solid_capstyle="round", linestyle=(0, dashes) if dashes else "solid")
    else:
        size = (style.radius * 2 * PX_TO_PT * scale) ** 2
        points = np.array([(p.x, p.y) for p in getattr(geom, "geoms", [geom])])
        collection = ax.scatter(points[:, 0], points[:, 1], s=size, facecolor=style.fill or "white",
                                edgecolor=stroke, linewidths=max(width * 0.8, 0.6), zorder=zorder + 0.5, gid=gid)
        if dashes and isinstance(collection, PathCollection):
            collection.set_linestyle((0, dashes))


def _dashes(width_pt: float) -> tuple[float, float]:
    """matplotlib scales dash patterns by line width; undo that so dashes are DASH_PT long, or 2× a thick line."""
    on, off = (max(DASH_PT[0], 2.2 * width_pt), max(DASH_PT[1], 1.4 * width_pt))
    return on / width_pt, off / width_pt


def polygon_path(geom: BaseGeometry) -> MplPath:
    """One compound path for a (multi)polygon, holes included (even-odd by ring direction)."""
    vertices, codes = [], []
    for polygon in getattr(geom, "geoms", [geom]):
        for ring in (polygon.exterior, *polygon.interiors):
            coords = np.asarray(ring.coords)[:, :2]
            if len(coords) < 3:
                continue
            vertices.append(coords)
            ring_codes = np.full(len(coords), MplPath.LINETO, dtype=MplPath.code_type)
            ring_codes[0] = MplPath.MOVETO
            ring_codes[-1] = MplPath.CLOSEPOLY
            codes.append(ring_codes)
    if not vertices:
        return MplPath(np.zeros((1, 2)), [MplPath.MOVETO])
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


def place_labels(ax: Axes, shown: list[SceneFeature], font_size: float, highlight: str | None = None,
                 avoid: list[Bbox] | None = None) -> list[Text]:
    """Names at each feature's inside point; a label that would overlap a more important one, or one of the
    `avoid` boxes (display coordinates: scale bar, north arrow, inset), is dropped."""
    candidates = [item for item in shown if item.info.feature.layer in LABEL_LAYERS and _labelled(item.style)]
    candidates.sort(key=lambda item: (item.info.feature.id != highlight,
                                      LABEL_LAYERS.index(item.info.feature.layer),
                                      -_size(item.geometry)))
    figure = ax.figure
    renderer = figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    (west, east), (south, north) = ax.get_xlim(), ax.get_ylim()
    view = _box((west, south, east, north))
    taken = list(avoid or [])
    placed: list[Text] = []
    for item in candidates:
        feature = item.info.feature
        visible = item.geometry.intersection(view) if "Polygon" in item.geometry.geom_type else item.geometry
        if visible.is_empty:
            continue
        point = visible.representative_point() if "Point" not in visible.geom_type else visible
        layer = feature.layer
        is_point = "Point" in item.geometry.geom_type
        text = ax.annotate(
            feature.name, (point.x, point.y), xytext=(0, 4 if is_point else 0), textcoords="offset points",
            ha="center", va="bottom" if is_point else "center",
            fontsize=font_size * (1.15 if layer == "districts" else 1.0),
            color=HIGHLIGHT_COLOUR if feature.id == highlight else LABEL_COLOURS.get(layer, "#333333"),
            zorder=30, annotation_clip=True, gid=f"label:{feature.id}",
            bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.55}
            if layer != "districts" else None,
        )
        extent = text.get_window_extent(renderer).expanded(1.05, 1.1)
        inside = frame.contains(extent.x0, extent.y0) and frame.contains(extent.x1, extent.y1)
        if not inside or any(extent.overlaps(other) for other in taken):
            text.remove()
            continue
        taken.append(extent)
        placed.append(text)
    return placed


def _labelled(style: LayerStyle) -> bool:
    return style.label_field is not None


def _size(geom: BaseGeometry) -> float:
    west, south, east, north = geom.bounds
    return (east - west) * (north - south) + (east - west) + (north - south)
