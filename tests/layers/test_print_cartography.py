"""Print cartography a planner checks by eye: labels that never overlap (in the renderer's boxes and in the PDF
itself), a legend with one entry per look and the selection, 1-2-5 scale bars, and 深汕 in the whole city."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from matplotlib import rc_context

from geodata.store import connect
from layers.cjk_text import export_rc
from layers.legend import legend_entries
from layers.map_scene import load_scene
from layers.print_layout import DEFAULT_LAYERS, MM_PER_INCH, Extent, PageLayout
from layers.print_render import page_figure, render_page
from layers.scale_bar import is_one_two_five, scale_bar_span
from layers.style import SELECTION_LABEL

PT_PER_MM = 72 / MM_PER_INCH
DISTRICTS = ("南山区", "福田区", "罗湖区", "宝安区", "龙岗区", "龙华区", "光明区", "坪山区", "盐田区", "大鹏新区")


@pytest.fixture(scope="module")
def scene(store):
    with connect(store) as db:
        return load_scene(db)


@pytest.fixture(scope="module")
def city(scene, tmp_path_factory) -> tuple:
    """The whole city as the CLI exports it (A4 landscape), as a PDF, with the renderer's report."""
    out = tmp_path_factory.mktemp("city") / "city.pdf"
    return render_page(PageLayout(landscape=True, dpi=150), scene, out), out


def pdf_words(path: Path) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each word pdftotext finds on the first page with its box in points (x0, y0 from the page's top)."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [(text, (float(a), float(b), float(c), float(d))) for a, b, c, d, text in re.findall(pattern, html)]


def overlap(a: tuple, b: tuple, slack: float = 0.0) -> bool:
    return a[0] + slack < b[2] and b[0] + slack < a[2] and a[1] + slack < b[3] and b[1] + slack < a[3]


def test_city_labels_name_every_district_and_never_overlap(city):
    report, _ = city
    texts = [label.text for label in report.labels]
    assert set(DISTRICTS) <= set(texts)
    assert len(texts) > 40  # key areas, lines and stations too, not just districts
    clashes = [(a.text, b.text) for i, a in enumerate(report.labels) for b in report.labels[i + 1:] if a.overlaps(b)]
    assert clashes == []
    box = report.map_box
    for label in report.labels:
        x0, y0, x1, y1 = label.box_mm
        assert box.x - 0.01 <= x0 and x1 <= box.x + box.w + 0.01 and box.y - 0.01 <= y0 and y1 <= box.y + box.h + 0.01


def test_label_words_in_the_pdf_do_not_overlap(city, tmp_path):
    """Read back from the PDF: the labels are real text where the renderer says, and no two overlap."""
    report, path = city
    page_h = PageLayout(landscape=True).page_size_mm[1]
    words = pdf_words(path)
    found = []
    for label in report.labels:
        x0, y0, x1, y1 = label.box_mm
        box_pt = (x0 * PT_PER_MM, (page_h - y1) * PT_PER_MM, x1 * PT_PER_MM, (page_h - y0) * PT_PER_MM)
        hits = [w for text, w in words if text == label.text and overlap(w, box_pt)]
        found += hits[:1]
    assert len(found) >= 0.6 * len(report.labels)  # rotated line names come out of pdftotext in pieces
    clashes = [(a, b) for i, a in enumerate(found) for b in found[i + 1:] if overlap(a, b, slack=0.5)]
    assert clashes == []


def test_each_label_is_drawn_in_the_box_it_was_placed_by(scene):
    """Placing measures a label level and turns that box to each spot's angle: the drawn text's own box is the
    placed one without its margin (the halo's, or the badge's), turned labels included."""
    figure, report = page_figure(PageLayout(landscape=True, dpi=60), scene)
    renderer = figure.canvas.get_renderer()
    px_per_mm = figure.dpi / MM_PER_INCH
    drawn = {t.get_gid().removeprefix("label:"): t for ax in figure.axes for t in ax.texts
             if (t.get_gid() or "").startswith("label:")}
    turned = 0
    for label in report.labels:
        text = drawn[label.feature_id]
        with rc_context(export_rc()):  # measured as placed: unhinted
            box = text.get_window_extent(renderer)
        x0, y0, x1, y1 = (v * px_per_mm for v in label.box_mm)
        assert (x0 + x1) / 2 == pytest.approx((box.x0 + box.x1) / 2, abs=0.01), label.text
        assert (y0 + y1) / 2 == pytest.approx((box.y0 + box.y1) / 2, abs=0.01), label.text
        margin = (x1 - x0) - box.width
        assert margin > 0 and (y1 - y0) - box.height == pytest.approx(margin, abs=0.01), label.text
        turned += text.get_rotation() % 180 != 0
    assert turned  # line names along their lines


def test_png_labels_are_outlines_and_pdf_labels_stay_text_over_a_halo(scene):
    """A PNG's labels draw their halo with their own path effects; a PDF's stay text (searchable) over a halo
    copy beneath them. Metro badges have no halo either way."""
    for raster in (True, False):
        figure, report = page_figure(PageLayout(landscape=True, dpi=60), scene, raster=raster)
        texts = [t for ax in figure.axes for t in ax.texts]
        haloed = [t for t in texts if (t.get_gid() or "").startswith("label:") and t.get_bbox_patch() is None]
        assert len(haloed) > 40
        assert all(bool(t.get_path_effects()) == raster for t in haloed)
        halos = [t for t in texts if t.get_gid() == "label-halo"]
        assert [t.get_text() for t in halos] == ([] if raster else [t.get_text() for t in haloed])


def test_legend_has_one_entry_per_look_and_the_selection(scene):
    entries = legend_entries(scene.in_view(DEFAULT_LAYERS, scene.city_bounds), selected=True)
    looks = [(e.symbol, e.style, e.colours, e.schematic) for e in entries]
    assert len(looks) == len(set(looks)), "two legend entries with the same swatch"
    labels = [(look, e.text()) for look, e in zip(looks, entries, strict=True)]
    assert len(labels) == len(set(labels))
    texts = [e.text() for e in entries]
    assert not ("重点片区与平台（示意）" in texts and any(t.startswith("重点片区") for t in texts if "与" not in t))
    assert any("重点片区" in t and "重大平台" in t for t in texts)  # drawn alike, named together
    assert texts[-1] == SELECTION_LABEL


def test_a_focused_export_lists_the_selection_and_no_duplicates(scene):
    layout = PageLayout(extent=Extent.feature("ps-yanzihu"), highlight="ps-yanzihu", dpi=60)
    _, report = page_figure(layout, scene)
    assert SELECTION_LABEL in report.legend
    assert len(report.legend) == len(set(report.legend))
    _, city_report = page_figure(PageLayout(dpi=60), scene)
    assert SELECTION_LABEL not in city_report.legend


@pytest.mark.parametrize("max_deg", [0.004, 0.009, 0.013, 0.02, 0.035, 0.05, 0.08, 0.13, 0.2, 0.3, 0.5, 0.9])
def test_scale_bars_go_in_1_2_5_steps_with_whole_divisions(max_deg):
    span = scale_bar_span(114.0, 22.6, max_deg)
    assert is_one_two_five(span.length_m)
    numbers = [float(tick) for tick in span.tick_labels]
    assert all(tick.isdigit() for tick in span.tick_labels), span.tick_labels  # 0 5 10, never 0 1.25 2.5
    steps = {b - a for a, b in zip(numbers, numbers[1:])}
    assert numbers[0] == 0 and len(steps) == 1 and is_one_two_five(steps.pop())
    assert span.label == f"{span.tick_labels[-1]} {span.unit}"


def test_the_printed_scale_bar_reads_its_divisions(scene):
    figure, report = page_figure(PageLayout(landscape=True, dpi=60), scene)
    ticks = [t.get_text() for t in figure.axes[1].texts if t.get_gid() == "scale-bar-tick"]
    assert tuple(ticks) == report.scale_bar.tick_labels
    assert report.scale_bar.length_m in (10_000, 20_000)  # a quarter of the city's 80 km


def test_the_whole_city_shows_dapeng_and_shenshan_in_an_inset(scene, city):
    report, path = city
    shenshan = next(i for i in scene.layers["districts"] if i.info.feature.name == "深汕特别合作区")
    dapeng = next(i for i in scene.layers["districts"] if i.info.feature.name == "大鹏新区")
    assert report.outlying == (shenshan.info.feature.id,)
    west, south, east, north = report.map_bounds
    d_west, d_south, d_east, d_north = dapeng.geometry.bounds
    assert west <= d_west and d_east <= east and south <= d_south and d_north <= north
    assert shenshan.geometry.centroid.x > east  # not squeezed into the main frame: in its inset
    words = [text for text, _ in pdf_words(path)]
    assert any(text.startswith("深汕特别合作区") for text in words)
    layout = PageLayout(extent=Extent.feature("ps-yanzihu"), dpi=60)
    assert page_figure(layout, scene)[1].outlying == ()
