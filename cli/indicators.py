"""Commands about indicators: the catalogue with counts, one indicator compared across plans, and the
targets written to a spreadsheet (`targets --out`, whose other options are in cli/plans.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.exits import CommandFailed, NotFound
from cli.output import COMMAND, did_you_mean, emit
from cli.parser import Command

KINDS = ("target", "result", "baseline")


def add_commands(command: Command) -> None:
    sub = command("indicators", run_indicators,
                  "the indicator catalogue: each indicator with its unit, how many targets of which plans it links "
                  "and the names the plans use for it")
    sub.add_argument("--unlinked", action="store_true",
                     help="instead, the targets whose indicator is in no catalogue entry, by name, for review")
    sub = command("compare", run_compare,
                  "one indicator across plans and levels: every target, result and baseline, in a common unit")
    sub.add_argument("indicator", help="a name as any plan writes it (地区生产总值, 本市生产总值 …)")
    sub.add_argument("--map", type=Path, metavar="FILE",
                     help="also print a choropleth of the districts to FILE.png, .pdf or .svg")
    sub.add_argument("--kind", choices=KINDS, default="target", help="the figures the map shows (default target)")
    sub.add_argument("--year", type=int, help="the year the map shows (default: the latest a district gives)")
    sub.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def add_out_options(sub: argparse.ArgumentParser) -> None:
    """`targets --out FILE.csv|.xlsx [--force]`."""
    sub.add_argument("--out", type=Path, metavar="FILE",
                     help="write the targets with their indicators, common-unit values and sources (document, "
                          "section, passage id) to a .csv or .xlsx file")
    sub.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def run_indicators(args: argparse.Namespace) -> int:
    from geodata.indicators import indicator_counts, unlinked_names
    from geodata.store import connect

    with connect(args.store) as db:
        if args.unlinked:
            unlinked = unlinked_names(db)

            def text() -> None:
                print(f"{sum(u.targets for u in unlinked)} targets under {len(unlinked)} names are in no "
                      "catalogue entry (resources/indicators/catalogue.json):")
                for u in unlinked:
                    print(f"{u.targets:4d}  {u.indicator}  [{', '.join(u.document_ids)}]")

            return emit(args, unlinked, text)
        counts = indicator_counts(db)

    def catalogue_text() -> None:
        for c in counts:
            years = f"{c.years[0]}–{c.years[-1]}" if len(c.years) > 1 else "".join(map(str, c.years))
            print(f"{c.indicator.name}  [{c.indicator.category} · {c.indicator.unit}]  {c.targets} targets in "
                  f"{c.documents} documents  {'、'.join(c.scopes)}  {years}")
            if c.names:
                print(f"    written as: {'、'.join(c.names)}")

    return emit(args, counts, catalogue_text)


def run_compare(args: argparse.Namespace) -> int:
    from geodata.store import connect
    from layers.indicator_compare import UnknownIndicator, compare

    with connect(args.store) as db:
        try:
            comparison = compare(db, args.indicator)
        except UnknownIndicator as unknown:
            raise NotFound(f"no target measures {args.indicator!r}." + did_you_mean(
                unknown.similar, f"List the indicators with: {COMMAND} indicators")) from None
        if args.map:
            from layers.choropleth import ChoroplethError, choropleth, export_choropleth

            try:
                mapped = choropleth(db, args.indicator, args.kind, args.year)
            except ChoroplethError as error:
                raise CommandFailed(f"{error}; try another --kind or --year.") from None
            export_choropleth(db, mapped, args.map, overwrite=args.force)

    def text() -> None:
        linked = "" if comparison.linked else "  (no catalogue entry: names the rules merge)"
        print(f"{comparison.indicator}  [{comparison.category} · {comparison.unit}]{linked}")
        for r in comparison.rows:
            print(f"  {r.scope:<5} {r.year or '':<5} {r.kind_label}  {r.amount:<14} as written: {r.written}  "
                  f"({r.indicator_as_written})  [{r.document_id}]")
        for flag in comparison.flags:
            print(f"  * {flag}")
        if args.map:
            print(f"Map written to {args.map}")

    return emit(args, comparison, text)


def write_targets(args: argparse.Namespace) -> int:
    """`targets … --out FILE`: the filtered targets as a spreadsheet, with sources."""
    from geodata.store import connect
    from layers.indicator_table import indicator_rows, write_table

    with connect(args.store) as db:
        rows = indicator_rows(db, args.document, args.scope, kind=getattr(args, "kind", None),
                              year=getattr(args, "year", None))
    out = write_table(rows, args.out, overwrite=args.force)

    def text() -> None:
        print(f"Wrote {len(rows)} targets to {out}")

    return emit(args, {"path": out, "targets": len(rows)}, text)
