"""What the viewer's panels show, computed without Qt: feature sheets, reader pages, search, basemaps."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from geodata.mbtiles import MbtilesReader, mbtiles_info
from geodata.store import connect
from layers.basemaps import basemap_choice
from layers.feature_sheet import NOT_STATED, FeatureDirectory, feature_sheet
from layers.plan_reading import page_of_passage
from layers.rich_text import highlighted_html, linked_html, parse_href
from layers.search_results import SearchIndex


@pytest.fixture(scope="module")
def db(either_store):
    """The seed store, as a GeoPackage and as a database."""
    with connect(either_store) as connection:
        yield connection


def test_feature_sheet_of_a_key_area(db):
    sheet = feature_sheet(db, "ps-yanzihu", FeatureDirectory(db))
    assert sheet.name == "燕子湖片区" and sheet.schematic and sheet.accuracy_label == "示意"
    assert sheet.districts == "坪山区" and sheet.measure.endswith("km²")
    assert sheet.passages[0].is_defining
    first = sheet.passages[0]
    assert all(first.text[s:e] in ("燕子湖片区", "燕子湖") for s, e in first.name_spans) and first.name_spans


def test_feature_sheet_targets_say_when_the_source_is_blank(db):
    sheet = feature_sheet(db, "district-pingshan")
    assert sheet.targets
    assert all(row.value for row in sheet.targets)
    assert all(row.binding in ("约束性", "预期性", "结果", "") for row in sheet.targets)
    blank = db.execute("SELECT count(*) FROM targets t JOIN feature_targets ft ON ft.target_id = t.id "
                       "WHERE ft.feature_id = 'district-pingshan' AND t.value_text = ''").fetchone()[0]
    assert sum(row.value == NOT_STATED for row in sheet.targets) == blank


def test_unknown_feature_has_no_sheet(db):
    assert feature_sheet(db, "no-such-feature") is None


def test_reader_page_links_every_mapped_name(db):
    passage_id = feature_sheet(db, "ps-yanzihu").passages[0].passage_id
    page = page_of_passage(db, passage_id)
    assert any(p.passage_id == passage_id for p in page.paragraphs)
    html = page.html(selected_feature="ps-yanzihu", current_passage=passage_id)
    assert 'href="feature:ps-yanzihu"' in html and 'href="feature:ps-kengzi"' in html
    assert page.mentions_of("ps-yanzihu") >= 1


def test_rich_text_escapes_and_links():
    text = "<img src=x onerror=alert(1)>在燕子湖"
    html = linked_html(text, [("ps-yanzihu", len(text) - 3, len(text))])
    assert "<img" not in html and "&lt;img" in html
    assert parse_href("feature:ps-yanzihu") == ("feature", "ps-yanzihu")
    assert parse_href("javascript:alert(1)") is None
    assert highlighted_html("a<b>c", [(1, 4)]) == 'a<span style="background-color:#ffe08a;">&lt;b&gt;</span>c'


def test_search_groups_places_passages_and_targets(db):
    index = SearchIndex(db)
    results = index.search("燕子湖")
    assert results.places[0].feature_id == "ps-yanzihu"
    assert results.passages
    gdp = index.search("地区生产总值")
    assert gdp.targets and gdp.passages
    assert not index.search("   ")
    assert index.search("河套").places  # two characters work too


def test_basemaps(tmp_path: Path):
    assert basemap_choice("offline").online is False
    assert basemap_choice("amap").datum == "gcj02"
    assert basemap_choice("osm").online
    with pytest.raises(ValueError):
        basemap_choice("tianditu", key="")
    key = "0123456789abcdef0123456789abcdef"
    assert f"tk={key}" in basemap_choice("tianditu", key=key).url
    with pytest.raises(ValueError):
        basemap_choice("xyz", url="javascript:alert(1)")
    assert basemap_choice("xyz", url="https://example.org/{z}/{x}/{y}.png").online
    assert "<" not in basemap_choice("xyz", url="https://a.example/{z}/{x}/{y}.png?<b>").page_spec()["attribution"]


def test_mbtiles_reads_xyz_tiles(tmp_path: Path):
    path = tmp_path / "t.mbtiles"
    with sqlite3.connect(path) as mb:
        mb.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        mb.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
        mb.executemany("INSERT INTO metadata VALUES (?, ?)", [("name", "test"), ("format", "png"), ("maxzoom", "3")])
        mb.execute("INSERT INTO tiles VALUES (1, 1, 0, ?)", (b"\x89PNG tile",))  # TMS row 0 = XYZ row 1
    mb.close()
    assert mbtiles_info(path).max_zoom == 3
    reader = MbtilesReader(path)
    assert reader.tile(1, 1, 1) == b"\x89PNG tile" and reader.tile(1, 1, 0) is None
    reader.close()
    choice = basemap_choice("mbtiles", path=str(path))
    assert not choice.online and choice.url.startswith("mbtiles://")
