"""The audit trail: every edit writes who, when, what and the subject's new version in its own transaction,
history_of lists a feature's newest first (the feature panel's list), a refused edit leaves no entry, and a
rebuild keeps the trail and the versions. On both backends."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import psycopg
import pytest
from edit_stores import FEATURE, LAYER, editor_name, linked_passages, unlinked_passages

from geodata.build import build_store
from geodata.edit_history import (
    AuditEntry,
    EditConflict,
    feature_version,
    history_of,
    layer_history_of,
    layer_version,
)
from geodata.feature_queries import layer_tables
from geodata.imports.imported_layers import remove_layer, rename_layer, set_layer_style
from geodata.search import search_places
from geodata.store import StoreError, connect
from geodata.store_address import PostgresAddress
from geodata.user_data import LayerStyleOverride, NotInStore, link, replace_schematic, unlink, unreplace

pytest_plugins = ("edit_fixtures",)  # the fixtures store, official_store


def feature_history(store, feature_id: str = FEATURE) -> list[AuditEntry]:
    with connect(store) as db:
        return history_of(db, feature_id)


def test_every_edit_of_a_feature_is_in_its_history_newest_first(store):
    started = datetime.now(timezone.utc) - timedelta(seconds=2)
    first, second = unlinked_passages(store, FEATURE, 2)
    gazetteer_link = min(linked_passages(store, FEATURE))
    link(store, FEATURE, passage_id=first)
    unlink(store, FEATURE, passage_id=gazetteer_link)
    link(store, FEATURE, passage_id=second, expected_version=2)

    entries = feature_history(store)
    assert [(e.action, e.version) for e in entries] == [("link", 3), ("unlink", 2), ("link", 1)]
    assert {e.actor for e in entries} == {editor_name(store)}
    assert {e.subject for e in entries} == {f"feature:{FEATURE}"}
    assert entries[0].detail.startswith(f"passage {second} (")
    assert entries[1].detail.startswith(f"passage {gazetteer_link} (")
    assert all(started <= e.at <= datetime.now(timezone.utc) + timedelta(seconds=2) for e in entries)
    with connect(store) as db:
        assert history_of(db, FEATURE, limit=1) == entries[:1]


def test_a_replacement_is_in_both_features_histories(store):
    replace_schematic(store, "official-2", "ps-yanzihu")
    unreplace(store, "ps-yanzihu")
    assert [(e.action, e.detail) for e in feature_history(store, "official-2")] == [
        ("unreplace", "no longer replaces ps-yanzihu"), ("replace", "replaces ps-yanzihu")]
    assert [(e.action, e.detail) for e in feature_history(store, "ps-yanzihu")] == [
        ("unreplace", "no longer replaced by official-2"), ("replace", "replaced by official-2")]
    with connect(store) as db:
        assert feature_version(db, "official-2") == 2 and feature_version(db, "ps-yanzihu") == 2


def test_layer_edits_are_in_the_layers_history_and_search_follows_them(store):
    set_layer_style(store, LAYER, LayerStyleOverride(stroke="#aa0000", stroke_width=2.0))
    assert rename_layer(store, LAYER, "官方") == "官方"
    with connect(store) as db:
        old = layer_history_of(db, LAYER)
        assert [(e.action, e.version) for e in old] == [("rename", 3), ("style", 2), ("import", 1)]
        assert old[0].detail == "renamed to 官方" and old[1].detail == "stroke #aa0000, stroke_width 2.0"
        assert old[2].detail.endswith("features from official.shp")
        assert [(e.action, e.detail) for e in layer_history_of(db, "官方")] == [("rename", "renamed from official")]
        assert "官方" in layer_tables(db) and layer_version(db, "官方") == 1
        assert [hit.feature_id for hit in search_places(db, "市民中心")].count("official-1") == 1
        rows = db.execute("SELECT DISTINCT layer FROM place_names WHERE feature_id LIKE 'official-%'").fetchall()
        assert rows == [("官方",)]
    if isinstance(store, PostgresAddress):
        with psycopg.connect(store.url) as db:
            left = db.execute("SELECT relname FROM pg_class WHERE relname LIKE 'official%'").fetchall()
        assert left == []  # its indexes and id sequence were renamed too: a new layer `official` would not clash

    assert remove_layer(store, "官方", expected_version=1) == 3
    with connect(store) as db:
        assert [(e.action, e.detail) for e in layer_history_of(db, "官方")][0] == ("remove", "3 features")
        assert "官方" not in layer_tables(db) and layer_version(db, "官方") == 2
        assert "official-1" not in [hit.feature_id for hit in search_places(db, "市民中心")]


def test_a_refused_edit_leaves_no_trace(store):
    passage = unlinked_passages(store, FEATURE, 1)[0]
    link(store, FEATURE, passage_id=passage)
    refused = (
        (EditConflict, lambda: link(store, FEATURE, passage_id=passage, expected_version=0)),
        (NotInStore, lambda: link(store, FEATURE, passage_id=10**9)),
        (NotInStore, lambda: unreplace(store, FEATURE)),
        (StoreError, lambda: replace_schematic(store, FEATURE, "official-1")),
        (StoreError, lambda: set_layer_style(store, LAYER, LayerStyleOverride(label_field="nope"))),
        (StoreError, lambda: rename_layer(store, LAYER, "key_areas")),
        (EditConflict, lambda: remove_layer(store, LAYER, expected_version=5)),
    )
    for kind, edit in refused:
        with pytest.raises(kind):
            edit()
    assert len(feature_history(store)) == 1
    with connect(store) as db:
        assert feature_version(db, FEATURE) == 1 and layer_version(db, LAYER) == 1  # 1: its import
        assert db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 2
        assert LAYER in layer_tables(db)


def test_the_trail_and_versions_survive_a_rebuild(official_store: Path, tmp_path: Path):
    """A GeoPackage rebuild (a database store is rebuilt through a local copy of it, the same code)."""
    store = tmp_path / "store.gpkg"
    shutil.copyfile(official_store, store)
    link(store, FEATURE, passage_id=unlinked_passages(store, FEATURE, 1)[0])
    set_layer_style(store, LAYER, LayerStyleOverride(fill="#00ff00"))
    before = feature_history(store)
    build_store(store)
    assert feature_history(store) == before
    with connect(store) as db:
        assert feature_version(db, FEATURE) == 1 and layer_version(db, LAYER) == 2  # imported, then styled
    with pytest.raises(EditConflict):
        link(store, FEATURE, passage_id=unlinked_passages(store, FEATURE, 1)[0], expected_version=0)


def test_a_store_without_the_history_tables_gets_them_on_its_first_edit(store):
    drop = "DROP TABLE row_versions; DROP TABLE audit_log"
    if isinstance(store, PostgresAddress):
        with psycopg.connect(store.url, autocommit=True) as db:
            db.execute(drop)
    else:
        with sqlite3.connect(store) as db:
            db.executescript(drop)
        db.close()
    with connect(store) as db:
        assert feature_version(db, FEATURE) == 0 and history_of(db, FEATURE) == []
    assert link(store, FEATURE, passage_id=unlinked_passages(store, FEATURE, 1)[0], expected_version=0).version == 1
    assert [e.action for e in feature_history(store)] == ["link"]
