"""Search in a database store: the GeoPackage's full-text search, rebuilt as an n-gram index of our own in SQL.

Why not pg_trgm: pg_trgm takes its trigrams from the "words" of the text as the database's locale sees them,
and with LC_CTYPE=C (a common server default) no CJK character is a word character, so Chinese text yields no
trigrams at all; and a trigram index cannot narrow a query of one or two characters (湾, 河套, 5G), which are
most Chinese place and topic words. Our grams are made in Python, so they do not depend on the server's
locale, need no extension, and serve every query length.

The grams of a text are those of the GeoPackage's short-term index (store.char_tokens): every word
character and every pair of adjacent word characters of the lower-cased text. Trigrams were measured and
left out: over the seed plans the pairs alone narrow a 3-character query to 1.07 times its true hits (4
characters 1.13, 6 characters 1.04) and the text check does the rest, while trigrams would add about half
again to the index.
- Passages: passage_grams(passage_id, grams TEXT[], frequencies INT[], char_tokens), one row per passage,
  under a GIN index on grams. A (gram, passage_id) table under a B-tree was tried first: for 40k passages
  (6.7 M characters) it took 570 MB where the gram sets, frequencies and GIN index take 99 MB, for the same
  speed up to a few thousand hits (the 25k passages holding 的: 16 ms against 6 ms). passage_gram_counts
  holds each gram's passage count (the IDF of bm25), search_sizes the totals.
- Place names: place_name_grams(gram, place_id), B-tree indexed on (gram, place_id), and each gram's
  count as the sum of its rows in place_name_gram_counts (each index change adds rows, so writers never
  wait on each other's counts). Names are short, and a place search wants the first names in id order
  (search.PLACE_CANDIDATES): a B-tree gives them from the rarest grams' postings without reading the
  rest, where GIN would gather all million postings of 地 first. A query joins the postings of its three
  rarest grams (JOINED_GRAMS): more joins cost more planning (5 ms for seven) than they save.

A query: whitespace separates terms, all of which must occur. The terms' grams narrow the rows to those
holding every one, and each candidate is checked against its text, lower-cased in Python as on the
GeoPackage side (the database's lower() depends on its locale too), so the index only narrows. A query
whose terms hold no word character at all (`'%_\\`, `（%）`) has no grams: terms of 3+ characters are found
by reading every text once, as the GeoPackage's trigram index finds them; shorter ones find nothing, as
there.

Ranking is the GeoPackage's: FTS5's bm25 (k1 1.2, b 0.75) with the same phrases, frequencies and lengths
(the terms and trigram counts when every term has 3+ characters, else the word pieces in the character
index's counts), ties in passage order; over the seed plans the scores agree to 1e-15. When every phrase is
one gram (湾, 前海, 5G) the frequencies come from the index and only the best hits' text is read. What
differs: the document frequency of a longer phrase is counted with the database's lower() where FTS5 counts
index matches, and the choice between ranking and passage order (past search.RANKED_HITS_AT_MOST hits) is
made on the candidates before the text check. Both differ only for text the two case foldings see
differently, a query within a few hits of that limit, or the rare text where FTS5's phrase of pairs runs on
across punctuation (its pair tokens skip it).

The index is built when a store is copied into the database (passages change only by a build or an added
plan, which reach a database as a whole new copy) and kept by every place-name change: an import indexes
its layers, removing or renaming a layer updates them (geodata/search.py). Its tables are listed among the
copy's tables (store_meta database_tables), so a replacing copy drops them and readers get the same rights
on them as on the store; a copy back to a GeoPackage must leave SEARCH_TABLES out (FTS5 is its index).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from geodata.feature_queries import layer_tables
from geodata.sql import has_table, quoted
from geodata.store import char_tokens

PASSAGE_GRAMS = "passage_grams"
PASSAGE_GRAM_COUNTS = "passage_gram_counts"
SIZES = "search_sizes"
PLACE_NAME_GRAMS = "place_name_grams"
PLACE_NAME_GRAM_COUNTS = "place_name_gram_counts"
SEARCH_TABLES = (PASSAGE_GRAMS, PASSAGE_GRAM_COUNTS, SIZES, PLACE_NAME_GRAMS, PLACE_NAME_GRAM_COUNTS)
COPIED_TABLES_KEY = "database_tables"  # store_copy's list in store_meta of the tables a copy made
BUILD_BATCH_ROWS = 5000
NAME_BATCH_ROWS = 50_000  # place names whose postings are sorted and written at once
JOINED_GRAMS = 3  # a name query joins the postings of its rarest grams, at most this many; the text check does the rest
K1, B = 1.2, 0.75  # FTS5's bm25 constants
WORD_RUN = re.compile(r"[^\W_]+")  # characters for which str.isalnum() holds, as store.char_tokens keeps them
PASSAGE_SCHEMA = """
CREATE TABLE passage_grams (passage_id BIGINT PRIMARY KEY, grams TEXT[] NOT NULL, frequencies INT[] NOT NULL,
    char_tokens BIGINT NOT NULL);
CREATE TABLE passage_gram_counts (gram TEXT PRIMARY KEY, postings BIGINT NOT NULL);
CREATE TABLE search_sizes (name TEXT PRIMARY KEY, row_count BIGINT NOT NULL, trigram_tokens BIGINT NOT NULL,
    char_tokens BIGINT NOT NULL);
"""
PASSAGE_KEYS = """
SET LOCAL maintenance_work_mem = '256MB';  -- room to sort: the GIN build of 40k passages takes 9 s, not 29 s
CREATE INDEX passage_grams_gin ON passage_grams USING GIN (grams);
INSERT INTO passage_gram_counts SELECT gram, count(*) FROM passage_grams, unnest(grams) AS gram GROUP BY gram;
"""
PLACE_NAMES_SCHEMA = """
CREATE TABLE place_names (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, feature_id TEXT NOT NULL,
    layer TEXT NOT NULL, name TEXT NOT NULL, surface TEXT NOT NULL, kind TEXT NOT NULL, districts TEXT NOT NULL);
CREATE INDEX place_names_by_layer ON place_names (layer);
"""
PLACE_GRAMS_SCHEMA = """
CREATE TABLE IF NOT EXISTS place_name_grams (gram TEXT NOT NULL, place_id BIGINT NOT NULL,
    PRIMARY KEY (gram, place_id));
CREATE TABLE IF NOT EXISTS place_name_gram_counts (gram TEXT NOT NULL, postings BIGINT NOT NULL);
CREATE INDEX IF NOT EXISTS place_name_gram_counts_by_gram ON place_name_gram_counts (gram);
"""


def grams(text: str) -> set[str]:
    """The index's grams of `text`: its word characters and adjacent pairs of them, lower-cased."""
    chars, pairs = char_tokens(text)
    return set(chars.split()) | set(pairs.split())


def gram_frequencies(text: str) -> Counter[str]:
    """How often each gram occurs in `text`: the term frequencies of the GeoPackage's character index."""
    chars, pairs = char_tokens(text)
    frequencies = Counter(chars.split())
    frequencies.update(pairs.split())
    return frequencies


def word_pieces(term: str) -> list[str]:
    """The runs of word characters in a term (the short-term index knows nothing else)."""
    return [piece for piece in re.split(r"[^\w]+|_", term) if piece]


def piece_grams(piece: str) -> list[str]:
    return [piece] if len(piece) == 1 else list(dict.fromkeys(a + b for a, b in zip(piece, piece[1:])))


def query_grams(terms: Iterable[str]) -> list[str]:
    """Every gram a row must hold to contain all `terms`."""
    return list(dict.fromkeys(gram for term in terms for piece in word_pieces(term) for gram in piece_grams(piece)))


# Building


def build_search_index(pg) -> None:
    """(Re)build the database's search index from its passages and place names, inside the copy's
    transaction. A store copied from a GeoPackage built before the name index gets its place_names here."""
    for table in SEARCH_TABLES:
        pg.execute(f"DROP TABLE IF EXISTS {quoted(table)}")
    pg.executescript(PASSAGE_SCHEMA)
    rows = trigram_tokens = char_token_count = 0
    last = -1
    while batch := pg.execute("SELECT id, text FROM passages WHERE id > ? ORDER BY id LIMIT ?",
                              (last, BUILD_BATCH_ROWS)).fetchall():
        # Array literals and COPY text need no escaping: grams are word characters.
        with pg.raw.cursor().copy("COPY passage_grams FROM STDIN") as copy:
            for passage_id, text in batch:
                frequencies = gram_frequencies(text or "")
                size = sum(frequencies.values())
                copy.write(f"{passage_id}\t{{{','.join(frequencies)}}}\t{{{','.join(map(str, frequencies.values()))}}}"
                           f"\t{size}\n")
                trigram_tokens += trigram_size(text or "")
                char_token_count += size
        rows += len(batch)
        last = batch[-1][0]
    pg.execute("INSERT INTO search_sizes VALUES ('passages', ?, ?, ?)", (rows, trigram_tokens, char_token_count))
    pg.executescript(PASSAGE_KEYS)
    _list_as_copied(pg, [PASSAGE_GRAMS, PASSAGE_GRAM_COUNTS, SIZES])
    if create_place_index(pg):
        index_place_names(pg, layer_tables(pg))
    else:
        _index_names(pg, "SELECT id, surface FROM place_names WHERE id > ? ORDER BY id LIMIT ?", ())
    for table in (*SEARCH_TABLES, "place_names"):
        pg.execute(f"ANALYZE {quoted(table)}")


def create_place_index(pg) -> bool:
    """The name index's tables where missing (place_names, made by the GeoPackage build, is missing from a
    store built before it); returns whether place_names was made, empty. No statement at all when the
    index is there: writers indexing at once must not lock the catalogue or store_meta."""
    if has_place_index(pg):
        return False
    made = not has_table(pg, "place_names")
    if made:
        pg.executescript(PLACE_NAMES_SCHEMA)
    pg.executescript(PLACE_GRAMS_SCHEMA)
    _list_as_copied(pg, ["place_names", PLACE_NAME_GRAMS, PLACE_NAME_GRAM_COUNTS])
    return made


def _list_as_copied(pg, tables: list[str]) -> None:
    row = pg.execute("SELECT value FROM store_meta WHERE key = ?", (COPIED_TABLES_KEY,)).fetchone()
    listed = json.loads(row[0]) if row else []
    pg.execute("INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
               "SET value = excluded.value", (COPIED_TABLES_KEY, json.dumps(list(dict.fromkeys(listed + tables)))))


def _char_size(text: str) -> int:
    """The tokens of store.char_tokens(text): each word character, and each pair within a run of them."""
    runs = WORD_RUN.findall(text)
    return 2 * sum(map(len, runs)) - len(runs)


def trigram_size(text: str) -> int:
    """The tokens FTS5's trigram tokenizer makes of `text`."""
    return max(len(text) - 2, 0)


# Place names


def name_entries(rows: Iterable[tuple]) -> Iterator[tuple[str, str, str, str, str]]:
    """(feature_id, name, surface, kind, districts) for each name and alias of each (id, name, aliases,
    kind, districts) feature row: the rows of place_names."""
    for feature_id, name, aliases, kind, districts in rows:
        for surface in dict.fromkeys(s for s in (name, *json.loads(aliases or "[]")) if s and str(s).strip()):
            yield str(feature_id), str(name or surface), str(surface), str(kind or ""), districts or "[]"


def has_place_index(pg) -> bool:
    return pg.execute("SELECT to_regclass('place_names') IS NOT NULL AND to_regclass(?) IS NOT NULL "
                      "AND to_regclass(?) IS NOT NULL", (PLACE_NAME_GRAMS, PLACE_NAME_GRAM_COUNTS)).fetchone()[0]


def index_place_names(pg, layers: list[str]) -> int:
    """(Re)index the names and aliases of `layers`; returns the names indexed. The ids come from
    place_names' identity, in layer, feature and alias order as on the GeoPackage side."""
    count = 0
    for layer in layers:
        drop_place_names(pg, layer)
        features = pg.execute(f"SELECT id, name, aliases, kind, districts FROM {quoted(layer)} ORDER BY fid")
        with pg.raw.cursor().copy("COPY place_names (feature_id, layer, name, surface, kind, districts) "
                                  "FROM STDIN") as copy:
            for feature_id, *rest in name_entries(features.fetchall()):
                copy.write_row((feature_id, layer, *rest))
                count += 1
        _index_names(pg, "SELECT id, surface FROM place_names WHERE id > ? AND layer = ? ORDER BY id LIMIT ?",
                     (layer,))
    return count


def _index_names(pg, select: str, params: tuple) -> None:
    """The postings and counts of the place names `select` reads (in batches after an id), each batch's
    postings written in gram order: one gram's postings then share a few pages, which index-only scans
    read until autovacuum has marked the new pages all-visible."""
    last = -1
    while names := pg.execute(select, (last, *params, NAME_BATCH_ROWS)).fetchall():
        postings = sorted((gram, place_id) for place_id, surface in names for gram in grams(surface or ""))
        with pg.raw.cursor().copy("COPY place_name_grams (gram, place_id) FROM STDIN") as copy:
            copy.write("".join(f"{gram}\t{place_id}\n" for gram, place_id in postings))  # grams need no escaping
        _add_counts(pg, Counter(gram for gram, _ in postings))
        last = names[-1][0]


def drop_place_names(pg, layer: str) -> None:
    """Take a layer's names out of the index, and their postings out of the counts (those this transaction
    deleted, whatever another writer did meanwhile)."""
    pg.execute("WITH gone AS (DELETE FROM place_name_grams WHERE place_id IN "
               "(SELECT id FROM place_names WHERE layer = ?) RETURNING gram) "
               "INSERT INTO place_name_gram_counts (gram, postings) SELECT gram, -count(*) FROM gone GROUP BY gram",
               (layer,))
    pg.execute("DELETE FROM place_names WHERE layer = ?", (layer,))


def _add_counts(pg, counts: dict[str, int]) -> None:
    """Add `counts` to the name index's gram counts: as rows of their own, summed when read, so that
    writers indexing layers at once never wait for (or deadlock on) each other's count rows."""
    if counts:
        pg.execute("INSERT INTO place_name_gram_counts (gram, postings) SELECT * FROM "
                   "unnest(CAST(? AS TEXT[]), CAST(? AS BIGINT[]))", (list(counts), list(counts.values())))


def place_rows(pg, terms: list[str], at_most: int) -> list[tuple]:
    """The first `at_most` place_names rows (id order) whose surface contains every term: (id, feature_id,
    name, surface, kind, districts)."""
    if not _phrases(terms):
        return []
    sql, params = _place_candidates(pg, terms)
    found: list[tuple] = []
    last = -1
    batch_rows = max(at_most, 100)
    while len(found) < at_most:
        batch = pg.execute("SELECT n.id, n.feature_id, n.name, n.surface, n.kind, n.districts FROM (" + sql
                           + ") c JOIN place_names n ON n.id = c.id WHERE c.id > ? ORDER BY c.id LIMIT ?",
                           (*params, last, batch_rows)).fetchall()
        found += [row for row in batch if _contains_all(row[3], terms)]
        if len(batch) < batch_rows:
            break
        last = batch[-1][0]
    return found[:at_most]


def _place_candidates(pg, terms: list[str]) -> tuple[str, list]:
    """SQL selecting the `id` of the place names that may contain every term, with its parameters: those
    holding each of the JOINED_GRAMS rarest grams of the terms (B-tree postings in id order: the first
    names come without reading the rest). The counts only choose the grams; the postings decide."""
    wanted = query_grams(terms)
    if not wanted:
        return _scan(pg, "place_names", "surface", terms)
    counts = dict(pg.execute("SELECT gram, sum(postings) FROM place_name_gram_counts WHERE gram = ANY(?) "
                             "GROUP BY gram", (wanted,)).fetchall())
    rarest = sorted(wanted, key=lambda gram: counts.get(gram, 0))[:JOINED_GRAMS]
    joins = "".join(f" JOIN place_name_grams g{i} ON g{i}.place_id = g0.place_id AND g{i}.gram = ?"
                    for i in range(1, len(rarest)))
    return f"SELECT g0.place_id AS id FROM place_name_grams g0{joins} WHERE g0.gram = ?", [*rarest[1:], rarest[0]]


def _scan(pg, table: str, column: str, terms: list[str]) -> tuple[str, list]:
    """Terms with no word character have no grams: the rows whose text contains each, found by reading them
    all once (lower-casing them only for a term with letters that have a case), as a list of ids."""
    where = " AND ".join(f"strpos(lower({quoted(column)}), ?) > 0" if term.upper() != term
                         else f"strpos({quoted(column)}, ?) > 0" for term in terms)
    ids = [row[0] for row in pg.execute(f"SELECT id FROM {quoted(table)} WHERE {where}", terms).fetchall()]
    return "SELECT unnest(CAST(? AS BIGINT[])) AS id", [ids]


# Passages


@dataclass(frozen=True)
class PassageRow:
    passage_id: int
    text: str
    document_id: str
    document_title: str
    section_path: str
    line_start: int
    line_end: int
    score: float


PASSAGE_HEAD = ("SELECT p.id, p.text, p.document_id, d.title, coalesce(s.path, ''), p.line_start, p.line_end "
                "FROM passages p JOIN documents d ON d.id = p.document_id LEFT JOIN sections s ON s.id = p.section_id ")


def passage_rows(pg, terms: list[str], limit: int, ranked_at_most: int) -> list[PassageRow]:
    """Passages containing every term, best first by bm25 when there are at most `ranked_at_most`
    candidates, else in passage order (as the GeoPackage search)."""
    phrases = _phrases(terms)
    if not phrases:
        return []
    sql, params = _passage_candidates(pg, terms)
    total = pg.execute(f"SELECT count(*) FROM ({sql}) c", params).fetchone()[0]
    if total > ranked_at_most:
        return _passages_in_order(pg, sql, params, terms, limit)
    trigram = all(len(term) >= 3 for term in terms)
    if not trigram and all(len(phrase) <= 2 for phrase in phrases):
        # Every phrase is one gram: its frequencies are in the index, and only the best hits' text is read
        # (as FTS5 reads limit * 2 + 10 rows by rank, then the text check may leave fewer than `limit`).
        positions = ", ".join("coalesce(frequencies[array_position(grams, ?)], 0)" for _ in phrases)
        scored = pg.execute(f"SELECT passage_id, char_tokens, {positions} FROM passage_grams "
                            "WHERE grams @> CAST(? AS TEXT[])", (*phrases, params[0])).fetchall()
        scores = _bm25(pg, phrases, trigram, [(tokens, frequencies) for _, tokens, *frequencies in scored])
        best = sorted(zip(scores, (row[0] for row in scored)), key=lambda pair: (-pair[0], pair[1]))
        best = best[:limit * 2 + 10]
    else:
        texts = [row for row in pg.execute(f"SELECT p.id, p.text FROM ({sql}) c JOIN passages p ON p.id = c.id",
                                           params).fetchall() if _contains_all(row[1], terms)]
        lowered = [text.lower() for _, text in texts]
        sizes = [trigram_size(text) if trigram else _char_size(text) for _, text in texts]
        known = {terms[0]: len(texts)} if phrases == terms and len(terms) == 1 else {}  # hits of the one phrase
        scores = _bm25(pg, phrases, trigram, [(size, [_occurrences(text, phrase) for phrase in phrases])
                                               for size, text in zip(sizes, lowered)], known)
        best = sorted(zip(scores, (row[0] for row in texts)), key=lambda pair: (-pair[0], pair[1]))[:limit]
    score_of = {passage_id: score for score, passage_id in best}
    rows = pg.execute(PASSAGE_HEAD + "WHERE p.id = ANY(?)", ([passage_id for _, passage_id in best],)).fetchall()
    found = sorted((row for row in rows if _contains_all(row[1], terms)), key=lambda row: (-score_of[row[0]], row[0]))
    return [PassageRow(*row, score_of[row[0]]) for row in found[:limit]]


def _passages_in_order(pg, sql: str, params: list, terms: list[str], limit: int) -> list[PassageRow]:
    found: list[PassageRow] = []
    last = -1
    batch_rows = limit * 2 + 10
    while len(found) < limit:
        batch = pg.execute(f"{PASSAGE_HEAD}JOIN ({sql}) c ON c.id = p.id WHERE c.id > ? ORDER BY c.id LIMIT ?",
                           (*params, last, batch_rows)).fetchall()
        found += [PassageRow(*row, 0.0) for row in batch if _contains_all(row[1], terms)]
        if len(batch) < batch_rows:
            break
        last = batch[-1][0]
    return found[:limit]


def _passage_candidates(pg, terms: list[str]) -> tuple[str, list]:
    """SQL selecting the `id` of the passages that may contain every term, with its parameters: those
    whose gram set holds all the terms' grams (GIN intersects their posting lists)."""
    wanted = query_grams(terms)
    if not wanted:
        return _scan(pg, "passages", "text", terms)
    return "SELECT passage_id AS id FROM passage_grams WHERE grams @> CAST(? AS TEXT[])", [wanted]


def _phrases(terms: list[str]) -> list[str]:
    """The phrases the GeoPackage's bm25 scores: the terms when all have 3+ characters (its trigram index),
    else their word pieces (its character index); none when the query cannot be looked up."""
    if terms and all(len(term) >= 3 for term in terms):
        return terms
    return [piece for term in terms for piece in word_pieces(term)]


def _bm25(pg, phrases: list[str], trigram: bool, rows: list[tuple[int, list[int]]],
          known: dict[str, int] | None = None) -> list[float]:
    """FTS5's bm25 of each (tokens, phrase frequencies) row, with the GeoPackage index's token counts;
    `known` gives phrases' document frequencies already counted. One query for all the counts."""
    if not rows:
        return []
    column = "trigram_tokens" if trigram else "char_tokens"
    selects, params = [f"row_count, {column}"], []
    for phrase in phrases:
        if known and phrase in known:
            selects.append("?")
            params.append(known[phrase])
        elif len(phrase) <= 2 and phrase.isalnum():  # one gram: its postings
            selects.append("coalesce((SELECT postings FROM passage_gram_counts WHERE gram = ?), 0)")
            params.append(phrase)
        else:  # counted on the text
            sql, candidate_params = _passage_candidates(pg, [phrase])
            selects.append(f"(SELECT count(*) FROM ({sql}) c JOIN passages p ON p.id = c.id "
                           "WHERE strpos(lower(p.text), ?) > 0)")
            params += [*candidate_params, phrase]
    count, total, *hits = pg.execute(f"SELECT {', '.join(selects)} FROM search_sizes WHERE name = 'passages'",
                                     params).fetchone()
    average = total / count if count and total else 1.0
    idfs = [max(math.log((count - n + 0.5) / (n + 0.5)), 0) or 1e-6 for n in hits]
    scores = []
    for tokens, frequencies in rows:
        norm = K1 * (1 - B + B * tokens / average)
        scores.append(sum(idf * f * (K1 + 1) / (f + norm) for idf, f in zip(idfs, frequencies)))
    return scores


def _occurrences(text: str, phrase: str) -> int:
    """Occurrences of `phrase` in `text`, overlapping ones included (as FTS5 counts phrase matches)."""
    count, at = 0, text.find(phrase)
    while at != -1:
        count += 1
        at = text.find(phrase, at + 1)
    return count


def _contains_all(text: str, terms: list[str]) -> bool:
    lowered = text.lower()
    return all(term in lowered for term in terms)
