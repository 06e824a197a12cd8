"""Two planners editing the same feature or layer: the second edit made from what they saw before the first is
refused with who changed it and when, and the first edit stays (no edit lost, none merged unseen). On both
backends; on PostgreSQL also with the editors' transactions really running at once."""

from __future__ import annotations

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pyogrio
import pytest
from edit_stores import FEATURE, LAYER, editor_name, linked_passages, unlinked_passages

from geodata.edit_history import EditConflict, feature_version, history_of, layer_version
from geodata.feature_queries import layer_tables
from geodata.imports.imported_layers import remove_layer, rename_layer, set_layer_style
from geodata.round_trip import database_round_trip
from geodata.store import StoreError, connect
from geodata.user_data import LayerStyleOverride, link, replace_schematic, unlink, unreplace

pytest_plugins = ("edit_fixtures",)  # the fixtures store, database_store
CONFLICT = re.compile(r"was changed by (.+) at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d since you opened it; nothing was "
                      r"saved\. Reload and make your change again\.$")


def versions(store, feature_id: str = FEATURE) -> int:
    with connect(store) as db:
        return feature_version(db, feature_id)


def test_an_edit_from_before_anothers_is_refused_and_the_other_kept(store):
    first, second = unlinked_passages(store, FEATURE, 2)
    gazetteer_link = min(linked_passages(store, FEATURE))
    seen_by_a = versions(store)  # two planners open 前海 in their panels
    seen_by_b = versions(store)

    done = link(store, FEATURE, passage_id=first, expected_version=seen_by_a)
    assert done.version == seen_by_a + 1
    with pytest.raises(EditConflict) as refused:
        unlink(store, FEATURE, passage_id=gazetteer_link, expected_version=seen_by_b)
    with pytest.raises(EditConflict):
        link(store, FEATURE, passage_id=second, expected_version=seen_by_b)

    message = str(refused.value)
    assert message.startswith("The feature 前海") and FEATURE in message
    assert CONFLICT.search(message).group(1) == editor_name(store)
    assert refused.value.actor == editor_name(store) and refused.value.subject == f"feature:{FEATURE}"
    linked = linked_passages(store, FEATURE)
    assert first in linked and gazetteer_link in linked and second not in linked  # A's edit kept, B's not made
    assert versions(store) == seen_by_a + 1 and len(history_of_store(store)) == 1

    unlink(store, FEATURE, passage_id=gazetteer_link, expected_version=versions(store))  # B reloads, edits again
    assert linked_passages(store, FEATURE) == linked - {gazetteer_link}
    assert versions(store) == seen_by_a + 2


def history_of_store(store) -> list:
    with connect(store) as db:
        return history_of(db, FEATURE)


def test_an_edit_without_a_version_is_not_checked(store):
    first, second = unlinked_passages(store, FEATURE, 2)
    link(store, FEATURE, passage_id=first)
    assert link(store, FEATURE, passage_id=second).version == 2
    assert {first, second} <= linked_passages(store, FEATURE)


def test_replacing_checks_the_imported_features_version(store):
    seen = versions(store, "official-2")
    link(store, "official-2", passage_id=unlinked_passages(store, "official-2", 1)[0], expected_version=seen)
    with pytest.raises(EditConflict, match="official-2"):
        replace_schematic(store, "official-2", "ps-yanzihu", expected_version=seen)
    done = replace_schematic(store, "official-2", "ps-yanzihu", expected_version=seen + 1)
    assert done.version == seen + 2 and versions(store, "ps-yanzihu") == 1
    with pytest.raises(EditConflict, match="ps-yanzihu"):
        unreplace(store, "ps-yanzihu", expected_version=0)
    assert unreplace(store, "ps-yanzihu", expected_version=1) == 2


def test_layer_edits_from_an_old_version_are_refused(store):
    with connect(store) as db:
        seen = layer_version(db, LAYER)
    set_layer_style(store, LAYER, LayerStyleOverride(fill="#00ff00"), expected_version=seen)
    with pytest.raises(EditConflict, match="^The layer official was changed by"):
        rename_layer(store, LAYER, "官方", expected_version=seen)
    with pytest.raises(EditConflict):
        remove_layer(store, LAYER, expected_version=seen)
    with pytest.raises(EditConflict):
        set_layer_style(store, LAYER, LayerStyleOverride(fill="#0000ff"), expected_version=seen)
    with connect(store) as db:
        assert LAYER in layer_tables(db) and "官方" not in layer_tables(db)
        assert db.execute("SELECT fill FROM layer_styles WHERE layer = ?", (LAYER,)).fetchone()[0] == "#00ff00"
        assert layer_version(db, LAYER) == seen + 1
    if isinstance(store, Path):
        assert LAYER in [name for name, _ in pyogrio.list_layers(store)]

    assert rename_layer(store, LAYER, "官方", expected_version=seen + 1) == "官方"
    with connect(store) as db:
        assert layer_version(db, LAYER) == seen + 2 and layer_version(db, "官方") == 1
        assert db.execute("SELECT count(*) FROM 官方").fetchone()[0] == 3
    assert remove_layer(store, "官方", expected_version=1) == 3


def test_editors_at_the_same_moment_one_wins_and_the_others_are_told(store):
    """Six planners link 前海 to six passages at once, all from the version they read: one link is saved, five
    are refused, none lost unseen and none made behind a refusal."""
    passages = unlinked_passages(store, FEATURE, 6)
    seen = versions(store)
    start = threading.Barrier(len(passages))

    def edit(passage: int) -> int | None:
        start.wait()
        try:
            link(store, FEATURE, passage_id=passage, expected_version=seen)
        except EditConflict:
            return None
        return passage

    with ThreadPoolExecutor(len(passages)) as pool:
        saved = [p for p in pool.map(edit, passages) if p is not None]

    assert len(saved) == 1
    assert linked_passages(store, FEATURE) & set(passages) == set(saved)
    assert versions(store) == seen + 1 and len(history_of_store(store)) == 1


def test_database_editors_wait_for_each_other_and_the_second_is_refused(database_store):
    """Two editors' transactions run at once on the server: both wait on the feature's version row (held here
    by a third transaction, so they surely overlap); when it is let go, one saves and the other is refused."""
    store = database_store
    first, second = unlinked_passages(store, FEATURE, 2)
    subject = f"feature:{FEATURE}"
    outcomes: dict[int, object] = {}

    def edit(passage: int) -> None:
        try:
            outcomes[passage] = link(store, FEATURE, passage_id=passage, expected_version=0)
        except EditConflict as error:
            outcomes[passage] = error

    with psycopg.connect(store.url) as holder, psycopg.connect(store.url, autocommit=True) as watcher:
        holder.execute("INSERT INTO row_versions VALUES (%s, 0) ON CONFLICT DO NOTHING", (subject,))
        holder.commit()
        holder.execute("SELECT version FROM row_versions WHERE subject = %s FOR UPDATE", (subject,))
        editors = [threading.Thread(target=edit, args=(passage,)) for passage in (first, second)]
        for editor in editors:
            editor.start()
        waiting = waiting_for_locks(watcher, expected=2)
        holder.commit()
        for editor in editors:
            editor.join(30)
    assert waiting == 2
    saved = [o for o in outcomes.values() if not isinstance(o, EditConflict)]
    refused = [o for o in outcomes.values() if isinstance(o, EditConflict)]
    assert len(saved) == 1 and len(refused) == 1
    assert CONFLICT.search(str(refused[0])).group(1) == editor_name(store)
    linked = linked_passages(store, FEATURE)
    assert saved[0].row_id in linked and ({first, second} - {saved[0].row_id}).isdisjoint(linked)
    assert versions(store) == 1


def waiting_for_locks(watcher: psycopg.Connection, expected: int, timeout: float = 20) -> int:
    """How many of this database's sessions wait on a lock, once `expected` do (or the timeout passes)."""
    deadline = time.monotonic() + timeout
    while True:
        count = watcher.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                "AND wait_event_type = 'Lock'").fetchone()[0]
        if count >= expected or time.monotonic() > deadline:
            return count
        time.sleep(0.05)


def test_a_database_edit_holds_no_lock_after_a_conflict(database_store):
    """A refused edit rolls back and lets go of the version row at once: the next editor is not kept waiting."""
    link(database_store, FEATURE, passage_id=unlinked_passages(database_store, FEATURE, 1)[0])
    with pytest.raises(EditConflict):
        link(database_store, FEATURE, passage_id=unlinked_passages(database_store, FEATURE, 1)[0],
             expected_version=0)
    with psycopg.connect(database_store.url, autocommit=True) as db:
        db.execute("SET lock_timeout = '1s'")
        with db.transaction():
            db.execute("SELECT version FROM row_versions WHERE subject = %s FOR UPDATE", (f"feature:{FEATURE}",))


def test_a_whole_store_round_trip_waits_for_an_edit_under_way_and_does_not_lose_it(database_store):
    """A build or import on a database store replaces it from a local copy (geodata/round_trip.py). An edit
    under way when it copies back is waited for, then seen, and the replacement refused: the edit stays."""
    store = database_store
    passage = unlinked_passages(store, FEATURE, 1)[0]
    subject = f"feature:{FEATURE}"
    outcomes: dict[str, object] = {}

    def edit() -> None:
        outcomes["edit"] = link(store, FEATURE, passage_id=passage)

    def replace_store() -> None:
        try:
            with database_round_trip(store):
                pass
        except StoreError as error:
            outcomes["round trip"] = error

    with psycopg.connect(store.url) as holder, psycopg.connect(store.url, autocommit=True) as watcher:
        holder.execute("INSERT INTO row_versions VALUES (%s, 0) ON CONFLICT DO NOTHING", (subject,))
        holder.commit()
        holder.execute("SELECT version FROM row_versions WHERE subject = %s FOR UPDATE", (subject,))
        editor = threading.Thread(target=edit)
        editor.start()
        assert waiting_for_locks(watcher, expected=1) == 1  # the edit is under way, at the version row
        replacer = threading.Thread(target=replace_store)
        replacer.start()
        assert waiting_for_locks(watcher, expected=2) == 2  # the round trip waits for it
        holder.commit()
        editor.join(30)
        replacer.join(60)
    assert "Someone changed the store while this ran" in str(outcomes["round trip"])
    assert outcomes["edit"].version == 1 and passage in linked_passages(store, FEATURE)
