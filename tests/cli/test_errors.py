"""Every failure of a command is a message and an exit code; a bug's traceback goes to a log file."""

from __future__ import annotations

import errno

import pytest

from cli.exits import EXIT_ERROR, handled
from geodata.error_log import LOG_ENV, LOG_NAME


def fail_with(error: BaseException):
    def run() -> int:
        raise error
    return run


def test_an_unexpected_error_is_logged_and_named_not_shown_as_a_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(LOG_ENV, str(tmp_path))
    assert handled(fail_with(RuntimeError("boom in the renderer"))) == EXIT_ERROR
    err = capsys.readouterr().err
    log = tmp_path / LOG_NAME
    assert "Traceback" not in err and str(log) in err and "boom in the renderer" in err
    assert "Traceback" in log.read_text(encoding="utf-8") and "RuntimeError" in log.read_text(encoding="utf-8")


def test_a_full_disk_says_so(capsys):
    full = OSError(errno.ENOSPC, "No space left on device", "/data/out.pdf")
    assert handled(fail_with(full)) == EXIT_ERROR
    assert capsys.readouterr().err.strip() == "error: No space left on device (/data/out.pdf)."


def test_running_out_of_memory_is_a_message(capsys):
    assert handled(fail_with(MemoryError())) == EXIT_ERROR
    assert "not enough memory" in capsys.readouterr().err


def test_a_log_folder_that_cannot_be_written_keeps_the_original_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(LOG_ENV, str(blocker / "logs"))  # a folder inside a file cannot be made
    with pytest.raises(RuntimeError, match="boom"):
        handled(fail_with(RuntimeError("boom")))


def test_import_text_output_says_what_was_wrong_with_the_file(built_store, tmp_path, capsys):
    import shutil
    from pathlib import Path

    from cli.main import main

    store = tmp_path / "store.gpkg"
    shutil.copyfile(built_store, store)
    broken = Path(__file__).resolve().parents[1] / "data" / "broken" / "infinity_among_valid.geojson"
    assert main(["import", str(broken), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "NaN/Infinity dropped 1" in out and "note:" in out
