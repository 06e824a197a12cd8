"""A plan file's bytes turned into clean lines: decoding, noise removal, CJK spacing.

Cleaning never adds or removes lines, so line numbers stay those of the file as delivered.
"""

from __future__ import annotations

import re

from geodata.plans.plan import PlanError

# Word-export bookmarks and image placeholders, e.g. "[bookmark: _Toc489300790]", "[image: ]".
_NOISE = re.compile(r"\[(?:bookmark|image):[^\]]*\]|</?b>")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20\u2018-\u201d"
_SPACE_NEXT_TO_CJK = re.compile(rf"(?<=[{_CJK}])[ \u3000]+(?=\S)|(?<=\S)[ \u3000]+(?=[{_CJK}])")
_MIN_PRINTABLE_SHARE = 0.95


def decode_plan_bytes(raw: bytes, name: str) -> str:
    """Decode UTF-8 (BOM allowed) or, failing that, GB18030; anything else is a PlanError.

    A UTF-8 file cut inside its last character is reported as truncated rather than guessed at.
    """
    if not raw.strip():
        raise PlanError(f"{name} is empty: export the plan text again and add the file that has content.")
    if b"\x00" in raw:
        raise PlanError(
            f"{name} looks like a binary file (it contains NUL bytes): "
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


def _printable_share(text: str) -> float:
    good = sum(1 for ch in text if ch.isprintable() or ch in "\t\r\n")
    return good / len(text)


def clean_line(line: str) -> str:
    """Drop export noise (bookmarks, image markers, <b> tags) and trailing spaces; tabs are cells, so they stay."""
    return _NOISE.sub("", line).rstrip(" \r\n\u3000")


def squeeze_cjk_spaces(text: str) -> str:
    """Remove spaces next to a CJK character ("赤湾海 事博物馆", "14 号线"); "Latin Latin" spaces stay."""
    return _SPACE_NEXT_TO_CJK.sub("", text)


def split_lines(text: str) -> list[str]:
    """Split on line ends the way the file is numbered (\\n, \\r\\n or \\r)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
