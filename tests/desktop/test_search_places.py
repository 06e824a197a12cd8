"""Search as a user types a place: places first, drawn or not, a short name's candidates, groups that select
their members, targets that say whose they are, and each group's true count with "more…"."""

from __future__ import annotations

import json

from viewer_helpers import js_json

from cli.main import main
from desktop.search_box import LINKABLE_ROLE, RESULT_ROLE
from geodata.place_register import formula_members
from layers.search_results import SHOWN


def items(box) -> list:
    return [box.results.topLevelItem(i) for i in range(box.results.topLevelItemCount())]


def key_of(item):
    return item.data(0, RESULT_ROLE)


def test_places_come_first_and_an_ambiguous_name_lists_its_candidates(window):
    box = window.search_box
    box.edit.setText("高新区")
    rows = items(box)
    assert key_of(rows[0]) is None and rows[0].text(0).startswith(box.tr("Places"))
    choice = next(i for i, item in enumerate(rows) if key_of(item) == ("place", "高新区"))
    following = [key_of(item) for item in rows[choice + 1: choice + 4]]
    assert ("feature", "sz-hitech-nanshan") in following and ("feature", "ps-hitech-zone") in following
    assert any(key and key[0] == "group" and key[1] == "深圳国家高新区" for key in following)
    assert all(item.text(0).lstrip().startswith("↳") for item in rows[choice + 1: choice + 4])
    box._choose(rows[choice])
    assert not box.note.isHidden() and "南山园区" in box.note.text()


def test_a_place_not_drawn_is_marked_and_says_why(qtbot, window):
    box = window.search_box
    box.edit.setText("南头街道")
    row = next(item for item in items(box) if key_of(item) == ("place", "南头街道"))
    assert "未绘制" in row.text(0)
    before = window.session.selection
    box._choose(row)
    assert "街道边界数据不可得" in box.note.text() and "南山区" in box.note.text() and not box.note.isHidden()
    assert window.session.selection == before  # nothing to select: it is not on the map


def test_a_group_selects_and_frames_all_its_members(qtbot, window):
    box = window.search_box
    box.edit.setText("一轴一带三组团")
    row = next(item for item in items(box) if key_of(item) and key_of(item)[0] == "group")
    box._choose(row)
    members = formula_members(window.session.db, "一轴一带三组团")
    assert len(members) == 5
    assert window.session.selection.group == "一轴一带三组团" and list(window.session.selection.here) == members
    qtbot.waitUntil(lambda: js_json(qtbot, window.map, "PlanMap.selectedIds()") == members, timeout=5000)


def test_target_results_say_kind_place_and_document(window):
    box = window.search_box
    box.edit.setText("地区生产总值")
    targets = [item for item in items(box) if (item.data(0, LINKABLE_ROLE) or ("",))[0] == "target"]
    lines = [item.text(0).split("\n") for item in targets]
    assert lines and all(len(line) == 2 for line in lines)
    assert any(line[1].startswith("结果 · 深圳市 · 深圳市“十四五”规划建议") for line in lines)
    assert any(line[1].startswith("目标 · ") for line in lines)


def test_group_counts_are_the_true_totals_with_more(qtbot, window, viewer_store, capsys):
    assert main(["search", "发展", "--store", str(viewer_store), "--limit", "100000", "--json"]) == 0
    total = len(json.loads(capsys.readouterr().out))
    assert total > SHOWN
    box = window.search_box
    box.edit.setText("发展")
    header = next(item for item in items(box) if item.text(0).startswith(box.tr("Passages")))
    assert header.text(0).endswith(f"({total})")
    more = next(item for item in items(box) if key_of(item) == ("more", "passages"))
    box._choose(more)
    passages = [item for item in items(box) if (item.data(0, LINKABLE_ROLE) or ("",))[0] == "passage"]
    assert len(passages) == total
    assert not any(key_of(item) == ("more", "passages") for item in items(box))


def test_a_group_stays_highlighted_when_the_basemap_changes(qtbot, window):
    """Switching to 高德 redraws the overlays shifted to GCJ-02: every member of the chosen group is still drawn
    highlighted afterwards, and back on the offline basemap too."""
    from layers.basemaps import basemap_choice

    members = formula_members(window.session.db, "一轴一带三组团")
    window.select_group("一轴一带三组团", members)
    highlighted = sorted(members)
    qtbot.waitUntil(lambda: js_json(qtbot, window.map, "PlanMap.highlightedIds()") == highlighted, timeout=5000)
    before = js_json(qtbot, window.map, f"PlanMap.pointOf({members[0]!r})")
    window.session.set_basemap(basemap_choice("amap"))
    try:
        qtbot.waitUntil(lambda: js_json(qtbot, window.map, f"PlanMap.pointOf({members[0]!r})") != before,
                        timeout=5000)
        assert js_json(qtbot, window.map, "PlanMap.highlightedIds()") == highlighted
    finally:
        window.session.set_basemap(basemap_choice("offline"))
    qtbot.waitUntil(lambda: js_json(qtbot, window.map, f"PlanMap.pointOf({members[0]!r})") == before, timeout=5000)
    assert js_json(qtbot, window.map, "PlanMap.highlightedIds()") == highlighted
