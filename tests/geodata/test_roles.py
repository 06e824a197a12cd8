"""Roles on a database store: a role granted SELECT only may browse and search, every edit is refused with
ReadOnlyStore and leaves nothing behind, and store_permissions says so beforehand; an editor role may edit.
On a GeoPackage the file's and folder's write permission decide."""

from __future__ import annotations

import os
from pathlib import Path

import psycopg
import pytest
from edit_stores import FEATURE, LAYER, editor_name, linked_passages, unlinked_passages
from pg_cluster import EDITOR_ROLE, READER_ROLE, url_for_role

from geodata.edit_history import Permissions, feature_version, history_of, layer_history_of, store_permissions
from geodata.feature_queries import features, layer_tables
from geodata.imports.imported_layers import remove_layer, rename_layer, set_layer_style
from geodata.search import search_passages, search_places
from geodata.store import connect
from geodata.store_address import PostgresAddress
from geodata.store_edit import ReadOnlyStore
from geodata.user_data import LayerStyleOverride, link, replace_schematic, unlink, unreplace

pytest_plugins = ("edit_fixtures",)  # the fixtures official_store, database_store
GRANTS = {
    READER_ROLE: "GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}",
    EDITOR_ROLE: "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
}
WRITTEN_TABLES = ("user_links", "feature_passages", "feature_targets", "feature_replacements", "layer_styles",
                  "imported_layers", "row_versions", "audit_log")


def as_role(store: PostgresAddress, role: str) -> PostgresAddress:
    """The store as `role` sees it, after granting the role its rights on every table (as the owner)."""
    with psycopg.connect(store.url, autocommit=True) as owner:
        owner.execute(f"GRANT USAGE ON SCHEMA public TO {role}")
        owner.execute(GRANTS[role].format(role=role))
    return PostgresAddress(url_for_role(store.url, role))


def row_counts(store: PostgresAddress) -> dict[str, int]:
    with connect(store) as db:
        return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in WRITTEN_TABLES}


def test_a_reader_browses_and_searches(database_store):
    reader = as_role(database_store, READER_ROLE)
    with connect(reader) as db:
        assert any(info.feature.id == FEATURE for info in features(db))
        assert LAYER in layer_tables(db)
        assert search_passages(db, "前海")
        assert any(hit.feature_id == "official-1" for hit in search_places(db, "市民中心"))
        assert feature_version(db, FEATURE) == 0 and history_of(db, FEATURE) == []


def test_a_reader_may_not_edit_and_nothing_is_half_written(database_store):
    reader = as_role(database_store, READER_ROLE)
    passage = unlinked_passages(database_store, FEATURE, 1)[0]
    gazetteer_link = min(linked_passages(database_store, FEATURE))
    before = row_counts(database_store)

    edits = (
        lambda: link(reader, FEATURE, passage_id=passage, expected_version=0),
        lambda: unlink(reader, FEATURE, passage_id=gazetteer_link),
        lambda: replace_schematic(reader, "official-2", "ps-yanzihu"),
        lambda: set_layer_style(reader, LAYER, LayerStyleOverride(fill="#00ff00")),
    )
    for edit in edits:
        with pytest.raises(ReadOnlyStore, match="may only read the store .*editor role"):
            edit()
    for edit in (lambda: rename_layer(reader, LAYER, "官方"), lambda: remove_layer(reader, LAYER)):
        with pytest.raises(ReadOnlyStore, match="only their owner role postgres and its members may do; you are "
                                                "plan_reader.*Nothing was changed"):
            edit()

    assert row_counts(database_store) == before
    assert passage not in linked_passages(database_store, FEATURE)
    with connect(database_store) as db:
        assert LAYER in layer_tables(db) and feature_version(db, FEATURE) == 0


def test_permissions_say_why_a_reader_may_not_edit(database_store):
    permissions = store_permissions(as_role(database_store, READER_ROLE))
    assert not permissions.can_edit
    assert READER_ROLE in permissions.reason and "editor role" in permissions.reason
    assert "INSERT" in permissions.reason  # what it lacks, for the administrator


def test_an_editor_edits_and_is_named_in_the_history(database_store):
    editor = as_role(database_store, EDITOR_ROLE)
    permissions = store_permissions(editor)
    assert permissions.can_edit and permissions.reason == ""
    passage = unlinked_passages(database_store, FEATURE, 1)[0]
    assert link(editor, FEATURE, passage_id=passage, expected_version=0).version == 1
    set_layer_style(editor, LAYER, LayerStyleOverride(fill="#00ff00"))
    replace_schematic(editor, "official-2", "ps-yanzihu")
    unreplace(editor, "ps-yanzihu")
    with connect(editor) as db:
        assert [entry.actor for entry in history_of(db, FEATURE)] == [editor_name(editor, EDITOR_ROLE)]
    assert passage in linked_passages(database_store, FEATURE)


def test_an_editor_may_not_rename_or_remove_layers_which_the_owner_may(database_store):
    editor = as_role(database_store, EDITOR_ROLE)
    permissions = store_permissions(editor)
    assert not permissions.can_manage and "owner role postgres" in permissions.manage_reason
    assert EDITOR_ROLE in permissions.manage_reason
    with connect(database_store) as db:
        imported = layer_history_of(db, LAYER)
    assert [entry.action for entry in imported] == ["import"]
    with pytest.raises(ReadOnlyStore, match="^Renaming a layer rewrites the store's tables"):
        rename_layer(editor, LAYER, "官方")
    with pytest.raises(ReadOnlyStore, match="^Removing a layer rewrites"):
        remove_layer(editor, LAYER)
    with connect(database_store) as db:
        assert LAYER in layer_tables(db) and layer_history_of(db, LAYER) == imported
    assert rename_layer(database_store, LAYER, "官方") == "官方"


def test_the_owner_may_edit(database_store):
    assert store_permissions(database_store) == Permissions(True, "")


def test_a_writable_geopackage_may_be_edited(official_store: Path, tmp_path: Path):
    store = tmp_path / "store.gpkg"
    store.write_bytes(official_store.read_bytes())
    assert store_permissions(store) == Permissions(True, "")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write any file")
def test_a_read_only_geopackage_may_not_be_edited(official_store: Path, tmp_path: Path):
    folder = tmp_path / "shared"
    folder.mkdir()
    store = folder / "store.gpkg"
    store.write_bytes(official_store.read_bytes())
    store.chmod(0o444)
    assert not store_permissions(store).can_edit and "read-only" in store_permissions(store).reason
    store.chmod(0o644)
    folder.chmod(0o555)
    try:
        permissions = store_permissions(store)
    finally:
        folder.chmod(0o755)
    assert not permissions.can_edit and str(folder) in permissions.reason
