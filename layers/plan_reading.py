"""The plan reader's pages: a section (or a document's preamble) as passages with their place mentions: the
features' (links), and the register's places without a feature (not drawn, groups, choices)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from geodata.passages import (
    PassageView,
    document_title,
    mentions_in,
    passage,
    passages_in_section,
    preamble_passages,
    section,
)
from geodata.place_register import place_mentions_in, place_register
from geodata.store import StoreError
from layers.rich_text import section_html


@dataclass(frozen=True)
class ReaderParagraph:
    passage_id: int
    text: str
    mentions: tuple[tuple[str, int, int], ...]  # (feature id, start, end)
    places: tuple[tuple[str, int, int, str], ...] = ()  # (register name, start, end, status) of places with no feature


@dataclass(frozen=True)
class ReaderPage:
    document_id: str
    section_id: int | None  # None: the document's text before its first heading
    title: str
    paragraphs: tuple[ReaderParagraph, ...]

    def html(self, selected_feature: str | None = None, current_passage: int | None = None,
             figure: tuple[int, int, int] | None = None) -> str:
        """The page as rich text; `figure` (passage id, start, end) marks a target's figure."""
        return section_html(self.title, [(p.passage_id, p.text, p.mentions, p.places) for p in self.paragraphs],
                            selected_feature, current_passage, figure)

    def mentions_of(self, feature_id: str) -> int:
        return sum(1 for p in self.paragraphs for fid, _, _ in p.mentions if fid == feature_id)


def _paragraphs(db: sqlite3.Connection, passages: list[PassageView]) -> tuple[ReaderParagraph, ...]:
    try:
        status = {entry.name: entry.status for entry in place_register(db) if entry.status != "drawn"}
    except StoreError:  # a store built before the register: its places are plain text
        status = {}
    return tuple(
        ReaderParagraph(p.id, p.text, tuple(tuple(m) for m in mentions_in(db, p.id)),
                        tuple((name, start, end, status[name]) for name, start, end, _ in
                              (place_mentions_in(db, p.id) if status else ()) if name in status))
        for p in passages
    )


def section_page(db: sqlite3.Connection, section_id: int) -> ReaderPage:
    found = section(db, section_id)
    if found is None:
        raise KeyError(f"no section {section_id} in the store")
    return ReaderPage(found.document_id, section_id, found.path, _paragraphs(db, passages_in_section(db, section_id)))


def document_page(db: sqlite3.Connection, document_id: str) -> ReaderPage:
    """The passages before the first heading (lead, preamble); empty for documents that start with one."""
    title = document_title(db, document_id)
    if title is None:
        raise KeyError(f"no document {document_id!r} in the store")
    return ReaderPage(document_id, None, title, _paragraphs(db, preamble_passages(db, document_id)))


def page_of_passage(db: sqlite3.Connection, passage_id: int) -> ReaderPage | None:
    found = passage(db, passage_id)
    if found is None:
        return None
    if found.section_id is None:
        return document_page(db, found.document_id)
    return section_page(db, found.section_id)
