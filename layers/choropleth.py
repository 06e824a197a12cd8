"""A choropleth of one indicator over the districts: classes, colours and legend, Qt-free.

The window's map draws it with PlanMap.setChoropleth(page_spec(…)); the print renderer draws it as it draws
any layer: each class is a layer of its own in a copy of the scene (districts restyled with the class's fill,
named by the class's legend text), so the export layout's legend lists the classes with no change to the
renderer. A district whose plan leaves the cell blank is 原文未列; one no plan gives a figure for is 无数据.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path

from geodata.feature_queries import features
from geodata.indicators import CITY_SCOPE, LinkedTarget, catalogue, group_key, linked_targets, matching
from layers.indicator_table import amount_text
from layers.map_scene import CITY_LAYER, MapScene, SceneFeature, StoreSource
from layers.print_layout import PageLayout
from layers.target_rows import NOT_STATED, TARGET_KIND_LABELS

# ColorBrewer YlGn without its darkest steps: not the sea's blue nor the key areas' red, and district names
# stay readable on every class.
PALETTE = ("#f7fcb9", "#d9f0a3", "#addd8e", "#78c679", "#31a354")
NOT_STATED_COLOUR = "#bdbdbd"
NO_DATA_COLOUR = "#fafafa"  # near white: apart from the neighbouring cities' grey
NO_DATA = "无数据"
MAX_CLASSES = len(PALETTE)


class ChoroplethError(ValueError):
    """The indicator, kind or year asked for gives no district a value."""


@dataclass(frozen=True)
class ChoroplethChoice:
    """An indicator, kind and year that at least two districts give a value for."""

    indicator: str
    kind: str
    year: int | None
    unit: str
    districts: tuple[str, ...]

    @property
    def label(self) -> str:
        when = f"{self.year}年" if self.year else ""
        return f"{self.indicator} · {when}{TARGET_KIND_LABELS.get(self.kind, self.kind)}（{len(self.districts)}个区）"


@dataclass(frozen=True)
class LegendClass:
    colour: str
    label: str  # "1250亿元（坪山区）", "800–1200亿元", 原文未列, 无数据


@dataclass(frozen=True)
class DistrictValue:
    feature_id: str
    name: str
    value: float | None
    text: str  # the amount in the common unit, 原文未列 or 无数据
    colour: str
    target_id: int | None
    passage_id: int | None


@dataclass(frozen=True)
class Choropleth:
    indicator: str
    kind: str
    year: int | None
    unit: str
    districts: tuple[DistrictValue, ...]
    classes: tuple[LegendClass, ...]  # the value classes, low to high, then 原文未列 and 无数据 where they occur
    layer: str = CITY_LAYER

    @property
    def title(self) -> str:
        when = f"{self.year}年" if self.year else ""
        return f"{self.indicator}：各区{when}{TARGET_KIND_LABELS.get(self.kind, self.kind)}"

    @property
    def fills(self) -> dict[str, str]:
        return {d.feature_id: d.colour for d in self.districts}


def _district_items(items: list[LinkedTarget]) -> list[LinkedTarget]:
    return [item for item in items if item.target.scope != CITY_SCOPE]


def choropleth_choices(items: list[LinkedTarget], district_names: set[str]) -> list[ChoroplethChoice]:
    """Every (indicator, kind, year) at least two districts give a convertible value for, catalogue indicators
    first, the latest year first."""
    seen: dict[tuple, dict[str, LinkedTarget]] = {}
    for item in _district_items(items):
        if item.value is None or item.target.scope not in district_names:
            continue
        key = (group_key(item), item.target.kind, item.target.year)
        seen.setdefault(key, {}).setdefault(item.target.scope, item)
    choices = []
    for (_, kind, year), by_district in seen.items():
        if len(by_district) >= 2:
            first = next(iter(by_district.values()))
            choices.append(ChoroplethChoice(first.indicator.name, kind, year, first.indicator.unit,
                                            tuple(sorted(by_district))))
    kinds = {"target": 0, "result": 1, "baseline": 2}
    order = {indicator.name: position for position, indicator in enumerate(catalogue())}
    return sorted(choices, key=lambda c: (order.get(c.indicator, len(order)), c.indicator, kinds.get(c.kind, 3),
                                          -(c.year or 0)))


def district_features(db: sqlite3.Connection) -> list[tuple[str, str]]:
    """(feature id, name) of every district and new area on the map."""
    return [(info.feature.id, info.feature.name) for info in features(db, CITY_LAYER)]


def choropleth(db: sqlite3.Connection, indicator: str, kind: str = "target", year: int | None = None
               ) -> Choropleth:
    """Districts coloured by `indicator`'s value of `kind` in `year` (None: the latest year any district has)."""
    _, found = matching(linked_targets(db, kind=kind), indicator)
    found = _district_items(found)
    if year is None:
        years = [item.target.year for item in found if item.value is not None and item.target.year]
        year = max(years) if years else None
    found = [item for item in found if item.target.year == year]
    if not any(item.value is not None for item in found):
        raise ChoroplethError(f"no district gives a value for {indicator} ({TARGET_KIND_LABELS.get(kind, kind)}"
                              f"{f', {year}' if year else ''})")
    unit = next(item.indicator.unit for item in found if item.value is not None)
    name = found[0].indicator.name
    by_name: dict[str, LinkedTarget] = {}
    for item in found:  # a figure beats a blank cell; otherwise the first in document order
        if item.target.scope not in by_name or by_name[item.target.scope].value is None:
            by_name[item.target.scope] = item
    places = district_features(db)
    values = sorted({item.value for item in by_name.values() if item.value is not None})
    classes, colour_of = classify(values, unit, {n: i.value for n, i in by_name.items() if i.value is not None})
    districts, blank, missing = [], False, False
    for feature_id, district in places:
        item = by_name.get(district)
        if item is not None and item.value is not None:
            t = item.target
            districts.append(DistrictValue(feature_id, district, item.value,
                                           amount_text(item.value, unit, t.comparator, item.value_max),
                                           colour_of(item.value), t.id, t.passage_id))
        elif item is not None and not item.target.value_text.strip():
            blank = True
            districts.append(DistrictValue(feature_id, district, None, NOT_STATED, NOT_STATED_COLOUR, item.target.id,
                                           item.target.passage_id))
        else:  # no figure, or words instead of one (完成市下达任务): shown as written
            missing = True
            words = item.target.value_text.strip() if item is not None else ""
            districts.append(DistrictValue(feature_id, district, None, words or NO_DATA, NO_DATA_COLOUR,
                                           item.target.id if item else None, item.target.passage_id if item else None))
    classes += [LegendClass(NOT_STATED_COLOUR, NOT_STATED)] if blank else []
    classes += [LegendClass(NO_DATA_COLOUR, NO_DATA)] if missing else []
    return Choropleth(name, kind, year, unit, tuple(districts), tuple(classes))


def classify(values: list[float], unit: str, by_district: dict[str, float]):
    """Legend classes and a value → colour function: one class per value when there are at most five (named
    with their districts), else five classes of equal counts (quantiles)."""
    if len(values) <= MAX_CLASSES:
        colours = _spread(len(values))
        classes = [LegendClass(colour, f"{amount_text(value, unit)}（"
                                       f"{'、'.join(n for n, v in by_district.items() if v == value)}）")
                   for value, colour in zip(values, colours)]
        lookup = dict(zip(values, colours))
        return classes, lambda value: lookup[value]
    ordered = sorted(by_district.values())
    bounds = [ordered[round(i * (len(ordered) - 1) / MAX_CLASSES)] for i in range(MAX_CLASSES + 1)]
    classes = [LegendClass(PALETTE[i], f"{amount_text(bounds[i], '')}–{amount_text(bounds[i + 1], unit)}")
               for i in range(MAX_CLASSES)]

    def colour(value: float) -> str:
        index = next((i for i in range(MAX_CLASSES) if value <= bounds[i + 1]), MAX_CLASSES - 1)
        return PALETTE[index]

    return classes, colour


def _spread(count: int) -> list[str]:
    """`count` colours of the palette, as far apart as they can be (two classes: light and dark)."""
    if count == 1:
        return [PALETTE[2]]
    return [PALETTE[round(i * (len(PALETTE) - 1) / (count - 1))] for i in range(count)]


def page_spec(choropleth: Choropleth | None) -> dict | None:
    """The argument of PlanMap.setChoropleth in resources/web/plan_map.js; None clears the map."""
    if choropleth is None:
        return None
    return {
        "layer": choropleth.layer,
        "title": choropleth.title,
        "unit": choropleth.unit,
        "fills": choropleth.fills,
        "values": {d.feature_id: f"{d.name} {d.text}" for d in choropleth.districts},
        "entries": [{"colour": c.colour, "label": c.label} for c in choropleth.classes],
    }


# -- printing through the export layout -------------------------------------------------------------------
def print_scene(scene: MapScene, choropleth: Choropleth) -> MapScene:
    """A copy of `scene` with one layer per legend class in place of the districts layer's position, holding
    those districts with the class's fill. Layers are named by the class's legend text, and drawn so that the
    legend (top layer first) reads from the highest class down to 原文未列 and 无数据."""
    districts = {item.info.feature.id: item for item in scene.layers.get(choropleth.layer, ())}
    class_layers: dict[str, tuple[SceneFeature, ...]] = {}
    values = [c for c in choropleth.classes if c.label not in (NOT_STATED, NO_DATA)]
    for legend_class in [*reversed(choropleth.classes[len(values):]), *values]:
        members = [d for d in choropleth.districts if d.colour == legend_class.colour and d.feature_id in districts]
        if members:
            class_layers[legend_class.label] = tuple(
                replace(districts[d.feature_id], style=replace(districts[d.feature_id].style, fill=d.colour,
                                                                fill_opacity=1.0))
                for d in members)
    layers: dict[str, tuple[SceneFeature, ...]] = {}
    for name, items in scene.layers.items():
        layers[name] = items
        if name == choropleth.layer:
            layers.update(class_layers)
    return replace(scene, layers=layers)


def print_layout(layout: PageLayout, choropleth: Choropleth, scene: MapScene) -> PageLayout:
    """`layout` with the class layers of print_scene(…) in place of the districts (they are the districts,
    labelled as such), titled by the indicator unless it has a title of its own."""
    classes = [name for name in scene.layers if name in {c.label for c in choropleth.classes}]
    if choropleth.layer in layout.layers:
        layers = [name for layer in layout.layers for name in (classes if layer == choropleth.layer else [layer])]
    else:
        layers = [*classes, *layout.layers]
    subtitle = layout.subtitle or (f"单位：{choropleth.unit}。{NOT_STATED}：规划列出该指标但未填数值；"
                                   f"{NO_DATA}：规划中没有该区的数值")
    title = choropleth.title if layout.title == PageLayout.title else layout.title  # the default title: replaced
    return replace(layout, layers=tuple(layers), title=title, subtitle=subtitle)


def export_choropleth(store: StoreSource, choropleth: Choropleth, out: str | Path, *,
                      layout: PageLayout | None = None, overwrite: bool = False) -> Path:
    """Print the choropleth through the export layout (PNG, PDF or SVG by the file's ending), whole city,
    landscape unless `layout` says otherwise."""
    from layers.map_scene import scene_from
    from layers.print_render import render_page

    scene = print_scene(scene_from(store), choropleth)
    base = layout or PageLayout(landscape=True, dpi=200,
                                layers=tuple(n for n in ("neighbours", CITY_LAYER) if n in scene.layers))
    render_page(print_layout(base, choropleth, scene), scene, out, overwrite=overwrite)
    return Path(out)
