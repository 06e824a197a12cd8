"""Commands for the user's own data: import files, link by hand, replace schematic features, manage layers.
A name or id not in the store (geodata's NotInStore) exits 3 through cli.exits, like every other command."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from cli.features import layer_named
from cli.output import emit, progress_printer
from cli.parser import Command, name_list
from geodata.store_address import StoreAddress


def add_commands(command: Command) -> None:
    sub = command("import", run_import, "import a GeoJSON, Shapefile, GeoPackage, KML/KMZ or CSV file as map layers")
    sub.add_argument("file", type=Path)
    sub.add_argument("--crs", help="the file's CRS when it does not declare one, e.g. EPSG:4547, EPSG:4526, "
                     "GCJ-02, BD-09 (overrides the file's)")
    sub.add_argument("--name-field", help="the attribute holding feature names (default: guessed, e.g. 名称/name)")
    sub.add_argument("--layer-name", help="the layer name in the store (default: the file or layer name)")
    sub.add_argument("--layers", type=name_list, metavar="L1,L2",
                     help="for a GeoPackage or KML: the file's layers to import, comma-separated")
    for name, help_text in (("link", "link a feature to a passage or target by hand"),
                            ("unlink", "remove a feature's link to a passage or target")):
        sub = command(name, run_link, help_text)
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
    sub.add_argument("name", help="the layer's id or its title in the window (e.g. key_areas or 重点片区与平台)")
    sub.add_argument("--stroke", metavar="#RRGGBB")
    sub.add_argument("--fill", metavar="#RRGGBB")
    sub.add_argument("--fill-opacity", type=float, metavar="0-1")
    sub.add_argument("--width", type=float, metavar="PX")
    sub.add_argument("--label-field", metavar="FIELD")
    sub = command("export-layer", run_export_layer, "export a layer with its links (.gpkg, .geojson or .csv)")
    sub.add_argument("name", help="the layer's id or its title in the window")
    sub.add_argument("--out", type=Path, required=True, metavar="FILE")
    sub.add_argument("--force", action="store_true", help="overwrite existing files")


def run_import(args: argparse.Namespace) -> int:
    from geodata.imports.importer import import_file
    from geodata.round_trip import local_store

    with local_store(args.store) as path:  # a database store: imported into a local copy, then copied back
        summary = dataclasses.replace(
            import_file(path, args.file, crs=args.crs, name_field=args.name_field, layer_name=args.layer_name,
                        source_layers=args.layers or None, progress=progress_printer("import")),
            store=args.store)

    def text() -> None:
        s = summary
        print(f"Imported {s.imported} of {s.features_read} features from {s.source.name} in {s.seconds:.1f} s")
        for layer in s.layers:
            print(f"  layer {layer.name}: {layer.features} {layer.geometry_type}")
        if s.split_by_type:
            print("  the file mixes geometry types: one layer per type (面 polygons, 线 lines, 点 points)")
        print(f"  CRS: {s.crs}\n  encoding: {s.encoding}\n  name field: {s.name_field or '(none)'}")
        print(f"  repaired {s.repaired}, empty skipped {s.skipped_empty}, Z dropped {s.z_dropped}, "
              f"NaN/Infinity dropped {s.non_finite_dropped}, collections split {s.collections_split}, "
              f"records lost {s.records_lost}; links found {s.links}")
        for note in s.notes:
            print(f"  note: {note}")

    return emit(args, summary, text)


def run_link(args: argparse.Namespace) -> int:
    from geodata.user_data import link, unlink

    change = (link if args.action == "link" else unlink)(
        args.store, args.feature, passage_id=args.passage, target_id=args.target)
    done, to = ("Linked", "to") if change.action == "link" else ("Unlinked", "from")
    return emit(args, change, lambda: print(f"{done} {change.feature_id} {to} {change.kind} {change.row_id}"))


def run_replace(args: argparse.Namespace) -> int:
    from geodata.user_data import replace_schematic

    done = replace_schematic(args.store, args.imported, args.schematic)
    return emit(args, done, lambda: print(
        f"{done.imported_id} replaces {done.schematic_id} (now hidden); took over {done.passages} passage and "
        f"{done.targets} target links"))


def run_rename_layer(args: argparse.Namespace) -> int:
    from geodata.imports.imported_layers import rename_layer

    name = rename_layer(args.store, args.old, args.new)
    return emit(args, {"old": args.old, "new": name}, lambda: print(f"Renamed {args.old} to {name}"))


def run_remove_layer(args: argparse.Namespace) -> int:
    from geodata.imports.imported_layers import remove_layer

    count = remove_layer(args.store, args.name)
    return emit(args, {"removed": args.name, "features": count},
                lambda: print(f"Removed {args.name} ({count} features) and its links"))


def run_style_layer(args: argparse.Namespace) -> int:
    from geodata.imports.imported_layers import set_layer_style
    from geodata.user_data import LayerStyleOverride

    style = LayerStyleOverride(args.stroke, args.fill, args.fill_opacity, args.width, args.label_field)
    layer = stored_layer(args.store, args.name)
    set_layer_style(args.store, layer, style)
    return emit(args, style, lambda: print(f"Styled {layer}"))


def run_export_layer(args: argparse.Namespace) -> int:
    from geodata.imports.imported_layers import export_layer

    layer = stored_layer(args.store, args.name)
    done = export_layer(args.store, layer, args.out, args.force)
    return emit(args, done, lambda: print(
        f"Wrote {done.features} features to {done.path} and {done.links} links to "
        f"{done.links_path or done.path.name + ' (table ' + layer + '_links)'}"))


def stored_layer(store: StoreAddress, name: str) -> str:
    from geodata.store import connect

    with connect(store) as db:
        return layer_named(db, name)
