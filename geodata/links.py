"""Links between features and the plan text: mentions found by the gazetteer, and targets by scope.

Links refer to features by their stable ids, so they are rebuilt with every build and stay right
whatever ids the passages and targets get.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from geodata.features import Feature
from geodata.gazetteer import Gazetteer, PassageScorer


def link_all(db: sqlite3.Connection, features: list[Feature]) -> int:
    """Write feature_passages and feature_targets for the gazetteer; returns the number of links."""
    gazetteer = Gazetteer(features)
    rows = db.execute(
        "SELECT p.id, p.kind, p.text, coalesce(s.title, '') FROM passages p "
        "LEFT JOIN sections s ON s.id = p.section_id ORDER BY p.id"
    ).fetchall()
    by_id = {feature.id: feature for feature in features}
    mention_rows = []
    best: dict[str, tuple[int, int]] = {}  # feature id -> (score, passage id) of its defining passage
    for passage_id, kind, text, section_title in rows:
        scorer = PassageScorer(kind, text, section_title)  # reads the passage once for all its mentions
        for mention in gazetteer.mentions(text):
            mention_rows.append((mention.feature_id, passage_id, mention.start, mention.end, mention.matched))
            score = scorer.score(by_id[mention.feature_id])
            if score and score > best.get(mention.feature_id, (0, 0))[0]:
                best[mention.feature_id] = (score, passage_id)
    defining = {(feature_id, passage_id) for feature_id, (_, passage_id) in best.items()}
    db.executemany(
        'INSERT INTO feature_passages (feature_id, passage_id, start, "end", matched, is_defining, origin) '
        "VALUES (?, ?, ?, ?, ?, ?, 'gazetteer')",
        [(f, p, s, e, m, int((f, p) in defining)) for f, p, s, e, m in mention_rows],
    )
    return len(mention_rows) + link_targets(db, features, gazetteer)


def link_targets(db: sqlite3.Connection, features: list[Feature], gazetteer: Gazetteer) -> int:
    """A target belongs to the feature of its scope (a district's table → that district; a key area's box
    item → that area), to its document's district, and to any place its indicator names."""
    feature_by_name = {feature.name: feature.id for feature in features}
    rows = []
    targets = db.execute(
        "SELECT t.id, t.scope, t.indicator, d.district FROM targets t JOIN documents d ON d.id = t.document_id"
    ).fetchall()
    for target_id, scope, indicator, district in targets:
        linked = {feature_by_name[name] for name in (scope, district) if name in feature_by_name}
        linked |= {mention.feature_id for mention in gazetteer.mentions(indicator)}
        rows += [(feature_id, target_id) for feature_id in sorted(linked)]
    db.executemany(
        "INSERT INTO feature_targets (feature_id, target_id, origin) VALUES (?, ?, 'scope') "
        "ON CONFLICT (feature_id, target_id) DO NOTHING", rows
    )
    return len(rows)


# Layers whose features are not the scope of a Shenzhen plan's commitment: 香港 in "香港名医诊疗中心" is not it.
NOT_SCOPES = ("neighbours",)


def place_finder(features: Sequence[Feature], mention_only: Sequence[Feature] = ()) -> Callable[[str], str | None]:
    """For the parser: the feature name of the first place a text names, or None. `mention_only` are names
    of places that are not drawn (坪山河): named first, they mean no feature (not 坪山区 by its alias 坪山)."""
    scopes = [f for f in features if f.layer not in NOT_SCOPES]
    gazetteer = Gazetteer([*scopes, *mention_only])
    names = {feature.id: feature.name for feature in scopes}

    def first_place(text: str) -> str | None:
        found = gazetteer.mentions(text)
        return names.get(found[0].feature_id) if found else None

    return first_place
