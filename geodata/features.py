"""The drawable places the plans name, and the feature layers the store keeps them in.

Geometry is WGS 84 lon/lat (EPSG:4326). Areas and lengths are computed in EPSG:4547 (see crs.py).
"""

from __future__ import annotations

from dataclasses import dataclass

ACCURACIES = ("surveyed", "schematic")


@dataclass(frozen=True)
class FeatureLayer:
    name: str  # GeoPackage table name
    title: str  # shown to users
    group: str  # 行政区划 / 重点片区 / 交通
    geometry_type: str  # MultiPolygon / MultiLineString / Point


FEATURE_LAYERS: tuple[FeatureLayer, ...] = (
    FeatureLayer("districts", "行政区", "行政区划", "MultiPolygon"),
    FeatureLayer("neighbours", "周边城市", "行政区划", "MultiPolygon"),
    FeatureLayer("key_areas", "重点片区与平台", "重点片区", "MultiPolygon"),
    FeatureLayer("structure_lines", "发展轴与发展带", "重点片区", "MultiLineString"),
    FeatureLayer("transport_lines", "轨道与道路", "交通", "MultiLineString"),
    FeatureLayer("transport_points", "站点、枢纽与口岸", "交通", "Point"),
)

# Feature kinds, by layer:
#   districts: district, functional_area        neighbours: city
#   key_areas: key_area, cluster, belt, platform, centre, park, port_area
#   structure_lines: axis, belt_line
#   transport_lines: metro, intercity, high_speed_rail, railway, yunba, expressway, road
#   transport_points: station, hub, port, airport, border_crossing


@dataclass(frozen=True)
class Feature:
    """One drawable place. `id` is a stable slug ("ps-yanzihu"), kept across rebuilds."""

    id: str
    name: str
    layer: str  # a FeatureLayer.name
    kind: str
    aliases: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()  # e.g. ("坪山区",)
    structure: str | None = None  # the plan structure it belongs to: "一轴一带三组团", "1+7", ...
    planned_area_km2: float | None = None  # as the plan states it
    status: str | None = None  # the plan's wording: 规划, 建设中, 开通 ...
    stations: tuple[str, ...] = ()  # for lines: the named stations, in order
    accuracy: str = "schematic"  # one of ACCURACIES
    note: str = ""  # one line: what the geometry is based on
    source: str = ""  # dataset, version and licence; or the documents it was digitized from
