"""Each format and CRS case, from files written with GDAL; positions checked against known coordinates."""

from __future__ import annotations

import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
from import_helpers import KNOWN, NAMES, known_points, max_error_m, writable_store, write

from geodata.imports.crs_choice import ImportRefused, resolve_crs
from geodata.imports.importer import import_file, layers_in
from geodata.spatial import datum
from geodata.store import connect


@pytest.fixture
def store(built_store: Path, tmp_path: Path) -> Path:
    return writable_store(built_store, tmp_path)


def test_geojson_in_wgs84(store, tmp_path):
    source = write(known_points(), tmp_path / "places.geojson", "EPSG:4326")
    summary = import_file(store, source)
    assert summary.imported == 3 and summary.layers[0].name == "places"
    assert "EPSG:4326" in summary.crs and summary.name_field == "名称"
    assert max_error_m(store, "places") < 0.01


@pytest.mark.parametrize("code", ["EPSG:4547", "EPSG:4526", "EPSG:4490", "EPSG:3857"])
def test_shapefile_with_prj(store, tmp_path, code):
    source = write(known_points(code), tmp_path / "点位.shp", code, encoding="UTF-8")
    summary = import_file(store, source)
    assert code in summary.crs and "declared by the file" in summary.crs
    assert max_error_m(store, "点位") < 1.0


def test_zone_prefixed_eastings_without_prj_are_refused_then_imported_with_crs(store, tmp_path):
    source = write(known_points("EPSG:4526"), tmp_path / "gk38.shp", None)
    assert not (tmp_path / "gk38.prj").exists()
    with pytest.raises(ImportRefused, match="EPSG:4526") as refused:
        import_file(store, source)
    assert "--crs" in str(refused.value) and "GCJ-02" in str(refused.value)
    summary = import_file(store, source, crs="EPSG:4526")
    assert "chosen" in summary.crs
    assert max_error_m(store, "gk38") < 1.0


@pytest.mark.parametrize(("choice", "forward"), [("GCJ-02", datum.wgs84_to_gcj02), ("bd09", datum.wgs84_to_bd09)])
def test_web_datums_are_converted_with_the_exact_inverse(store, tmp_path, choice, forward):
    source = write(known_points(convert=forward), tmp_path / "amap.geojson", "EPSG:4326")
    assert max_error_m_of_raw(source) > 300  # the offset is real before conversion
    summary = import_file(store, source, crs=choice)
    assert resolve_crs(choice).key in summary.crs and "the file declares EPSG:4326" in summary.crs
    assert max_error_m(store, "amap") < 1.0


def max_error_m_of_raw(source: Path) -> float:
    import numpy as np
    import pyogrio
    import shapely

    from geodata.spatial import crs

    got = shapely.get_coordinates(pyogrio.read_dataframe(source).geometry.values.to_numpy())
    to_metres = crs.transformer(crs.WGS84, crs.METRIC_CRS).transform
    gx, gy = to_metres(got[:, 0], got[:, 1])
    kx, ky = to_metres(*np.array(KNOWN).T)
    return float(np.min(np.hypot(gx - kx, gy - ky)))


def test_geopackage_layers_are_listed_and_picked(store, tmp_path):
    source = tmp_path / "official.gpkg"
    write(known_points("EPSG:4547"), source, "EPSG:4547", layer="parcels")
    write(known_points(), source, "EPSG:4326", layer="stations", append=False)
    assert {(layer.name, layer.features) for layer in layers_in(source)} == {("parcels", 3), ("stations", 3)}
    summary = import_file(store, source, source_layers=["parcels"])
    assert [layer.name for layer in summary.layers] == ["parcels"]
    assert max_error_m(store, "parcels") < 1.0
    with pytest.raises(ImportRefused, match="no layer roads"):
        import_file(store, source, source_layers=["roads"])


@pytest.mark.parametrize(("suffix", "driver"), [(".kml", "KML"), (".kmz", "LIBKML")])
def test_kml_and_kmz(store, tmp_path, suffix, driver):
    # ASCII name: GDAL's LIBKML writer files a non-ASCII layer name in the KMZ where its reader cannot find it
    source = write(known_points(), tmp_path / f"placemarks{suffix}", "EPSG:4326", driver=driver)
    if suffix == ".kmz":
        assert zipfile.is_zipfile(source)
    summary = import_file(store, source, layer_name="kml_places")
    assert summary.imported == 3
    layer = summary.layers[0].name
    assert max_error_m(store, layer) < 0.01


@pytest.mark.parametrize(("columns", "encoding"), [(("lon", "lat"), "utf-8"), (("经度", "纬度"), "gbk"),
                                                   (("X", "Y"), "utf-8")])
def test_csv_with_coordinate_columns(store, tmp_path, columns, encoding):
    lon, lat = zip(*KNOWN)
    table = pd.DataFrame({"名称": NAMES, columns[0]: lon, columns[1]: lat})
    source = tmp_path / "points.csv"
    table.to_csv(source, index=False, encoding=encoding)
    with pytest.raises(ImportRefused, match="does not say which CRS"):
        import_file(store, source)
    summary = import_file(store, source, crs="EPSG:4326")
    assert summary.imported == 3
    assert ("GB18030" in summary.encoding) == (encoding == "gbk")
    assert max_error_m(store, "points") < 0.01
    with connect(store) as db:
        assert [row[0] for row in db.execute('SELECT name FROM points ORDER BY fid')] == list(NAMES)


def test_layer_names_do_not_collide_with_store_tables(store, tmp_path):
    source = write(known_points(), tmp_path / "passages.geojson", "EPSG:4326")
    first = import_file(store, source).layers[0].name
    second = import_file(store, source).layers[0].name
    assert first == "passages_2" and second == "passages_3"
    with connect(store) as db:
        ids = [row[0] for row in db.execute('SELECT id FROM passages_3 ORDER BY fid')]
    assert ids == ["passages_3-1", "passages_3-2", "passages_3-3"]


def test_imported_features_know_their_districts(store, tmp_path):
    from geodata.feature_queries import find_feature

    source = tmp_path / "parcels.geojson"
    frame = gpd.GeoDataFrame(
        {"名称": ["坪山地块", "跨界地块"]},
        geometry=[shapely.box(114.34, 22.69, 114.35, 22.70), shapely.box(113.96, 22.52, 114.0, 22.56)],
        crs="EPSG:4326",
    )
    pyogrio.write_dataframe(frame, source)
    import_file(store, source)
    with connect(store) as db:
        assert find_feature(db, "坪山地块").feature.districts == ("坪山区",)
        assert set(find_feature(db, "跨界地块").feature.districts) >= {"南山区"}


def test_an_imported_layer_is_counted_and_looked_up_through_indexes(store, tmp_path):
    """The layer panel and the legend count a layer's features by accuracy, and links find features by id: on
    a million parcels neither may read the whole table."""
    layer = import_file(store, write(known_points(), tmp_path / "places.geojson", "EPSG:4326")).layers[0].name
    with connect(store) as db:
        for query in (f'SELECT accuracy, count(*) FROM "{layer}" GROUP BY accuracy',
                      f'SELECT fid FROM "{layer}" WHERE id = ?'):
            plan = " ".join(row[-1] for row in db.execute(f"EXPLAIN QUERY PLAN {query}", ("x",)[:query.count("?")]))
            assert "USING COVERING INDEX" in plan or "USING INDEX" in plan, plan
