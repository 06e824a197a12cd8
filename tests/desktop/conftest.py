"""pytest-qt fixtures: a real QWebEngineView over a store built once from the seed plans."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from desktop.app import install_translator, prepare_environment  # noqa: E402
from geodata.search import index_names  # noqa: E402

prepare_environment()  # registers the mbtiles: scheme before any QtWebEngine object exists

from PySide6.QtCore import QSettings  # noqa: E402
from viewer_helpers import HOSTILE_NAME, open_window  # noqa: E402


@pytest.fixture
def chinese(qapp, monkeypatch):
    """The translations the viewer installs by default (no language chosen, whatever the locale)."""
    monkeypatch.delenv("PLAN_MAP_LOCALE", raising=False)
    translators = install_translator(qapp, QSettings())
    yield
    for translator in translators or ():
        qapp.removeTranslator(translator)


@pytest.fixture(scope="session")
def viewer_store(built_store: Path) -> Path:
    """The real store, built once per session (tests/conftest.py builds it into tmp_path_factory)."""
    return built_store


@pytest.fixture(scope="session")
def hostile_store(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the store where a district and a key area carry a name that is HTML markup.

    Written through GDAL (geopandas/pyogrio), as an import would, never through plain sqlite3."""
    import geopandas as gpd

    path = tmp_path_factory.mktemp("hostile") / "plan-map.gpkg"
    shutil.copyfile(built_store, path)
    for layer, feature_id in (("districts", "district-pingshan"), ("key_areas", "ps-yanzihu")):
        frame = gpd.read_file(path, layer=layer, engine="pyogrio")
        frame.loc[frame["id"] == feature_id, "name"] = HOSTILE_NAME
        frame.to_file(path, layer=layer, driver="GPKG", engine="pyogrio")
    with closing(sqlite3.connect(path)) as db, db:
        index_names(db, ["districts", "key_areas"])  # as the program's own edits keep the name index
    return path


@pytest.fixture
def window(qtbot, viewer_store: Path, tmp_path: Path):
    win = open_window(qtbot, viewer_store, tmp_path)
    yield win
    win.close()
