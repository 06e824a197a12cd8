"""The local store: one GeoPackage file holding the feature layers and the plan tables.

Feature layers are written through GDAL (pyogrio) and registered in gpkg_contents. Plan tables are plain
SQLite tables that are *not* registered; the `gdal_aspatial` extension row tells GDAL to list only
registered tables, so QGIS and GDAL show exactly the feature layers and none of the search-index tables.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs

from geodata.errors import StoreError
from geodata.store_address import PostgresAddress, StoreAddress

APP_NAME = "shenzhen-plan-map"
SCHEMA_VERSION = 2  # 2: targets gained kind, value_max, period and the figure's span; target_sources

# Plan tables. Rows keep provenance: a passage's document and line range, a link's origin.
PLAN_SCHEMA = """
CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, level TEXT NOT NULL, district TEXT, period TEXT,
    issuer TEXT, date TEXT, kind TEXT NOT NULL, source_file TEXT NOT NULL, sha256 TEXT NOT NULL,
    origin TEXT NOT NULL, position INTEGER NOT NULL
);
CREATE TABLE added_plans (
    sha256 TEXT PRIMARY KEY, source_file TEXT NOT NULL, content BLOB NOT NULL,
    title TEXT, level TEXT, district TEXT, added_at TEXT NOT NULL
);
CREATE TABLE sections (
    id INTEGER PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id), key TEXT NOT NULL,
    parent_key TEXT, depth INTEGER NOT NULL, kind TEXT NOT NULL, number TEXT, title TEXT NOT NULL,
    path TEXT NOT NULL, line_start INTEGER NOT NULL, line_end INTEGER NOT NULL,
    UNIQUE (document_id, key)
);
CREATE TABLE passages (
    id INTEGER PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id), ordinal INTEGER NOT NULL,
    section_id INTEGER REFERENCES sections(id), kind TEXT NOT NULL, text TEXT NOT NULL,
    line_start INTEGER NOT NULL, line_end INTEGER NOT NULL,
    UNIQUE (document_id, ordinal)
);
CREATE TABLE targets (
    id INTEGER PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id),
    passage_id INTEGER REFERENCES passages(id), indicator TEXT NOT NULL, value_text TEXT NOT NULL,
    value REAL, comparator TEXT, unit TEXT, year INTEGER, category TEXT, number TEXT, binding TEXT,
    is_result INTEGER NOT NULL, base_value_text TEXT, table_name TEXT, scope TEXT NOT NULL,
    kind TEXT NOT NULL, value_max REAL, period TEXT, span_start INTEGER, span_end INTEGER
);
-- Other passages stating a target (a table row repeated in prose): where its figure is, as it is worded there.
CREATE TABLE target_sources (
    target_id INTEGER NOT NULL REFERENCES targets(id), passage_id INTEGER NOT NULL REFERENCES passages(id),
    span_start INTEGER, span_end INTEGER, value_text TEXT NOT NULL, comparator TEXT
);
CREATE TABLE feature_passages (
    feature_id TEXT NOT NULL, passage_id INTEGER NOT NULL REFERENCES passages(id),
    start INTEGER, end INTEGER, matched TEXT, is_defining INTEGER NOT NULL DEFAULT 0,
    origin TEXT NOT NULL
);
CREATE TABLE feature_targets (
    feature_id TEXT NOT NULL, target_id INTEGER NOT NULL REFERENCES targets(id), origin TEXT NOT NULL,
    UNIQUE (feature_id, target_id)
);
CREATE INDEX passages_by_section ON passages (section_id);
CREATE INDEX targets_by_document ON targets (document_id);
CREATE INDEX target_sources_by_target ON target_sources (target_id);
CREATE INDEX feature_passages_by_feature ON feature_passages (feature_id);
CREATE INDEX feature_passages_by_passage ON feature_passages (passage_id, start);
CREATE INDEX feature_targets_by_feature ON feature_targets (feature_id);
-- Substring search: trigrams for terms of 3+ characters; single characters and character pairs
-- (as tokens of their own) for shorter terms, which the trigram index cannot find.
CREATE VIRTUAL TABLE passages_fts USING fts5(text, content='passages', content_rowid='id',
    tokenize='trigram');
CREATE VIRTUAL TABLE passages_chars USING fts5(chars, pairs, content='', tokenize='unicode61');
"""


def default_store_path() -> Path:
    """The store in the user's data directory (e.g. ~/.local/share/..., %LOCALAPPDATA%\\...)."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "plan-map.gpkg"


def check_fts5() -> None:
    """Fail early and clearly when this Python's SQLite lacks FTS5 with the trigram tokenizer."""
    try:
        with sqlite3.connect(":memory:") as db:
            db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
    except sqlite3.OperationalError as error:
        raise StoreError(
            f"This Python's SQLite {sqlite3.sqlite_version} has no FTS5 trigram search ({error}). "
            "Use a Python built with SQLite 3.34 or newer (the python.org and Debian 12 builds are)."
        ) from error


@contextmanager
def connect(path: StoreAddress, *, any_version: bool = False) -> Iterator[sqlite3.Connection]:
    """A read-only connection to an existing store, after checking its schema version (only that it
    is a store, with `any_version`: a rebuild reads what to keep from an older one). A PostgresAddress
    gives a PgConnection (geodata/postgres.py) with the same surface."""
    if isinstance(path, PostgresAddress):
        with _connect_postgres(path, any_version=any_version) as db:
            yield db
        return
    path = Path(path)
    if not path.exists():
        raise StoreError(f"No store at {path}. Build it first: plan-map build --store {path}")
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise StoreError(f"Cannot open the store {path}: {error}") from error
    try:
        schema_version(db, path) if any_version else check_schema(db, path)
        yield db
    finally:
        db.close()


@contextmanager
def _connect_postgres(address: PostgresAddress, *, any_version: bool) -> Iterator:
    from geodata.postgres import open_connection

    db = open_connection(address, read_only=True)
    try:
        check_database_store(db, address, any_version=any_version)
        yield db
    finally:
        db.close()


def check_database_store(db, address: PostgresAddress, *, any_version: bool = False) -> None:
    """That the database holds a store this version reads (`connect`'s check, also run by a writer on its
    own connection)."""
    if not db.execute("SELECT to_regclass('store_meta')").fetchone()[0]:
        raise StoreError(
            f"The database {address.shown} holds no plan-map store yet. Copy one into it: "
            f"plan-map copy PATH.gpkg {address.shown}, or build one there: plan-map build --store {address.shown}"
        )
    schema_version(db, address) if any_version else check_schema(db, address)


def schema_version(db: sqlite3.Connection, path: StoreAddress) -> int:
    try:
        row = db.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as error:
        raise StoreError(
            f"{path} is not a plan-map store ({error}). Point --store at a store built by this program, "
            "or build a new one at another path: plan-map build --store PATH"
        ) from error
    if row is None:
        return 0
    try:
        return int(str(row[0]).strip())
    except ValueError:
        raise StoreError(
            f"The store {path} has a schema version this program does not know ({row[0]!r}; this version reads "
            f"schema {SCHEMA_VERSION}). It was written by another program or version: open it with that one, "
            "or build a new store at another path: plan-map build --store PATH"
        ) from None


def feature_sources_meta(db: sqlite3.Connection) -> tuple[str, ...]:
    """The credits of the datasets the built-in geometry comes from, as the build recorded them."""
    row = db.execute("SELECT value FROM store_meta WHERE key = 'feature_sources'").fetchone()
    return tuple(json.loads(row[0])) if row else ()


def check_schema(db: sqlite3.Connection, path: StoreAddress) -> None:
    version = schema_version(db, path)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"The store {path} was written by a newer version of this program (schema {version}; this "
            f"version reads schema {SCHEMA_VERSION}). Update the program, or build a new store with --store."
        )
    if version < SCHEMA_VERSION:
        raise StoreError(
            f"The store {path} has an old schema ({version}). Rebuild it: plan-map build --store {path}"
        )


def writable_folder(path: Path) -> Path:
    """The folder the store goes in, created if needed; a clear error when it cannot be written."""
    folder = Path(path).resolve().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"Cannot create the folder {folder} for the store: {error.strerror}.") from error
    if not os.access(folder, os.W_OK):
        raise StoreError(
            f"The folder {folder} is read-only, so the store cannot be written there. "
            "Choose another place with --store PATH."
        )
    return folder


def char_tokens(text: str) -> tuple[str, str]:
    """The two columns of the short-term index: every character, and every pair of adjacent word
    characters, each as a token of its own (the index tokenizer splits on spaces and punctuation)."""
    text = text.lower()
    chars = " ".join(ch for ch in text if ch.isalnum())
    pairs = " ".join(a + b for a, b in zip(text, text[1:]) if a.isalnum() and b.isalnum())
    return chars, pairs
