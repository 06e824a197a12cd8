"""One search box for places and plan text: results grouped as places, passages and targets.

Places come first, drawn or not: the features, and the place register's names that have no feature of their
own (not drawn, with the reason; a structure formula whose members are drawn; a short name that could mean
several places). Each group says how many results it has in all, and shows the first few until expanded.

Drawn places and passages go to geodata.search's indexes (FTS5), whatever the size of the layers; the place
register's other names and the indicators are read once, so each keystroke costs two indexed queries and two
scans of short in-memory lists.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass, field

from geodata.feature_queries import features, layer_tables, target_places, targets
from geodata.feature_tiles import tiled_layers
from geodata.place_register import PlaceEntry, place_register
from geodata.search import PassageHit, PlaceHit, count_places, query_terms, search_passages, search_places
from geodata.store import StoreError
from layers.style import kind_label
from layers.target_rows import TARGET_KIND_LABELS as TARGET_KIND_LABELS
from layers.target_rows import target_row

GROUPS = ("places", "passages", "targets")
SHOWN = 8  # results shown per group until the user asks for more
EVERY_HIT = 1_000_000  # "all the passages": the count of a group is the true total, as the command line finds it
NOT_DRAWN = "未绘制"
PLACES_AT_MOST = 1_000  # drawn places counted and listed at most: 地 names every one of a million parcels


@dataclass(frozen=True)
class PlaceResult:
    feature_id: str | None  # None for a place that is not drawn, a group or a choice
    name: str
    detail: str  # kind and districts; 未绘制, a group's member count, a choice's candidates
    matched: str  # the name or alias that matched
    status: str = "drawn"  # drawn, not_drawn, group or choice (as in the place register)
    explanation: str = ""  # what selecting it says: why it is not drawn, what a group or a choice is
    members: tuple[str, ...] = ()  # a group's feature ids
    candidates: tuple[PlaceResult, ...] = field(default=())  # a choice's places, to pick one


@dataclass(frozen=True)
class TargetResult:
    target_id: int
    text: str  # "2025 地区生产总值 ≥1250 亿元"
    detail: str  # "目标 · 燕子湖片区 · 坪山区“十四五”规划纲要": kind, place and document
    feature_id: str | None  # the place it belongs to, if any
    passage_id: int | None
    kind: str = "target"  # target, result or baseline
    place: str = ""  # the key area, district or 深圳市 it is about
    document_title: str = ""


@dataclass(frozen=True)
class SearchResults:
    query: str
    places: tuple[PlaceResult, ...]
    passages: tuple[PassageHit, ...]
    targets: tuple[TargetResult, ...]
    totals: dict[str, int] = field(default_factory=dict)  # every result of each group, shown or not

    def __len__(self) -> int:
        return len(self.places) + len(self.passages) + len(self.targets)

    def total(self, group: str) -> int:
        return self.totals.get(group, len(getattr(self, group)))


def short_title(title: str) -> str:
    """A plan's title as a reader names it: 坪山区“十四五”规划纲要, 深圳市“十三五”规划纲要, 深圳市“十四五”规划建议."""
    inner = re.search(r"《(.+?)》", title)
    text = inner.group(1) if inner else title
    text = re.sub(r"^中共\S+?委关于制定", "", text)
    text = re.sub(r"国民经济和社会发展第([一二三四五六七八九十]+)个五年规划", r"“\1五”规划", text)
    text = text.replace("和二〇三五年远景目标", "").replace("的建议", "建议")
    return re.sub(r"^深圳市(\S{2}区)(?=“)", r"\1", text)


def place_detail(kind: str, districts: tuple[str, ...]) -> str:
    return " · ".join(part for part in (kind_label(kind), "、".join(districts)) if part)


def drawn_place(hit: PlaceHit) -> PlaceResult:
    """A feature the name index found (geodata.search.search_places)."""
    return PlaceResult(hit.feature_id, hit.name, place_detail(hit.kind, hit.districts), hit.surface)


def _place_of_entry(entry: PlaceEntry, surface: str, by_id: dict[str, PlaceResult],
                    by_name: dict[str, PlaceEntry]) -> PlaceResult:
    where = entry.district or ""
    if entry.status == "group":
        names = [by_id[m].name for m in entry.members if m in by_id]
        detail = f"{len(names)} 个要素" + (f" · {where}" if where else "")
        return PlaceResult(None, entry.name, detail, surface, "group", place_explanation(entry, names),
                           tuple(m for m in entry.members if m in by_id))
    if entry.status == "choice":
        candidates = tuple(_candidate(name, by_id, by_name) for name in entry.members)
        detail = "可指：" + "、".join(c.name for c in candidates)
        return PlaceResult(None, entry.name, detail, surface, "choice", place_explanation(entry), (), candidates)
    detail = " · ".join(part for part in (NOT_DRAWN, entry.reason or "", where) if part)
    return PlaceResult(None, entry.name, detail, surface, "not_drawn", place_explanation(entry))


def place_explanation(entry: PlaceEntry, member_names: list[str] | None = None) -> str:
    """What the window says of a register place that has no feature: why it is not drawn and where it is
    ("南头街道：未绘制——街道边界数据不可得（南山区）。…"), or a group's members, or a choice's note."""
    where = f"（{entry.district}）" if entry.district else ""
    note = f"。{entry.note}" if entry.note else ""
    if entry.status == "group":
        return f"{entry.name}：{'、'.join(member_names or ())}{where}{note}"
    if entry.status == "choice":
        return entry.note or f"{entry.name}：可指{'、'.join(entry.members)}"
    return f"{entry.name}：{NOT_DRAWN}——{entry.reason or '原因未记'}{where}{note}"


def _candidate(name: str, by_id: dict[str, PlaceResult], by_name: dict[str, PlaceEntry]) -> PlaceResult:
    entry = by_name.get(name)
    if entry is not None and entry.status == "drawn" and entry.feature_id in by_id:
        return by_id[entry.feature_id]
    if entry is not None:
        return _place_of_entry(entry, name, by_id, by_name)
    return PlaceResult(None, name, NOT_DRAWN, name, "not_drawn", f"{name}：{NOT_DRAWN}")


class SearchIndex:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.places: list[tuple[str, PlaceResult]] = []  # (lower-case surface, result)
        by_id: dict[str, PlaceResult] = {}  # the features of the layers small enough to read whole
        tiled = set(tiled_layers(db))
        for info in (info for layer in layer_tables(db) if layer not in tiled for info in features(db, layer)):
            f = info.feature
            by_id[f.id] = PlaceResult(f.id, f.name, place_detail(f.kind, f.districts), f.name)
        self.places += self._register_places(db, by_id)
        linked = target_places(db)
        feature_named = {result.name: fid for fid, result in by_id.items()}
        self.targets: list[tuple[str, TargetResult]] = []
        for t in targets(db):
            row = target_row(t)
            text = " ".join(str(part) for part in (t.year or "", t.indicator, row.value_with_unit) if part)
            result = TargetResult(t.id, text, f"{row.kind} · {t.scope} · {short_title(t.document_title)}",
                                  feature_named.get(t.scope, linked.get(t.id)), t.passage_id, t.kind, t.scope,
                                  t.document_title)
            self.targets.append((f"{t.indicator} {t.scope} {row.kind}".lower(), result))

    @staticmethod
    def _register_places(db: sqlite3.Connection, by_id: dict[str, PlaceResult]) -> list[tuple[str, PlaceResult]]:
        """The register's places without a feature of their own; none for a store built before the register."""
        try:
            entries = place_register(db)
        except StoreError:
            return []
        by_name = {entry.name: entry for entry in entries}
        found = []
        for entry in entries:
            if entry.status == "drawn":
                continue
            for surface in entry.names:
                found.append((surface.lower(), _place_of_entry(entry, surface, by_id, by_name)))
        return found

    def search(self, query: str, limit: int = SHOWN, expanded: Collection[str] = ()) -> SearchResults:
        """Every group's first `limit` results (all of those in `expanded`), with each group's true total."""
        terms = query_terms(query)
        if not terms:
            return SearchResults(query, (), (), (), {group: 0 for group in GROUPS})
        places: dict[tuple[str | None, str], PlaceResult] = {}
        drawn = [(hit.surface.lower(), drawn_place(hit)) for hit in
                 search_places(self.db, query, PLACES_AT_MOST if "places" in expanded else limit)]
        ranked = sorted(
            (item for item in [*drawn, *self.places] if all(term in item[0] for term in terms)),
            key=lambda item: (not item[0].startswith(terms[0]), len(item[0])),
        )
        for _, result in ranked:
            places.setdefault((result.feature_id, result.name), result)
        offered = {(c.feature_id, c.name) for result in places.values() for c in result.candidates}
        found_places = [result for key, result in places.items() if key not in offered]  # listed under the choice
        found_passages = search_passages(self.db, query, EVERY_HIT)
        found_targets = [result for text, result in self.targets if all(term in text for term in terms)]
        unlisted = count_places(self.db, query, PLACES_AT_MOST) - len(drawn)
        offered_count = sum(len(result.candidates) for result in found_places)
        totals = {"places": len(found_places) + offered_count + max(0, unlisted), "passages": len(found_passages),
                  "targets": len(found_targets)}

        def shown(group: str, items: list) -> tuple:
            return tuple(items if group in expanded else items[:limit])

        return SearchResults(query, shown("places", found_places), shown("passages", found_passages),
                             shown("targets", found_targets), totals)
