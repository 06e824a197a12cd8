"""geodata/sql.py (quoting, the schema lookups) and the queries the map, print and reader code calls."""

from __future__ import annotations

import sqlite3

import pytest

from geodata.feature_queries import (
    features,
    label_rows,
    layer_fields,
    layer_geometries,
    layer_rows,
    layer_tables,
    target_places,
    targets,
)
from geodata.passages import document_title, documents, passages_in_section, preamble_passages, section, sections_of
from geodata.sql import geometry_column, primary_key, quoted, table_columns
from geodata.store import connect, feature_sources_meta

ODD_NAMES = ('plain', 'with space', 'quote"inside', '"', 'name" || (SELECT 1) || "name', "x'); DROP TABLE t; --",
             "名称", "[bracket]", "semi;colon")
ODD_TABLE = 'odd table "x'


@pytest.fixture(scope="module")
def db(either_store):
    """The seed store, as a GeoPackage and as a database."""
    with connect(either_store) as connection:
        yield connection


def test_quoted_makes_one_identifier():
    assert quoted("geom") == '"geom"'
    assert quoted('a"b') == '"a""b"'
    assert quoted("") == '""'
    with pytest.raises(ValueError, match="NUL"):
        quoted("a\x00b")


def test_any_name_round_trips_through_quoted():
    with sqlite3.connect(":memory:") as mem:
        table = quoted(ODD_TABLE)
        mem.execute(f"CREATE TABLE {table} ({', '.join(quoted(n) for n in ODD_NAMES)})")
        mem.execute(f"INSERT INTO {table} VALUES ({', '.join('?' * len(ODD_NAMES))})", ODD_NAMES)
        assert table_columns(mem, ODD_TABLE) == list(ODD_NAMES)
        for name in ODD_NAMES:
            assert mem.execute(f"SELECT {quoted(name)} FROM {table}").fetchone() == (name,)
        assert table_columns(mem, "no such table") == []
    mem.close()


def test_geometry_column_and_primary_key_of_a_feature_layer(db: sqlite3.Connection):
    geometry = geometry_column(db, "districts")
    assert geometry is not None and geometry.name == "geom" and "POLYGON" in geometry.geometry_type.upper()
    assert geometry_column(db, "documents") is None
    assert geometry_column(db, 'districts" OR 1=1 --') is None
    assert primary_key(db, "districts") == ["fid"]


def test_layer_fields_are_the_attribute_columns(db: sqlite3.Connection):
    fields = layer_fields(db, "key_areas")
    assert "name" in fields and "kind" in fields
    assert "fid" not in fields and "geom" not in fields
    assert fields == [c for c in table_columns(db, "key_areas") if c not in ("fid", "geom")]


def test_layer_rows_and_geometries_match_the_features(db: sqlite3.Connection):
    for layer in layer_tables(db):
        infos = features(db, layer)
        rows = layer_rows(db, layer)
        geometries = layer_geometries(db, layer)
        assert [r.id for r in rows] == [i.feature.id for i in infos if i.feature.id in geometries], layer
        assert all(r.name == i.feature.name and r.kind == i.feature.kind and r.accuracy == i.feature.accuracy
                   for r, i in zip(rows, infos)), layer
        assert all(geometries[r.id].equals(r.geometry) for r in rows), layer


def test_label_rows_take_only_a_real_field(db: sqlite3.Connection):
    names = [row.text for row in label_rows(db, "key_areas", "name")]
    assert names == [row.name for row in layer_rows(db, "key_areas") if row.name.strip()]
    assert label_rows(db, "key_areas", 'name" || (SELECT title FROM documents) || "name') == []
    assert label_rows(db, "key_areas", "geom") == []  # the geometry is not a label
    assert label_rows(db, "documents", "title") == []  # not a feature layer


def test_store_meta_credits(db: sqlite3.Connection):
    credits = feature_sources_meta(db)
    assert credits and all(isinstance(credit, str) and credit for credit in credits)


def test_sections_documents_and_preambles(db: sqlite3.Connection):
    doc = documents(db)[0]
    assert document_title(db, doc.id) == doc.title
    assert document_title(db, "no-such-document") is None
    first = sections_of(db, doc.id)[0]
    assert section(db, first.id) == first
    assert section(db, -1) is None
    assert all(p.section_id is not None for p in passages_in_section(db, first.id))
    for info in documents(db):
        preamble = preamble_passages(db, info.id)
        assert all(p.section_id is None and p.document_id == info.id for p in preamble)
        assert [p.ordinal for p in preamble] == sorted(p.ordinal for p in preamble)


def test_target_places_name_linked_features(db: sqlite3.Connection):
    places = target_places(db)
    ids = {info.feature.id for info in features(db)}
    assert places and set(places.values()) <= ids
    assert set(places) <= {t.id for t in targets(db)}
