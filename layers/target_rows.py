"""A target as one row of text, the same in the feature panel, the sheets, the export popups and search.

The plans write a figure in many ways ("≥ 5" with 单位 %, "26000（亿元）" with 单位 亿元, "4.25%" with %, "1-2"
所): a row shows the comparator as a sign (≥, ≤, 约), a range as 3–5, and the unit once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NOT_STATED = "原文未列"  # a blank cell in the plan's table: not stated in the source
TARGET_KIND_LABELS = {"target": "目标", "result": "结果", "baseline": "基数"}  # a commitment, a past result, a start
COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "~": "约"}

_NUMBER = r"(?:\d+(?:[.．]\d+)?|[零〇一二两三四五六七八九十百千万亿几]+)"
_LEADING_SIGN = re.compile(r"^(≥|≤|>|<|＞|＜|约|~|～)\s*")
_RANGE = re.compile(rf"^({_NUMBER})\s*(?:-|–|—|~|～|至|到)\s*({_NUMBER})$")
_SIGN_OF_TEXT = {"＞": ">", "＜": "<", "~": "约", "～": "约"}
_UNITS_WITHOUT_SPACE = ("%", "‰", "℃")


@dataclass(frozen=True)
class TargetRow:
    indicator: str
    value: str  # sign and number without the unit ("≥5", "3–5", "约1"); words as written; NOT_STATED if blank
    unit: str  # shown once, after `value`; "" when the value is words ("完成市下达任务")
    year: str  # "2025", with the period where the plan gives one: "2025（年均）"
    binding: str  # 约束性 / 预期性, 结果 for a past period's result, or "": what a sheet prints
    source: str  # document title, and the table it comes from
    target_id: int | None = None  # for unlinking it from the feature
    category: str = ""  # 类别: 经济发展, 民生福祉 …
    kind: str = ""  # 目标 / 结果 / 基数
    obligation: str = ""  # 约束性 / 预期性 as the plan marks it, else ""
    scope: str = ""  # the district, key area or 深圳市 the figure is about
    passage_id: int | None = None  # the passage (table row or prose) that states it
    span: tuple[int, int] | None = None  # the figure's [start, end) in that passage's text (prose targets)
    year_number: int | None = None  # for sorting
    amount: float | None = None  # the number, for sorting
    written: str = ""  # the value as the plan writes it

    @property
    def value_with_unit(self) -> str:
        """"≥5%", "26000 亿元", "约1 万亿元", "3–5 个": the value with its unit, once."""
        if not self.unit:
            return self.value
        return self.value + ("" if self.unit in _UNITS_WITHOUT_SPACE else " ") + self.unit


def value_and_unit(value_text: str, comparator: str | None, unit: str | None) -> tuple[str, str]:
    """(value, unit) with the comparator as a sign and the unit taken out of the value where the plan repeats
    it; a value in words keeps its wording and drops the unit, a blank one reads NOT_STATED."""
    text = value_text.strip()
    if not text:
        return NOT_STATED, ""
    unit = (unit or "").strip()
    core, sign = text, ""
    leading = _LEADING_SIGN.match(core)
    if leading:
        sign = _SIGN_OF_TEXT.get(leading.group(1), leading.group(1))
        core = core[leading.end():]
    written_unit = re.search(r"[（(]([^（）()]+)[）)]$", core)
    if written_unit:
        unit = unit or written_unit.group(1).strip()
        core = core[:written_unit.start()].strip()
    elif unit and core.endswith(unit) and core != unit:
        core = core[: -len(unit)].strip()
    elif core.endswith("%"):
        unit, core = unit or "%", core[:-1].strip()
    span = _RANGE.match(core)
    if span:
        return f"{sign}{span.group(1)}–{span.group(2)}", unit
    if not re.fullmatch(_NUMBER, core):
        return text, ""  # words ("完成市下达任务", "IV类"): as the plan writes them
    sign = sign or COMPARATOR_SIGNS.get(comparator or "", "")
    return sign + core, unit


def target_row(target) -> TargetRow:
    """One target (geodata.feature_queries.TargetView) as the row the panel, sheets and popups show."""
    source = target.document_title + (f" · {target.table_name}" if target.table_name else "")
    value, unit = value_and_unit(target.value_text, target.comparator, target.unit)
    period = target.period
    year = str(target.year or "") + (f"（{period}）" if period and target.year else period or "")
    kind = target.kind or ("result" if target.is_result else "target")
    start, end = target.span_start, target.span_end
    return TargetRow(
        indicator=target.indicator, value=value, unit=unit, year=year,
        binding="结果" if target.is_result else (target.binding or ""), source=source, target_id=target.id,
        category=target.category or "", kind=TARGET_KIND_LABELS.get(kind, kind), obligation=target.binding or "",
        scope=target.scope or "", passage_id=target.passage_id,
        span=(start, end) if start is not None and end is not None else None,
        year_number=target.year, amount=target.value, written=target.value_text.strip(),
    )


def figure_span(row: TargetRow, passage_text: str) -> tuple[int, int] | None:
    """Where the row's figure is in its passage: the stored span of a prose target, else where the value is
    written after the indicator (a table row: "…指标名称：地区生产总值（亿元）；2025年目标：1250…");
    None when it is not in the text."""
    if row.span is not None and 0 <= row.span[0] < row.span[1] <= len(passage_text):
        return row.span
    if not row.written:
        return None
    after = passage_text.find(row.indicator)
    after = after + len(row.indicator) if after >= 0 else 0
    at = passage_text.find(row.written, after)
    return (at, at + len(row.written)) if at >= 0 else None
