"""What a user adds survives a rebuild: imported layers, styles, links made and removed by hand, and
replacements of schematic features. Layer management: rename, remove, style, export."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pyogrio
import pytest
from import_helpers import known_points, writable_store, write

from geodata.build import build_store
from geodata.feature_queries import layer_tables
from geodata.imports.imported_layers import export_layer, remove_layer, rename_layer, set_layer_style
from geodata.imports.importer import import_file
from geodata.store import StoreError, connect
from geodata.user_data import (
    LayerStyleOverride,
    NotInStore,
    hidden_features,
    layer_style_overrides,
    link,
    replace_schematic,
    unlink,
)


@pytest.fixture
def store(built_store: Path, tmp_path: Path) -> Path:
    path = writable_store(built_store, tmp_path)
    import_file(path, write(known_points("EPSG:4547"), tmp_path / "official.shp", "EPSG:4547"))
    return path


def passage_links(store: Path, feature_id: str) -> dict[tuple[str, int], str]:
    """(document id, ordinal) -> origin of a feature's passage links: ids that survive a rebuild."""
    with connect(store) as db:
        rows = db.execute(
            "SELECT p.document_id, p.ordinal, fp.origin FROM feature_passages fp JOIN passages p "
            "ON p.id = fp.passage_id WHERE fp.feature_id = ?", (feature_id,)).fetchall()
    return {(doc, ordinal): origin for doc, ordinal, origin in rows}


def target_links(store: Path, feature_id: str) -> set[tuple[str, str]]:
    with connect(store) as db:
        return set(db.execute(
            "SELECT t.document_id, t.indicator FROM feature_targets ft JOIN targets t ON t.id = ft.target_id "
            "WHERE ft.feature_id = ?", (feature_id,)).fetchall())


def some_ids(store: Path) -> tuple[int, int]:
    with connect(store) as db:
        passage = db.execute("SELECT id FROM passages ORDER BY id LIMIT 1 OFFSET 40").fetchone()[0]
        target = db.execute("SELECT id FROM targets ORDER BY id LIMIT 1 OFFSET 7").fetchone()[0]
    return passage, target


def test_imported_features_are_linked_by_the_gazetteer(store):
    links = passage_links(store, "official-3")  # 坪山中心区
    assert links and set(links.values()) == {"gazetteer"}


def test_links_unlinks_and_replacements_survive_a_rebuild(store):
    passage, target = some_ids(store)
    gazetteer_link = next(iter(passage_links(store, "official-3")))
    with connect(store) as db:
        gazetteer_passage = db.execute("SELECT id FROM passages WHERE document_id = ? AND ordinal = ?",
                                       gazetteer_link).fetchone()[0]
        schematic = db.execute("SELECT id FROM key_areas WHERE name = '坪山中心区'").fetchone()
    link(store, "official-1", passage_id=passage)
    link(store, "official-1", target_id=target)
    unlink(store, "official-3", passage_id=gazetteer_passage)
    replaced = replace_schematic(store, "official-2", "ps-yanzihu")
    set_layer_style(store, "official", LayerStyleOverride(stroke="#aa0000", stroke_width=3.0, label_field="名称"))
    before = (passage_links(store, "official-1"), target_links(store, "official-1"),
              passage_links(store, "official-3"), passage_links(store, "official-2"), target_links(store, "official-2"))
    assert gazetteer_link not in before[2] and before[0] and before[1]
    assert replaced.passages > 0 and before[3]

    build_store(store)

    after = (passage_links(store, "official-1"), target_links(store, "official-1"),
             passage_links(store, "official-3"), passage_links(store, "official-2"), target_links(store, "official-2"))
    assert after == before
    with connect(store) as db:
        assert "official" in layer_tables(db)
        assert hidden_features(db) == frozenset({"ps-yanzihu"})
        assert layer_style_overrides(db)["official"].stroke == "#aa0000"
        assert db.execute("SELECT count(*) FROM official").fetchone()[0] == 3
    assert schematic is not None


def test_link_refuses_unknown_ids(store):
    passage, _ = some_ids(store)
    with pytest.raises(NotInStore, match="no feature"):
        link(store, "no-such-feature", passage_id=passage)
    with pytest.raises(NotInStore, match="no passage"):
        link(store, "official-1", passage_id=10**9)
    with pytest.raises(StoreError, match="exactly one"):
        link(store, "official-1")
    with pytest.raises(StoreError, match="built-in feature"):
        replace_schematic(store, "ps-yanzihu", "official-1")


def test_rename_keeps_ids_links_and_style(store):
    set_layer_style(store, "official", LayerStyleOverride(fill="#00ff00"))
    links = passage_links(store, "official-3")
    assert rename_layer(store, "official", "官方 地块") == "官方_地块"
    with connect(store) as db:
        assert "官方_地块" in layer_tables(db) and "official" not in layer_tables(db)
        assert db.execute("SELECT id FROM 官方_地块 ORDER BY fid").fetchone()[0] == "official-1"
        assert layer_style_overrides(db)["官方_地块"].fill == "#00ff00"
    assert passage_links(store, "official-3") == links
    assert [name for name, _ in pyogrio.list_layers(store)].count("官方_地块") == 1


def test_remove_layer_and_refuse_builtins(store):
    passage, _ = some_ids(store)
    link(store, "official-1", passage_id=passage)
    assert remove_layer(store, "official") == 3
    with connect(store) as db:
        assert "official" not in layer_tables(db)
        assert db.execute("SELECT count(*) FROM feature_passages WHERE feature_id LIKE 'official-%'").fetchone()[0] == 0
    assert "official" not in [name for name, _ in pyogrio.list_layers(store)]
    with pytest.raises(StoreError, match="built-in layer"):
        remove_layer(store, "key_areas")
    with pytest.raises(NotInStore):
        rename_layer(store, "official", "x")


def test_style_is_checked(store):
    with pytest.raises(StoreError, match="not a colour"):
        set_layer_style(store, "official", LayerStyleOverride(stroke="red"))
    with pytest.raises(StoreError, match="no field"):
        set_layer_style(store, "official", LayerStyleOverride(label_field="nope"))


@pytest.mark.parametrize("suffix", [".gpkg", ".geojson", ".csv"])
def test_export_with_link_table(store, tmp_path, suffix):
    out = tmp_path / "export" / f"官方{suffix}"
    out.parent.mkdir()
    done = export_layer(store, "official", out)
    assert done.features == 3 and done.links > 0
    if suffix == ".gpkg":
        assert done.links_path is None
        assert {name for name, _ in pyogrio.list_layers(out)} == {"official", "official_links"}
    else:
        with done.links_path.open(encoding="utf-8-sig") as file:
            rows = list(csv.DictReader(file))
        assert len(rows) == done.links and rows[0]["feature_id"].startswith("official-")
    with pytest.raises(StoreError, match="exists"):
        export_layer(store, "official", out)
    assert export_layer(store, "official", out, overwrite=True).features == 3


def test_user_tables_are_created_on_a_store_without_them(store, tmp_path):
    with sqlite3.connect(store) as db:
        db.execute("DROP TABLE user_links")
    db.close()
    passage, _ = some_ids(store)
    assert link(store, "official-1", passage_id=passage).action == "link"


def test_command_line_round_trip(built_store, tmp_path, capsys):
    from main import main

    store = writable_store(built_store, tmp_path)
    source = write(known_points("EPSG:4526"), tmp_path / "gk.shp", None)
    passage, target = some_ids(store)
    base = ["--store", str(store)]
    assert main(["import", str(source), "--crs", "EPSG:4526", "--layer-name", "官方", *base]) == 0
    assert "Imported 3 of 3 features" in capsys.readouterr().out
    assert main(["link", "官方-1", "--passage", str(passage), *base]) == 0
    assert main(["link", "官方-1", "--target", str(target), *base]) == 0
    assert main(["unlink", "官方-1", "--target", str(target), *base]) == 0
    assert main(["replace", "官方-3", "ps-centre", *base]) == 0
    assert main(["style-layer", "官方", "--stroke", "#123456", "--width", "2", *base]) == 0
    assert main(["rename-layer", "官方", "parcels", *base]) == 0
    assert main(["export-layer", "parcels", "--out", str(tmp_path / "p.geojson"), *base]) == 0
    assert (tmp_path / "p_links.csv").exists()
    assert main(["link", "nothing", "--passage", str(passage), *base]) == 3
    assert main(["remove-layer", "districts", *base]) == 1
    capsys.readouterr()
    assert main(["import", str(source), "--json", *base]) == 1  # no CRS declared, none given
    assert "EPSG:4526" in capsys.readouterr().err
    assert main(["remove-layer", "parcels", *base]) == 0
