"""Plan text as Qt rich text (a small HTML subset): escaped, with place names linked or highlighted.

Everything that comes from the store is escaped here, once; the widgets only display the result.
Links use the `feature:` and `passage:` schemes, which the window handles itself (never a browser).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from urllib.parse import quote, unquote

HIGHLIGHT_STYLE = "background-color:#ffe08a;"
SELECTED_LINK_STYLE = "background-color:#ffd0da;color:#b0003a;font-weight:bold;"
LINK_STYLE = "color:#1a5fb4;text-decoration:none;"


def feature_href(feature_id: str) -> str:
    return "feature:" + quote(feature_id, safe="")


def passage_href(passage_id: int) -> str:
    return f"passage:{int(passage_id)}"


def parse_href(href: str) -> tuple[str, str] | None:
    """('feature', id) or ('passage', id) for one of our links; None for anything else."""
    scheme, _, rest = href.partition(":")
    if scheme in ("feature", "passage") and rest:
        return scheme, unquote(rest)
    return None


def non_overlapping(spans: Iterable[tuple]) -> list[tuple]:
    """Spans (start, end, ...) sorted, dropping any that overlaps one already kept."""
    kept, at = [], 0
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if span[0] >= at:
            kept.append(span)
            at = span[1]
    return kept


def highlighted_html(text: str, spans: Sequence[tuple[int, int]], style: str = HIGHLIGHT_STYLE) -> str:
    out, at = [], 0
    for start, end in non_overlapping(spans):
        out += [html.escape(text[at:start]), f'<span style="{style}">', html.escape(text[start:end]), "</span>"]
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def linked_html(text: str, mentions: Sequence[tuple[str, int, int]], selected: str | None = None) -> str:
    """`text` with every mention (feature id, start, end) as a link; the selected feature's stand out."""
    out, at = [], 0
    for start, end, feature_id in non_overlapping((s, e, f) for f, s, e in mentions):
        style = SELECTED_LINK_STYLE if feature_id == selected else LINK_STYLE
        out += [html.escape(text[at:start]),
                f'<a href="{html.escape(feature_href(feature_id))}" style="{style}">',
                html.escape(text[start:end]), "</a>"]
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def section_html(title: str, paragraphs: Sequence[tuple[int, str, Sequence[tuple[str, int, int]]]],
                 selected: str | None = None, current_passage: int | None = None) -> str:
    """A section for the plan reader: its heading, then each passage (id, text, mentions) with links."""
    parts = [f"<h3>{html.escape(title)}</h3>"]
    for passage_id, text, mentions in paragraphs:
        style = ' style="background-color:#eef5ff;"' if passage_id == current_passage else ""
        parts.append(f'<p{style}><a name="p{int(passage_id)}"></a>{linked_html(text, mentions, selected)}</p>')
    return "\n".join(parts)
