"""Place-name search through the name index (geodata/search.py): imported features are found by 1, 2 and
3+ characters, and the index follows the layer through rename and remove."""

from __future__ import annotations

import shutil
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from geodata.imports.imported_layers import remove_layer, rename_layer
from geodata.imports.importer import import_file
from geodata.search import has_name_index, search_places
from geodata.store import connect

NAMES = ("葵涌旧墟改造单元", "Qianhai Block 7", "鹭湖片区")


@pytest.fixture
def imported_store(built_store: Path, tmp_path: Path) -> Path:
    store = tmp_path / "store.gpkg"
    shutil.copyfile(built_store, store)
    frame = gpd.GeoDataFrame({"名称": list(NAMES)}, crs="EPSG:4326",
                             geometry=[shapely.Point(114.40, 22.63), shapely.Point(113.90, 22.52),
                                       shapely.Point(114.00, 22.70)])
    source = tmp_path / "places.geojson"
    frame.to_file(source, driver="GeoJSON", engine="pyogrio")
    import_file(store, source)
    return store


def found(store: Path, query: str) -> list[str]:
    with connect(store) as db:
        return [hit.name for hit in search_places(db, query)]


@pytest.mark.parametrize("query", ["墟", "旧墟", "葵涌旧", "改造单元", "涌 单元"])
def test_an_imported_feature_is_found_by_one_two_and_more_characters(imported_store: Path, query: str):
    assert found(imported_store, query)[0] == "葵涌旧墟改造单元"


def test_latin_names_are_found_whatever_the_case(imported_store: Path):
    assert found(imported_store, "block 7") == ["Qianhai Block 7"]
    assert found(imported_store, "QI") == ["Qianhai Block 7"]


def test_built_in_places_and_aliases_are_found(imported_store: Path):
    assert "坪山区" in found(imported_store, "坪山")


def test_the_import_wrote_the_index_into_the_store(imported_store: Path):
    with connect(imported_store) as db:
        assert has_name_index(db)


def test_a_renamed_layer_keeps_its_names_and_a_removed_one_takes_them_away(imported_store: Path):
    rename_layer(imported_store, "places", "my_places")
    assert found(imported_store, "鹭湖") == ["鹭湖片区"]
    remove_layer(imported_store, "my_places")
    assert found(imported_store, "鹭湖") == []
    assert found(imported_store, "旧墟") == []


def test_a_store_without_the_index_is_searched_all_the_same(built_store: Path, tmp_path: Path):
    """A store built before the index existed: the names are indexed in the connection's temporary schema."""
    store = tmp_path / "old.gpkg"
    shutil.copyfile(built_store, store)
    with connect(store) as db:
        stored = has_name_index(db)
        hits = [hit.name for hit in search_places(db, "燕子湖")]
    assert hits == ["燕子湖片区"]
    assert "燕子湖片区" in found(store, "燕")
    with connect(store) as db:
        assert has_name_index(db) == stored  # nothing was written to the store


def test_a_build_writes_the_name_index_with_the_imported_layers_carried_over(imported_store: Path):
    from geodata.build import build_store

    build_store(imported_store)
    with connect(imported_store) as db:
        assert has_name_index(db)
    assert found(imported_store, "旧墟")[0] == "葵涌旧墟改造单元"
