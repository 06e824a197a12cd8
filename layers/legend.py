"""Legend entries for the visible layers: which symbols a legend lists, not how it is drawn.

One model for every legend: the print renderer's (legend_entries of a scene's features in view) and the
window's legend panel (window_legend of the store's visible layers). One entry per feature kind where
layers/style.py defines kind styles (地铁, 城际铁路, 重点片区 …), else one entry per layer. Entries that look
alike are one entry, their labels joined (重点片区、重大平台); a kind without a style of its own that looks
like one listed already is left out. Metro lines in their line colours are one entry with those colours. An
entry whose features include schematic geometry is marked 示意 and drawn dashed (a layer drawn in one style
whose features are partly schematic, such as the districts with 深汕, gets one entry of each); the selection
outline is an entry of its own.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from geodata.feature_queries import features, layer_summaries
from geodata.user_data import BUILTIN_LAYERS, hidden_features, layer_style_overrides
from layers.map_scene import SceneFeature
from layers.style import (
    HIGHLIGHT_COLOUR,
    KIND_LABELS,
    KIND_STYLES,
    SCHEMATIC_LABEL,
    SCHEMATIC_NOTE,
    SELECTION_LABEL,
    LayerStyle,
    feature_style,
    kind_label,
    layer_style,
    layer_title,
    styled,
)

KIND_ORDER = {style.kind: position for position, style in enumerate(KIND_STYLES)}
LAYER_WIDE = ("districts", "neighbours")  # layers drawn in one style whatever their kinds
SELECTION_STYLE = LayerStyle(stroke=HIGHLIGHT_COLOUR, fill=HIGHLIGHT_COLOUR, fill_opacity=0.35, stroke_width=3.0)
LABEL_JOIN = "、"


@dataclass(frozen=True)
class LegendEntry:
    label: str
    symbol: str  # "polygon" | "line" | "point"
    style: LayerStyle
    schematic: bool
    colours: tuple[str, ...] = ()  # several stroke colours shown side by side (metro lines by line)
    selection: bool = False  # the highlight outline of the selected feature

    def text(self, mark_schematic: bool = True) -> str:
        return f"{self.label}（{SCHEMATIC_LABEL}）" if self.schematic and mark_schematic else self.label


@dataclass(frozen=True)
class LegendItem:
    """What the legend needs of one feature: its layer, kind, symbol, drawn style and accuracy."""

    layer: str
    kind: str
    symbol: str
    style: LayerStyle
    schematic: bool


@dataclass(frozen=True)
class Legend:
    """A whole legend: its entries (the selection last when there is one) and the 示意 note when an entry
    is schematic."""

    entries: tuple[LegendEntry, ...]
    note: str | None


def symbol_of(geom_type: str) -> str:
    """The legend symbol of a geometry type, as shapely (MultiPolygon) or GeoPackage (MULTIPOLYGON) names it."""
    name = geom_type.lower()
    if "polygon" in name:
        return "polygon"
    if "line" in name:
        return "line"
    return "point"


def selection_entry() -> LegendEntry:
    """The selected feature's highlight, for a legend drawn with a selection on the map."""
    return LegendEntry(SELECTION_LABEL, "polygon", SELECTION_STYLE, False, selection=True)


def legend_entries(layers: list[tuple[str, tuple[SceneFeature, ...]]], *, selected: bool = False
                   ) -> list[LegendEntry]:
    """Entries for the given (layer, features) pairs in drawing order, e.g. MapScene.in_view(): top layer first
    (as in a layer panel); layers with no features are left out; the selection outline last when `selected`."""
    items = [(name, [LegendItem(name, i.info.feature.kind, symbol_of(i.geometry.geom_type), i.style, i.schematic)
                     for i in features_]) for name, features_ in layers]
    return entries_of(items, selected=selected)


def entries_of(layers: list[tuple[str, list[LegendItem]]], *, selected: bool = False) -> list[LegendEntry]:
    """Entries for (layer, items) pairs in drawing order (bottom layer first); see legend_entries."""
    entries: list[tuple[LegendEntry, bool]] = []  # (entry, it is a kind with a style of its own)
    for name, items in reversed(layers):
        if not items:
            continue
        kinds = sorted({i.kind for i in items}, key=lambda k: (KIND_ORDER.get(k, len(KIND_ORDER)), k))
        if name in LAYER_WIDE or not any(kind in KIND_ORDER for kind in kinds):
            for schematic in sorted({i.schematic for i in items}):  # 深汕 dashed beside the surveyed districts
                entries.append((_entry(layer_title(name), [i for i in items if i.schematic == schematic]), True))
            continue
        for kind in kinds:
            of_kind = [i for i in items if i.kind == kind]
            styled_kind = kind in KIND_ORDER
            label = kind_label(kind) if styled_kind else KIND_LABELS.get(kind, layer_title(name))
            entries.append((_entry(label, of_kind), styled_kind))
    merged = _merge_alike(entries)
    return merged + [selection_entry()] if selected else merged


def _entry(label: str, items: list[LegendItem]) -> LegendEntry:
    strokes = tuple(dict.fromkeys(i.style.stroke for i in items))
    colours = strokes if len(strokes) > 1 and items[0].symbol == "line" else ()
    return LegendEntry(label, items[0].symbol, items[0].style, any(i.schematic for i in items), colours)


def _look(entry: LegendEntry) -> tuple:
    s = entry.style
    return (entry.symbol, s.stroke, s.fill if entry.symbol != "line" else None, s.stroke_width, s.dash, s.casing,
            entry.colours, entry.schematic)


def _merge_alike(entries: list[tuple[LegendEntry, bool]]) -> list[LegendEntry]:
    """One entry per look: labels of alike kinds joined; a kind without a style of its own that looks like an
    entry listed already adds nothing (its layer's style is that entry's). Two kinds may also share a label
    (belt polygons and belt lines are both 发展带): both stay only if they look different."""
    out: list[LegendEntry] = []
    by_look: dict[tuple, int] = {}
    for entry, own_style in entries:
        key = _look(entry)
        if key not in by_look:
            by_look[key] = len(out)
            out.append(entry)
            continue
        index = by_look[key]
        first = out[index]
        labels = first.label.split(LABEL_JOIN)
        if own_style and entry.label not in labels:
            labels.append(entry.label)
        out[index] = LegendEntry(LABEL_JOIN.join(labels), first.symbol, first.style,
                                 first.schematic or entry.schematic, first.colours)
    return out


LegendItems = list[tuple[str, list[LegendItem]]]


def legend_items(db: sqlite3.Connection) -> LegendItems:
    """What every layer of the store contributes to a legend, in drawing order, as the map page draws it: a
    user's layer style applied, features replaced by imported ones left out. Read once per store (or page):
    a user's layer, however large, is one item in its layer's style, read from its summary alone."""
    overrides = layer_style_overrides(db)
    hidden = hidden_features(db)
    layers: LegendItems = []
    for summary in layer_summaries(db):
        symbol = symbol_of(summary.geometry_type)
        override = overrides.get(summary.name)
        if summary.name not in BUILTIN_LAYERS:
            if summary.features:
                style = styled(layer_style(summary.name), override)
                layers.append((summary.name, [LegendItem(summary.name, "", symbol, style,
                                                         summary.accuracy.get("schematic", 0) > 0)]))
            continue
        layers.append((summary.name, [
            LegendItem(summary.name, info.feature.kind, symbol,
                       styled(feature_style(summary.name, info.feature.kind, info.feature.id, info.feature.name),
                              override),
                       info.feature.accuracy == "schematic")
            for info in features(db, summary.name) if info.feature.id not in hidden
        ]))
    return layers


def legend_of(items: LegendItems, visible: Iterable[str], *, selected: bool = False) -> Legend:
    """The legend of the visible layers (any order: the items' drawing order is used) from legend_items."""
    shown = set(visible)
    entries = tuple(entries_of([(name, layer) for name, layer in items if name in shown], selected=selected))
    note = SCHEMATIC_NOTE if any(entry.schematic for entry in entries) else None
    return Legend(entries, note)


def window_legend(db: sqlite3.Connection, visible: Iterable[str], *, selected: bool = False) -> Legend:
    """The legend of the window's visible layers, read from the store (legend_items, then legend_of)."""
    return legend_of(legend_items(db), visible, selected=selected)
