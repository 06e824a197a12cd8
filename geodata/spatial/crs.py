"""Coordinate reference systems the project uses, and metric measures of WGS 84 geometry.

Storage is WGS 84 lon/lat. Areas and lengths are measured in CGCS2000 / 3-degree Gauss-Krüger
CM 114E (EPSG:4547), whose central meridian runs through Shenzhen; that CRS lists northing first,
so every transformer is built with ``always_xy=True``.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

WGS84 = "EPSG:4326"
CGCS2000 = "EPSG:4490"
GK_114E = "EPSG:4547"  # CGCS2000 / 3-degree Gauss-Kruger CM 114E, metres
WEB_MERCATOR = "EPSG:3857"

METRIC_CRS = GK_114E


@cache
def transformer(src: str, dst: str) -> Transformer:
    """A cached lon/lat-ordered (``always_xy``) transformer from `src` to `dst`."""
    return Transformer.from_crs(src, dst, always_xy=True)


def project(geom: BaseGeometry, src: str = WGS84, dst: str = METRIC_CRS) -> BaseGeometry:
    """`geom` reprojected from `src` to `dst` (x = easting/longitude first)."""
    t = transformer(src, dst)

    def _xy(coords: np.ndarray) -> np.ndarray:
        x, y = t.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geom, _xy)


def area_km2(geom: BaseGeometry) -> float:
    """Planar area in km² of a WGS 84 geometry, measured in EPSG:4547."""
    return project(geom).area / 1e6


def length_km(geom: BaseGeometry) -> float:
    """Length in km of a WGS 84 geometry (perimeter for polygons), measured in EPSG:4547."""
    return project(geom).length / 1000.0
