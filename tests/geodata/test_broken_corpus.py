"""The broken-file corpus, imported through the real command line: for each file the exit code, a message that
names the problem, no traceback, and on failure the store byte for byte as it was (no working copy left).

Small text files are committed in tests/data/broken/; binary, large, special (FIFO, device, folder) and
oddly named ones are made by the `corpus` fixture. The command runs with --json so that the report's notes
(what was wrong with the file and what was done) are in its output.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely
from import_helpers import KNOWN, NAMES, assert_untouched, digest, known_points, writable_store, write

BROKEN = Path(__file__).resolve().parents[1] / "data" / "broken"
MAIN = Path(__file__).resolve().parents[2] / "main.py"
HOSTILE_KEY = 'name" || (SELECT title FROM documents) || "name'
HOSTILE_LAYER = 'x"); DROP TABLE documents; --'
HOSTILE_FILE = 'a"; DROP TABLE documents;--.geojson'


@dataclass(frozen=True)
class Case:
    file: str
    exit: int
    word: str  # a word the message (or, on success, the --json report) must contain
    args: tuple[str, ...] = ()
    check: Callable[[Path, dict], None] | None = None  # what the store must hold after a successful import


def names_in(store: Path, layer: str) -> list[str]:
    with sqlite3.connect(store) as db:
        return [row[0] for row in db.execute(f'SELECT name FROM "{layer}" ORDER BY fid')]


def layer_names(report: dict) -> list[str]:
    return [layer["name"] for layer in report["layers"]]


def named_places(store: Path, report: dict) -> None:
    assert names_in(store, layer_names(report)[0])[0] == NAMES[0]


def split_in_three(store: Path, report: dict) -> None:
    assert [name[-1] for name in layer_names(report)] == ["面", "线", "点"]
    assert {names_in(store, name)[0] for name in layer_names(report)} == {"嵌套集合"}


def documents_intact(store: Path, report: dict) -> None:
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] >= 5


def hostile_key_is_a_column(store: Path, report: dict) -> None:
    documents_intact(store, report)
    layer = layer_names(report)[0]
    with sqlite3.connect(store) as db:
        columns = [row[1] for row in db.execute(f'PRAGMA table_info("{layer}")')]
        titles = {row[0] for row in db.execute("SELECT title FROM documents")}
    assert HOSTILE_KEY in columns
    assert not set(names_in(store, layer)) & titles


def markup_kept_as_text(store: Path, report: dict) -> None:
    assert names_in(store, layer_names(report)[0])[0] == "<img src=x onerror=alert(1)>"


def no_control_characters(store: Path, report: dict) -> None:
    for name in names_in(store, layer_names(report)[0]):
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or 0x202A <= ord(c) <= 0x202E for c in name), name


def long_name_shortened(store: Path, report: dict) -> None:
    layer = layer_names(report)[0]
    assert len(names_in(store, layer)[0]) == 200
    with sqlite3.connect(store) as db:
        assert len(db.execute(f'SELECT "名称" FROM "{layer}"').fetchone()[0]) == 10_000


def sanitized_layer(store: Path, report: dict) -> None:
    documents_intact(store, report)
    assert layer_names(report) == ["x_DROP_TABLE_documents"]


def mixed_split(store: Path, report: dict) -> None:
    assert report["split_by_type"] and len(report["layers"]) == 3


CASES = [
    # Already tested before the corpus (tests/data, test_import_bad_input.py)
    Case("truncated.geojson", 1, "truncated or damaged"),
    Case("not_a_shapefile.shp", 1, "not a shapefile"),
    Case("notes.docx", 1, "not a format this program imports"),
    Case("missing.geojson", 1, "No file at"),
    Case("no_geometry.geojson", 1, "no features with geometry"),
    Case("self_intersecting.geojson", 0, '"repaired": 1'),
    Case("mixed_types.geojson", 0, '"split_by_type": true', check=mixed_split),
    Case("wrong_prj.shp", 1, "do not fall near Shenzhen"),
    Case("no_prj.shp", 1, "does not say which CRS"),
    Case("far_from_shenzhen.geojson", 1, "do not fall near Shenzhen"),
    Case("points_without_crs.csv", 1, "does not say which CRS"),
    Case("points_without_crs.csv", 1, "Unknown CRS", ("--crs", "Xian80")),
    Case("points_without_crs.csv", 1, "no field 'NAME_X'", ("--crs", "EPSG:4326", "--name-field", "NAME_X")),
    Case("missing_dbf.shp", 1, "missing"),
    Case("gbk_no_cpg.shp", 0, "GB18030", check=named_places),
    Case("z_coordinates.geojson", 0, '"z_dropped": 3'),
    # Special files: refused before anything is opened
    Case("fifo.geojson", 1, "named pipe"),
    Case("dev_zero.geojson", 1, "device"),
    Case("folder.geojson", 1, "folder"),
    Case("dangling_link.geojson", 1, "does not exist"),
    Case("fifo_dbf.shp", 1, "named pipe"),
    # Sizes and archives: checked before reading or inflating
    Case("huge.geojson", 1, "512.0 MB"),
    Case("huge.kml", 1, "64.0 MB"),
    Case("huge.gpkg", 1, "2.0 GB"),
    Case("bomb.kmz", 1, "at most 64.0 MB of KML"),
    Case("many_entries.kmz", 1, "1,000 files"),
    Case("no_kml.kmz", 1, "no .kml"),
    Case("lying_sizes.kmz", 1, "truncated or damaged"),
    Case("not_a_zip.kmz", 1, "not a ZIP archive"),
    Case("archive.zip", 1, "Unzip it"),
    Case("empty.geojson", 1, "empty"),
    # Text encodings
    Case("gbk.geojson", 0, "GB18030", check=named_places),
    Case("utf16.geojson", 0, "UTF-16", check=named_places),
    Case("utf16_be.geojson", 0, "UTF-16", check=named_places),
    Case("utf8_bom.geojson", 0, "UTF-8", check=named_places),
    Case("gbk_declared.kml", 0, "GB18030", check=named_places),
    Case("utf16.kml", 0, "UTF-16", check=named_places),
    Case("gbk.csv", 0, "GB18030", ("--crs", "EPSG:4326"), check=named_places),
    Case("utf16_tabs.csv", 0, "UTF-16", ("--crs", "EPSG:4326"), check=named_places),
    Case("binary.csv", 1, "neither UTF-8 nor GB18030"),
    Case("gbk_cpg_utf8.shp", 0, "gbk_cpg_utf8.cpg says UTF-8", check=named_places),
    Case("utf8_cpg_gbk.shp", 0, "utf8_cpg_gbk.cpg says GBK", check=named_places),
    Case("cpg_unknown.shp", 0, "does not know", check=named_places),
    Case("undecodable.shp", 0, "valid in no encoding"),
    # Geometry
    Case("nested_collection.geojson", 0, "1 GeometryCollection split", check=split_in_three),
    Case("unclosed_ring.geojson", 0, "unclosed polygon ring"),
    Case("polygon_nesting_too_shallow.geojson", 1, "nested wrongly"),
    Case("polygon_nesting_too_deep.geojson", 1, "nested wrongly"),
    Case("point_nesting_too_deep.geojson", 1, "Invalid coord dimension"),
    Case("unknown_geometry_type.geojson", 1, "Unsupported geometry type"),
    Case("nan_coordinate.geojson", 0, "NaN or Infinity"),
    Case("infinity_among_valid.geojson", 0, '"non_finite_dropped": 1'),
    Case("nan_polygon_only.geojson", 1, "NaN or Infinity"),
    Case("stray_coordinate.geojson", 1, "wrong, not the CRS"),
    Case("bad_numbers.csv", 0, "NaN or Infinity", ("--crs", "EPSG:4326")),
    Case("truncated_shp.shp", 0, "2 of 3 records lost"),
    Case("truncated_dbf.shp", 0, "records lost"),
    Case("truncated_shx.shp", 1, "cut short"),
    # Misleading messages fixed
    Case("semi;colon.geojson", 0, "semi_colon_面", check=split_in_three),
    Case("not_json.geojson", 1, "not valid JSON"),
    Case("json_syntax_error.geojson", 1, "not valid JSON"),
    Case("json_not_geojson.geojson", 1, "not GeoJSON"),
    Case("html_page.geojson", 1, "HTML page"),
    Case("pdf_document.geojson", 1, "PDF document"),
    Case("not_sqlite.gpkg", 1, "not a GeoPackage"),
    Case("plain_sqlite.gpkg", 1, "cannot be read as a GeoPackage"),
    Case("truncated.kml", 1, "KML"),
    Case("no_coordinate_columns.csv", 1, "no longitude/latitude columns"),
    # Hostile names
    Case("hostile_property_key.geojson", 0, '"imported": 1', check=hostile_key_is_a_column),
    Case("markup_names.geojson", 0, '"imported": 2', check=markup_kept_as_text),
    Case("control_characters.geojson", 0, "control or text-direction", check=no_control_characters),
    Case("direction_overrides.geojson", 0, "control or text-direction", check=no_control_characters),
    Case("ten_thousand_characters.geojson", 0, "shortened", check=long_name_shortened),
    Case("formula_cells.geojson", 0, '"imported": 1'),
    Case(HOSTILE_FILE, 0, "a_DROP_TABLE_documents_", check=documents_intact),
    Case("markup_names.geojson", 0, "x_DROP_TABLE_documents", ("--layer-name", 'x"; DROP TABLE documents; --'),
         check=sanitized_layer),
    Case("hostile_layer.gpkg", 0, "x_DROP_TABLE_documents", check=sanitized_layer),
    Case("hostile_layer.gpkg", 1, "has no layer", ("--layers", "roads")),
]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed files of tests/data/broken/ and the generated ones, in one folder."""
    folder = tmp_path_factory.mktemp("broken")
    for path in BROKEN.iterdir():
        shutil.copyfile(path, folder / path.name)
    make_special_files(folder)
    make_large_files(folder)
    make_encodings(folder)
    make_shapefiles(folder)
    make_geopackages(folder)
    places = folder / "places.geojson"
    write(known_points(), places, "EPSG:4326")
    for name in ("semi;colon.geojson", HOSTILE_FILE):
        shutil.copyfile(BROKEN / "nested_collection.geojson", folder / name)
    z = known_points()
    z.geometry = shapely.force_3d(z.geometry.values.to_numpy(), 50.0)
    write(z, folder / "z_coordinates.geojson", "EPSG:4326")
    long = gpd.GeoDataFrame({"名称": ["长" * 10_000]}, geometry=[shapely.Point(KNOWN[0])], crs="EPSG:4326")
    pyogrio.write_dataframe(long, folder / "ten_thousand_characters.geojson")
    with zipfile.ZipFile(folder / "archive.zip", "w") as archive:
        archive.write(places, "places.geojson")
    return folder


def make_special_files(folder: Path) -> None:
    os.mkfifo(folder / "fifo.geojson")
    (folder / "dev_zero.geojson").symlink_to("/dev/zero")
    (folder / "folder.geojson").mkdir()
    (folder / "dangling_link.geojson").symlink_to(folder / "nowhere.geojson")


def make_large_files(folder: Path) -> None:
    """Sparse files (no disk used) just over the limits, and KMZ archives that must not be unpacked."""
    for name, size in (("huge.geojson", 600_000_000), ("huge.kml", 70_000_000), ("huge.gpkg", 2_100_000_000)):
        with (folder / name).open("wb") as file:
            file.truncate(size)
    bomb = zipfile.ZipFile(folder / "bomb.kmz", "w", zipfile.ZIP_DEFLATED, compresslevel=9)
    with bomb, bomb.open("doc.kml", "w") as kml:  # 0.5 MB unpacking to 525 MB of KML
        kml.write(b'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>')
        spaces = b" " * (1 << 20)
        for _ in range(500):
            kml.write(spaces)
        kml.write(b"</Document></kml>")
    with zipfile.ZipFile(folder / "many_entries.kmz", "w") as archive:
        archive.writestr("doc.kml", "<kml/>")
        for n in range(2_000):
            archive.writestr(f"files/{n}.png", b"")
    with zipfile.ZipFile(folder / "no_kml.kmz", "w") as archive:
        archive.writestr("picture.png", b"\x89PNG\r\n")
    lying_kmz(folder / "lying_sizes.kmz")


def lying_kmz(path: Path) -> None:
    """A KMZ whose directory says its KML is 200 bytes while it inflates to 50 MB: GDAL stops at 200 bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("doc.kml", "w") as kml:
        kml.write(b'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>')
        for _ in range(50):
            kml.write(b" " * (1 << 20))
        kml.write(b"</Document></kml>")
    data = bytearray(path.read_bytes())
    data[22:26] = (200).to_bytes(4, "little")  # the local header's uncompressed size
    directory = data.rfind(b"PK\x01\x02")
    data[directory + 24:directory + 28] = (200).to_bytes(4, "little")
    path.write_bytes(bytes(data))


def make_encodings(folder: Path) -> None:
    """The same three places as GeoJSON, KML and CSV in GBK, UTF-16 and UTF-8 with a byte-order mark."""
    geojson = write(known_points(), folder / "utf8.geojson", "EPSG:4326").read_text(encoding="utf-8")
    assert NAMES[0] in geojson
    (folder / "gbk.geojson").write_bytes(geojson.encode("gbk"))
    (folder / "utf16.geojson").write_bytes(geojson.encode("utf-16"))
    (folder / "utf16_be.geojson").write_bytes(b"\xfe\xff" + geojson.encode("utf-16-be"))
    (folder / "utf8_bom.geojson").write_bytes(geojson.encode("utf-8-sig"))
    marks = "".join(f"<Placemark><name>{name}</name><Point><coordinates>{lon},{lat}</coordinates></Point></Placemark>"
                    for name, (lon, lat) in zip(NAMES, KNOWN))
    kml = f'<?xml version="1.0" encoding="{{}}"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>{marks}' \
          "</Document></kml>\n"
    (folder / "gbk_declared.kml").write_bytes(kml.format("GBK").encode("gbk"))
    (folder / "utf16.kml").write_bytes(kml.format("UTF-16").encode("utf-16"))
    rows = "".join(f"{name},{lon},{lat}\n" for name, (lon, lat) in zip(NAMES, KNOWN))
    (folder / "gbk.csv").write_bytes(("名称,lon,lat\n" + rows).encode("gbk"))
    (folder / "utf16_tabs.csv").write_bytes(("名称\tlon\tlat\n" + rows.replace(",", "\t")).encode("utf-16"))
    (folder / "binary.csv").write_bytes(bytes(range(128, 256)) * 8)


def make_shapefiles(folder: Path) -> None:
    places = known_points("EPSG:4547")
    write(places, folder / "gbk_no_cpg.shp", "EPSG:4547", encoding="GBK")
    (folder / "gbk_no_cpg.cpg").unlink(missing_ok=True)
    write(places, folder / "gbk_cpg_utf8.shp", "EPSG:4547", encoding="GBK")
    (folder / "gbk_cpg_utf8.cpg").write_text("UTF-8")
    write(places, folder / "utf8_cpg_gbk.shp", "EPSG:4547", encoding="UTF-8")
    (folder / "utf8_cpg_gbk.cpg").write_text("GBK")
    write(places, folder / "cpg_unknown.shp", "EPSG:4547", encoding="GBK")
    (folder / "cpg_unknown.cpg").write_text("KLINGON-1")
    write(places, folder / "undecodable.shp", "EPSG:4547", encoding="GBK")
    dbf = (folder / "undecodable.dbf").read_bytes()
    (folder / "undecodable.dbf").write_bytes(dbf.replace("市民中心".encode("gbk"), b"\xff\x80\xff\x80\xff\x80\xff\x80"))
    write(known_points("EPSG:4547"), folder / "wrong_prj.shp", "EPSG:4326")
    write(places, folder / "no_prj.shp", None)
    for name in ("missing_dbf", "fifo_dbf", "truncated_shp", "truncated_dbf", "truncated_shx"):
        squares = gpd.GeoDataFrame({"名称": list(NAMES)}, geometry=[shapely.Point(p).buffer(0.001, 64) for p in KNOWN])
        write(squares, folder / f"{name}.shp", "EPSG:4326", encoding="UTF-8")
    (folder / "missing_dbf.dbf").unlink()
    (folder / "fifo_dbf.dbf").unlink()
    os.mkfifo(folder / "fifo_dbf.dbf")
    for suffix, cut in ((".shp", 5000), (".dbf", 150), (".shx", 8)):
        part = folder / f"truncated_{suffix[1:]}{suffix}"
        part.write_bytes(part.read_bytes()[:-cut])


def make_geopackages(folder: Path) -> None:
    write(known_points(), folder / "hostile_layer.gpkg", "EPSG:4326", layer=HOSTILE_LAYER)
    with sqlite3.connect(folder / "plain_sqlite.gpkg") as db:
        db.execute("CREATE TABLE notes (text TEXT)")
        db.execute("INSERT INTO notes VALUES ('not a GeoPackage')")
    db.close()


@pytest.mark.parametrize("case", CASES, ids=[f"{case.file}{' ' + ' '.join(case.args) if case.args else ''}"
                                             for case in CASES])
def test_broken_file(case: Case, corpus: Path, built_store: Path, tmp_path: Path) -> None:
    store = writable_store(built_store, tmp_path)
    before = digest(store)
    began = time.perf_counter()
    done = subprocess.run([sys.executable, str(MAIN), "import", str(corpus / case.file), "--store", str(store),
                           "--json", *case.args], capture_output=True, text=True, timeout=180)
    seconds = time.perf_counter() - began
    output = done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == case.exit, output
    assert case.word in output, output
    if case.exit == 0:
        report = json.loads(done.stdout)
        assert "cpg" not in output or case.file.endswith(".shp")  # no shapefile advice for other formats
        if case.check is not None:
            case.check(store, report)
    else:
        assert done.stderr.startswith("error: "), done.stderr
        assert_untouched(store, before)
        assert seconds < 60, f"refused only after {seconds:.0f} s"
