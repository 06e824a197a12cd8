"""What the feature panel shows for one feature, computed from the store without Qt.

Like a QGIS atlas page: one feature, its measure, its accuracy, its targets and the passages naming it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cache

from geodata.feature_facts import feature_facts
from geodata.feature_queries import FeatureInfo, feature_by_id, features, layer_tables, targets_for
from geodata.feature_tiles import tiled_layers
from geodata.passages import mentions_in, passages_mentioning
from geodata.spatial.schematic import positioning
from layers.style import SCHEMATIC_LABEL, kind_label, layer_title
from layers.target_rows import NOT_STATED as NOT_STATED
from layers.target_rows import TargetRow, target_row


@dataclass(frozen=True)
class PassageItem:
    passage_id: int
    document_title: str
    section_path: str
    text: str
    is_defining: bool
    name_spans: tuple[tuple[int, int], ...]  # where the feature is named in `text`, [start, end)


@dataclass(frozen=True)
class FeatureSheet:
    id: str
    name: str
    kind: str  # readable: 重点片区, 地铁 …
    layer: str  # readable layer title
    districts: str
    measure: str  # "5.0 km²" or "12.3 km", "" for points
    schematic: bool
    accuracy_label: str  # 示意 or 测绘 / surveyed
    note: str
    source: str
    targets: tuple[TargetRow, ...]
    passages: tuple[PassageItem, ...]
    positioning: str = ""  # the plan's 定位 of a key area: 东部城市新客厅
    statistical_area: str = ""  # a district's land area as the statistics count it: "统计面积 166.3 km²"
    area_note: str = ""  # where that figure comes from, and why the map's area differs from it where it does


@cache
def _positioning() -> dict[str, str]:
    return positioning()


def statistical_area_text(db: sqlite3.Connection, info: FeatureInfo) -> tuple[str, str]:
    """("统计面积 166.3 km²", its source or why the map differs) for a district; ("", "") for anything else."""
    if info.feature.layer != "districts":
        return "", ""
    facts = feature_facts(db, info)
    if facts.statistical_area_km2 is None:
        return "", ""
    return (f"统计面积 {facts.statistical_area_km2:.1f} km²",
            facts.area_note or f"统计面积来自{facts.statistical_area_source}")


def measure_text(info: FeatureInfo) -> str:
    if info.area_km2 is not None:
        return f"{info.area_km2:.1f} km²" if info.area_km2 >= 1 else f"{info.area_km2:.2f} km²"
    if info.length_km is not None:
        return f"{info.length_km:.1f} km"
    return ""


class FeatureDirectory:
    """Every feature by id: the layers small enough are read once (a click must not scan the layer tables),
    the tiled ones (geodata.feature_tiles) are looked up by id when asked, so a million parcels cost
    nothing up front."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.tiled = tiled_layers(db)
        self.by_id = {info.feature.id: info for layer in layer_tables(db) if layer not in self.tiled
                      for info in features(db, layer)}

    def get(self, feature_id: str) -> FeatureInfo | None:
        found = self.by_id.get(feature_id)
        if found is None and self.tiled:
            found = feature_by_id(self.db, feature_id, self.tiled)
        return found


def feature_sheet(db: sqlite3.Connection, feature_id: str, directory: FeatureDirectory | None = None
                  ) -> FeatureSheet | None:
    info = (directory or FeatureDirectory(db)).get(feature_id)
    if info is None:
        return None
    f = info.feature
    passages = []
    for p in passages_mentioning(db, f.id):
        spans = tuple((start, end) for fid, start, end in mentions_in(db, p.id) if fid == f.id)
        passages.append(PassageItem(p.id, p.document_title, p.section_path, p.text, p.is_defining, spans))
    schematic = f.accuracy == "schematic"
    statistical_area, area_note = statistical_area_text(db, info)
    return FeatureSheet(
        id=f.id, name=f.name, kind=kind_label(f.kind), layer=layer_title(f.layer), districts="、".join(f.districts),
        measure=measure_text(info), schematic=schematic,
        accuracy_label=SCHEMATIC_LABEL if schematic else "测绘", note=f.note, source=f.source,
        targets=tuple(target_row(t) for t in targets_for(db, f.id)), passages=tuple(passages),
        positioning=_positioning().get(f.id, ""), statistical_area=statistical_area, area_note=area_note,
    )
