"""Indicators: the same measure under the different names and units the plans use, linked when it is read.

本市生产总值 (13th plan), 地区生产总值 (坪山) and 本地生产总值 (南山) are one indicator; 南山's "1万亿元" is
10000 亿元. A name is first normalised by the rules below (scope prefixes, GDP = 地区生产总值, 比例/占比 = 比重,
研发支出/研发经费投入 = 研发投入 …); the curated catalogue (resources/indicators/catalogue.json) names the
canonical indicators and lists only the variants no rule merges (经济总量 = 地区生产总值). Linking happens at
read time from a target's name, so a plan added later is linked without a rebuild; a target whose name is in
no catalogue entry is "unlinked" and listed for review.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

from geodata.feature_queries import TargetView, one_of, targets
from geodata.resources import RESOURCES_DIR

CATALOGUE_PATH = RESOURCES_DIR / "indicators" / "catalogue.json"
CITY_SCOPE = "深圳市"

# -- units ---------------------------------------------------------------------------------------------
# A unit is a multiplier word and a base: 万亿元 = 10¹² 元, 万人 = 10⁴ 人, a bare 万 is 10⁴ of whatever is counted.
MULTIPLIERS = (("万亿", 1e12), ("千亿", 1e11), ("百亿", 1e10), ("亿", 1e8), ("千万", 1e7), ("百万", 1e6),
               ("万", 1e4), ("千", 1e3), ("百", 1e2))
# Bases that are another base times a factor (‰ is a tenth of a per cent, 成 ten per cent, 公顷 10⁴ m²).
BASE_UNITS = {
    "%": ("%", 1.0), "‰": ("%", 0.1), "成": ("%", 10.0), "个百分点": ("%", 1.0),
    "名": ("人", 1.0), "位": ("人", 1.0), "人": ("人", 1.0),
    "平方米": ("平方米", 1.0), "平方公里": ("平方米", 1e6), "平方千米": ("平方米", 1e6), "公顷": ("平方米", 1e4),
    "米": ("米", 1.0), "公里": ("米", 1e3), "千米": ("米", 1e3),
    "天": ("日", 1.0), "日": ("日", 1.0),
}


@dataclass(frozen=True)
class Unit:
    """`factor` × one `base`; base "" is a bare multiplier (万, 亿) that counts whatever the indicator counts."""

    factor: float
    base: str


@cache
def parse_unit(text: str | None) -> Unit | None:
    """万亿元 → 10¹² 元, 万吨/日 → 10⁴ 吨/日, 批次/千人 → 10⁻³ 批次/人; None for no unit at all."""
    text = (text or "").strip()
    if not text:
        return None
    if "/" in text:
        top, _, bottom = text.partition("/")
        over, under = parse_unit(top), parse_unit(bottom)
        if over is None or under is None:
            return Unit(1.0, text)
        return Unit(over.factor / under.factor, f"{over.base}/{under.base}")
    if text in BASE_UNITS:
        base, factor = BASE_UNITS[text]
        return Unit(factor, base)
    for word, multiplier in MULTIPLIERS:
        if text.startswith(word):
            rest = parse_unit(text[len(word):])
            return Unit(multiplier, "") if rest is None else Unit(multiplier * rest.factor, rest.base)
    return Unit(1.0, text)


def convert(value: float | None, unit: str | None, to_unit: str) -> float | None:
    """`value` in `unit` expressed in `to_unit`; None when they measure different things (万美元 and 万元,
    倍 and 亿元) or the value has no unit to convert from."""
    if value is None:
        return None
    source, target = parse_unit(unit), parse_unit(to_unit)
    if source is None or target is None:
        return value if source is None and target is None else None
    if source.base and target.base and source.base != target.base:
        return None
    return value * source.factor / target.factor


# -- names ----------------------------------------------------------------------------------------------
# Applied in order to a name with its parenthesised asides removed; each says one thing the plans write two ways.
NAME_RULES: tuple[tuple[str, str], ...] = (
    (r"R&D|研究与试验发展经费|研发经费投入|研发经费支出|研发经费|研发支出", "研发投入"),
    (r"国内生产总值|地区生产总值|GDP", "生产总值"),
    (r"PM2\.?5", "细颗粒物"),
    (r"所占比重|比例|占比", "比重"),
    (r"增加值占生产总值比重", "增加值比重"),  # an industry's share of value added is always of GDP
    (r"单位生产总值", "万元生产总值"),
    (r"能源消耗", "能耗"),
    (r"排放量", "排放"),
    (r"降低", "下降"),
    (r"增长率|增速", "增长"),
    (r"累计|年均|平均", ""),  # the period is the target's own field (累计, 年均), not part of the indicator
    (r"人均预期寿命", "预期寿命"),
    (r"每千(?:常住)?人口?|^千人(?!计划)", "每千人"),
    (r"每万人口|^万人(?!次)", "每万人"),
    (r"(每[千万]人)拥有", r"\1"),
    (r"医院病床数|医院床位数|病床数", "床位数"),
    (r"执业医师数?|医生数?", "医师数"),
    (r"国家级", "国家"),
    (r"(?<=.)(?:总数|数量|总量)$", ""),
)
# Who the figure is for, written before the indicator: the scope is the target's own field.
SCOPE_PREFIXES = re.compile(r"^(?:深圳市|深圳|本市|全市|本地|本区|全区|辖区|全社会|居民)")
_ASIDES = re.compile(r"[（(][^）)]*[）)]")
_NOISE = re.compile(r"[\s$\\{}_“”\"'‘’「」《》]")


@cache
def normalized(name: str) -> str:
    """The key two names of one indicator share: 本市生产总值 and 地区生产总值 → 生产总值, 全社会研发支出占GDP比重
    and 研发经费投入占GDP比例 → 研发投入占生产总值比重, 细颗粒物（PM _{2.5}）年均浓度 → 细颗粒物浓度."""
    text = _NOISE.sub("", unicodedata.normalize("NFKC", name))
    text = _ASIDES.sub("", text)
    for pattern, replacement in NAME_RULES:
        text = re.sub(pattern, replacement, text)
    while True:
        shorter = SCOPE_PREFIXES.sub("", text)
        if shorter == text or not shorter:
            return text.upper()
        text = shorter


# -- the catalogue --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Indicator:
    name: str  # canonical
    category: str
    unit: str  # the common unit values are compared in
    measure: str  # "total" (a sum over the area) or "rate" (share, per head, concentration)
    variants: tuple[str, ...] = ()  # names no rule merges with `name`
    linked: bool = True  # False: no catalogue entry, a group of names the rules merge


class CatalogueError(ValueError):
    """The catalogue file is malformed or two of its entries claim the same name."""


@cache
def catalogue() -> tuple[Indicator, ...]:
    data = json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))
    categories = set(data["categories"])
    entries = []
    for entry in data["indicators"]:
        if entry["category"] not in categories or entry["measure"] not in ("total", "rate"):
            raise CatalogueError(f"{entry['name']}: unknown category or measure in {CATALOGUE_PATH.name}")
        entries.append(Indicator(entry["name"], entry["category"], entry["unit"], entry["measure"],
                                 tuple(entry.get("variants", ()))))
    return tuple(entries)


@cache
def _by_key() -> dict[str, Indicator]:
    keys: dict[str, Indicator] = {}
    for indicator in catalogue():
        for name in (indicator.name, *indicator.variants):
            key = normalized(name)
            if keys.get(key, indicator) is not indicator:
                raise CatalogueError(f"{name} ({key}) is claimed by both {keys[key].name} and {indicator.name}")
            keys[key] = indicator
    return keys


def indicator_for(name: str) -> Indicator | None:
    """The catalogue's indicator a name (as a plan writes it, or canonical) stands for, if any."""
    return _by_key().get(normalized(name))


def categories() -> tuple[str, ...]:
    return tuple(json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))["categories"])


# -- targets with their indicator ----------------------------------------------------------------------
@dataclass(frozen=True)
class LinkedTarget:
    """A target with the indicator it measures and its value in that indicator's unit."""

    target: TargetView
    indicator: Indicator  # for an unlinked target, an ad-hoc one named by the target (linked=False)
    value: float | None  # in indicator.unit; None when blank or not convertible (倍, 万美元 for 亿元)
    value_max: float | None

    @property
    def linked(self) -> bool:
        return self.indicator.linked


def _ad_hoc(t: TargetView) -> Indicator:
    unit = parse_unit(t.unit)
    measure = "rate" if unit is not None and (unit.base == "%" or "/" in unit.base) else "total"
    return Indicator(t.indicator, t.category or "", t.unit or "", measure, linked=False)


def link_target(t: TargetView) -> LinkedTarget:
    indicator = indicator_for(t.indicator)
    if indicator is None:
        indicator = _ad_hoc(t)
        return LinkedTarget(t, indicator, t.value, t.value_max)
    return LinkedTarget(t, indicator, convert(t.value, t.unit, indicator.unit),
                        convert(t.value_max, t.unit, indicator.unit))


def linked_targets(db: sqlite3.Connection, document_id: str | None = None, scope: str | None = None, *,
                   kind: str | None = None, year: int | None = None) -> list[LinkedTarget]:
    """Targets (filtered as feature_queries.targets) with their indicators, in document order."""
    return [link_target(t) for t in targets(db, document_id, scope, kind=kind, year=year)]


def group_key(item: LinkedTarget) -> str:
    """What targets are grouped by: the catalogue's name, or the normalised name of an unlinked one."""
    return item.indicator.name if item.linked else normalized(item.target.indicator)


@dataclass(frozen=True)
class IndicatorCount:
    indicator: Indicator
    targets: int
    documents: int
    scopes: tuple[str, ...]
    years: tuple[int, ...]
    names: tuple[str, ...]  # the names the plans use for it, most frequent first


def indicator_counts(db: sqlite3.Connection) -> list[IndicatorCount]:
    """Every catalogue indicator with how many targets of which plans, places and years it links."""
    by_name: dict[str, list[LinkedTarget]] = {}
    for item in linked_targets(db):
        if item.linked:
            by_name.setdefault(item.indicator.name, []).append(item)
    counts = []
    for indicator in catalogue():
        items = by_name.get(indicator.name, [])
        names = Counter(item.target.indicator for item in items)
        counts.append(IndicatorCount(
            indicator, len(items), len({item.target.document_id for item in items}),
            tuple(dict.fromkeys(item.target.scope for item in items)),
            tuple(sorted({item.target.year for item in items if item.target.year})),
            tuple(name for name, _ in names.most_common())))
    return counts


@dataclass(frozen=True)
class UnlinkedName:
    """Targets whose indicator is in no catalogue entry, by the name they are written with."""

    indicator: str
    key: str  # normalized(indicator): names with one key already group together
    targets: int
    document_ids: tuple[str, ...]
    target_ids: tuple[int, ...]


def unlinked_names(db: sqlite3.Connection) -> list[UnlinkedName]:
    groups: dict[str, list[TargetView]] = {}
    for item in linked_targets(db):
        if not item.linked:
            groups.setdefault(item.target.indicator, []).append(item.target)
    return [UnlinkedName(name, normalized(name), len(rows), tuple(dict.fromkeys(t.document_id for t in rows)),
                         tuple(t.id for t in rows))
            for name, rows in sorted(groups.items(), key=lambda pair: (-len(pair[1]), normalized(pair[0])))]


def matching(items: list[LinkedTarget], name: str) -> tuple[Indicator | None, list[LinkedTarget]]:
    """The indicator `name` means (canonical, variant, or any name the rules merge) and its targets among
    `items`; for a name in no catalogue entry, the targets whose names normalise alike."""
    indicator = indicator_for(name)
    if indicator is not None:
        return indicator, [item for item in items if item.linked and item.indicator == indicator]
    key = normalized(name)
    found = [item for item in items if not item.linked and normalized(item.target.indicator) == key]
    return (found[0].indicator if found else None), found


def similar_indicators(items: list[LinkedTarget], name: str, limit: int = 5) -> list[str]:
    """Indicator names sharing text with `name`, to suggest after a failed lookup."""
    key = normalized(name)
    names = dict.fromkeys(group_name(item) for item in items)
    found = [n for n in names if key in normalized(n) or normalized(n) in key]
    if not found:
        found = [n for n in names if len(set(key) & set(normalized(n))) >= max(2, len(set(key)) // 2)]
    return found[:limit]


def group_name(item: LinkedTarget) -> str:
    """The name a group of targets is shown under: the canonical one, or as the first plan wrote it."""
    return item.indicator.name


def section_paths(db: sqlite3.Connection, passage_ids: list[int]) -> dict[int, str]:
    """The section path (headings joined by ›) of each passage, for citing where a target stands."""
    where, ids = one_of(db, "p.id", sorted(set(passage_ids)))
    rows = db.execute(
        "SELECT p.id, coalesce(s.path, '') FROM passages p LEFT JOIN sections s ON s.id = p.section_id "
        "WHERE " + where,
        (ids,),
    ).fetchall()
    return dict(rows)
