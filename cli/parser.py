"""The argparse tree: global options, then one subcommand per thing a user can do, grouped by area.

`--store` and `--json` are accepted before or after the command (`plan-map --store X documents` and
`plan-map documents --store X` mean the same): the top parser gives them their defaults, and each command
repeats them with no default of its own, so a command never overwrites what came before it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from cli.output import COMMAND
from geodata.store_address import StoreAddress, store_address

Command = Callable[..., argparse.ArgumentParser]  # command(name, run, help_text, *, needs_store=True)


def global_options(*, after_command: bool = False) -> argparse.ArgumentParser:
    """--store and --json; after a command's name they have no default, so they never undo the ones before it."""
    options = argparse.ArgumentParser(add_help=False)
    keep = {"default": argparse.SUPPRESS} if after_command else {}
    options.add_argument("--store", type=store_option, metavar="PATH|URL",
                         help="the store: a GeoPackage file (default: plan-map.gpkg in your user data folder) or a "
                              "PostgreSQL database, postgresql://USER@HOST:5432/DATABASE (the password from "
                              "PGPASSWORD or ~/.pgpass)", **keep)
    options.add_argument("--json", action="store_true", help="machine-readable output", **keep)
    return options


def store_option(text: str) -> StoreAddress:
    """A --store value (or a `copy` argument): a GeoPackage path or a PostgreSQL URL; a URL that names no
    database is a usage error that says how to write one."""
    try:
        return store_address(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def build_parser() -> argparse.ArgumentParser:
    from cli import export, features, indicators, plans, stores, user_data, view

    parser = argparse.ArgumentParser(
        prog=COMMAND, parents=[global_options()],
        description="Shenzhen plan map: a map viewer for Shenzhen's district plans. Without a command it opens "
                    "the viewer.",
        epilog=f"`{COMMAND} COMMAND --help` describes a command. Exit codes: 0 done, 1 an error the message "
               "explains, 2 wrong usage, 3 a name or id that is not in the store.",
    )
    parser.set_defaults(run=view.run_view, needs_store=False)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    after_command = global_options(after_command=True)

    def command(name: str, run: Callable[[argparse.Namespace], int], help_text: str, *,
                needs_store: bool = True) -> argparse.ArgumentParser:
        """A subcommand; `needs_store` False for those that build the store when there is none."""
        sub = commands.add_parser(name, parents=[after_command], help=help_text, description=help_text)
        sub.set_defaults(run=run, needs_store=needs_store)
        return sub

    for area in (view, plans, indicators, features, user_data, export, stores):
        area.add_commands(command)
    return parser


def name_list(text: str) -> list[str]:
    """A comma-separated list (ASCII or full-width commas) as its non-empty, trimmed names."""
    return [name.strip() for name in text.replace("，", ",").split(",") if name.strip()]
