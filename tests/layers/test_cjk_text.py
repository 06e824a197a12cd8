"""Wrapping Chinese text for printed pages: lines fit, nothing is lost, punctuation never starts a line."""

from __future__ import annotations

import pytest

from layers.cjk_text import NO_LINE_START, text_width_em, wrap

PASSAGE = ("完成土地整备入库853.75平方米，为未来发展积蓄空间优势。坪山河干流综合整治及水质提升工程顺利完工，"
           "99条小微黑臭水体全面消黑消臭，获评国家生态文明建设示范区。“半边山水半边城”的城区新格局初步构建。")


@pytest.mark.parametrize("width", [6, 7, 9, 12, 13, 17, 20, 31])
def test_lines_fit_keep_every_character_and_never_start_with_closing_punctuation(width):
    lines = wrap(PASSAGE, width)
    assert "".join(lines) == PASSAGE
    assert all(text_width_em(line) <= width for line in lines)
    assert not [line for line in lines[1:] if line[0] in NO_LINE_START]


def test_a_line_that_would_start_with_a_full_stop_takes_the_character_before_it():
    text = "甲乙丙丁。戊"
    lines = wrap(text, 4.2 / 0.95)  # four characters fill the line
    assert lines == ["甲乙丙", "丁。戊"]
