"""The one export entry point (layers/export.py) that the command line and the export dialog both call."""

from __future__ import annotations

import pytest
from PIL import Image

from geodata.store import connect
from layers import print_render
from layers.export import FORMATS, export, format_for
from layers.export_options import ExportOptions
from layers.map_scene import load_scene
from layers.print_layout import Extent, PageLayout
from layers.print_render import ExportError


@pytest.mark.parametrize("name, fmt", [("a.png", "png"), ("A.PDF", "pdf"), ("x/y.svg", "svg"), ("m.html", "html"),
                                       ("a.bmp", None), ("plain", None), ("a.png.part", None)])
def test_the_file_ending_names_the_format(name, fmt):
    assert format_for(name) == fmt


def test_the_formats_are_the_print_renderers_and_html():
    assert (*print_render.FORMATS, "html") == FORMATS


def test_png_export_reports_its_two_steps(either_store, tmp_path):
    seen = []
    out = export(either_store, ExportOptions(dpi=50), tmp_path / "city.png",
                 progress=lambda done, total: seen.append(done))
    assert out == tmp_path / "city.png" and seen == [1, 2]
    assert Image.open(out).size == PageLayout(dpi=50).pixel_size


def test_html_export_of_a_feature_takes_its_name(either_store, tmp_path):
    with connect(either_store) as db:
        out = export(db, ExportOptions(extent=Extent.feature("ps-yanzihu"), layers=("key_areas",)),
                     tmp_path / "yanzihu.HTML")
    page = out.read_text(encoding="utf-8")
    assert "<title>燕子湖片区</title>" in page and "ps-yanzihu" in page


def test_a_given_scene_is_not_read_again(store, tmp_path):
    with connect(store) as db:
        scene = load_scene(db)
    out = export(tmp_path / "no-store-here.gpkg", ExportOptions(dpi=50), tmp_path / "page.svg", scene=scene)
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_existing_files_and_unknown_endings_are_refused_before_any_work(tmp_path):
    kept = tmp_path / "kept.pdf"
    kept.write_bytes(b"mine")
    with pytest.raises(ExportError, match="exists already"):
        export(tmp_path / "no-store-here.gpkg", ExportOptions(), kept)
    assert kept.read_bytes() == b"mine"
    with pytest.raises(ExportError, match=r"\.png, \.pdf, \.svg or \.html"):
        export(tmp_path / "no-store-here.gpkg", ExportOptions(), tmp_path / "map.bmp")
