"""Who changed what, and whether an edit may go ahead: a version per edited thing, an audit trail, roles.

Several planners may edit one store (team mode). Each edit names the version of what it changes as the
editor saw it when they opened it (`expected_version`); inside the edit's transaction the version row is
locked (SELECT ... FOR UPDATE on a database; a GeoPackage has one writer at a time already), compared and
bumped, so of two edits made from the same version the second is refused with an EditConflict that says who
changed it and when, and neither edit is lost or merged unseen. Every edit writes an audit row in the same
transaction: one per thing it changes.

Things edited are named by a subject: 'feature:<id>' for a feature's links and replacement, 'layer:<name>'
for a layer's style, name, removal or import. A subject with no row has version 0.

The tables are created with the user tables (user_data.ensure_user_tables) in SQL both databases speak;
audit ids are random text, so no counter is shared between writers.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from geodata.sql import has_table, is_postgres, quoted
from geodata.store import StoreError, connect
from geodata.store_address import PostgresAddress, StoreAddress
from geodata.store_edit import ReadOnlyStore

HISTORY_SCHEMA = {
    "row_versions": "CREATE TABLE IF NOT EXISTS row_versions (subject TEXT PRIMARY KEY, version INTEGER NOT NULL)",
    "audit_log": "CREATE TABLE IF NOT EXISTS audit_log (id TEXT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, "
                 "action TEXT NOT NULL, subject TEXT NOT NULL, version INTEGER NOT NULL, detail TEXT NOT NULL)",
}
AUDIT_INDEX = "CREATE INDEX IF NOT EXISTS audit_log_by_subject ON audit_log (subject, version)"
# What an editor writes to (user_data and imported_layers); a role lacking any of these may only read.
EDITED_TABLES = {
    "user_links": ("SELECT", "INSERT", "UPDATE"),
    "feature_passages": ("SELECT", "INSERT", "DELETE"),
    "feature_targets": ("SELECT", "INSERT", "DELETE"),
    "feature_replacements": ("SELECT", "INSERT", "UPDATE", "DELETE"),
    "layer_styles": ("SELECT", "INSERT", "UPDATE", "DELETE"),
    "row_versions": ("SELECT", "INSERT", "UPDATE"),
    "audit_log": ("SELECT", "INSERT"),
}
UNKNOWN_LOGIN = "unknown"
# The advisory lock between edits (shared, begin_edit) and whole-store replacements (geodata/round_trip.py).
ROUND_TRIP_LOCK = int.from_bytes(b"planmap!", "big")


class EditConflict(StoreError):
    """Someone else changed what this edit changes since the editor read it; nothing was saved."""

    def __init__(self, message: str, subject: str, actor: str | None, at: datetime | None) -> None:
        super().__init__(message)
        self.subject = subject
        self.actor = actor  # None when the store has no record of who (an edit made before audits)
        self.at = at

    def __reduce__(self) -> tuple:
        return type(self), (str(self), self.subject, self.actor, self.at)  # whole across processes too


@dataclass(frozen=True)
class AuditEntry:
    """One edit of one subject, for the feature panel's history."""

    at: datetime  # when it was saved (UTC; the server's clock on a database store)
    actor: str  # the database role (with the workstation login when it differs), or the login on a GeoPackage
    action: str  # link, unlink, replace, unreplace, style, rename, remove, import
    subject: str  # 'feature:<id>' or 'layer:<name>'
    version: int  # the subject's version after this edit
    detail: str  # what was linked, replaced, renamed ... in a few words


@dataclass(frozen=True)
class Permissions:
    """What this user may change in the store; each reason says why not and what to do (empty when they may).
    On a database an editor role may edit but not manage; the role owning the store's tables may do both."""

    can_edit: bool  # link, unlink, replace, style a layer
    reason: str
    can_manage: bool = True  # import, rename or remove a layer, add a plan, rebuild
    manage_reason: str = ""


def feature_subject(feature_id: str) -> str:
    return f"feature:{feature_id}"


def layer_subject(layer: str) -> str:
    return f"layer:{layer}"


def ensure_history_tables(db: sqlite3.Connection) -> None:
    """Create the version and audit tables when missing (only then: a role that may edit rows need not be
    allowed to create tables)."""
    for table, ddl in HISTORY_SCHEMA.items():
        if not has_table(db, table):
            db.execute(ddl)
            if table == "audit_log":
                db.execute(AUDIT_INDEX)


# --- reading -------------------------------------------------------------------------------------

def version_of(db: sqlite3.Connection, subject: str) -> int:
    """The version of `subject`: how many edits it has had (0 when none, or in a store without versions)."""
    if not has_table(db, "row_versions"):
        return 0
    row = db.execute("SELECT version FROM row_versions WHERE subject = ?", (subject,)).fetchone()
    return int(row[0]) if row else 0


def feature_version(db: sqlite3.Connection, feature_id: str) -> int:
    """The version of a feature's links and replacement, to pass back as an edit's `expected_version`."""
    return version_of(db, feature_subject(feature_id))


def layer_version(db: sqlite3.Connection, layer: str) -> int:
    """The version of a layer's style, name and presence, to pass back as an edit's `expected_version`."""
    return version_of(db, layer_subject(layer))


def history(db: sqlite3.Connection, subject: str, limit: int | None = None) -> list[AuditEntry]:
    """The audit entries of `subject`, newest first."""
    if not has_table(db, "audit_log"):
        return []
    sql = ("SELECT at, actor, action, subject, version, detail FROM audit_log WHERE subject = ? "
           "ORDER BY version DESC, at DESC")
    rows = db.execute(sql + " LIMIT ?", (subject, limit)) if limit is not None else db.execute(sql, (subject,))
    return [AuditEntry(parse_time(at), actor, action, subject, int(version), detail)
            for at, actor, action, subject, version, detail in rows.fetchall()]


def history_of(db: sqlite3.Connection, feature_id: str, limit: int | None = None) -> list[AuditEntry]:
    """Who changed a feature's links or replacement, and when: newest first (the feature panel's list)."""
    return history(db, feature_subject(feature_id), limit)


def layer_history_of(db: sqlite3.Connection, layer: str, limit: int | None = None) -> list[AuditEntry]:
    """Who styled, renamed, removed or imported a layer of this name, and when: newest first."""
    return history(db, layer_subject(layer), limit)


def parse_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


# --- writing, inside an edit's transaction -------------------------------------------------------

def begin_edit(db: sqlite3.Connection) -> None:
    """The first statement of an edit's transaction. On a database it takes the round-trip lock shared
    (geodata/round_trip.py), before any table is read: while a build or import replaces the whole store the
    edit waits, and a replacement waits for edits under way, then sees them in the audit log and is refused
    rather than overwriting them. Taken before reads, so neither holds a table lock the other waits for."""
    if is_postgres(db):
        db.execute("SELECT pg_advisory_xact_lock_shared(?)", (ROUND_TRIP_LOCK,))


def record_edit(db: sqlite3.Connection, subject: str, action: str, detail: str, *, expected_version: int | None = None,
                label: str | None = None) -> int:
    """Claim `subject` for this edit and write its audit row; returns the subject's new version.

    Call inside the edit's write transaction, before or after its changes (a conflict rolls them all back).
    With `expected_version`, the subject must still be at that version, else EditConflict (its message
    names `label`, or the subject). On a database the version row stays locked until the transaction ends,
    so a concurrent edit of the same subject waits here and then sees this one's version."""
    ensure_history_tables(db)
    db.execute("INSERT INTO row_versions (subject, version) VALUES (?, 0) ON CONFLICT (subject) DO NOTHING",
               (subject,))
    lock = " FOR UPDATE" if is_postgres(db) else ""
    current = int(db.execute("SELECT version FROM row_versions WHERE subject = ?" + lock, (subject,)).fetchone()[0])
    if expected_version is not None and current != expected_version:
        raise conflict(db, subject, label)
    version = current + 1
    db.execute("UPDATE row_versions SET version = ? WHERE subject = ?", (version, subject))
    db.execute("INSERT INTO audit_log (id, at, actor, action, subject, version, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
               (uuid.uuid4().hex, edit_time(db), actor(db), action, subject, version, detail))
    return version


def conflict(db: sqlite3.Connection, subject: str, label: str | None) -> EditConflict:
    """The error for an edit made from an old version: who changed `subject` last, and when."""
    what = label or describe(subject)
    last = history(db, subject, limit=1)
    if last:
        entry = last[0]
        when = entry.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        who = f"by {entry.actor} at {when}"
    else:
        who = "by someone else"
    return EditConflict(f"{what} was changed {who} since you opened it; nothing was saved. Reload and make your "
                        "change again.", subject, last[0].actor if last else None, last[0].at if last else None)


def describe(subject: str) -> str:
    kind, _, name = subject.partition(":")
    return f"The {kind} {name}"


def edit_time(db: sqlite3.Connection) -> str:
    """Now, in UTC: the server's clock on a database store (one clock for every workstation)."""
    if not is_postgres(db):
        return datetime.now(timezone.utc).isoformat(timespec="seconds")
    moment = db.execute("SELECT statement_timestamp()").fetchone()[0]
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def login_name() -> str:
    """This workstation's login name (never fails: a container may have no name for its user)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return UNKNOWN_LOGIN


def actor(db: sqlite3.Connection) -> str:
    """Who is editing: the database role (which the server vouches for) with the workstation login when it
    differs (an office may share one editor role); on a GeoPackage, the login name."""
    login = login_name()
    if not is_postgres(db):
        return login
    role = db.execute("SELECT current_user").fetchone()[0]
    return role if login in (role, UNKNOWN_LOGIN) else f"{role} ({login})"


# --- roles ---------------------------------------------------------------------------------------

def store_permissions(store: StoreAddress) -> Permissions:
    """Whether this user may edit `store`: on a database, the role's privileges on the tables edits write
    (and whether the server is a read-only standby); on a GeoPackage, whether the file and its folder are
    writable. The window disables edit actions and shows `reason` when `can_edit` is False."""
    if isinstance(store, PostgresAddress):
        return _database_permissions(store)
    path = Path(store)
    folder = path.resolve().parent
    if not os.access(path, os.W_OK):
        return _refused(f"The store file {path} is read-only for you, so it cannot be edited. Copy it somewhere "
                        "you may write, or ask for write access to it.")
    if not os.access(folder, os.W_OK | os.X_OK):
        return _refused(f"The folder {folder} is read-only for you, and an edit writes beside the store. Move the "
                        "store to a folder you may write to.")
    return Permissions(True, "")


def _refused(reason: str) -> Permissions:
    return Permissions(False, reason, False, reason)


def _database_permissions(store: PostgresAddress) -> Permissions:
    with connect(store) as db:
        role = db.execute("SELECT current_user").fetchone()[0]
        if db.execute("SELECT pg_is_in_recovery()").fetchone()[0]:
            return Permissions(False, f"The database server of {store.shown} is a read-only standby; edits go to "
                                      "the primary server. Connect to it to edit.")
        for table, privileges in EDITED_TABLES.items():
            if not has_table(db, table):
                if not db.execute("SELECT has_schema_privilege(current_schema(), 'CREATE')").fetchone()[0]:
                    return _refused(read_only_reason(store, role, f"the table {table} is missing and it may not "
                                                                  "create it"))
                continue
            for privilege in privileges:
                allowed = db.execute("SELECT has_table_privilege(?, ?)", (table, privilege)).fetchone()[0]
                if not allowed:
                    return _refused(read_only_reason(store, role, f"it lacks {privilege} on {table}"))
        owner = table_owner(db, "store_meta")
        if owner is not None:
            return Permissions(True, "", False, not_owner_reason(role, owner, "Importing layers, renaming or "
                                                                 "removing them, adding plans and rebuilding"))
    return Permissions(True, "")


def read_only_reason(store: PostgresAddress, role: str, why: str) -> str:
    return (f"Your database role {role} may only read the store {store.shown} ({why}). Ask the office's database "
            "administrator for the editor role (see docs/team-server.md).")


def not_owner_reason(role: str, owner: str, doing: str) -> str:
    return (f"{doing} rewrites the store's tables, which only their owner role {owner} and its members may do; "
            f"you are {role}. Ask a member of {owner} to do it, or the office's database administrator to add you "
            "to it (see docs/team-server.md).")


def table_owner(db: sqlite3.Connection, table: str) -> str | None:
    """The role owning `table` when the current role is not it nor a member of it (None when it may act as
    the owner: ALTER, DROP and a replacing copy need that)."""
    row = db.execute("SELECT pg_get_userbyid(relowner), pg_has_role(current_user, relowner, 'USAGE') FROM pg_class "
                     "WHERE oid = to_regclass(?)", (quoted(table),)).fetchone()
    return row[0] if row and not row[1] else None


def check_owner(db: sqlite3.Connection, table: str, doing: str) -> None:
    """On a database, refuse with ReadOnlyStore (before anything is changed) when this role may not act as
    the owner of `table`: `doing` ("Renaming a layer") needs it."""
    if not is_postgres(db):
        return
    owner = table_owner(db, table)
    if owner is not None:
        role = db.execute("SELECT current_user").fetchone()[0]
        raise ReadOnlyStore(not_owner_reason(role, owner, doing) + " Nothing was changed.")
