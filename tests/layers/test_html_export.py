"""The HTML export: one offline file, Leaflet inlined, popups with passages and targets, all text escaped."""

from __future__ import annotations

import html
import json
import re

import pytest

from geodata.feature_queries import features
from geodata.store import connect
from layers.html_export import HtmlExport, export_html, popup_html, write_html
from layers.print_render import ExportError


@pytest.fixture(scope="module")
def page(store) -> str:
    with connect(store) as db:
        return export_html(db, HtmlExport(title="深圳 <规划> & 地图", focus="ps-yanzihu"))


def test_nothing_is_fetched_from_the_network(page):
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=", page)
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page)
    assert not re.search(r"url\(\s*['\"]?https?:", page)
    urls = set(re.findall(r"https?://[^\s\"'<>)]*", page))
    assert urls <= {"http://www.w3.org/2000/svg"}  # an XML namespace name, not a request
    assert "L.map(" in page and "leaflet-container" in page  # Leaflet itself is inlined


def test_title_and_names_are_escaped(page, store):
    assert "<title>深圳 &lt;规划&gt; &amp; 地图</title>" in page
    data = json.loads(re.search(r'<script type="application/json" id="plan-data">(.*?)</script>', page,
                                re.S).group(1))
    names = {f["properties"]["name"] for c in data["collections"].values() for f in c["features"]}
    assert "燕子湖片区" in names
    assert "<h3>燕子湖片区</h3>" in data["popups"]["ps-yanzihu"]


def test_popup_has_defining_passage_and_targets(store):
    with connect(store) as db:
        info = next(i for i in features(db, "key_areas") if i.feature.id == "ps-yanzihu")
        popup = popup_html(db, info)
    assert "定义" in popup and "燕子湖片区" in popup and "示意" in popup


def test_markup_in_a_name_is_escaped(store):
    from dataclasses import replace

    with connect(store) as db:
        info = next(i for i in features(db, "key_areas") if i.feature.id == "ps-yanzihu")
        evil = replace(info, feature=replace(info.feature, name='<img src=x onerror="alert(1)">'))
        popup = popup_html(db, evil)
    assert "<img" not in popup and html.escape('<img src=x onerror="alert(1)">') in popup


def test_script_data_cannot_close_the_script(store):
    with connect(store) as db:
        page = export_html(db, HtmlExport(title="</script><script>alert(1)</script>"))
    data_block = re.search(r'id="plan-data">(.*?)</script>', page, re.S).group(1)
    assert "</script" not in data_block and "alert(1)" in data_block


def test_online_basemap_only_when_chosen(store):
    with connect(store) as db:
        page = export_html(db, HtmlExport(basemap_url="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                                          basemap_attribution="© OpenStreetMap"))
        assert "tile.openstreetmap.org" in page
        with pytest.raises(ExportError):
            export_html(db, HtmlExport(basemap_url="javascript:alert(1)"))


def test_file_is_written_once(store, tmp_path):
    out = tmp_path / "map.html"
    with connect(store) as db:
        write_html(db, out, HtmlExport(layers=("districts", "key_areas")))
        assert out.stat().st_size > 100_000
        with pytest.raises(ExportError, match="exists"):
            write_html(db, out, HtmlExport())
