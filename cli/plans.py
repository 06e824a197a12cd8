"""Commands about the plan texts: build the store, add a plan, list documents, search, targets, one passage."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from cli.exits import NotFound
from cli.indicators import add_out_options, write_targets
from cli.output import COMMAND, emit, jsonable, target_line
from cli.parser import Command

TARGET_KINDS = ("target", "result", "baseline")


def add_commands(command: Command) -> None:
    sub = command("build", run_build, "(re)build the store from the plan documents and geometry", needs_store=False)
    sub.add_argument("--seeds", type=Path, metavar="DIR", help="folder of plan texts (default: ../shared/seeds)")
    sub = command("add-plan", run_add_plan, "add another plain-text plan to the store (building it if needed)",
                  needs_store=False)
    sub.add_argument("file", type=Path)
    sub.add_argument("--title", help="the plan's title, when the text does not state it")
    sub.add_argument("--level", choices=("city", "district"), help="city or district plan")
    sub.add_argument("--district", help="the district, e.g. 坪山区, for a district plan")
    command("documents", run_documents, "list the plan documents in the store")
    sub = command("search", run_search, "full-text search of the plan passages")
    sub.add_argument("text", help="words to find; 1, 2 or more characters; spaces separate terms")
    sub.add_argument("--limit", type=int, default=10, help="at most this many results (default 10)")
    sub = command("targets", run_targets, "list numeric targets")
    sub.add_argument("--document", metavar="ID", help="only targets of this document (see `documents`)")
    sub.add_argument("--scope", metavar="NAME", help="only targets for this district or place")
    sub.add_argument("--kind", choices=TARGET_KINDS,
                     help="target (a commitment), result (reported for a past period) or baseline")
    sub.add_argument("--year", type=int, help="only figures for this year, e.g. 2025")
    add_out_options(sub)
    sub = command("passage", run_passage, "show one passage with its source")
    sub.add_argument("id", type=int)


def run_build(args: argparse.Namespace) -> int:
    from geodata.build import build_store
    from geodata.round_trip import local_store

    with local_store(args.store, create=True) as path:  # a database store: built on a local copy, then copied in
        report = dataclasses.replace(build_store(path, args.seeds), path=args.store)

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
    from geodata.plans.plan_text import read_plan_file
    from geodata.round_trip import local_store

    try:
        content = read_plan_file(args.file)  # regular files only, size-checked: a FIFO must not hang it
    except OSError as error:
        raise PlanError(f"Cannot read {args.file}: {error.strerror}. Check the path.") from error
    plan = AddedPlan(args.file.name, content, args.title, args.level, args.district)
    with local_store(args.store, create=True) as path:
        report = build_store(path, new_plan=plan)
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

    if args.out:
        return write_targets(args)

    with connect(args.store) as db:
        rows = targets(db, args.document, args.scope, kind=args.kind, year=args.year)

    def text() -> None:
        for t in rows:
            print(f"{t.scope:<5} {t.year or '':<5} {target_line(t)}  [{t.document_id}"
                  f"{' ' + t.table_name if t.table_name else ''}]")

    return emit(args, [target_record(t) for t in rows], text)


def target_record(target: object) -> dict:
    """A target for --json: its fields, and `span`, the figure's [start, end) in its passage (null for a table
    row)."""
    record = jsonable(target)
    start, end = record.get("span_start"), record.get("span_end")
    record["span"] = [start, end] if start is not None and end is not None else None
    return record


def run_passage(args: argparse.Namespace) -> int:
    from geodata.passages import passage
    from geodata.store import connect

    with connect(args.store) as db:
        found = passage(db, args.id)
    if found is None:
        raise NotFound(f"no passage with id {args.id}. Find ids with: {COMMAND} search TEXT")

    def text() -> None:
        print(f"{found.document_title} › {found.section_path}  (lines {found.line_start}–{found.line_end})")
        print(found.text)

    return emit(args, found, text)
