"""What tells a cache (the window's map page) that a database store changed since it was drawn from it.

A GeoPackage is a file: its modification time and size say it (layers/page.py reads them). A database has no
such stamp, and other planners change it while this window is open, so the revision is read from the rows:
every table's row count and its newest row version (the transaction id of the last insert or update, xmin).
An insert or an update gives a row a newer xmin, a delete lowers the count: any edit changes the revision.
VACUUM FREEZE may change it too, which costs one needless redraw, never a stale page. It reads every row
(some 0.1 s a million rows), so it is asked when a page is wanted, not on every click.
"""

from __future__ import annotations

import hashlib
import sqlite3

from geodata.sql import quoted

POSTGIS_TABLES = ("spatial_ref_sys",)  # PostGIS's own, not the store's


def database_revision(db: sqlite3.Connection) -> str:
    """A short hash of every store table's row count and newest row version, in a database store."""
    tables = [row[0] for row in db.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
        "AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall() if row[0] not in POSTGIS_TABLES]
    if not tables:
        return ""
    parts = [f"SELECT {i}, count(*), max(xmin::text::bigint) FROM {quoted(table)}" for i, table in enumerate(tables)]
    rows = db.execute(" UNION ALL ".join(parts)).fetchall()
    text = "\n".join(f"{tables[i]} {count} {newest}" for i, count, newest in sorted(rows))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
