"""What a plan text is made of, as the parser returns it and the store keeps it.

Line numbers are 1-based and inclusive, counted in the source file as delivered.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LEVELS = ("city", "district")
KINDS = ("plan outline", "proposal", "implementation plan", "article")
BINDINGS = ("约束性", "预期性")


@dataclass(frozen=True)
class Document:
    """One plan text. `id` is stable across rebuilds: the first 12 hex digits of the checksum."""

    id: str
    title: str
    level: str  # one of LEVELS
    district: str | None  # e.g. "坪山区"; None for city-level documents
    period: str | None  # e.g. "2021–2025" as the text states it
    issuer: str | None
    date: str | None  # ISO date when the text states one
    kind: str  # one of KINDS
    source_file: str  # file name as delivered
    sha256: str


@dataclass(frozen=True)
class Section:
    """A heading: 章 / 节 / 一、 / （一） / numbered paragraph group / 专栏 box.

    `key` is unique within the document and stable for the same text ("s1", "s1.2", ...).
    `kind` is one of: part, chapter, section, subsection, item, box, preface.
    """

    key: str
    parent_key: str | None
    depth: int  # 1 = top level
    kind: str
    number: str | None  # as written: "第七章", "一", "（二）", "专栏7"
    title: str
    line_start: int
    line_end: int


@dataclass(frozen=True)
class Passage:
    """A paragraph of content (or one 专栏 item), with page breaks joined and noise removed.

    `ordinal` is the 1-based position in the document; `kind` is paragraph, box_item or table_row.
    """

    ordinal: int
    section_key: str | None
    kind: str
    text: str
    line_start: int
    line_end: int


KINDS_OF_TARGET = ("target", "result", "baseline")


@dataclass(frozen=True)
class TargetSource:
    """Another passage that states the same target (a table row's figure repeated in prose, or a
    summary repeating the body), with its figure's [start, end) in that passage and its own wording."""

    passage_ordinal: int
    span_start: int | None
    span_end: int | None
    value_text: str
    comparator: str | None


@dataclass(frozen=True)
class Target:
    """One indicator statement: a table row or a commitment stated in prose.

    `value_text` is the value as written ("" when the cell is blank: not stated in the source); for prose
    it is the number alone ("1-2", "2.86"), the unit is in `unit` ("所", "万个").
    `comparator` is one of ">=", "<=", ">", "<", "=", "~", "between" (a range: `value` to `value_max`)
    or None. `kind` is target, result (reached in a past period) or baseline (the starting point);
    `is_result` is kind == "result".
    `passage_ordinal` points at the passage the target came from (the row itself for tables);
    `span_start`/`span_end` are the figure's [start, end) in that passage's text (prose only).
    `scope` is the place it is about when the text names one (a key area's box item), else None: the
    document's district, or the city.
    """

    indicator: str
    value_text: str
    value: float | None
    comparator: str | None
    unit: str | None
    year: int | None
    category: str | None = None
    number: str | None = None
    binding: str | None = None  # one of BINDINGS or None
    is_result: bool = False
    base_value_text: str | None = None  # the baseline column, or what a relative figure is measured from
    table: str | None = None  # e.g. "专栏2" or the table caption; None for prose targets
    passage_ordinal: int | None = None
    kind: str = "target"  # one of KINDS_OF_TARGET
    value_max: float | None = None
    period: str | None = None  # how the figure is counted in time: 每年, 累计, 年均, “十四五”期间
    span_start: int | None = None
    span_end: int | None = None
    scope: str | None = None
    sources: tuple[TargetSource, ...] = ()  # other passages stating the same target


@dataclass(frozen=True)
class ParsedPlan:
    document: Document
    sections: tuple[Section, ...] = field(default_factory=tuple)
    passages: tuple[Passage, ...] = field(default_factory=tuple)
    targets: tuple[Target, ...] = field(default_factory=tuple)


class PlanError(ValueError):
    """A file that cannot be read as a plan. The message says what is wrong and what to do."""


PATH_SEPARATOR = " › "


def section_paths(sections: tuple[Section, ...] | list[Section]) -> dict[str, str]:
    """Section key -> its headings from the top joined by " › " ("第四章 … › 第一节 …")."""
    paths: dict[str, str] = {}
    for section in sections:  # parents come before their children
        heading = " ".join(part for part in (section.number, section.title) if part)
        parent = paths.get(section.parent_key or "", "")
        paths[section.key] = parent + PATH_SEPARATOR + heading if parent else heading
    return paths
