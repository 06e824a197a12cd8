"""Full-text search over passages and place names, for Chinese, Latin and digits alike.

Terms of 3+ characters go to a trigram index; shorter terms (河套, 前海, 5G) go to a single-character
index as a phrase. Whitespace separates terms, all of which must occur. Every hit is checked against the
text itself, so an index can only narrow the search, never invent a match.

Place names (every feature's name and aliases, imported layers' included) have their own pair of indexes
over the place_names table, kept by whatever changes the layers: the build (index_names), an import
(index_names for the new layers), rename_layer_names and drop_layer_names. A store without them (built
before they existed) gets them in the connection's temporary schema on the first place search.

A database store (PostgreSQL) has no FTS5: the same searches run on its own n-gram index, with the same
results and ranking (geodata/pg_search.py says how and what differs).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from geodata import pg_search
from geodata.feature_queries import layer_tables
from geodata.pg_search import name_entries, word_pieces
from geodata.sql import is_postgres, quoted
from geodata.store import char_tokens

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
    if is_postgres(db):
        return [PassageHit(row.passage_id, row.document_id, row.document_title, row.section_path, row.line_start,
                           row.line_end, *snippet_around(row.text, terms), row.score)
                for row in pg_search.passage_rows(db, terms, limit, RANKED_HITS_AT_MOST)]
    match = index_query(terms)
    if match is None:
        return []
    name, expression = match
    table = quoted(name)
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


def index_query(terms: list[str], trigrams: str = "passages_fts", chars: str = "passages_chars"
                ) -> tuple[str, str] | None:
    """The index table (`trigrams` or `chars`) and FTS5 expression that narrow the search to the rows that
    may hold all terms."""
    if terms and all(len(term) >= 3 for term in terms):
        return trigrams, " AND ".join(fts_string(term) for term in terms)
    pieces = [piece for term in terms for piece in word_pieces(term)]
    if not pieces:
        return None
    clauses = []
    for piece in pieces:
        if len(piece) == 1:
            clauses.append("chars : " + fts_string(piece))
        else:
            clauses.append("pairs : " + fts_string(" ".join(a + b for a, b in zip(piece, piece[1:]))))
    return chars, " AND ".join(clauses)


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


PLACE_CANDIDATES = 300  # index hits read per place search, in index order (built-in layers first), then ranked
NAME_INDEX_SCHEMA = """
CREATE TABLE {schema}.place_names (id INTEGER PRIMARY KEY, feature_id TEXT NOT NULL, layer TEXT NOT NULL,
    name TEXT NOT NULL, surface TEXT NOT NULL, kind TEXT NOT NULL, districts TEXT NOT NULL);
CREATE INDEX {schema}.place_names_by_layer ON place_names (layer);
CREATE VIRTUAL TABLE {schema}.place_names_fts USING fts5(surface, content='place_names', content_rowid='id',
    tokenize='trigram');
CREATE VIRTUAL TABLE {schema}.place_names_chars USING fts5(chars, pairs, content='', tokenize='unicode61');
"""
NAME_INDEX_TABLES = ("place_names", "place_names_fts", "place_names_chars")


@dataclass(frozen=True)
class PlaceHit:
    feature_id: str
    name: str
    surface: str  # the name or alias that matched
    kind: str
    districts: tuple[str, ...]


def search_places(db: sqlite3.Connection, query: str, limit: int = 8) -> list[PlaceHit]:
    """Features whose name or an alias contains every term of `query`, one hit per feature: names that
    start with the first term first, then shorter names, among the first PLACE_CANDIDATES (or `limit`) in
    index order. Costs one index lookup whatever the layers' size."""
    terms = query_terms(query)
    if is_postgres(db):
        if not pg_search.has_place_index(db):
            return []
        return _place_hits([row[1:] for row in pg_search.place_rows(db, terms, max(PLACE_CANDIDATES, limit))],
                           terms, limit)
    match = index_query(terms, "place_names_fts", "place_names_chars")
    if match is None:
        return []
    _readable_name_index(db)
    name, expression = match
    table = quoted(name)
    rows = db.execute(
        f"""SELECT n.feature_id, n.name, n.surface, n.kind, n.districts FROM {table} f
            JOIN place_names n ON n.id = f.rowid WHERE {table} MATCH ? ORDER BY f.rowid LIMIT ?""",
        (expression, max(PLACE_CANDIDATES, limit)),
    ).fetchall()
    return _place_hits(rows, terms, limit)


def _place_hits(rows: list[tuple], terms: list[str], limit: int) -> list[PlaceHit]:
    """The (feature_id, name, surface, kind, districts) rows that contain every term, one per feature: those
    starting with the first term first, then shorter names, else in the rows' order."""
    found = sorted((row for row in rows if all(term in row[2].lower() for term in terms)),
                   key=lambda row: (not row[2].lower().startswith(terms[0]), len(row[2])))
    hits: dict[str, PlaceHit] = {}
    for feature_id, feature_name, surface, kind, districts in found:
        if feature_id not in hits:
            hits[feature_id] = PlaceHit(feature_id, feature_name, surface, kind, tuple(json.loads(districts)))
        if len(hits) == limit:
            break
    return list(hits.values())


def count_places(db: sqlite3.Connection, query: str, at_most: int) -> int:
    """How many features have a name or alias containing every term of `query`, among the first `at_most`
    such names (counting a million matches of 地 would cost more than a keystroke allows)."""
    if is_postgres(db):
        if not pg_search.has_place_index(db):
            return 0
        return len({row[1] for row in pg_search.place_rows(db, query_terms(query), at_most)})
    match = index_query(query_terms(query), "place_names_fts", "place_names_chars")
    if match is None:
        return 0
    _readable_name_index(db)
    name, expression = match
    table = quoted(name)
    return db.execute(
        f"""SELECT count(DISTINCT n.feature_id) FROM (SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?) f
            JOIN place_names n ON n.id = f.rowid""", (expression, at_most)).fetchone()[0]


def has_name_index(db: sqlite3.Connection, schema: str = "main") -> bool:
    if is_postgres(db):
        return schema == "main" and pg_search.has_place_index(db)
    master = "sqlite_temp_master" if schema == "temp" else "sqlite_master"
    present = {row[0] for row in db.execute(f"SELECT name FROM {master} WHERE name IN (?, ?, ?)", NAME_INDEX_TABLES)}
    return present == set(NAME_INDEX_TABLES)


def _readable_name_index(db: sqlite3.Connection) -> None:
    """A store without the stored index (an older build) gets one in the connection's temporary schema,
    which a read-only connection may write."""
    if not has_name_index(db) and not has_name_index(db, "temp"):
        index_names(db, schema="temp")


def index_names(db: sqlite3.Connection, layers: list[str] | None = None, schema: str = "main") -> int:
    """(Re)index the names and aliases of `layers` (every feature layer when None), creating the index when
    the store has none; returns the names indexed. Run inside the writer's transaction."""
    if is_postgres(db):
        if pg_search.create_place_index(db):
            layers = None
        return pg_search.index_place_names(db, layer_tables(db) if layers is None else layers)
    if not has_name_index(db, schema):
        db.executescript(NAME_INDEX_SCHEMA.format(schema=schema))
        layers = None
    chosen = layer_tables(db) if layers is None else layers
    count = 0
    for layer in chosen:
        drop_layer_names(db, layer)
        rows = db.execute(f"SELECT id, name, aliases, kind, districts FROM {quoted(layer)} ORDER BY fid")
        count += _insert_names(db, layer, rows)
    return count


def _insert_names(db: sqlite3.Connection, layer: str, rows) -> int:
    start = (db.execute("SELECT max(id) FROM place_names").fetchone()[0] or 0) + 1
    entries = [(start + number, feature_id, layer, *rest)
               for number, (feature_id, *rest) in enumerate(name_entries(rows))]
    db.executemany("INSERT INTO place_names VALUES (?, ?, ?, ?, ?, ?, ?)", entries)
    db.execute("INSERT INTO place_names_fts (rowid, surface) SELECT id, surface FROM place_names WHERE id >= ?",
               (start,))
    db.executemany("INSERT INTO place_names_chars (rowid, chars, pairs) VALUES (?, ?, ?)",
                   ((entry[0], *char_tokens(entry[4])) for entry in entries))
    return len(entries)


def drop_layer_names(db: sqlite3.Connection, layer: str) -> None:
    """Take a layer's names out of the index (a removed layer, or before indexing it again)."""
    if is_postgres(db):
        if pg_search.has_place_index(db):
            pg_search.drop_place_names(db, layer)
        return
    if not has_name_index(db) and not has_name_index(db, "temp"):
        return
    rows = db.execute("SELECT id, surface FROM place_names WHERE layer = ?", (layer,)).fetchall()
    db.executemany("INSERT INTO place_names_fts (place_names_fts, rowid, surface) VALUES ('delete', ?, ?)", rows)
    db.executemany("INSERT INTO place_names_chars (place_names_chars, rowid, chars, pairs) VALUES ('delete', ?, ?, ?)",
                   ((row_id, *char_tokens(surface)) for row_id, surface in rows))
    db.execute("DELETE FROM place_names WHERE layer = ?", (layer,))


def rename_layer_names(db: sqlite3.Connection, old: str, new: str) -> None:
    """A renamed layer keeps its features' ids and names: only the layer they are listed under changes."""
    if has_name_index(db):
        db.execute("UPDATE place_names SET layer = ? WHERE layer = ?", (new, old))
