"""How each layer looks: defined once, drawn by both the Leaflet page and the print renderer."""

from __future__ import annotations

from dataclasses import dataclass, replace

from geodata.features import FEATURE_LAYERS

SEA_COLOUR = "#cfe3f0"
LAND_COLOUR = "#f4f1ea"
HIGHLIGHT_COLOUR = "#ff2d55"
SCHEMATIC_DASH = "6 4"  # SVG dash pattern for schematic outlines; matplotlib uses the same lengths
SCHEMATIC_LABEL = "示意"
SCHEMATIC_NOTE = "示意：重点片区、发展轴带与交通线路按规划文本示意绘制，非测绘成果，仅供参考。"


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


@dataclass(frozen=True)
class KindStyle:
    """An override for one feature kind within a layer (e.g. metro lines red, expressways orange)."""

    kind: str
    label: str  # legend entry
    stroke: str
    stroke_width: float | None = None
    fill: str | None = None


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
    KindStyle("axis", "发展轴", "#8e44ad", 4.0),
    KindStyle("belt_line", "发展带", "#a569bd", 4.0),
    KindStyle("metro", "地铁", "#e4002b", 2.5),
    KindStyle("yunba", "云巴", "#00a3e0", 2.5),
    KindStyle("intercity", "城际铁路", "#0066b3", 3.0),
    KindStyle("high_speed_rail", "高速铁路", "#1d1d1b", 3.5),
    KindStyle("railway", "铁路", "#4d4d4d", 3.0),
    KindStyle("expressway", "高快速路", "#e67e22", 3.0),
    KindStyle("road", "主干路", "#f5b041", 2.0),
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


def feature_style(layer: str, kind: str) -> LayerStyle:
    """The style of one feature: its layer's, with its kind's colour and width where one is defined."""
    base = layer_style(layer)
    override = _KIND_BY_NAME.get(kind)
    if override is None or layer in ("districts", "neighbours"):
        return base
    return replace(
        base,
        stroke=override.stroke,
        fill=override.fill or base.fill,
        stroke_width=override.stroke_width or base.stroke_width,
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
