"""One search box for places and plan text: results grouped as places, passages and targets.

The index of names and indicators is read once; passages go to geodata.search (FTS5), so each keystroke
costs one indexed query and two scans of short in-memory lists.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from geodata.feature_queries import features, target_places, targets
from geodata.search import PassageHit, query_terms, search_passages
from layers.feature_sheet import NOT_STATED
from layers.style import kind_label

GROUPS = ("places", "passages", "targets")


@dataclass(frozen=True)
class PlaceResult:
    feature_id: str
    name: str
    detail: str  # kind and districts
    matched: str  # the name or alias that matched


@dataclass(frozen=True)
class TargetResult:
    target_id: int
    text: str  # "2025 地区生产总值 1250 亿元"
    detail: str  # scope and document
    feature_id: str | None  # the place it belongs to, if any
    passage_id: int | None


@dataclass(frozen=True)
class SearchResults:
    query: str
    places: tuple[PlaceResult, ...]
    passages: tuple[PassageHit, ...]
    targets: tuple[TargetResult, ...]

    def __len__(self) -> int:
        return len(self.places) + len(self.passages) + len(self.targets)


class SearchIndex:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.places: list[tuple[str, PlaceResult]] = []  # (lower-case surface, result)
        for info in features(db):
            f = info.feature
            detail = " · ".join(part for part in (kind_label(f.kind), "、".join(f.districts)) if part)
            for surface in (f.name, *f.aliases):
                self.places.append((surface.lower(), PlaceResult(f.id, f.name, detail, surface)))
        linked = target_places(db)
        self.targets: list[tuple[str, TargetResult]] = []
        for t in targets(db):
            text = " ".join(str(part) for part in (t.year or "", t.indicator, t.value_text or NOT_STATED, t.unit or "")
                            if part)
            result = TargetResult(t.id, text, f"{t.scope} · {t.document_title}", linked.get(t.id), t.passage_id)
            self.targets.append(((t.indicator + " " + t.scope).lower(), result))

    def search(self, query: str, limit: int = 8) -> SearchResults:
        terms = query_terms(query)
        if not terms:
            return SearchResults(query, (), (), ())
        places: dict[str, PlaceResult] = {}
        ranked = sorted(
            (item for item in self.places if all(term in item[0] for term in terms)),
            key=lambda item: (not item[0].startswith(terms[0]), len(item[0])),
        )
        for _, result in ranked:
            places.setdefault(result.feature_id, result)
        found_targets = [result for text, result in self.targets if all(term in text for term in terms)]
        return SearchResults(query, tuple(list(places.values())[:limit]), tuple(search_passages(self.db, query, limit)),
                             tuple(found_targets[:limit]))
