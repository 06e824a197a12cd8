"""Commitment sheets: for one feature, a printable page with its map, its targets and the plan text naming it.

QGIS calls this an atlas: one layout iterated over a layer's features. A batch goes into one PDF with a
contents page, or into a folder of one PDF per feature. Long sheets continue on further pages.

    render_sheets(store, ["ps-yanzihu"], "yanzihu.pdf")
    render_sheets(store, sheet_features(db, "key_areas", "坪山区"), "pingshan.pdf", progress=callback)
"""

from __future__ import annotations

import io
import math
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import shapely
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.patches import Rectangle
from shapely.ops import nearest_points

from geodata.feature_queries import features
from geodata.progress import Progress
from layers.cjk_text import export_rc, shorten, wrap
from layers.feature_sheet import FeatureDirectory, FeatureSheet, feature_sheet
from layers.legend import LegendEntry, legend_entries
from layers.map_frame import VECTOR_DPI, Box, draw_map_frame
from layers.map_scene import CITY_LAYER, Bounds, MapScene, StoreSource, fit_aspect, load_scene, opened, pad
from layers.print_layout import DEFAULT_LAYERS, Extent, NorthArrow, PageLayout, ScaleBar
from layers.print_render import PT_TO_MM, ExportError, draw_legend, legend_height, paper_figure, write_atomically
from layers.style import SCHEMATIC_NOTE, layer_title

TARGET_COLUMNS = (("指标", 0.27), ("数值", 0.11), ("单位", 0.08), ("年份", 0.06), ("属性", 0.08), ("来源", 0.40))
CONTEXT_LAYERS = (CITY_LAYER, "neighbours")  # the areas around a sheet's feature, drawn faint but for its own
LEGEND_COLUMNS = 4
LEGEND_SCALE = 0.85  # the sheet's legend is smaller than a page's


@dataclass(frozen=True)
class SheetStyle:
    """Sizes of a sheet page: paper and map box, fonts in points, and how much plan text to print."""

    paper: str = "A4"
    map_height_mm: float = 105.0
    margin_mm: float = 12.0
    text_pt: float = 7.8
    max_passages: int = 6
    passage_em: int = 420  # a longer passage is cut, marked "……"
    layers: tuple[str, ...] = DEFAULT_LAYERS


@dataclass(frozen=True)
class SheetsResult:
    path: Path
    sheets: int  # features written
    pages: int
    cancelled: bool = False
    files: tuple[Path, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Line:
    """One row of the flowing part of a sheet: a heading, a table row or a line of passage text."""

    kind: str  # "heading" | "table-head" | "row" | "text" | "meta" | "gap"
    cells: tuple[tuple[str, ...], ...] = ()  # per column, its wrapped lines (rows); one cell for text
    height: float = 0.0


@dataclass(frozen=True)
class SheetMap:
    """What a sheet's map shows: its extent (the feature and a stretch of its district's boundary), the
    areas drawn faint around it, and the compact legend below it."""

    bounds: Bounds
    faint: frozenset[str]
    legend: tuple[LegendEntry, ...]

    @property
    def legend_mm(self) -> float:
        return legend_height(len(self.legend), LEGEND_COLUMNS, LEGEND_SCALE) if self.legend else 0.0


class SheetCancelled(Exception):
    pass


def sheet_features(db: sqlite3.Connection, layer: str, district: str | None = None) -> list[str]:
    """The ids of a layer's features (optionally those in one district), in store order."""
    infos = features(db, layer)
    return [i.feature.id for i in infos if district is None or district in i.feature.districts]


def render_sheets(store: StoreSource, feature_ids: list[str], out: str | Path, *,
                  style: SheetStyle | None = None, progress: Progress | None = None, overwrite: bool = False,
                  title: str | None = None) -> SheetsResult:
    """Sheets for `feature_ids` into one PDF (out ends in .pdf; a contents page when there are several)
    or a folder of PDFs (any other `out`). `progress(done, total)` returning False cancels: nothing is kept."""
    style = style or SheetStyle()
    out = Path(out)
    to_folder = out.suffix.lower() != ".pdf"
    if not feature_ids:
        raise ExportError("no features to make sheets for; check the layer and district names")
    if out.exists() and not overwrite and (not to_folder or any(out.iterdir())):
        raise ExportError(f"{out} exists already; choose another name or overwrite it (--force).")
    with opened(store) as db:
        scene = load_scene(db)
        directory = FeatureDirectory(db)
        sheets = []
        for fid in feature_ids:
            sheet = feature_sheet(db, fid, directory)
            if sheet is None:
                raise ExportError(f"no feature with id {fid!r} in the store")
            sheets.append(sheet)
    with rc_context(export_rc()):
        if to_folder:
            return _write_folder(sheets, scene, out, style, progress)
        return _write_pdf(sheets, scene, out, style, progress, title)


def _write_pdf(sheets: list[FeatureSheet], scene: MapScene, out: Path, style: SheetStyle,
               progress: Progress | None, title: str | None) -> SheetsResult:
    maps = [sheet_map(sheet, scene, style) for sheet in sheets]
    flows = [paginate(sheet_lines(sheet, scene, style), style, context.legend_mm)
             for sheet, context in zip(sheets, maps, strict=True)]
    contents = _contents_pages(len(sheets), style) if len(sheets) > 1 else 0
    total = contents + sum(len(pages) for pages in flows)
    buffer = io.BytesIO()
    try:
        with PdfPages(buffer, metadata={"Title": title or sheets[0].name}) as pdf:
            starts, page = [], contents + 1
            for pages in flows:
                starts.append(page)
                page += len(pages)
            if contents:
                for figure in contents_figures(sheets, starts, style, title, total):
                    pdf.savefig(figure)
            for index, (sheet, pages) in enumerate(zip(sheets, flows, strict=True)):
                _report(progress, index, len(sheets))
                for number, figure in enumerate(sheet_figures(sheet, scene, pages, style, maps[index])):
                    _page_number(figure, starts[index] + number, total, style)
                    pdf.savefig(figure)
            _report(progress, len(sheets), len(sheets))
    except SheetCancelled:
        return SheetsResult(out, 0, 0, cancelled=True)
    write_atomically(out, buffer.getvalue())
    return SheetsResult(out, len(sheets), total, files=(out,))


def _write_folder(sheets: list[FeatureSheet], scene: MapScene, out: Path, style: SheetStyle,
                  progress: Progress | None) -> SheetsResult:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"cannot create the folder {out}: {error.strerror}") from error
    written, pages_total = [], 0
    try:
        for index, sheet in enumerate(sheets):
            _report(progress, index, len(sheets))
            context = sheet_map(sheet, scene, style)
            pages = paginate(sheet_lines(sheet, scene, style), style, context.legend_mm)
            buffer = io.BytesIO()
            with PdfPages(buffer, metadata={"Title": sheet.name}) as pdf:
                for number, figure in enumerate(sheet_figures(sheet, scene, pages, style, context)):
                    _page_number(figure, number + 1, len(pages), style)
                    pdf.savefig(figure)
            path = out / f"{safe_name(sheet.id)}.pdf"
            write_atomically(path, buffer.getvalue())
            written.append(path)
            pages_total += len(pages)
        _report(progress, len(sheets), len(sheets))
    except SheetCancelled:
        return SheetsResult(out, len(written), pages_total, cancelled=True, files=tuple(written))
    return SheetsResult(out, len(written), pages_total, files=tuple(written))


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise SheetCancelled


def safe_name(text: str) -> str:
    """A file name that is valid on Windows too."""
    return re.sub(r'[<>:"/\\|?*\x00-\x1f]', "_", text).strip(". ") or "sheet"


# --- what a sheet says -------------------------------------------------------------------------------------


def _line_mm(style: SheetStyle, factor: float = 1.0) -> float:
    return style.text_pt * factor * PT_TO_MM * 1.5


def _text_width_mm(style: SheetStyle) -> float:
    from layers.print_layout import PAPER_SIZES_MM

    return PAPER_SIZES_MM[style.paper][0] - 2 * style.margin_mm


def sheet_lines(sheet: FeatureSheet, scene: MapScene, style: SheetStyle) -> list[Line]:
    """The flowing part of a sheet (below the map) as lines of known height, ready to paginate."""
    em = style.text_pt * PT_TO_MM
    width = _text_width_mm(style)
    lines: list[Line] = []
    lines.append(Line("heading", ((f"规划指标（{len(sheet.targets)} 项）",),), _line_mm(style, 1.5)))
    if sheet.targets:
        lines.append(Line("table-head", tuple((name,) for name, _ in TARGET_COLUMNS), _line_mm(style) + 1))
        for row in sheet.targets:
            values = (row.indicator, row.value, row.unit, row.year, row.binding, row.source)
            cells = tuple(tuple(wrap(value, share * width / em - 1)) for value, (_, share) in
                          zip(values, TARGET_COLUMNS, strict=True))
            lines.append(Line("row", cells, max(len(c) for c in cells) * _line_mm(style) + 1))
    else:
        lines.append(Line("meta", (("规划文本未给出与本要素直接关联的数值指标。",),), _line_mm(style)))
    lines.append(Line("gap", height=3))
    passages = sheet.passages
    lines.append(Line("heading", ((f"规划原文（{len(passages)} 段提及）",),), _line_mm(style, 1.5)))
    for item in passages[: style.max_passages]:
        flag = "★ 定义 " if item.is_defining else ""
        source = f"{flag}《{item.document_title}》 › {item.section_path}"
        for part in wrap(source, width / em / 0.9):
            lines.append(Line("meta", ((part,),), _line_mm(style, 0.9)))
        for part in wrap(shorten(item.text, style.passage_em), width / em):
            lines.append(Line("text", ((part,),), _line_mm(style)))
        lines.append(Line("gap", height=1.5))
    hidden = len(passages) - style.max_passages
    if hidden > 0:
        lines.append(Line("meta", ((f"另有 {hidden} 段提及本要素，未列出；完整内容见程序的规划阅读器。",),),
                          _line_mm(style)))
    if not passages:
        lines.append(Line("meta", (("规划文本中未找到提及本要素的段落。",),), _line_mm(style)))
    lines.append(Line("gap", height=3))
    lines.append(Line("heading", (("来源",),), _line_mm(style, 1.3)))
    notes = [f"几何：{sheet.source}" if sheet.source else "", f"说明：{sheet.note}" if sheet.note else "",
             SCHEMATIC_NOTE if sheet.schematic else ""]
    for note in filter(None, notes):
        for part in wrap(note, width / em / 0.9):
            lines.append(Line("meta", ((part,),), _line_mm(style, 0.9)))
    return lines


def _page_area(style: SheetStyle, first: bool, legend_mm: float = 0.0) -> float:
    from layers.print_layout import PAPER_SIZES_MM

    height = PAPER_SIZES_MM[style.paper][1] - 2 * style.margin_mm - 8  # page number line
    return height - (_header_mm(style) + style.map_height_mm + 4 + legend_mm if first else _header_mm(style))


def _header_mm(style: SheetStyle) -> float:
    return 16 * PT_TO_MM * 1.4 + _line_mm(style) + 4


def paginate(lines: list[Line], style: SheetStyle, legend_mm: float = 0.0) -> list[list[Line]]:
    """Lines split into pages (the first below the map and its legend of `legend_mm`); a heading or table
    head never ends a page, a continued table repeats its head."""
    pages: list[list[Line]] = [[]]
    room = _page_area(style, first=True, legend_mm=legend_mm)
    head: Line | None = None
    for index, line in enumerate(lines):
        if line.kind == "table-head":
            head = line
        elif line.kind == "heading":
            head = None
        need = line.height
        if line.kind in ("heading", "table-head") and index + 1 < len(lines):
            need += lines[index + 1].height
        if need > room and pages[-1]:
            pages.append([])
            room = _page_area(style, first=False)
            if line.kind == "row" and head is not None:
                pages[-1].append(head)
                room -= head.height
            if line.kind == "gap":
                continue
        pages[-1].append(line)
        room -= line.height
    return pages


# --- drawing -----------------------------------------------------------------------------------------------


def sheet_layout(sheet: FeatureSheet, style: SheetStyle) -> PageLayout:
    return PageLayout(paper=style.paper, dpi=150, extent=Extent.feature(sheet.id), title=sheet.name,
                      layers=style.layers, highlight=sheet.id, scale_bar=ScaleBar(max_fraction=0.3),
                      north_arrow=NorthArrow(size_mm=9), margin_mm=style.margin_mm)


def sheet_map(sheet: FeatureSheet, scene: MapScene, style: SheetStyle) -> SheetMap:
    """The sheet's map: the feature with the stretch of its district's boundary nearest to it (a sheet of
    燕子湖片区 shows where 坪山区 ends), the other districts and neighbouring cities faint, and a legend of
    what is in the frame with the selection outline."""
    item = scene.find(sheet.id)
    layers = tuple(name for name in style.layers if name in scene.layers)
    if item is None:
        return SheetMap(scene.city_bounds, frozenset(), ())
    own = scene.districts_of(item)
    bounds = context_bounds(item.geometry, [d.geometry for d in own])
    keep = {d.info.feature.id for d in own} | {item.info.feature.id}
    faint = frozenset(i.info.feature.id for name in CONTEXT_LAYERS for i in scene.layers.get(name, ())
                      if i.info.feature.id not in keep)
    page_w = sheet_layout(sheet, style).page_size_mm[0] - 2 * style.margin_mm
    frame = fit_aspect(bounds, page_w, style.map_height_mm)
    entries = legend_entries(scene.in_view(layers, frame), selected=True)
    return SheetMap(bounds, faint, tuple(entries))


def context_bounds(geometry: shapely.Geometry, districts: list[shapely.Geometry], padding: float = 0.35) -> Bounds:
    """The feature's bounds padded, grown where needed to take in the nearest point of each district's
    boundary it lies inside, with a margin beyond it, so the map shows the district's edge."""
    west, south, east, north = pad(geometry.bounds, padding)
    for district in districts:
        if not district.contains(shapely.box(west, south, east, north)):
            continue
        near, _ = nearest_points(district.boundary, geometry)
        margin = max(east - west, north - south) * 0.15
        west, south = min(west, near.x - margin), min(south, near.y - margin)
        east, north = max(east, near.x + margin), max(north, near.y + margin)
    return west, south, east, north


def sheet_figures(sheet: FeatureSheet, scene: MapScene, pages: list[list[Line]], style: SheetStyle,
                  context: SheetMap | None = None):
    """One figure per page of the sheet (the caller saves them)."""
    context = context or sheet_map(sheet, scene, style)
    layout = sheet_layout(sheet, style)
    page_w, page_h = layout.page_size_mm
    m = style.margin_mm
    width = page_w - 2 * m
    for number, lines in enumerate(pages):
        figure, paper = paper_figure(layout)
        top = page_h - m
        name = sheet.name if number == 0 else f"{sheet.name}（续）"
        paper.text(m, top, name, ha="left", va="top", fontsize=16, gid="sheet-title")
        facts = " · ".join(filter(None, (sheet.kind, sheet.districts, sheet.measure,
                                          "示意" if sheet.schematic else sheet.accuracy_label)))
        paper.text(page_w - m, top - 1, facts, ha="right", va="top", fontsize=style.text_pt, color="#555555")
        y = top - _header_mm(style)
        paper.plot([m, page_w - m], [y + 2, y + 2], color="#999999", linewidth=0.6)
        if number == 0:
            box = Box(m, y - style.map_height_mm, width, style.map_height_mm)
            draw_map_frame(figure, layout, scene, box, resolution_dpi=VECTOR_DPI, faint=context.faint,
                           bounds=context.bounds)
            if context.legend:
                legend_box = Box(m, box.y - 1 - context.legend_mm, width, context.legend_mm)
                draw_legend(paper, list(context.legend), legend_box, layout, LEGEND_SCALE, LEGEND_COLUMNS,
                            framed=False)
            y = box.y - 4 - context.legend_mm
        for line in lines:
            draw_line(paper, line, m, y, width, style)
            y -= line.height
        yield figure


def draw_line(paper: Axes, line: Line, x: float, y: float, width: float, style: SheetStyle) -> None:
    size = style.text_pt
    step = _line_mm(style)
    if line.kind == "heading":
        paper.text(x, y, line.cells[0][0], ha="left", va="top", fontsize=size * 1.25, color="#7b241c")
    elif line.kind in ("meta", "text"):
        factor = 0.9 if line.kind == "meta" else 1.0
        paper.text(x, y, line.cells[0][0], ha="left", va="top", fontsize=size * factor,
                   color="#555555" if line.kind == "meta" else "black")
    elif line.kind in ("row", "table-head"):
        if line.kind == "table-head":
            paper.add_artist(Rectangle((x, y - line.height), width, line.height, facecolor="#eeeeee",
                                       edgecolor="none"))
        left = x
        for cell, (_, share) in zip(line.cells, TARGET_COLUMNS, strict=True):
            for i, part in enumerate(cell):
                paper.text(left + 0.8, y - 0.5 - i * step, part, ha="left", va="top", fontsize=size)
            left += share * width
        paper.plot([x, x + width], [y - line.height, y - line.height], color="#cccccc", linewidth=0.4)


def _page_number(figure, number: int, total: int, style: SheetStyle) -> None:
    paper = figure.axes[0]
    page_w = paper.get_xlim()[1]
    paper.text(page_w / 2, style.margin_mm - 4, f"第 {number} 页 / 共 {total} 页", ha="center", va="bottom",
               fontsize=style.text_pt * 0.9, color="#777777")


def _contents_pages(count: int, style: SheetStyle) -> int:
    return max(1, math.ceil(count / _contents_rows(style)))


def _contents_rows(style: SheetStyle) -> int:
    return int((_page_area(style, first=False) - 10) / _line_mm(style, 1.2))


def contents_figures(sheets: list[FeatureSheet], starts: list[int], style: SheetStyle, title: str | None,
                     total: int):
    layout = PageLayout(paper=style.paper, dpi=150)
    page_w, page_h = layout.page_size_mm
    m = style.margin_mm
    rows = _contents_rows(style)
    heading = title or f"{sheets[0].layer} 承诺清单"
    for page in range(_contents_pages(len(sheets), style)):
        figure, paper = paper_figure(layout)
        paper.text(m, page_h - m, f"{heading} · 目录", ha="left", va="top", fontsize=16, gid="contents-title")
        y = page_h - m - _header_mm(style)
        for sheet, start in list(zip(sheets, starts, strict=True))[page * rows:(page + 1) * rows]:
            paper.text(m, y, sheet.name, ha="left", va="top", fontsize=style.text_pt * 1.1)
            paper.text(m + 95, y, " · ".join(filter(None, (sheet.kind, sheet.districts))), ha="left", va="top",
                       fontsize=style.text_pt, color="#555555")
            paper.text(page_w - m, y, str(start), ha="right", va="top", fontsize=style.text_pt * 1.1)
            y -= _line_mm(style, 1.2)
        _page_number(figure, page + 1, total, style)
        yield figure


def layer_sheet_title(layer: str, district: str | None) -> str:
    return f"{district or '深圳市'}{layer_title(layer)}承诺清单"
