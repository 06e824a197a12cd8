"""Indicator statements: values with comparators and units, from table rows and numbered prose lists."""

from __future__ import annotations

import re
from dataclasses import dataclass

from geodata.plans.indicator_tables import HOME_CITY, Table, TableRow
from geodata.plans.plan import Target

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_RANGE = re.compile(r"\d+(?:\.\d+)?\s*[-~～—–至]\s*\d")
_UNIT_SUFFIX = re.compile(r"^(.*?)\s*[（(]([^（）()]+)[）)]\s*$")
_PREFIXES = (("≥", ">="), (">=", ">="), ("≤", "<="), ("<=", "<="), ("＞", ">"), (">", ">"),
             ("＜", "<"), ("<", "<"), ("不低于", ">="), ("不少于", ">="), ("不高于", "<="),
             ("不超过", "<="), ("小于", "<"), ("低于", "<"), ("超过", ">"), ("大于", ">"),
             ("突破", ">"), ("约", "~"))
_SUFFIXES = (("以上", ">="), ("以下", "<="), ("左右", "~"))
UNIT_PATTERN = (r"(?:万亿|亿|万|千)?(?:元|美元|人|件|家|所|座|名|套|张|岁|个|公里|平方公里|平方米|米|条|项|次|天|辆|吨)"
                r"|%|‰|万|亿")
_FIVE_YEAR = re.compile(r"“?十([一二三四五六七八九])五”?")
_CN_DIGITS = "一二三四五六七八九"


@dataclass(frozen=True)
class Value:
    value: float | None
    comparator: str | None
    unit: str | None


def five_year_plan_years(nth: int) -> tuple[int, int]:
    """Years of the nth national five-year plan (the 3rd began in 1966, after the 1963–65 gap)."""
    start = 1966 + 5 * (nth - 3)
    return start, start + 4


def parse_value(text: str) -> Value:
    """"≥ 5" -> (5, ">="), "26000（亿元）" -> (26000, "=", 亿元); ranges and words have no value."""
    text = text.strip()
    found = _NUMBER.search(text)
    if not found or _RANGE.search(text) or len(_NUMBER.findall(text)) > 1:
        return Value(None, None, _trailing_unit(text))
    comparator = "="
    for word, symbol in _PREFIXES:
        if text.startswith(word) or text[: found.start()].strip().endswith(word):
            comparator = symbol
            break
    for word, symbol in _SUFFIXES:
        if word in text[found.end():]:
            comparator = symbol
    return Value(float(found.group()), comparator, _trailing_unit(text[found.end():]))


def _trailing_unit(rest: str) -> str | None:
    paren = re.search(r"[（(]([^（）()]+)[）)]", rest)
    if paren:
        return paren.group(1).strip()
    found = re.match(rf"\s*({UNIT_PATTERN})", rest)
    return found.group(1) if found else None


def split_unit(indicator: str) -> tuple[str, str | None]:
    """"本市生产总值（亿元）" -> ("本市生产总值", "亿元")."""
    found = _UNIT_SUFFIX.match(indicator)
    if not found or not found.group(1):
        return indicator, None
    return found.group(1).strip(), found.group(2).strip()


def header_year(name: str) -> int | None:
    found = re.search(r"(20\d\d)\s*年?", name)
    if found:
        return int(found.group(1))
    plan = _FIVE_YEAR.search(name)
    if plan:
        return five_year_plan_years(10 + _CN_DIGITS.index(plan.group(1)) + 1)[1]
    return None


def _value_columns(header: tuple[str, ...]) -> list[int]:
    return [
        j for j, name in enumerate(header)
        if ("目标" in name or "完成" in name or "值" in name) and "情况" not in name and "指标" not in name
    ]


def _column(header: tuple[str, ...], *words: str) -> int | None:
    return next((j for j, name in enumerate(header) if any(w in name for w in words)), None)


def _cell(row: TableRow, j: int | None) -> str:
    return row.cells[j] if j is not None and j < len(row.cells) else ""


def tab_table_targets(table: Table, label: str, ordinals: list[int], categories: list[str]) -> list[Target]:
    """One target per value column per row; `categories` are the carried-down category cells."""
    head = table.header
    indicator_col = next((j for j, n in enumerate(head) if "指标" in n and "属性" not in n), 0)
    number_col, binding_col = _column(head, "序号"), _column(head, "属性")
    base_col = _column(head, "基期", "基数", "现状")
    targets = []
    for row, ordinal, category in zip(table.rows, ordinals, categories, strict=True):
        indicator, unit = split_unit(_cell(row, indicator_col))
        binding = _cell(row, binding_col) or None
        for j in _value_columns(head):
            if j == base_col:
                continue
            written = _cell(row, j)
            value = parse_value(written)
            targets.append(Target(
                indicator=indicator, value_text=written, value=value.value, comparator=value.comparator,
                unit=unit or value.unit, year=header_year(head[j]), category=category or None,
                number=_cell(row, number_col) or None, binding=binding, is_result="完成" in head[j],
                kind="result" if "完成" in head[j] else "target",
                base_value_text=_cell(row, base_col) or None if base_col is not None else None,
                table=label, passage_ordinal=ordinal,
            ))
    return targets


def comparison_targets(table: Table, ordinals: list[int]) -> list[Target]:
    """Shenzhen's own values in a comparison table (reported status, so is_result=True)."""
    if table.subject_row:
        pairs = [(row, o) for row, o in zip(table.rows, ordinals, strict=True) if row.cells[0] == HOME_CITY]
        cells = [(table.header[j], row.cells[j], o) for row, o in pairs for j in range(1, len(row.cells))]
    elif HOME_CITY in table.header:
        col = table.header.index(HOME_CITY)
        cells = [(row.cells[0], row.cells[col], o) for row, o in zip(table.rows, ordinals, strict=True)]
    else:
        return []
    targets = []
    for name, written, ordinal in cells:
        indicator, unit = split_unit(name)
        value = parse_value(written)
        targets.append(Target(
            indicator=indicator, value_text=written, value=value.value, comparator=value.comparator,
            unit=unit or value.unit, year=None, is_result=True, kind="result", table=table.caption,
            passage_ordinal=ordinal,
        ))
    return targets
