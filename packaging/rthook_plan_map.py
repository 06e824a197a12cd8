"""PyInstaller runtime hook: runs in the frozen program before its own code.

QtWebEngine finds its helper process, resources and locales inside the bundle (not a Qt on the machine),
its sandbox is off when run as root (containers, CI), and on a system without a fontconfig setup the
bundled fontconfig still reads the usual font folders and the bundle's own fonts/ folder."""

import os
import sys
from pathlib import Path


def _configure() -> None:
    bundle = Path(sys._MEIPASS)
    qt = bundle / "PySide6" if sys.platform == "win32" else bundle / "PySide6" / "Qt"
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    process_name = "QtWebEngineProcess.exe" if sys.platform == "win32" else "QtWebEngineProcess"
    for variable, path in (
        ("QTWEBENGINEPROCESS_PATH", (qt if sys.platform == "win32" else qt / "libexec") / process_name),
        ("QTWEBENGINE_RESOURCES_PATH", qt / "resources"),
        ("QTWEBENGINE_LOCALES_PATH", qt / "translations" / "qtwebengine_locales"),
    ):
        if path.exists():
            os.environ[variable] = str(path)
    fonts_conf = bundle / "fontconfig" / "fonts.conf"
    if (sys.platform.startswith("linux") and "FONTCONFIG_FILE" not in os.environ
            and not Path("/etc/fonts/fonts.conf").is_file() and fonts_conf.is_file()):
        os.environ["FONTCONFIG_FILE"] = str(fonts_conf)


_configure()
