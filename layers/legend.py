"""Legend entries for the visible layers: which symbols a legend lists, not how it is drawn.

One entry per feature kind where layers/style.py defines kind styles (地铁, 城际铁路, 重点片区 …), else one
entry per layer. An entry whose features include schematic geometry is marked 示意 and drawn dashed.
"""

from __future__ import annotations

from dataclasses import dataclass

from layers.map_scene import SceneFeature
from layers.style import KIND_STYLES, SCHEMATIC_LABEL, LayerStyle, kind_label, layer_title

KIND_ORDER = {style.kind: position for position, style in enumerate(KIND_STYLES)}
LAYER_WIDE = ("districts", "neighbours")  # layers drawn in one style whatever their kinds


@dataclass(frozen=True)
class LegendEntry:
    label: str
    symbol: str  # "polygon" | "line" | "point"
    style: LayerStyle
    schematic: bool

    def text(self, mark_schematic: bool = True) -> str:
        return f"{self.label}（{SCHEMATIC_LABEL}）" if self.schematic and mark_schematic else self.label


def symbol_of(geom_type: str) -> str:
    if "Polygon" in geom_type:
        return "polygon"
    if "Line" in geom_type:
        return "line"
    return "point"


def legend_entries(layers: list[tuple[str, tuple[SceneFeature, ...]]]) -> list[LegendEntry]:
    """Entries for the given (layer, features) pairs in drawing order, e.g. MapScene.in_view(): top layer first
    (as in a layer panel); layers with no features are left out."""
    entries: list[LegendEntry] = []
    for name, items in reversed(layers):
        if not items:
            continue
        symbol = symbol_of(items[0].geometry.geom_type)
        kinds = sorted({i.info.feature.kind for i in items}, key=lambda k: (KIND_ORDER.get(k, len(KIND_ORDER)), k))
        if name in LAYER_WIDE or not any(kind in KIND_ORDER for kind in kinds):
            entries.append(LegendEntry(layer_title(name), symbol, items[0].style, any(i.schematic for i in items)))
            continue
        for kind in kinds:
            of_kind = [i for i in items if i.info.feature.kind == kind]
            label = kind_label(kind) if kind in KIND_ORDER else layer_title(name)  # no Chinese name for the kind
            entries.append(LegendEntry(label, symbol, of_kind[0].style, any(i.schematic for i in of_kind)))
    return _merge_same_labels(entries)


def _merge_same_labels(entries: list[LegendEntry]) -> list[LegendEntry]:
    """Two kinds may share a label (belt polygons and belt lines are both 发展带): keep both only if they look
    different."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for entry in entries:
        key = (entry.label, entry.symbol, entry.style.stroke)
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out
