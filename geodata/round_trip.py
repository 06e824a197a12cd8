"""Commands that rewrite much of a store (build, add-plan, import) on a database store: the GeoPackage code
runs unchanged on a local copy, which then replaces the database's store.

    with local_store(address, create=True) as path:   # a temporary GeoPackage
        build_store(path)                               # the file-based code, unchanged
    # the database now holds the rebuilt store, or nothing changed

The copy out reads one snapshot of the store and notes its generation: the round-trip counter in store_meta
and the audit log's size and latest entry (every edit writes one, geodata/edit_history.py). The copy back
replaces the whole store in one transaction (geodata/store_copy.py), after checking that the generation is
still the same: an edit or another round trip made meanwhile would be lost, so the command is refused
instead and nothing changes. The counter in the copied store is one higher, so two round trips begun from
the same store cannot both succeed.

The check and the replacing copy run under the advisory lock ROUND_TRIP_LOCK, taken exclusively; every edit
takes it shared as its first statement (edit_history.begin_edit). So edits under way finish before the check
and are seen by it, and an edit begun after it waits until the new store is in, holding no table lock the
copy would wait for.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from geodata.edit_history import ROUND_TRIP_LOCK
from geodata.errors import StoreError
from geodata.sql import has_table
from geodata.store import connect
from geodata.store_address import PostgresAddress, StoreAddress
from geodata.store_copy_back import GENERATION_KEY, snapshot, write_geopackage
from geodata.store_edit import ReadOnlyStore

CHANGED = "Someone changed the store while this ran; nothing was changed. Run it again."


@dataclass(frozen=True)
class Generation:
    """What tells whether a database store was changed: round trips bump `counter`, edits add audit rows."""

    counter: int
    audit_rows: int
    last_audit: str | None


def generation(db) -> Generation:
    """The store's generation as the connection `db` sees it."""
    row = db.execute("SELECT value FROM store_meta WHERE key = ?", (GENERATION_KEY,)).fetchone()
    counter = int(row[0]) if row else 0
    if not has_table(db, "audit_log"):
        return Generation(counter, 0, None)
    rows, last = db.execute("SELECT count(*), max(at) FROM audit_log").fetchone()
    return Generation(counter, int(rows), last)


def check_rewrite(address: PostgresAddress) -> bool:
    """Whether the database holds a store, after checking that this role may replace it (only its owner's
    members may) or, without one, create tables: a ReadOnlyStore error otherwise, before any work is done."""
    from geodata.postgres import open_connection

    db = open_connection(address, read_only=True)
    try:
        role = db.execute("SELECT current_user").fetchone()[0]
        row = db.execute("SELECT tableowner, pg_has_role(current_user, tableowner, 'MEMBER') FROM pg_tables "
                         "WHERE schemaname = current_schema() AND tablename = 'store_meta'").fetchone()
        if row is None:
            if not db.execute("SELECT has_schema_privilege(current_schema(), 'CREATE')").fetchone()[0]:
                raise ReadOnlyStore(f"Your database role {role} may not create tables in {address.shown}, so no "
                                    "store can be made there; nothing was changed. Ask the office's database "
                                    "administrator (see docs/team-server.md).")
            return False
        if not row[1]:
            raise ReadOnlyStore(f"Your database role {role} may not rewrite the store {address.shown}: build, "
                                f"add-plan and import replace it as a whole, which only its owner {row[0]} may. "
                                f"Nothing was changed. Ask the office's database administrator to make you a member "
                                f"of {row[0]}, or to run it (see docs/team-server.md).")
        return True
    finally:
        db.close()


@contextmanager
def local_store(store: StoreAddress, *, create: bool = False) -> Iterator[Path]:
    """The GeoPackage the file-based code works on: `store` itself, or for a database store a temporary copy
    that replaces the database's store when the block ends normally (`database_round_trip`). With `create`,
    a database without a store gets the one the block makes in an empty temporary path."""
    if not isinstance(store, PostgresAddress):
        yield Path(store)
        return
    if not check_rewrite(store) and create:
        with new_database_store(store) as path:
            yield path
        return
    with database_round_trip(store) as path:
        yield path


@contextmanager
def new_database_store(address: PostgresAddress) -> Iterator[Path]:
    """A path in a temporary folder for a new GeoPackage store, copied into the empty database `address`
    when the block ends normally."""
    from geodata.store_copy import copy_into_database

    with tempfile.TemporaryDirectory(prefix="plan-map-") as folder:
        path = Path(folder) / "store.gpkg"
        yield path
        if check_rewrite(address):
            raise StoreError(CHANGED)
        copy_into_database(path, address)


@contextmanager
def database_round_trip(address: PostgresAddress) -> Iterator[Path]:
    """A temporary GeoPackage copy of the database's store; when the block ends normally it replaces the
    store in one transaction, unless the store changed meanwhile (a StoreError, nothing changed)."""
    with tempfile.TemporaryDirectory(prefix="plan-map-") as folder:
        path = Path(folder) / "store.gpkg"
        with connect(address) as db, snapshot(db):
            started = generation(db)
            write_geopackage(db, path, replace=False)
        yield path
        with closing(sqlite3.connect(path)) as local, local:
            local.execute("INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                          "SET value = excluded.value", (GENERATION_KEY, str(started.counter + 1)))
        copy_back(path, address, started)


def copy_back(path: Path, address: PostgresAddress, started: Generation) -> None:
    """The GeoPackage at `path` replaces the database's store, if its generation is still `started`.

    The advisory lock is held by this connection for the session (its reads commit at once, so it holds no
    table lock the replacing copy's transaction would wait for), from before the check to the copy's commit."""
    from geodata.store_copy import copy_into_database

    with connect(address) as db:
        db.execute("SELECT pg_advisory_lock(?)", (ROUND_TRIP_LOCK,))
        try:
            if generation(db) != started:
                raise StoreError(CHANGED)
            list_user_tables(address)
            copy_into_database(path, address, replace=True)
        finally:
            db.execute("SELECT pg_advisory_unlock(?)", (ROUND_TRIP_LOCK,))


def list_user_tables(address: PostgresAddress) -> None:
    """The user tables among the store's tables (store_meta database_tables, which a replacing copy drops):
    an edit makes the audit and version tables when a store copied in before them lacks them."""
    from geodata.store_copy_back import COPIED_TABLES_KEY
    from geodata.store_edit import writing
    from geodata.user_data import USER_TABLES

    with writing(address) as db:
        row = db.execute("SELECT value FROM store_meta WHERE key = ?", (COPIED_TABLES_KEY,)).fetchone()
        listed = json.loads(row[0]) if row else []
        missing = [table for table in USER_TABLES if table not in listed and has_table(db, table)]
        if missing:
            db.execute("INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                       "SET value = excluded.value", (COPIED_TABLES_KEY, json.dumps([*listed, *missing])))
