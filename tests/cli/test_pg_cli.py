"""The command line on a database store (team mode), run as a user runs it: `--store postgresql://…` for
building, reading and importing, `copy` both ways, and one clear line for a wrong URL or a server that is
not there."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

MAIN = Path(__file__).resolve().parents[2] / "main.py"
PARKS = {
    "type": "FeatureCollection",
    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
    "features": [{"type": "Feature", "properties": {"名称": "团队测试公园", "面积": 12.5},
                  "geometry": {"type": "Polygon", "coordinates": [[[114.30, 22.70], [114.31, 22.70],
                                                                   [114.31, 22.71], [114.30, 22.71],
                                                                   [114.30, 22.70]]]}}],
}


def plan_map(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, str(MAIN), *args], capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=300)


def ok(*args: str) -> str:
    result = plan_map(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def one_line_error(result: subprocess.CompletedProcess, code: int) -> str:
    assert result.returncode == code, (result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def built_database(pg_server) -> str:
    """A store built straight into an empty database by `plan-map build --store URL`, once for the module's
    reading tests (they must not change it)."""
    url = pg_server.new_database("cli_built")
    out = ok("build", "--store", url)
    assert out.startswith("Built postgresql://") and "links:" in out
    return url


def test_reading_commands_on_a_built_database(built_database: str, built_store: Path) -> None:
    """Each answers as on the GeoPackage built from the same plans."""
    def both(*args: str) -> tuple[object, object]:
        return (json.loads(ok(*args, "--json", "--store", built_database)),
                json.loads(ok(*args, "--json", "--store", str(built_store))))

    docs, expected = both("documents")
    assert len(docs) == 5 and docs == expected
    hits, expected = both("search", "河套", "--limit", "5")
    assert hits and [h["passage_id"] for h in hits] == [h["passage_id"] for h in expected]
    shown, expected = both("show", "坪山区")
    assert shown["feature"]["feature"]["id"] == "district-pingshan" and shown["targets"]
    assert [t["id"] for t in shown["targets"]] == [t["id"] for t in expected["targets"]]
    assert [p["id"] for p in shown["passages"]] == [p["id"] for p in expected["passages"]]
    hits, expected = both("where", "114.35", "22.70")
    assert "district-pingshan" in {hit["feature"]["id"] for hit in hits}
    assert [h["feature"]["id"] for h in hits] == [h["feature"]["id"] for h in expected]
    rows, expected = both("targets", "--scope", "坪山区")
    assert rows and rows == expected


def test_build_and_import_into_a_database_then_show_the_imported_feature(pg_url: str, tmp_path: Path) -> None:
    ok("build", "--store", pg_url)
    source = tmp_path / "parks.geojson"
    source.write_text(json.dumps(PARKS, ensure_ascii=False), encoding="utf-8")
    summary = json.loads(ok("import", str(source), "--json", "--store", pg_url))
    assert summary["imported"] == 1 and summary["store"] == pg_url
    shown = json.loads(ok("show", "团队测试公园", "--json", "--store", pg_url))
    assert shown["feature"]["feature"]["layer"] == "parks" and shown["feature"]["feature"]["districts"]
    ok("build", "--store", pg_url)  # a rebuild of a database store keeps its imported layers
    assert "团队测试公园" in ok("show", "parks-1", "--store", pg_url)


def test_copy_both_ways(built_store: Path, pg_url: str, tmp_path: Path) -> None:
    copied = json.loads(ok("copy", str(built_store), pg_url, "--json"))
    assert copied["feature_layers"] == 6 and copied["rows"] > 1000
    assert len(json.loads(ok("documents", "--json", "--store", pg_url))) == 5
    back = tmp_path / "back.gpkg"
    assert "Copied" in ok("copy", pg_url, str(back))
    assert "【河套】" in ok("search", "河套", "--store", str(back))
    refused = one_line_error(plan_map("copy", pg_url, str(back)), 1)
    assert "--replace" in refused
    ok("copy", pg_url, str(back), "--replace")


def test_copy_into_a_database_that_has_a_store_needs_replace(built_store: Path, pg_url: str) -> None:
    ok("copy", str(built_store), pg_url)
    refused = one_line_error(plan_map("copy", str(built_store), pg_url), 1)
    assert "already holds a store" in refused and "--replace" in refused
    ok("copy", str(built_store), pg_url, "--replace")


def test_a_url_without_a_database_is_a_usage_error() -> None:
    result = plan_map("documents", "--store", "postgresql://planner@gis-server")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "names no database" in result.stderr and "postgresql://USER@HOST:5432/DATABASE" in result.stderr


def test_a_server_that_is_not_there_is_one_line(tmp_path: Path) -> None:
    url = f"postgresql://planner:secret@/planmap?host={tmp_path}&port=5999"
    line = one_line_error(plan_map("documents", "--store", url), 1)
    assert "Cannot reach the database store" in line and "server is running" in line
    assert "secret" not in line
    line = one_line_error(plan_map("build", "--store", url), 1)
    assert "Cannot reach the database store" in line


def test_a_database_without_a_store_says_how_to_make_one(pg_url: str) -> None:
    line = one_line_error(plan_map("documents", "--store", pg_url), 1)
    assert "holds no plan-map store" in line and "plan-map build --store" in line


def test_only_the_stores_owner_may_rewrite_it(built_store: Path, pg_url: str, tmp_path: Path) -> None:
    """Build, add-plan and import replace a database store as a whole: another role is told so before any
    work is done, and nothing changes."""
    from pg_cluster import EDITOR_ROLE, url_for_role

    editor = url_for_role(pg_url, EDITOR_ROLE)
    line = one_line_error(plan_map("build", "--store", editor), 1)
    assert f"role {EDITOR_ROLE} may not create tables" in line
    ok("copy", str(built_store), pg_url)
    source = tmp_path / "parks.geojson"
    source.write_text(json.dumps(PARKS, ensure_ascii=False), encoding="utf-8")
    line = one_line_error(plan_map("import", str(source), "--store", editor), 1)
    assert "may not rewrite the store" in line and "only its owner postgres may" in line
    assert "parks" not in ok("layers", "--store", pg_url)
