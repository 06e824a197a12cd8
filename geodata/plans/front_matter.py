"""What the opening lines of a plan say about it: title, issuer, date, period, level, kind.

Only what the text states: a date without a year (004's "7月1日") gives no date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geodata.plans.targets import five_year_plan_years

_TITLE_WORDS = re.compile(r"规划|纲要|建议|方案")
_CITED_PLAN = re.compile(r"(?:印发|发布|公布)《([^》]*(?:规划|纲要|建议|方案)[^》]*)》")
_ISSUER_LINE = re.compile(r"^[\u4e00-\u9fff]{2,20}(?:人民政府|委员会|市委|区委|办公厅|发展和改革委员会)$")
_ISSUER_BEFORE_ABOUT = re.compile(r"^([\u4e00-\u9fff]{2,12}?)关于")
_ISSUER_PUBLISHING = re.compile(r"([\u4e00-\u9fff]{2,12}人民政府)(?:印发|发布)")
_ADOPTED = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日[^)）]*(?:通过|印发|发布)")
_DISTRICT = re.compile(r"(?:^|市)([\u4e00-\u9fff]{2}区)(?=国民经济|人民政府|关于|委员会|“十)")
_NTH_PLAN = re.compile(r"第(十[一二三四五六七八九]|[一二三四五六七八九])个五年")
_YEAR_SPAN = re.compile(r"(20\d\d)\s*[-—–~～至]\s*(20\d\d)")
_VISION = re.compile(r"(二〇三五|2035)年远景")
_SELF_NAMES = (("本方案", "implementation plan"), ("本建议", "proposal"), ("本纲要", "plan outline"),
               ("本规划", "plan outline"))
_MAX_TITLE = 80


@dataclass(frozen=True)
class FrontMatter:
    title: str | None
    cited_plan: str | None  # for articles: the plan they report on
    issuer: str | None
    date: str | None
    kind: str


def read_front_matter(lines: list[str], body: str) -> FrontMatter:
    """`lines` are the cleaned lines before the first heading; `body` is the whole text."""
    title = next((t for t in lines if _is_title(t)), None)
    opening = "\n".join(lines)
    cited = _CITED_PLAN.search(opening)
    cited_plan = cited.group(1) if cited and (title is None or cited.group(1) not in title) else None
    issuer = _issuer(lines, title or "", opening)
    return FrontMatter(title, cited_plan, issuer, _date(opening), _kind(title, cited_plan, body))


def _is_title(line: str) -> bool:
    return (bool(_TITLE_WORDS.search(line)) and len(line) <= _MAX_TITLE
            and not re.search(r"[。；;：:!?！？]|https?://", line))


def _issuer(lines: list[str], title: str, opening: str) -> str | None:
    for line in lines:
        if _ISSUER_LINE.match(line):
            return line
    about = _ISSUER_BEFORE_ABOUT.match(title)
    if about:
        return about.group(1)
    published = _ISSUER_PUBLISHING.search(opening)
    return published.group(1) if published else None


def _date(opening: str) -> str | None:
    found = _ADOPTED.search(opening)
    if not found:
        return None
    year, month, day = (int(g) for g in found.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def _kind(title: str | None, cited_plan: str | None, body: str) -> str:
    if cited_plan:
        return "article"
    if title:
        for word, kind in (("建议", "proposal"), ("方案", "implementation plan")):
            if title.endswith(word) or title.endswith(word + "（草案）"):
                return kind
        return "plan outline"
    counts = [(body.count(word), kind) for word, kind in _SELF_NAMES]
    best = max(counts)
    return best[1] if best[0] else "plan outline"


def district_of(*names: str | None) -> str | None:
    """The 区 a title or issuer names ("坪山区国民经济…", "深圳市南山区人民政府")."""
    for name in names:
        found = _DISTRICT.search(name or "")
        if found:
            return found.group(1)
    return None


def period_of(name: str | None) -> str | None:
    """"第十四个五年…二〇三五年远景目标" -> "2021–2025（远景2035）"; explicit "2017-2030" spans too."""
    if not name:
        return None
    nth = _NTH_PLAN.search(name)
    if nth:
        start, end = five_year_plan_years(_chinese_number(nth.group(1)))
        period = f"{start}–{end}"
        return period + "（远景2035）" if _VISION.search(name) else period
    span = _YEAR_SPAN.search(name)
    return f"{span.group(1)}–{span.group(2)}" if span else None


def _chinese_number(text: str) -> int:
    digits = "一二三四五六七八九"
    if text.startswith("十"):
        return 10 + (digits.index(text[1]) + 1 if len(text) > 1 else 0)
    return digits.index(text) + 1
