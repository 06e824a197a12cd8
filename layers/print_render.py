"""The print renderer: draws a PageLayout with matplotlib into PNG, vector PDF or SVG. Qt-free, headless.

Everything on the page is placed in millimetres on a "paper" axes spanning the whole figure; the map is an
axes in WGS 84 degrees inside it (layers/map_frame.py). Text stays text in PDF/SVG, in an embedded CJK
TrueType font. Figures are made without pyplot (no GUI backend, no global figure list), so an export imports
only matplotlib's Agg canvas and the backend of the format it writes.

    render_page(layout, store, "map.pdf")        # a file; the format follows the suffix
    render_bytes(layout, store, "png")           # bytes, e.g. for a dialog's live preview
"""

from __future__ import annotations

import io
import math
import os
import struct
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from matplotlib import __version__ as MATPLOTLIB_VERSION
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from layers.cjk_text import export_rc, text_width_em, wrap
from layers.legend import LegendEntry, legend_entries
from layers.map_drawing import PX_TO_PT, dash_lengths
from layers.map_frame import VECTOR_DPI, Box, draw_map_frame, shows_outlying_inset
from layers.map_scene import Bounds, MapScene, StoreSource, fit_aspect, pad, scene_from
from layers.print_labels import PlacedLabel
from layers.print_layout import MM_PER_INCH, LayoutError, PageLayout
from layers.scale_bar import ScaleBarSpan
from layers.style import SCHEMATIC_NOTE

FORMATS = ("png", "pdf", "svg")
PT_TO_MM = MM_PER_INCH / 72
PNG_COMPRESSION = 3  # zlib level: a 300-dpi page in a third of the time of the default 6, a few % larger
PNG_SOFTWARE = f"Matplotlib version{MATPLOTLIB_VERSION}, https://matplotlib.org/"  # what savefig wrote
Store = StoreSource | MapScene


class ExportError(ValueError):
    """An export that cannot be written (existing file, unknown format, unwritable folder)."""


@dataclass(frozen=True)
class PageReport:
    """What was drawn, for the caller and the tests: the map's extent, the scale bar, the legend, the labels
    placed (boxes in page millimetres) and the outlying districts shown in an inset."""

    map_bounds: Bounds
    map_box: Box
    scale_bar: ScaleBarSpan | None
    legend: tuple[str, ...]
    schematic_shown: bool
    pixel_size: tuple[int, int]
    labels: tuple[PlacedLabel, ...] = ()
    outlying: tuple[str, ...] = ()


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
    with rc_context(export_rc()):
        raster = fmt == "png"
        figure, report = page_figure(layout, scene, resolution_dpi=layout.dpi if raster else VECTOR_DPI,
                                     raster=raster)
        if raster:
            figure.canvas.draw()  # what savefig draws: the figure is made at the page's dpi
            stream.write(png_bytes(np.asarray(figure.canvas.buffer_rgba()), layout.dpi))
        else:
            figure.savefig(stream, format=fmt, dpi=layout.dpi, metadata={"Title": layout.title})
    return report


def png_bytes(rgba: np.ndarray, dpi: float, *, level: int = PNG_COMPRESSION) -> bytes:
    """An RGBA image (rows × columns × 4 bytes) as PNG, with the chunks savefig writes (software, dpi).

    Faster than savefig's Pillow encoder (0.23 s for an A4 page at 300 dpi) at about the same size: every row
    is filtered "up" (its difference from the row above, in numpy), and horizontal stripes are deflated on
    all cores at once (zlib lets other threads run while it compresses), each ended with a full flush so
    that together they make one zlib stream."""
    height, width, _ = rgba.shape
    rows = rgba.reshape(height, width * 4)
    filtered = np.empty((height, width * 4 + 1), dtype=np.uint8)
    filtered[:, 0] = 2  # filter type "up"; the first row's "above" is zeros
    filtered[0, 1:] = rows[0]
    np.subtract(rows[1:], rows[:-1], out=filtered[1:, 1:])
    stripes = max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1,
                         height // 64, 8))
    bounds = np.linspace(0, height, stripes + 1).astype(int)

    def deflate(index: int) -> bytes:
        compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)  # raw deflate: one header for all
        last = index == stripes - 1
        data = memoryview(filtered[bounds[index]:bounds[index + 1]]).cast("B")
        return compressor.compress(data) + compressor.flush(zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH)

    with ThreadPoolExecutor(stripes) as pool:
        parts = pool.map(deflate, range(stripes))
        checksum = zlib.adler32(memoryview(filtered).cast("B"))
        body = b"".join(parts)
    stream = b"\x78\x5e" + body + struct.pack(">I", checksum)  # zlib header: deflate, 32K window, fast
    per_metre = int(dpi / 0.0254 + 0.5)
    return b"".join((
        b"\x89PNG\r\n\x1a\n",
        _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)),  # 8-bit RGBA
        _png_chunk(b"tEXt", b"Software\0" + PNG_SOFTWARE.encode("latin-1")),
        _png_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
        _png_chunk(b"IDAT", stream),
        _png_chunk(b"IEND", b""),
    ))


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))


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


def page_figure(layout: PageLayout, scene: MapScene, *, resolution_dpi: float | None = None, raster: bool = False
                ) -> tuple[Figure, PageReport]:
    """The whole page as a figure, for a caller that shows or saves it itself (save PDF/SVG inside
    matplotlib.rc_context(export_rc()) to embed the font as TrueType and keep SVG text as text). `raster`: the
    figure will only be drawn as pixels, so map labels may be drawn as outlines (faster)."""
    with rc_context(export_rc()):
        return _page_figure(layout, scene, resolution_dpi, raster)


def _page_figure(layout: PageLayout, scene: MapScene, resolution_dpi: float | None, raster: bool
                 ) -> tuple[Figure, PageReport]:
    page_w, page_h = layout.page_size_mm
    figure, paper = paper_figure(layout)
    text_scale = math.sqrt(min(page_w, page_h) / 210)
    m = layout.margin_mm

    top = page_h - m - draw_header(paper, layout, page_w, text_scale)
    in_view = _legend_layers(layout, scene)
    selection = scene.find(layout.highlight) if layout.highlight else None
    entries = legend_entries(in_view, selected=selection is not None) if layout.legend.visible else []
    footer_lines = footer_text(layout, scene, any(item.schematic for _, items in in_view for item in items))
    footer_h = footer_height(footer_lines, page_w - 2 * m, text_scale)
    bottom = m + footer_h
    if layout.landscape:
        legend_w = legend_width(entries, layout, text_scale) if entries else 0
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

    frame = draw_map_frame(figure, layout, scene, map_box, text_scale, resolution_dpi=resolution_dpi, raster=raster)
    west, east = frame.axes.get_xlim()
    south, north = frame.axes.get_ylim()
    schematic = any(item.schematic for _, items in frame.shown for item in items)
    if entries:
        draw_legend(paper, entries, legend_box, layout, text_scale, columns=1 if layout.landscape else None)
    draw_footer(paper, footer_text(layout, scene, schematic), m, page_w - 2 * m, text_scale)
    report = PageReport((west, south, east, north), map_box, frame.scale_bar,
                        tuple(e.text(layout.legend.mark_schematic) for e in entries), schematic, layout.pixel_size,
                        frame.labels, frame.outlying)
    return figure, report


def _legend_layers(layout: PageLayout, scene: MapScene) -> list[tuple[str, tuple]]:
    """The visible layers with one feature of each look the page shows (in the frame, and in the 深汕 inset
    of 全市): all the legend needs, however many features share a look."""
    areas = [fit_aspect(scene.bounds_of(layout.extent), 1, 1)]
    if shows_outlying_inset(layout, scene):
        areas.append(pad(shapely.GeometryCollection([scene.find(f).geometry for f in scene.outlying]).bounds, 0.08))
    layers = []
    for name, items in scene.visible(layout.layers):
        codes, _ = scene.looks(name)
        indices = np.concatenate([scene.indices_in_view(name, area) for area in areas])
        _, first = np.unique(codes[indices], return_index=True)
        layers.append((name, tuple(items[i] for i in sorted(indices[first].tolist()))))
    return layers


def paper_figure(layout: PageLayout) -> tuple[Figure, Axes]:
    """A figure of the layout's paper size with an axes over the whole page in millimetres (origin lower left).
    No pyplot: the figure belongs to the caller, and nothing global keeps it alive."""
    page_w, page_h = layout.page_size_mm
    figure = Figure(figsize=layout.figure_size_inches, dpi=layout.dpi)
    FigureCanvasAgg(figure)
    paper = figure.add_axes((0, 0, 1, 1), zorder=0)
    paper.set_xlim(0, page_w)
    paper.set_ylim(0, page_h)
    paper.set_axis_off()
    return figure, paper


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


LEGEND_ROW_MM = 5.2
LEGEND_SYMBOL_MM = 8.0


def legend_height(count: int, columns: int, scale: float) -> float:
    rows = math.ceil(count / columns)
    return (7 + rows * LEGEND_ROW_MM) * scale


def legend_width(entries: list[LegendEntry], layout: PageLayout, scale: float) -> float:
    """A landscape page's legend column: wide enough for its longest entry, at least 52 mm (scaled)."""
    size_mm = layout.legend.font_size_pt * scale * PT_TO_MM
    longest = max(text_width_em(entry.text(layout.legend.mark_schematic)) for entry in entries)
    return max(52 * scale, 6 + (LEGEND_SYMBOL_MM + 2) * scale + longest * size_mm / 0.95)


def draw_legend(paper: Axes, entries: list[LegendEntry], box: Box, layout: PageLayout, scale: float,
                columns: int | None, *, framed: bool = True) -> None:
    """Entries in columns (below the map on portrait pages, one column beside it on landscape ones)."""
    size = layout.legend.font_size_pt * scale
    if framed:
        paper.add_artist(Rectangle((box.x, box.y), box.w, box.h, facecolor="white", edgecolor="#888888",
                                   linewidth=0.5, gid="legend"))
    paper.text(box.x + 3, box.y + box.h - 2, layout.legend.title, ha="left", va="top", fontsize=size * 1.15)
    columns = columns or (3 if box.w < 250 else 4)
    row_h = LEGEND_ROW_MM * scale
    col_w = (box.w - 6) / columns
    rows = math.ceil(len(entries) / columns)
    for index, entry in enumerate(entries):
        col, row = divmod(index, rows) if columns > 1 else (0, index)
        x = box.x + 3 + col * col_w
        y = box.y + box.h - 7 * scale - row * row_h - row_h / 2
        draw_symbol(paper, entry, x, y, LEGEND_SYMBOL_MM * scale, 3.4 * scale, layout.legend.mark_schematic)
        paper.text(x + (LEGEND_SYMBOL_MM + 2) * scale, y, entry.text(layout.legend.mark_schematic), ha="left",
                   va="center", fontsize=size, gid="legend-entry")


def draw_symbol(paper: Axes, entry: LegendEntry, x: float, y: float, w: float, h: float, dashed_ok: bool) -> None:
    """The entry's swatch drawn as on the map: fill and (dashed, if schematic) outline, a line on its casing
    (side by side in each colour for metro lines), or a dot."""
    style = entry.style
    width = max(style.stroke_width * PX_TO_PT, 0.4)
    dash = tuple(n * 0.7 for n in dash_lengths(style, width)) if entry.schematic and dashed_ok else None

    def linestyle(line_width: float):
        return (0, tuple(n / line_width for n in dash)) if dash else "solid"

    gid = "legend-selection" if entry.selection else "legend-symbol"
    if entry.symbol == "polygon":
        if style.fill and style.fill_opacity > 0:
            paper.add_artist(Rectangle((x, y - h / 2), w, h, facecolor=style.fill,
                                       alpha=style.fill_opacity * style.opacity, edgecolor="none"))
        paper.add_artist(Rectangle((x, y - h / 2), w, h, facecolor="none", edgecolor=style.stroke, linewidth=width,
                                   linestyle=linestyle(width), alpha=style.opacity, gid=gid))
    elif entry.symbol == "line":
        if style.casing and style.casing_width > 0:
            casing = max(style.casing_width * PX_TO_PT, width + 0.4)
            paper.add_artist(Line2D([x, x + w], [y, y], color=style.casing, linewidth=casing,
                                    linestyle=linestyle(casing), solid_capstyle="butt", dash_capstyle="butt"))
        colours = entry.colours or (style.stroke,)
        step = w / len(colours)
        for index, colour in enumerate(colours):
            paper.add_artist(Line2D([x + index * step, x + (index + 1) * step], [y, y], color=colour,
                                    linewidth=width, linestyle=linestyle(width), solid_capstyle="butt",
                                    dash_capstyle="butt", alpha=style.opacity, gid=gid))
    else:
        paper.add_artist(Line2D([x + w / 2], [y], marker="o", markersize=style.radius * 2 * PX_TO_PT,
                                markerfacecolor=style.fill or "white", markeredgecolor=style.stroke,
                                markeredgewidth=0.9, linestyle="none", gid=gid))
