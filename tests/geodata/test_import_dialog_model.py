"""What the window's import dialog asks the core: a file's fields and declared CRS before importing, and
a CRS refusal that names the likely CRS so the dialog can preselect it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from import_helpers import KNOWN, known_points, writable_store, write

from geodata.imports.crs_choice import ImportRefused
from geodata.imports.importer import guess_name_field, import_file
from geodata.imports.sources import attribute_fields, declared_crs


@pytest.fixture
def store(built_store: Path, tmp_path: Path) -> Path:
    return writable_store(built_store, tmp_path)


def test_fields_and_crs_of_a_geojson_and_a_shapefile(tmp_path):
    geojson = write(known_points(), tmp_path / "places.geojson", "EPSG:4326")
    assert attribute_fields(geojson) == ("名称", "code")
    assert declared_crs(geojson) == "EPSG:4326"
    shp = write(known_points("EPSG:4547"), tmp_path / "点位.shp", "EPSG:4547", encoding="UTF-8")
    assert "名称" in attribute_fields(shp)
    assert "4547" in declared_crs(shp)
    bare = write(known_points("EPSG:4526"), tmp_path / "gk38.shp", None)
    assert declared_crs(bare) is None


def test_fields_of_a_geopackage_layer_and_a_csv(tmp_path):
    gpkg = tmp_path / "two.gpkg"
    write(known_points(), gpkg, "EPSG:4326", layer="a")
    frame = known_points().rename(columns={"名称": "地块名称"})
    write(frame, gpkg, "EPSG:4326", layer="b")
    assert attribute_fields(gpkg, "b") == ("地块名称", "code")
    csv = tmp_path / "pts.csv"
    pd.DataFrame({"名称": ["a"], "经度": [KNOWN[0][0]], "纬度": [KNOWN[0][1]]}).to_csv(csv, index=False)
    assert attribute_fields(csv) == ("名称",)
    assert declared_crs(csv) is None


def test_name_field_guess():
    assert guess_name_field(["code", "地块名称"]) == "地块名称"
    assert guess_name_field(["NAME", "id"]) == "NAME"
    assert guess_name_field(["code"]) is None


def test_crs_refusals_carry_the_likely_crs(store, tmp_path):
    bare = write(known_points("EPSG:4526"), tmp_path / "gk38.shp", None)
    with pytest.raises(ImportRefused) as caught:
        import_file(store, bare)
    assert caught.value.about_crs and caught.value.suggested_crs == "EPSG:4526"
    with pytest.raises(ImportRefused) as caught:
        import_file(store, bare, crs="EPSG:4547")
    assert caught.value.about_crs and caught.value.suggested_crs == "EPSG:4526"
    with pytest.raises(ImportRefused) as caught:
        import_file(store, tmp_path / "missing.geojson")
    assert not caught.value.about_crs and caught.value.suggested_crs is None


def test_dropped_files_become_one_file_per_import(tmp_path):
    from geodata.imports.sources import importable_files

    shp = write(known_points("EPSG:4547"), tmp_path / "pts.shp", "EPSG:4547")
    parts = [shp.with_suffix(".dbf"), shp, shp.with_suffix(".prj"), tmp_path / "notes.txt", tmp_path / "a.GeoJSON"]
    assert importable_files(parts) == [shp, tmp_path / "a.GeoJSON"]


def test_replacement_candidates_put_overlapping_schematic_features_first(store, tmp_path):
    import geopandas as gpd

    from geodata.feature_queries import features, geometry_of
    from geodata.store import connect
    from geodata.user_data import replacement_candidates

    with connect(store) as db:
        yanzihu = next(info for info in features(db, "key_areas") if info.feature.id == "ps-yanzihu")
        shape = geometry_of(db, yanzihu)
    source = tmp_path / "official.geojson"
    gpd.GeoDataFrame({"名称": ["燕子湖片区（正式）"]}, geometry=[shape.buffer(0.001)], crs="EPSG:4326").to_file(source)
    import_file(store, source)
    with connect(store) as db:
        candidates = replacement_candidates(db, "official-1")
    assert candidates[0].feature_id == "ps-yanzihu" and candidates[0].overlap > 0.5
    assert all(c.layer != "neighbours" and c.feature_id != "official-1" for c in candidates)
