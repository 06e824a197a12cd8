"""Every target of every plan as one table: the rows of the 指标 dock and of `targets --out`, Qt-free.

A row carries the target as written (indicator, value, unit) beside its catalogue indicator and its value in
that indicator's common unit, and its source (document, section path, passage id), so an exported sheet
can be checked against the plan. Rows are filtered and grouped here; the dock only shows them.
"""

from __future__ import annotations

import csv
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from geodata.feature_queries import features, target_places
from geodata.imports.imported_layers import spreadsheet_safe, written
from geodata.indicators import LinkedTarget, catalogue, group_key, linked_targets, section_paths
from geodata.passages import documents
from geodata.store import StoreError
from layers.target_rows import COMPARATOR_SIGNS, NOT_STATED, TARGET_KIND_LABELS, value_and_unit

LEVEL_LABELS = {"city": "市级", "district": "区级"}
# (field of IndicatorRow, column title): the dock's columns and the exported sheet's, in this order.
COLUMNS = (
    ("indicator", "指标"), ("document_title", "文件"), ("level", "层级"), ("scope", "区/范围"),
    ("place", "片区"), ("category", "类别"), ("written_indicator", "原文指标"), ("kind", "类型"),
    ("year", "年份"), ("value", "数值"), ("unit", "单位"), ("common_value", "统一单位数值"),
    ("common_unit", "统一单位"), ("binding", "约束性/预期性"), ("period", "期间"), ("section_path", "章节"),
    ("passage_id", "段落编号"), ("target_id", "目标编号"), ("document_id", "文件编号"),
)
EXPORT_FORMATS = (".csv", ".xlsx")


@dataclass(frozen=True)
class IndicatorRow:
    target_id: int
    document_id: str
    document_title: str
    level: str  # 市级 / 区级
    scope: str  # the district of the plan, or 深圳市
    place: str  # the key area or other place the target is linked to, when it is not the scope itself
    category: str
    indicator: str  # the catalogue's name, or as written when the target is unlinked
    written_indicator: str
    linked: bool
    group: str  # rows of one indicator share it (see geodata.indicators.group_key)
    kind: str  # 目标 / 结果 / 基数
    year: int | None
    value: str  # as written, with the comparator as a sign and without the unit; 原文未列 when blank
    unit: str  # as written; "" when the value is words
    common_value: float | None  # in common_unit; None when blank or not convertible
    common_unit: str
    binding: str  # 约束性 / 预期性 / ""
    period: str
    section_path: str
    passage_id: int | None

    @property
    def not_stated(self) -> bool:
        return self.value == NOT_STATED


def number_text(value: float) -> str:
    """10000 not 10000.0, 4.25, 0.00791: as few digits as the number needs."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}" if "e" not in f"{value:.6g}" else f"{value:f}".rstrip("0")


def amount_text(value: float | None, unit: str, comparator: str | None = None, value_max: float | None = None
                ) -> str:
    """"≥5%", "10000亿元", "1–2所": a converted figure with its sign and unit, for flags and charts."""
    if value is None:
        return NOT_STATED
    if value_max is not None:
        return f"{number_text(value)}–{number_text(value_max)}{unit}"
    sign = COMPARATOR_SIGNS.get(comparator or "", "")
    return f"{sign}{number_text(value)}{unit}"


def indicator_rows(db: sqlite3.Connection, document_id: str | None = None, scope: str | None = None, *,
                   kind: str | None = None, year: int | None = None) -> list[IndicatorRow]:
    """One row per target (of every document, or filtered as geodata.feature_queries.targets), in document
    order."""
    docs = {doc.id: doc for doc in documents(db)}
    names = {info.feature.id: info.feature.name for info in features(db)}
    places = {target_id: names.get(feature_id, "") for target_id, feature_id in target_places(db).items()}
    items = linked_targets(db, document_id, scope, kind=kind, year=year)
    paths = section_paths(db, [item.target.passage_id for item in items if item.target.passage_id is not None])
    return [_row(item, docs, places, paths) for item in items]


def _row(item: LinkedTarget, docs: dict, places: dict[int, str], paths: dict[int, str]) -> IndicatorRow:
    t, indicator = item.target, item.indicator
    value, unit = value_and_unit(t.value_text, t.comparator, t.unit)
    doc = docs.get(t.document_id)
    place = places.get(t.id, "")
    return IndicatorRow(
        target_id=t.id, document_id=t.document_id, document_title=t.document_title,
        level=LEVEL_LABELS.get(doc.level, doc.level) if doc else "", scope=t.scope,
        place="" if place == t.scope else place,
        category=indicator.category if item.linked else (t.category or ""),
        indicator=indicator.name, written_indicator=t.indicator, linked=item.linked, group=group_key(item),
        kind=TARGET_KIND_LABELS.get(t.kind, t.kind), year=t.year, value=value, unit=unit,
        common_value=item.value, common_unit=indicator.unit if item.value is not None else "",
        binding=t.binding or "", period=t.period or "",
        section_path=paths.get(t.passage_id, "") if t.passage_id is not None else "", passage_id=t.passage_id,
    )


def filter_rows(rows: list[IndicatorRow], text: str = "", *, level: str = "", kind: str = "", category: str = "",
                linked_only: bool = False) -> list[IndicatorRow]:
    """Rows whose indicator, wording, place, document or section contain every space-separated term of `text`,
    of one level (市级/区级), kind (目标/结果/基数) and category when given."""
    terms = text.lower().split()

    def matches(row: IndicatorRow) -> bool:
        haystack = " ".join((row.indicator, row.written_indicator, row.scope, row.place, row.document_title,
                             row.section_path, row.category, str(row.year or ""))).lower()
        return all(term in haystack for term in terms)

    return [row for row in rows if (not level or row.level == level) and (not kind or row.kind == kind)
            and (not category or row.category == category) and (not linked_only or row.linked) and matches(row)]


@dataclass(frozen=True)
class IndicatorGroup:
    name: str
    linked: bool
    unit: str  # the common unit of a catalogue indicator, else the first row's unit
    rows: tuple[IndicatorRow, ...]


def grouped(rows: list[IndicatorRow]) -> list[IndicatorGroup]:
    """Rows by indicator: catalogue indicators in catalogue order, then the unlinked, most targets first."""
    by_group: dict[str, list[IndicatorRow]] = {}
    for row in rows:
        by_group.setdefault(row.group, []).append(row)
    order = {indicator.name: position for position, indicator in enumerate(catalogue())}
    units = {indicator.name: indicator.unit for indicator in catalogue()}
    groups = [IndicatorGroup(members[0].indicator, members[0].linked,
                             units.get(members[0].indicator) if members[0].linked else members[0].unit,
                             tuple(members))
              for members in by_group.values()]
    return sorted(groups, key=lambda g: (not g.linked, order.get(g.name, 0), -len(g.rows), g.name))


def cell(row: IndicatorRow, field: str) -> object:
    """A row's value for a column: numbers stay numbers, a missing one is an empty cell."""
    value = getattr(row, field)
    return "" if value is None else value


def write_table(rows: list[IndicatorRow], out: str | Path, *, overwrite: bool = False) -> Path:
    """Write the rows to a .csv (UTF-8 with BOM, for Excel) or .xlsx file, with their sources. Cells a
    spreadsheet would run as a formula are written as text. Atomic: a failure leaves no partial file."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise StoreError(f"Cannot write {out.name}: use a .csv or .xlsx file name.")
    if out.exists() and not overwrite:
        raise StoreError(f"{out} exists. Choose another name, or overwrite it with --force.")
    header = [title for _, title in COLUMNS]
    table = [[cell(row, field) for field, _ in COLUMNS] for row in rows]
    with written(out) as path:
        if suffix == ".csv":
            with path.open("w", encoding="utf-8-sig", newline="") as file:
                writer = csv.writer(file)
                writer.writerow(header)
                writer.writerows([[spreadsheet_safe(value) for value in line] for line in table])
        else:
            _write_xlsx(path, header, table)
    return out


def _write_xlsx(path: Path, header: list[str], table: list[list[object]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "指标"
    sheet.append(header)
    for line in table:
        sheet.append(line)
    for row in sheet.iter_rows(min_row=2):
        for item in row:
            if isinstance(item.value, str) and item.value.startswith("="):
                item.data_type = "s"  # text, never a formula
    for item in sheet[1]:
        item.font = Font(bold=True)
    widths = {"指标": 28, "文件": 36, "原文指标": 28, "章节": 40}
    for index, title in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(title, 12)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    book.save(path)
