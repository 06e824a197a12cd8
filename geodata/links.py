"""Links between features and the plan text: mentions found by the gazetteer, and targets by scope.

Links refer to features by their stable ids, so they are rebuilt with every build and stay right
whatever ids the passages and targets get.
"""

from __future__ import annotations

import sqlite3

from geodata.features import Feature
from geodata.gazetteer import Gazetteer, defining_score


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
        for mention in gazetteer.mentions(text):
            mention_rows.append((mention.feature_id, passage_id, mention.start, mention.end, mention.matched))
            score = defining_score(by_id[mention.feature_id], kind, text, section_title)
            if score and score > best.get(mention.feature_id, (0, 0))[0]:
                best[mention.feature_id] = (score, passage_id)
    defining = {(feature_id, passage_id) for feature_id, (_, passage_id) in best.items()}
    db.executemany(
        "INSERT INTO feature_passages (feature_id, passage_id, start, end, matched, is_defining, origin) "
        "VALUES (?, ?, ?, ?, ?, ?, 'gazetteer')",
        [(f, p, s, e, m, int((f, p) in defining)) for f, p, s, e, m in mention_rows],
    )
    return len(mention_rows) + link_targets(db, features, gazetteer)


def link_targets(db: sqlite3.Connection, features: list[Feature], gazetteer: Gazetteer) -> int:
    """A target belongs to the feature of its scope (a district's table → that district), and to any
    place its indicator names."""
    feature_by_name = {feature.name: feature.id for feature in features}
    rows = []
    for target_id, scope, indicator in db.execute("SELECT id, scope, indicator FROM targets").fetchall():
        linked = {feature_by_name[scope]} if scope in feature_by_name else set()
        linked |= {mention.feature_id for mention in gazetteer.mentions(indicator)}
        rows += [(feature_id, target_id) for feature_id in sorted(linked)]
    db.executemany(
        "INSERT OR IGNORE INTO feature_targets (feature_id, target_id, origin) VALUES (?, ?, 'scope')", rows
    )
    return len(rows)
