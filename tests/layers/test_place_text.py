"""Places without a feature in search and in the reader's text, computed without Qt."""

from __future__ import annotations

import pytest

from geodata.search import search_passages
from geodata.store import connect
from layers.plan_reading import page_of_passage
from layers.rich_text import FIGURE_STYLE, NOT_DRAWN_STYLE, linked_html, parse_href, place_href
from layers.search_results import SHOWN, SearchIndex, short_title


@pytest.fixture(scope="module")
def db(either_store):
    """The seed store, as a GeoPackage and as a database."""
    with connect(either_store) as connection:
        yield connection


@pytest.fixture(scope="module")
def index(db):
    return SearchIndex(db)


def test_short_titles():
    assert short_title("坪山区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要") == "坪山区“十四五”规划纲要"
    assert short_title("深圳市国民经济和社会发展第十三个五年规划纲要") == "深圳市“十三五”规划纲要"
    assert short_title("中共深圳市委关于制定深圳市国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议") \
        == "深圳市“十四五”规划建议"
    assert short_title("大湾区未来规划：《深圳市南山区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》") \
        == "南山区“十四五”规划纲要"
    assert short_title("深圳市可持续发展议程创新示范区建设方案") == "深圳市可持续发展议程创新示范区建设方案"


def test_search_finds_places_that_are_not_drawn_groups_and_choices(index):
    nantou = {p.name: p for p in index.search("南头").places}
    assert nantou["南头古城"].status == "drawn" and nantou["南头古城"].feature_id
    street = nantou["南头街道"]
    assert street.status == "not_drawn" and street.feature_id is None and "未绘制" in street.detail
    assert "街道边界数据不可得" in street.explanation and "南山区" in street.explanation
    choice = index.search("高新区").places[0]
    assert choice.status == "choice" and choice.name == "高新区"
    assert {c.name for c in choice.candidates} == {"深圳国家高新区", "深圳高新区南山园区", "坪山高新区"}
    others = [p.name for p in index.search("高新区").places[1:]]
    assert not {"深圳国家高新区", "深圳高新区南山园区", "坪山高新区"} & set(others)  # listed once, under 高新区
    group = index.search("一轴一带三组团").places[0]
    assert group.status == "group" and len(group.members) == 5


def test_each_group_counts_every_result(db, index):
    results = index.search("发展")
    assert results.total("passages") == len(search_passages(db, "发展", 100_000)) > SHOWN
    assert len(results.passages) == SHOWN
    assert len(index.search("发展", expanded={"passages"}).passages) == results.total("passages")
    assert results.total("targets") >= len(results.targets)


def test_reader_text_marks_places_not_drawn_and_links_formulas(db):
    hit = search_passages(db, "三组团 桃源街道", 1)[0]
    page = page_of_passage(db, hit.passage_id)
    paragraph = next(p for p in page.paragraphs if p.passage_id == hit.passage_id)
    places = {name: status for name, _, _, status in paragraph.places}
    assert places["桃源街道"] == "not_drawn" and places["三组团"] == "group"
    html = page.html()
    assert f'href="{place_href("桃源街道")}" style="{NOT_DRAWN_STYLE}"' in html
    assert parse_href(place_href("一轴一带三组团")) == ("place", "一轴一带三组团")


def test_a_figure_is_marked_and_wins_over_a_name_it_overlaps():
    text = "燕子湖片区规划面积约5平方公里，坪山区"
    marked = linked_html(text, [("ps-yanzihu", 0, 5), ("district-pingshan", 16, 19)], figure=(10, 15))
    assert f'<span style="{FIGURE_STYLE}">5平方公里</span>' in marked
    assert 'href="feature:ps-yanzihu"' in marked and 'href="feature:district-pingshan"' in marked
    covered = linked_html(text, [("ps-yanzihu", 0, 5)], figure=(3, 8))
    assert "feature:ps-yanzihu" not in covered and f'<span style="{FIGURE_STYLE}">片区规划面</span>' in covered
