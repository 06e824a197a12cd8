"""Where the program's own data lives: the `resources` package (schematic geometry, district boundaries, plan
catalogue, web page, translations), found through importlib.resources so a wheel, a frozen bundle and the
source tree all work."""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from importlib.resources import as_file, files
from pathlib import Path


def _resources_dir() -> Path:
    """resources/ as a real folder: QtWebEngine, QTranslator and GDAL open its files by path."""
    root = files("resources")
    if isinstance(root, Path):  # source tree, wheel, PyInstaller bundle
        return root
    stack = ExitStack()  # a zipped install: unpacked once, for the life of the process
    atexit.register(stack.close)
    return stack.enter_context(as_file(root))


RESOURCES_DIR = _resources_dir()
