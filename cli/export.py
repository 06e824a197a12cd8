"""The `export` and `sheets` commands: layers/export.py and layers/sheets.py, which the window calls too.

    plan-map export --out city.pdf
    plan-map export --out yanzihu.png --focus 燕子湖片区 --dpi 300
    plan-map sheets --layer 重点片区与平台 --district 坪山区 --out pingshan.pdf
"""

from __future__ import annotations

import argparse
import atexit
import gc
import os
import sys
from pathlib import Path

from cli.exits import CommandFailed
from cli.features import feature_named, layer_named
from cli.output import emit, progress_printer
from cli.parser import Command, name_list
from layers.export import FORMATS
from layers.print_layout import DEFAULT_LAYERS, PAPER_SIZES_MM


def add_commands(command: Command) -> None:
    sub = command("export", run_export,
                  "export the map as a print layout: PNG, PDF, SVG, or an interactive offline HTML page")
    sub.add_argument("--out", required=True, type=Path, metavar="FILE",
                     help=f"the file to write; its ending ({', '.join('.' + f for f in FORMATS)}) chooses the format")
    sub.add_argument("--layers", type=name_list, metavar="L1,L2",
                     help="visible layers, by id or by the title the window shows "
                          f"(default: {','.join(DEFAULT_LAYERS)})")
    sub.add_argument("--focus", metavar="NAME", help="centre on this feature (name, alias or id) and mark it")
    sub.add_argument("--paper", choices=tuple(PAPER_SIZES_MM), default="A4", help="paper size (default A4)")
    orientation = sub.add_mutually_exclusive_group()
    orientation.add_argument("--landscape", action="store_true",
                             help="landscape page (the default for the whole city, which is wider than tall)")
    orientation.add_argument("--portrait", action="store_true", help="portrait page (the default with --focus)")
    sub.add_argument("--dpi", type=int, default=300, help="PNG resolution (default 300)")
    sub.add_argument("--title", help="the title printed on the page")
    sub.add_argument("--subtitle", default="", help="a line under the title")
    sub.add_argument("--review-number", metavar="TEXT", help="审图号 to print in the footer")
    sub.add_argument("--no-labels", action="store_true", help="leave out feature names")
    sub.add_argument("--basemap", metavar="URL", help="HTML only: an online XYZ tile URL; default none (offline)")
    sub.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    sub = command("sheets", run_sheets,
                  "commitment sheets: one page per feature with its map, targets and plan passages")
    sub.add_argument("--layer", required=True, metavar="NAME",
                     help="the layer whose features get sheets, by id or title (key_areas or 重点片区与平台)")
    sub.add_argument("--district", metavar="NAME", help="only features in this district, e.g. 坪山区")
    sub.add_argument("--out", required=True, type=Path, metavar="FILE.pdf|DIR",
                     help="one PDF with a contents page, or a folder of one PDF per feature")
    sub.add_argument("--force", action="store_true", help="overwrite the output if it exists")


def run_export(args: argparse.Namespace) -> int:
    """One export, tuned for a process that does nothing else: OpenBLAS on one thread (numpy is not imported
    yet, and an export does no linear algebra: ~50 ms less start-up on a busy 2-core machine; a user's own
    setting wins), Python's cycle collector off while it runs (its ~230 passes over the objects the imports
    and matplotlib make cost ~50 ms and find little) and at the process's exit (freezing what is left spares
    the interpreter's last passes and the freeing of the figure's cycles: ~0.1 s; the file is written and
    closed by then). Run in-process, as by the tests, the collector is back on when it returns. matplotlib is
    loaded without the set() docstrings it writes for every artist class (see _skip_artist_docstrings)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    _skip_artist_docstrings()
    atexit.unregister(gc.freeze)  # registered once however many exports a process runs
    atexit.register(gc.freeze)
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _export(args)
    finally:
        if collecting:
            gc.enable()


def _skip_artist_docstrings() -> None:
    """Spare the ~0.1 s matplotlib spends, as its modules load, writing each artist class's set() signature and
    docstring (a table of every property with its documented values, built by inspecting each setter's
    docstring) and the property tables its modules interpolate into their docstrings: only help() reads them,
    and an export draws the same without them. Done before the figure, axes, text and patch modules load; a
    process that has them loaded already (an export run in-process after another) keeps what it has."""
    if "matplotlib.figure" in sys.modules:
        return
    from matplotlib import artist

    def mark_only(cls: type) -> None:  # the mark a subclass's set() checks to get a set() of its own
        cls.set._autogenerated_signature = True

    artist.Artist._update_set_signature_and_docstring = classmethod(mark_only)
    artist.kwdoc = lambda _artist: ""


def _export(args: argparse.Namespace) -> int:
    from geodata.store import connect
    from layers.export import export, format_for
    from layers.export_options import ExportOptions
    from layers.print_layout import Extent, PageLayout

    with connect(args.store) as db:
        focus = feature_named(db, args.focus).feature if args.focus else None
        layers = tuple(layer_named(db, name) for name in args.layers) if args.layers is not None else None
        options = ExportOptions(
            paper=args.paper, landscape=args.landscape or (focus is None and not args.portrait), dpi=args.dpi,
            extent=Extent.feature(focus.id) if focus else Extent.city(), title=args.title, subtitle=args.subtitle,
            layers=layers, labels=not args.no_labels, review_number=args.review_number, basemap_url=args.basemap)
        path = export(db, options, args.out, overwrite=args.force, progress=progress_printer("export"))
    fmt = format_for(path)
    pixels = PageLayout(paper=options.paper, landscape=options.landscape, dpi=options.dpi).pixel_size \
        if fmt == "png" else None
    size = f" ({pixels[0]} × {pixels[1]} px)" if pixels else ""
    return emit(args, {"path": path, "format": fmt, "pixel_size": pixels}, lambda: print(f"Wrote {path}{size}"))


def run_sheets(args: argparse.Namespace) -> int:
    from geodata.store import connect
    from layers.sheets import layer_sheet_title, render_sheets, sheet_features

    with connect(args.store) as db:
        layer = layer_named(db, args.layer)
        ids = sheet_features(db, layer, args.district)
        if not ids:
            raise CommandFailed(f"the layer {layer} has no features" + (f" in {args.district}" if args.district
                                                                        else "") + "; nothing was written.")
        result = render_sheets(db, ids, args.out, overwrite=args.force, progress=progress_printer("sheets"),
                               title=layer_sheet_title(layer, args.district))
    return emit(args, result, lambda: print(f"Wrote {result.sheets} sheets, {result.pages} pages, to {result.path}"))
