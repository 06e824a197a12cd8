"""`plan-map` (the console command), `python main.py` and `bash run.sh COMMAND` all start here."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.exits import EXIT_USAGE, CommandFailed, handled
from cli.output import COMMAND, configure_stdio
from cli.parser import build_parser


def main(argv: list[str] | None = None) -> int:
    """Run one command (the viewer when none is given) and return its exit code (see cli/exits.py)."""
    configure_stdio()
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as done:  # --help, or a usage error argparse has printed with its usage line
        return done.code if isinstance(done.code, int) else EXIT_USAGE
    return handled(lambda: run(args))


def run(args: argparse.Namespace) -> int:
    from geodata.store import default_store_path

    default = default_store_path()
    args.store = args.store or default
    if args.needs_store and isinstance(args.store, Path) and not args.store.exists():
        raise CommandFailed(missing_store(args.store, default))  # a database says so itself when it has none
    return args.run(args)


def missing_store(path: Path, default: Path) -> str:
    """What to run when there is no store yet: the command names the store only when it is not the default."""
    option = "" if path == default else f" --store {path}"
    return f"No store at {path}. Build it first: run `{COMMAND} build{option}` (or `bash run.sh build{option}`)."
