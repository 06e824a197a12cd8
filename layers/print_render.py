"""The print renderer: draws a PageLayout with matplotlib into PNG, vector PDF or SVG. Qt-free, headless.

Everything on the page is placed in millimetres on a "paper" axes spanning the whole figure; the map is an
axes in WGS 84 degrees inside it. Text stays text in PDF/SVG, in an embedded CJK TrueType font.

    render_page(layout, store, "map.pdf")        # a file; the format follows the suffix
    render_bytes(layout, store, "png")           # bytes, e.g. for a dialog's live preview
"""

from __future__ import annotations

import io
import math
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless: never pick a GUI backend, whatever the environment says

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.artist import Artist  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Polygon as MplPolygon  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from layers.cjk_text import export_rc, wrap  # noqa: E402
from layers.legend import LegendEntry, legend_entries  # noqa: E402
from layers.map_drawing import DASH_PT, PX_TO_PT, draw_scene, place_labels, setup_axes  # noqa: E402
from layers.map_scene import Bounds, MapScene, fit_aspect, scene_from  # noqa: E402
from layers.print_layout import MM_PER_INCH, LayoutError, PageLayout  # noqa: E402
from layers.scale_bar import ScaleBarSpan, scale_bar_span  # noqa: E402
from layers.style import SCHEMATIC_NOTE, layer_style  # noqa: E402

FORMATS = ("png", "pdf", "svg")
PT_TO_MM = MM_PER_INCH / 72
Store = str | Path | sqlite3.Connection | MapScene


class ExportError(ValueError):
    """An export that cannot be written (existing file, unknown format, unwritable folder)."""


@dataclass(frozen=True)
class Box:
    """A rectangle on the page in millimetres from the lower-left corner."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class PageReport:
    """What was drawn, for the caller and the tests: the map's extent, the scale bar, the legend."""

    map_bounds: Bounds
    map_box: Box
    scale_bar: ScaleBarSpan | None
    legend: tuple[str, ...]
    schematic_shown: bool
    pixel_size: tuple[int, int]


def render_page(layout: PageLayout, store: Store, out_path: str | Path, *, overwrite: bool = True) -> PageReport:
    """Write the page to `out_path` (.png/.pdf/.svg), atomically: a failed export leaves no half file."""
    out = Path(out_path)
    fmt = format_of(out)
    if out.exists() and not overwrite:
        raise ExportError(f"{out} exists already; choose another name or overwrite it (--force).")
    buffer = io.BytesIO()
    report = render_to(layout, store, buffer, fmt)
    write_atomically(out, buffer.getvalue())
    return report


def render_bytes(layout: PageLayout, store: Store, fmt: str = "png") -> bytes:
    buffer = io.BytesIO()
    render_to(layout, store, buffer, fmt)
    return buffer.getvalue()


def render_to(layout: PageLayout, store: Store, stream: io.BufferedIOBase, fmt: str) -> PageReport:
    if fmt not in FORMATS:
        raise ExportError(f"cannot export {fmt!r}; choose one of {', '.join(FORMATS)}")
    scene = scene_from(store)
    with plt.rc_context(export_rc()):
        figure, report = page_figure(layout, scene)
        try:
            metadata = {"Title": layout.title} if fmt in ("pdf", "svg") else None
            figure.savefig(stream, format=fmt, dpi=layout.dpi, metadata=metadata)
        finally:
            plt.close(figure)
    return report


def format_of(path: Path) -> str:
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ExportError(f"{path.name}: the file name must end in .png, .pdf or .svg")
    return fmt


def write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.part-{os.getpid()}")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from error
    finally:
        temporary.unlink(missing_ok=True)


def page_figure(layout: PageLayout, scene: MapScene) -> tuple[Figure, PageReport]:
    """The whole page as a figure, for a caller that shows or saves it itself (save PDF/SVG inside
    plt.rc_context(export_rc()) to embed the font as TrueType and keep SVG text as text)."""
    with plt.rc_context(export_rc()):
        return _page_figure(layout, scene)


def _page_figure(layout: PageLayout, scene: MapScene) -> tuple[Figure, PageReport]:
    page_w, page_h = layout.page_size_mm
    figure, paper = paper_figure(layout)
    text_scale = math.sqrt(min(page_w, page_h) / 210)
    m = layout.margin_mm

    top = page_h - m - draw_header(paper, layout, page_w, text_scale)
    requested = fit_aspect(scene.bounds_of(layout.extent), 1, 1)
    in_view = scene.in_view(layout.layers, requested)
    entries = legend_entries(in_view) if layout.legend.visible else []
    footer_lines = footer_text(layout, scene, any(item.schematic for _, items in in_view for item in items))
    footer_h = footer_height(footer_lines, page_w - 2 * m, text_scale)
    bottom = m + footer_h
    if layout.landscape:
        legend_w = 52 * text_scale if entries else 0
        map_box = Box(m, bottom, page_w - 2 * m - legend_w - (4 if entries else 0), top - bottom)
        legend_box = Box(page_w - m - legend_w, bottom, legend_w, top - bottom)
    else:
        columns = 3 if page_w < 250 else 4
        legend_h = legend_height(len(entries), columns, text_scale) if entries else 0
        map_box = Box(m, bottom + legend_h + (3 if entries else 0), page_w - 2 * m,
                      top - bottom - legend_h - (3 if entries else 0))
        legend_box = Box(m, bottom, page_w - 2 * m, legend_h)
    if map_box.h < 40 or map_box.w < 40:
        raise LayoutError("the title, legend and footer leave too little room for the map; use a larger paper")

    ax, shown, span = draw_map_frame(figure, layout, scene, map_box, text_scale)
    bounds = (*ax.get_xlim(), *ax.get_ylim())
    bounds = (bounds[0], bounds[2], bounds[1], bounds[3])
    schematic = any(item.schematic for item in shown)
    if entries:
        draw_legend(paper, entries, legend_box, layout, text_scale, columns=1 if layout.landscape else None)
    draw_footer(paper, footer_text(layout, scene, schematic), m, page_w - 2 * m, text_scale)
    report = PageReport(bounds, map_box, span, tuple(e.text(layout.legend.mark_schematic) for e in entries),
                        schematic, layout.pixel_size)
    return figure, report


def paper_figure(layout: PageLayout) -> tuple[Figure, Axes]:
    """A figure of the layout's paper size with an axes over the whole page in millimetres (origin lower left)."""
    page_w, page_h = layout.page_size_mm
    figure = plt.figure(figsize=layout.figure_size_inches, dpi=layout.dpi)
    paper = figure.add_axes((0, 0, 1, 1), zorder=0)
    paper.set_xlim(0, page_w)
    paper.set_ylim(0, page_h)
    paper.set_axis_off()
    return figure, paper


def draw_map_frame(figure: Figure, layout: PageLayout, scene: MapScene, box: Box, scale: float = 1.0
                   ) -> tuple[Axes, list, ScaleBarSpan | None]:
    """The map of `layout` in `box` with its scale bar, north arrow and labels: the part sheets reuse."""
    page_w, page_h = layout.page_size_mm
    bounds = fit_aspect(scene.bounds_of(layout.extent), box.w, box.h)
    ax = figure.add_axes(fraction(box, page_w, page_h), zorder=1)
    shown = draw_scene(ax, scene, layout.layers, bounds, labels=False, highlight=layout.highlight, scale=scale)
    decorations = []
    span = None
    if layout.scale_bar.visible:
        span, backdrop = draw_scale_bar(ax, layout, bounds, box, scale)
        decorations.append(backdrop)
    if layout.north_arrow.visible:
        decorations += draw_north_arrow(ax, layout, box, scale)
    if layout.overview.visible:
        decorations.append(draw_overview(figure, scene, layout, bounds, box, page_w, page_h))
    if layout.labels:
        renderer = figure.canvas.get_renderer()
        avoid = [artist.get_window_extent(renderer) for artist in decorations]
        place_labels(ax, shown, 6.5 * scale, layout.highlight, avoid)
    return ax, shown, span


def fraction(box: Box, page_w: float, page_h: float) -> tuple[float, float, float, float]:
    return box.x / page_w, box.y / page_h, box.w / page_w, box.h / page_h


def draw_header(paper: Axes, layout: PageLayout, page_w: float, scale: float) -> float:
    """Title and subtitle centred at the top; returns the height they take in mm."""
    top = paper.get_ylim()[1] - layout.margin_mm
    size = 17 * scale
    paper.text(page_w / 2, top, layout.title, ha="center", va="top", fontsize=size, gid="title")
    height = size * PT_TO_MM * 1.35
    if layout.subtitle:
        sub = 10 * scale
        paper.text(page_w / 2, top - height, layout.subtitle, ha="center", va="top", fontsize=sub,
                   color="#444444", gid="subtitle")
        height += sub * PT_TO_MM * 1.45
    return height + 3


def footer_text(layout: PageLayout, scene: MapScene, schematic: bool) -> list[str]:
    lines = []
    if layout.show_sources:
        if scene.documents:
            lines.append("资料来源：" + "；".join(f"《{title}》" for title in scene.documents))
        if scene.dataset_credits:
            lines.append("地理数据：" + "；".join(scene.dataset_credits))
    if schematic or any(item.schematic for _, items in scene.visible(layout.layers) for item in items):
        lines.append(SCHEMATIC_NOTE)
    closing = f"制图日期：{layout.date_text()}"
    if layout.review_number:
        closing += f"    审图号：{layout.review_number}"
    lines.append(closing)
    return lines


FOOTER_PT = 6.5


def _footer_wrapped(lines: list[str], width_mm: float, scale: float) -> list[str]:
    em_mm = FOOTER_PT * scale * PT_TO_MM
    return [part for line in lines for part in wrap(line, width_mm / em_mm)]


def footer_height(lines: list[str], width_mm: float, scale: float) -> float:
    return len(_footer_wrapped(lines, width_mm, scale)) * FOOTER_PT * scale * PT_TO_MM * 1.45 + 3


def draw_footer(paper: Axes, lines: list[str], x: float, width_mm: float, scale: float) -> None:
    wrapped = _footer_wrapped(lines, width_mm, scale)
    step = FOOTER_PT * scale * PT_TO_MM * 1.45
    y = x + (len(wrapped) - 1) * step  # bottom margin equals the side margin
    for line in wrapped:
        paper.text(x, y, line, ha="left", va="bottom", fontsize=FOOTER_PT * scale, color="#333333", gid="footer")
        y -= step


def legend_height(count: int, columns: int, scale: float) -> float:
    rows = math.ceil(count / columns)
    return (7 + rows * 5.2) * scale


def draw_legend(paper: Axes, entries: list[LegendEntry], box: Box, layout: PageLayout, scale: float,
                columns: int | None) -> None:
    """Entries in columns (below the map on portrait pages, one column beside it on landscape ones)."""
    size = layout.legend.font_size_pt * scale
    paper.add_patch(Rectangle((box.x, box.y), box.w, box.h, facecolor="white", edgecolor="#888888",
                              linewidth=0.5, gid="legend"))
    paper.text(box.x + 3, box.y + box.h - 2, layout.legend.title, ha="left", va="top", fontsize=size * 1.15)
    columns = columns or (3 if box.w < 250 else 4)
    row_h = 5.2 * scale
    col_w = (box.w - 6) / columns
    rows = math.ceil(len(entries) / columns)
    for index, entry in enumerate(entries):
        col, row = divmod(index, rows) if columns > 1 else (0, index)
        x = box.x + 3 + col * col_w
        y = box.y + box.h - 7 * scale - row * row_h - row_h / 2
        draw_symbol(paper, entry, x, y, 8 * scale, 3.4 * scale, layout.legend.mark_schematic)
        paper.text(x + 10 * scale, y, entry.text(layout.legend.mark_schematic), ha="left", va="center",
                   fontsize=size, gid="legend-entry")


def draw_symbol(paper: Axes, entry: LegendEntry, x: float, y: float, w: float, h: float, dashed_ok: bool) -> None:
    style = entry.style
    width = max(style.stroke_width * PX_TO_PT, 0.4)
    linestyle = (0, (DASH_PT[0] / width * 0.7, DASH_PT[1] / width * 0.7)) if entry.schematic and dashed_ok \
        else "solid"
    if entry.symbol == "polygon":
        if style.fill and style.fill_opacity > 0:
            paper.add_patch(Rectangle((x, y - h / 2), w, h, facecolor=style.fill, alpha=style.fill_opacity,
                                      edgecolor="none"))
        paper.add_patch(Rectangle((x, y - h / 2), w, h, facecolor="none", edgecolor=style.stroke, linewidth=width,
                                  linestyle=linestyle))
    elif entry.symbol == "line":
        paper.plot([x, x + w], [y, y], color=style.stroke, linewidth=width, linestyle=linestyle,
                   solid_capstyle="butt")
    else:
        paper.scatter([x + w / 2], [y], s=(style.radius * 2 * PX_TO_PT) ** 2, facecolor=style.fill or "white",
                      edgecolor=style.stroke, linewidths=0.9, zorder=3)


def draw_scale_bar(ax: Axes, layout: PageLayout, bounds: Bounds, box: Box, scale: float
                   ) -> tuple[ScaleBarSpan, Artist]:
    """Alternating black and white blocks of a round length, true in metres along the bar's latitude."""
    west, south, east, north = bounds
    deg_per_mm_x, deg_per_mm_y = (east - west) / box.w, (north - south) / box.h
    bar = layout.scale_bar
    inset = 6 * scale
    lat = south + (inset + 1.5 * scale) * deg_per_mm_y
    span = scale_bar_span(west, lat, (east - west) * bar.max_fraction, bar.segments)
    x0 = west + inset * deg_per_mm_x
    if bar.position == "lower right":
        x0 = east - inset * deg_per_mm_x - span.span_deg - 8 * scale * deg_per_mm_x
        span = scale_bar_span(x0, lat, span.span_deg * 1.0000001, bar.segments)
    height = 1.6 * scale * deg_per_mm_y
    y0 = lat - height / 2
    segments = len(span.tick_labels) - 1
    step = span.span_deg / segments
    pad_x, pad_y = 2.5 * scale * deg_per_mm_x, 1.5 * scale * deg_per_mm_y
    backdrop = ax.add_patch(Rectangle(
        (x0 - pad_x, y0 - pad_y), span.span_deg + 2 * pad_x + 9 * scale * deg_per_mm_x,
        height + 2 * pad_y + 4 * scale * deg_per_mm_y, facecolor="white", alpha=0.8, edgecolor="none", zorder=40))
    for i in range(segments):
        ax.add_patch(Rectangle((x0 + i * step, y0), step, height, facecolor="black" if i % 2 == 0 else "white",
                               edgecolor="black", linewidth=0.6, zorder=41, gid="scale-bar-segment"))
    for i, tick in enumerate(span.tick_labels):
        ax.text(x0 + i * step, y0 + height + 0.6 * scale * deg_per_mm_y, tick, ha="center", va="bottom",
                fontsize=bar.font_size_pt * scale, zorder=42)
    unit = span.label.split()[-1]
    ax.text(x0 + span.span_deg + 2.5 * scale * deg_per_mm_x, lat, unit, ha="left", va="center",
            fontsize=bar.font_size_pt * scale, zorder=42, gid="scale-bar-unit")
    return span, backdrop


def draw_north_arrow(ax: Axes, layout: PageLayout, box: Box, scale: float) -> list[Artist]:
    """A split arrowhead pointing to the top of the frame (north, since the map is not rotated), with "N"."""
    arrow = layout.north_arrow
    size = arrow.size_mm * scale
    cx_mm = box.w - 6 * scale - size / 3 if arrow.position == "upper right" else 6 * scale + size / 3
    top_mm = box.h - 5 * scale - size * 0.35
    half = size / 3

    def at(dx: float, dy: float) -> tuple[float, float]:
        return (cx_mm + dx) / box.w, (top_mm + dy) / box.h

    tip, base_l, base_r, notch = at(0, 0), at(-half, -size * 0.65), at(half, -size * 0.65), at(0, -size * 0.45)
    transform = ax.transAxes
    left = ax.add_patch(MplPolygon([tip, base_l, notch], closed=True, facecolor="black", edgecolor="black",
                                   linewidth=0.6, transform=transform, zorder=42, gid="north-arrow"))
    right = ax.add_patch(MplPolygon([tip, base_r, notch], closed=True, facecolor="white", edgecolor="black",
                                    linewidth=0.6, transform=transform, zorder=42))
    label_x, label_y = at(0, 1.0 * scale)
    label = ax.text(label_x, label_y, "N", transform=transform, ha="center", va="bottom", fontsize=9 * scale,
                    zorder=42, gid="north-arrow-label")
    return [left, right, label]


def draw_overview(figure: Figure, scene: MapScene, layout: PageLayout, bounds: Bounds, box: Box,
                  page_w: float, page_h: float) -> Axes:
    """The whole city, small, in a corner of the map with the main map's extent outlined in red."""
    city = fit_aspect(scene.city_bounds, 4, 3)
    width = box.w * layout.overview.width_fraction
    height = width * 0.75
    x = box.x + box.w - width - 2 if "right" in layout.overview.position else box.x + 2
    y = box.y + box.h - height - 2 if "upper" in layout.overview.position else box.y + 2
    if "lower" in layout.overview.position and layout.scale_bar.visible and "left" in layout.overview.position:
        y = box.y + 16
    inset = figure.add_axes(fraction(Box(x, y, width, height), page_w, page_h), zorder=3)
    layers = tuple(name for name in ("neighbours", "districts") if name in scene.layers)
    draw_scene(inset, scene, layers, city, labels=False, scale=0.5)
    setup_axes(inset, city)
    west, south, east, north = bounds
    inset.add_patch(Rectangle((west, south), east - west, north - south, facecolor="none",
                              edgecolor=layer_style("key_areas").stroke, linewidth=1.2, zorder=50,
                              gid="overview-frame"))
    return inset
