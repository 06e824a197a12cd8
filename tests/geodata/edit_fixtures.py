"""Stores the edit tests may change, on both backends: a fresh copy per test of the seed store with one
imported layer, `official` (three points: official-1 市民中心, official-2 深圳湾公园, official-3 坪山中心区), as a
GeoPackage file or in a new database of the session's PostgreSQL cluster (geodata.store_copy).

    pytest_plugins = ("edit_fixtures",)  # in the test module: the fixtures store, database_store
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from backends import BACKENDS
from import_helpers import known_points, write

from geodata.imports.importer import import_file
from geodata.store_address import PostgresAddress, StoreAddress
from geodata.store_copy import copy_store


@pytest.fixture(scope="session")
def official_store(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed store with the imported layer `official`, made once; tests copy it."""
    folder = tmp_path_factory.mktemp("official")
    path = folder / "store.gpkg"
    shutil.copyfile(built_store, path)
    import_file(path, write(known_points("EPSG:4547"), folder / "official.shp", "EPSG:4547"))
    return path


def database_copy(request: pytest.FixtureRequest, gpkg: Path) -> PostgresAddress:
    address = PostgresAddress(request.getfixturevalue("pg_url"))
    copy_store(gpkg, address)
    return address


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, official_store: Path, tmp_path: Path) -> StoreAddress:
    """A copy of `official_store` for this test alone: a GeoPackage, then a database."""
    if request.param == "postgres":
        return database_copy(request, official_store)
    path = tmp_path / "store.gpkg"
    shutil.copyfile(official_store, path)
    return path


@pytest.fixture
def database_store(request: pytest.FixtureRequest, official_store: Path) -> PostgresAddress:
    """A copy of `official_store` in a new database, owned by the cluster's superuser."""
    return database_copy(request, official_store)
