"""The outline being built while a plan is read: open headings, their keys, depths and line ranges."""

from __future__ import annotations

from dataclasses import dataclass, field

from geodata.plans.headings import RANK_BOX, RANK_ITEM, Heading
from geodata.plans.plan import Section


@dataclass
class _Open:
    key: str
    parent: str | None
    depth: int
    heading: Heading
    first: int  # 0-based line index of the heading
    last: int  # 0-based line index of the heading's last line (multi-line titles)
    end: int | None = None  # fixed end for boxes


@dataclass
class Outline:
    """Keys are "s1", "s1.2", …: the position among siblings, so the same text gives the same keys."""

    opened: list[_Open] = field(default_factory=list)
    stack: list[_Open] = field(default_factory=list)
    children: dict[str | None, int] = field(default_factory=dict)
    box: _Open | None = None

    def open(self, heading: Heading, first: int, last: int) -> str:
        """Open a heading (closing those of equal or lower rank) and return its key."""
        self.close_box()
        while self.stack and self.stack[-1].heading.rank >= heading.rank:
            self.stack.pop()
        if not self.stack and heading.kind == "subsection":  # 一、 with no 章 above it: a part of the text
            heading = Heading("part", heading.rank, heading.number, heading.title)
        entry = self._new(heading, first, last)
        self.stack.append(entry)
        return entry.key

    def open_box(self, heading: Heading, line: int) -> str:
        """A 专栏 box hangs under the current heading but does not become the parent of what follows it."""
        self.close_box()
        self.box = self._new(heading, line, line)
        self.box.end = line
        return self.box.key

    def extend_box(self, last_line: int) -> None:
        if self.box is not None:
            self.box.end = max(self.box.end or last_line, last_line)

    def close_box(self) -> None:
        self.box = None

    def current_key(self) -> str | None:
        if self.box is not None:
            return self.box.key
        return self.stack[-1].key if self.stack else None

    def in_item(self) -> bool:
        return bool(self.stack) and self.stack[-1].heading.rank == RANK_ITEM

    def _new(self, heading: Heading, first: int, last: int) -> _Open:
        parent = self.stack[-1].key if self.stack else None
        count = self.children.get(parent, 0) + 1
        self.children[parent] = count
        key = f"{parent}.{count}" if parent else f"s{count}"
        entry = _Open(key, parent, len(self.stack) + 1, heading, first, last)
        self.opened.append(entry)
        return entry

    def sections(self, lines: list[str]) -> list[Section]:
        """Sections with 1-based inclusive line ranges; a heading runs until the next of equal or lower rank."""
        result = []
        for k, entry in enumerate(self.opened):
            end = entry.end
            if end is None:
                end = next((o.first - 1 for o in self.opened[k + 1:]
                            if o.heading.rank <= entry.heading.rank and o.heading.rank != RANK_BOX),
                           len(lines) - 1)
            while end > entry.last and not lines[end].strip():
                end -= 1
            h = entry.heading
            result.append(Section(entry.key, entry.parent, entry.depth, h.kind, h.number, h.title,
                                  entry.first + 1, end + 1))
        return result
