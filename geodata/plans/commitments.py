"""Commitments stated in prose: every figure a plan commits to, reports as reached, or starts from.

Read sentence by sentence with the rules of Chinese plan writing, not of any one file:
- a figure (figures.py) counts when it measures something named beside it: the words before it back to
  the clause start ("新增坪山城市书房30家"), or, after a verb, the noun it counts ("建成5000个5G基站");
- the comparator comes from the wording: 达到/为 =, 超过/突破/余 >, 以上/不少于/不低于 >=,
  以内/以下/不超过/控制在 <=, 低于/小于 <, 约/近/左右/力争/争取 ~; a range ("1-2所") is "between";
- the year from "到2025年" / "2020年" / "“十四五”期间" in the sentence, else from the heading
  ("二〇三五年远景目标"), else the plan's period; "每年" figures have no year but period 每年;
- the kind: a look-back (a 发展基础/成就 section, a past year or plan period, "5年来") gives results; a
  diagnosis (问题诊断, 现状, "目前") and the X of "从X提高到Y" give baselines; everything else is a target;
- "A、B分别达到x、y" pairs subjects and figures; "A、B均达到x" gives one target per subject;
- the scope is the place named in the subject, in the item's label ("燕子湖片区：…") or in a heading.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from geodata.plans.commitment_words import (
    Before,
    Change,
    category_of,
    change_of,
    comparator_before,
    is_generic,
    is_reference,
    noun_after,
    noun_head,
    split_subjects,
    subject_before,
)
from geodata.plans.figures import TIME_UNITS, Figure, find_figures
from geodata.plans.plan import Document, Passage, Section, Target
from geodata.plans.plan_years import (
    CLAUSE_YEAR,
    EVERY_YEAR,
    LOOK_BACK,
    PLAN_PERIOD,
    TO_YEAR,
    PlanYears,
    heading_year,
    plan_period,
    plan_years,
    year_number,
)
from geodata.plans.restatements import merge_restatements

Places = Callable[[str], "str | None"]  # text -> the first place it names (a feature name), or None

_SENTENCE_END = re.compile(r"[。！？!?]")
_CLAUSE_END = re.compile(r"[，,；;：:]|——")
_REVIEW = re.compile(r"发展基础|发展成就|主要成就|成就|回顾|主要成效|取得的成[效绩]")
_STATUS = re.compile(r"问题诊断|诊断|现状|存在的?问题|主要问题")
_STATUS_WORDS = re.compile(r"目前|当前|现有|截至目前|现状")
_ASPIRATION = re.compile(r"力争|争取")
_NUMBERING = r"(?:\d{1,2}[.．、]|[（(]\d{1,2}[）)])\s*"  # "1." "2、" "（3）" before an item
_LABEL = re.compile(rf"^(?:{_NUMBERING})?(?P<label>[^：:，,。；;（(]{{2,24}})[：:]")
_LEAD = re.compile(rf"^(?:{_NUMBERING})?(?P<lead>[^。！？，,：:]{2,16})。")
_PLANNED_AREA = re.compile(r"(?:规划|占地|用地|总)(?:面积|范围)$")  # a place's size: no year
_FROM = re.compile(r"(?:从|由)\s*$")
_RESPECTIVELY = "分别"
_EACH = re.compile(r"均|都")
_SUFFIX_COMPARATORS = {"以上": ">=", "以下": "<=", "以内": "<=", "之内": "<=", "内": "<=", "左右": "~", "上下": "~"}


@dataclass
class _Moment:
    """What the sentence read so far says about time and certainty."""

    year: int | None = None
    year_is_target: bool = False  # "到2025年" rather than "2020年"
    year_is_the_passages: bool = False  # from the passage's opening "到2025年，": a sentence's own time wins
    plan_end: int | None = None  # "“十四五”期间"
    plan_name: str | None = None
    every_year: str | None = None  # 每年
    status: bool = False  # 目前 …
    aspiration: bool = False  # 力争 / 争取 at the head of a clause
    subjects: list[str] = field(default_factory=list)  # the last "A、B、C" list, for 分别
    last_subject: str | None = None
    pending_base: str | None = None  # the X of "从X提高到Y"


@dataclass(frozen=True)
class _Setting:
    """What the headings above a passage say."""

    kind: str  # target, result or baseline
    year: int | None  # a year a heading names
    titles: tuple[str, ...]  # innermost first


def with_prose_commitments(document: Document, sections: Sequence[Section], passages: Sequence[Passage],
                           table_targets: Sequence[Target], text: str, *, places: Places | None = None
                           ) -> list[Target]:
    """The table targets followed by the prose commitments; a prose figure that restates a table row (or
    an earlier sentence) becomes a source of that target instead of a target of its own."""
    prose = prose_commitments(document, sections, passages, text, places=places)
    return merge_restatements(list(table_targets), prose)


def prose_commitments(document: Document, sections: Sequence[Section], passages: Sequence[Passage], text: str,
                      *, places: Places | None = None) -> list[Target]:
    """Every commitment in the paragraphs and box items (table rows are read as tables)."""
    years = plan_years(document.period, document.title, text)
    settings = _settings(sections)
    found = []
    for passage in passages:
        if passage.kind == "table_row":
            continue
        setting = settings.get(passage.section_key or "", _Setting("target", None, ()))
        found += _PassageReader(passage, setting, years, places, document.district).read()
    return found


def _settings(sections: Sequence[Section]) -> dict[str, _Setting]:
    by_key = {s.key: s for s in sections}
    settings = {}
    for section in sections:
        titles, key = [], section.key
        while key:
            titles.append(by_key[key].title)
            key = by_key[key].parent_key
        kind = "target"
        for title in titles:  # the nearest heading that says decides
            if _REVIEW.search(title):
                kind = "result"
                break
            if _STATUS.search(title):
                kind = "baseline"
                break
        year = next((y for y in map(heading_year, titles) if y), None)
        settings[section.key] = _Setting(kind, year, tuple(titles))
    return settings


class _PassageReader:
    def __init__(self, passage: Passage, setting: _Setting, years: PlanYears, places: Places | None,
                 district: str | None) -> None:
        self.passage, self.setting, self.years, self.places = passage, setting, years, places
        self.district = district  # the document's own: a commitment about it needs no scope of its own
        self.text = passage.text
        self.figures = sorted(find_figures(self.text), key=lambda f: f.start)
        self._figure_starts = [f.start for f in self.figures]  # a clause's figures by bisection: linear overall
        label = _LABEL.match(self.text)
        self.label = label["label"].strip() if label else None
        lead = _LEAD.match(self.text)
        self.lead = lead["lead"] if lead else None
        self.looked_back = False  # "5年来", "“十三五”时期…" seen: what follows reports results
        first_clause = _CLAUSE_END.search(self.text)
        opening = TO_YEAR.search(self.text[:first_clause.end()] if first_clause else self.text)
        self.opening_year = year_number(opening["year"]) if opening else None  # "到2025年，…": the whole passage
        self.label_place = self._own_place(self.label)
        self.heading_place = next((p for p in map(self._own_place, setting.titles) if p), None)

    def read(self) -> list[Target]:
        targets: list[Target] = []
        if not self.figures:
            return targets
        for start, end in _spans(self.text, _SENTENCE_END):
            moment = _Moment(year=self.opening_year, year_is_target=self.opening_year is not None,
                             year_is_the_passages=self.opening_year is not None)
            sentence = self.text[start:end]
            if LOOK_BACK.search(sentence) or self._names_past_plan(sentence):
                self.looked_back = True
            moment.status = bool(_STATUS_WORDS.search(sentence))
            for c_start, c_end in _spans(sentence, _CLAUSE_END):
                targets += self._clause(start + c_start, start + c_end, moment)
        return targets

    def _names_past_plan(self, sentence: str) -> bool:
        return any(found["when"] in ("时期", "期间") and not _is_base(sentence, found)
                   and self.years.is_past(plan_period(found)[1]) for found in PLAN_PERIOD.finditer(sentence))

    def _clause(self, start: int, end: int, moment: _Moment) -> list[Target]:
        first, past = (bisect.bisect_left(self._figure_starts, at) for at in (start, end))
        figures = self.figures[first:past]
        clause = self.text[start:end]
        self._note_time(clause, moment)
        head = _without_time(clause)
        if _ASPIRATION.match(re.sub(r"^[\s，,；;]*(?:并|且|同时|其中)?", "", head)):
            moment.aspiration = True
        if not figures:
            subject = noun_head(head)
            if subject:
                moment.last_subject = subject
            return []
        figures = [f for f in figures if not _measures_a_rate(self.text, f)]
        respectively = self._respectively(clause, start, figures, moment)
        targets = []
        cursor = start
        for index, figure in enumerate(figures):
            post, next_cursor = self._post(figures, index, end)
            if is_reference(post):
                cursor = next_cursor
                continue  # "…1.5万亿元的目标": a goal named, not an amount stated
            pre = self.text[cursor:figure.start]
            counted = "累计" if "累计" in self.text[start:figure.start] else None
            targets += self._read_figure(figure, pre, post, moment, respectively.get(figure.start), counted)
            cursor = next_cursor
        return targets

    def _post(self, figures: list[Figure], index: int, end: int) -> tuple[str, int]:
        """The text after a figure that may name what it counts, and where the next figure's own words
        begin (the text between two figures is read by both, except that in "70公里碧道建设、新建补水管道12公里"
        the first counts 碧道建设 and the second 新建补水管道)."""
        figure = figures[index]
        after = figure.suffix_end or figure.end
        next_start = figures[index + 1].start if index + 1 < len(figures) else end
        between = self.text[after:max(after, next_start)]
        if between.strip() == "的" and index + 1 < len(figures):  # "1792户的5626名…人口": the next one's noun
            return "的" + self._post(figures, index + 1, end)[0], after
        cut = between.rfind("、")
        if 0 <= cut < len(between.rstrip()) - 1 and index + 1 < len(figures):
            return between[:cut], after + cut + 1
        return between, after

    def _note_time(self, clause: str, moment: _Moment) -> None:
        target_year = TO_YEAR.search(clause)
        year = target_year or CLAUSE_YEAR.search(clause)
        if year:
            moment.year, moment.year_is_target = year_number(year["year"]), bool(target_year)
            moment.year_is_the_passages = False
        plan = next((p for p in PLAN_PERIOD.finditer(clause) if not _is_base(clause, p)), None)
        if plan and plan["when"] in ("期间", "时期"):
            moment.plan_end, moment.plan_name = plan_period(plan)[1], plan.group().strip()
            if moment.year_is_the_passages:
                moment.year = None
        every = EVERY_YEAR.search(clause)
        if every and every.group() == "每年":
            moment.every_year = "每年"

    def _respectively(self, clause: str, start: int, figures: list[Figure], moment: _Moment
                      ) -> dict[int, tuple[str, str]]:
        """figure start -> (subject, the wording before the list) for "A、B分别达到x、y"."""
        at = clause.find(_RESPECTIVELY)
        listed = [f for f in figures if f.start > start + at] if at >= 0 else []
        if len(listed) < 2:
            return {}
        subjects = split_subjects(subject_before(clause[:at]).subject)
        if len(subjects) < 2:
            subjects = moment.subjects
        if len(subjects) != len(listed):
            return {}
        moment.subjects = subjects
        wording = self.text[start + at + len(_RESPECTIVELY):listed[0].start]
        closing = listed[-1].suffix  # "分别达到13500名、3000名、10000名左右": the 左右 is the list's
        return {f.start: (s, wording + (closing or "") if not f.suffix else wording) for f, s in zip(listed, subjects)}

    def _read_figure(self, figure: Figure, pre: str, post: str, moment: _Moment,
                     respectively: tuple[str, str] | None, counted: str | None) -> list[Target]:
        wording = respectively[1] if respectively else pre
        before = subject_before(pre)
        change = change_of(wording, figure)
        if respectively:
            subjects = [respectively[0]]
        else:
            noun = None if figure.unit in TIME_UNITS else noun_after(post)
            subject = before.subject
            if noun and noun.linked and subject:
                subject = subject + noun.text
            elif noun:
                subject = noun.text
            if (subject.startswith("占") or is_generic(subject)) and moment.last_subject:
                subject = moment.last_subject + subject
            subject = subject or (moment.last_subject or "")
            subjects = split_subjects(subject) if _EACH.search(before.tail) else [subject]
        if not any(subjects):
            return []
        moment.last_subject = subjects[-1] if len(subjects) == 1 else "、".join(subjects)
        if len(subjects) > 1:
            moment.subjects = subjects
        kind, year = self._kind_and_year(before, moment)
        if kind == "baseline" and _FROM.search(before.tail):
            moment.pending_base = figure.text
        base = change.base if change else None
        if not base and moment.pending_base and kind != "baseline":
            base, moment.pending_base = moment.pending_base, None
        comparator = self._comparator(figure, wording, moment)
        return [self._target(figure, s, comparator, kind, year, change, base, counted, moment) for s in subjects]

    def _comparator(self, figure: Figure, wording: str, moment: _Moment) -> str:
        if figure.value_max is not None:
            return "between"
        suffix = figure.suffix or next((w for w in _SUFFIX_COMPARATORS if wording.endswith(w)), None)
        if suffix in ("以上", "以下", "以内", "之内", "内"):
            return _SUFFIX_COMPARATORS[suffix]
        if figure.more:
            return ">"
        said = comparator_before(wording)
        if said:
            return said
        if suffix:
            return _SUFFIX_COMPARATORS[suffix]
        if moment.aspiration or _ASPIRATION.search(wording):
            return "~"
        return "="

    def _kind_and_year(self, before: Before, moment: _Moment) -> tuple[str, int | None]:
        years = self.years
        if _FROM.search(before.tail):
            past = self.setting.kind == "result" or self.looked_back or (
                moment.year is not None and years.is_past(moment.year))
            return "baseline", before.year or (years.base_year if past else years.result_year)
        if before.year is not None:  # "增加到2020年的2260家"
            return ("result" if years.is_past(before.year) else "target"), before.year
        if moment.year is not None:
            if years.is_past(moment.year) and not moment.year_is_target:
                return ("baseline" if self.setting.kind == "baseline" or moment.status else "result"), moment.year
            if years.is_past(moment.year):
                return "result", moment.year
            return "target", moment.year
        if moment.plan_end is not None:
            if years.is_past(moment.plan_end):
                return "result", moment.plan_end
            return "target", moment.plan_end
        if moment.status:
            return "baseline", years.result_year
        if self.looked_back or self.setting.kind == "result":
            return "result", years.result_year
        if self.setting.kind == "baseline":
            return "baseline", years.result_year
        if moment.every_year or (self.label and _PLANNED_AREA.search(before.subject)):
            return "target", None
        return "target", self.setting.year or years.target_year

    def _target(self, figure: Figure, subject: str, comparator: str, kind: str, year: int | None,
                change: Change | None, base: str | None, period: str | None, moment: _Moment) -> Target:
        indicator = subject
        if change:
            indicator += change.word
        named = self._own_place(subject)
        place = named or self.label_place or self.heading_place
        if self.label_place and not named and self.label not in indicator:
            indicator = self.label + indicator  # "燕子湖片区" + "规划面积": the item's place names the figure
        if moment.every_year and kind == "target":
            period, year = moment.every_year, None
        elif change and change.yearly:
            period = "年均"
        elif period is None and moment.plan_name and kind == "target":
            period = moment.plan_name
        return Target(
            indicator=indicator, value_text=figure.number, value=figure.value, comparator=comparator,
            unit=figure.unit, year=year, category=category_of(indicator, self.lead or self.label, self.setting.titles),
            is_result=kind == "result", base_value_text=base, passage_ordinal=self.passage.ordinal, kind=kind,
            value_max=figure.value_max, period=period, span_start=figure.start, span_end=figure.end, scope=place,
        )

    def _own_place(self, text: str | None) -> str | None:
        """The place `text` names first, unless it is the document's own district (its default scope)."""
        found = self.places(text) if self.places and text else None
        return found if found != self.district else None


def _spans(text: str, ends: re.Pattern[str]) -> list[tuple[int, int]]:
    """[start, end) pieces of `text` cut after each match of `ends` (the mark stays with its piece)."""
    spans, start = [], 0
    for found in ends.finditer(text):
        spans.append((start, found.end()))
        start = found.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _measures_a_rate(text: str, figure: Figure) -> bool:
    """"公交站点500米覆盖率达96%": the 500米 defines the rate, the 96% is the commitment."""
    return figure.unit not in ("%", "倍") and bool(re.match(r"[\u4e00-\u9fff]{0,6}率", text[figure.end:figure.end + 7]))


def _is_base(clause: str, found: re.Match[str]) -> bool:
    """"是“十二五”期间的15倍", "比“十三五”期间下降10%": the period is what the figure compares with."""
    before = clause[max(0, found.start() - 2):found.start()]
    return clause[found.end():found.end() + 1] == "的" or bool(re.search(r"[是为比较于]$", before))


def _without_time(clause: str) -> str:
    for pattern in (TO_YEAR, CLAUSE_YEAR, PLAN_PERIOD, LOOK_BACK, EVERY_YEAR):
        clause = pattern.sub("", clause)
    return clause

