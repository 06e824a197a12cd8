"""Fixtures for the plan-text parser tests: the five seed parsed_seeds, parsed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata.plans.parser import parse_plan
from geodata.plans.plan import ParsedPlan

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


@pytest.fixture(scope="session")
def parser_seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed parsed_seeds not found at {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def parsed_seeds(parser_seeds_dir: Path) -> dict[str, ParsedPlan]:
    """Parsed seeds keyed by their three-digit prefix ("000" … "004")."""
    return {path.name[:3]: parse_plan(path) for path in sorted(parser_seeds_dir.glob("*.txt"))}
