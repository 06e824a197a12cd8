"""The installed console command `plan-map` ([project.scripts] in pyproject.toml), run as a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def plan_map() -> str:
    """The command pip installed beside this Python (.venv/bin/plan-map, or Scripts\\plan-map.exe)."""
    found = shutil.which("plan-map", path=str(Path(sys.executable).parent))
    assert found, "plan-map is not installed: run `.venv/bin/python -m pip install -e .[test]` (run.sh does)"
    return found


def run(command: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([command, *args], capture_output=True, text=True, encoding="utf-8", env=env,
                          cwd=Path.home(), timeout=120)  # not the project folder: the installed package runs


def test_help(plan_map) -> None:
    result = run(plan_map, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: plan-map") and "documents" in result.stdout


def test_documents_json(plan_map, built_store: Path) -> None:
    result = run(plan_map, "documents", "--json", "--store", str(built_store))
    assert result.returncode == 0, result.stderr
    docs = json.loads(result.stdout)
    assert len(docs) == 5 and any("坪山区" in doc["title"] for doc in docs)


def test_an_unknown_command_is_exit_2(plan_map) -> None:
    result = run(plan_map, "nonsense")
    assert result.returncode == 2
    assert "usage: plan-map" in result.stderr and "Traceback" not in result.stderr
