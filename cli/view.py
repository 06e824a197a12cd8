"""The `view` command: the window (also what runs without a command)."""

from __future__ import annotations

import argparse

from cli.parser import Command


def add_commands(command: Command) -> None:
    command("view", run_view, "open the viewer window (the default); builds the store first if there is none",
            needs_store=False)


def run_view(args: argparse.Namespace) -> int:
    from desktop.app import run_viewer

    return run_viewer(args.store)
