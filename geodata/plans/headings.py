"""Recognising headings in Chinese plan texts: 第X章 / 第X节 / 一、 / （一） / 专栏N / numbered items.

Depth comes from the heading words, never from markdown `#` counts (exports get those wrong).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = "一二三四五六七八九十百零〇两"
_MARKUP = re.compile(r"^\s*#+\s*|\*\*")
_PART = re.compile(rf"^(第[{_NUM}\d]+(?:编|篇|部分))\s*(.*)$")
_CHAPTER = re.compile(rf"^(第[{_NUM}\d]+章)\s*(.*)$")
_SECTION = re.compile(rf"^(第[{_NUM}\d]+节)\s*(.*)$")
_ENUM = re.compile(rf"^([{_NUM}]+)、\s*(.+)$")
_PAREN_ENUM = re.compile(rf"^[（(]([{_NUM}]+)[）)]\s*(.+)$")
_PREFACE = re.compile(r"^(前\s*言|序\s*言|引\s*言)$")
_BOX = re.compile(r"^专栏\s*(\d+)\s*[：:]?\s*(.*)$")
_ITEM = re.compile(r"^(\d{1,3})[.．]\s*(\S.*)$")
_TOC_TITLE = re.compile(r"^目\s*录$")
_DOT_LEADER = re.compile(r"(?:\.{3,}|…{2,}|·{3,})")
_PAGE_NUMBER = re.compile(r"\t\s*\d{1,3}\s*$")
_SENTENCE_END = "。！？!?；;"
_MAX_HEADING = 80
_MAX_ITEM_LEAD = 40

# Rank orders the heading kinds: a heading closes every open heading of equal or lower rank.
RANK_PART, RANK_CHAPTER, RANK_SECTION, RANK_ENUM, RANK_PAREN, RANK_ITEM, RANK_BOX = range(7)


@dataclass(frozen=True)
class Heading:
    """A recognised heading line; `kind` uses the Section kinds of geodata.plans.plan."""

    kind: str
    rank: int
    number: str | None
    title: str


def strip_markup(line: str) -> str:
    """The line without markdown `#` prefixes, `**` bold markers and surrounding whitespace."""
    return _MARKUP.sub("", line).strip()


def is_toc_title(line: str) -> bool:
    return bool(_TOC_TITLE.match(strip_markup(line)))


def looks_like_toc_entry(line: str) -> bool:
    """A table-of-contents line: dot leaders, or a heading followed by a tab and a page number."""
    if _DOT_LEADER.search(line):
        return True
    return bool(_PAGE_NUMBER.search(line)) and match_heading(_PAGE_NUMBER.sub("", line)) is not None


def match_heading(line: str) -> Heading | None:
    """The heading on this line, or None. Long lines and full sentences are content, not headings."""
    text = strip_markup(line)
    if not text or len(text) > _MAX_HEADING or "\t" in text:
        return None
    if _PREFACE.match(text):
        return Heading("preface", RANK_CHAPTER, None, text.replace(" ", ""))
    for pattern, kind, rank in (
        (_PART, "part", RANK_PART),
        (_CHAPTER, "chapter", RANK_CHAPTER),
        (_SECTION, "section", RANK_SECTION),
    ):
        found = pattern.match(text)
        if found:
            return Heading(kind, rank, found.group(1), found.group(2).strip())
    if any(mark in text for mark in _SENTENCE_END):
        return None
    found = _ENUM.match(text)
    if found:
        return Heading("subsection", RANK_ENUM, found.group(1), found.group(2).strip())
    found = _PAREN_ENUM.match(text)
    if found:
        return Heading("subsection", RANK_PAREN, f"（{found.group(1)}）", found.group(2).strip())
    return None


def match_box(line: str) -> Heading | None:
    """A 专栏 box title such as "专栏 7：“1+7”重点片区" (number normalised to "专栏7")."""
    found = _BOX.match(strip_markup(line))
    if not found:
        return None
    return Heading("box", RANK_BOX, f"专栏{found.group(1)}", found.group(2).strip())


def match_item(paragraph: str) -> Heading | None:
    """A numbered paragraph whose short lead sentence names it ("1. 深圳经济特区……奇迹。……").

    Returns None for numbered lines that are just statements (no short lead followed by more text).
    """
    found = _ITEM.match(strip_markup(paragraph))
    if not found:
        return None
    body = found.group(2)
    lead = re.split(r"[。：:]", body, maxsplit=1)
    if len(lead[0]) > _MAX_ITEM_LEAD or re.search(r"[,，；;]", lead[0]):
        return None
    if len(lead) == 1 or lead[1].strip():
        return Heading("item", RANK_ITEM, found.group(1), lead[0].strip())
    return None
