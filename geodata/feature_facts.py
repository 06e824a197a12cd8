"""What the panel and `show` say about one feature beyond its record: where its label goes and, for a
district, its land area as Shenzhen's statistics count it beside the map's."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from geodata.feature_queries import FeatureInfo, geometry_of
from geodata.spatial.districts import STATISTICAL_AREA_SOURCE, area_difference_note, statistical_area_km2
from geodata.spatial.labels import label_point


@dataclass(frozen=True)
class FeatureFacts:
    label_point: tuple[float, float] | None  # [lon, lat] on the feature's own largest body
    statistical_area_km2: float | None
    statistical_area_source: str | None
    area_note: str | None  # why the map's area differs from the statistical one, where it does


def feature_facts(db: sqlite3.Connection, info: FeatureInfo) -> FeatureFacts:
    official = statistical_area_km2(info.feature.name) if info.feature.layer == "districts" else None
    note = area_difference_note(info.feature.name, info.area_km2) if official and info.area_km2 else None
    return FeatureFacts(label_point(geometry_of(db, info)), official,
                        STATISTICAL_AREA_SOURCE if official else None, note)
