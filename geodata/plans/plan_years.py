"""Time as plans state it: target years ("到2025年", "到二〇三五年"), plan periods ("“十四五”期间"),
look-backs ("5年来"), and the period a document covers.

A five-year plan's number gives its years (the 14th: 2021–2025); a document's own period tells which
plans lie in the past, so "“十三五”时期…完成" reads as a result in a 14th-plan text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from geodata.plans.figures import chinese_number
from geodata.plans.targets import five_year_plan_years

_YEAR_DIGITS = r"(?:19|20)\d\d|[二][〇零][〇零一二三四五六七八九]{2}"
TO_YEAR = re.compile(rf"(?:到|至|截至|截止到?)\s*(?P<year>{_YEAR_DIGITS})\s*年(?:底|末)?")
# A year the clause is about, not one it compares with: "比2005年下降", "是2015年的", "在2020年基础上".
CLAUSE_YEAR = re.compile(
    rf"(?<![比较是为于在自从])(?P<year>{_YEAR_DIGITS})\s*年(?!的|基础|底的|末的|代|以来|起)(?:底|末)?")
PLAN_PERIOD = re.compile(r"“?十(?P<n>[一二三四五六七八九])五”?\s*(?P<when>期间|时期|期末|末|规划)?")
LOOK_BACK = re.compile(r"(?:[\d一二三四五六七八九十]+)年来|过去[\d一二三四五六七八九十]+年")
EVERY_YEAR = re.compile(r"每年|年均")
_DOCUMENT_PERIOD = re.compile(r"(\d{4})\D+(\d{4})")
_HEADING_YEAR = re.compile(rf"(?P<year>{_YEAR_DIGITS})\s*年")


@dataclass(frozen=True)
class PlanYears:
    """The years a document's targets are about. `start`/`end` bound its plan period when known;
    `target_year` is the year an undated target is for (the period's end, or the year the text most
    often targets: "到2020年")."""

    start: int | None
    end: int | None
    target_year: int | None

    @property
    def result_year(self) -> int | None:
        """The end of the previous period: the year a look-back reports on."""
        return self.start - 1 if self.start else None

    @property
    def base_year(self) -> int | None:
        """The start of the previous period ("从15万元/人提高到22万元/人": the 15 is this year's)."""
        return self.start - 6 if self.start else None

    def is_past(self, year: int) -> bool:
        if self.start:
            return year < self.start
        return self.target_year is not None and year < self.target_year


def year_number(text: str) -> int:
    """"2025" or "二〇二五" -> 2025."""
    return int(text) if text.isdigit() else int(chinese_number(text) or 0)


def plan_years(period: str | None, title: str, text: str) -> PlanYears:
    """From the document's period ("2021–2025（远景2035）"), else a plan period its title names
    ("宝安区“十四五”时期…方案"), else the text's most frequent 到YYYY年."""
    found = _DOCUMENT_PERIOD.search(period or "")
    if found:
        return PlanYears(int(found.group(1)), int(found.group(2)), int(found.group(2)))
    named = PLAN_PERIOD.search(title)
    if named:
        start, end = plan_period(named)
        return PlanYears(start, end, end)
    years = Counter(year_number(m["year"]) for m in TO_YEAR.finditer(text))
    common = [year for year, count in years.most_common(1) if count >= 2]
    return PlanYears(None, None, common[0] if common else None)


def plan_period(found: re.Match[str]) -> tuple[int, int]:
    """The years of a "“十三五”" match."""
    return five_year_plan_years(10 + int(chinese_number(found["n"]) or 0))


def heading_year(title: str) -> int | None:
    """The year a heading is about: "二〇三五年远景目标" -> 2035, "“十四五”发展目标" -> 2025."""
    found = _HEADING_YEAR.search(title)
    if found:
        return year_number(found["year"])
    plan = PLAN_PERIOD.search(title)
    return plan_period(plan)[1] if plan else None
