"""Commitment sheets: a real PDF per feature with its targets and passages, batches, progress and cancel."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from geodata.feature_queries import targets_for
from geodata.passages import passages_mentioning
from geodata.store import connect
from layers.print_render import ExportError
from layers.sheets import SheetStyle, render_sheets, sheet_features

ROOT = Path(__file__).resolve().parents[2]


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.replace("\n", "").replace(" ", "")


def test_sheet_shows_name_passages_targets_and_sources(store, tmp_path):
    out = tmp_path / "yanzihu.pdf"
    result = render_sheets(store, ["ps-yanzihu"], out)
    assert result.sheets == 1 and result.pages == len(PdfReader(out).pages)
    text = pdf_text(out)
    with connect(store) as db:
        passages = passages_mentioning(db, "ps-yanzihu")
        goals = targets_for(db, "ps-yanzihu")
    assert "燕子湖片区" in text
    assert "规划原文" in text and "规划指标" in text
    assert passages and passages[0].is_defining and "★定义" in text
    assert passages[0].text.replace(" ", "")[:20] in text
    assert passages[0].document_title.replace(" ", "")[:12] in text
    for target in goals:
        assert target.indicator.replace(" ", "")[:6] in text
    assert "示意" in text and "来源" in text


def test_blank_target_values_read_not_stated(store, tmp_path):
    with connect(store) as db:
        blank = db.execute(
            "SELECT ft.feature_id FROM feature_targets ft JOIN targets t ON t.id = ft.target_id "
            "WHERE trim(t.value_text) = '' LIMIT 1").fetchone()
    if blank is None:
        pytest.skip("no feature has a target with a blank value in this store")
    out = tmp_path / "blank.pdf"
    render_sheets(store, [blank[0]], out)
    assert "原文未列" in pdf_text(out)


def test_long_passage_lists_are_cut_and_counted(store, tmp_path):
    with connect(store) as db:
        ids = sheet_features(db, "districts")
        busiest = max(ids, key=lambda fid: len(passages_mentioning(db, fid)))
        count = len(passages_mentioning(db, busiest))
    out = tmp_path / "busy.pdf"
    render_sheets(store, [busiest], out, style=SheetStyle(max_passages=3))
    assert count > 3
    assert f"另有{count - 3}段提及" in pdf_text(out)


def test_batch_has_contents_page_and_reports_progress(store, tmp_path):
    with connect(store) as db:
        ids = sheet_features(db, "key_areas", "坪山区")
    assert len(ids) >= 3
    calls = []
    out = tmp_path / "pingshan.pdf"
    result = render_sheets(store, ids, out, progress=lambda done, total: calls.append((done, total)) or True)
    assert calls[0] == (0, len(ids)) and calls[-1] == (len(ids), len(ids))
    reader = PdfReader(out)
    assert len(reader.pages) == result.pages
    contents = reader.pages[0].extract_text().replace(" ", "")
    assert "目录" in contents and "燕子湖片区" in contents


def test_cancel_leaves_no_file(store, tmp_path):
    with connect(store) as db:
        ids = sheet_features(db, "key_areas", "坪山区")
    out = tmp_path / "cancelled.pdf"
    result = render_sheets(store, ids, out, progress=lambda done, total: done < 2)
    assert result.cancelled and not out.exists()


def test_folder_of_sheets(store, tmp_path):
    folder = tmp_path / "sheets"
    result = render_sheets(store, ["ps-yanzihu", "ps-laocheng"], folder)
    assert sorted(p.name for p in folder.iterdir()) == ["ps-laocheng.pdf", "ps-yanzihu.pdf"]
    assert result.files and all(p.exists() for p in result.files)


def test_no_overwrite_without_force(store, tmp_path):
    out = tmp_path / "exists.pdf"
    out.write_bytes(b"keep")
    with pytest.raises(ExportError, match="exists"):
        render_sheets(store, ["ps-yanzihu"], out)
    command = [sys.executable, str(ROOT / "main.py"), "sheets", "--store", str(store), "--layer", "key_areas",
               "--district", "坪山区", "--out", str(out)]
    refused = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert refused.returncode == 1 and "--force" in refused.stderr and out.read_bytes() == b"keep"
    forced = subprocess.run([*command, "--force"], capture_output=True, text=True, cwd=ROOT)
    assert forced.returncode == 0, forced.stderr
    assert "目录" in pdf_text(out)


def test_the_yanzihu_sheet_shows_pingshan_its_boundary_and_name(store):
    """燕子湖片区 lies inside 坪山区: its map reaches 坪山's edge, names 坪山区, veils the areas around it
    and has a legend with the selection outline."""
    import shapely
    from matplotlib import rc_context

    from layers.cjk_text import export_rc
    from layers.feature_sheet import feature_sheet
    from layers.map_scene import load_scene
    from layers.sheets import paginate, sheet_figures, sheet_lines, sheet_map
    from layers.style import SELECTION_LABEL

    with connect(store) as db:
        scene = load_scene(db)
        sheet = feature_sheet(db, "ps-yanzihu")
    pingshan = next(i for i in scene.layers["districts"] if i.info.feature.name == "坪山区")
    longgang = next(i for i in scene.layers["districts"] if i.info.feature.name == "龙岗区")
    style = SheetStyle()
    context = sheet_map(sheet, scene, style)
    assert pingshan.info.feature.id not in context.faint and longgang.info.feature.id in context.faint
    assert SELECTION_LABEL in [entry.label for entry in context.legend]
    with rc_context(export_rc()):
        figure = next(sheet_figures(sheet, scene, paginate(sheet_lines(sheet, scene, style), style), style, context))
    ax = figure.axes[1]
    (west, east), (south, north) = ax.get_xlim(), ax.get_ylim()
    assert pingshan.geometry.boundary.intersects(shapely.box(west, south, east, north))  # its edge is in view
    labels = {t.get_gid(): t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("label:")}
    assert labels.get(f"label:{pingshan.info.feature.id}") == "坪山区"
    assert labels.get("label:ps-yanzihu") == "燕子湖片区"
    legend = [t.get_text() for t in figure.axes[0].texts if t.get_gid() == "legend-entry"]
    assert SELECTION_LABEL in legend
