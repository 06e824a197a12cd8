"""The plan reader's pages: a section (or a document's preamble) as passages with their place mentions."""

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
from layers.rich_text import section_html


@dataclass(frozen=True)
class ReaderParagraph:
    passage_id: int
    text: str
    mentions: tuple[tuple[str, int, int], ...]  # (feature id, start, end)


@dataclass(frozen=True)
class ReaderPage:
    document_id: str
    section_id: int | None  # None: the document's text before its first heading
    title: str
    paragraphs: tuple[ReaderParagraph, ...]

    def html(self, selected_feature: str | None = None, current_passage: int | None = None) -> str:
        return section_html(self.title, [(p.passage_id, p.text, p.mentions) for p in self.paragraphs],
                            selected_feature, current_passage)

    def mentions_of(self, feature_id: str) -> int:
        return sum(1 for p in self.paragraphs for fid, _, _ in p.mentions if fid == feature_id)


def _paragraphs(db: sqlite3.Connection, passages: list[PassageView]) -> tuple[ReaderParagraph, ...]:
    return tuple(ReaderParagraph(p.id, p.text, tuple(tuple(m) for m in mentions_in(db, p.id))) for p in passages)


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
