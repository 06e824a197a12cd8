"""The same commitment stated twice: a table row repeated in prose, a summary repeating the body.

Rule: two statements are one target when they have the same kind, year and scope, the same value in the
same unit once normalised ("2.8万个" = "28000个", 名 = 人), and similar indicators. A table row wins over
prose; between two prose statements the later one is kept (plans state a goal in the overview first and
in full in the chapter that delivers it), and the other passage becomes one of its `sources`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from geodata.plans.figures import normalised
from geodata.plans.plan import Target, TargetSource

_PREFIXES = re.compile(r"^(?:全市|全区|本市|全社会|辖区|深圳市?|本地|新增)")
_MIN_CONTAINED = 3
_MIN_DICE = 0.6


def merge_restatements(tables: list[Target], prose: list[Target]) -> list[Target]:
    """Table targets (with any prose restatements as sources), then the prose targets left.

    Candidates are looked up by what `same_commitment` requires to be equal (kind, year, scope, amount), so a
    long plan is merged in time linear in its figures, not quadratic."""
    tables = list(tables)
    table_rows: dict[tuple, list[int]] = {}
    for index, table in enumerate(tables):
        table_rows.setdefault(_key(table), []).append(index)
    kept: list[Target | None] = []
    kept_rows: dict[tuple, list[int]] = {}
    kept_passages: dict[tuple, Counter] = {}
    for target in prose:
        key = _key(target)
        if key is not None:
            row = next((i for i in table_rows.get(key, ()) if same_commitment(tables[i], target)), None)
            if row is not None:
                tables[row] = with_source(tables[row], target)
                continue
            candidates = kept_rows.setdefault(key, [])
            passages = kept_passages.setdefault(key, Counter())
            earlier = None
            if len(candidates) > passages[target.passage_ordinal]:  # some candidate is in another passage
                earlier = next((j for j in candidates if kept[j].passage_ordinal != target.passage_ordinal
                                and same_commitment(kept[j], target)), None)
            if earlier is not None:
                target = with_source(target, kept[earlier])
                passages[kept[earlier].passage_ordinal] -= 1
                candidates.remove(earlier)
                kept[earlier] = None
            candidates.append(len(kept))
            passages[target.passage_ordinal] += 1
        kept.append(target)
    left = [t for t in kept if t is not None]
    return tables + sorted(left, key=lambda t: (t.passage_ordinal or 0, t.span_start or 0))


def _key(target: Target) -> tuple | None:
    """What two statements of one commitment share exactly; None when there is no value to compare."""
    if target.value is None:
        return None
    return target.kind, target.year, target.scope, _amount(target.value, target.unit), target.value_max is None


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
