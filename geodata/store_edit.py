"""Changing an existing store all or nothing: work on a copy in the same folder, move it over the store
when complete (os.replace is atomic there), and delete it on any error or cancel.

Both ways of writing hold the store's writer lock for the whole edit (see store_lock), so two edits never
overwrite each other; the copy's name marks it as a working file, which the next writer removes if this
run is killed before it can.

Feature layers in the copy are written through GDAL (pyogrio); plain tables through sqlite3.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from geodata.errors import StoreUnreachable
from geodata.sql import quoted
from geodata.store import StoreError, check_database_store, connect, writable_folder
from geodata.store_address import PostgresAddress, StoreAddress
from geodata.store_lock import disk_full, is_disk_full, working_copy_of, working_files, writer_lock

TEMPORARY_MARK = ".editing-"


class ReadOnlyStore(StoreError):
    """The store may be read but not changed by this user (a database role without write rights)."""


def temporary_copies(store: Path) -> list[Path]:
    """Leftover working files of `store` (there should be none after any edit, failed or not)."""
    return working_files(store)


@contextmanager
def editing_copy(store: Path) -> Iterator[Path]:
    """A working copy of `store`; moved over it when the block ends normally, deleted otherwise."""
    store = Path(store)
    with connect(store):
        pass  # exists, is a store, has the current schema
    writable_folder(store)
    with writer_lock(store), working_copy_of(store, "editing") as copy:
        before = fingerprint(store)
        try:
            shutil.copyfile(store, copy)
            yield copy
            if fingerprint(store) != before:
                raise StoreError(f"The store {store} was changed by another program while this change was being "
                                 "made; nothing was changed. Try again.")
            os.replace(copy, store)
        except StoreError:
            raise
        except Exception as error:
            if is_disk_full(error):
                raise disk_full(store, error) from error
            if isinstance(error, (OSError, sqlite3.Error)):
                raise StoreError(f"Could not write the store {store}: {error}. The store is unchanged.") from error
            raise


def fingerprint(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


@contextmanager
def writing(store: StoreAddress) -> Iterator[sqlite3.Connection]:
    """A read-write connection to `store` for plain tables, in one transaction (committed at the end of
    the block, rolled back on error). Never update feature layer rows through it (see DESIGN.md).
    On a database store the server keeps writers apart; see `writing_postgres`."""
    if isinstance(store, PostgresAddress):
        with writing_postgres(store) as db:
            yield db
        return
    store = Path(store)
    with connect(store):
        pass
    with writer_lock(store):
        db = sqlite3.connect(store)
        try:
            with db:
                yield db
        except sqlite3.Error as error:
            db.close()
            finish_rollback(store)
            if is_disk_full(error):
                raise disk_full(store, error) from error
            raise StoreError(f"Could not write the store {store}: {error}. The store is unchanged.") from error
        finally:
            db.close()


@contextmanager
def database_transaction(store: PostgresAddress, *, refused: str, lost: str, is_store: bool = False) -> Iterator:
    """One transaction on a database: committed at the end of the block, rolled back on any error, which
    becomes a StoreError: ReadOnlyStore (`refused`) when the role lacks the right, StoreUnreachable (`lost`
    added) when the server went away, the server's own words otherwise. With `is_store`, the connection first
    checks that the database holds a store this version reads, in a transaction of its own: the edit's must
    hold no table lock before edit_history.begin_edit (a round trip replacing the store would wait for it
    while the edit waits for the round trip)."""
    from geodata.postgres import connection_failed, is_connection_error, is_permission_error, open_connection

    db = open_connection(store, read_only=False)
    try:
        if is_store:
            check_database_store(db, store)
            db.commit()
        with db.transaction():
            yield db
    except StoreError:
        raise
    except Exception as error:
        if is_permission_error(error):
            raise ReadOnlyStore(refused) from None
        if is_connection_error(error):
            raise StoreUnreachable(f"{connection_failed(store, error)} {lost}") from None
        if type(error).__module__.startswith("psycopg"):
            raise StoreError(f"Could not write the store {store.shown}: {error}. Nothing was changed.") from None
        raise
    finally:
        db.close()


@contextmanager
def writing_postgres(store: PostgresAddress) -> Iterator:
    """One edit of a database store, as one transaction (database_transaction), on one connection that
    first checks the store's schema."""
    with database_transaction(
            store, is_store=True, lost="The change was not saved.",
            refused=f"Your database role may only read the store {store.shown}; nothing was changed. Ask the "
                    "office's database administrator for the editor role (see docs/team-server.md).") as db:
        yield db


@contextmanager
def writing_postgres_fresh(store: PostgresAddress, *, replace: bool) -> Iterator:
    """One transaction that puts a whole new store into a database: refused when one is there already,
    unless `replace`, which drops the old store's tables in the same transaction (so a failed copy leaves
    the old store as it was). PostGIS must be installed in the database."""
    with database_transaction(
            store, lost="Nothing was copied.",
            refused=f"Your database role may not create tables in {store.shown}; nothing was changed. Copy as "
                    "the store's owner (see docs/team-server.md).") as db:
        if not db.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone():
            raise StoreError(f"The database {store.shown} has no PostGIS. Ask its administrator to run "
                             "CREATE EXTENSION postgis; in it (see docs/team-server.md), then copy again.")
        _act_as_database_owner(db)
        grants: list[tuple[str, str]] = []
        if db.execute("SELECT to_regclass('store_meta')").fetchone()[0]:
            if not replace:
                raise StoreError(f"The database {store.shown} already holds a store. To overwrite it (its "
                                 "links and imported layers too), copy again with --replace.")
            grants = _take_over_store(db)
        yield db
        _grant_again(db, grants)


def _act_as_database_owner(db) -> None:
    """A member of the database owner's role writes the store as that role, so the tables belong to it
    (and its default privileges for readers and editors apply), whoever of the owners copies."""
    owner = db.execute("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"
                       ).fetchone()[0]
    if db.execute("SELECT ? <> current_user AND pg_has_role(current_user, ?, 'MEMBER')", (owner, owner)).fetchone()[0]:
        db.execute(f"SET LOCAL ROLE {quoted(owner)}")


def _take_over_store(db) -> list[tuple[str, str]]:
    """Drop the old store's tables and return the table rights other roles had on it, which the new
    tables get again."""
    owner = db.execute("SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() "
                       "AND tablename = 'store_meta'").fetchone()[0]
    grants = db.execute("SELECT DISTINCT grantee, privilege_type FROM information_schema.role_table_grants "
                        "WHERE table_schema = current_schema() AND table_name = 'store_meta' AND grantee <> ?",
                        (owner,)).fetchall()
    row = db.execute("SELECT value FROM store_meta WHERE key = 'database_tables'").fetchone()
    for table in [*json.loads(row[0] if row else "[]"), "store_meta"]:
        db.execute(f"DROP TABLE IF EXISTS {quoted(table)} CASCADE")
    return grants


PRIVILEGES = frozenset({"SELECT", "INSERT", "UPDATE", "DELETE"})


def _grant_again(db, grants: list[tuple[str, str]]) -> None:
    """The roles that could read or edit the replaced store can read or edit the new one."""
    row = db.execute("SELECT value FROM store_meta WHERE key = 'database_tables'").fetchone()
    tables = [*json.loads(row[0] if row else "[]"), "store_meta"]
    for grantee, privilege in grants:
        if privilege not in PRIVILEGES:
            continue
        for table in tables:
            db.execute(f"GRANT {privilege} ON {quoted(table)} TO {quoted(grantee)}")
        if privilege == "INSERT":
            db.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted(grantee)}")


def finish_rollback(store: Path) -> None:
    """After a write failed on an I/O error or a full disk, SQLite leaves its rollback to the next
    connection (a hot journal), and a read-only reader cannot do it ("attempt to write a readonly
    database"): roll it back now, while the lock is held, so readers find the store as it was."""
    if not Path(f"{store}-journal").exists():
        return
    with contextlib.suppress(sqlite3.Error), contextlib.closing(sqlite3.connect(store)) as db:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
