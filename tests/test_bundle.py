"""What the planners' package relies on, checked without building it (packaging/smoke.sh runs the built one):
the resources found as installed package data, the window's --exit-when-ready, the glibc floor's readings and
the desktop entries launching the program from a folder with spaces, quotes and Chinese in its path."""

from __future__ import annotations

import ctypes
import ctypes.util
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"


def load_glibc_floor():
    spec = importlib.util.spec_from_file_location("glibc_floor", PACKAGING / "glibc_floor.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_resources_are_found_as_package_data_from_any_folder(tmp_path):
    code = "from geodata.resources import RESOURCES_DIR as r; print(r); print((r / 'web' / 'plan_map.js').is_file())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60,
                         env={**os.environ, "PYTHONPATH": ""})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [str(ROOT / "resources"), "True"]


@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs a display (run under xvfb-run)")
def test_view_exits_once_the_map_is_interactive(built_store, tmp_path):
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "view", "--exit-when-ready", "--store",
                          str(built_store)], capture_output=True, text=True, timeout=180, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    ready = re.search(r"^ready in (\d+\.\d\d) s$", out.stdout, re.MULTILINE)
    assert ready, out.stdout
    assert 0 < float(ready[1]) < 180


def test_glibc_floor_readings_agree_and_keep_the_wheels_promise():
    pytest.importorskip("elftools", reason='pyelftools comes with the test and bundle extras')
    if shutil.which("objdump") is None:
        pytest.skip("objdump (binutils) is not installed")
    floor = load_glibc_floor()
    import PySide6

    core = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libQt6Core.so.*"))
    assert floor.glibc_versions(core) == floor.objdump_versions(core)
    tag = next(t for t in floor.wheel_tags("PySide6-Essentials") if t.startswith("manylinux_"))
    promised = tuple(int(n) for n in tag.split("_")[1:3])
    needs = floor.glibc_needs(core.parent)
    assert needs and (2, 17) <= max(needs.values()) <= promised


def launch(entry: Path) -> None:
    """Start a desktop entry as GLib-based file managers and menus do (gio's own `launch` command does not
    pass the entry's location, %k)."""
    gio = ctypes.CDLL("libgio-2.0.so.0")
    gio.g_desktop_app_info_new_from_filename.restype = ctypes.c_void_p
    gio.g_desktop_app_info_new_from_filename.argtypes = [ctypes.c_char_p]
    gio.g_app_info_launch.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    info = gio.g_desktop_app_info_new_from_filename(os.fsencode(entry))
    assert info and gio.g_app_info_launch(info, None, None, None), entry


def launched(marker: Path) -> str:
    for _ in range(100):
        if marker.exists() and marker.read_text(encoding="utf-8"):
            return marker.read_text(encoding="utf-8").strip()
        time.sleep(0.05)
    return ""


@pytest.mark.skipif(ctypes.util.find_library("gio-2.0") is None, reason="GLib's libgio (desktop entries) is missing")
def test_desktop_entries_start_the_program_beside_them(tmp_path):
    folder = tmp_path / 'plan map "深圳" $HOME'
    folder.mkdir()
    marker = tmp_path / "marker"
    program = folder / "plan-map"
    program.write_text(f'#!/bin/sh\necho "$0" > "{marker}"\n', encoding="utf-8")
    program.chmod(0o755)
    for name in ("plan-map.desktop", "install-desktop-entry.sh"):
        shutil.copyfile(PACKAGING / name, folder / name)

    launch(folder / "plan-map.desktop")  # double-clicked in the unpacked folder
    assert launched(marker) == str(program)

    marker.unlink()
    data = tmp_path / "data"
    subprocess.run(["sh", str(folder / "install-desktop-entry.sh")], check=True, timeout=30,
                   env={**os.environ, "XDG_DATA_HOME": str(data)})
    entry = data / "applications" / "plan-map.desktop"
    assert f"Icon={folder}/plan-map.svg" in entry.read_text(encoding="utf-8").splitlines()
    launch(entry)  # chosen in the applications menu
    assert launched(marker) == str(program)
