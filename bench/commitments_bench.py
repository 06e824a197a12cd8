"""Prose commitments: what the parser finds against lists written by hand from reading the plans.

    .venv/bin/python bench/commitments_bench.py [--verbose]

Three lists (tests/data/commitments_*.json): the five seed plans (sections read by hand, 350 commitments), a
plan excerpt written in 龙华区's style, and two held-out ones (宝安区, 光明区) written after the rules were
settled. For each document: recall (expected commitments found with the right value, unit, comparator,
year, kind and subject) and the false-positive rate (figures the parser reports in the listed sections that
match no expected commitment). A figure restated elsewhere counts in every passage that states it: the
parser keeps one target and records the other passages as its sources.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geodata.build import default_seeds_dir, plan_places  # noqa: E402
from geodata.plans.figures import normalised  # noqa: E402
from geodata.plans.parser import parse_plan  # noqa: E402
from geodata.plans.plan import ParsedPlan, section_paths  # noqa: E402
from geodata.spatial import feature_sources  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
LISTS = (("five seed plans", DATA / "commitments_expected.json", None),
         ("龙华 synthetic", DATA / "commitments_synthetic_expected.json", DATA),
         ("held-out 宝安, 光明", DATA / "commitments_heldout_expected.json", DATA))


@dataclass(frozen=True)
class PassageText:
    ordinal: int
    text: str
    section_path: str  # "" before the first heading


@dataclass(frozen=True)
class Statement:
    """One figure as the parser reports it, in one passage (a target's own, or one of its sources)."""

    passage: int
    span: tuple[int | None, int | None]
    indicator: str
    value: float | None
    value_max: float | None
    unit: str | None
    comparator: str | None
    year: int | None
    kind: str
    period: str | None
    scope: str | None


@dataclass(frozen=True)
class Reading:
    """What the parser made of one document: its prose passages and its statements."""

    passages: tuple[PassageText, ...]
    statements: tuple[Statement, ...]


@dataclass
class DocumentScore:
    name: str
    expected: int = 0
    found: int = 0  # statements in the listed sections
    matched: int = 0
    missed: list[dict] = field(default_factory=list)
    false: list[Statement] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def false_rate(self) -> float:
        return len(self.false) / self.found if self.found else 0.0


def reading_of_plan(plan: ParsedPlan) -> Reading:
    paths = section_paths(plan.sections)
    passages = tuple(PassageText(p.ordinal, p.text, paths.get(p.section_key or "", ""))
                     for p in plan.passages if p.kind != "table_row")
    statements = []
    for t in plan.targets:
        own = [] if t.table else [(t.passage_ordinal, (t.span_start, t.span_end), t.comparator)]
        for ordinal, span, comparator in own + [(s.passage_ordinal, (s.span_start, s.span_end), s.comparator)
                                                  for s in t.sources]:
            statements.append(Statement(ordinal or 0, span, t.indicator, t.value, t.value_max, t.unit, comparator,
                                        t.year, t.kind, t.period, t.scope))
    return Reading(passages, tuple(statements))


def reading_of_store(db: sqlite3.Connection, document_id: str) -> Reading:
    """The same, read back from a built store: passages, targets and their other sources."""
    rows = db.execute(
        "SELECT p.ordinal, p.text, coalesce(s.path, ''), p.kind FROM passages p "
        "LEFT JOIN sections s ON s.id = p.section_id WHERE p.document_id = ? ORDER BY p.ordinal", (document_id,)
    ).fetchall()
    passages = tuple(PassageText(o, text, path) for o, text, path, kind in rows if kind != "table_row")
    statements = []
    targets = db.execute(
        "SELECT t.id, p.ordinal, t.span_start, t.span_end, t.indicator, t.value, t.value_max, t.unit, t.comparator, "
        "t.year, t.kind, t.period, t.scope, t.table_name FROM targets t LEFT JOIN passages p ON p.id = t.passage_id "
        "WHERE t.document_id = ?", (document_id,)
    ).fetchall()
    for (tid, ordinal, start, end, indicator, value, value_max, unit, comparator, year, kind, period, scope,
         table) in targets:
        own = [] if table else [(ordinal, (start, end), comparator)]
        others = db.execute(
            "SELECT p.ordinal, ts.span_start, ts.span_end, ts.comparator FROM target_sources ts "
            "JOIN passages p ON p.id = ts.passage_id WHERE ts.target_id = ?", (tid,)
        ).fetchall()
        for o, span, comp in own + [(o, (s, e), c) for o, s, e, c in others]:
            statements.append(Statement(o, span, indicator, value, value_max, unit, comp, year, kind, period, scope))
    return Reading(passages, tuple(statements))


def _passage_of(reading: Reading, fragment: str) -> PassageText:
    found = [p for p in reading.passages if fragment in p.text]
    if len(found) != 1:
        raise ValueError(f"passage fragment {fragment!r} matches {len(found)} passages; it must match one")
    return found[0]


def _in_sections(reading: Reading, sections: Iterable[str | dict]) -> set[int]:
    ordinals = set()
    for section in sections:
        if isinstance(section, dict):
            ordinals.add(_passage_of(reading, section["passage"]).ordinal)
            continue
        ordinals |= {p.ordinal for p in reading.passages
                     if p.section_path == section or p.section_path.startswith(section + " › ")}
    return ordinals


def matches(entry: dict, statement: Statement) -> bool:
    if statement.value is None:
        return False
    if normalised(float(entry["value"]), entry["unit"]) != normalised(statement.value, statement.unit or ""):
        return False
    if entry.get("value_max") != (None if statement.value_max is None else statement.value_max) and not (
            entry.get("value_max") is not None and statement.value_max == float(entry["value_max"])):
        return False
    if entry["comparator"] != statement.comparator or entry["kind"] != statement.kind:
        return False
    if "year" in entry and entry["year"] != statement.year:
        return False
    if "period" in entry and entry["period"] != statement.period:
        return False
    if "scope" in entry and statement.scope is not None and entry["scope"] != statement.scope:
        return False
    return entry["subject"] in statement.indicator


def score(expected: dict, readings: dict[str, Reading]) -> dict[str, DocumentScore]:
    """Per document: each expected entry matched one-to-one against a statement in its passage."""
    scores = {}
    for key, reading in readings.items():
        result = DocumentScore(key)
        scope = _in_sections(reading, expected["sections"].get(key, []))
        free = [s for s in reading.statements if s.passage in scope]
        result.found = len(free)
        for entry in (e for e in expected["commitments"] if e["document"] == key):
            result.expected += 1
            ordinal = _passage_of(reading, entry["passage"]).ordinal
            hit = next((s for s in free if s.passage == ordinal and matches(entry, s)), None)
            if hit is None:
                result.missed.append(entry)
            else:
                free.remove(hit)
                result.matched += 1
        result.false = free
        scores[key] = result
    return scores


def total(scores: dict[str, DocumentScore]) -> DocumentScore:
    whole = DocumentScore("total")
    for s in scores.values():
        whole.expected += s.expected
        whole.found += s.found
        whole.matched += s.matched
        whole.missed += s.missed
        whole.false += s.false
    return whole


def readings(expected: dict, folder: Path | None = None, places=None) -> dict[str, Reading]:
    """What the parser reads in each listed document (`folder`: where they are; the seeds by default)."""
    folder = folder or default_seeds_dir()
    return {key: reading_of_plan(parse_plan(folder / doc["file"], places=places))
            for key, doc in expected["documents"].items()}


def seed_readings(expected: dict, seeds: Path | None = None) -> dict[str, Reading]:
    return readings(expected, seeds)


def report(scores: dict[str, DocumentScore], verbose: bool = False, texts: dict[str, Reading] | None = None) -> None:
    print(f"{'document':<10}{'expected':>9}{'found':>7}{'matched':>8}{'recall':>8}{'false':>7}{'false %':>9}")
    for s in [*scores.values(), total(scores)]:
        print(f"{s.name:<10}{s.expected:>9}{s.found:>7}{s.matched:>8}{s.recall:>8.1%}{len(s.false):>7}"
              f"{s.false_rate:>9.1%}")
    if not verbose:
        return
    for s in scores.values():
        for entry in s.missed:
            print(f"  missed  {s.name} {entry['passage'][:14]} {entry['subject']} {entry['value']}"
                  f"{entry.get('value_max', '') and '-' + str(entry['value_max'])}{entry['unit']} "
                  f"{entry['comparator']} {entry.get('year', '?')} {entry['kind']}")
        for st in s.false:
            where = ""
            if texts and st.span[0] is not None:
                text = next(p.text for p in texts[s.name].passages if p.ordinal == st.passage)
                where = text[max(0, st.span[0] - 12):st.span[1] + 4]
            print(f"  false   {s.name} p{st.passage} {st.indicator} {st.value}{st.unit} {st.comparator} {st.year} "
                  f"{st.kind}  …{where}…")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every missed and false commitment")
    args = parser.parse_args()
    places = plan_places([feature for feature, _ in feature_sources.load_all()])  # scopes, as the build has them
    for title, path, folder in LISTS:
        expected = json.loads(path.read_text(encoding="utf-8"))
        read = readings(expected, folder, places)
        print(f"\n{title} ({path.name})")
        report(score(expected, read), args.verbose, read)
    return 0


if __name__ == "__main__":
    sys.exit(main())
