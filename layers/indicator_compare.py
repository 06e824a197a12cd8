"""One indicator across plans and levels, and one place across plans: side by side, in a common unit. Qt-free.

A comparison lists every target of the indicator (the city's 13th-plan target and result, the 14th, each
district's) with its value in the indicator's unit and as written, and states as plain facts where a
district's figure lies above or below the city's, or bounds it the other way (≥ against ≤). It never says
which is better. For totals (GDP, population) a district is a part of the city, so no size is compared.
"""

from __future__ import annotations

import io
import re
import sqlite3
from dataclasses import dataclass

from geodata.feature_queries import find_feature
from geodata.indicators import (
    CITY_SCOPE,
    Indicator,
    LinkedTarget,
    catalogue,
    linked_targets,
    matching,
    similar_indicators,
)
from geodata.passages import documents, passages_mentioning
from layers.indicator_table import LEVEL_LABELS, amount_text, number_text
from layers.target_rows import TARGET_KIND_LABELS, target_row

KIND_ORDER = {"baseline": 0, "result": 1, "target": 2}
UPWARD, DOWNWARD = (">=", ">"), ("<=", "<")


class UnknownIndicator(LookupError):
    """No target measures the indicator asked for; `similar` names some that do."""

    def __init__(self, name: str, similar: list[str]) -> None:
        super().__init__(name)
        self.name, self.similar = name, similar


@dataclass(frozen=True)
class ComparisonRow:
    target_id: int
    document_id: str
    document_title: str
    level: str  # 市级 / 区级
    scope: str
    year: int | None
    kind: str  # target, result, baseline
    kind_label: str  # 目标 / 结果 / 基数
    value: float | None  # in the comparison's unit
    value_max: float | None
    unit: str
    comparator: str | None
    written: str  # value and unit as the plan writes them ("约1 万亿元", "≥5%", 原文未列)
    indicator_as_written: str
    binding: str
    passage_id: int | None

    @property
    def amount(self) -> str:
        """The value in the common unit with its sign ("≥5%", "10000亿元"), or 原文未列 / the wording."""
        if self.value is None:
            return self.written
        return amount_text(self.value, self.unit, self.comparator, self.value_max)


@dataclass(frozen=True)
class Comparison:
    indicator: str
    unit: str
    category: str
    linked: bool  # a catalogue indicator (False: names the rules merge, no catalogue entry)
    measure: str  # total or rate
    rows: tuple[ComparisonRow, ...]
    flags: tuple[str, ...]  # facts: "坪山区目标 ≥5%（2025年），高于全市 4.25%（2020年）"


def compare(db: sqlite3.Connection, name: str) -> Comparison:
    """Every target of the indicator `name` (canonical, a variant, or any name the rules merge with one),
    the city's first, then each district's, by year. Raises UnknownIndicator when none matches."""
    items = linked_targets(db)
    indicator, found = matching(items, name)
    if indicator is None or not found:
        raise UnknownIndicator(name, similar_indicators(items, name))
    levels = {doc.id: doc.level for doc in documents(db)}
    rows = sorted((_row(item, indicator, levels) for item in found),
                  key=lambda r: (r.scope != CITY_SCOPE, r.scope, r.year or 0, KIND_ORDER.get(r.kind, 3)))
    return Comparison(indicator.name, indicator.unit, indicator.category, indicator.linked, indicator.measure,
                      tuple(rows), tuple(comparison_flags(rows, indicator.measure)))


def _row(item: LinkedTarget, indicator: Indicator, levels: dict[str, str]) -> ComparisonRow:
    t = item.target
    written = target_row(t).value_with_unit
    return ComparisonRow(
        t.id, t.document_id, t.document_title, LEVEL_LABELS.get(levels.get(t.document_id, ""), ""), t.scope,
        t.year, t.kind, TARGET_KIND_LABELS.get(t.kind, t.kind), item.value, item.value_max,
        indicator.unit if item.value is not None else (t.unit or ""), t.comparator, written, t.indicator,
        t.binding or "", t.passage_id)


def comparison_flags(rows: list[ComparisonRow] | tuple[ComparisonRow, ...], measure: str) -> list[str]:
    """For each district figure, how it stands to the city's figure of the same kind and year (else the
    nearest earlier year, else the nearest): above, below, or bounded the other way. Facts only."""
    city = [r for r in rows if r.scope == CITY_SCOPE and r.value is not None]
    flags = []
    for row in rows:
        if row.scope == CITY_SCOPE or row.value is None:
            continue
        reference = _reference(row, city)
        if reference is None:
            continue
        subject = f"{row.scope}{row.kind_label} {row.amount}（{_year(row)}）"
        other = f"全市{reference.kind_label} {reference.amount}（{_year(reference)}）"
        if _direction(row) and _direction(reference) and _direction(row) != _direction(reference):
            flags.append(f"{subject}为{_bound_word(row)}，{other}为{_bound_word(reference)}")
        elif measure == "rate" and row.value != reference.value:
            flags.append(f"{subject}，{'高于' if row.value > reference.value else '低于'}{other}")
    return flags


def _reference(row: ComparisonRow, city: list[ComparisonRow]) -> ComparisonRow | None:
    same_kind = [r for r in city if r.kind == row.kind] or ([r for r in city if r.kind == "target"]
                                                             if row.kind != "baseline" else [])
    if not same_kind or row.year is None:
        return None
    dated = [r for r in same_kind if r.year is not None]
    exact = [r for r in dated if r.year == row.year]
    earlier = sorted((r for r in dated if r.year < row.year), key=lambda r: -r.year)
    nearest = sorted(dated, key=lambda r: abs(r.year - row.year))
    chosen = exact or earlier or nearest
    return chosen[0] if chosen else None


def _direction(row: ComparisonRow) -> str:
    return "up" if row.comparator in UPWARD else "down" if row.comparator in DOWNWARD else ""


def _bound_word(row: ComparisonRow) -> str:
    return {"up": "下限", "down": "上限"}.get(_direction(row), "")


def _year(row: ComparisonRow) -> str:
    return f"{row.year}年" if row.year else "年份未列"


# -- a place across plans -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlaceDocument:
    document_id: str
    title: str
    level: str
    passages: int  # passages of this document that name the place
    targets: int


@dataclass(frozen=True)
class PlaceLine:
    indicator: str
    unit: str
    cells: tuple[str, ...]  # per document, in PlaceTable.documents order: "1250亿元（2025年目标）"; "" for none
    target_ids: tuple[tuple[int, ...], ...]  # per document
    passage_ids: tuple[int | None, ...]  # per document: the first figure's passage, to open


@dataclass(frozen=True)
class PlaceTable:
    place: str
    documents: tuple[PlaceDocument, ...]  # those with a target or a passage for the place, in document order
    lines: tuple[PlaceLine, ...]


def place_across_plans(db: sqlite3.Connection, place: str) -> PlaceTable:
    """What each document commits to a district or key area: its targets (those of the place's own plan, and
    those linked to the place in any plan) by indicator, one column per document, with how often each
    document names the place."""
    found = find_feature(db, place)
    name = found.feature.name if found else place
    items = linked_targets(db, scope=name)
    mentions: dict[str, int] = {}
    if found:
        for passage in passages_mentioning(db, found.feature.id):
            mentions[passage.document_id] = mentions.get(passage.document_id, 0) + 1
    counts: dict[str, int] = {}
    for item in items:
        counts[item.target.document_id] = counts.get(item.target.document_id, 0) + 1
    docs = tuple(PlaceDocument(doc.id, doc.title, LEVEL_LABELS.get(doc.level, doc.level), mentions.get(doc.id, 0),
                               counts.get(doc.id, 0))
                 for doc in documents(db) if doc.id in mentions or doc.id in counts)
    column = {doc.document_id: index for index, doc in enumerate(docs)}
    by_indicator: dict[str, list[LinkedTarget]] = {}
    for item in items:
        by_indicator.setdefault(item.indicator.name, []).append(item)
    lines = []
    for indicator_name, members in by_indicator.items():
        cells: list[list[str]] = [[] for _ in docs]
        ids: list[list[int]] = [[] for _ in docs]
        passages: list[int | None] = [None for _ in docs]
        for item in sorted(members, key=lambda i: (i.target.year or 0, KIND_ORDER.get(i.target.kind, 3))):
            index = column[item.target.document_id]
            cells[index].append(_place_cell(item))
            ids[index].append(item.target.id)
            passages[index] = passages[index] or item.target.passage_id
        lines.append(PlaceLine(indicator_name, members[0].indicator.unit, tuple("；".join(c) for c in cells),
                               tuple(tuple(i) for i in ids), tuple(passages)))
    order = {indicator.name: position for position, indicator in enumerate(catalogue())}
    lines.sort(key=lambda line: order.get(line.indicator, len(order)))  # catalogue indicators first, stable
    return PlaceTable(name, docs, tuple(lines))


def short_title(title: str) -> str:
    """A plan's title short enough for a column header: the name inside 《》, without 国民经济和社会发展 and
    和二〇三五年远景目标 (深圳市第十三个五年规划纲要, 坪山区第十四个五年规划纲要)."""
    inner = re.search(r"《(.+?)》", title)
    text = inner.group(1) if inner else title
    for words in ("中共深圳市委关于制定", "国民经济和社会发展", "和二〇三五年远景目标"):
        text = text.replace(words, "")
    return text


def _place_cell(item: LinkedTarget) -> str:
    t = item.target
    amount = amount_text(item.value, item.indicator.unit, t.comparator, item.value_max) if item.value is not None \
        else target_row(t).value_with_unit
    when = f"{t.year}年" if t.year else ""
    return f"{amount}（{when}{TARGET_KIND_LABELS.get(t.kind, t.kind)}）"


# -- the chart ----------------------------------------------------------------------------------------------
KIND_MARKERS = {"target": "^", "result": "o", "baseline": "s"}
SCOPE_COLOURS = ("#c0392b", "#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22")


def chart_png(comparison: Comparison, width_px: int = 640, height_px: int = 360, dpi: int = 100) -> bytes:
    """A small chart of the comparison: value by year, one colour per place (the city first), ▲ targets
    (dashed), ● results (solid), ■ baselines, each point labelled as written in the common unit. A log scale
    when the values span more than 20×, so a district's GDP is visible beside the city's."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, LogLocator

    from layers.cjk_text import export_rc

    first: dict[tuple, ComparisonRow] = {}
    for r in comparison.rows:
        if r.value is not None and r.year is not None:
            first.setdefault((r.scope, r.year, r.kind, r.value), r)  # a figure restated in prose: once
    points = list(first.values())
    scopes = list(dict.fromkeys(r.scope for r in points))
    colours = {scope: SCOPE_COLOURS[index % len(SCOPE_COLOURS)] for index, scope in enumerate(scopes)}
    with plt.rc_context(export_rc()):
        figure, ax = plt.subplots(figsize=(width_px / dpi, height_px / dpi), dpi=dpi)
        try:
            for scope in scopes:
                for kind, marker in KIND_MARKERS.items():
                    mine = sorted((r for r in points if r.scope == scope and r.kind == kind), key=lambda r: r.year)
                    if not mine:
                        continue
                    ax.plot([r.year for r in mine], [r.value for r in mine], color=colours[scope], linewidth=1,
                            alpha=0.6, linestyle="--" if kind == "target" else "-")
                    ax.scatter([r.year for r in mine], [r.value for r in mine], marker=marker, s=46, zorder=3,
                               facecolor="white" if kind == "target" else colours[scope], edgecolor=colours[scope],
                               linewidths=1.4)
                ax.plot([], [], color=colours[scope], label=scope)
            for kind, marker in KIND_MARKERS.items():
                if any(r.kind == kind for r in points):
                    ax.scatter([], [], marker=marker, facecolor="white" if kind == "target" else "#666666",
                               edgecolor="#666666", label=TARGET_KIND_LABELS.get(kind, kind))
            values = [r.value for r in points if r.value > 0]
            if values and len(values) == len(points) and max(values) / min(values) > 20:
                ax.set_yscale("log")
                ax.yaxis.set_major_locator(LogLocator(subs=(1, 2, 5)))
                ax.yaxis.set_minor_formatter(FuncFormatter(lambda v, _: ""))
                ax.set_ylabel(comparison.unit + "（对数刻度）", fontsize=8.5)
            else:
                ax.set_ylabel(comparison.unit, fontsize=8.5)
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: number_text(round(v, 6))))
            ax.set_title(comparison.indicator, fontsize=11)
            years = sorted({r.year for r in points})
            ax.set_xticks(years)
            ax.set_xticklabels([str(y) for y in years], fontsize=8)
            if years:
                ax.set_xlim(years[0] - 1, years[-1] + 3)
            ax.tick_params(axis="y", labelsize=8)
            ax.grid(True, axis="y", color="#dddddd", linewidth=0.6)
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
            if points:
                ax.legend(fontsize=7.5, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
                _label_points(ax, points, colours, dpi)
            else:
                ax.text(0.5, 0.5, "无可换算的数值", ha="center", va="center", transform=ax.transAxes)
            figure.tight_layout()
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=dpi)
        finally:
            plt.close(figure)
    return buffer.getvalue()


def _label_points(ax, points: list[ComparisonRow], colours: dict[str, str], dpi: int, gap_px: float = 13) -> None:
    """Each point's amount beside it; labels of one year that would overlap are pushed up, one line apart."""
    for year in sorted({r.year for r in points}):
        here = sorted((r for r in points if r.year == year), key=lambda r: r.value)
        last = -1e9
        for r in here:
            y = ax.transData.transform((year, r.value))[1]
            label_y = max(y - 4, last + gap_px)
            last = label_y
            ax.annotate(r.amount, (year, r.value), xytext=(6, (label_y - y) * 72 / dpi),
                        textcoords="offset points", fontsize=7.5, color=colours[r.scope], va="center")
