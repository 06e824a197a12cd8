"""Full-text search as a planner types it: 1, 2 and 3+ Chinese characters, Latin and digits."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata.search import mark, search_passages
from geodata.store import connect


@pytest.fixture(scope="module")
def db(built_store: Path):
    with connect(built_store) as connection:
        yield connection


@pytest.mark.parametrize("query", ["湾", "河套", "前海", "科技创新", "燕子湖片区", "14号线", "PCT", "5G"])
def test_every_hit_contains_the_query_and_is_highlighted(db, query: str) -> None:
    hits = search_passages(db, query, limit=10)
    assert hits, query
    for hit in hits:
        text = db.execute("SELECT text FROM passages WHERE id = ?", (hit.passage_id,)).fetchone()[0]
        assert query.lower() in text.lower()
        assert hit.highlights
        start, end = hit.highlights[0]
        assert hit.snippet[start:end].lower() == query.lower()
        assert hit.document_title


def test_two_character_query_finds_every_passage_that_has_it(db) -> None:
    expected = db.execute("SELECT count(*) FROM passages WHERE text LIKE '%河套%'").fetchone()[0]
    assert expected >= 2
    assert len(search_passages(db, "河套", limit=1000)) == expected


def test_three_character_query_finds_every_passage_that_has_it(db) -> None:
    expected = db.execute("SELECT count(*) FROM passages WHERE text LIKE '%坪山站%'").fetchone()[0]
    assert expected >= 1
    assert len(search_passages(db, "坪山站", limit=1000)) == expected


def test_terms_separated_by_spaces_must_all_occur(db) -> None:
    hits = search_passages(db, "前海 深港", limit=50)
    assert hits
    for hit in hits:
        text = db.execute("SELECT text FROM passages WHERE id = ?", (hit.passage_id,)).fetchone()[0]
        assert "前海" in text and "深港" in text


def test_hits_carry_their_section_path(db) -> None:
    hits = search_passages(db, "燕子湖片区", limit=5)
    assert any("专栏" in hit.section_path for hit in hits)


def test_query_with_fts_syntax_is_taken_literally(db) -> None:
    assert search_passages(db, '"AND OR NEAR(', limit=5) == []
    assert search_passages(db, "   ", limit=5) == []


def test_mark_wraps_the_highlighted_spans() -> None:
    assert mark("在前海建设", ((1, 3),)) == "在【前海】建设"
