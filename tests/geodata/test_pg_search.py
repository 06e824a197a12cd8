"""Search on a database store (geodata/pg_search.py) gives what the GeoPackage gives: the seed store copied
into a throwaway PostgreSQL, then the same queries on both, 1-, 2- and 3+-character Chinese, Latin, digits,
several terms, no hit and hostile strings; and the name index follows the place-name edits made on the
database."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
from pg_cluster import READER_ROLE, PgCluster, url_for_role

from geodata import pg_search, search
from geodata.search import (
    count_places,
    drop_layer_names,
    has_name_index,
    index_names,
    rename_layer_names,
    search_passages,
    search_places,
)
from geodata.sql import quoted
from geodata.store import connect
from geodata.store_address import PostgresAddress
from geodata.store_copy import copy_store
from geodata.store_edit import writing

QUERIES = ("湾", "站", "河套", "前海", "5G", "5g", "深港科技创新", "城市更新", "前海 金融", "前海 深港科技创新",
           "GDP", "gdp", "深圳湾", "发展", "没有这个词的地方", "'%_\\", '"', '"AND OR NEAR(', "...", "a-b", "  ",
           "（%）", "（%） gdp", "”、“")
EVERY_HIT = 1_000_000


@pytest.fixture(scope="module")
def database(pg_server: PgCluster, built_store: Path) -> Iterator[PostgresAddress]:
    """The seed store copied into a database once for this module's read-only tests."""
    name = "pg_search_seed"
    address = PostgresAddress(pg_server.new_database(name))
    copy_store(built_store, address)
    yield address
    pg_server.drop_database(name)


@pytest.fixture(scope="module")
def both(built_store: Path, database: PostgresAddress) -> Iterator[tuple]:
    with connect(built_store) as gpkg, connect(database) as pg:
        yield gpkg, pg


def ranked(hits: list[search.PassageHit]) -> list[tuple[float, int]]:
    """The hits by score, equal scores in passage order (FTS5 leaves their order open)."""
    return sorted((-round(hit.score, 9), hit.passage_id) for hit in hits)


@pytest.mark.parametrize("query", QUERIES)
def test_passages_are_the_same_hits_ranked_the_same(both: tuple, query: str):
    gpkg, pg = both
    expected, got = search_passages(gpkg, query, EVERY_HIT), search_passages(pg, query, EVERY_HIT)
    assert {hit.passage_id for hit in got} == {hit.passage_id for hit in expected}
    assert ranked(got) == ranked(expected)
    assert [hit.score for hit in got] == sorted((hit.score for hit in got), reverse=True)
    assert [(hit.snippet, hit.highlights) for hit in got[:5]] == [(hit.snippet, hit.highlights) for hit in expected[:5]]
    top = search_passages(pg, query, 5)
    assert ranked(top) == ranked(expected)[:5]


def test_every_kind_of_query_finds_passages(both: tuple):
    _, pg = both
    for query in ("湾", "河套", "5G", "深港科技创新", "前海 金融", "GDP", "（%）"):
        assert search_passages(pg, query, 5), query
    for query in ("没有这个词的地方", "'%_\\", '"', "  "):
        assert search_passages(pg, query, 5) == [], query


@pytest.mark.parametrize("query", QUERIES)
def test_places_and_their_count_are_the_same(both: tuple, query: str):
    gpkg, pg = both
    assert search_places(pg, query, 1000) == search_places(gpkg, query, 1000)
    assert search_places(pg, query) == search_places(gpkg, query)
    assert count_places(pg, query, 1000) == count_places(gpkg, query, 1000)
    assert count_places(pg, query, 3) == count_places(gpkg, query, 3)


def test_past_the_ranking_limit_hits_come_in_document_order(both: tuple, monkeypatch: pytest.MonkeyPatch):
    gpkg, pg = both
    monkeypatch.setattr(search, "RANKED_HITS_AT_MOST", 50)
    expected = [hit.passage_id for hit in search_passages(gpkg, "发展", 20)]
    assert [hit.passage_id for hit in search_passages(pg, "发展", 20)] == expected == sorted(expected)


def test_the_index_is_the_grams_of_the_text(both: tuple):
    """Every passage's and name's postings are exactly its grams: nothing missing, nothing left over."""
    _, pg = both
    postings = {passage: set(grams) for passage, grams in pg.execute("SELECT passage_id, grams FROM passage_grams")}
    texts = pg.execute("SELECT id, text FROM passages").fetchall()
    assert len(postings) == len(texts)
    assert all(postings[pid] == pg_search.grams(text) for pid, text in texts)
    assert has_name_index(pg)
    assert name_postings_match(pg)


def name_postings_match(db) -> bool:
    """Each name's postings are its grams, and each gram's count is its postings."""
    postings: dict[int, set[str]] = {}
    for gram, place_id in db.execute("SELECT gram, place_id FROM place_name_grams"):
        postings.setdefault(place_id, set()).add(gram)
    names = db.execute("SELECT id, surface FROM place_names").fetchall()
    counts = dict(db.execute("SELECT gram, sum(postings) FROM place_name_gram_counts GROUP BY gram "
                             "HAVING sum(postings) <> 0").fetchall())
    return set(postings) <= {row[0] for row in names} and all(
        postings.get(place_id, set()) == pg_search.grams(surface) for place_id, surface in names
    ) and counts == Counter(gram for grams in postings.values() for gram in grams)


def test_search_is_quick_on_the_database(database: PostgresAddress):
    """p95 over the queries, each a passage search as the window makes it (every hit) and a place search
    (printed with -s; the seed store is small, so this only guards against a plan gone wrong)."""
    timings: dict[str, list[float]] = {"passages": [], "places": []}
    with connect(database) as pg:
        for _ in range(5):
            for query in QUERIES:
                began = time.perf_counter()
                search_passages(pg, query, EVERY_HIT)
                timings["passages"].append(time.perf_counter() - began)
                began = time.perf_counter()
                search_places(pg, query)
                count_places(pg, query, 1000)
                timings["places"].append(time.perf_counter() - began)
    for kind, values in timings.items():
        p95 = sorted(values)[int(len(values) * 0.95)] * 1000
        print(f"pg search p95 ({kind}, {len(values)} queries): {p95:.1f} ms")
        assert p95 < 250, kind


def test_the_name_index_follows_place_name_edits(pg_url: str, built_store: Path):
    address = PostgresAddress(pg_url)
    copy_store(built_store, address)
    with connect(address) as pg:
        station = search_places(pg, "站", 1)[0]
        layer = pg.execute("SELECT layer FROM place_names WHERE feature_id = ?", (station.feature_id,)).fetchone()[0]
    with writing(address) as db:
        drop_layer_names(db, layer)
    with connect(address) as pg:
        assert station.feature_id not in {hit.feature_id for hit in search_places(pg, station.name, 1000)}
        assert name_postings_match(pg)
    with writing(address) as db:
        db.execute(f"UPDATE {quoted(layer)} SET name = ? WHERE id = ?", ("鹭湖新站", station.feature_id))
        assert index_names(db, [layer]) > 0
    with connect(address) as pg:
        assert [hit.feature_id for hit in search_places(pg, "鹭湖")] == [station.feature_id]
        assert count_places(pg, "鹭湖新", 10) == 1
        assert name_postings_match(pg)
    with writing(address) as db:
        rename_layer_names(db, layer, "renamed_layer")
    with connect(address) as pg:
        assert pg.execute("SELECT DISTINCT layer FROM place_names WHERE feature_id = ?",
                          (station.feature_id,)).fetchall() == [("renamed_layer",)]
        assert [hit.feature_id for hit in search_places(pg, "鹭湖")] == [station.feature_id]


def test_a_reader_searches_a_replaced_store(pg_url: str, built_store: Path):
    """The index's tables are the store's: a replacing copy drops them and gives their readers back."""
    address = PostgresAddress(pg_url)
    copy_store(built_store, address)
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {READER_ROLE}")
    copy_store(built_store, address, replace=True)
    with connect(PostgresAddress(url_for_role(pg_url, READER_ROLE))) as reader:
        assert search_passages(reader, "河套", 3)
        assert search_places(reader, "站")
        assert count_places(reader, "站", 100) > 0


def test_two_writers_index_layers_at_once_without_waiting(pg_url: str, built_store: Path):
    """Each writer's transaction indexes its layer and then waits for the other's to have done the same:
    a writer held up by the other's locks would never get there, and the barrier would break."""
    address = PostgresAddress(pg_url)
    copy_store(built_store, address)
    both_indexed = threading.Barrier(2, timeout=30)
    counts: dict[str, int] = {}

    def index(layer: str) -> None:
        with writing(address) as db:
            counts[layer] = index_names(db, [layer])
            both_indexed.wait()

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(index, ["districts", "transport_points"]))
    with connect(address) as pg:
        assert counts["districts"] > 0 and counts["transport_points"] > 0
        assert name_postings_match(pg)
        assert search_places(pg, "站") and search_places(pg, "区")
