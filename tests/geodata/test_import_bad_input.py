"""Broken and awkward files: each gives a clear message (no traceback), leaves the store byte for byte
as it was (no working copy left behind), and the program keeps running."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from import_helpers import KNOWN as KNOWN_WGS84
from import_helpers import assert_untouched, digest, known_points, writable_store, write

from geodata.imports.crs_choice import ImportRefused
from geodata.imports.imported_layers import export_layer
from geodata.imports.importer import ImportCancelled, import_file
from geodata.store import StoreError, connect

DATA = Path(__file__).resolve().parents[1] / "data" / "broken"
MAIN = Path(__file__).resolve().parents[2] / "main.py"


@pytest.fixture
def store(built_store: Path, tmp_path: Path) -> Path:
    return writable_store(built_store, tmp_path)


def refused(store: Path, source: Path, match: str, **options) -> str:
    before = digest(store)
    with pytest.raises(StoreError, match=match) as error:
        import_file(store, source, **options)
    assert_untouched(store, before)
    return str(error.value)


def test_truncated_geojson(store):
    message = refused(store, DATA / "truncated.geojson", "cannot be read as GeoJSON")
    assert "truncated or damaged" in message


@pytest.mark.parametrize("missing", [".shx", ".dbf"])
def test_shapefile_without_a_companion_file(store, tmp_path, missing):
    source = write(known_points("EPSG:4547"), tmp_path / "parcels.shp", "EPSG:4547")
    source.with_suffix(missing).unlink()
    message = refused(store, source, f"parcels{missing} is missing")
    assert "copy them together" in message


def test_wrong_prj_is_named_with_the_likely_crs(store, tmp_path):
    # Gauss-Krüger metres with a .prj that says WGS 84.
    source = write(known_points("EPSG:4547"), tmp_path / "wrong_prj.shp", "EPSG:4326")
    message = refused(store, source, "do not fall near Shenzhen")
    assert "declared by the file" in message and "EPSG:4547" in message
    assert import_file(store, source, crs="EPSG:4547").imported == 3  # the user overrides the .prj


def test_coordinates_in_another_crs_than_chosen(store, tmp_path):
    source = write(known_points(), tmp_path / "lonlat.shp", None)
    message = refused(store, source, "do not fall near Shenzhen as EPSG:4547", crs="EPSG:4547")
    assert "longitude/latitude" in message


def test_web_mercator_values_are_recognised(store, tmp_path):
    source = write(known_points("EPSG:3857"), tmp_path / "merc.shp", None)
    refused(store, source, "Web Mercator metres \\(EPSG:3857\\)")


def test_self_intersecting_polygons_are_repaired_and_counted(store, tmp_path):
    bowtie = shapely.from_wkt("POLYGON((114.00 22.50, 114.02 22.52, 114.02 22.50, 114.00 22.52, 114.00 22.50))")
    frame = gpd.GeoDataFrame({"name": ["领结", "方块"]}, geometry=[bowtie, shapely.box(114.1, 22.6, 114.11, 22.61)])
    source = write(frame, tmp_path / "bowtie.geojson", "EPSG:4326")
    summary = import_file(store, source)
    assert (summary.repaired, summary.imported) == (1, 2)
    stored = gpd.read_file(store, layer="bowtie", engine="pyogrio")
    assert stored.geometry.is_valid.all() and stored.geometry.area.iloc[0] > 0


def test_empty_layer(store, tmp_path):
    frame = gpd.GeoDataFrame({"name": ["空", "也空"]}, geometry=[None, shapely.Polygon()])
    source = write(frame, tmp_path / "empty.geojson", "EPSG:4326")
    refused(store, source, "no features with geometry")


def test_3d_data_loses_z(store, tmp_path):
    points = known_points()
    points.geometry = shapely.force_3d(points.geometry.values.to_numpy(), 50.0)
    source = write(points, tmp_path / "z.geojson", "EPSG:4326")
    summary = import_file(store, source)
    assert summary.z_dropped == 3
    stored = gpd.read_file(store, layer="z", engine="pyogrio")
    assert not stored.geometry.has_z.any()


def test_mixed_geometry_types_become_one_layer_per_type(store, tmp_path):
    frame = gpd.GeoDataFrame(
        {"name": ["片区", "道路", "站点"]},
        geometry=[shapely.box(114.0, 22.5, 114.01, 22.51), shapely.LineString([(114.0, 22.5), (114.1, 22.6)]),
                  shapely.Point(114.05, 22.55)],
    )
    source = write(frame, tmp_path / "mixed.geojson", "EPSG:4326")
    summary = import_file(store, source)
    assert summary.split_by_type
    assert [(layer.name, layer.geometry_type) for layer in summary.layers] == [
        ("mixed_面", "MultiPolygon"), ("mixed_线", "MultiLineString"), ("mixed_点", "Point")]


def test_gbk_names_without_cpg_are_decoded(store, tmp_path):
    source = write(known_points("EPSG:4547"), tmp_path / "gbk.shp", "EPSG:4547", encoding="GBK")
    source.with_suffix(".cpg").unlink(missing_ok=True)
    assert "市民中心".encode("gbk") in source.with_suffix(".dbf").read_bytes()
    summary = import_file(store, source)
    assert summary.encoding.startswith("GB18030")
    with connect(store) as db:
        names = [row[0] for row in db.execute("SELECT name FROM gbk ORDER BY fid")]
    assert names == ["市民中心", "深圳湾公园", "坪山中心区"]


def test_gbk_names_with_cpg(store, tmp_path):
    source = write(known_points("EPSG:4547"), tmp_path / "gbkcpg.shp", "EPSG:4547", encoding="GBK")
    source.with_suffix(".cpg").write_text("GBK")
    summary = import_file(store, source)
    assert "GBK" in summary.encoding
    with connect(store) as db:
        assert db.execute("SELECT name FROM gbkcpg ORDER BY fid").fetchone()[0] == "市民中心"


def test_path_with_chinese_characters_and_spaces(store, tmp_path):
    folder = tmp_path / "官方 数据" / "坪山 区"
    folder.mkdir(parents=True)
    source = write(known_points("EPSG:4547"), folder / "重点 片区 边界.shp", "EPSG:4547")
    summary = import_file(store, source)
    assert summary.layers[0].name == "重点_片区_边界"


def big_geojson(path: Path, megabytes: int) -> int:
    """A GeoJSON of `megabytes` MB of 400-vertex polygons over Shenzhen, written as text (fast): 400
    rings at different places, formatted once and repeated."""
    angles = np.linspace(0, 2 * np.pi, 400)
    angles[-1] = 0.0
    rings = []
    for n in range(400):
        lon, lat = 113.8 + (n % 20) * 0.03, 22.5 + (n // 20) * 0.01
        rings.append(",".join(f"[{lon + 0.0005 * np.cos(a):.7f},{lat + 0.0005 * np.sin(a):.7f}]" for a in angles))
    count = 0
    with path.open("w", encoding="utf-8") as file:
        file.write('{"type":"FeatureCollection","features":[\n')
        while file.tell() < megabytes * 1_000_000:
            file.write(("," if count else "") + f'{{"type":"Feature","properties":{{"name":"地块{count}"}},'
                       f'"geometry":{{"type":"Polygon","coordinates":[[{rings[count % 400]}]]}}}}\n')
            count += 1
        file.write("]}\n")
    return count


def test_200_mb_file_cancelled_leaves_the_store_as_it_was(store, tmp_path):
    source = tmp_path / "big.geojson"
    began = time.perf_counter()
    count = big_geojson(source, 200)
    assert source.stat().st_size > 200_000_000
    before = digest(store)
    reports = []

    def cancel_while_writing(done: int, total: int) -> bool:
        reports.append((done, total))
        return total == 0 or done <= count  # cancel at the first report from the writing phase

    with pytest.raises(ImportCancelled, match="cancelled; the store is unchanged"):
        import_file(store, source, progress=cancel_while_writing)
    assert_untouched(store, before)
    assert reports[0] == (0, 0) and reports[-1][1] == 3 * count + 1  # read, write, make the tiles ahead
    assert count < reports[-1][0] <= 2 * count
    assert time.perf_counter() - began < 120


def test_cancel_at_the_start(store, tmp_path):
    source = write(known_points(), tmp_path / "places.geojson", "EPSG:4326")
    before = digest(store)
    with pytest.raises(ImportCancelled):
        import_file(store, source, progress=lambda done, total: False)
    assert_untouched(store, before)


def test_unknown_format_and_missing_file(store, tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK")
    refused(store, tmp_path / "notes.docx", "not a format this program imports")
    refused(store, tmp_path / "nothing.geojson", "No file at")


def test_unknown_crs_and_name_field(store, tmp_path):
    source = write(known_points(), tmp_path / "places.geojson", "EPSG:4326")
    refused(store, source, "Unknown CRS 'Xian80'", crs="Xian80")
    refused(store, source, "no field 'NAME_X'", name_field="NAME_X")


@pytest.mark.parametrize("name", ["truncated.geojson", "not_a_shapefile.shp"])
def test_command_line_says_what_is_wrong_without_a_traceback(store, name):
    before = digest(store)
    done = subprocess.run([sys.executable, str(MAIN), "import", str(DATA / name), "--store", str(store)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr
    assert_untouched(store, before)
    # The program still runs: the next command works on the same store.
    listed = subprocess.run([sys.executable, str(MAIN), "layers", "--store", str(store)],
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0 and "districts" in listed.stdout


def test_refusal_is_an_import_refused(store, tmp_path):
    with pytest.raises(ImportRefused):
        import_file(store, tmp_path / "missing.kml")


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_special_files_are_refused_at_once(store, tmp_path, kind):
    source = tmp_path / "special.geojson"
    if kind == "fifo":
        os.mkfifo(source)
    elif kind == "device":
        source.symlink_to("/dev/zero")
    else:
        source.mkdir()
    began = time.perf_counter()
    message = refused(store, source, "not a regular file|not a file")
    assert time.perf_counter() - began < 1.0
    assert {"fifo": "named pipe", "device": "/dev/zero", "folder": "folder"}[kind] in message


def test_kmz_bomb_is_refused_before_anything_is_inflated(store, tmp_path, monkeypatch):
    bomb = tmp_path / "bomb.kmz"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive, \
            archive.open("doc.kml", "w") as kml:
        for _ in range(100):
            kml.write(b" " * (1 << 20))
    assert bomb.stat().st_size < 200_000

    def never(*args, **kwargs):
        raise AssertionError("the archive was opened for reading")

    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    monkeypatch.setattr("pyogrio.list_layers", never)
    message = refused(store, bomb, "unpacks to 104.9 MB of KML")
    assert "at most 64.0 MB" in message


def test_csv_export_writes_formulas_as_text(store, tmp_path):
    summary = import_file(store, DATA / "formula_cells.geojson")
    layer = summary.layers[0].name
    out = tmp_path / "export" / "cells.csv"
    out.parent.mkdir()
    done = export_layer(store, layer, out)
    with out.open(encoding="utf-8-sig", newline="") as file:
        row = next(csv.DictReader(file))
    assert row["name"] == "'=cmd|' /C calc'!A0" and row["名称"] == "'=cmd|' /C calc'!A0"
    assert row["备注"] == "'+SUM(1,2)" and row["编号"] == "'-2+3"
    assert row["联系"] == "'@HYPERLINK(\"http://example.invalid\")"
    assert row["kind"] == "imported" and row["WKT"].startswith("POINT")  # other cells as they were
    for cells in csv.reader(out.read_text(encoding="utf-8-sig").splitlines()):
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    with done.links_path.open(encoding="utf-8-sig", newline="") as file:
        links = list(csv.reader(file))
    assert links[0][0] == "feature_id"
    assert sorted(path.name for path in out.parent.iterdir()) == ["cells.csv", "cells_links.csv"]  # no part files
    geojson = export_layer(store, layer, tmp_path / "cells.geojson").path
    assert '"=cmd|' in geojson.read_text(encoding="utf-8")  # only CSV cells are escaped


def test_truncated_shapefile_says_how_many_records_were_lost(store, tmp_path):
    squares = gpd.GeoDataFrame({"名称": ["一", "二", "三"]},
                               geometry=[shapely.Point(p).buffer(0.001, 64) for p in KNOWN_WGS84])
    source = write(squares, tmp_path / "cut.shp", "EPSG:4326")
    source.write_bytes(source.read_bytes()[:-5000])
    summary = import_file(store, source)
    assert (summary.features_read, summary.imported, summary.records_lost) == (3, 1, 2)
    assert any("cut.shp is cut short" in note for note in summary.notes)


def test_cpg_is_checked_against_the_table(store, tmp_path):
    utf8 = write(known_points("EPSG:4547"), tmp_path / "utf8.shp", "EPSG:4547", encoding="UTF-8")
    utf8.with_suffix(".cpg").write_text("GBK")
    gbk = write(known_points("EPSG:4547"), tmp_path / "gbk.shp", "EPSG:4547", encoding="GBK")
    gbk.with_suffix(".cpg").write_text("UTF-8")
    for source in (utf8, gbk):
        summary = import_file(store, source)
        with connect(store) as db:
            names = [row[0] for row in db.execute(f'SELECT name FROM "{summary.layers[0].name}" ORDER BY fid')]
        assert names == ["市民中心", "深圳湾公园", "坪山中心区"]
        assert any(f"{source.stem}.cpg says" in note for note in summary.notes)


def test_infinity_among_valid_points_is_dropped_not_called_far_away(store):
    summary = import_file(store, DATA / "infinity_among_valid.geojson")
    assert (summary.imported, summary.non_finite_dropped) == (2, 1)


def test_nested_collection_keeps_all_its_parts(store):
    summary = import_file(store, DATA / "nested_collection.geojson")
    assert [layer.geometry_type for layer in summary.layers] == ["MultiPolygon", "MultiLineString", "MultiPoint"]
    assert summary.collections_split == 1 and summary.imported == 1
