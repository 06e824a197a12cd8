"""Build the schematic geometry files in resources/schematic/ from the rules in places.py.

Run ``python -m tools.schematic.build`` after changing a rule; commit the rule and the output together.
Shapes are made in EPSG:4547 (metres) and stored as WGS 84 rounded to 1e-6 degrees (~0.1 m).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict
from pathlib import Path

import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from geodata.resources import RESOURCES_DIR
from geodata.spatial.crs import GK_114E, WGS84, area_km2, length_km, project
from geodata.spatial.districts import district_geometry, load_districts, load_neighbours
from tools.schematic.places import PLACES
from tools.schematic.rules import Around, Band, Cut, Place, Route, Sea, Union

SCHEMATIC_DIR = RESOURCES_DIR / "schematic"
COORD_PRECISION_DEG = 1e-6
AREA_SEARCH_STEPS = 60
MIN_SEA_PART_M2 = 100_000  # slivers of water between the outline and a generalised coast are dropped


def _to_metric(geom: BaseGeometry) -> BaseGeometry:
    return project(geom, WGS84, GK_114E)


def _to_wgs84(geom: BaseGeometry) -> BaseGeometry:
    return project(geom, GK_114E, WGS84)


def _ellipse(centre: Point, semi_major: float, aspect: float, bearing_deg: float) -> Polygon:
    semi_minor = semi_major / aspect
    t = math.radians(bearing_deg)
    pts = []
    for i in range(72):
        u = 2 * math.pi * i / 72
        a, b = semi_major * math.cos(u), semi_minor * math.sin(u)  # a along the long axis
        pts.append((centre.x + a * math.sin(t) + b * math.cos(t), centre.y + a * math.cos(t) - b * math.sin(t)))
    return Polygon(pts)


def _around(rule: Around, frame: BaseGeometry, taken: BaseGeometry) -> BaseGeometry:
    centre = _to_metric(Point(rule.anchor))
    room = frame.difference(taken)

    def grown(semi_major: float) -> BaseGeometry:
        return _ellipse(centre, semi_major, rule.aspect, rule.bearing_deg).intersection(room)

    lo, hi = 0.0, 50_000.0
    for _ in range(AREA_SEARCH_STEPS):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if grown(mid).area / 1e6 < rule.area_km2 else (lo, mid)
    return grown(hi)


def _land_metric() -> BaseGeometry:
    """Shenzhen's districts and its neighbours (香港 across 深圳湾), in metres: what bounds a sea area."""
    land = [geometry for _, geometry in load_districts() + load_neighbours()]
    return _to_metric(shapely.union_all(land))


def build_geometry(place: Place, built: dict[str, BaseGeometry]) -> BaseGeometry:
    """The WGS 84 geometry of `place`; `built` holds earlier places' geometries (metric) by id."""
    rule = place.rule
    if isinstance(rule, Route):
        return MultiLineString([LineString(p) for p in rule.parts])
    if isinstance(rule, Sea):
        water = _to_metric(Polygon(rule.outline)).difference(_land_metric())
        metric = MultiPolygon([part for part in getattr(water, "geoms", [water]) if part.area >= MIN_SEA_PART_M2])
        built[place.feature.id] = metric
        return _to_wgs84(metric)
    frame = _to_metric(shapely.union_all([district_geometry(d) for d in place.feature.districts]))
    taken = shapely.union_all([built[i] for i in getattr(rule, "avoid", ())] or [Polygon()])
    if isinstance(rule, Around):
        metric = _around(rule, frame, taken)
    elif isinstance(rule, Band):
        metric = _to_metric(LineString(rule.path)).buffer(rule.width_km * 500).intersection(frame)
    elif isinstance(rule, Cut):
        metric = _to_metric(Polygon(rule.outline)).intersection(frame).difference(taken)
    elif isinstance(rule, Union):
        metric = shapely.union_all([built[i] for i in rule.parts]).intersection(frame)
    else:
        metric = frame.difference(taken)
    built[place.feature.id] = metric
    return _to_wgs84(metric)


def _polygons(geom: BaseGeometry) -> MultiPolygon:
    geom = shapely.make_valid(shapely.set_precision(geom, COORD_PRECISION_DEG))
    polys = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon) and g.area > 0]
    return MultiPolygon(polys)


def build_layers(places: tuple[Place, ...]) -> dict[str, list[tuple[Place, BaseGeometry]]]:
    built: dict[str, BaseGeometry] = {}
    layers: dict[str, list[tuple[Place, BaseGeometry]]] = {}
    for place in places:
        geom = build_geometry(place, built)
        if place.feature.layer == "structure_lines":
            geom = shapely.set_precision(geom, COORD_PRECISION_DEG)
        else:
            geom = _polygons(geom)
        layers.setdefault(place.feature.layer, []).append((place, geom))
    return layers


def _properties(place: Place) -> dict:
    props = asdict(place.feature)
    for key in ("aliases", "districts", "stations"):
        props[key] = list(props[key])
    if place.positioning:
        props["positioning"] = place.positioning
    return props


def feature_collection(layer: str, items: list[tuple[Place, BaseGeometry]]) -> dict:
    return {
        "type": "FeatureCollection",
        "name": layer,
        "features": [
            {"type": "Feature", "properties": _properties(p), "geometry": shapely.geometry.mapping(g)} for p, g in items
        ],
    }


def write_layers(places: tuple[Place, ...], directory: Path = SCHEMATIC_DIR) -> list[str]:
    """Write one GeoJSON file per layer; returns one summary line per feature."""
    directory.mkdir(parents=True, exist_ok=True)
    summary = []
    for layer, items in build_layers(places).items():
        text = json.dumps(feature_collection(layer, items), ensure_ascii=False, separators=(",", ":"))
        (directory / f"{layer}.geojson").write_text(text + "\n", encoding="utf-8")
        for p, g in items:
            f = p.feature
            size = f"{length_km(g):.1f} km" if layer == "structure_lines" else f"{area_km2(g):.2f} km²"
            summary.append(f"{f.id}\t{f.name}\t{layer}\t{f.kind}\t{size}")
    return summary


def main() -> None:
    for line in write_layers(PLACES):
        print(line)


if __name__ == "__main__":
    main()
