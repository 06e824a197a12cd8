"""Building the store: plan texts and geometry in, one GeoPackage out, all or nothing.

The new store is written next to the old one under a temporary name and moved over it only when
complete, so a build that fails half-way (or is interrupted) leaves the previous store untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import geopandas as gpd

from geodata import links, place_register, premade_tiles, search, store_edit, user_data
from geodata.features import FEATURE_LAYERS, Feature
from geodata.plans.catalogue import with_catalogued_title
from geodata.plans.parser import parse_plan
from geodata.plans.plan import ParsedPlan, PlanError, section_paths
from geodata.spatial import feature_sources
from geodata.store import (
    PLAN_SCHEMA,
    SCHEMA_VERSION,
    StoreError,
    char_tokens,
    check_fts5,
    connect,
    schema_version,
    writable_folder,
)
from geodata.store_lock import disk_full, is_disk_full, working_copy_of, writer_lock

SEEDS_ENV = "PLAN_MAP_SEEDS"


@dataclass(frozen=True)
class AddedPlan:
    """A plan a user added with add-plan; its text is kept in the store so rebuilds include it."""

    source_file: str
    content: bytes
    title: str | None = None
    level: str | None = None
    district: str | None = None


@dataclass(frozen=True)
class DocumentCounts:
    id: str
    title: str
    origin: str
    sections: int
    passages: int
    targets: int


@dataclass(frozen=True)
class BuildReport:
    path: Path
    documents: tuple[DocumentCounts, ...]
    features: dict[str, int]
    links: int
    seconds: float


def default_seeds_dir() -> Path:
    """The five plan documents: $PLAN_MAP_SEEDS, else the copy a frozen bundle carries (packaging/plan-map.spec
    puts them in its data folder), else ../shared/seeds beside the checkout."""
    import sys

    configured = os.environ.get(SEEDS_ENV)
    if configured:
        return Path(configured)
    bundled = Path(getattr(sys, "_MEIPASS", "")) / "seeds"
    if getattr(sys, "frozen", False) and bundled.is_dir():
        return bundled
    return Path(__file__).resolve().parents[2] / "shared" / "seeds"


def seed_plan_files(seeds_dir: Path | None = None) -> list[Path]:
    folder = Path(seeds_dir) if seeds_dir else default_seeds_dir()
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        raise StoreError(
            f"No plan texts (*.txt) found in {folder}. Put the plan documents there, "
            f"or name their folder with --seeds DIR (or the {SEEDS_ENV} environment variable)."
        )
    return files


def build_store(
    path: Path, seeds_dir: Path | None = None, new_plan: AddedPlan | None = None
) -> BuildReport:
    """(Re)build the store at `path` from the seed plans, the plans added earlier, and `new_plan`.

    The store's writer lock is held from reading the plans (and imported layers) to keep until the new
    store is in place, so an edit made meanwhile by another process is waited for, never lost."""
    began = time.perf_counter()
    check_fts5()
    path = Path(path)
    writable_folder(path)
    with writer_lock(path):
        return _build_locked(path, seeds_dir, new_plan, began)


def _build_locked(path: Path, seeds_dir: Path | None, new_plan: AddedPlan | None, began: float) -> BuildReport:
    before = store_edit.fingerprint(path) if path.exists() else None
    added = kept_plans(path) if before else []
    if new_plan is not None:
        if any(plan.content == new_plan.content for plan in added):
            raise StoreError(f"{new_plan.source_file} is already in the store; nothing was changed.")
        added.append(new_plan)
    features = feature_sources.load_all()
    places = plan_places([feature for feature, _ in features])
    plans = [(with_catalogued_title(parse_plan(file, places=places)), "seed") for file in seed_plan_files(seeds_dir)]
    plans += [(parse_added(plan, places), "added") for plan in added]
    check_unique_documents([plan for plan, _ in plans])
    with working_copy_of(path, "building") as temporary:
        try:
            write_feature_layers(temporary, features)
            with closing(sqlite3.connect(temporary)) as db, db:
                counts = write_plan_tables(db, plans, added)
                link_count = place_register.link_and_register(db, [feature for feature, _ in features])
                write_meta(db)
            user_data.carry_over(path if before else None, temporary)  # imported layers, user links
            premade_tiles.carry_over_tiles(path if before else None, temporary)
            with closing(sqlite3.connect(temporary)) as db, db:
                search.index_names(db)  # place names of every layer, the carried-over imports included
            if before and store_edit.fingerprint(path) != before:
                raise StoreError(f"The store {path} was changed by another program while it was being rebuilt; "
                                 "nothing was changed. Try again.")
            os.replace(temporary, path)
        except StoreError:
            raise
        except Exception as error:
            if is_disk_full(error):
                raise disk_full(path, error) from error
            if isinstance(error, (OSError, sqlite3.Error)):
                raise StoreError(
                    f"Could not write the store {path}: {error}. The previous store is unchanged."
                ) from error
            raise
    layer_counts = {layer.name: sum(1 for f, _ in features if f.layer == layer.name) for layer in FEATURE_LAYERS}
    return BuildReport(path, tuple(counts), layer_counts, link_count, time.perf_counter() - began)


def plan_places(features: list[Feature]) -> Callable[[str], str | None]:
    """The places a commitment can be about: the drawn features, with the register's undrawn places as
    names that mean none (坪山河 is not 坪山区)."""
    stand_ins = [place_register.mention_only_feature(entry) for entry in place_register.listed_places()]
    return links.place_finder(features, stand_ins)


def parse_added(plan: AddedPlan, places: Callable[[str], str | None] | None = None) -> ParsedPlan:
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / plan.source_file
        file.write_bytes(plan.content)
        return parse_plan(file, title=plan.title, level=plan.level, district=plan.district, places=places)


def kept_plans(path: Path) -> list[AddedPlan]:
    """The plans added to an existing store, so that a rebuild keeps them. An older store is rebuilt
    in the current schema; a newer one, or a file that is not a store, is refused rather than replaced."""
    with connect(path, any_version=True) as db:
        if schema_version(db, path) > SCHEMA_VERSION:
            raise StoreError(
                f"The store {path} was written by a newer version of this program; rebuilding it here would "
                "lose what that version keeps. Update the program, or build at another path with --store."
            )
        rows = db.execute(
            "SELECT source_file, content, title, level, district FROM added_plans ORDER BY added_at"
        ).fetchall()
    return [AddedPlan(*row) for row in rows]


def check_unique_documents(plans: Sequence[ParsedPlan]) -> None:
    seen: dict[str, str] = {}
    for plan in plans:
        doc = plan.document
        if doc.id in seen:
            raise PlanError(f"{doc.source_file} has the same content as {seen[doc.id]}; add each plan once.")
        seen[doc.id] = doc.source_file


def write_feature_layers(path: Path, features: list[tuple[Feature, object]]) -> None:
    for layer in FEATURE_LAYERS:
        rows = [(feature, geometry) for feature, geometry in features if feature.layer == layer.name]
        frame = gpd.GeoDataFrame(
            [feature_sources.feature_record(feature, geometry) for feature, geometry in rows],
            columns=list(feature_sources.RECORD_COLUMNS),
            geometry=[geometry for _, geometry in rows],
            crs="EPSG:4326",
        )
        frame.to_file(path, layer=layer.name, driver="GPKG", engine="pyogrio", geometry_type=layer.geometry_type)


def write_plan_tables(
    db: sqlite3.Connection, plans: list[tuple[ParsedPlan, str]], added: list[AddedPlan]
) -> list[DocumentCounts]:
    db.executescript(PLAN_SCHEMA)
    # Tell GDAL to list only the tables registered in gpkg_contents: the feature layers.
    db.execute(
        "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) "
        "VALUES (NULL, NULL, 'gdal_aspatial', 'http://gdal.org/geopackage_aspatial.html', 'read-write')"
    )
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    for plan in added:
        db.execute(
            "INSERT INTO added_plans VALUES (?, ?, ?, ?, ?, ?, ?)",
            (hashlib.sha256(plan.content).hexdigest(), plan.source_file, plan.content, plan.title, plan.level,
             plan.district, now),
        )
    counts = [write_plan(db, plan, origin, position) for position, (plan, origin) in enumerate(plans)]
    db.execute("INSERT INTO passages_fts (passages_fts) VALUES ('rebuild')")
    db.executemany(
        "INSERT INTO passages_chars (rowid, chars, pairs) VALUES (?, ?, ?)",
        ((pid, *char_tokens(text)) for pid, text in db.execute("SELECT id, text FROM passages").fetchall()),
    )
    return counts


def write_plan(db: sqlite3.Connection, plan: ParsedPlan, origin: str, position: int) -> DocumentCounts:
    doc = plan.document
    db.execute(
        "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (doc.id, doc.title, doc.level, doc.district, doc.period, doc.issuer, doc.date, doc.kind,
         doc.source_file, doc.sha256, origin, position),
    )
    section_ids: dict[str, int] = {}
    paths = section_paths(plan.sections)
    for section in plan.sections:
        cursor = db.execute(
            "INSERT INTO sections (document_id, key, parent_key, depth, kind, number, title, path, "
            "line_start, line_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.id, section.key, section.parent_key, section.depth, section.kind, section.number,
             section.title, paths[section.key], section.line_start, section.line_end),
        )
        section_ids[section.key] = cursor.lastrowid
    passage_ids: dict[int, int] = {}
    for passage in plan.passages:
        cursor = db.execute(
            "INSERT INTO passages (document_id, ordinal, section_id, kind, text, line_start, line_end) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (doc.id, passage.ordinal, section_ids.get(passage.section_key or ""), passage.kind,
             passage.text, passage.line_start, passage.line_end),
        )
        passage_ids[passage.ordinal] = cursor.lastrowid
    scope = doc.district or "深圳市"
    for target in plan.targets:
        cursor = db.execute(
            "INSERT INTO targets (document_id, passage_id, indicator, value_text, value, comparator, unit, "
            "year, category, number, binding, is_result, base_value_text, table_name, scope, kind, value_max, "
            "period, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.id, passage_ids.get(target.passage_ordinal or -1), target.indicator, target.value_text,
             target.value, target.comparator, target.unit, target.year, target.category, target.number,
             target.binding, int(target.is_result), target.base_value_text, target.table, target.scope or scope,
             target.kind, target.value_max, target.period, target.span_start, target.span_end),
        )
        db.executemany(
            "INSERT INTO target_sources (target_id, passage_id, span_start, span_end, value_text, comparator) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(cursor.lastrowid, passage_ids[source.passage_ordinal], source.span_start, source.span_end,
              source.value_text, source.comparator) for source in target.sources],
        )
    return DocumentCounts(doc.id, doc.title, origin, len(plan.sections), len(plan.passages), len(plan.targets))


def write_meta(db: sqlite3.Connection) -> None:
    meta = {
        "schema_version": str(SCHEMA_VERSION),
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "feature_sources": json.dumps(feature_sources.dataset_credits(), ensure_ascii=False),
    }
    db.executemany("INSERT INTO store_meta VALUES (?, ?)", meta.items())
