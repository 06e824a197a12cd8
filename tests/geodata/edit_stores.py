"""What the edit tests look at in a store, on either backend: the feature and layer they edit, who the audit
trail names for their edits, a feature's passage links. The stores themselves: edit_fixtures.py."""

from __future__ import annotations

from pg_cluster import SUPERUSER

from geodata.edit_history import login_name
from geodata.store import connect
from geodata.store_address import PostgresAddress, StoreAddress

FEATURE = "sz-qianhai"  # a built-in feature with gazetteer links
LAYER = "official"


def editor_name(store: StoreAddress, role: str = SUPERUSER) -> str:
    """The audit trail's name for this test's edits: the database role (with the login when it differs)."""
    login = login_name()
    if not isinstance(store, PostgresAddress):
        return login
    return role if login == role else f"{role} ({login})"


def unlinked_passages(store: StoreAddress, feature_id: str, count: int) -> list[int]:
    """Passages not linked to `feature_id`, to link it to."""
    with connect(store) as db:
        rows = db.execute("SELECT id FROM passages WHERE id NOT IN (SELECT passage_id FROM feature_passages "
                          "WHERE feature_id = ?) ORDER BY id LIMIT ?", (feature_id, count)).fetchall()
    return [row[0] for row in rows]


def linked_passages(store: StoreAddress, feature_id: str) -> set[int]:
    with connect(store) as db:
        return {row[0] for row in db.execute("SELECT passage_id FROM feature_passages WHERE feature_id = ?",
                                             (feature_id,))}
