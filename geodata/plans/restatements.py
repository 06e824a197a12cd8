"""The same commitment stated twice: a table row repeated in prose, a summary repeating the body.

Rule: two statements are one target when they have the same kind, year and scope, the same value in the
same unit once normalised ("2.8万个" = "28000个", 名 = 人), and similar indicators. A table row wins over
prose; between two prose statements the later one is kept (plans state a goal in the overview first and
in full in the chapter that delivers it), and the other passage becomes one of its `sources`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from geodata.plans.figures import normalised
from geodata.plans.plan import Target, TargetSource

_PREFIXES = re.compile(r"^(?:全市|全区|本市|全社会|辖区|深圳市?|本地|新增)")
_MIN_CONTAINED = 3
_MIN_DICE = 0.6


def merge_restatements(tables: list[Target], prose: list[Target]) -> list[Target]:
    """Table targets (with any prose restatements as sources), then the prose targets left."""
    tables = list(tables)
    kept: list[Target] = []
    for target in prose:
        row = next((i for i, t in enumerate(tables) if same_commitment(t, target)), None)
        if row is not None:
            tables[row] = with_source(tables[row], target)
            continue
        earlier = next((i for i, t in enumerate(kept) if t.passage_ordinal != target.passage_ordinal
                        and same_commitment(t, target)), None)
        if earlier is not None:
            target = with_source(target, kept.pop(earlier))
        kept.append(target)
    return tables + sorted(kept, key=lambda t: (t.passage_ordinal or 0, t.span_start or 0))


def with_source(target: Target, other: Target) -> Target:
    """`target` with `other` (and whatever `other` was already found in) as further sources."""
    source = TargetSource(other.passage_ordinal or 0, other.span_start, other.span_end,
                          f"{other.value_text}{other.unit or ''}" if other.table is None else other.value_text,
                          other.comparator)
    return replace(target, sources=(*target.sources, *other.sources, source))


def same_commitment(a: Target, b: Target) -> bool:
    if a.kind != b.kind or a.year != b.year or a.scope != b.scope or a.value is None or b.value is None:
        return False
    if _amount(a.value, a.unit) != _amount(b.value, b.unit):
        return False
    if (a.value_max is None) != (b.value_max is None):
        return False
    return similar_indicators(a.indicator, b.indicator)


def _amount(value: float, unit: str | None) -> tuple[float, str]:
    amount, base = normalised(value, (unit or "").strip())
    return round(amount, 6), base


def similar_indicators(a: str, b: str) -> bool:
    a, b = (_PREFIXES.sub("", re.sub(r"\s+", "", x)) for x in (a, b))
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) >= _MIN_CONTAINED and short in long:
        return True
    pairs_a, pairs_b = _pairs(a), _pairs(b)
    if not pairs_a or not pairs_b:
        return False
    return 2 * len(pairs_a & pairs_b) / (len(pairs_a) + len(pairs_b)) >= _MIN_DICE


def _pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}
