"""The place register: every place the plans name, drawn or not, and how often the plans name it.

Drawn places are the features. The others are listed in resources/places/: `not_drawn.json` (each with the
reason it is not drawn: 规划未载明位置, 线位未定, 街道边界数据不可得 …), `groups.json` (structure formulas
such as 一轴一带三组团, whose members are features) and `choices.json` (short names that could mean more
than one place, 高新区: a choice, never a guess).

The build runs one gazetteer pass over all of them: the features' names and aliases, and the register's
names as mention-only names that link to no feature. So 坪山 inside 坪山河 is not a mention of 坪山区 but
of 坪山河 (not drawn, a river), and a plan added later updates every count. Mentions of drawn places are
feature_passages rows as before; the others go to `place_mentions`, and `place_register` holds the register.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from geodata import links
from geodata.features import Feature
from geodata.resources import RESOURCES_DIR
from geodata.store import StoreError

PLACES_DIR = RESOURCES_DIR / "places"
STATUSES = ("drawn", "not_drawn", "group", "choice")
MENTION_ONLY_LAYER = ""  # the layer of a mention-only name: it is drawn in none

PLACE_SCHEMA = """
CREATE TABLE place_register (
    name TEXT PRIMARY KEY, aliases TEXT NOT NULL, status TEXT NOT NULL, feature_id TEXT, kind TEXT,
    reason TEXT, note TEXT, district TEXT, mentions INTEGER NOT NULL, source TEXT, members TEXT NOT NULL
);
CREATE TABLE place_mentions (
    place TEXT NOT NULL, passage_id INTEGER NOT NULL REFERENCES passages(id), start INTEGER, end INTEGER,
    matched TEXT
);
CREATE INDEX place_mentions_by_passage ON place_mentions (passage_id, start);
CREATE INDEX place_mentions_by_place ON place_mentions (place);
"""

# A list sharing one suffix names each item with it: "南头、南山、招商、西丽等四个街道" names 南山街道 (not the
# district), "深惠、深莞、深珠城际轨道" names 深惠城际. The first item may carry words before the name.
SHARED_SUFFIXES = {"街道": ("街道",), "城际轨道": ("城际轨道", "城际"), "城际": ("城际",)}
NAME_LIST = re.compile(
    r"(?P<items>(?:[\u4e00-\u9fff]{2,6}[、和]){1,16}[\u4e00-\u9fff]{2,4}?)"
    r"(?P<etc>等?(?:[一二三四五六七八九十两]+个|\d+个)?)(?P<suffix>街道|城际轨道|城际)"
)


@dataclass(frozen=True)
class PlaceEntry:
    """One place in the register. `members`: a group's feature ids, or a choice's candidate names."""

    name: str
    aliases: tuple[str, ...]
    status: str  # one of STATUSES
    feature_id: str | None = None  # drawn: the feature
    kind: str | None = None
    reason: str | None = None  # not drawn: why (规划未载明位置, 线位未定, 海域 …)
    note: str | None = None  # what the reason means for this place; a group's or choice's explanation
    district: str | None = None  # 坪山区, or several joined with 、
    mentions: int = 0  # passages that mention it, by any of its names
    source: str | None = None  # the document and section that name it (drawn: the feature's source)
    members: tuple[str, ...] = field(default=())

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


# --- the register's resources ---------------------------------------------------------------------------


@cache
def listed_places() -> tuple[PlaceEntry, ...]:
    """The not-drawn places, groups and choices of resources/places/, as entries without counts."""
    entries = [
        PlaceEntry(
            item["name"],
            tuple(item.get("aliases", ())),
            "not_drawn",
            kind=item.get("kind"),
            reason=item["reason"],
            note=item.get("note"),
            district=item.get("district"),
            source=item.get("source"),
        )  # fmt: skip
        for item in _read("not_drawn.json")
    ]
    for item in _read("groups.json"):
        members = ("structure:" + item["structure"],) if "structure" in item else tuple(item["members"])
        entries.append(
            PlaceEntry(
                item["name"],
                tuple(item.get("aliases", ())),
                "group",
                kind="group",
                note=item.get("note"),
                district=item.get("district"),
                source=item.get("source"),
                members=members,
            )  # fmt: skip
        )
    for item in _read("choices.json"):
        entries.append(
            PlaceEntry(
                item["name"],
                tuple(item.get("aliases", ())),
                "choice",
                kind="choice",
                note=item.get("note"),
                members=tuple(item["candidates"]),
            )  # fmt: skip
        )
    return tuple(entries)


def _read(file_name: str) -> list[dict]:
    return json.loads((PLACES_DIR / file_name).read_text(encoding="utf-8"))


def check_register(features: Sequence[Feature], entries: Sequence[PlaceEntry] | None = None) -> None:
    """Every name once: a register name that is also a feature's name or alias (or another entry's) would
    make the gazetteer pick one silently. A choice's candidates and a group's members must exist."""
    entries = listed_places() if entries is None else entries
    owner: dict[str, str] = {}
    for feature in features:
        for name in (feature.name, *feature.aliases):
            owner.setdefault(name, feature.id)
    problems = []
    for entry in entries:
        for name in entry.names:
            if name in owner:
                problems.append(f"{name} ({entry.name}) is already a name of {owner[name]}")
            owner[name] = entry.name
    known = {feature.name for feature in features} | {entry.name for entry in entries}
    ids = {feature.id for feature in features}
    for entry in entries:
        if entry.status == "choice":
            problems += [f"choice {entry.name}: no place named {c}" for c in entry.members if c not in known]
        if entry.status == "group":
            problems += [f"group {entry.name}: no feature {m}" for m in entry.members
                         if not m.startswith("structure:") and m not in ids]  # fmt: skip
    if problems:
        raise ValueError("resources/places: " + "; ".join(problems))


def mention_only_feature(entry: PlaceEntry) -> Feature:
    """A stand-in the gazetteer can match, linking to no feature: its id names the register entry."""
    return Feature(id=mention_id(entry.name), name=entry.name, layer=MENTION_ONLY_LAYER, kind=entry.kind or "",
                   aliases=entry.aliases)  # fmt: skip


def mention_id(name: str) -> str:
    return "place:" + name


# --- the build step -------------------------------------------------------------------------------------


def link_and_register(db: sqlite3.Connection, features: list[Feature]) -> int:
    """Link features to passages and targets (links.link_all) in one gazetteer pass that also finds the
    places that are not drawn, then write the register. Returns the number of feature links."""
    entries = listed_places()
    check_register(features, entries)
    stand_ins = [mention_only_feature(entry) for entry in entries]
    count = links.link_all(db, [*features, *stand_ins])
    db.executescript(PLACE_SCHEMA)
    moved = _move_mentions_of_stand_ins(db, [feature.id for feature in stand_ins])
    count += _link_shared_suffix_lists(db, features, entries)
    write_register(db, features, entries)
    return count - moved


def _move_mentions_of_stand_ins(db: sqlite3.Connection, stand_in_ids: list[str]) -> int:
    """The stand-ins' rows of feature_passages go to place_mentions; their target links are dropped."""
    db.execute("CREATE TEMP TABLE stand_ins (id TEXT PRIMARY KEY)")
    db.executemany("INSERT INTO stand_ins VALUES (?)", [(i,) for i in stand_in_ids])
    db.execute(
        "INSERT INTO place_mentions (place, passage_id, start, end, matched) "
        "SELECT substr(feature_id, 7), passage_id, start, end, matched FROM feature_passages "
        "WHERE feature_id IN (SELECT id FROM stand_ins)"
    )
    moved = db.execute("DELETE FROM feature_passages WHERE feature_id IN (SELECT id FROM stand_ins)").rowcount
    moved += db.execute("DELETE FROM feature_targets WHERE feature_id IN (SELECT id FROM stand_ins)").rowcount
    db.execute("DROP TABLE stand_ins")
    return moved


def listed_names(text: str, known: set[str]) -> list[tuple[int, int, str]]:
    """Names made by a list that shares its suffix: (start, end, full name) for each item whose item+suffix
    is a known name and that is not written out in full ("南山、蛇口、招商街道" → 南山街道, 蛇口街道)."""
    found = []
    for listing in NAME_LIST.finditer(text):
        forms = SHARED_SUFFIXES[listing.group("suffix")]
        items_start = listing.start("items")
        items = re.split(r"[、和]", listing.group("items"))
        offset = items_start
        for position, item in enumerate(items):
            last_written_out = position == len(items) - 1 and not listing.group("etc")
            if not last_written_out:
                # The first item may start before the name ("…中心和南头"): try its endings, longest first.
                candidates = [item[cut:] for cut in range(len(item) - 1)] if position == 0 else [item]
                for candidate in candidates:
                    name = next((candidate + form for form in forms if candidate + form in known), None)
                    if name and len(candidate) >= 2:
                        start = offset + len(item) - len(candidate)
                        found.append((start, start + len(candidate), name))
                        break
            offset += len(item) + 1
    return found


def _link_shared_suffix_lists(db: sqlite3.Connection, features: list[Feature], entries: Sequence[PlaceEntry]) -> int:
    """Adds the mentions `listed_names` finds; an item that the gazetteer read as something else (南山 as
    the district) is that list's place instead. Returns the number of feature links added."""
    feature_by_name = {feature.name: feature.id for feature in features}
    known = set(feature_by_name) | {entry.name for entry in entries if entry.status == "not_drawn"}
    added = 0
    rows = db.execute(
        "SELECT id, text FROM passages WHERE text LIKE '%、%' AND (text LIKE '%街道%' OR text LIKE '%城际%')"
    ).fetchall()
    # A mention overlapping [start, end) starts after start - (the longest name or alias there is).
    longest = max((len(n) for f in features for n in (f.name, *f.aliases)), default=0)
    longest = max([longest, *(len(n) for e in entries for n in (e.name, *e.aliases))])
    for passage_id, text in rows:
        for start, end, name in listed_names(text, known):
            overlap = (passage_id, start - longest, end, start)
            db.execute("DELETE FROM feature_passages WHERE passage_id = ? AND start > ? AND start < ? AND end > ? "
                       "AND origin = 'gazetteer'", overlap)  # fmt: skip
            db.execute("DELETE FROM place_mentions WHERE passage_id = ? AND start > ? AND start < ? AND end > ?",
                       overlap)
            if name in feature_by_name:
                db.execute(
                    "INSERT INTO feature_passages (feature_id, passage_id, start, end, matched, is_defining, origin) "
                    "VALUES (?, ?, ?, ?, ?, 0, 'gazetteer')",
                    (feature_by_name[name], passage_id, start, end, text[start:end]),
                )
                added += 1
            else:
                db.execute("INSERT INTO place_mentions VALUES (?, ?, ?, ?, ?)", (name, passage_id, start, end,
                                                                                 text[start:end]))  # fmt: skip
    return added


def write_register(db: sqlite3.Connection, features: list[Feature], entries: Sequence[PlaceEntry]) -> None:
    """The `place_register` table (not `places`: users name their own layers so): every feature (drawn)
    and every register entry, with its mention count."""
    drawn_counts = dict(
        db.execute("SELECT feature_id, count(DISTINCT passage_id) FROM feature_passages GROUP BY feature_id")
    )
    other_counts = dict(db.execute("SELECT place, count(DISTINCT passage_id) FROM place_mentions GROUP BY place"))
    rows = []
    for feature in features:
        rows.append(PlaceEntry(
            feature.name, feature.aliases, "drawn", feature_id=feature.id, kind=feature.kind,
            district="、".join(feature.districts) or None, mentions=drawn_counts.get(feature.id, 0),
            source=feature.source,
        ))  # fmt: skip
    for entry in entries:
        members = entry.members
        if entry.status == "group":
            members = tuple(_group_members(entry, features))
        rows.append(PlaceEntry(
            entry.name, entry.aliases, entry.status, kind=entry.kind, reason=entry.reason, note=entry.note,
            district=entry.district, mentions=other_counts.get(entry.name, 0), source=entry.source, members=members,
        ))  # fmt: skip
    db.executemany(
        "INSERT INTO place_register (name, aliases, status, feature_id, kind, reason, note, district, mentions, "
        "source, members) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (e.name, json.dumps(list(e.aliases), ensure_ascii=False), e.status, e.feature_id, e.kind, e.reason,
             e.note, e.district, e.mentions, e.source, json.dumps(list(e.members), ensure_ascii=False))
            for e in _unique_by_name(rows)
        ],
    )  # fmt: skip


def _group_members(entry: PlaceEntry, features: Iterable[Feature]) -> list[str]:
    """A group's feature ids: the features whose `structure` is the group's, or the ids it lists."""
    structures = {m.removeprefix("structure:") for m in entry.members if m.startswith("structure:")}
    listed = [m for m in entry.members if not m.startswith("structure:")]
    return [f.id for f in features if f.structure in structures] + listed


def _unique_by_name(rows: list[PlaceEntry]) -> list[PlaceEntry]:
    """Two features with one name (none today) keep the first in the register; both keep their links."""
    seen: set[str] = set()
    return [row for row in rows if not (row.name in seen or seen.add(row.name))]


# --- queries --------------------------------------------------------------------------------------------


def place_register(db: sqlite3.Connection, status: str | None = None) -> list[PlaceEntry]:
    """The register, most-mentioned first, then by name (by code point: sorted here, as a database's collation
    may order text otherwise); only the places of one status when `status` is given."""
    if status is not None and status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    query = f"SELECT {_COLUMNS} FROM place_register" + (" WHERE status = ?" if status else "")
    entries = [_entry(row) for row in _rows(db, query, (status,) if status else ())]
    return sorted(entries, key=lambda entry: (-entry.mentions, entry.name))


def place_named(db: sqlite3.Connection, name: str) -> list[PlaceEntry]:
    """The places a name or alias stands for: one, or for an ambiguous short name (高新区) each candidate,
    or none. A group's name gives the group; formula_members gives its features."""
    name = name.strip()
    found = [e for e in place_register(db) if name in e.names]
    result: list[PlaceEntry] = []
    for entry in found:
        if entry.status == "choice":
            result += [c for candidate in entry.members for c in _places_called(db, candidate)]
        else:
            result.append(entry)
    return list({e.name: e for e in result}.values())


def _places_called(db: sqlite3.Connection, name: str) -> list[PlaceEntry]:
    return [_entry(row) for row in _rows(db, f"SELECT {_COLUMNS} FROM place_register WHERE name = ?", (name,))]


def formula_members(db: sqlite3.Connection, name: str) -> list[str]:
    """The feature ids of a structure formula ("一轴一带三组团", "1+7", "三轴两带多中心"), in layer order;
    empty when `name` is not a group."""
    members: list[str] = []
    for entry in place_named(db, name):
        if entry.status == "group":
            members += [m for m in entry.members if m not in members]
    return members


def place_mentions_in(db: sqlite3.Connection, passage_id: int) -> list[tuple[str, int, int, str]]:
    """The not-drawn places, groups and choices a passage names: (place, start, end, matched), in order."""
    rows = _rows(db, 'SELECT place, start, "end", matched FROM place_mentions WHERE passage_id = ? ORDER BY start',
                 (passage_id,))  # fmt: skip
    return [tuple(row) for row in rows]


UNDEFINED_TABLE = "42P01"  # PostgreSQL's SQLSTATE for a missing table
_COLUMNS = "name, aliases, status, feature_id, kind, reason, note, district, mentions, source, members"


def _rows(db: sqlite3.Connection, query: str, parameters: tuple = ()) -> list[tuple]:
    try:
        return db.execute(query, parameters).fetchall()
    except Exception as error:  # sqlite3's or psycopg's: told apart by what they say
        if "no such table" in str(error) or getattr(error, "sqlstate", None) == UNDEFINED_TABLE:
            raise StoreError(
                "This store was built before the place register; rebuild it: plan-map build"
            ) from error
        raise


def _entry(row: tuple) -> PlaceEntry:
    name, aliases, status, feature_id, kind, reason, note, district, mentions, source, members = row
    return PlaceEntry(name, tuple(json.loads(aliases)), status, feature_id, kind, reason, note, district, mentions,
                      source, tuple(json.loads(members)))  # fmt: skip
