"""What the parser accepts: global options before or after the command, and usage errors as exit 2."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from cli.exits import EXIT_ERROR, EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, EXPLAINED_ERRORS, NOT_FOUND_ERRORS, exit_code
from cli.main import main


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("argv", [
    ("--store", "{store}", "--json", "documents"),
    ("--store", "{store}", "documents", "--json"),
    ("--json", "documents", "--store", "{store}"),
    ("documents", "--store", "{store}", "--json"),
])
def test_global_options_before_or_after_the_command(built_store: Path, capsys, argv) -> None:
    code, out, err = run(capsys, *(arg.format(store=built_store) for arg in argv))
    assert code == EXIT_OK, err
    assert len(json.loads(out)) == 5


def test_store_before_the_command_is_not_ignored(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "elsewhere.gpkg"
    code, _, err = run(capsys, "--store", str(missing), "documents")
    assert code == EXIT_ERROR
    assert str(missing) in err


def test_an_option_after_the_command_wins(built_store: Path, tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "--store", str(tmp_path / "none.gpkg"), "documents", "--store", str(built_store))
    assert code == EXIT_OK and "深圳市" in out


@pytest.mark.parametrize("argv", [
    ("nonsense",),
    ("documents", "--no-such-option"),
    ("passage", "not-a-number"),
    ("export",),  # --out is required
    ("export", "--out", "x.png", "--paper", "B5"),
    ("link", "ps-yanzihu"),  # --passage or --target is required
])
def test_usage_errors_exit_2_with_the_usage_line(capsys, argv) -> None:
    code, out, err = run(capsys, *argv)
    assert code == EXIT_USAGE
    assert "usage: plan-map" in err and "Traceback" not in err and out == ""


def test_help_lists_every_command_and_the_exit_codes(capsys) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == EXIT_OK
    for command in ("build", "add-plan", "documents", "search", "targets", "passage", "layers", "show", "where",
                    "import", "link", "unlink", "replace", "rename-layer", "remove-layer", "style-layer",
                    "export-layer", "export", "sheets", "view"):
        assert f"    {command}" in out
    assert "3 a name or id that is not in the store" in " ".join(out.split())


@pytest.mark.parametrize("qualified", sorted(NOT_FOUND_ERRORS | EXPLAINED_ERRORS))
def test_the_errors_the_handler_explains_exist(qualified: str) -> None:
    module, _, name = qualified.rpartition(".")
    assert issubclass(getattr(importlib.import_module(module), name), Exception)


def test_a_not_in_store_error_is_exit_3_and_a_bug_keeps_its_traceback() -> None:
    from geodata.user_data import NotInStore

    assert exit_code(NotInStore("no layer named 'x'")) == EXIT_NOT_FOUND
    assert exit_code(ValueError("a bug")) is None
