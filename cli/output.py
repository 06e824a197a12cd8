"""What a command prints: text for people or JSON (--json), a progress counter, "did you mean" hints."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from cli.exits import EXIT_OK
from geodata.store_address import PostgresAddress

COMMAND = "plan-map"  # the console command messages tell the user to run (`bash run.sh …` runs the same)


def configure_stdio() -> None:
    """Chinese output must not crash on a console whose encoding cannot show it (Windows cp936 is fine)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def emit(args: argparse.Namespace, data: object, text: Callable[[], None]) -> int:
    """`data` as JSON with --json, else `text()` prints it for people."""
    if args.json:
        print(json.dumps(jsonable(data), ensure_ascii=False, indent=2))
    else:
        text()
    return EXIT_OK


def jsonable(data: object) -> object:
    if isinstance(data, PostgresAddress):
        return data.shown  # never the password
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        return {f.name: jsonable(getattr(data, f.name)) for f in dataclasses.fields(data)}
    if isinstance(data, (list, tuple)):
        return [jsonable(item) for item in data]
    if isinstance(data, dict):
        return {str(key): jsonable(value) for key, value in data.items()}
    if isinstance(data, Path):
        return str(data)
    return data


def progress_printer(label: str) -> Callable[[int, int], bool]:
    """A counter on stderr that rewrites its line, only on a terminal: in a log it would be noise.
    It never cancels (returns True), so it fits every `progress(done, total)` parameter."""

    def show(done: int, total: int) -> bool:
        if total and sys.stderr.isatty():
            print(f"\r{label}: {100 * done // total:3d}% ({done}/{total})", end="" if done < total else "\n",
                  file=sys.stderr, flush=True)
        return True

    return show


def did_you_mean(similar: Iterable[str], otherwise: str = "") -> str:
    """The end of a not-found message: the similar names, or `otherwise` when there are none."""
    names = list(similar)
    if names:
        return f" Did you mean: {', '.join(names)}?"
    return f" {otherwise}" if otherwise else ""


def target_line(target: object) -> str:
    """One target as a line of text, the way the feature panel shows it."""
    from layers.feature_sheet import target_row

    row = target_row(target)
    return f"{row.indicator}: {row.value_with_unit}  {row.binding}".rstrip()
