"""The layers tests read the session's store (tests/conftest.py builds it once); none of them writes to it."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def store(built_store: Path) -> Path:
    return built_store
