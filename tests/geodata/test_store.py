"""The store as a user sees it: a GeoPackage with the feature layers, the plans, and safe rebuilds."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pyogrio
import pytest
import shapely

from geodata import links
from geodata.build import AddedPlan, build_store
from geodata.features import FEATURE_LAYERS
from geodata.passages import documents
from geodata.plans.plan import PlanError
from geodata.store import SCHEMA_VERSION, StoreError, connect
from geodata.store_address import StoreAddress


def test_gdal_sees_exactly_the_feature_layers_in_wgs84(built_store: Path) -> None:
    listed = {name for name, _ in pyogrio.list_layers(built_store)}
    assert listed == {layer.name for layer in FEATURE_LAYERS}
    for layer in FEATURE_LAYERS:
        info = pyogrio.read_info(built_store, layer=layer.name)
        assert info["crs"] == "EPSG:4326"
        frame = pyogrio.read_dataframe(built_store, layer=layer.name)
        assert len(frame) > 0, layer.name
        assert shapely.is_valid(frame.geometry.values).all(), layer.name


def test_documents_are_the_five_seed_plans(either_store: StoreAddress) -> None:
    with connect(either_store) as db:
        docs = documents(db)
    assert len(docs) == 5
    by_file = {doc.source_file[:3]: doc for doc in docs}
    assert by_file["003"].district == "坪山区" and by_file["003"].level == "district"
    assert by_file["004"].kind == "article" and by_file["004"].district == "南山区"
    assert by_file["001"].kind == "proposal" and by_file["001"].level == "city"
    assert all(doc.passages > 50 for doc in docs)
    assert by_file["000"].targets > 0 and by_file["003"].targets > 0


def test_every_passage_keeps_its_source_lines(either_store: StoreAddress) -> None:
    with connect(either_store) as db:
        bad = db.execute(
            "SELECT count(*) FROM passages WHERE line_start < 1 OR line_end < line_start"
        ).fetchone()[0]
    assert bad == 0


def test_newer_store_is_refused_with_a_reason(built_store: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer.gpkg"
    shutil.copy(built_store, newer)
    with sqlite3.connect(newer) as db:
        db.execute("UPDATE store_meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    db.close()
    with pytest.raises(StoreError, match="newer version"), connect(newer):
        pass


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.gpkg"
    other.write_text("hello")
    with pytest.raises(StoreError, match="not a plan-map store"), connect(other):
        pass


def test_missing_store_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="plan-map build"), connect(tmp_path / "none.gpkg"):
        pass


def test_store_in_unwritable_place_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="Cannot create the folder"):
        build_store(blocker / "sub" / "plan-map.gpkg")


def test_read_only_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    # Root may write anywhere, so simulate what a normal user meets in a read-only folder.
    monkeypatch.setattr("geodata.store.os.access", lambda path, mode: False)
    with pytest.raises(StoreError, match="read-only"):
        build_store(folder / "plan-map.gpkg")
    assert list(folder.iterdir()) == []


def test_failed_build_leaves_previous_store_untouched(
    built_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "plan-map.gpkg"
    shutil.copy(built_store, store)
    before = store.read_bytes()

    def fail_half_way(*args: object) -> int:
        raise RuntimeError("disk full (simulated)")

    monkeypatch.setattr(links, "link_all", fail_half_way)
    with pytest.raises(RuntimeError):
        build_store(store)
    assert store.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan-map.gpkg"]


def test_added_plan_is_searchable_and_survives_rebuild(built_store: Path, seeds_dir: Path, tmp_path: Path) -> None:
    store = tmp_path / "plan-map.gpkg"
    shutil.copy(built_store, store)
    text = (seeds_dir / "003_18d215f428f69be8.txt").read_text(encoding="utf-8")
    text = text.replace("坪山区", "龙岗区").replace("坪山", "龙岗")
    plan = AddedPlan("longgang.txt", text.encode("utf-8"), level="district", district="龙岗区")
    build_store(store, new_plan=plan)
    build_store(store)
    with connect(store) as db:
        docs = documents(db)
    assert len(docs) == 6
    added = [doc for doc in docs if doc.origin == "added"]
    assert len(added) == 1 and added[0].district == "龙岗区"
    with pytest.raises(StoreError, match="already in the store"):
        build_store(store, new_plan=plan)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (bytes(range(256)) * 40, "binary"),
        ("名称,数值\n甲,1\n乙,2\n".encode(), "plan"),
    ],
    ids=["empty", "binary", "csv"],
)
def test_bad_plan_is_refused_and_store_unchanged(
    built_store: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    store = tmp_path / "plan-map.gpkg"
    shutil.copy(built_store, store)
    before = store.read_bytes()
    with pytest.raises(PlanError, match=message):
        build_store(store, new_plan=AddedPlan("bad.txt", content))
    assert store.read_bytes() == before


def test_a_plan_without_a_title_gets_its_catalogued_one(either_store: StoreAddress) -> None:
    with connect(either_store) as db:
        titles = {doc.source_file[:3]: doc.title for doc in documents(db)}
    assert titles["002"] == "深圳市可持续发展议程创新示范区建设方案"
    assert titles["003"].startswith("坪山区国民经济和社会发展第十四个五年规划")


def test_an_older_store_is_rebuilt_keeping_its_added_plans(built_store: Path, seeds_dir: Path, tmp_path: Path) -> None:
    store = tmp_path / "plan-map.gpkg"
    shutil.copy(built_store, store)
    text = (seeds_dir / "004_a97f5f6da3f18cdc.txt").read_bytes() + "\n补充说明。\n".encode()
    build_store(store, new_plan=AddedPlan("nanshan-copy.txt", text))
    with sqlite3.connect(store) as db:
        db.execute("UPDATE store_meta SET value = '0' WHERE key = 'schema_version'")
    db.close()
    with pytest.raises(StoreError, match="old schema"), connect(store):
        pass
    build_store(store)
    with connect(store) as db:
        assert len(documents(db)) == 6


def test_building_over_a_newer_store_or_a_foreign_file_is_refused(built_store: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer.gpkg"
    shutil.copy(built_store, newer)
    with sqlite3.connect(newer) as db:
        db.execute("UPDATE store_meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    db.close()
    before = newer.read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        build_store(newer)
    assert newer.read_bytes() == before
    foreign = tmp_path / "someone-elses.gpkg"
    foreign.write_bytes(b"SQLite format 3\x00" + bytes(100))
    with pytest.raises(StoreError, match="not a plan-map store"):
        build_store(foreign)
