"""Where the program's own data lives: resources/ (schematic geometry, plan catalogue, web page, translations)."""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parents[1] / "resources"
