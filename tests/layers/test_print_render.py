"""The print renderer writes real PNG/PDF/SVG files from a real store: sizes, text, legend, scale bar."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from layers.map_scene import load_scene
from layers.print_layout import Extent, LayoutError, OverviewInset, PageLayout
from layers.print_render import ExportError, page_figure, render_bytes, render_page
from layers.scale_bar import ground_distance_m, round_length_m, scale_bar_span
from layers.style import SCHEMATIC_NOTE

ROOT = Path(__file__).resolve().parents[2]
TITLE = "深圳市重点片区示意图"


@pytest.fixture(scope="module")
def scene(store):
    from geodata.store import connect

    with connect(store) as db:
        return load_scene(db)


def test_png_is_paper_size_times_dpi_and_not_blank(scene, tmp_path):
    layout = PageLayout(paper="A4", dpi=150, title=TITLE)
    out = tmp_path / "city.png"
    report = render_page(layout, scene, out)
    image = Image.open(out)
    assert image.size == layout.pixel_size == report.pixel_size == (1240, 1754)
    colours = image.convert("RGB").resize((200, 280)).getcolors(maxcolors=100_000)
    assert len(colours) > 50


def test_a4_at_300_dpi_is_2480_by_3508():
    assert PageLayout(dpi=300).pixel_size == (2480, 3508)
    assert PageLayout(paper="A3", landscape=True, dpi=100).pixel_size == (1654, 1169)


def test_pdf_has_real_chinese_text_legend_sources_and_schematic_note(scene, tmp_path):
    out = tmp_path / "city.pdf"
    report = render_page(PageLayout(title=TITLE, subtitle="全市", review_number="粤S(2025)001号"), scene, out)
    text = PdfReader(out).pages[0].extract_text().replace("\n", "").replace(" ", "")
    assert TITLE in text
    for entry in ("图例", "地铁", "重点片区", "行政区"):
        assert entry in text
    assert "资料来源" in text and scene.documents[0].replace(" ", "")[:10] in text
    assert SCHEMATIC_NOTE.replace(" ", "")[:12] in text
    assert "审图号" in text and "制图日期" in text
    assert "地铁（示意）" in report.legend
    fonts = {str(font) for page in PdfReader(out).pages for font in _font_names(page)}
    assert any("WenQuanYi" in font or "Noto" in font or "CJK" in font for font in fonts)


def _font_names(page):
    resources = page["/Resources"]["/Font"]
    return [resources[name].get_object()["/BaseFont"] for name in resources]


def test_pdftotext_reads_the_title(scene, tmp_path):
    out = tmp_path / "city.pdf"
    render_page(PageLayout(title=TITLE), scene, out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert TITLE in text


def test_svg_keeps_the_chinese_title_as_text(scene, tmp_path):
    out = tmp_path / "city.svg"
    render_page(PageLayout(title=TITLE), scene, out)
    svg = out.read_text(encoding="utf-8")
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert TITLE in texts


def test_legend_lists_visible_layers_only(scene):
    layout = PageLayout(layers=("districts", "transport_lines"))
    import matplotlib.pyplot as plt

    figure, report = page_figure(layout, scene)
    plt.close(figure)
    assert "行政区" in report.legend
    assert not any("重点片区" in entry or "站点" in entry for entry in report.legend)


def test_scale_bar_length_is_true_in_metres(scene):
    import matplotlib.pyplot as plt

    figure, report = page_figure(PageLayout(), scene)
    segments = [a for a in figure.axes[1].patches if a.get_gid() == "scale-bar-segment"]
    drawn_deg = sum(patch.get_width() for patch in segments)
    x0 = min(patch.get_x() for patch in segments)
    plt.close(figure)
    span = report.scale_bar
    assert drawn_deg == pytest.approx(span.span_deg)
    from pyproj import Geod

    _, _, metres = Geod(ellps="WGS84").inv(x0, span.latitude, x0 + drawn_deg, span.latitude)
    assert metres == pytest.approx(span.length_m, rel=0.01)
    west, _, east, _ = report.map_bounds
    assert drawn_deg <= (east - west) * 0.25


@pytest.mark.parametrize("max_m, expected", [(37_000, 20_000), (9_999, 5_000), (1_000, 1_000), (180, 100)])
def test_scale_bar_picks_round_lengths(max_m, expected):
    assert round_length_m(max_m) == expected


@pytest.mark.parametrize("lat", [0.0, 22.6, 45.0])
def test_the_bar_length_along_its_parallel_is_the_geodesic_for_a_city_span(lat):
    from pyproj import Geod

    for span in (0.05, 0.3):  # a district's bar to the whole city's
        _, _, metres = Geod(ellps="WGS84").inv(114.0, lat, 114.0 + span, lat)
        assert ground_distance_m(114.0, lat, span) == pytest.approx(metres, rel=1e-6)


def test_scale_bar_span_differs_with_latitude():
    low, high = scale_bar_span(114.0, 0.0, 0.1), scale_bar_span(114.0, 60.0, 0.1)
    assert ground_distance_m(114.0, 60.0, high.span_deg) == pytest.approx(high.length_m, rel=1e-6)
    assert high.span_deg / high.length_m > low.span_deg / low.length_m * 1.9


def test_focus_with_overview_and_landscape(scene, tmp_path):
    layout = PageLayout(landscape=True, dpi=72, extent=Extent.feature("ps-yanzihu"), highlight="ps-yanzihu",
                        overview=OverviewInset(visible=True), title="燕子湖片区")
    png = render_bytes(layout, scene, "png")
    assert Image.open(io.BytesIO(png)).size == layout.pixel_size
    figure, report = page_figure(layout, scene)
    west, south, east, north = report.map_bounds
    assert west < 114.4 < east and south < 22.7 < north
    assert report.scale_bar.length_m < 10_000


def test_layout_errors_are_clear():
    with pytest.raises(LayoutError, match="paper"):
        PageLayout(paper="B5")
    with pytest.raises(LayoutError, match="dpi"):
        PageLayout(dpi=5)
    with pytest.raises(LayoutError):
        Extent.view((114.5, 22.5, 114.0, 22.7))


def test_render_page_refuses_to_overwrite_when_asked(scene, tmp_path):
    out = tmp_path / "x.png"
    out.write_bytes(b"keep")
    with pytest.raises(ExportError, match="exists"):
        render_page(PageLayout(dpi=50), scene, out, overwrite=False)
    assert out.read_bytes() == b"keep"
    with pytest.raises(ExportError, match=".png, .pdf or .svg"):
        render_page(PageLayout(dpi=50), scene, tmp_path / "x.bmp")


def run_main(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          cwd=ROOT)


def test_command_line_export_never_overwrites_without_force(store, tmp_path):
    out = tmp_path / "city.png"
    first = run_main("export", "--store", str(store), "--out", str(out), "--dpi", "60")
    assert first.returncode == 0, first.stderr
    before = out.read_bytes()
    again = run_main("export", "--store", str(store), "--out", str(out), "--dpi", "61")
    assert again.returncode == 1 and "--force" in again.stderr
    assert out.read_bytes() == before
    forced = run_main("export", "--store", str(store), "--out", str(out), "--dpi", "61", "--force")
    assert forced.returncode == 0, forced.stderr
    assert Image.open(out).size == PageLayout(dpi=61, landscape=True).pixel_size  # the city is wider than tall


def test_command_line_export_of_a_feature_is_portrait_unless_asked(store, tmp_path):
    tall, wide = tmp_path / "tall.png", tmp_path / "wide.png"
    focus = ("--store", str(store), "--dpi", "50", "--focus", "燕子湖片区")
    assert run_main("export", "--out", str(tall), *focus).returncode == 0
    assert Image.open(tall).size == PageLayout(dpi=50).pixel_size
    assert run_main("export", "--out", str(wide), *focus, "--landscape").returncode == 0
    assert Image.open(wide).size == PageLayout(dpi=50, landscape=True).pixel_size


def test_command_line_export_focus_unknown_name(store, tmp_path):
    result = run_main("export", "--store", str(store), "--out", str(tmp_path / "a.pdf"), "--focus", "不存在的地方")
    assert result.returncode == 3 and "error:" in result.stderr
    assert not (tmp_path / "a.pdf").exists()
