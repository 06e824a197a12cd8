"""The parser against the five seed parsed_seeds: what a reader of each document can check by eye."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata.plans.parser import parse_plan
from geodata.plans.plan import ParsedPlan, Target


def _count(plan: ParsedPlan, kind: str) -> int:
    return sum(1 for s in plan.sections if s.kind == kind)


def _target(plan: ParsedPlan, indicator: str, **match: object) -> Target:
    found = [t for t in plan.targets if t.indicator == indicator
             and all(getattr(t, k) == v for k, v in match.items())]
    assert len(found) == 1, (indicator, match, found)
    return found[0]


@pytest.mark.parametrize(("doc", "chapters", "sections", "boxes"), [
    ("000", 15, 57, 20), ("001", 0, 0, 0), ("002", 0, 0, 8), ("003", 10, 37, 9), ("004", 7, 19, 0),
])
def test_heading_counts(parsed_seeds, doc, chapters, sections, boxes):
    plan = parsed_seeds[doc]
    assert (_count(plan, "chapter"), _count(plan, "section"), _count(plan, "box")) == (chapters, sections, boxes)


def test_parts_and_numbered_paragraphs_of_the_proposal(parsed_seeds):
    plan = parsed_seeds["001"]
    parts = [s for s in plan.sections if s.kind == "part"]
    items = [s for s in plan.sections if s.kind == "item"]
    assert [p.number for p in parts][:3] == ["一", "二", "三"] and len(parts) == 15
    assert [i.number for i in items] == [str(n) for n in range(1, 74)]
    assert items[0].title == "深圳经济特区建立40年改革开放实践创造伟大奇迹"
    assert items[0].parent_key == parts[0].key and items[0].depth == 2


def test_002_sub_headings_and_no_bookmarks(parsed_seeds):
    plan = parsed_seeds["002"]
    assert [s.title for s in plan.sections if s.kind == "part"] == [
        "问题诊断", "主要目标与建设思路", "重点行动与工程", "政策与体制机制创新", "保障措施"]
    assert sum(1 for s in plan.sections if s.number and s.number.startswith("（")) == 36
    for plan in parsed_seeds.values():
        assert not any("[bookmark" in s.title for s in plan.sections)
        assert not any("[bookmark" in p.text or "<b>" in p.text for p in plan.passages)


def test_depth_comes_from_heading_words_not_hash_marks(parsed_seeds):
    sections = {s.title: s for s in parsed_seeds["003"].sections}
    assert sections["发展基础"].depth == sections["发展环境"].depth == 2  # "###" and "##" in the file
    assert sections["推动高质量发展的体制机制改革"].kind == "chapter"  # written "### 第三章"
    assert sections["推动高质量发展的体制机制改革"].depth == 1
    box7 = next(s for s in parsed_seeds["003"].sections if s.number == "专栏7")
    assert box7.title == "“1+7”重点片区" and (box7.line_start, box7.line_end) == (480, 489)


def test_box_items_and_bold_leads(parsed_seeds):
    plan = parsed_seeds["003"]
    box7 = next(s for s in plan.sections if s.number == "专栏7")
    items = [p for p in plan.passages if p.section_key == box7.key]
    assert len(items) == 8 and all(p.kind == "box_item" for p in items)
    assert items[0].text.startswith("1.燕子湖片区：规划面积约5平方公里")
    assert any(p.text.startswith("优化城区空间结构。") and p.kind == "paragraph" for p in plan.passages)
    box3 = next(s for s in parsed_seeds["000"].sections if s.number == "专栏3")
    bullets = [p for p in parsed_seeds["000"].passages if p.section_key == box3.key]
    assert len(bullets) == 8 and bullets[0].text.startswith("集成电路：重点引进12英寸")


def test_table_of_contents_is_not_content(parsed_seeds):
    for plan in parsed_seeds.values():
        assert not any("....." in p.text or "…" * 3 in p.text for p in plan.passages)
        assert not any("....." in s.title for s in plan.sections)
    basics = [s for s in parsed_seeds["000"].sections if s.title == "发展基础"]
    assert len(basics) == 1 and basics[0].line_start == 95
    assert min(s.line_start for s in parsed_seeds["003"].sections) == 61  # "## 前 言", after the 目录


def test_page_breaks_are_joined(parsed_seeds):
    texts = [p.text for p in parsed_seeds["003"].passages]
    assert any("强化对43个片区功能管控和结构优化，重点推进燕子湖" in t for t in texts)
    assert any("推动风险评估" in t for t in texts)
    joined = next(p for p in parsed_seeds["000"].passages if "万元GDP能耗和水耗分别累计下降" in p.text)
    assert joined.line_end > joined.line_start


def test_stray_spaces_between_chinese_characters_are_removed(parsed_seeds):
    texts = " ".join(p.text for p in parsed_seeds["004"].passages)
    assert "赤湾海事博物馆" in texts and "蛇口体育中心" in texts
    assert "PCT国际专利申请量" in texts
    assert any("地铁14号线" in p.text for p in parsed_seeds["003"].passages)  # written "地铁 14 号线"


def test_004_chapter_titles_wrapped_over_lines(parsed_seeds):
    chapters = [s for s in parsed_seeds["004"].sections if s.kind == "chapter"]
    assert chapters[0].title == "开启时代征程,加快建成世界级创新型滨海中心城区"
    assert chapters[1].number == "第二章" and chapters[1].title == "突出协调联动,构建韧性安全发展新格局"


def test_000_results_and_targets(parsed_seeds):
    plan = parsed_seeds["000"]
    gdp_target = _target(plan, "本市生产总值", table="专栏1", is_result=False)
    gdp_result = _target(plan, "本市生产总值", table="专栏1", is_result=True)
    assert (gdp_target.value_text, gdp_result.value_text, gdp_result.unit) == ("15000", "17500", "亿元")
    assert gdp_result.category == "结构调整" and gdp_result.year == 2015
    land = _target(plan, "万元GDP建设用地", table="专栏1", is_result=False)
    assert (land.value, land.comparator, land.unit) == (7.2, "<=", "平方米")
    t2020 = _target(plan, "本市生产总值", table="专栏2")
    assert (t2020.value, t2020.unit, t2020.year, t2020.binding) == (26000.0, "亿元", 2020, "预期性")
    blank = _target(plan, "万元GDP能耗累计下降", table="专栏2")
    assert (blank.value_text, blank.value, blank.binding) == ("", None, "约束性")
    assert sum(1 for t in plan.targets if t.table == "专栏2") == 32
    assert sum(1 for t in plan.targets if t.table == "专栏1" and t.is_result) == 32
    assert _target(plan, "光纤入户率", table="专栏2").category == "城市发展"


def test_003_table_header_repeat_not_duplicated(parsed_seeds):
    plan = parsed_seeds["003"]
    rows = [t for t in plan.targets if t.table == "“十四五”经济社会发展调控指标体系"]
    assert [t.number for t in rows] == [str(n) for n in range(1, 26)]
    assert not any(t.indicator == "指标名称" for t in plan.targets)
    carried = _target(plan, "每千人口拥有3岁以下婴幼儿托位数")
    assert (carried.category, carried.value_text, carried.unit, carried.year) == ("民生福祉", "1.6", "个", 2025)
    rd = _target(plan, "研发经费投入占GDP比例")
    assert (rd.value, rd.comparator, rd.unit, rd.binding) == (5.0, ">=", "%", "预期性")
    co2 = _target(plan, "单位GDP二氧化碳排放降低")
    assert (co2.value_text, co2.binding) == ("", "约束性")
    row = next(p for p in plan.passages if p.ordinal == co2.passage_ordinal)
    assert row.kind == "table_row" and "单位GDP二氧化碳排放降低" in row.text and row.line_start == 176


def test_002_comparison_tables_one_cell_per_line(parsed_seeds):
    plan = parsed_seeds["002"]
    academicians = _target(plan, "院士数")
    assert (academicians.value_text, academicians.unit, academicians.is_result) == ("20", "人", True)
    row = next(p for p in plan.passages if p.ordinal == academicians.passage_ordinal)
    assert row.text == "院士数（人）：深圳 20；北京 756；上海 177；广州 39"
    area = _target(plan, "面积", table="表3深圳与国内国际先进城市土地空间指标比较")
    assert (area.value, area.unit) == (1997.0, "平方公里")
    assert _target(plan, "污水集中处理率").value is None  # "中心城区95%，其他区域80%": two values


def test_004_prose_targets(parsed_seeds):
    plan = parsed_seeds["004"]
    gdp = _target(plan, "本地生产总值")
    assert (gdp.value, gdp.unit, gdp.year, gdp.table) == (1.0, "万亿元", 2025, None)
    source = next(p for p in plan.passages if p.ordinal == gdp.passage_ordinal)
    assert source.text.startswith("1.到2025年") and source.line_start == 21
    pct = _target(plan, "PCT国际专利申请量")
    assert (pct.value, pct.unit, pct.year) == (8800.0, "件", 2025)
    assert (_target(plan, "城镇调查失业率").comparator, _target(plan, "常住人口").comparator) == ("<", "~")
    assert _target(plan, "全区养老机构医养结合覆盖率").year == 2022
    proposal = parsed_seeds["001"].targets  # no tables: its numbered paragraphs are prose, read sentence by sentence
    assert proposal and all(t.table is None for t in proposal)
    assert not any(t.unit == "年" for t in proposal)  # "建立40年", "5年来": durations, not amounts


@pytest.mark.parametrize(("doc", "title", "level", "district", "period", "issuer", "date", "kind"), [
    ("000", "深圳市国民经济和社会发展第十三个五年规划纲要", "city", None, "2016–2020", "深圳市人民政府", None,
     "plan outline"),
    ("001", "中共深圳市委关于制定深圳市国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议", "city", None,
     "2021–2025（远景2035）", "中共深圳市委", "2020-12-22", "proposal"),
    ("002", "（正文未注明标题）一、问题诊断", "city", None, None, None, None, "implementation plan"),
    ("003", "坪山区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "district", "坪山区",
     "2021–2025（远景2035）", "深圳市坪山区人民政府", None, "plan outline"),
    ("004", "大湾区未来规划：《深圳市南山区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》",
     "district", "南山区", "2021–2025（远景2035）", "南山区人民政府", None, "article"),
])
def test_document_metadata(parsed_seeds, doc, title, level, district, period, issuer, date, kind):
    d = parsed_seeds[doc].document
    assert (d.title, d.level, d.district, d.period, d.issuer, d.date, d.kind) == (
        title, level, district, period, issuer, date, kind)
    assert d.source_file.startswith(doc) and d.id == d.sha256[:12] and len(d.sha256) == 64


def test_overrides(parser_seeds_dir):
    path = next(parser_seeds_dir.glob("002_*.txt"))
    doc = parse_plan(path, title="深圳市可持续发展议程创新示范区建设方案", level="city", district="福田区").document
    assert (doc.title, doc.level, doc.district) == ("深圳市可持续发展议程创新示范区建设方案", "city", "福田区")


def test_line_ranges_point_at_the_text(parsed_seeds, parser_seeds_dir):
    for doc, plan in parsed_seeds.items():
        lines = next(parser_seeds_dir.glob(f"{doc}_*.txt")).read_text(encoding="utf-8").split("\n")
        keys = {s.key for s in plan.sections}
        assert len(keys) == len(plan.sections)
        for s in plan.sections:
            assert 1 <= s.line_start <= s.line_end <= len(lines)
            assert s.parent_key is None or s.parent_key in keys
        for p in plan.passages:
            assert 1 <= p.line_start <= p.line_end <= len(lines) and lines[p.line_start - 1] != ""
            assert p.section_key is None or p.section_key in keys
        assert [p.ordinal for p in plan.passages] == list(range(1, len(plan.passages) + 1))
        ordinals = {p.ordinal for p in plan.passages}
        assert all(t.passage_ordinal in ordinals for t in plan.targets)


def test_parsing_is_deterministic(parsed_seeds, parser_seeds_dir: Path):
    for path in sorted(parser_seeds_dir.glob("*.txt")):
        assert parse_plan(path) == parsed_seeds[path.name[:3]]
