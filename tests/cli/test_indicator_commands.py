"""indicators, compare and targets --out as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from cli.exits import EXIT_NOT_FOUND, EXIT_OK
from cli.main import main


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def documents_by_title(store: Path, capsys) -> dict[str, dict]:
    _, out, _ = run(capsys, "documents", "--store", str(store), "--json")
    return {doc["id"]: doc for doc in json.loads(out)}


def test_compare_gdp_covers_the_city_pingshan_and_nanshan_in_one_unit(built_store: Path, capsys) -> None:
    docs = documents_by_title(built_store, capsys)
    code, out, _ = run(capsys, "compare", "地区生产总值", "--store", str(built_store), "--json")
    assert code == EXIT_OK
    comparison = json.loads(out)
    assert comparison["indicator"] == "地区生产总值" and comparison["unit"] == "亿元"
    rows = comparison["rows"]
    assert {"深圳市", "坪山区", "南山区"} <= {row["scope"] for row in rows}
    city_plan = [row for row in rows if "第十三个五年规划纲要" in docs[row["document_id"]]["title"]]
    assert any(row["year"] == 2020 and row["kind"] == "target" and row["value"] == 26000 for row in city_plan)
    nanshan = next(row for row in rows if row["scope"] == "南山区" and row["year"] == 2025)
    assert nanshan["value"] == 10000 and nanshan["unit"] == "亿元"
    assert "1" in nanshan["written"] and "万亿元" in nanshan["written"]
    pingshan = next(row for row in rows if row["scope"] == "坪山区" and row["kind"] == "target")
    assert pingshan["value"] == 1250 and docs[pingshan["document_id"]]["district"] == "坪山区"


def test_compare_rd_intensity_shows_the_city_beside_pingshan(built_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "compare", "研发经费投入占GDP比例", "--store", str(built_store), "--json")
    assert code == EXIT_OK
    rows = json.loads(out)["rows"]
    city = [row for row in rows if row["scope"] == "深圳市" and row["year"] == 2020 and row["kind"] == "target"]
    assert city and all(row["value"] == 4.25 and row["unit"] == "%" for row in city)
    assert "全社会研发支出占GDP比重" in {row["indicator_as_written"] for row in city}
    pingshan = next(row for row in rows if row["scope"] == "坪山区" and row["kind"] == "target")
    assert (pingshan["year"], pingshan["value"], pingshan["comparator"]) == (2025, 5, ">=")

    code, out, _ = run(capsys, "compare", "研发经费投入占GDP比例", "--store", str(built_store))
    lines = out.splitlines()
    assert any("深圳市" in line and "4.25%" in line and "2020" in line for line in lines)
    assert any("坪山区" in line and "≥5%" in line and "2025" in line for line in lines)


def test_compare_states_where_a_district_differs_from_the_city(built_store: Path, capsys) -> None:
    _, out, _ = run(capsys, "compare", "人均GDP", "--store", str(built_store), "--json")
    flags = json.loads(out)["flags"]
    assert any(flag.startswith("坪山区目标 19.23万元（2025年），高于全市目标 17.6万元") for flag in flags), flags


def test_unknown_indicator_is_exit_3_with_suggestions(built_store: Path, capsys) -> None:
    code, _, err = run(capsys, "compare", "研发投入强度占比", "--store", str(built_store))
    assert code == EXIT_NOT_FOUND
    assert "研发经费投入占地区生产总值比重" in err and "Traceback" not in err


def test_indicators_lists_the_catalogue_with_counts_and_the_unlinked(built_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "indicators", "--store", str(built_store), "--json")
    assert code == EXIT_OK
    counts = {entry["indicator"]["name"]: entry for entry in json.loads(out)}
    assert counts["地区生产总值"]["targets"] >= 8 and "经济总量" in counts["地区生产总值"]["names"]
    code, out, _ = run(capsys, "indicators", "--unlinked", "--store", str(built_store), "--json")
    unlinked = {entry["indicator"] for entry in json.loads(out)}
    assert "律师" in unlinked and "本地生产总值" not in unlinked


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_targets_out_reads_back_with_sources(built_store: Path, capsys, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"targets{suffix}"
    code, _, _ = run(capsys, "targets", "--out", str(out), "--store", str(built_store))
    assert code == EXIT_OK
    table = pd.read_csv(out, encoding="utf-8-sig") if suffix == ".csv" else pd.read_excel(out)
    _, listed, _ = run(capsys, "targets", "--store", str(built_store), "--json")
    assert len(table) == len(json.loads(listed))
    sources = {"文件", "章节", "段落编号"}
    assert {"指标", "原文指标", "统一单位数值", "统一单位", "约束性/预期性"} | sources <= set(table.columns)
    nanshan = table[(table["原文指标"] == "本地生产总值")].iloc[0]
    assert nanshan["指标"] == "地区生产总值" and nanshan["统一单位数值"] == 10000 and nanshan["统一单位"] == "亿元"
    assert "南山区" in nanshan["文件"] and nanshan["段落编号"] > 0
    city = table[(table["原文指标"] == "本市生产总值") & (table["年份"] == 2020)].iloc[0]
    assert city["统一单位数值"] == 26000 and city["约束性/预期性"] == "预期性" and "第" in city["章节"]
    assert (table["数值"] == "原文未列").any()


def test_targets_out_keeps_the_filters(built_store: Path, capsys, tmp_path: Path) -> None:
    out = tmp_path / "pingshan.csv"
    run(capsys, "targets", "--scope", "坪山区", "--kind", "result", "--out", str(out), "--store", str(built_store))
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert len(table) and set(table["类型"]) == {"结果"}


def test_compare_map_prints_a_choropleth(built_store: Path, capsys, tmp_path: Path) -> None:
    out = tmp_path / "gdp.png"
    code, _, _ = run(capsys, "compare", "地区生产总值", "--map", str(out), "--store", str(built_store))
    assert code == EXIT_OK and out.stat().st_size > 10000
