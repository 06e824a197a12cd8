"""A plan file's bytes turned into clean lines: decoding, noise removal, CJK spacing.

Cleaning never adds or removes lines, so line numbers stay those of the file as delivered.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from geodata.input_files import special_file_kind
from geodata.plans.plan import PlanError

# Word-export bookmarks and image placeholders, e.g. "[bookmark: _Toc489300790]", "[image: ]".
_NOISE = re.compile(r"\[(?:bookmark|image):[^\]]*\]|</?b>")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20\u2018-\u201d"
_SPACE_NEXT_TO_CJK = re.compile(rf"(?<=[{_CJK}])[ \u3000]+(?=\S)|(?<=\S)[ \u3000]+(?=[{_CJK}])")
_SPACE_RUN = re.compile("[ \u3000]+")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_MIN_PRINTABLE_SHARE = 0.95


MAX_PLAN_BYTES = 200 * 1024 * 1024  # the largest plan text read; the five seeds are under 0.2 MB each
_UTF32_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"))
_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"))


def read_plan_file(path: Path, limit: int = MAX_PLAN_BYTES) -> bytes:
    """The bytes of a plan file, read only if it is a regular file of at most `limit` bytes.

    A FIFO, a device (a link to /dev/zero too), a socket or a folder is refused at once with a PlanError,
    before anything is opened, so nothing waits on a pipe or reads without end. A missing or unreadable
    file raises the OSError, for the caller's own "cannot read" message.
    """
    path = Path(path)
    status = os.stat(path)  # follows links: a link to /dev/zero is a device
    _check_regular(path, status.st_mode)
    _check_size(path, status.st_size, limit)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        status = os.fstat(fd)  # the file opened may not be the one looked at: check again
        _check_regular(path, status.st_mode)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    _check_size(path, size, limit)
    return b"".join(chunks)


def _check_regular(path: Path, mode: int) -> None:
    kind = special_file_kind(mode)
    if kind is None:
        return
    shown = f"{path} (a link to {os.path.realpath(path)})" if path.is_symlink() else str(path)
    raise PlanError(f"{shown} is {kind}, not a plan text file: only regular files can be added. "
                    "Save the plan text as a .txt file and add that.")


def _check_size(path: Path, size: int, limit: int) -> None:
    if size > limit:
        raise PlanError(_too_large(path.name, limit))


def _too_large(name: str, limit: int) -> str:
    shown = f"{limit / (1024 * 1024):g} MB" if limit >= 1024 * 1024 else f"{limit} bytes"
    return (f"{name} is larger than {shown}, the most a plan text may be: check that this is the plan's text, "
            "or split it into its documents.")


def decode_plan_bytes(raw: bytes, name: str) -> str:
    """Decode UTF-8 (BOM allowed), UTF-16 or UTF-32 (with a BOM; UTF-16 also without one) or, failing
    that, GB18030; anything else is a PlanError.

    A UTF-8 file cut inside its last character is reported as truncated rather than guessed at.
    """
    if len(raw) > MAX_PLAN_BYTES:
        raise PlanError(_too_large(name, MAX_PLAN_BYTES))
    if not raw.strip():
        raise PlanError(f"{name} is empty: export the plan text again and add the file that has content.")
    wide = _decode_wide(raw, name)
    if wide is not None:
        if not wide.strip():
            raise PlanError(f"{name} is empty: export the plan text again and add the file that has content.")
        return wide
    if b"\x00" in raw:
        raise PlanError(
            f"{name} looks like a binary file (it contains NUL bytes and is not UTF-16 text): "
            "convert the PDF/Word document to plain UTF-8 text first."
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data":
            raise PlanError(
                f"{name} looks truncated: it ends in the middle of a UTF-8 character at byte {err.start} "
                f"of {len(raw)}. Copy or download the file again."
            ) from None
        utf8_error = err
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _printable_share(text) >= _MIN_PRINTABLE_SHARE:
        return text
    raise PlanError(
        f"{name} is neither UTF-8 nor GB18030 text (first bad byte at offset {utf8_error.start}): "
        "save it as UTF-8 plain text and try again."
    )


def _decode_wide(raw: bytes, name: str) -> str | None:
    """The text of a UTF-32/UTF-16 file (by its BOM, or for UTF-16 by its NUL bytes), else None."""
    for bom, codec, label in (*_UTF32_BOMS, *_UTF16_BOMS):
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(codec)
            except UnicodeDecodeError as err:
                raise PlanError(
                    f"{name} is {label} text (it starts with a {label} byte-order mark) but is damaged at byte "
                    f"{err.start + len(bom)} of {len(raw)}: copy the file again, or save it as UTF-8 plain text."
                ) from None
    if b"\x00" not in raw or len(raw) % 2:
        return None
    # No BOM: UTF-16 text reads, in one of the two byte orders, as lines of printable text (binary
    # data does not: its line breaks, if any, are not aligned 0A 00 / 00 0A pairs).
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        sample = text[: 1 << 20]
        if "\n" in sample and "\x00" not in text and _printable_share(sample) >= _MIN_PRINTABLE_SHARE:
            return text
    return None


def _printable_share(text: str) -> float:
    good = sum(1 for ch in text if ch.isprintable() or ch in "\t\r\n")
    return good / len(text)


def clean_line(line: str) -> str:
    """Drop export noise (bookmarks, image markers, <b> tags) and trailing spaces; tabs are cells, so they stay."""
    return _NOISE.sub("", line).rstrip(" \r\n\u3000")


def squeeze_cjk_spaces(text: str) -> str:
    """Remove spaces next to a CJK character ("赤湾海 事博物馆", "14 号线"); "Latin Latin" spaces stay.

    Each run of spaces is looked at once, with the character either side of it (all the pattern's
    lookarounds can see), rather than trying the pattern at every character: the same result, in a
    fraction of the time on a long paragraph."""
    if " " not in text and "\u3000" not in text:
        return text
    return _SPACE_RUN.sub(_squeezed_run, text)


def _squeezed_run(run: re.Match[str]) -> str:
    text, (start, end) = run.string, run.span()
    if "\u3000" in run.group():  # an ideographic space is itself in the CJK range: let the pattern decide
        low, high = max(start - 1, 0), min(end + 1, len(text))
        squeezed = _SPACE_NEXT_TO_CJK.sub("", text[low:high])
        return squeezed[start - low:len(squeezed) - (high - end)]  # the characters either side stay
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before and after and ((_CJK_CHAR.match(before) and not after.isspace())
                             or (not before.isspace() and _CJK_CHAR.match(after))):
        return ""
    return run.group()


def split_lines(text: str) -> list[str]:
    """Split on line ends the way the file is numbered (\\n, \\r\\n or \\r)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
