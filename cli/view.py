"""The `view` command: the window (also what runs without a command)."""

from __future__ import annotations

import argparse
import os
import time

from cli.parser import Command

_IMPORTED = time.monotonic()


def add_commands(command: Command) -> None:
    view = command("view", run_view, "open the viewer window (the default); builds the store first if there is none",
                   needs_store=False)
    view.add_argument("--exit-when-ready", action="store_true",
                      help="exit (0) once the map is interactive, after printing 'ready in X s' counted from the "
                           "process's start: for smoke tests and timing")


def seconds_since_start() -> float:
    """Wall-clock seconds since this process started (Linux: from /proc, so a bundle's loader counts too;
    elsewhere since the command line was read)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat, open("/proc/uptime", encoding="ascii") as uptime:
            fields = stat.read().rpartition(")")[2].split()
            now = float(uptime.read().split()[0])
        return now - int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22, starttime, in clock ticks after boot
    except (OSError, ValueError, IndexError):
        return time.monotonic() - _IMPORTED


def run_view(args: argparse.Namespace) -> int:
    from desktop.app import run_viewer

    def report_ready() -> None:
        print(f"ready in {seconds_since_start():.2f} s", flush=True)

    return run_viewer(args.store, on_ready=report_ready if getattr(args, "exit_when_ready", False) else None)
