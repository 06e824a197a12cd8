"""The `copy` command: a whole store from a GeoPackage into a PostgreSQL database (team mode), or back.

    plan-map copy plan-map.gpkg postgresql://planner@gis-server/planmap
    plan-map copy postgresql://planner@gis-server/planmap office.gpkg --replace
"""

from __future__ import annotations

import argparse

from cli.output import emit, progress_printer
from cli.parser import Command, store_option


def add_commands(command: Command) -> None:
    sub = command("copy", run_copy, "copy a whole store from a GeoPackage into a PostgreSQL database, or from a "
                  "database into a GeoPackage", needs_store=False)
    sub.add_argument("source", type=store_option, metavar="SRC", help="a GeoPackage file or a postgresql:// URL")
    sub.add_argument("target", type=store_option, metavar="DST", help="a GeoPackage file or a postgresql:// URL")
    sub.add_argument("--replace", action="store_true",
                     help="overwrite the store already at DST (its links and imported layers too)")


def run_copy(args: argparse.Namespace) -> int:
    from geodata.store_copy import copy_store

    report = copy_store(args.source, args.target, replace=args.replace, progress=progress_printer("copy"))
    return emit(args, {"source": str(args.source), "target": str(args.target), **vars(report)}, lambda: print(
        f"Copied {report.tables} tables ({report.feature_layers} feature layers, {report.rows} rows) from "
        f"{args.source} to {args.target}"))
