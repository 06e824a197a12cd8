"""Reading the plan text back from the store: documents, sections, passages and their mentions."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentInfo:
    id: str
    title: str
    level: str
    district: str | None
    period: str | None
    issuer: str | None
    date: str | None
    kind: str
    source_file: str
    sha256: str
    origin: str  # "seed" or "added"
    sections: int
    passages: int
    targets: int


@dataclass(frozen=True)
class SectionInfo:
    id: int
    document_id: str
    key: str
    parent_key: str | None
    depth: int
    kind: str
    number: str | None
    title: str
    path: str


@dataclass(frozen=True)
class PassageView:
    id: int
    document_id: str
    document_title: str
    section_id: int | None
    section_path: str
    ordinal: int
    kind: str
    text: str
    line_start: int
    line_end: int
    is_defining: bool = False


_PASSAGE_COLUMNS = """p.id, p.document_id, d.title, p.section_id, coalesce(s.path, ''), p.ordinal, p.kind,
    p.text, p.line_start, p.line_end"""
_PASSAGE_JOINS = " JOIN documents d ON d.id = p.document_id LEFT JOIN sections s ON s.id = p.section_id "
# Fixed query heads; the caller adds a WHERE with bound values.
_SELECT_PASSAGES = "SELECT " + _PASSAGE_COLUMNS + " FROM passages p" + _PASSAGE_JOINS
_SELECT_SECTIONS = "SELECT id, document_id, key, parent_key, depth, kind, number, title, path FROM sections "


def documents(db: sqlite3.Connection) -> list[DocumentInfo]:
    rows = db.execute(
        """SELECT d.id, d.title, d.level, d.district, d.period, d.issuer, d.date, d.kind, d.source_file,
                  d.sha256, d.origin,
                  (SELECT count(*) FROM sections WHERE document_id = d.id),
                  (SELECT count(*) FROM passages WHERE document_id = d.id),
                  (SELECT count(*) FROM targets WHERE document_id = d.id)
           FROM documents d ORDER BY d.position"""
    ).fetchall()
    return [DocumentInfo(*row) for row in rows]


def sections_of(db: sqlite3.Connection, document_id: str) -> list[SectionInfo]:
    rows = db.execute(_SELECT_SECTIONS + "WHERE document_id = ? ORDER BY id",
                      (document_id,)).fetchall()
    return [SectionInfo(*row) for row in rows]


def document_title(db: sqlite3.Connection, document_id: str) -> str | None:
    row = db.execute("SELECT title FROM documents WHERE id = ?", (document_id,)).fetchone()
    return row[0] if row else None


def section(db: sqlite3.Connection, section_id: int) -> SectionInfo | None:
    row = db.execute(_SELECT_SECTIONS + "WHERE id = ?", (section_id,)).fetchone()
    return SectionInfo(*row) if row else None


def passage(db: sqlite3.Connection, passage_id: int) -> PassageView | None:
    row = db.execute(_SELECT_PASSAGES + "WHERE p.id = ?",
                     (passage_id,)).fetchone()
    return PassageView(*row) if row else None


def passages_in_section(db: sqlite3.Connection, section_id: int) -> list[PassageView]:
    """The passages of a section and of all its sub-sections, in reading order."""
    rows = db.execute(
        _SELECT_PASSAGES + """WHERE p.section_id IN (
                SELECT c.id FROM sections c, sections top WHERE top.id = ?
                AND c.document_id = top.document_id
                AND (c.id = top.id OR substr(c.path, 1, length(top.path) + 3) = top.path || ' › '))
            ORDER BY p.ordinal""",
        (section_id,),
    ).fetchall()
    return [PassageView(*row) for row in rows]


def preamble_passages(db: sqlite3.Connection, document_id: str) -> list[PassageView]:
    """A document's passages before its first heading (lead, preamble), in reading order."""
    rows = db.execute(
        _SELECT_PASSAGES + """WHERE p.document_id = ? AND p.section_id IS NULL ORDER BY p.ordinal""",
        (document_id,),
    ).fetchall()
    return [PassageView(*row) for row in rows]


def passages_mentioning(db: sqlite3.Connection, feature_id: str) -> list[PassageView]:
    """Passages that name a feature: the one defining it first, then in document order."""
    rows = db.execute(
        "SELECT " + _PASSAGE_COLUMNS + """, fp.defining FROM (
                SELECT passage_id, max(is_defining) AS defining FROM feature_passages WHERE feature_id = ?
                GROUP BY passage_id) fp
            JOIN passages p ON p.id = fp.passage_id""" + _PASSAGE_JOINS + """
            ORDER BY fp.defining DESC, d.position, p.ordinal""",
        (feature_id,),
    ).fetchall()
    return [PassageView(*row[:-1], is_defining=bool(row[-1])) for row in rows]


def mentions_in(db: sqlite3.Connection, passage_id: int) -> list[tuple[str, int, int]]:
    """(feature id, start, end) of every mapped place name in a passage, for linking names in the reader."""
    return db.execute(
        'SELECT feature_id, start, "end" FROM feature_passages WHERE passage_id = ? AND start IS NOT NULL '
        "ORDER BY start",
        (passage_id,),
    ).fetchall()
