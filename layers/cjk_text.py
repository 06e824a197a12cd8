"""Chinese text on printed pages: finding a CJK font on any OS, and wrapping mixed Chinese/Latin lines.

PDF and SVG exports keep text as text (searchable, selectable), so the font must cover Chinese: matplotlib's
default DejaVu Sans would print empty boxes ("tofu").
"""

from __future__ import annotations

import unicodedata
from functools import cache

from matplotlib import font_manager
from matplotlib.textpath import TextToPath

_TEXT_TO_PATH = TextToPath()
RASTER_SLACK = 0.95
NO_LINE_START = set("。，、；：！？）」』”’》〉】…·%")  # punctuation that must not begin a line (禁则)

# Family names as matplotlib's font manager reports them, best first. Linux, Windows, macOS.
CJK_FAMILIES = (
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
)


class FontError(ValueError):
    """No font that can show Chinese is installed; the message names what to install."""


@cache
def cjk_family() -> str:
    """The installed CJK font family the exports use."""
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    raise FontError(
        "No Chinese font is installed, so exported maps would show empty boxes instead of Chinese text. "
        "Install one of: " + ", ".join(CJK_FAMILIES[:5]) + " (Debian/Ubuntu: sudo apt install fonts-wqy-microhei "
        "or fonts-noto-cjk; Windows has Microsoft YaHei built in), then run the export again."
    )


@cache
def has_bold() -> bool:
    """Whether the export font has a bold face (WenQuanYi Micro Hei has none: bold is then drawn as an outline
    in the text's own colour, not asked of matplotlib, which would warn and print regular)."""
    family = cjk_family()
    for entry in font_manager.fontManager.ttflist:
        weight = entry.weight if isinstance(entry.weight, int) else font_manager.weight_dict.get(entry.weight, 400)
        if entry.name == family and weight >= 600:
            return True
    return False


def export_rc() -> dict:
    """matplotlib settings for exports: the CJK font first, and fonts embedded as TrueType, text kept as text."""
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [cjk_family(), "DejaVu Sans"],
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "svg.fonttype": "none",
        "axes.unicode_minus": False,
        "text.hinting": "no_hinting",  # force_autohint lays CJK text out 4× slower, for nothing visible at print dpi
    }


@cache
def char_width_em(ch: str) -> float:
    """The advance of one character in ems, measured in the export font (DejaVu for what it lacks)."""
    from matplotlib.font_manager import FontProperties

    try:
        family = [cjk_family(), "DejaVu Sans"]
    except FontError:
        family = ["DejaVu Sans"]
    if ch == " ":
        return 0.32
    try:
        width, _, _ = _TEXT_TO_PATH.get_text_width_height_descent(ch, FontProperties(family=family, size=100), False)
    except (RuntimeError, ValueError):
        width = 0.0
    if width <= 0:  # not measurable: guess from the Unicode width class
        return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.6
    return width / 100


def text_width_em(text: str) -> float:
    return sum(char_width_em(ch) for ch in text)


def wrap(text: str, width_em: float) -> list[str]:
    """Lines that fit in `width_em` ems; Chinese breaks anywhere but before closing punctuation (。 ， 》 …
    go to the next line with the character before them), Latin words are kept whole where possible.

    PNG output rounds glyph advances to whole pixels (6.5 pt at 150 dpi: 13.5 px drawn as 14), so lines are
    filled to RASTER_SLACK of the width to stay inside the margin at any dpi.
    """
    width_em *= RASTER_SLACK
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line, used = "", 0.0
        for token in _tokens(paragraph):
            width = text_width_em(token)
            if used + width > width_em and line.strip():
                carried = ""
                if token[0] in NO_LINE_START and len(line) > 1 and _is_wide(line[-1]):
                    line, carried = line[:-1], line[-1]  # 。 never starts a line: its character comes along
                lines.append(line.rstrip())
                line, used = carried, text_width_em(carried)
                token = token.lstrip() if not carried else token
                width = text_width_em(token)
            while width > width_em:  # a single token longer than a line: cut it
                cut, cut_width = "", 0.0
                for ch in token:
                    if cut_width + char_width_em(ch) > width_em:
                        break
                    cut, cut_width = cut + ch, cut_width + char_width_em(ch)
                lines.append(cut)
                token = token[len(cut):]
                width = text_width_em(token)
            line, used = line + token, used + width
        lines.append(line.rstrip())
    return lines


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _tokens(text: str) -> list[str]:
    """Each CJK character is a token; runs of other characters form a word (with its leading space)."""
    tokens: list[str] = []
    word = ""
    for ch in text:
        if _is_wide(ch):
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        elif ch == " " and word.strip():
            tokens.append(word)
            word = ch
        else:
            word += ch
    if word:
        tokens.append(word)
    return tokens


def shorten(text: str, max_em: float, ellipsis: str = "……") -> str:
    """`text` cut to about `max_em` ems, with an ellipsis when something was cut."""
    if text_width_em(text) <= max_em:
        return text
    out, used = "", text_width_em(ellipsis)
    for ch in text:
        used += char_width_em(ch)
        if used > max_em:
            break
        out += ch
    return out + ellipsis
