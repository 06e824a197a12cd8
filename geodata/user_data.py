"""What a user adds to the store and a rebuild must keep: imported layers, their styles, links made or
removed by hand, and imported features that replace schematic ones.

User links name passages and targets by references that survive a rebuild (database ids do not):
a passage by (document id, ordinal); a target by (document id, its ordinal among the document's
targets, indicator, year, table), falling back to indicator + year + table when the ordinal moved.
The tables are additive and created when missing, so stores of schema 1 need no upgrade.

Every edit is one transaction on either backend, bumps the version of what it changes and writes an audit
row (geodata/edit_history.py); given the version the editor saw (`expected_version`), an edit made after
someone else's is refused with EditConflict instead of overwriting it.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from geodata.edit_history import HISTORY_SCHEMA, begin_edit, ensure_history_tables, feature_subject, record_edit
from geodata.feature_queries import layer_tables
from geodata.features import FEATURE_LAYERS
from geodata.imports import linking
from geodata.sql import geometry_column, has_table, insert_sql, select_sql, table_columns, value_by_id
from geodata.store import StoreError, connect
from geodata.store_address import StoreAddress
from geodata.store_edit import writing

USER_SCHEMA = {
    "imported_layers": """CREATE TABLE IF NOT EXISTS imported_layers (
        name TEXT PRIMARY KEY, source_file TEXT NOT NULL, crs TEXT NOT NULL, name_field TEXT,
        encoding TEXT, imported_at TEXT NOT NULL)""",
    "layer_styles": """CREATE TABLE IF NOT EXISTS layer_styles (
        layer TEXT PRIMARY KEY, stroke TEXT, fill TEXT, fill_opacity REAL, stroke_width REAL, label_field TEXT)""",
    "user_links": """CREATE TABLE IF NOT EXISTS user_links (
        feature_id TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('passage', 'target')),
        document_id TEXT NOT NULL, ordinal INTEGER NOT NULL, indicator TEXT, year INTEGER, table_name TEXT,
        action TEXT NOT NULL CHECK (action IN ('link', 'unlink')), made_at TEXT NOT NULL,
        PRIMARY KEY (feature_id, kind, document_id, ordinal))""",
    "feature_replacements": """CREATE TABLE IF NOT EXISTS feature_replacements (
        schematic_id TEXT PRIMARY KEY, imported_id TEXT NOT NULL, made_at TEXT NOT NULL)""",
}
USER_TABLES = (*USER_SCHEMA, *HISTORY_SCHEMA)  # what a rebuild carries over: the audit trail and versions too
BUILTIN_LAYERS = frozenset(layer.name for layer in FEATURE_LAYERS)
GEOMETRY_TYPE_NAMES = {name.upper(): name for name in (
    "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon")}
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


class NotInStore(StoreError):
    """A feature, passage, target or layer the user named is not in the store."""


@dataclass(frozen=True)
class LayerStyleOverride:
    """A user's style for a layer; None keeps the default from layers/style.py. Colours are #rrggbb,
    widths screen pixels, fill_opacity 0-1, label_field a column of the layer (or None: no labels)."""

    stroke: str | None = None
    fill: str | None = None
    fill_opacity: float | None = None
    stroke_width: float | None = None
    label_field: str | None = None


@dataclass(frozen=True)
class LinkChange:
    feature_id: str
    kind: str  # "passage" or "target"
    row_id: int  # the passage or target id in this store
    action: str  # "link" or "unlink"
    version: int  # the feature's version after this change: the next edit's expected_version


@dataclass(frozen=True)
class Replacement:
    imported_id: str
    schematic_id: str
    passages: int  # links taken over
    targets: int
    version: int  # the imported feature's version after the replacement


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def ensure_user_tables(db: sqlite3.Connection) -> None:
    """Create the user tables a store lacks, in the open transaction. Only missing ones: an editor's database
    role may write rows without being allowed to create tables."""
    for table, ddl in USER_SCHEMA.items():
        if not has_table(db, table):
            db.execute(ddl)
    ensure_history_tables(db)


# --- reading, for the page, print and panel code -------------------------------------------------

def hidden_features(db: sqlite3.Connection) -> frozenset[str]:
    """Ids of built-in features replaced by imported ones: the map and prints leave them out."""
    if not has_table(db, "feature_replacements"):
        return frozenset()
    return frozenset(row[0] for row in db.execute("SELECT schematic_id FROM feature_replacements"))


def replacements(db: sqlite3.Connection) -> dict[str, str]:
    """schematic id -> the imported feature id that replaces it."""
    if not has_table(db, "feature_replacements"):
        return {}
    return dict(db.execute("SELECT schematic_id, imported_id FROM feature_replacements").fetchall())


def layer_style_overrides(db: sqlite3.Connection) -> dict[str, LayerStyleOverride]:
    """Layer name -> the style a user set for it (only layers with one)."""
    if not has_table(db, "layer_styles"):
        return {}
    rows = db.execute("SELECT layer, stroke, fill, fill_opacity, stroke_width, label_field FROM layer_styles")
    return {row[0]: LayerStyleOverride(*row[1:]) for row in rows.fetchall()}


def imported_layer_names(db: sqlite3.Connection) -> list[str]:
    return [name for name in layer_tables(db) if name not in BUILTIN_LAYERS]


def feature_layer(db: sqlite3.Connection, feature_id: str) -> str | None:
    """The layer holding a feature id, or None."""
    for table in layer_tables(db):
        if value_by_id(db, table, "id", feature_id):
            return table
    return None


def feature_label(db: sqlite3.Connection, layer: str, feature_id: str) -> str:
    """'The feature NAME (ID)', for a conflict message."""
    row = value_by_id(db, layer, "name", feature_id)
    return f"The feature {row[0]} ({feature_id})" if row and row[0] else f"The feature {feature_id}"


@dataclass(frozen=True)
class ReplacementCandidate:
    feature_id: str
    name: str
    layer: str
    overlap: float  # intersection over union of the two areas (lengths for lines); 0 when apart


def replacement_candidates(db: sqlite3.Connection, imported_id: str) -> list[ReplacementCandidate]:
    """The built-in features an imported one could replace: those intersecting it first (most overlap
    first), then the rest of the schematic ones by name. Neighbouring cities are not candidates."""
    from geodata.feature_queries import features, geometry_of

    by_id = {info.feature.id: info for info in features(db)}
    imported = by_id.get(imported_id)
    if imported is None:
        raise NotInStore(f"no feature with id {imported_id!r}.")
    shape = geometry_of(db, imported)
    size = shape.area or shape.length
    hidden = hidden_features(db)
    found = []
    for info in by_id.values():
        f = info.feature
        if f.layer not in BUILTIN_LAYERS or f.layer == "neighbours" or f.id in hidden:
            continue
        other = geometry_of(db, info)
        overlap = 0.0
        if other.intersects(shape):
            common = other.intersection(shape)
            shared = common.area or common.length
            union = size + (other.area or other.length) - shared
            overlap = max(shared / union if union > 0 else 0.0, 1e-6)
        if overlap or f.accuracy == "schematic":
            found.append(ReplacementCandidate(f.id, f.name, f.layer, overlap))
    return sorted(found, key=lambda c: (-c.overlap, c.layer != "key_areas", c.name))


# --- user links ---------------------------------------------------------------------------------

def link(store: StoreAddress, feature_id: str, passage_id: int | None = None, target_id: int | None = None, *,
         expected_version: int | None = None) -> LinkChange:
    """Link a feature to a passage or a target by hand; kept across rebuilds. With `expected_version` (the
    feature_version the editor read), refused with EditConflict if someone changed the feature since."""
    return _change_link(store, feature_id, passage_id, target_id, "link", expected_version)


def unlink(store: StoreAddress, feature_id: str, passage_id: int | None = None, target_id: int | None = None, *,
           expected_version: int | None = None) -> LinkChange:
    """Remove a feature's link to a passage or target (also one the gazetteer found); kept across rebuilds.
    `expected_version` as for `link`."""
    return _change_link(store, feature_id, passage_id, target_id, "unlink", expected_version)


def _change_link(store: StoreAddress, feature_id: str, passage_id: int | None, target_id: int | None,
                 action: str, expected_version: int | None) -> LinkChange:
    if (passage_id is None) == (target_id is None):
        raise StoreError("Name exactly one of a passage or a target to link to.")
    kind, row_id = ("passage", passage_id) if passage_id is not None else ("target", target_id)
    with writing(store) as db:
        begin_edit(db)
        ensure_user_tables(db)
        layer = feature_layer(db, feature_id)
        if layer is None:
            raise NotInStore(f"no feature with id {feature_id!r}. Find ids with: plan-map show NAME")
        reference = stable_reference(db, kind, row_id)
        if reference is None:
            raise NotInStore(f"no {kind} with id {row_id}. Find ids with: plan-map search TEXT"
                             + (" / targets" if kind == "target" else ""))
        detail = f"{kind} {row_id} ({reference[0]} #{reference[1]})"
        version = record_edit(db, feature_subject(feature_id), action, detail, expected_version=expected_version,
                              label=feature_label(db, layer, feature_id))
        db.execute(
            "INSERT INTO user_links (feature_id, kind, document_id, ordinal, indicator, year, table_name, action, "
            "made_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (feature_id, kind, document_id, ordinal) "
            "DO UPDATE SET indicator = excluded.indicator, year = excluded.year, table_name = excluded.table_name, "
            "action = excluded.action, made_at = excluded.made_at",
            (feature_id, kind, *reference, action, now()),
        )
        apply_change(db, feature_id, kind, row_id, action)
    return LinkChange(feature_id, kind, row_id, action, version)


def stable_reference(db: sqlite3.Connection, kind: str, row_id: int) -> tuple | None:
    """(document id, ordinal, indicator, year, table name) of a passage or target id in this store."""
    if kind == "passage":
        row = db.execute("SELECT document_id, ordinal FROM passages WHERE id = ?", (row_id,)).fetchone()
        return (*row, None, None, None) if row else None
    row = db.execute("SELECT document_id, indicator, year, table_name FROM targets WHERE id = ?", (row_id,)).fetchone()
    if row is None:
        return None
    ordinal = db.execute("SELECT count(*) FROM targets WHERE document_id = ? AND id <= ?", (row[0], row_id)).fetchone()
    return row[0], ordinal[0], *row[1:]


def resolve_reference(db: sqlite3.Connection, kind: str, document_id: str, ordinal: int, indicator: str | None,
                      year: int | None, table_name: str | None) -> int | None:
    """The passage or target id a stable reference names in this store (None if it is gone)."""
    if kind == "passage":
        row = db.execute("SELECT id FROM passages WHERE document_id = ? AND ordinal = ?",
                         (document_id, ordinal)).fetchone()
        return row[0] if row else None
    row = db.execute(
        "SELECT id, indicator FROM targets WHERE document_id = ? ORDER BY id LIMIT 1 OFFSET ?",
        (document_id, ordinal - 1),
    ).fetchone()
    if row and row[1] == indicator:
        return row[0]
    row = db.execute(
        "SELECT id FROM targets WHERE document_id = ? AND indicator = ? AND year IS NOT DISTINCT FROM ? "
        "AND table_name IS NOT DISTINCT FROM ? "
        "ORDER BY id LIMIT 1",
        (document_id, indicator, year, table_name),
    ).fetchone()
    return row[0] if row else None


def apply_change(db: sqlite3.Connection, feature_id: str, kind: str, row_id: int, action: str) -> None:
    if kind == "passage" and action == "link":
        if not db.execute("SELECT 1 FROM feature_passages WHERE feature_id = ? AND passage_id = ?",
                          (feature_id, row_id)).fetchone():
            db.execute("INSERT INTO feature_passages (feature_id, passage_id, is_defining, origin) "
                       "VALUES (?, ?, 0, 'user')", (feature_id, row_id))
    elif kind == "passage":
        db.execute("DELETE FROM feature_passages WHERE feature_id = ? AND passage_id = ?", (feature_id, row_id))
    elif action == "link":
        db.execute("INSERT INTO feature_targets (feature_id, target_id, origin) VALUES (?, ?, 'user') "
                   "ON CONFLICT DO NOTHING", (feature_id, row_id))
    else:
        db.execute("DELETE FROM feature_targets WHERE feature_id = ? AND target_id = ?", (feature_id, row_id))


def apply_user_links(db: sqlite3.Connection, actions: tuple[str, ...] = ("link", "unlink")) -> int:
    """Re-apply the recorded user links and unlinks to this store's ids; returns how many resolved."""
    applied = 0
    for action in actions:
        rows = db.execute(
            "SELECT feature_id, kind, document_id, ordinal, indicator, year, table_name FROM user_links "
            "WHERE action = ?", (action,),
        ).fetchall()
        for feature_id, kind, *reference in rows:
            row_id = resolve_reference(db, kind, *reference)
            if row_id is not None:
                apply_change(db, feature_id, kind, row_id, action)
                applied += 1
    return applied


# --- replacing schematic features ---------------------------------------------------------------

def replace_schematic(store: StoreAddress, imported_feature_id: str, schematic_feature_id: str, *,
                      expected_version: int | None = None) -> Replacement:
    """Mark an imported feature as replacing a built-in (schematic) one: it gets the built-in feature's
    passage and target links (copied, origin 'replacement'), and the built-in one is hidden.
    `expected_version` is the imported feature's version as the editor read it (see `link`); both
    features' versions move on and both get an audit entry."""
    with writing(store) as db:
        begin_edit(db)
        ensure_user_tables(db)
        imported_layer = feature_layer(db, imported_feature_id)
        schematic_layer = feature_layer(db, schematic_feature_id)
        if imported_layer is None or schematic_layer is None:
            missing = imported_feature_id if imported_layer is None else schematic_feature_id
            raise NotInStore(f"no feature with id {missing!r}. Find ids with: plan-map show NAME")
        if imported_layer in BUILTIN_LAYERS:
            raise StoreError(f"{imported_feature_id} is a built-in feature; only an imported feature can replace "
                             "another. Import the official data first: plan-map import FILE")
        if schematic_layer not in BUILTIN_LAYERS:
            raise StoreError(f"{schematic_feature_id} is itself imported; choose a built-in feature to replace.")
        version = record_edit(db, feature_subject(imported_feature_id), "replace",
                              f"replaces {schematic_feature_id}", expected_version=expected_version,
                              label=feature_label(db, imported_layer, imported_feature_id))
        record_edit(db, feature_subject(schematic_feature_id), "replace", f"replaced by {imported_feature_id}")
        db.execute("INSERT INTO feature_replacements (schematic_id, imported_id, made_at) VALUES (?, ?, ?) "
                   "ON CONFLICT (schematic_id) DO UPDATE SET imported_id = excluded.imported_id, "
                   "made_at = excluded.made_at", (schematic_feature_id, imported_feature_id, now()))
        passages, targets = copy_links(db, schematic_feature_id, imported_feature_id)
        apply_user_links(db, ("unlink",))
    return Replacement(imported_feature_id, schematic_feature_id, passages, targets, version)


def unreplace(store: StoreAddress, schematic_feature_id: str, *, expected_version: int | None = None) -> int:
    """Show a replaced built-in feature again; the links its replacement took over are removed. Returns the
    built-in feature's new version; `expected_version` is its version as the editor read it (see `link`)."""
    with writing(store) as db:
        begin_edit(db)
        ensure_user_tables(db)
        row = db.execute("SELECT imported_id FROM feature_replacements WHERE schematic_id = ?",
                         (schematic_feature_id,)).fetchone()
        if row is None:
            raise NotInStore(f"{schematic_feature_id} is not replaced by an imported feature.")
        layer = feature_layer(db, schematic_feature_id)
        label = feature_label(db, layer, schematic_feature_id) if layer else None
        version = record_edit(db, feature_subject(schematic_feature_id), "unreplace", f"no longer replaced by {row[0]}",
                              expected_version=expected_version, label=label)
        record_edit(db, feature_subject(row[0]), "unreplace", f"no longer replaces {schematic_feature_id}")
        db.execute("DELETE FROM feature_replacements WHERE schematic_id = ?", (schematic_feature_id,))
        db.execute("DELETE FROM feature_passages WHERE feature_id = ? AND origin = 'replacement'", (row[0],))
        db.execute("DELETE FROM feature_targets WHERE feature_id = ? AND origin = 'replacement'", (row[0],))
    return version


def copy_links(db: sqlite3.Connection, source_id: str, target_id: str) -> tuple[int, int]:
    passages = db.execute(
        """INSERT INTO feature_passages (feature_id, passage_id, start, "end", matched, is_defining, origin)
           SELECT ?, fp.passage_id, fp.start, fp."end", fp.matched, fp.is_defining, 'replacement'
           FROM feature_passages fp WHERE fp.feature_id = ? AND NOT EXISTS (
               SELECT 1 FROM feature_passages mine WHERE mine.feature_id = ? AND mine.passage_id = fp.passage_id)""",
        (target_id, source_id, target_id),
    ).rowcount
    targets = db.execute(
        "INSERT INTO feature_targets (feature_id, target_id, origin) "
        "SELECT ?, target_id, 'replacement' FROM feature_targets WHERE feature_id = ? ON CONFLICT DO NOTHING",
        (target_id, source_id),
    ).rowcount
    return passages, targets


def apply_replacements(db: sqlite3.Connection) -> None:
    for schematic_id, imported_id in replacements(db).items():
        copy_links(db, schematic_id, imported_id)


# --- carrying user data over a rebuild ----------------------------------------------------------

def carry_over(old: Path | None, new: Path) -> None:
    """Copy imported layers, styles, user links and replacements from the `old` store (if any) into a
    freshly built `new` one, then link the imported features and re-apply the user's links."""
    with sqlite3.connect(new) as db:
        ensure_user_tables(db)
    db.close()
    if old is None or not Path(old).exists():
        return
    with connect(old, any_version=True) as old_db:
        layers = imported_layer_names(old_db)
        saved = {table: saved_rows(old_db, table) for table in USER_TABLES}
    for layer in layers:
        copy_layer(Path(old), Path(new), layer)
    with sqlite3.connect(new) as db:
        for table, (columns, rows) in saved.items():
            kept = [c for c in columns if c in table_columns(db, table)]
            if rows and kept:
                at = [columns.index(c) for c in kept]
                db.executemany(insert_sql(table, kept) + " ON CONFLICT DO NOTHING",
                               ([row[i] for i in at] for row in rows))
        for layer in layers:
            linking.index_layer(db, layer)
            linking.link_imported(db, linking.layer_features(db, layer))
        apply_user_links(db)
        apply_replacements(db)
        apply_user_links(db, ("unlink",))
    db.close()


def saved_rows(db: sqlite3.Connection, table: str) -> tuple[list[str], list[tuple]]:
    """A user table's column names and rows (none when the store predates the table)."""
    columns = table_columns(db, table)
    if not columns:
        return [], []
    return columns, db.execute(select_sql(table, columns)).fetchall()


def copy_layer(old: Path, new: Path, layer: str, new_name: str | None = None) -> None:
    """One feature layer from store to store (or within one, under `new_name`) through GDAL."""
    with connect(old) as db:
        geometry = geometry_column(db, layer)
    if geometry is None:
        raise NotInStore(f"no layer named {layer!r}. List them with: plan-map layers")
    import pyogrio  # GDAL and pandas load only when a layer is copied, not when a store is read

    frame = pyogrio.read_dataframe(old, layer=layer)
    pyogrio.write_dataframe(frame, new, layer=new_name or layer, driver="GPKG",
                            geometry_type=GEOMETRY_TYPE_NAMES.get(geometry.geometry_type.upper(), "Unknown"))
