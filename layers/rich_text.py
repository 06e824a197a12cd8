"""Plan text as Qt rich text (a small HTML subset): escaped, with place names linked or highlighted.

Everything that comes from the store is escaped here, once; the widgets only display the result.
Links use the `feature:`, `passage:` and `place:` schemes, which the window handles itself (never a browser):
`place:` names a place of the register with no feature of its own (not drawn, a group such as 一轴一带三组团,
or a short name with several candidates).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from urllib.parse import quote, unquote

HIGHLIGHT_STYLE = "background-color:#ffe08a;"
SELECTED_LINK_STYLE = "background-color:#ffd0da;color:#b0003a;font-weight:bold;"
LINK_STYLE = "color:#1a5fb4;text-decoration:none;"
NOT_DRAWN_STYLE = "color:#7a7a7a;text-decoration:underline;"  # the reader draws this underline dotted
FIGURE_STYLE = "background-color:#ffc94d;font-weight:bold;"  # a target's figure, opened from the feature panel


def feature_href(feature_id: str) -> str:
    return "feature:" + quote(feature_id, safe="")


def passage_href(passage_id: int) -> str:
    return f"passage:{int(passage_id)}"


def place_href(name: str) -> str:
    return "place:" + quote(name, safe="")


def parse_href(href: str) -> tuple[str, str] | None:
    """('feature', id), ('passage', id) or ('place', name) for one of our links; None for anything else."""
    scheme, _, rest = href.partition(":")
    if scheme in ("feature", "passage", "place") and rest:
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


def linked_html(text: str, mentions: Sequence[tuple[str, int, int]], selected: str | None = None,
                places: Sequence[tuple[str, int, int, str]] = (), figure: tuple[int, int] | None = None) -> str:
    """`text` with every mention (feature id, start, end) as a link, the selected feature's standing out; each
    register place (name, start, end, status) as a `place:` link, grey and underlined when it is not drawn; and
    the `figure` span marked, winning over a name it overlaps."""
    spans = [(s, e, "feature", f) for f, s, e in mentions]
    spans += [(s, e, status, name) for name, s, e, status in places]
    if figure is not None:
        spans = [span for span in spans if span[1] <= figure[0] or span[0] >= figure[1]]
        spans.append((figure[0], figure[1], "figure", ""))
    out, at = [], 0
    for start, end, kind, key in non_overlapping(spans):
        shown = html.escape(text[start:end])
        if kind == "figure":
            out += [html.escape(text[at:start]), f'<span style="{FIGURE_STYLE}">{shown}</span>']
        else:
            href = feature_href(key) if kind == "feature" else place_href(key)
            style = (SELECTED_LINK_STYLE if key == selected else LINK_STYLE) if kind == "feature" else \
                NOT_DRAWN_STYLE if kind == "not_drawn" else LINK_STYLE
            out += [html.escape(text[at:start]), f'<a href="{html.escape(href)}" style="{style}">{shown}</a>']
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def section_html(title: str, paragraphs: Sequence, selected: str | None = None, current_passage: int | None = None,
                 figure: tuple[int, int, int] | None = None) -> str:
    """A section for the plan reader: its heading, then each passage (id, text, mentions, places) with links;
    `figure` (passage id, start, end) marks a target's figure in its passage."""
    parts = [f"<h3>{html.escape(title)}</h3>"]
    for passage_id, text, mentions, *places in paragraphs:
        style = ' style="background-color:#eef5ff;"' if passage_id == current_passage else ""
        span = figure[1:] if figure is not None and figure[0] == passage_id else None
        body = linked_html(text, mentions, selected, places[0] if places else (), span)
        parts.append(f'<p{style}><a name="p{int(passage_id)}"></a>{body}</p>')
    return "\n".join(parts)
