"""Finding the places the plans mention: every name and alias of every feature, in every passage.

Matching is leftmost-longest over all names at once, so a short alias inside a longer name (坪山 in
坪山高新区, 1号线 in 11号线 or 云巴1号线) is not counted as a mention of the shorter one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from geodata.features import Feature


@dataclass(frozen=True)
class Mention:
    feature_id: str
    start: int  # character offsets in the passage text, [start, end)
    end: int
    matched: str


NUMBER_LIST = re.compile(r"(?<![0-9])(?P<items>(?:\d+[、,，和及与])+)\d+(?P<suffix>号线)")


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
        surfaces = sorted(self.feature_by_surface, key=len, reverse=True)
        self.pattern = re.compile("|".join(bounded(s) for s in surfaces)) if surfaces else None

    def mentions(self, text: str) -> list[Mention]:
        if self.pattern is None:
            return []
        found = [
            Mention(self.feature_by_surface[m.group()], m.start(), m.end(), m.group())
            for m in self.pattern.finditer(text)
        ]
        return sorted(found + self.listed_numbers(text, found), key=lambda mention: mention.start)

    def listed_numbers(self, text: str, found: list[Mention]) -> list[Mention]:
        """Lines named in a list that shares its suffix: "6、7、8号线" names 6号线 and 7号线 too."""
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


def bounded(surface: str) -> str:
    """A pattern for `surface` that does not match inside a longer number or Latin word."""
    pattern = re.escape(surface)
    if surface[0].isascii() and surface[0].isalnum():
        pattern = r"(?<![0-9A-Za-z])" + pattern
    if surface[-1].isascii() and surface[-1].isalnum():
        pattern += r"(?![0-9A-Za-z])"
    return pattern


LABEL_END = "：:（(，,、"
DEFINING_WORDS = "(涵盖|包括|包含|位于|规划面积|定位为|范围为)"  # "北部组团涵盖西丽、桃源街道"


def defining_score(feature: Feature, passage_kind: str, text: str, section_title: str) -> int:
    """How strongly a passage reads as the definition of a feature: its box entry scores highest,
    then a passage that opens with the name as a label ("一轴:科技创新轴,…", "燕子湖片区：…")."""
    head = re.sub(r"^\s*(\d+[.、．]|[-*]|\*\*)\s*", "", text)[:40]
    for name in (feature.name, *feature.aliases):
        labelled = head.startswith(name) and (len(head) == len(name) or head[len(name)] in LABEL_END)
        if labelled and passage_kind == "box_item":
            return 3
        if labelled or re.match(r"[^，。：:]{0,8}[：:]\s*" + re.escape(name) + "[" + LABEL_END + "]", head):
            return 2
        if re.search(re.escape(name) + DEFINING_WORDS, text):
            return 2
    if any(name in section_title for name in (feature.name, *feature.aliases)):
        return 1
    return 0
