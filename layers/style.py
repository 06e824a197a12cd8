"""How each layer looks: defined once, drawn by both the Leaflet page and the print renderer.

Styles per layer, overridden per feature kind (rail, intercity, expressway … told apart by colour, width,
dash and casing) and, for metro lines, per line (Shenzhen Metro's own line colours); label rules (which
labels show from which zoom, and which wins when two collide) for the map page and the print renderer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from geodata.features import FEATURE_LAYERS

SEA_COLOUR = "#cfe3f0"
LAND_COLOUR = "#f4f1ea"
HIGHLIGHT_COLOUR = "#ff2d55"
SCHEMATIC_DASH = "6 4"  # SVG dash pattern for schematic outlines; matplotlib uses the same lengths
SCHEMATIC_LABEL = "示意"
SCHEMATIC_NOTE = "示意：重点片区、发展轴带与交通线路按规划文本示意绘制，非测绘成果，仅供参考。"
SELECTION_LABEL = "选中要素"  # the legend's entry for the highlight outline

# Shenzhen Metro's line colours, as on the operator's line maps and station signs (Pantone-based; checked
# against the public colour lists). Lines 2 and 8 run through as one line and share one colour. A line
# that has no published colour yet (19, planned) is drawn in NEUTRAL_METRO_COLOUR; its number still shows.
METRO_LINE_COLOURS: dict[str, str] = {
    "1": "#00B140", "2": "#B94700", "3": "#00A9E0", "4": "#DA291C", "5": "#A05EB5", "6": "#00C7B1",
    "7": "#0033A0", "8": "#B94700", "9": "#7B6469", "10": "#F8779E", "11": "#672146", "12": "#A192B2",
    "13": "#DE7C00", "14": "#F2C75C", "16": "#1E22AA", "20": "#88DBDF",
}
NEUTRAL_METRO_COLOUR = "#7a7a7a"
_METRO_NUMBER = (re.compile(r"^metro-(\d+)$"), re.compile(r"(\d+)\s*号线"))


@dataclass(frozen=True)
class LayerStyle:
    """Colours are CSS hex strings; widths in screen pixels (the print renderer scales them to points)."""

    stroke: str
    fill: str | None = None
    fill_opacity: float = 0.0
    stroke_width: float = 1.5
    opacity: float = 1.0  # the whole layer, as set in the layer panel
    radius: float = 5.0  # for point layers
    label_field: str | None = "name"
    dash: str | None = None  # the dash pattern of schematic features; None: SCHEMATIC_DASH
    casing: str | None = None  # lines: a wider stroke drawn beneath in this colour (roads, rail)
    casing_width: float = 0.0  # the casing's whole width in screen pixels


@dataclass(frozen=True)
class KindStyle:
    """An override for one feature kind within a layer (e.g. metro lines red, expressways orange)."""

    kind: str
    label: str  # legend entry
    stroke: str
    stroke_width: float | None = None
    fill: str | None = None
    dash: str | None = None  # schematic dash pattern where it differs from SCHEMATIC_DASH
    casing: str | None = None
    casing_width: float = 0.0


LAYER_STYLES: dict[str, LayerStyle] = {
    "districts": LayerStyle(stroke="#6b6b6b", fill=LAND_COLOUR, fill_opacity=1.0, stroke_width=1.2),
    "neighbours": LayerStyle(stroke="#9a9a9a", fill="#e9e6df", fill_opacity=1.0, stroke_width=0.8),
    "key_areas": LayerStyle(stroke="#c0392b", fill="#e74c3c", fill_opacity=0.25, stroke_width=1.5),
    "structure_lines": LayerStyle(stroke="#8e44ad", stroke_width=4.0),
    "transport_lines": LayerStyle(stroke="#2c3e50", stroke_width=2.5, label_field=None),
    "transport_points": LayerStyle(stroke="#1f3a93", fill="#ffffff", fill_opacity=1.0, radius=4.5),
}
IMPORTED_STYLE = LayerStyle(stroke="#16a085", fill="#1abc9c", fill_opacity=0.3, stroke_width=1.5)

KIND_STYLES: tuple[KindStyle, ...] = (
    KindStyle("cluster", "组团", "#d35400", fill="#e67e22"),
    KindStyle("belt", "发展带", "#8e44ad", fill="#9b59b6"),
    KindStyle("platform", "重大平台", "#c0392b", fill="#e74c3c"),
    KindStyle("centre", "城市中心", "#b7950b", fill="#f1c40f"),
    KindStyle("key_area", "重点片区", "#c0392b", fill="#e74c3c"),
    KindStyle("sea_area", "海域", "#2e86c1", fill="#5dade2"),
    # Axes and belts are broad strokes of long dashes; every line is dashed as schematic in its own colour.
    KindStyle("axis", "发展轴", "#8e44ad", 6.0, dash="18 8"),
    KindStyle("belt_line", "发展带", "#a569bd", 6.0, dash="18 8"),
    # Metro lines take their line's colour (METRO_LINE_COLOURS); this grey is for lines without one.
    KindStyle("metro", "地铁", NEUTRAL_METRO_COLOUR, 3.0),
    KindStyle("yunba", "云巴", "#00a3e0", 2.0, dash="3 3"),
    KindStyle("intercity", "城际铁路", "#0066b3", 3.5, dash="10 4", casing="#ffffff", casing_width=6.5),
    KindStyle("high_speed_rail", "高速铁路", "#1d1d1b", 3.5, dash="14 4", casing="#ffffff", casing_width=6.5),
    KindStyle("railway", "铁路", "#6e6e6e", 2.5, dash="4 3", casing="#ffffff", casing_width=5.0),
    KindStyle("expressway", "高快速路", "#f0932b", 4.0, dash="10 4", casing="#935116", casing_width=6.5),
    KindStyle("road", "主干路", "#f7c873", 3.0, dash="6 4", casing="#b9770e", casing_width=4.5),
    KindStyle("station", "站点", "#1f3a93"),
    KindStyle("hub", "枢纽", "#1f3a93"),
    KindStyle("port", "港口", "#117a65"),
    KindStyle("airport", "机场", "#117a65"),
    KindStyle("border_crossing", "口岸", "#7d3c98"),
)
_KIND_BY_NAME = {style.kind: style for style in KIND_STYLES}
# Kinds drawn in their layer's style, named for panels and legends.
KIND_LABELS = {
    "district": "行政区", "functional_area": "功能区", "city": "城市", "park": "园区", "port_area": "港区",
    "imported": "导入要素",
}


def layer_style(layer: str) -> LayerStyle:
    return LAYER_STYLES.get(layer, IMPORTED_STYLE)


def metro_line_number(feature_id: str | None = None, name: str | None = None) -> str | None:
    """The line number of a metro line ("1" for metro-1 or 地铁1号线), or None."""
    for pattern, text in zip(_METRO_NUMBER, (feature_id, name)):
        found = pattern.search(text or "")
        if found:
            return str(int(found.group(1)))
    return None


def metro_line_colour(feature_id: str | None = None, name: str | None = None) -> str | None:
    """The official colour of a metro line, or None when it has none (or is not a numbered metro line)."""
    number = metro_line_number(feature_id, name)
    return METRO_LINE_COLOURS.get(number) if number else None


def feature_style(layer: str, kind: str, feature_id: str | None = None, name: str | None = None) -> LayerStyle:
    """The style of one feature: its layer's, with its kind's colour, width, dash and casing where one is
    defined, and a metro line's own colour when its id or name gives its number."""
    base = layer_style(layer)
    override = _KIND_BY_NAME.get(kind)
    if override is None or layer in ("districts", "neighbours"):
        return base
    stroke = override.stroke
    if kind == "metro":
        stroke = metro_line_colour(feature_id, name) or stroke
    return replace(
        base,
        stroke=stroke,
        fill=override.fill or base.fill,
        stroke_width=override.stroke_width or base.stroke_width,
        dash=override.dash or base.dash,
        casing=override.casing or base.casing,
        casing_width=override.casing_width or base.casing_width,
    )


def styled(style: LayerStyle, override) -> LayerStyle:
    """`style` with a user's LayerStyleOverride (geodata/user_data.py) applied: its fields that are set win.
    The label field is the user's choice even when None (no labels)."""
    if override is None:
        return style
    changes = {name: getattr(override, name) for name in ("stroke", "fill", "fill_opacity", "stroke_width")
               if getattr(override, name) is not None}
    if changes.get("fill") and "fill_opacity" not in changes and not style.fill_opacity:
        changes["fill_opacity"] = 0.3  # a fill chosen for a layer drawn unfilled would stay invisible
    return replace(style, **changes, label_field=override.label_field)


def kind_label(kind: str) -> str:
    style = _KIND_BY_NAME.get(kind)
    return style.label if style else KIND_LABELS.get(kind, kind)


def layer_title(layer: str) -> str:
    return next((spec.title for spec in FEATURE_LAYERS if spec.name == layer), layer)


@dataclass(frozen=True)
class LabelRule:
    """How a feature's name shows on the map: from which zoom, how large, and which label wins a collision
    (lower priority numbers are placed first; a label overlapping one already placed is hidden)."""

    priority: int
    min_zoom: int  # the web map's zoom level from which the label may show
    size: float  # font size in screen pixels (print: points = px * 0.75)
    colour: str
    bold: bool = False
    placement: str = "centre"  # centre (areas), along (lines, turned to the line), above (points), badge


LABEL_RULES: dict[tuple[str, str | None], LabelRule] = {
    ("districts", None): LabelRule(0, 9, 15.0, "#3b3b3b", bold=True),
    ("neighbours", None): LabelRule(1, 9, 13.0, "#8a8a8a"),
    ("key_areas", None): LabelRule(2, 11, 12.0, "#7b241c"),
    ("key_areas", "sea_area"): LabelRule(2, 11, 12.0, "#1f618d"),
    ("structure_lines", None): LabelRule(3, 10, 12.0, "#5b2c6f", placement="along"),
    ("transport_lines", "metro"): LabelRule(4, 12, 11.0, "#ffffff", bold=True, placement="badge"),
    ("transport_points", "hub"): LabelRule(5, 12, 11.0, "#1f3a93", placement="above"),
    ("transport_points", "airport"): LabelRule(5, 12, 11.0, "#117a65", placement="above"),
    ("transport_points", None): LabelRule(6, 13, 11.0, "#1f3a93", placement="above"),
    ("transport_lines", None): LabelRule(7, 13, 11.0, "#2c3e50", placement="along"),
}
IMPORTED_LABEL_RULE = LabelRule(9, 0, 12.0, "#333333")  # imported layers with a label field, at every zoom


def label_rule(layer: str, kind: str | None = None) -> LabelRule:
    """The label rule of a feature of this layer and kind (an imported layer's for layers without one)."""
    return LABEL_RULES.get((layer, kind)) or LABEL_RULES.get((layer, None)) or IMPORTED_LABEL_RULE
