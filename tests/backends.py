"""The store on both backends: the seed store (tests/conftest.py's `built_store`) and a copy of it in a database of
the session's PostgreSQL cluster, made once. A test that only reads takes `either_store` and runs once on each:

    def test_documents(either_store):
        with connect(either_store) as db: ...

A module that makes a GeoPackage of its own (an imported layer) has it on both backends with `on_backend`:

    @pytest.fixture(scope="module", params=BACKENDS)
    def parcels(request, parcel_store):
        return on_backend(request, parcel_store)

Without PostgreSQL installed the "postgres" runs are skipped (pg_server says why), except on CI. Tests must not
write to either store: a test that writes copies the GeoPackage (or asks for pg_url) instead.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from pg_cluster import PgCluster

from geodata.store_address import PostgresAddress, StoreAddress
from geodata.store_copy import copy_store

BACKENDS = ("gpkg", "postgres")
SEED_DATABASE = "seed_store"
_copy_numbers = itertools.count(1)


def on_backend(request: pytest.FixtureRequest, gpkg: Path) -> StoreAddress:
    """For a fixture with params=BACKENDS: the GeoPackage store `gpkg` itself, or a copy of it in a new database
    of the session's cluster (dropped with the cluster)."""
    if request.param == "gpkg":
        return gpkg
    server: PgCluster = request.getfixturevalue("pg_server")
    address = PostgresAddress(server.new_database(f"copy{next(_copy_numbers)}"))
    copy_store(gpkg, address)
    return address


@pytest.fixture(scope="session")
def pg_built_store(built_store: Path, pg_server: PgCluster) -> PostgresAddress:
    """The seed store copied into a database (geodata.store_copy), once per session. Tests must not modify it."""
    address = PostgresAddress(pg_server.new_database(SEED_DATABASE))
    copy_store(built_store, address)
    return address


@pytest.fixture(scope="session", params=BACKENDS)
def either_store(request: pytest.FixtureRequest) -> StoreAddress:
    """The seed store as a GeoPackage path, then as a database address: for tests that only read."""
    return request.getfixturevalue("built_store" if request.param == "gpkg" else "pg_built_store")
