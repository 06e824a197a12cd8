"""Where an unexpected error's traceback goes: a log file in the user's log folder, so the command line and
the window can show a one-line message that names the file instead of a bare traceback."""

from __future__ import annotations

import datetime
import os
import traceback
from pathlib import Path

import platformdirs

APP_NAME = "shenzhen-plan-map"
LOG_ENV = "PLAN_MAP_LOG_DIR"  # tests and locked-down machines point the log elsewhere
LOG_NAME = "plan-map.log"


def log_dir() -> Path:
    configured = os.environ.get(LOG_ENV)
    return Path(configured) if configured else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def write_error_log(error: BaseException, context: str = "") -> Path:
    """Append the error's traceback, with the time and what was being done, to the log; return the file."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    stamp = datetime.datetime.now().isoformat(timespec="seconds")
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    with path.open("a", encoding="utf-8") as log:
        log.write(f"--- {stamp} {context}\n{text}\n")
    return path
