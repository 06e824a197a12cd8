"""Reading a plan text file into a ParsedPlan: sections, passages and targets with their line ranges."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from geodata.plans.commitments import with_prose_commitments
from geodata.plans.front_matter import district_of, period_of, read_front_matter
from geodata.plans.headings import (
    Heading,
    is_toc_title,
    looks_like_toc_entry,
    match_box,
    match_heading,
    match_item,
    strip_markup,
)
from geodata.plans.indicator_tables import Table, read_cell_table, read_tab_table, starts_cell_table, starts_tab_table
from geodata.plans.outline import Outline
from geodata.plans.plan import Document, ParsedPlan, Passage, PlanError, Target
from geodata.plans.plan_text import clean_line, decode_plan_bytes, read_plan_file, split_lines, squeeze_cjk_spaces
from geodata.plans.targets import comparison_targets, tab_table_targets

_FINAL = "。！？!?；;：:”’」』）)】…"
_MIN_BROKEN_LINE = 20  # shorter lines are titles or labels, not paragraphs cut by a page break
_MAX_PAGE_BREAK_BLANKS = 2
_NOT_A_CONTINUATION = re.compile(r"^(?:- |\*\*|——|注[：:]|\d{1,3}[.．、]|[（(][一二三四五六七八九十]+[）)])")
_BOX_ITEM_STYLES = (("bullet", re.compile(r"^- ")), ("label", re.compile(r"^\*\*[^*]{1,40}[：:]")),
                    ("numbered", re.compile(r"^\d{1,3}[.．、]")), ("note", re.compile(r"^注[：:]")))


def parse_plan(path: Path, *, title: str | None = None, level: str | None = None,
               district: str | None = None, places: Callable[[str], str | None] | None = None) -> ParsedPlan:
    """Parse one plan text; the keyword arguments override what the text says (or fails to say).

    `places` names the first mapped place a text mentions (a feature name), for the scope of prose
    commitments; without it every commitment belongs to the document's district or the city."""
    path = Path(path)
    try:
        raw = read_plan_file(path)  # regular files only, at most MAX_PLAN_BYTES
    except OSError as err:
        raise PlanError(f"cannot read {path}: {err.strerror}. Check the path and permissions.") from None
    text = decode_plan_bytes(raw, path.name)
    lines = [clean_line(line) for line in split_lines(text)]
    reader = _PlanReader(lines)
    reader.read()
    if not reader.outline.opened:
        raise PlanError(
            f"{path.name} does not look like a plan text: no headings like 第一章/一、/# … found. "
            "Check that this is the plan's text and not another file."
        )
    document = _document(raw, path.name, reader, text, title=title, level=level, district=district)
    sections = reader.outline.sections(lines)
    targets = with_prose_commitments(document, sections, reader.passages, reader.targets, text, places=places)
    return ParsedPlan(document, tuple(sections), tuple(reader.passages), tuple(targets))


def _document(raw: bytes, name: str, reader: _PlanReader, text: str, **overrides: str | None) -> Document:
    front = read_front_matter(reader.front_lines, text)
    plan_name = front.cited_plan or front.title
    title = overrides["title"] or _title(front.title, front.cited_plan, reader)
    district = overrides["district"] or district_of(plan_name, front.issuer)
    level = overrides["level"] or ("district" if district else "city")
    sha = hashlib.sha256(raw).hexdigest()
    return Document(id=sha[:12], title=title, level=level, district=district, period=period_of(plan_name),
                    issuer=front.issuer, date=front.date, kind=front.kind, source_file=name, sha256=sha)


UNTITLED = "（正文未注明标题）"  # opens the fallback title of a text that states none


def _title(title: str | None, cited: str | None, reader: _PlanReader) -> str:
    if title and cited:
        return f"{title}：《{cited}》"
    if title or cited:
        return title or cited or ""
    first = reader.outline.opened[0].heading
    number = first.number or ""
    if number[:1] in "一二三四五六七八九十" and number:
        number += "、"
    return f"{UNTITLED}{number}{first.title}"


def passage_text(parts: list[str]) -> str:
    """Join the lines of one paragraph; markdown bold and bullets go, spaces between CJK go."""
    text = ""
    for part in parts:
        part = part.strip()
        if text and text[-1].isascii() and text[-1].isalnum() and part[:1].isascii() and part[:1].isalnum():
            text += " "
        text += part
    text = re.sub(r"^- ", "", text.replace("**", "")).strip()
    return squeeze_cjk_spaces(text)


class _PlanReader:
    """Walks the cleaned lines once, feeding the outline, passages and table targets."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.outline = Outline()
        self.passages: list[Passage] = []
        self.targets: list[Target] = []
        self.front_lines: list[str] = []
        self.box_style: str | None = None

    def read(self) -> None:
        i, blanks = 0, 0
        while i < len(self.lines):
            line = self.lines[i]
            if not line.strip():
                i, blanks = i + 1, blanks + 1
                continue
            i = self._read_block(i, blanks)
            blanks = 0

    def _read_block(self, i: int, blanks: int) -> int:
        line = self.lines[i]
        if is_toc_title(line):
            return self._skip_toc(i + 1)
        if looks_like_toc_entry(line):
            return i + 1
        if starts_tab_table(line):
            return self._add_tab_table(i)
        if starts_cell_table(self.lines, i):
            return self._add_cell_table(i)
        heading = match_heading(line)
        if heading:
            return self._open_heading(heading, i)
        box = match_box(line)
        if box:
            self.outline.open_box(box, i)
            self.box_style = None
            return i + 1
        if self.outline.box is not None and self._box_ends(line, blanks):
            self.outline.close_box()
        return self._add_paragraph(i)

    def _skip_toc(self, i: int) -> int:
        while i < len(self.lines) and (not self.lines[i].strip() or looks_like_toc_entry(self.lines[i])):
            i += 1
        return i

    def _next_nonblank(self, i: int) -> int | None:
        k = i
        while k < len(self.lines) and not self.lines[k].strip():
            k += 1
        if k >= len(self.lines) or k - i > _MAX_PAGE_BREAK_BLANKS:
            return None
        return k

    def _open_heading(self, heading: Heading, i: int) -> int:
        """Open a heading; a chapter title wrapped over short lines ("第二章" / "突出协调联动," / …) is joined."""
        last, title = i, heading.title
        while heading.kind in ("chapter", "part") and (not title or title[-1] in ",，、"):
            k = self._next_nonblank(last + 1)
            nxt = strip_markup(self.lines[k]) if k is not None else ""
            if not nxt or len(nxt) > 30 or nxt[-1] in _FINAL or match_heading(nxt) or match_box(nxt):
                break
            title, last = title + nxt, k
        heading = Heading(heading.kind, heading.rank, heading.number, squeeze_cjk_spaces(title))
        self.outline.open(heading, i, last)
        return last + 1

    def _is_continuation(self, k: int) -> bool:
        line = self.lines[k]
        text = line.strip()
        return not (line.startswith("\t") or _NOT_A_CONTINUATION.match(text) or match_heading(line)
                    or match_box(line) or looks_like_toc_entry(line) or starts_tab_table(line)
                    or starts_cell_table(self.lines, k))

    def _gather(self, i: int) -> tuple[list[str], int]:
        """The paragraph starting at line i, joined across page breaks; returns its lines and last index."""
        parts, last = [self.lines[i]], i
        if not self.outline.opened:  # front matter: only lines with no blank between are one paragraph
            while last + 1 < len(self.lines) and self.lines[last + 1].strip() and self._is_continuation(last + 1):
                last += 1
                parts.append(self.lines[last])
            return parts, last
        while len(passage_text(parts)) >= _MIN_BROKEN_LINE and passage_text(parts)[-1] not in _FINAL:
            k = self._next_nonblank(last + 1)
            if k is None or not self._is_continuation(k):
                break
            parts.append(self.lines[k])
            last = k
        return parts, last

    def _add_paragraph(self, i: int) -> int:
        parts, last = self._gather(i)
        text = passage_text(parts)
        if not self.outline.opened:
            self.front_lines.append(squeeze_cjk_spaces(strip_markup(text)))
        elif self.outline.box is not None:
            self.outline.extend_box(last)
            self._add_passage("box_item", text, i, last)
            return last + 1
        else:
            item = match_item(text)
            if item:
                self.outline.open(item, i, i)
                if item.title == strip_markup(re.sub(r"^\d{1,3}[.．]\s*", "", text)):
                    return last + 1
        self._add_passage("paragraph", text, i, last)
        return last + 1

    def _add_passage(self, kind: str, text: str, first: int, last: int) -> int:
        ordinal = len(self.passages) + 1
        self.passages.append(Passage(ordinal, self.outline.current_key(), kind, text, first + 1, last + 1))
        return ordinal

    def _box_ends(self, line: str, blanks: int) -> bool:
        """A box ends at a double blank line, or at a paragraph not in the style of its items."""
        text = line.strip()
        style = next((name for name, pattern in _BOX_ITEM_STYLES if pattern.match(text)), "plain")
        if self.box_style is None:
            self.box_style = style
            return False
        if blanks >= 2:
            return True
        if self.box_style in ("plain", "note"):
            return False
        if self.box_style == "table":
            return style != "note"
        return style == "plain"

    def _caption(self, i: int) -> str:
        box = self.outline.box
        if box is not None and not any(p.section_key == box.key for p in self.passages):
            return box.heading.number or box.heading.title
        k = i - 1
        while k >= 0 and not self.lines[k].strip():
            k -= 1
        return passage_text([self.lines[k]]) if k >= 0 else ""

    def _add_tab_table(self, i: int) -> int:
        table = read_tab_table(self.lines, i, self._caption(i))
        category_col = next((j for j, name in enumerate(table.header) if "类别" in name), None)
        ordinals, categories, category = [], [], ""
        for row in table.rows:
            if category_col is not None and row.cells[category_col]:
                category = row.cells[category_col]
            categories.append(category)
            cells = list(row.cells)
            if category_col is not None:
                cells[category_col] = category
            text = "；".join(f"{h}：{c}" for h, c in zip(table.header, cells, strict=False) if c)
            ordinals.append(self._add_passage("table_row", text, row.first, row.last))
        self.targets += tab_table_targets(table, table.caption, ordinals, categories)
        self._after_table(table)
        return table.end

    def _add_cell_table(self, i: int) -> int:
        table = read_cell_table(self.lines, i)
        self._add_passage("paragraph", table.caption, i, i)
        if not table.rows:
            self._add_passage("table_row", "；".join(c for c in table.header if c), i + 1, table.end - 1)
            return table.end
        ordinals = []
        for row in table.rows:
            pairs = "；".join(f"{h} {c}" for h, c in zip(table.header[1:], row.cells[1:], strict=False) if c)
            ordinals.append(self._add_passage("table_row", f"{row.cells[0]}：{pairs}", row.first, row.last))
        self.targets += comparison_targets(table, ordinals)
        self._after_table(table)
        return table.end

    def _after_table(self, table: Table) -> None:
        if self.outline.box is not None and table.rows:
            self.outline.extend_box(table.rows[-1].last)
            self.box_style = "table"
