"""The command line as a user runs it: text and --json output, clear errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.exits import EXIT_ERROR, EXIT_NOT_FOUND, EXIT_OK
from cli.main import main
from geodata.feature_queries import features
from geodata.store import connect


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_documents_json_lists_the_five_plans(built_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "documents", "--store", str(built_store), "--json")
    assert code == EXIT_OK
    docs = json.loads(out)
    assert len(docs) == 5
    assert {"id", "title", "level", "district", "period", "kind", "sha256"} <= set(docs[0])


def test_search_prints_highlighted_snippets(built_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "search", "河套", "--store", str(built_store), "--limit", "3")
    assert code == EXIT_OK
    assert "【河套】" in out


def test_passage_by_id_shows_its_source_lines(built_store: Path, capsys) -> None:
    _, out, _ = run(capsys, "search", "燕子湖片区", "--store", str(built_store), "--json")
    passage_id = json.loads(out)[0]["passage_id"]
    code, out, _ = run(capsys, "passage", str(passage_id), "--store", str(built_store), "--json")
    assert code == EXIT_OK
    shown = json.loads(out)
    assert "燕子湖" in shown["text"] and shown["line_start"] >= 1


def test_targets_of_a_district_include_blank_cells_as_not_stated(built_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "targets", "--scope", "坪山区", "--store", str(built_store), "--json")
    assert code == EXIT_OK
    rows = json.loads(out)
    assert rows and all(row["scope"] == "坪山区" or row["document_id"] for row in rows)
    assert {"indicator", "value_text", "unit", "year", "binding", "is_result"} <= set(rows[0])


def test_unknown_passage_is_exit_code_3(built_store: Path, capsys) -> None:
    code, _, err = run(capsys, "passage", "999999", "--store", str(built_store))
    assert code == EXIT_NOT_FOUND
    assert "no passage" in err and "Traceback" not in err


def test_missing_store_is_a_clear_error(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "documents", "--store", str(tmp_path / "none.gpkg"))
    assert code == EXIT_ERROR
    assert "build" in err
    # the hint names commands that work: the console command, and run.sh
    assert f"plan-map build --store {tmp_path / 'none.gpkg'}" in err and "bash run.sh build" in err
    assert "main.py" not in err and "Traceback" not in err


def test_add_plan_with_a_missing_file_is_a_clear_error(built_store: Path, tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "add-plan", str(tmp_path / "nope.txt"), "--store", str(built_store))
    assert code == EXIT_ERROR
    assert "Cannot read" in err


def test_layers_lists_each_layer_with_its_accuracy_mix(built_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "layers", "--store", str(built_store), "--json")
    assert code == EXIT_OK
    layers = {layer["name"]: layer for layer in json.loads(out)}
    assert layers["districts"]["accuracy"]["surveyed"] == 10
    assert set(layers["key_areas"]["accuracy"]) == {"schematic"}
    assert layers["transport_lines"]["features"] > 10


def test_show_lists_the_defining_passage_first(built_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "show", "碧岭片区", "--store", str(built_store), "--json")
    assert code == EXIT_OK
    shown = json.loads(out)
    assert shown["feature"]["feature"]["accuracy"] == "schematic"
    assert shown["feature"]["area_km2"] == pytest.approx(5.24, rel=0.2)
    assert shown["passages"][0]["is_defining"] and "规划面积" in shown["passages"][0]["text"]


def test_show_an_unknown_name_suggests_similar_ones(built_store: Path, capsys) -> None:
    code, _, err = run(capsys, "show", "燕子湖片区规划", "--store", str(built_store))
    assert code == EXIT_NOT_FOUND
    assert "燕子湖片区" in err


def test_where_finds_the_district_and_key_area_at_a_point(built_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "where", "113.93", "22.52", "--store", str(built_store), "--json")
    assert code == EXIT_OK
    ids = [hit["feature"]["id"] for hit in json.loads(out)]
    # The point lies in 中部组团, 150 m from 南部组团: only the area that contains it is listed, before its district.
    assert {"district-nanshan", "ns-cluster-central"} <= set(ids) and "ns-cluster-south" not in ids
    assert ids.index("ns-cluster-central") < ids.index("district-nanshan")
    code, out, _ = run(capsys, "where", "0", "0", "--store", str(built_store))
    assert "No feature" in out


def test_show_an_unknown_name_without_similar_ones_says_how_to_find_it(built_store: Path, capsys) -> None:
    code, _, err = run(capsys, "show", "不存在的地方", "--store", str(built_store))
    assert code == EXIT_NOT_FOUND
    assert "plan-map search" in err


def test_export_layers_by_the_titles_the_window_shows(built_store: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "titles.png"
    code, out_text, err = run(capsys, "export", "--store", str(built_store), "--out", str(out), "--dpi", "50",
                              "--layers", "行政区,重点片区与平台", "--json")
    assert code == EXIT_OK, err
    written = json.loads(out_text)
    assert written["format"] == "png" and Path(written["path"]) == out and out.exists()
    assert written["pixel_size"] == [585, 413]  # A4 landscape at 50 dpi: the city is wider than tall


def test_an_unknown_layer_suggests_the_layer_and_its_title(built_store: Path, tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "export", "--store", str(built_store), "--out", str(tmp_path / "x.png"),
                       "--layers", "districts,重点片区")
    assert code == EXIT_NOT_FOUND
    assert "key_areas (重点片区与平台)" in err and "Traceback" not in err
    assert not (tmp_path / "x.png").exists()


def test_sheets_layer_by_its_title(built_store: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "yantian.pdf"
    code, text, err = run(capsys, "sheets", "--layer", "重点片区与平台", "--district", "盐田区", "--out", str(out),
                          "--store", str(built_store))
    assert code == EXIT_OK, err
    with connect(built_store) as db:
        in_yantian = [i for i in features(db, "key_areas") if "盐田区" in i.feature.districts]
    assert len(in_yantian) >= 2  # 盐田中心区, 沙头角深港国际消费合作区, and the bay
    assert f"Wrote {len(in_yantian)} sheets" in text and out.exists()
    code, _, err = run(capsys, "sheets", "--layer", "重点片区与平台", "--district", "不存在区",
                       "--out", str(tmp_path / "none.pdf"), "--store", str(built_store))
    assert code == EXIT_ERROR and "key_areas has no features in 不存在区" in err
