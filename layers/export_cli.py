"""The `export` and `sheets` commands: the same renderer the window's export dialog calls, from a shell.

    python main.py export --out city.pdf
    python main.py export --out yanzihu.png --focus 燕子湖片区 --dpi 300
    python main.py sheets --layer key_areas --district 坪山区 --out pingshan.pdf
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from layers.export_options import ExportOptions, html_export, page_layout
from layers.print_layout import DEFAULT_LAYERS, PAPER_SIZES_MM, Extent, LayoutError

# The same exit codes as main.py: 1 for an error the user can fix, 3 for a name not in the store.
EXIT_OK, EXIT_ERROR, EXIT_NOT_FOUND = 0, 1, 3


def user_errors() -> tuple[type[Exception], ...]:
    """Errors whose message tells the user what to change (imported late: matplotlib is slow to import)."""
    from layers.cjk_text import FontError
    from layers.print_render import ExportError

    return LayoutError, ExportError, FontError


def add_export_commands(subparsers: argparse._SubParsersAction, common_parent: argparse.ArgumentParser) -> None:
    help_text = "export the map as a print layout: PNG, PDF, SVG, or an interactive offline HTML page"
    sub = subparsers.add_parser("export", parents=[common_parent], help=help_text, description=help_text)
    sub.set_defaults(run=run_export)
    sub.add_argument("--out", required=True, type=Path, metavar="FILE",
                     help="the file to write; its ending (.png, .pdf, .svg, .html) chooses the format")
    sub.add_argument("--layers", metavar="L1,L2", help=f"visible layers (default: {','.join(DEFAULT_LAYERS)})")
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

    help_text = "commitment sheets: one page per feature with its map, targets and plan passages"
    sub = subparsers.add_parser("sheets", parents=[common_parent], help=help_text, description=help_text)
    sub.set_defaults(run=run_sheets)
    sub.add_argument("--layer", required=True, metavar="NAME", help="the layer whose features get sheets")
    sub.add_argument("--district", metavar="NAME", help="only features in this district, e.g. 坪山区")
    sub.add_argument("--out", required=True, type=Path, metavar="FILE.pdf|DIR",
                     help="one PDF with a contents page, or a folder of one PDF per feature")
    sub.add_argument("--force", action="store_true", help="overwrite the output if it exists")


def run_export(args: argparse.Namespace) -> int:
    from geodata.feature_queries import find_feature, similar_names
    from geodata.store import connect
    from layers.map_scene import load_scene

    if args.out.exists() and not args.force:
        return _fail(f"{args.out} exists already; add --force to overwrite it, or choose another name.")
    try:
        layers = tuple(name.strip() for name in args.layers.split(",") if name.strip()) if args.layers else None
        with connect(args.store) as db:
            focus = None
            if args.focus:
                found = find_feature(db, args.focus)
                if found is None:
                    hint = similar_names(db, args.focus)
                    print(f"error: no feature named {args.focus!r}."
                          + (f" Did you mean: {', '.join(hint)}?" if hint else ""), file=sys.stderr)
                    return EXIT_NOT_FOUND
                focus = found.feature
            options = ExportOptions(
                paper=args.paper, landscape=args.landscape or (focus is None and not args.portrait), dpi=args.dpi,
                extent=Extent.feature(focus.id) if focus else Extent.city(), title=args.title,
                subtitle=args.subtitle, layers=layers, labels=not args.no_labels, review_number=args.review_number)
            if args.out.suffix.lower() == ".html":
                from layers.html_export import write_html

                export = html_export(options, focus.name if focus else None, basemap_url=args.basemap)
                result = write_html(db, args.out, export, overwrite=True)
                print(f"Wrote {result}")
                return EXIT_OK
            scene = load_scene(db)
        layout = page_layout(options, scene)
        from layers.print_render import render_page

        report = render_page(layout, scene, args.out, overwrite=True)
    except user_errors() as error:
        return _fail(str(error))
    size = f" ({report.pixel_size[0]} × {report.pixel_size[1]} px)" if args.out.suffix.lower() == ".png" else ""
    print(f"Wrote {args.out}{size}")
    return EXIT_OK


def run_sheets(args: argparse.Namespace) -> int:
    from geodata.feature_queries import layer_tables
    from geodata.store import connect
    from layers.sheets import layer_sheet_title, render_sheets, sheet_features

    out: Path = args.out
    if out.exists() and not args.force and (out.suffix.lower() == ".pdf" or any(out.iterdir())):
        return _fail(f"{out} exists already; add --force to overwrite it, or choose another name.")
    try:
        with connect(args.store) as db:
            if args.layer not in layer_tables(db):
                print(f"error: no layer named {args.layer!r}; layers are: {', '.join(layer_tables(db))}",
                      file=sys.stderr)
                return EXIT_NOT_FOUND
            ids = sheet_features(db, args.layer, args.district)
            if not ids:
                return _fail(f"the layer {args.layer} has no features" + (f" in {args.district}" if args.district
                                                                         else "") + "; nothing was written.")
            result = render_sheets(db, ids, out, overwrite=True, progress=_print_progress,
                                   title=layer_sheet_title(args.layer, args.district))
    except user_errors() as error:
        return _fail(str(error))
    print(f"Wrote {result.sheets} sheets, {result.pages} pages, to {result.path}")
    return EXIT_OK


def _print_progress(done: int, total: int) -> bool:
    if sys.stderr.isatty():  # a counter that rewrites its line; in a log it would only be noise
        print(f"\rsheets: {done}/{total}", end="\n" if done == total else "", file=sys.stderr, flush=True)
    return True


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_ERROR
