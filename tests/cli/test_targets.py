"""`targets` as a user filters it: by kind, year and scope, with the figure's span in its passage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.exits import EXIT_OK, EXIT_USAGE
from cli.main import main


def run_json(capsys: pytest.CaptureFixture, store: Path, *argv: str) -> list[dict]:
    code = main(["targets", "--store", str(store), "--json", *argv])
    assert code == EXIT_OK
    return json.loads(capsys.readouterr().out)


def test_kind_picks_results_of_the_past_period(built_store: Path, capsys) -> None:
    results = run_json(capsys, built_store, "--scope", "南山区", "--kind", "result")
    assert results and all(row["kind"] == "result" and row["is_result"] for row in results)
    commitments = run_json(capsys, built_store, "--scope", "南山区", "--kind", "target")
    assert commitments and all(row["kind"] == "target" and not row["is_result"] for row in commitments)
    everything = run_json(capsys, built_store, "--scope", "南山区")
    assert len(everything) >= len(results) + len(commitments)
    assert run_json(capsys, built_store, "--scope", "坪山区", "--kind", "baseline")


def test_year_and_scope_narrow_together(built_store: Path, capsys) -> None:
    rows = run_json(capsys, built_store, "--scope", "坪山区", "--year", "2025")
    assert rows and all(row["year"] == 2025 for row in rows)
    assert any(row["indicator"] == "地区生产总值" and row["value"] == 1250 for row in rows)
    assert not run_json(capsys, built_store, "--scope", "坪山区", "--year", "1990")


def test_json_fields_and_the_figure_span(built_store: Path, capsys) -> None:
    rows = run_json(capsys, built_store, "--scope", "坪山区")
    assert {"comparator", "kind", "is_result", "category", "span", "period", "value_max"} <= set(rows[0])
    prose = [row for row in rows if row["span"] is not None]
    table = [row for row in rows if row["table_name"]]
    assert prose and table and all(row["span"] is None for row in table)
    for row in prose[:20]:
        assert main(["passage", str(row["passage_id"]), "--store", str(built_store), "--json"]) == EXIT_OK
        text = json.loads(capsys.readouterr().out)["text"]
        start, end = row["span"]
        number = row["value_text"].split("-")[0]
        assert number in text[start:end], (row["indicator"], text[start:end])
    ranges = [row for row in run_json(capsys, built_store) if row["comparator"] == "between"]
    assert ranges and all(row["value_max"] > row["value"] for row in ranges)


def test_text_output_shows_each_unit_once(built_store: Path, capsys) -> None:
    assert main(["targets", "--store", str(built_store)]) == EXIT_OK
    out = capsys.readouterr().out
    for doubled in ("% %", "（亿元） 亿元", "万亿元 万亿元", "%%"):
        assert doubled not in out
    assert "26000 亿元" in out  # written 26000（亿元） in the city plan's table


def test_an_unknown_kind_is_a_usage_error(built_store: Path, capsys) -> None:
    assert main(["targets", "--store", str(built_store), "--kind", "wish"]) == EXIT_USAGE
    assert "target" in capsys.readouterr().err
