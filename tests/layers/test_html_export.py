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
def page(either_store) -> str:
    with connect(either_store) as db:
        return export_html(db, HtmlExport(title="深圳 <规划> & 地图", focus="ps-yanzihu"))


def test_nothing_is_fetched_from_the_network(page):
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=", page)
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page)
    assert not re.search(r"url\(\s*['\"]?https?:", page)
    urls = set(re.findall(r"https?://[^\s\"'<>)]*", page))
    assert urls <= {"http://www.w3.org/2000/svg"}  # an XML namespace name, not a request
    assert "L.map(" in page and "leaflet-container" in page  # Leaflet itself is inlined


def export_data_of(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="plan-map-data">(.*?)</script>', page,
                                re.S).group(1))


def test_title_and_names_are_escaped(page, store):
    assert "<title>深圳 &lt;规划&gt; &amp; 地图</title>" in page
    data = export_data_of(page)
    names = {f["properties"]["name"] for c in data["collections"].values() for f in c["features"]}
    assert "燕子湖片区" in names
    assert "<h3>燕子湖片区</h3>" in data["popups"]["ps-yanzihu"]


def test_popup_has_defining_passage_and_targets(either_store):
    with connect(either_store) as db:
        info = next(i for i in features(db, "key_areas") if i.feature.id == "ps-yanzihu")
        popup = popup_html(db, info)
    assert "定义" in popup and "燕子湖片区" in popup and "示意" in popup


def test_markup_in_a_name_is_escaped(store):
    from dataclasses import replace

    with connect(store) as db:
        info = next(i for i in features(db, "key_areas") if i.feature.id == "ps-yanzihu")
        evil = replace(info, feature=replace(info.feature, name='<img src=x onerror="alert(1)">'))
        popup = popup_html(db, evil)
    assert "<img" not in popup and "<h3>&lt;img src=x onerror=" in popup
    assert '<h3><img src=x onerror="alert(1)"></h3>' in html.unescape(popup)


def test_script_data_cannot_close_the_script(store):
    hostile = "</script><script>alert(1)</script>"
    with connect(store) as db:
        page = export_html(db, HtmlExport(title=hostile,
                                          basemap_url="https://tiles.example/{z}/{x}/{y}.png?" + hostile))
    data_block = re.search(r'id="plan-map-data">(.*?)</script>', page, re.S).group(1)
    assert "</script" not in data_block and "alert(1)" in data_block
    assert export_data_of(page)["basemap"]["url"].endswith(hostile)  # the text survives as data
    assert "<script>alert(1)" not in page
    assert f"<title>{html.escape(hostile, quote=False)}</title>" in page


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


def test_export_draws_with_the_window_pages_code_and_styles(page, store, tmp_path):
    """One front end: the export inlines resources/web/plan_map.js and .css, the files the window's page
    loads, and carries the window's page data (styles included) for its layers."""
    from layers.page import MAP_CSS, MAP_JS, WEB_ASSETS, page_data, write_page

    assert MAP_JS.read_text(encoding="utf-8") in page and MAP_CSS.read_text(encoding="utf-8") in page
    with connect(store) as db:
        window = write_page(db, tmp_path / "page")
        window_data = page_data(db)
    for asset in WEB_ASSETS:
        assert (window.path.parent / asset.name).read_bytes() == asset.read_bytes()
    start = "<script>PlanMap.start('map');</script>"
    assert start in page and start in window.path.read_text(encoding="utf-8")
    data = export_data_of(page)
    assert data["styles"] == {name: window_data["styles"][name] for name in data["styles"]}
    assert set(data["styles"]["key_areas"]["base"]) == {"stroke", "fill", "fillOpacity", "width", "radius", "dash",
                                                         "casing", "casingWidth"}
    for key in ("basemapLayers", "sea", "land", "highlight", "schematicDash", "centre", "zoom", "minZoom",
                "maxZoom"):
        assert data[key] == window_data.get(key, data[key])
    assert data["renderer"] == "svg" and data["focus"] == "ps-yanzihu"


@pytest.fixture
def export_view(qtbot):
    """A QWebEngineView on an off-the-record profile that records every request and lets none leave."""
    webengine = pytest.importorskip("PySide6.QtWebEngineWidgets")
    import shiboken6
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineUrlRequestInterceptor
    from PySide6.QtWidgets import QApplication

    class Recorder(QWebEngineUrlRequestInterceptor):
        def __init__(self) -> None:
            super().__init__()
            self.urls: list[str] = []

        def interceptRequest(self, info) -> None:  # noqa: N802 (Qt's name)
            self.urls.append(info.requestUrl().toString())
            if info.requestUrl().scheme() not in ("file", "data", "qrc"):
                info.block(True)

    class Page(QWebEnginePage):
        def __init__(self, profile, parent) -> None:
            super().__init__(profile, parent)
            self.errors: list[str] = []

        def javaScriptConsoleMessage(self, level, message, line, source) -> None:  # noqa: N802
            if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
                self.errors.append(f"{line}: {message}")

    profile = QWebEngineProfile(QApplication.instance())
    recorder = Recorder()
    profile.setUrlRequestInterceptor(recorder)
    view = webengine.QWebEngineView()
    page = Page(profile, view)
    view.setPage(page)
    view.recorder = recorder
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    yield view
    view.close()
    shiboken6.delete(page)
    shiboken6.delete(profile)


def _run_js(qtbot, view, script: str):
    result = []
    view.page().runJavaScript(script, 0, result.append)
    qtbot.waitUntil(lambda: bool(result), timeout=5000)
    return result[0]


def test_exported_file_draws_its_features_in_a_browser(qtbot, export_view, page, tmp_path):
    """The file as a user opens it: every feature drawn as an SVG path (schematic ones dashed, the focus
    highlighted), the place labels, the focus feature's popup open, and no request beyond the file."""
    from PySide6.QtCore import QUrl

    from layers.style import HIGHLIGHT_COLOUR

    out = tmp_path / "map.html"
    out.write_text(page, encoding="utf-8")
    export_view.setUrl(QUrl.fromLocalFile(str(out)))
    qtbot.waitUntil(lambda: _run_js(qtbot, export_view, "!!window.planMapReady") is True, timeout=20000)
    drawn = json.loads(_run_js(qtbot, export_view, """JSON.stringify({
        paths: Array.prototype.map.call(document.querySelectorAll('.leaflet-overlay-pane svg path'),
            function (p) { return [p.getAttribute('stroke'), p.getAttribute('stroke-dasharray')]; }),
        counts: JSON.parse(PlanMap.visibleCounts()),
        labels: document.querySelectorAll('.plan-map-label').length,
        popup: (document.querySelector('.leaflet-popup-content') || {}).textContent || '',
        title: document.querySelector('header').textContent,
        selected: PlanMap.selectedId()})"""))
    features = sum(drawn["counts"].values())
    assert features > 100 and len(drawn["paths"]) >= features
    assert any(dash == "6,4" for _, dash in drawn["paths"])  # schematic outlines are dashed
    assert [HIGHLIGHT_COLOUR, "6,4"] in drawn["paths"]  # the focus, 燕子湖片区, is highlighted
    assert drawn["labels"] > 5
    assert drawn["popup"].startswith("燕子湖片区") and "定义" in drawn["popup"] and drawn["selected"] == "ps-yanzihu"
    assert drawn["title"] == "深圳 <规划> & 地图"
    assert export_view.page().errors == []
    assert all(url.startswith(("file:", "data:")) for url in export_view.recorder.urls), export_view.recorder.urls
