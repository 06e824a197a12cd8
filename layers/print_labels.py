"""Names on a printed map: one label per feature at its label point, placed in order of importance so that no
label overlaps another; a label that does not fit where it belongs tries a few spots nearby, then is left out.

The order, sizes, colours and placements are the map page's label rules (layers/style.py LABEL_RULES): the
selected feature first, then districts, key areas (largest first), lines (longest first; a metro line as its
number in a badge of its colour), stations, imported layers. Each label has a white halo so it reads over
lines and fills; the font is the export's CJK font (layers/cjk_text.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from shapely.geometry.base import BaseGeometry

from geodata.spatial.labels import label_point, largest_part
from layers.cjk_text import has_bold
from layers.map_drawing import PX_TO_PT
from layers.map_scene import MapScene, SceneFeature
from layers.print_layout import MM_PER_INCH
from layers.style import HIGHLIGHT_COLOUR, LABEL_RULES, NEUTRAL_METRO_COLOUR, LabelRule, label_rule, metro_line_number

BUILTIN_LAYERS = {layer for layer, _kind in LABEL_RULES}
CONTEXT_LAYERS = ("districts", "neighbours")  # areas that surround what a map is about
LABEL_PT_PER_PX = 0.55  # a rule's screen size in pixels to print points at the page's text scale
FAINT_LABEL_COLOUR = "#9a9a9a"
HALO_PT = 2.0
FAUX_BOLD_PT = 0.35  # the outline that thickens a bold label when the font has no bold face
BADGE_PAD = 0.3  # the badge's margin around a metro line's number, in ems
LINE_STOPS = (0.5, 0.35, 0.65, 0.2, 0.8)  # where along a line its label may go, best first
IMPORTED_MIN_MM = 5.0  # an imported feature narrower than this on paper gets no label
IMPORTED_MAX_LABELS = 400  # at most this many imported features are tried, the largest first
MAX_SYMBOLS = 2000  # point symbols labels keep clear of, when a map has no more than this


@dataclass(frozen=True)
class PlacedLabel:
    """A label drawn on the page, with its box (halo included) in millimetres from the page's lower left."""

    feature_id: str
    text: str
    box_mm: tuple[float, float, float, float]  # x0, y0, x1, y1

    def overlaps(self, other: PlacedLabel) -> bool:
        return _overlap(self.box_mm, other.box_mm)


@dataclass(frozen=True)
class _Candidate:
    item: SceneFeature
    order: tuple
    kind: str  # "area" | "line" | "point"
    rule: LabelRule
    text: str
    anchors: tuple[tuple[float, float, float], ...]  # data coordinates and angle (degrees), best first


Shown = list[tuple[str, tuple[SceneFeature, ...]]]  # each layer with its features on the map


def place_labels(ax: Axes, scene: MapScene, shown: Shown, scale: float = 1.0, *,
                 highlight: str | None = None, avoid: list[Bbox] | tuple = (), faint: frozenset[str] = frozenset(),
                 raster: bool = False) -> list[PlacedLabel]:
    """Label the features of `shown` (built-in layers by their label rule, imported ones that have a label
    field), none overlapping another, a point symbol or an `avoid` box (display coordinates: scale bar, north
    arrow, insets), all inside the map frame. `scale` is the page's text scale; `raster` is for a page drawn
    only as pixels (PNG), whose labels need not stay text (see _halo)."""
    figure = ax.figure
    renderer = figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    frame_box = (frame.x0, frame.y0, frame.x1, frame.y1)
    west, east = ax.get_xlim()
    south, north = ax.get_ylim()
    view = shapely.box(west, south, east, north)
    to_px = ax.transData
    px_per_deg = frame.width / (east - west)
    halo_px = HALO_PT * scale * figure.dpi / 72
    taken = [(b.x0, b.y0, b.x1, b.y1) for b in avoid]
    symbols = _symbol_boxes(shown, to_px, figure.dpi, scale)
    placed: list[PlacedLabel] = []
    mm = MM_PER_INCH / figure.dpi
    for candidate in _candidates(scene, shown, view, to_px, px_per_deg, figure.dpi / MM_PER_INCH, highlight):
        text = _text(ax, candidate, scale, highlight, faint)
        box = _place(text, candidate, renderer, to_px, frame_box, taken, symbols, halo_px, figure.dpi, scale)
        if box is None:
            text.remove()
            continue
        _halo(ax, text, candidate, scale, raster)
        taken.append(box)
        feature = candidate.item.info.feature
        placed.append(PlacedLabel(feature.id, candidate.text, tuple(v * mm for v in box)))
    return placed


def _text(ax: Axes, candidate: _Candidate, scale: float, highlight: str | None, faint: frozenset[str]) -> Text:
    """The label as plain text (so it stays text in a PDF or SVG); a metro line's number in its badge."""
    feature = candidate.item.info.feature
    rule = candidate.rule
    size = rule.size * LABEL_PT_PER_PX * scale * (1.1 if feature.id == highlight else 1.0)
    x, y, angle = candidate.anchors[0]
    options: dict = {"fontweight": "bold" if rule.bold and has_bold() else "normal"}
    if rule.placement == "badge":
        options["bbox"] = {"boxstyle": f"round,pad={BADGE_PAD}", "fc": _badge_colour(candidate.item),
                           "ec": "white", "lw": 0.5 * scale}
    return ax.text(x, y, candidate.text, ha="center", va="center", rotation=angle, rotation_mode="anchor",
                   fontsize=size, color=_colour(candidate, highlight, faint), zorder=31, gid=f"label:{feature.id}",
                   **options)


def _halo(ax: Axes, text: Text, candidate: _Candidate, scale: float, raster: bool) -> None:
    """A white outline beneath a placed label. A bold label in a font without a bold face also gets an outline
    in its own colour.

    In a PDF or SVG the halo is a copy of the label beneath it: path effects on the label itself would turn
    it into outlines, no longer text a reader can search or copy. A PNG has no text to keep, so there the
    label's own path effects draw it: its glyph outlines, laid out once, filled in its colour and stroked
    white, then filled again over the stroke's inner half (or stroked thin in its colour, for faux bold).
    That looks the same for less: one text layout per label instead of two, and no glyph bitmaps."""
    if candidate.rule.placement == "badge":
        return
    effects: list[patheffects.AbstractPathEffect] = [patheffects.Stroke(linewidth=HALO_PT * scale,
                                                                         foreground="white")]
    bold = candidate.rule.bold and not has_bold()
    if bold:
        effects.append(patheffects.Stroke(linewidth=FAUX_BOLD_PT * scale, foreground=text.get_color()))
    if raster:
        text.set_path_effects(effects if bold else [*effects, patheffects.Normal()])
        return
    ax.text(*text.get_position(), text.get_text(), ha="center", va="center", rotation=text.get_rotation(),
            rotation_mode="anchor", fontsize=text.get_fontsize(), fontweight=text.get_fontweight(), color="white",
            zorder=30, gid="label-halo", path_effects=effects)


def _place(text, candidate: _Candidate, renderer, to_px, frame_box: tuple, taken: list, symbols: list,
           halo_px: float, dpi: float, scale: float) -> tuple | None:
    """Move `text` to the first of its candidate spots that is free; its box there, or None if none is.

    The text is measured once, level: matplotlib turns a text about its anchor as a rigid box
    (rotation_mode="anchor"), so its box at each spot's angle is that measure turned, which spares a text
    layout per spot (most of the placing's time, with a line's five spots)."""
    pad_px = BADGE_PAD * text.get_fontsize() * dpi / 72 * 2 if candidate.rule.placement == "badge" else halo_px
    own = candidate.item.info.feature.id
    anchors = np.array(candidate.anchors)
    text.set_rotation(0)
    text.set_position(anchors[0, :2])
    level = text.get_window_extent(renderer)
    spots_px = to_px.transform(anchors[:, :2])
    along = (level.x0 + level.x1) / 2 - spots_px[0, 0]  # the box's centre from the anchor, level
    across = (level.y0 + level.y1) / 2 - spots_px[0, 1]
    for (ax_px, ay_px), angle in zip(spots_px.tolist(), anchors[:, 2].tolist()):
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        centre_dx, centre_dy = along * cos - across * sin, along * sin + across * cos
        w = abs(level.width * cos) + abs(level.height * sin) + pad_px
        h = abs(level.width * sin) + abs(level.height * cos) + pad_px
        for dx, dy in _offsets(candidate, w, h, dpi, scale):
            cx, cy = ax_px + dx, ay_px + dy
            trial = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            if _fits(trial, frame_box, taken, symbols, own):
                text.set_rotation(angle)
                text.set_position(to_px.inverted().transform((cx - centre_dx, cy - centre_dy)))
                return trial
    return None


def _candidates(scene: MapScene, shown: Shown, view: BaseGeometry, to_px, px_per_deg: float,
                px_per_mm: float, highlight: str | None) -> list[_Candidate]:
    out = []
    selected = scene.find(highlight) if highlight else None
    for item in _labelled(shown, px_per_deg, px_per_mm):
        feature = item.info.feature
        rule = label_rule(feature.layer, feature.kind)
        geom = item.geometry
        kind = "area" if "Polygon" in geom.geom_type else "line" if "Line" in geom.geom_type else "point"
        whole = view.contains(geom)
        visible = geom if whole else geom.intersection(view)
        if visible.is_empty:
            continue
        text = feature.name
        if rule.placement == "badge":
            text = metro_line_number(feature.id, feature.name) or feature.name
        if kind == "line":
            body = largest_part(visible)
            if body.geom_type != "LineString" or body.length == 0:
                continue
            anchors = tuple(_along(body, f, rule.placement == "along", to_px) for f in LINE_STOPS)
            size = body.length
        elif kind == "area":
            if not whole and selected is not None and item is not selected and feature.layer in CONTEXT_LAYERS:
                beside = visible.difference(selected.geometry)  # a sheet's district named beside its feature
                visible = beside if not beside.is_empty else visible
            point = scene.label_point(item) if whole else label_point(visible)
            if point is None:
                continue
            anchors, size = ((*point, 0.0),), visible.area
        else:
            anchors = tuple((*c, 0.0) for c in shapely.get_coordinates(visible)[:1])
            size = 0.0
        out.append(_Candidate(item, (feature.id != highlight, rule.priority, -size, text), kind, rule, text,
                              anchors))
    return sorted(out, key=lambda c: c.order)


def _along(line: BaseGeometry, fraction: float, turned: bool, to_px) -> tuple[float, float, float]:
    """The point at `fraction` of the line, with the line's angle there on the page when `turned` (kept
    between -90° and 90° so the text never reads upside down)."""
    at = fraction * line.length
    point = line.interpolate(at)
    if not turned:
        return point.x, point.y, 0.0
    reach = max(line.length * 0.03, 1e-6)
    a = to_px.transform(line.interpolate(max(0.0, at - reach)).coords[0])
    b = to_px.transform(line.interpolate(min(line.length, at + reach)).coords[0])
    angle = float(np.degrees(np.arctan2(b[1] - a[1], b[0] - a[0])))
    if angle > 90:
        angle -= 180
    elif angle <= -90:
        angle += 180
    return point.x, point.y, angle


def _labelled(shown: Shown, px_per_deg: float, px_per_mm: float) -> list[SceneFeature]:
    """The built-in layers' features (as on the map page, whatever their style's label field) and those of
    imported layers whose style has a label field that are wide enough on paper for a name, the largest first
    and no more than IMPORTED_MAX_LABELS a layer, so a layer of 100,000 parcels costs little."""
    out: list[SceneFeature] = []
    for layer, items in shown:
        if layer in BUILTIN_LAYERS:
            out += [item for item in items if item.info.feature.name]
            continue
        if not items or not items[0].style.label_field:
            continue
        bounds = shapely.bounds(np.array([item.geometry for item in items], dtype=object))
        widths = np.maximum(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1]) * px_per_deg
        wide = np.argsort(-widths)[:IMPORTED_MAX_LABELS]
        out += [items[i] for i in wide if widths[i] >= IMPORTED_MIN_MM * px_per_mm and items[i].info.feature.name]
    return out


def _offsets(candidate: _Candidate, w: float, h: float, dpi: float, scale: float) -> list[tuple[float, float]]:
    """Where the label's centre may go relative to its anchor in display pixels, best first."""
    if candidate.kind == "point":
        r = candidate.item.style.radius * PX_TO_PT * scale * dpi / 72 + 1
        side, up = r + w / 2, r + h / 2
        spots = [(0, up), (side, 0), (-side, 0), (0, -up), (side, up), (-side, up), (side, -up), (-side, -up)]
        return spots if candidate.rule.placement == "above" else spots[1:3] + spots[:1] + spots[3:]
    if candidate.kind == "line":
        return [(0, 0)]
    return [(0, 0), (0, h), (0, -h), (w * 0.6, 0), (-w * 0.6, 0), (0, 2 * h), (0, -2 * h)]


def _fits(box: tuple, frame: tuple, taken: list[tuple], symbols: list[tuple[str, tuple]], own: str) -> bool:
    if box[0] < frame[0] or box[1] < frame[1] or box[2] > frame[2] or box[3] > frame[3]:
        return False
    if any(_overlap(box, other) for other in taken):
        return False
    return not any(fid != own and _overlap(box, other) for fid, other in symbols)


def _overlap(a: tuple, b: tuple) -> bool:
    """Boxes that share more than an edge."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _symbol_boxes(shown: Shown, to_px, dpi: float, scale: float) -> list[tuple[str, tuple]]:
    """The display boxes of the point symbols on the map, which labels of other features keep clear of."""
    points = [item for _, items in shown for item in items if item.geometry.geom_type in ("Point", "MultiPoint")]
    if len(points) > MAX_SYMBOLS:
        return []
    out = []
    for item in points:
        r = item.style.radius * PX_TO_PT * scale * dpi / 72
        for x, y in to_px.transform(shapely.get_coordinates(item.geometry)):
            out.append((item.info.feature.id, (x - r, y - r, x + r, y + r)))
    return out


def _colour(candidate: _Candidate, highlight: str | None, faint: frozenset[str]) -> str:
    feature = candidate.item.info.feature
    if feature.id == highlight and candidate.rule.placement != "badge":
        return HIGHLIGHT_COLOUR
    if feature.id in faint:
        return FAINT_LABEL_COLOUR
    return candidate.rule.colour


def _badge_colour(item: SceneFeature) -> str:
    number = metro_line_number(item.info.feature.id, item.info.feature.name)
    return item.style.stroke if number else NEUTRAL_METRO_COLOUR
