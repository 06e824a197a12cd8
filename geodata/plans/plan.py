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


@dataclass(frozen=True)
class Target:
    """One indicator statement: a table row or a target stated in prose.

    `value_text` is the value as written ("" when the cell is blank: not stated in the source).
    `comparator` is one of ">=", "<=", ">", "<", "=", "~" or None. `is_result` marks values
    reported for a past period (e.g. 12th-plan results) rather than targets.
    `passage_ordinal` points at the passage the target came from (the row itself for tables).
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
    base_value_text: str | None = None  # the baseline column, when the table has one
    table: str | None = None  # e.g. "专栏2" or the table caption; None for prose targets
    passage_ordinal: int | None = None


@dataclass(frozen=True)
class ParsedPlan:
    document: Document
    sections: tuple[Section, ...] = field(default_factory=tuple)
    passages: tuple[Passage, ...] = field(default_factory=tuple)
    targets: tuple[Target, ...] = field(default_factory=tuple)


class PlanError(ValueError):
    """A file that cannot be read as a plan. The message says what is wrong and what to do."""
