"""Shenzhen plan map: the viewer by default, and command-line subcommands for everything it shows.

    python main.py                      open the viewer (builds the store on first run)
    python main.py build                (re)build the store from the plan documents
    python main.py search 河套           full-text search of the plans
    python main.py --help               every command
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_NOT_FOUND = 0, 1, 2, 3


class NotFound(Exception):
    """A name or id the user gave that is not in the store."""


def main(argv: list[str] | None = None) -> int:
    configure_stdio()
    parser = build_parser()
    args = parser.parse_args(argv)
    from geodata.plans.plan import PlanError
    from geodata.store import StoreError, default_store_path

    args.store = Path(args.store) if args.store else default_store_path()
    try:
        return args.run(args)
    except NotFound as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_NOT_FOUND
    except (StoreError, PlanError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted; the store is unchanged.", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until exit
        return EXIT_OK


def configure_stdio() -> None:
    """Chinese output must not crash on a console whose encoding cannot show it (Windows cp936 is fine)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", metavar="PATH", help="the store file (default: in your user data folder)")
    common.add_argument("--json", action="store_true", help="machine-readable output")
    parser = argparse.ArgumentParser(
        prog="main.py", description="Shenzhen plan map: a map viewer for Shenzhen's district plans.",
        parents=[common],
    )
    parser.set_defaults(run=run_view)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, run: Callable, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=help_text, description=help_text)
        sub.set_defaults(run=run)
        return sub

    command("view", run_view, "open the viewer window (the default)")
    sub = command("build", run_build, "(re)build the store from the plan documents and geometry")
    sub.add_argument("--seeds", metavar="DIR", help="folder of plan texts (default: ../shared/seeds)")
    command("documents", run_documents, "list the plan documents in the store")
    sub = command("search", run_search, "full-text search of the plan passages")
    sub.add_argument("text", help="words to find; 1, 2 or more characters; spaces separate terms")
    sub.add_argument("--limit", type=int, default=10, help="at most this many results (default 10)")
    sub = command("targets", run_targets, "list numeric targets")
    sub.add_argument("--document", metavar="ID", help="only targets of this document (see `documents`)")
    sub.add_argument("--scope", metavar="NAME", help="only targets for this district or place")
    sub = command("passage", run_passage, "show one passage with its source")
    sub.add_argument("id", type=int)
    sub = command("add-plan", run_add_plan, "add another plain-text plan to the store")
    sub.add_argument("file", type=Path)
    sub.add_argument("--title", help="the plan's title, when the text does not state it")
    sub.add_argument("--level", choices=("city", "district"), help="city or district plan")
    sub.add_argument("--district", help="the district, e.g. 坪山区, for a district plan")
    command("layers", run_layers, "list the map layers")
    sub = command("show", run_show, "show a feature with its passages and targets")
    sub.add_argument("name", metavar="NAME_OR_ID")
    sub = command("where", run_where, "list the features at a point (WGS 84)")
    sub.add_argument("lon", type=float)
    sub.add_argument("lat", type=float)
    add_import_commands(command)
    from layers.export_cli import add_export_commands

    add_export_commands(commands, common)
    return parser


def emit(args: argparse.Namespace, data: object, text: Callable[[], None]) -> int:
    if args.json:
        print(json.dumps(jsonable(data), ensure_ascii=False, indent=2))
    else:
        text()
    return EXIT_OK


def jsonable(data: object) -> object:
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        return {f.name: jsonable(getattr(data, f.name)) for f in dataclasses.fields(data)}
    if isinstance(data, (list, tuple)):
        return [jsonable(item) for item in data]
    if isinstance(data, dict):
        return {str(key): jsonable(value) for key, value in data.items()}
    if isinstance(data, Path):
        return str(data)
    return data


def run_build(args: argparse.Namespace) -> int:
    from geodata.build import build_store

    report = build_store(args.store, Path(args.seeds) if args.seeds else None)

    def text() -> None:
        print(f"Built {report.path} in {report.seconds:.1f} s")
        for doc in report.documents:
            print(f"  {doc.id}  {doc.sections:4d} sections {doc.passages:5d} passages "
                  f"{doc.targets:4d} targets  {doc.title}")
        print("  features: " + ", ".join(f"{layer} {count}" for layer, count in report.features.items()))
        print(f"  links: {report.links}")

    return emit(args, report, text)


def run_add_plan(args: argparse.Namespace) -> int:
    from geodata.build import AddedPlan, build_store
    from geodata.plans.plan import PlanError

    try:
        content = args.file.read_bytes()
    except OSError as error:
        raise PlanError(f"Cannot read {args.file}: {error.strerror}. Check the path.") from error
    plan = AddedPlan(args.file.name, content, args.title, args.level, args.district)
    report = build_store(args.store, new_plan=plan)
    added = report.documents[-1]

    def text() -> None:
        print(f"Added {added.title} ({added.id}): {added.sections} sections, {added.passages} passages, "
              f"{added.targets} targets")

    return emit(args, added, text)


def run_documents(args: argparse.Namespace) -> int:
    from geodata.passages import documents
    from geodata.store import connect

    with connect(args.store) as db:
        docs = documents(db)

    def text() -> None:
        for doc in docs:
            where = doc.district or "深圳市"
            print(f"{doc.id}  {doc.kind:<19} {where:<5} {doc.period or '':<12} {doc.title}")

    return emit(args, docs, text)


def run_search(args: argparse.Namespace) -> int:
    from geodata.search import mark, search_passages
    from geodata.store import connect

    with connect(args.store) as db:
        hits = search_passages(db, args.text, args.limit)

    def text() -> None:
        if not hits:
            print(f"No passage contains {args.text!r}.")
        for hit in hits:
            print(f"[{hit.passage_id}] {hit.document_title} › {hit.section_path}")
            print(f"    {mark(hit.snippet, hit.highlights)}")

    return emit(args, hits, text)


def run_targets(args: argparse.Namespace) -> int:
    from geodata.feature_queries import targets
    from geodata.store import connect

    with connect(args.store) as db:
        rows = targets(db, args.document, args.scope)

    def text() -> None:
        for t in rows:
            print(f"{t.scope:<5} {t.year or '':<5} {target_line(t)}  [{t.document_id}"
                  f"{' ' + t.table_name if t.table_name else ''}]")

    return emit(args, rows, text)


def target_line(target: object) -> str:
    """One target as a line of text, the way the feature panel shows it."""
    from layers.feature_sheet import target_row

    row = target_row(target)
    unit = "" if not row.unit or row.unit in row.value else " " + row.unit
    return f"{row.indicator}: {row.value}{unit}  {row.binding}".rstrip()


def run_passage(args: argparse.Namespace) -> int:
    from geodata.passages import passage
    from geodata.store import connect

    with connect(args.store) as db:
        found = passage(db, args.id)
    if found is None:
        raise NotFound(f"no passage with id {args.id}. Find ids with: python main.py search TEXT")

    def text() -> None:
        print(f"{found.document_title} › {found.section_path}  (lines {found.line_start}–{found.line_end})")
        print(found.text)

    return emit(args, found, text)


def run_layers(args: argparse.Namespace) -> int:
    from geodata.feature_queries import layer_summaries
    from geodata.store import connect

    with connect(args.store) as db:
        summaries = layer_summaries(db)

    def text() -> None:
        for s in summaries:
            mix = ", ".join(f"{accuracy} {count}" for accuracy, count in s.accuracy.items())
            print(f"{s.name:<18} {s.group} / {s.title:<10} {s.geometry_type:<16} {s.features:4d}  ({mix})")

    return emit(args, summaries, text)


def run_show(args: argparse.Namespace) -> int:
    from geodata.feature_queries import find_feature, similar_names, targets_for
    from geodata.passages import passages_mentioning
    from geodata.store import connect

    with connect(args.store) as db:
        info = find_feature(db, args.name)
        if info is None:
            hint = similar_names(db, args.name)
            raise NotFound(f"no feature named {args.name!r}."
                           + (f" Did you mean: {', '.join(hint)}?" if hint else " List them with: layers"))
        passages = passages_mentioning(db, info.feature.id)
        goals = targets_for(db, info.feature.id)
    data = {"feature": info, "passages": passages, "targets": goals}

    def text() -> None:
        f = info.feature
        size = f"{info.area_km2} km²" if info.area_km2 is not None else f"{info.length_km} km"
        print(f"{f.name}  ({f.id}; {f.kind}; layer {f.layer}; {size})")
        print(f"  accuracy: {f.accuracy}{' 示意' if f.accuracy == 'schematic' else ''} — {f.note}")
        print(f"  districts: {'、'.join(f.districts)}  source: {f.source}")
        print(f"  targets: {len(goals)}")
        for t in goals:
            print(f"    {t.year or ''} {target_line(t)}")
        print(f"  passages: {len(passages)}")
        for p in passages:
            flag = "★ " if p.is_defining else ""
            print(f"    {flag}[{p.id}] {p.document_title} › {p.section_path}\n      {p.text[:160]}")

    return emit(args, data, text)


def run_where(args: argparse.Namespace) -> int:
    from geodata.feature_queries import features_at
    from geodata.store import connect

    with connect(args.store) as db:
        hits = features_at(db, args.lon, args.lat)

    def text() -> None:
        if not hits:
            print("No feature at that point.")
        for info in hits:
            print(f"{info.feature.id:<28} {info.feature.layer:<16} {info.feature.name}")

    return emit(args, hits, text)


def add_import_commands(command: Callable) -> None:
    """Bring your own data: import, link by hand, replace schematic features, manage imported layers."""
    sub = command("import", run_import, "import a GeoJSON, Shapefile, GeoPackage, KML/KMZ or CSV file as map layers")
    sub.add_argument("file", type=Path)
    sub.add_argument("--crs", help="the file's CRS when it does not declare one, e.g. EPSG:4547, EPSG:4526, "
                     "GCJ-02, BD-09 (overrides the file's)")
    sub.add_argument("--name-field", help="the attribute holding feature names (default: guessed, e.g. 名称/name)")
    sub.add_argument("--layer-name", help="the layer name in the store (default: the file or layer name)")
    sub.add_argument("--layers", help="for a GeoPackage or KML: the layers to import, comma-separated")
    for name, run, help_text in (("link", run_link, "link a feature to a passage or target by hand"),
                                 ("unlink", run_link, "remove a feature's link to a passage or target")):
        sub = command(name, run, help_text)
        sub.set_defaults(action=name)
        sub.add_argument("feature", metavar="FEATURE_ID")
        which = sub.add_mutually_exclusive_group(required=True)
        which.add_argument("--passage", type=int, metavar="ID")
        which.add_argument("--target", type=int, metavar="ID")
    sub = command("replace", run_replace, "let an imported feature replace a built-in (schematic) one")
    sub.add_argument("imported", metavar="IMPORTED_ID")
    sub.add_argument("schematic", metavar="SCHEMATIC_ID")
    sub = command("rename-layer", run_rename_layer, "rename an imported layer")
    sub.add_argument("old")
    sub.add_argument("new")
    sub = command("remove-layer", run_remove_layer, "remove an imported layer and its links")
    sub.add_argument("name")
    sub = command("style-layer", run_style_layer, "set a layer's colours, line width and label field")
    sub.add_argument("name")
    sub.add_argument("--stroke", metavar="#RRGGBB")
    sub.add_argument("--fill", metavar="#RRGGBB")
    sub.add_argument("--fill-opacity", type=float, metavar="0-1")
    sub.add_argument("--width", type=float, metavar="PX")
    sub.add_argument("--label-field", metavar="FIELD")
    sub = command("export-layer", run_export_layer, "export a layer with its links (.gpkg, .geojson or .csv)")
    sub.add_argument("name")
    sub.add_argument("--out", type=Path, required=True, metavar="FILE")
    sub.add_argument("--force", action="store_true", help="overwrite existing files")


def not_found_as_exit_3(run: Callable) -> object:
    from geodata.user_data import NotInStore

    try:
        return run()
    except NotInStore as error:
        raise NotFound(str(error)) from error


def print_progress(done: int, total: int) -> bool:
    if total and sys.stderr.isatty():
        print(f"\r{100 * done // total:3d}%", end="" if done < total else "\n", file=sys.stderr, flush=True)
    return True


def run_import(args: argparse.Namespace) -> int:
    from geodata.imports.importer import import_file

    layers = [name.strip() for name in args.layers.split(",") if name.strip()] if args.layers else None
    summary = import_file(args.store, args.file, crs=args.crs, name_field=args.name_field,
                          layer_name=args.layer_name, source_layers=layers, progress=print_progress)

    def text() -> None:
        s = summary
        print(f"Imported {s.imported} of {s.features_read} features from {s.source.name} in {s.seconds:.1f} s")
        for layer in s.layers:
            print(f"  layer {layer.name}: {layer.features} {layer.geometry_type}")
        if s.split_by_type:
            print("  the file mixes geometry types: one layer per type (面 polygons, 线 lines, 点 points)")
        print(f"  CRS: {s.crs}\n  encoding: {s.encoding}\n  name field: {s.name_field or '(none)'}")
        print(f"  repaired {s.repaired}, empty skipped {s.skipped_empty}, Z dropped {s.z_dropped}; "
              f"links found {s.links}")

    return emit(args, summary, text)


def run_link(args: argparse.Namespace) -> int:
    from geodata.user_data import link, unlink

    change = not_found_as_exit_3(lambda: (link if args.action == "link" else unlink)(
        args.store, args.feature, passage_id=args.passage, target_id=args.target))
    done = "Linked" if change.action == "link" else "Unlinked"
    return emit(args, change, lambda: print(f"{done} {change.feature_id} {'to' if change.action == 'link' else 'from'} "
                                            f"{change.kind} {change.row_id}"))


def run_replace(args: argparse.Namespace) -> int:
    from geodata.user_data import replace_schematic

    done = not_found_as_exit_3(lambda: replace_schematic(args.store, args.imported, args.schematic))
    return emit(args, done, lambda: print(
        f"{done.imported_id} replaces {done.schematic_id} (now hidden); took over {done.passages} passage and "
        f"{done.targets} target links"))


def run_rename_layer(args: argparse.Namespace) -> int:
    from geodata.imports.imported_layers import rename_layer

    name = not_found_as_exit_3(lambda: rename_layer(args.store, args.old, args.new))
    return emit(args, {"old": args.old, "new": name}, lambda: print(f"Renamed {args.old} to {name}"))


def run_remove_layer(args: argparse.Namespace) -> int:
    from geodata.imports.imported_layers import remove_layer

    count = not_found_as_exit_3(lambda: remove_layer(args.store, args.name))
    return emit(args, {"removed": args.name, "features": count},
                lambda: print(f"Removed {args.name} ({count} features) and its links"))


def run_style_layer(args: argparse.Namespace) -> int:
    from geodata.imports.imported_layers import set_layer_style
    from geodata.user_data import LayerStyleOverride

    style = LayerStyleOverride(args.stroke, args.fill, args.fill_opacity, args.width, args.label_field)
    not_found_as_exit_3(lambda: set_layer_style(args.store, args.name, style))
    return emit(args, style, lambda: print(f"Styled {args.name}"))


def run_export_layer(args: argparse.Namespace) -> int:
    from geodata.imports.imported_layers import export_layer

    done = not_found_as_exit_3(lambda: export_layer(args.store, args.name, args.out, args.force))
    return emit(args, done, lambda: print(
        f"Wrote {done.features} features to {done.path} and {done.links} links to "
        f"{done.links_path or done.path.name + ' (table ' + args.name + '_links)'}"))


def run_view(args: argparse.Namespace) -> int:
    from desktop.app import run_viewer

    return run_viewer(args.store)


if __name__ == "__main__":
    sys.exit(main())
