"""A whole store copied GeoPackage → database → GeoPackage (geodata/store_copy.py, geodata/store_copy_back.py)
comes back with the same rows and geometries, and opens in the program and in GDAL; the round trip that runs
the file-based code on a database store (geodata/round_trip.py) is refused when the store changed meanwhile."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

import pyogrio
import pytest
import shapely

from geodata import store_copy_back
from geodata.errors import StoreError
from geodata.feature_queries import geometries_from_gpkg
from geodata.imports.importer import import_file
from geodata.round_trip import CHANGED, database_round_trip, local_store
from geodata.store import connect
from geodata.store_address import PostgresAddress
from geodata.store_copy import copy_store
from geodata.store_copy_back import copy_into_geopackage
from geodata.user_data import LayerStyleOverride, link

MAIN = Path(__file__).resolve().parents[2] / "main.py"
PARKS = {
    "type": "FeatureCollection",
    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
    "features": [
        {"type": "Feature", "properties": {"名称": "往返公园", "面积": 12.5, "编号": 7},
         "geometry": {"type": "Polygon", "coordinates": [[[114.30, 22.70], [114.31, 22.70], [114.31, 22.71],
                                                          [114.30, 22.71], [114.30, 22.70]]]}},
        {"type": "Feature", "properties": {"名称": "往返公园二", "面积": None, "编号": None},
         "geometry": {"type": "Polygon", "coordinates": [[[114.32, 22.70], [114.33, 22.70], [114.33, 22.71],
                                                          [114.32, 22.70]]]}},
    ],
}
SQLITE_ONLY = ("gpkg_", "rtree_", "sqlite_")


@pytest.fixture(scope="module")
def user_store(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed store with an imported layer, a hand-made link and a layer style: every kind of table full."""
    from geodata.imports.imported_layers import set_layer_style

    store = tmp_path_factory.mktemp("round_trip") / "plan-map.gpkg"
    shutil.copyfile(built_store, store)
    source = store.with_name("parks.geojson")
    source.write_text(json.dumps(PARKS, ensure_ascii=False), encoding="utf-8")
    import_file(store, source)
    with connect(store) as db:
        passage = db.execute("SELECT id FROM passages WHERE id NOT IN (SELECT passage_id FROM feature_passages "
                             "WHERE feature_id = 'parks-1') ORDER BY id LIMIT 1").fetchone()[0]
    link(store, "parks-1", passage_id=passage)
    set_layer_style(store, "parks", LayerStyleOverride(stroke="#16a085", fill_opacity=0.4))
    return store


def plain_tables(db: sqlite3.Connection) -> set[str]:
    """The tables a copy carries row by row: neither GeoPackage bookkeeping nor the full-text index's own."""
    virtual = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")]
    layers = {row[0] for row in db.execute("SELECT table_name FROM gpkg_geometry_columns")}
    return {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith(SQLITE_ONLY) and not any(name.startswith(v) for v in virtual)} - layers


def rows(db: sqlite3.Connection, table: str, columns: list[str]) -> list[tuple]:
    listed = ", ".join(f'"{c}"' for c in columns)
    return sorted(db.execute(f'SELECT {listed} FROM "{table}"').fetchall(), key=repr)


def columns(db: sqlite3.Connection, table: str) -> list[str]:
    return [row[0] for row in db.execute("SELECT name FROM pragma_table_info(?) ORDER BY cid", (table,))]


def test_geopackage_to_database_and_back_keeps_every_row_and_geometry(user_store: Path, pg_url: str,
                                                                      tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(store_copy_back, "READ_BATCH_ROWS", 5)  # layers read and written in several chunks
    monkeypatch.setattr(store_copy_back, "LAYER_CHUNK_ROWS", 7)
    address = PostgresAddress(pg_url)
    copy_store(user_store, address)
    back = tmp_path / "back.gpkg"
    report = copy_store(address, back)
    assert report.feature_layers == 7 and back.exists()
    assert not [p for p in tmp_path.iterdir() if p != back]  # no working file left beside it
    with sqlite3.connect(user_store) as a, sqlite3.connect(back) as b:
        tables = plain_tables(a)
        assert tables <= plain_tables(b)
        for table in sorted(tables):
            assert columns(a, table) == columns(b, table), table
            assert rows(a, table, columns(a, table)) == rows(b, table, columns(a, table)), table
        layers = sorted(row[0] for row in a.execute("SELECT table_name FROM gpkg_geometry_columns"))
        assert layers == sorted(row[0] for row in b.execute("SELECT table_name FROM gpkg_geometry_columns"))
        for layer in layers:
            assert columns(a, layer) == columns(b, layer), layer
            attributes = [c for c in columns(a, layer) if c != "geom"]
            assert rows(a, layer, attributes) == rows(b, layer, attributes), layer
            before, after = (geometries_from_gpkg([r[0] for r in db.execute(
                f'SELECT geom FROM "{layer}" ORDER BY fid')]) for db in (a, b))
            assert len(before) == len(after) and all(shapely.equals_exact(x, y, 1e-9) for x, y in zip(before, after))
        for index in ("parks_by_id", "parks_by_accuracy", "feature_passages_by_feature"):
            assert b.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (index,)).fetchone()
    a.close()
    b.close()
    assert {tuple(row) for row in pyogrio.list_layers(back)} == {tuple(row) for row in pyogrio.list_layers(user_store)}
    frame = pyogrio.read_dataframe(back, layer="parks")
    assert list(frame["名称"]) == ["往返公园", "往返公园二"] and frame["编号"].dtype.kind in "if"


def plan_map(*args: str) -> str:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, str(MAIN), *args], capture_output=True, text=True, encoding="utf-8",
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_copied_back_store_opens_in_the_program(user_store: Path, pg_url: str, tmp_path: Path) -> None:
    address = PostgresAddress(pg_url)
    copy_store(user_store, address)
    back = tmp_path / "back.gpkg"
    copy_into_geopackage(address, back)
    assert len(json.loads(plan_map("documents", "--json", "--store", str(back)))) == 5
    assert "往返公园" in plan_map("show", "parks-1", "--store", str(back))
    assert plan_map("search", "河套", "--store", str(back)) == plan_map("search", "河套", "--store", str(user_store))


def test_an_existing_file_is_replaced_only_when_asked(built_store: Path, pg_url: str, tmp_path: Path) -> None:
    address = PostgresAddress(pg_url)
    copy_store(built_store, address)
    target = tmp_path / "there.gpkg"
    target.write_bytes(b"mine")
    with pytest.raises(StoreError, match="--replace"):
        copy_into_geopackage(address, target)
    assert target.read_bytes() == b"mine"
    with pytest.raises(StoreError, match="cancelled"):
        copy_into_geopackage(address, target, replace=True, progress=lambda done, total: done < 3)
    assert target.read_bytes() == b"mine" and sorted(p.name for p in tmp_path.iterdir()) == ["there.gpkg"]
    copy_into_geopackage(address, target, replace=True)
    with connect(target) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 5


def retitle(path: Path, title: str) -> None:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE documents SET title = ? WHERE position = 0", (title,))
    db.close()


def first_title(address: PostgresAddress) -> str:
    with connect(address) as db:
        return db.execute("SELECT title FROM documents WHERE position = 0").fetchone()[0]


def test_a_round_trip_replaces_the_database_store(built_store: Path, pg_url: str) -> None:
    address = PostgresAddress(pg_url)
    copy_store(built_store, address)
    with local_store(address) as path:
        retitle(path, "改过的标题")
    assert first_title(address) == "改过的标题"
    with local_store(address) as path:  # a second round trip starts from the first one's store
        retitle(path, "再改")
    assert first_title(address) == "再改"


def test_a_round_trip_is_refused_when_someone_edited_meanwhile(built_store: Path, pg_url: str) -> None:
    address = PostgresAddress(pg_url)
    copy_store(built_store, address)
    before = first_title(address)
    with connect(address) as db:
        passage = db.execute("SELECT id FROM passages WHERE id NOT IN (SELECT passage_id FROM feature_passages "
                             "WHERE feature_id = 'district-pingshan') ORDER BY id LIMIT 1").fetchone()[0]
    with pytest.raises(StoreError) as refused, database_round_trip(address) as path:
        retitle(path, "不该出现")
        link(address, "district-pingshan", passage_id=passage)  # another planner's edit, on the server
    assert str(refused.value) == CHANGED
    assert first_title(address) == before
    with connect(address) as db:
        assert db.execute("SELECT 1 FROM feature_passages WHERE feature_id = 'district-pingshan' AND passage_id = ?",
                          (passage,)).fetchone()


def test_of_two_round_trips_from_one_store_the_second_is_refused(built_store: Path, pg_url: str) -> None:
    address = PostgresAddress(pg_url)
    copy_store(built_store, address)
    with ExitStack() as second:
        later = second.enter_context(database_round_trip(address))
        with database_round_trip(address) as first:
            retitle(first, "先完成的")
        retitle(later, "后完成的")
        with pytest.raises(StoreError, match="Someone changed the store"):
            second.close()
    assert first_title(address) == "先完成的"


def test_a_round_trip_keeps_the_audit_trail_of_a_store_copied_in_before_it_had_one(
        built_store: Path, pg_url: str, tmp_path: Path) -> None:
    """An edit on the server makes the audit and version tables the copied store lacked; the round trip
    carries them (and replaces them, not trips over them)."""
    older = tmp_path / "older.gpkg"
    shutil.copyfile(built_store, older)
    with sqlite3.connect(older) as db:
        for table in ("audit_log", "row_versions"):
            db.execute(f"DROP TABLE IF EXISTS {table}")
    db.close()
    address = PostgresAddress(pg_url)
    copy_store(older, address)
    link(address, "district-pingshan", passage_id=3)
    with local_store(address) as path:
        retitle(path, "改过的标题")
    assert first_title(address) == "改过的标题"
    with connect(address) as db:
        assert db.execute("SELECT subject FROM audit_log").fetchall() == [("feature:district-pingshan",)]


def test_a_round_trip_waits_for_an_edit_under_way_and_is_refused_after_it(built_store: Path, pg_url: str) -> None:
    """The edit has taken the round-trip lock shared (as every edit does first) and not committed yet: the
    copy back waits for it, then sees it in the audit log, and the edit is kept."""
    import threading
    import time

    from geodata.edit_history import begin_edit, record_edit
    from geodata.store_edit import writing

    address = PostgresAddress(pg_url)
    copy_store(built_store, address)
    started, failures = threading.Event(), []

    def edit() -> None:
        try:
            with writing(address) as db:
                begin_edit(db)
                record_edit(db, "layer:districts", "style", "a colour")
                started.set()
                time.sleep(1.0)  # the copy back asks for the lock meanwhile
        except Exception as error:  # reported below, not lost in the thread
            failures.append(error)
            started.set()

    editor = threading.Thread(target=edit)
    with pytest.raises(StoreError, match="Someone changed the store"), database_round_trip(address) as path:
        retitle(path, "不该出现")
        editor.start()
        assert started.wait(30)
    editor.join()
    assert not failures
    with connect(address) as db:
        assert db.execute("SELECT action FROM audit_log").fetchall() == [("style",)]
    assert first_title(address) != "不该出现"
