"""Indicator tables as they survive text export: tab-separated rows, or one cell per line (Word).

Line numbers here are 0-based indexes into the file's lines; the parser turns them into 1-based ranges.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from geodata.plans.headings import match_box, match_heading
from geodata.plans.plan_text import squeeze_cjk_spaces

HOME_CITY = "深圳"  # the subject column/row of the comparison tables: this viewer is about Shenzhen
_CAPTION = re.compile(r"^表\s*\d+")
_NUMERIC = re.compile(r"^(?:[≥≤<>＜＞约]?\s*\d|[-—–]+$)")
_MAX_BLANKS = 2
_MAX_CONTINUATION = 12


@dataclass(frozen=True)
class TableRow:
    cells: tuple[str, ...]
    first: int  # 0-based line index
    last: int


@dataclass(frozen=True)
class Table:
    """`header` names the columns; `subject_row` is True when rows are places (one row per city)."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[TableRow, ...]
    end: int  # index of the first line after the table
    subject_row: bool = False


def normalise_cell(cell: str) -> str:
    return squeeze_cjk_spaces(cell.strip().strip("\u3000").strip())


def _cells(line: str) -> list[str]:
    return [normalise_cell(c) for c in line.split("\t")]


def starts_tab_table(line: str) -> bool:
    cells = _cells(line)
    return len(cells) >= 3 and any("指标" in c for c in cells)


def _next_nonblank(lines: list[str], i: int) -> int | None:
    blanks = 0
    while i < len(lines) and not lines[i].strip() and not lines[i].startswith("\t"):
        blanks += 1
        i += 1
    if i >= len(lines) or blanks > _MAX_BLANKS:
        return None
    return i


def read_tab_table(lines: list[str], start: int, caption: str) -> Table:
    """Rows after the header line until a line without tabs; a repeated header is skipped."""
    header = tuple(_cells(lines[start]))
    rows: list[TableRow] = []
    i = start + 1
    while i < len(lines):
        nxt = i if lines[i].strip() else _next_nonblank(lines, i)
        if nxt is None or "\t" not in lines[nxt]:
            break
        cells = tuple(_cells(lines[nxt]))
        if cells != header:
            rows.append(TableRow(cells, nxt, nxt))
        i = nxt + 1
    end = rows[-1].last + 1 if rows else start + 1
    return Table(caption, header, tuple(rows), end)


def starts_cell_table(lines: list[str], i: int) -> bool:
    """A caption "表N…" followed by cells, each on its own tab-indented line."""
    if not _CAPTION.match(lines[i].strip()):
        return False
    nxt = _next_nonblank(lines, i + 1)
    return nxt is not None and lines[nxt].startswith("\t")


def _collect_cells(lines: list[str], start: int) -> tuple[list[tuple[str, int]], int]:
    cells: list[tuple[str, int]] = []
    i = start
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t"):
            cells.append((normalise_cell(line), i))
        elif line.strip() and cells and _is_continuation(lines, i):
            text, at = cells[-1]
            cells[-1] = (text + normalise_cell(line), at)
        elif not line.strip():
            nxt = _next_nonblank(lines, i)
            if nxt is None or not (lines[nxt].startswith("\t") or _is_continuation(lines, nxt)):
                break
        else:
            break
        i += 1
    return cells, i


def _is_continuation(lines: list[str], i: int) -> bool:
    """A short line between cells is the wrapped rest of the cell above ("指标" / "城市")."""
    text = lines[i].strip()
    if len(text) > _MAX_CONTINUATION or match_heading(text) or match_box(text):
        return False
    nxt = _next_nonblank(lines, i + 1)
    return nxt is not None and lines[nxt].startswith("\t")


def _row_width(texts: list[str]) -> tuple[int, int] | None:
    """(index of the first data row, cells per row), found from labels followed by numbers."""
    starts = [
        k for k in range(len(texts) - 1)
        if texts[k] and not _NUMERIC.match(texts[k]) and _NUMERIC.match(texts[k + 1])
    ]
    gaps = Counter(b - a for a, b in zip(starts, starts[1:], strict=False))
    if not gaps:
        return None
    width = gaps.most_common(1)[0][0]
    first = next((s for s in starts if (len(texts) - s) % width == 0), None)
    if width < 2 or first is None:
        return None
    return first, width


def read_cell_table(lines: list[str], start: int) -> Table:
    """Rebuild rows from one-cell-per-line output; a table whose shape can't be found has no rows."""
    caption = normalise_cell(lines[start])
    cells, end = _collect_cells(lines, start + 1)
    texts = [c for c, _ in cells]
    shape = _row_width(texts)
    if shape is None:
        return Table(caption, tuple(texts), (), end)
    first, width = shape
    header = _fold_header(texts[:first], width)
    rows = tuple(
        TableRow(tuple(texts[k:k + width]), cells[k][1], cells[k + width - 1][1])
        for k in range(first, len(texts), width)
    )
    subject_row = any(r.cells[0] == HOME_CITY for r in rows)
    return Table(caption, header, rows, end, subject_row)


def _fold_header(cells: list[str], width: int) -> tuple[str, ...]:
    """A header spread over several rows, folded into one name per column (lower rows right-aligned)."""
    names = (cells[:width] + [""] * width)[:width]
    extra = cells[width:]
    for offset, text in enumerate(extra[-width:]):
        col = width - len(extra[-width:]) + offset
        if text:
            names[col] = f"{names[col]}/{text}" if names[col] else text
    return tuple(names)
