"""One export entry point for the command line and the window's export dialog: the output file's ending picks
the format (a print layout as PNG, PDF or SVG, or one self-contained HTML map), decided here and nowhere else.

    export("plan-map.gpkg", ExportOptions(), "city.pdf")
    export(db, ExportOptions(extent=Extent.feature("ps-yanzihu")), "yanzihu.html", overwrite=True)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from layers.export_options import ExportOptions, html_export, page_layout

if TYPE_CHECKING:  # the store readers and renderers are imported when an export runs: the CLI starts fast
    from layers.map_scene import MapScene, StoreSource

# Every format an export can write; each is also its file ending. png/pdf/svg go to the print renderer.
FORMATS = ("png", "pdf", "svg", "html")
Progress = Callable[[int, int], object]  # (done, total) steps: the store read, the file written


def format_for(path: str | Path) -> str | None:
    """The format a file name asks for (its ending, in any case), or None when it names none of FORMATS."""
    fmt = Path(path).suffix.lower().lstrip(".")
    return fmt if fmt in FORMATS else None


def export(store: StoreSource, options: ExportOptions, out: str | Path, *,
           overwrite: bool = False, progress: Progress | None = None, scene: MapScene | None = None) -> Path:
    """Write `options` to `out` in the format its ending names, atomically (a failure leaves no half file).

    `store` is a store path or an open connection; `scene`, when given, is that store already read (the
    dialog's preview has one), so a print export does not read it again. An existing `out` is an error
    unless `overwrite`; the check comes before any work."""
    from layers.map_scene import opened, scene_from
    from layers.print_render import ExportError, render_page, write_atomically

    out = Path(out)
    fmt = format_for(out)
    if fmt is None:
        endings = ", ".join(f".{f}" for f in FORMATS[:-1]) + f" or .{FORMATS[-1]}"
        raise ExportError(f"{out.name}: the file name must end in {endings}")
    if out.exists() and not overwrite:
        raise ExportError(f"{out} exists already; choose another name or overwrite it (--force).")
    report = progress or (lambda done, total: None)
    if fmt == "html":
        from geodata.feature_queries import find_feature
        from layers.html_export import export_html

        with opened(store) as db:
            focus = options.extent.feature_id
            found = find_feature(db, focus) if focus else None
            text = export_html(db, html_export(options, found.feature.name if found else None))
        report(1, 2)
        write_atomically(out, text.encode("utf-8"))
    else:
        scene = scene or scene_from(store)
        report(1, 2)
        render_page(page_layout(options, scene), scene, out, overwrite=True)
    report(2, 2)
    return out
