"""Fixtures shared by all test folders: the seed plans and one store built from them."""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from backends import either_store, pg_built_store  # noqa: F401  (the store on both backends)
from pg_cluster import PgCluster, PgUnavailable

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


# PostgreSQL: one throwaway cluster per session, started by the first test that asks for it.
_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgCluster]:
    """A PostgreSQL 15 + PostGIS cluster (tests/pg_cluster.py). Without PostgreSQL installed the tests that
    need it are skipped, except on CI (CI=true), where that is a failure: CI must run them."""
    try:
        cluster = PgCluster()
    except PgUnavailable as missing:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{missing} (CI=true: the PostgreSQL tests must run, not be skipped)", pytrace=False)
        pytest.skip(str(missing))
    with cluster:
        yield cluster


@pytest.fixture
def pg_url(pg_server: PgCluster, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh PostGIS database for this test, named after it; the URL logs in as the superuser (its owner).
    For another role: pg_cluster.url_for_role(pg_url, pg_cluster.READER_ROLE)."""
    slug = re.sub(r"[^a-z0-9]+", "_", request.node.name.lower()).strip("_")
    name = f"t{next(_database_numbers)}_{slug}"[:63]
    url = pg_server.new_database(name)
    yield url
    pg_server.drop_database(name)
