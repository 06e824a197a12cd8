"""Fixtures shared by all test folders: the seed plans and one store built from them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from geodata.build import build_store, default_seeds_dir

os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return default_seeds_dir()


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once from the five seed plans and the built-in geometry. Tests must not modify it."""
    path = tmp_path_factory.mktemp("store") / "plan-map.gpkg"
    build_store(path)
    return path
