"""Targets stated in prose: numbered summary lists such as "1.到2025年,本地生产总值力争达到1万亿元,…".

Only lists whose items mostly name a target year are read; ordinary paragraphs are left alone.
"""

from __future__ import annotations

import re

from geodata.plans.plan import Passage, Target
from geodata.plans.targets import UNIT_PATTERN, five_year_plan_years

_NUMBERED = re.compile(r"^(\d{1,2})[.．、]")
_YEAR = re.compile(r"到\s*(20\d\d)\s*年")
_PERIOD = re.compile(r"“?十([一二三四五六七八九])五”?(?:期间|时期)")
_CLAUSE = re.compile(r"[,，;；。]")
_STATEMENT = re.compile(
    rf"^(?P<indicator>.+?)\s*(?P<verb>力争达到|争取达到|力争达|争取达|达到|达|为|超过|突破|不低于|不少于|"
    rf"不高于|不超过|小于|低于|约)?\s*(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>{UNIT_PATTERN})"
    rf"(?P<suffix>以上|以下|左右)?$"
)
_COMPARATORS = {"超过": ">", "突破": ">", "不低于": ">=", "不少于": ">=", "不高于": "<=", "不超过": "<=",
                "小于": "<", "低于": "<", "约": "~", "以上": ">=", "以下": "<=", "左右": "~"}
_LEADING_VERBS = re.compile(r"^(?:实现|争取|力争)")
_CN_DIGITS = "一二三四五六七八九"
_MIN_YEAR_SHARE = 0.5
_MIN_ITEMS = 3
_MAX_ITEM_CHARS = 300  # summary points are short; numbered paragraphs of a full text are not


def prose_targets(passages: list[Passage]) -> list[Target]:
    """Targets from every numbered list (1., 2., …) in which most items state a target year."""
    targets: list[Target] = []
    for run in _numbered_runs(passages):
        dated = sum(1 for p in run if _YEAR.search(p.text) or _PERIOD.search(p.text))
        short = all(len(p.text) <= _MAX_ITEM_CHARS for p in run)
        if short and len(run) >= _MIN_ITEMS and dated >= _MIN_YEAR_SHARE * len(run):
            for passage in run:
                targets.extend(_statements(passage))
    return targets


_PLANNED_AREA = re.compile(
    r"^(?:\d{1,2}[.．、])?\s*(?P<place>[^：:，,。；]{2,24})[：:]\s*(?:规划)?(?:总)?(?:用地)?面积(?P<about>约)?\s*"
    r"(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>平方公里|公顷|平方米|亩)"
)


def planned_area_targets(passages: list[Passage]) -> list[Target]:
    """A box entry that states a place's planned area ("燕子湖片区：规划面积约5平方公里，…") is a target
    about that place; its indicator names the place so the gazetteer links it there."""
    targets = []
    for passage in passages:
        found = _PLANNED_AREA.match(passage.text) if passage.kind == "box_item" else None
        if found:
            targets.append(Target(
                indicator=f"{found['place'].strip()}规划面积", value_text=f"{found['about'] or ''}{found['number']}",
                value=float(found["number"]), comparator="~" if found["about"] else "=", unit=found["unit"],
                year=None, passage_ordinal=passage.ordinal,
            ))
    return targets


def _numbered_runs(passages: list[Passage]) -> list[list[Passage]]:
    runs: list[list[Passage]] = []
    for passage in passages:
        found = _NUMBERED.match(passage.text)
        number = int(found.group(1)) if found else None
        if number == 1:
            runs.append([passage])
        elif number and runs and int(_NUMBERED.match(runs[-1][-1].text).group(1)) == number - 1 \
                and runs[-1][-1].ordinal == passage.ordinal - 1:
            runs[-1].append(passage)
    return runs


def _statements(passage: Passage) -> list[Target]:
    text = _NUMBERED.sub("", passage.text, count=1)
    year = None
    targets = []
    for clause in _CLAUSE.split(text):
        clause = clause.strip()
        dated = _YEAR.search(clause) or _PERIOD.search(clause)
        if dated:
            year = _year_of(dated)
            clause = clause[dated.end():].strip()
        found = _STATEMENT.match(clause)
        if not found:
            continue
        indicator = _LEADING_VERBS.sub("", found.group("indicator")).strip()
        if len(indicator) < 2:
            continue
        verb, suffix = found.group("verb") or "", found.group("suffix") or ""
        start = found.start("verb") if verb in _COMPARATORS else found.start("number")
        targets.append(Target(
            indicator=indicator, value_text=clause[start:], value=float(found.group("number")),
            comparator=_COMPARATORS.get(suffix) or _COMPARATORS.get(verb, "="), unit=found.group("unit"),
            year=year, passage_ordinal=passage.ordinal,
        ))
    return targets


def _year_of(found: re.Match[str]) -> int:
    if found.re is _YEAR:
        return int(found.group(1))
    return five_year_plan_years(10 + _CN_DIGITS.index(found.group(1)) + 1)[1]
