"""Files that are not usable plan texts fail with a PlanError that says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata.plans.parser import parse_plan
from geodata.plans.plan import PlanError


def _write(tmp_path: Path, data: bytes, name: str = "plan.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_empty_file(tmp_path):
    with pytest.raises(PlanError, match="empty"):
        parse_plan(_write(tmp_path, b"\n  \n"))


def test_binary_file(tmp_path):
    with pytest.raises(PlanError, match="binary"):
        parse_plan(_write(tmp_path, b"%PDF-1.7\x00\x01\x02\xff" * 20))


def test_missing_file(tmp_path):
    with pytest.raises(PlanError, match="cannot read"):
        parse_plan(tmp_path / "nope.txt")


def test_gb18030_copy_parses_like_the_original(parser_seeds_dir, tmp_path):
    original = next(parser_seeds_dir.glob("003_*.txt"))
    copy = _write(tmp_path, original.read_text(encoding="utf-8").encode("gb18030"), original.name)
    a, b = parse_plan(original), parse_plan(copy)
    assert (a.sections, a.passages, a.targets) == (b.sections, b.passages, b.targets)
    assert a.document.title == b.document.title and a.document.sha256 != b.document.sha256


def test_truncated_mid_character_names_the_offset(parser_seeds_dir, tmp_path):
    raw = next(parser_seeds_dir.glob("001_*.txt")).read_bytes()
    cut = raw[:5000]
    while cut[-1] & 0xC0 == 0x80 or cut[-1] < 0x80:  # end on a lead byte: mid-character
        cut = cut[:-1]
    with pytest.raises(PlanError, match=rf"truncated.*byte {len(cut) - 1}"):
        parse_plan(_write(tmp_path, cut))


def test_truncated_at_a_character_boundary_keeps_what_is_there(parser_seeds_dir, tmp_path):
    text = next(parser_seeds_dir.glob("000_*.txt")).read_text(encoding="utf-8")
    plan = parse_plan(_write(tmp_path, text[:20000].encode("utf-8")))
    assert plan.document.title == "深圳市国民经济和社会发展第十三个五年规划纲要"
    assert 0 < sum(1 for s in plan.sections if s.kind == "chapter") < 15


def test_neither_utf8_nor_gb18030(tmp_path):
    with pytest.raises(PlanError, match="neither UTF-8 nor GB18030"):
        parse_plan(_write(tmp_path, bytes(range(0x80, 0x100)) * 40))


@pytest.mark.parametrize("content", [
    "id,name,value\n1,福田,3\n2,南山,4\n",
    "def parse(x):\n    return x + 1\n",
    "今天天气很好，我们去公园散步。\n晚上吃了饺子。\n",
])
def test_not_a_plan(tmp_path, content):
    with pytest.raises(PlanError, match="does not look like a plan text: no headings like 第一章/一、/#"):
        parse_plan(_write(tmp_path, content.encode("utf-8")))
