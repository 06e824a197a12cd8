"""Finding the places the plans mention: every name and alias of every feature, in every passage.

Matching is leftmost-longest over all names at once, so a short alias inside a longer name (坪山 in
坪山高新区, 1号线 in 11号线 or 云巴1号线) is not counted as a mention of the shorter one.

All names are found in one pass of an Aho-Corasick automaton (pyahocorasick), and a passage is read
once for the words that mark a definition, so linking takes time in proportion to the text's length
however long one paragraph is (a 50 MB one-line plan links in seconds).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from geodata.features import Feature


@dataclass(frozen=True)
class Mention:
    feature_id: str
    start: int  # character offsets in the passage text, [start, end)
    end: int
    matched: str


# "6、7、8号线": at most 64 numbers in one list, so a long run of numbers is read in linear time.
NUMBER_LIST = re.compile(r"(?<![0-9])(?P<items>(?:\d+[、,，和及与]){1,64})\d+(?P<suffix>号线)")


class Gazetteer:
    def __init__(self, features: Iterable[Feature]) -> None:
        self.feature_by_surface: dict[str, str] = {}
        for feature in features:
            for surface in (feature.name, *feature.aliases):
                surface = surface.strip()
                # A name wins over another feature's alias; the first feature keeps a shared alias.
                if len(surface) >= 2 and (
                    surface not in self.feature_by_surface or surface == feature.name
                ):
                    self.feature_by_surface[surface] = feature.id
        self.automaton: ahocorasick.Automaton | None = None
        if self.feature_by_surface:
            self.automaton = ahocorasick.Automaton()
            for surface in self.feature_by_surface:
                # A name that starts or ends with a Latin letter or digit must not start or end inside a
                # longer number or word: 1号线 is not in 11号线.
                self.automaton.add_word(surface, (surface, is_word_char(surface[0]), is_word_char(surface[-1])))
            self.automaton.make_automaton()

    def mentions(self, text: str) -> list[Mention]:
        if self.automaton is None:
            return []
        longest: dict[int, int] = {}  # start -> end of the longest name that stands on its own there
        size = len(text)
        for last, (surface, bounded_start, bounded_end) in self.automaton.iter(text):
            end = last + 1
            start = end - len(surface)
            if end <= longest.get(start, start):
                continue
            if bounded_start and start > 0 and is_word_char(text[start - 1]):
                continue
            if bounded_end and end < size and is_word_char(text[end]):
                continue
            longest[start] = end
        found, taken_to = [], 0
        for start in sorted(longest):  # leftmost first; the longest there; none overlapping
            if start >= taken_to:
                taken_to = longest[start]
                surface = text[start:taken_to]
                found.append(Mention(self.feature_by_surface[surface], start, taken_to, surface))
        return sorted(found + self.listed_numbers(text, found), key=lambda mention: mention.start)

    def listed_numbers(self, text: str, found: list[Mention]) -> list[Mention]:
        """Lines named in a list that shares its suffix: "6、7、8号线" names 6号线 and 7号线 too."""
        if "号线" not in text:
            return []
        taken = {(mention.start, mention.end) for mention in found}
        extra = []
        for listing in NUMBER_LIST.finditer(text):
            suffix = listing.group("suffix")
            for number in re.finditer(r"\d+", listing.group("items")):
                feature_id = self.feature_by_surface.get(number.group() + suffix)
                span = (listing.start("items") + number.start(), listing.start("items") + number.end())
                if feature_id and span not in taken:
                    extra.append(Mention(feature_id, *span, number.group()))
        return extra


def is_word_char(ch: str) -> bool:
    """A Latin letter or digit ([0-9A-Za-z]): the characters a number or Latin word is made of."""
    return ch.isascii() and ch.isalnum()


LABEL_END = "：:（(，,、"
DEFINING_WORDS = "(涵盖|包括|包含|位于|规划面积|定位为|范围为)"  # "北部组团涵盖西丽、桃源街道"
DEFINING_WORD_AT = re.compile(f"(?={DEFINING_WORDS})")  # every place one starts, overlapping or not
LEADING_MARK = re.compile(r"^\s*(\d+[.、．]|[-*]|\*\*)\s*")


class PassageScorer:
    """How strongly one passage reads as the definition of each feature it mentions (defining_score),
    reading the passage once: the places where a defining word starts are found in one pass, and what
    precedes them is looked up, instead of searching the whole text again for every mention."""

    def __init__(self, passage_kind: str, text: str, section_title: str) -> None:
        self.kind = passage_kind
        self.text = text
        self.section_title = section_title
        mark = LEADING_MARK.match(text)
        self.head = text[mark.end():mark.end() + 40] if mark else text[:40]
        self.scores: dict[str, int] = {}
        self.defining_at: list[int] | None = None
        self.before_defining: dict[int, set[str]] = {}  # name length -> the strings that long before one

    def score(self, feature: Feature) -> int:
        if feature.id not in self.scores:
            self.scores[feature.id] = self._score(feature)
        return self.scores[feature.id]

    def _score(self, feature: Feature) -> int:
        """Its box entry scores highest, then a passage that opens with the name as a label
        ("一轴:科技创新轴,…", "燕子湖片区：…") or says what the place covers ("北部组团涵盖…")."""
        head = self.head
        names = (feature.name, *feature.aliases)
        for name in names:
            labelled = head.startswith(name) and (len(head) == len(name) or head[len(name)] in LABEL_END)
            if labelled and self.kind == "box_item":
                return 3
            if labelled or re.match(r"[^，。：:]{0,8}[：:]\s*" + re.escape(name) + "[" + LABEL_END + "]", head):
                return 2
            if self.precedes_defining_word(name):
                return 2
        if any(name in self.section_title for name in names):
            return 1
        return 0

    def precedes_defining_word(self, name: str) -> bool:
        """Whether `name` stands right before a defining word somewhere in the text."""
        if self.defining_at is None:
            self.defining_at = [match.start() for match in DEFINING_WORD_AT.finditer(self.text)]
        size = len(name)
        if size not in self.before_defining:
            self.before_defining[size] = {self.text[at - size:at] for at in self.defining_at if at >= size}
        return name in self.before_defining[size]


def defining_score(feature: Feature, passage_kind: str, text: str, section_title: str) -> int:
    """How strongly a passage reads as the definition of a feature (see PassageScorer)."""
    return PassageScorer(passage_kind, text, section_title).score(feature)
