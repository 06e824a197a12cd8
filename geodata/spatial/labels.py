"""Where a feature's name goes: one point on the feature's own largest body, used alike by the map page,
the print renderer, the sheets and `show --json`.

Polygons take the pole of inaccessibility of their largest part (shapely's polylabel), so 龙岗区's label
sits on 龙岗 and a crescent's label inside the crescent, not on its centroid; lines take the middle of
their longest part; points are their own label point.
"""

from __future__ import annotations

from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

LABEL_PRECISION = 6  # decimal degrees: about 0.1 m
POLYLABEL_STEPS = 200  # tolerance = the body's larger extent / this


def largest_part(geometry: BaseGeometry) -> BaseGeometry:
    """The polygon of largest area, or the line of greatest length, or the first point of a multi-part."""
    parts = list(getattr(geometry, "geoms", [geometry]))
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return max(parts, key=lambda part: part.area)
    if geometry.geom_type in ("LineString", "MultiLineString"):
        return max(parts, key=lambda part: part.length)
    return parts[0]


def label_point(geometry: BaseGeometry) -> tuple[float, float] | None:
    """The [lon, lat] where the feature's label belongs, or None for an empty geometry."""
    if geometry is None or geometry.is_empty:
        return None
    body = largest_part(geometry)
    if body.geom_type == "Polygon":
        minx, miny, maxx, maxy = body.bounds
        tolerance = max(maxx - minx, maxy - miny) / POLYLABEL_STEPS or 1e-9
        point = polylabel(body, tolerance)
    elif body.geom_type == "LineString":
        point = body.interpolate(0.5, normalized=True)
    else:
        point = body.representative_point() if body.geom_type != "Point" else body
    return round(point.x, LABEL_PRECISION), round(point.y, LABEL_PRECISION)
