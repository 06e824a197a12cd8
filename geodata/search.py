"""Full-text search over passages, for Chinese, Latin and digits alike.

Terms of 3+ characters go to the trigram index; shorter terms (河套, 前海, 5G) go to the single-character
index as a phrase. Whitespace separates terms, all of which must occur. Every hit is checked against the
passage text itself, so the index can only narrow the search, never invent a match.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

SNIPPET_CHARS = 60
RANKED_HITS_AT_MOST = 3000  # beyond this, bm25 over every hit costs more than a keystroke allows


@dataclass(frozen=True)
class PassageHit:
    passage_id: int
    document_id: str
    document_title: str
    section_path: str
    line_start: int
    line_end: int
    snippet: str
    highlights: tuple[tuple[int, int], ...]  # [start, end) character spans of the terms in `snippet`
    score: float


def search_passages(db: sqlite3.Connection, query: str, limit: int = 20) -> list[PassageHit]:
    """Passages containing every term of `query`, best first (bm25) unless the terms are so common
    that ranking every hit would be slow; then in document order."""
    terms = query_terms(query)
    match = index_query(terms)
    if match is None:
        return []
    table, expression = match
    total = db.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", (expression,)).fetchone()[0]
    order = "f.rank" if total <= RANKED_HITS_AT_MOST else "f.rowid"
    rows = db.execute(
        f"""SELECT p.id, p.text, p.document_id, d.title, coalesce(s.path, ''), p.line_start, p.line_end,
                   {"f.rank" if order == "f.rank" else "0"}
            FROM {table} f JOIN passages p ON p.id = f.rowid
            JOIN documents d ON d.id = p.document_id LEFT JOIN sections s ON s.id = p.section_id
            WHERE {table} MATCH ? ORDER BY {order} LIMIT ?""",
        (expression, limit * 2 + 10),
    ).fetchall()
    hits = []
    for passage_id, text, doc_id, title, path, start, end, rank in rows:
        if not all(term in text.lower() for term in terms):
            continue
        snippet, spans = snippet_around(text, terms)
        hits.append(PassageHit(passage_id, doc_id, title, path, start, end, snippet, spans, -rank))
        if len(hits) == limit:
            break
    return hits


def index_query(terms: list[str]) -> tuple[str, str] | None:
    """The index table and FTS5 expression that narrow the search to passages that may hold all terms."""
    if terms and all(len(term) >= 3 for term in terms):
        return "passages_fts", " AND ".join(fts_string(term) for term in terms)
    pieces = [piece for term in terms for piece in re.split(r"[^\w]+|_", term) if piece]
    if not pieces:
        return None
    clauses = []
    for piece in pieces:
        if len(piece) == 1:
            clauses.append("chars : " + fts_string(piece))
        else:
            clauses.append("pairs : " + fts_string(" ".join(a + b for a, b in zip(piece, piece[1:]))))
    return "passages_chars", " AND ".join(clauses)


def query_terms(query: str) -> list[str]:
    return [term for term in query.lower().split() if term]


def fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def snippet_around(text: str, terms: list[str], width: int = SNIPPET_CHARS) -> tuple[str, tuple]:
    """A window of `text` around the first term, with the spans of every term inside it."""
    lowered = text.lower()
    first = min((lowered.find(term) for term in terms if term in lowered), default=0)
    start = max(0, first - width // 3)
    end = min(len(text), start + width + max(len(t) for t in terms))
    prefix, suffix = ("…" if start > 0 else ""), ("…" if end < len(text) else "")
    window = lowered[start:end]
    spans = []
    for term in terms:
        at = window.find(term)
        while at != -1:
            spans.append((len(prefix) + at, len(prefix) + at + len(term)))
            at = window.find(term, at + len(term))
    return prefix + text[start:end] + suffix, tuple(sorted(spans))


def mark(snippet: str, spans: tuple[tuple[int, int], ...], before: str = "【", after: str = "】") -> str:
    """The snippet with each highlighted span wrapped in markers, for plain-text output."""
    out, at = [], 0
    for start, end in spans:
        if start < at:
            continue
        out += [snippet[at:start], before, snippet[start:end], after]
        at = end
    out.append(snippet[at:])
    return "".join(out)
