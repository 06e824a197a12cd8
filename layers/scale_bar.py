"""Scale bar maths: a round ground length and its span in degrees of longitude at a given latitude.

The map is drawn in WGS 84 degrees, so a kilometre is a different number of degrees at every latitude. The
bar's length is measured with pyproj's geodesic on the WGS 84 ellipsoid along the bar's own latitude.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pyproj import Geod

WGS84_GEOD = Geod(ellps="WGS84")
ROUND_STEPS = (1, 2, 5)
NICE_SEGMENTS = {1: 2, 2: 4, 5: 5}  # by leading digit: ticks at 0.5, 0.5 and 1 × 10ⁿ


@dataclass(frozen=True)
class ScaleBarSpan:
    length_m: float  # the ground length the bar stands for
    span_deg: float  # its drawn length in degrees of longitude at `latitude`
    latitude: float
    label: str  # e.g. "10 km", "500 m"
    tick_labels: tuple[str, ...]  # numbers at 0 and each segment end, in the label's unit


def ground_distance_m(lon: float, lat: float, span_deg: float) -> float:
    """Geodesic distance between (lon, lat) and (lon + span_deg, lat) on the WGS 84 ellipsoid."""
    _, _, distance = WGS84_GEOD.inv(lon, lat, lon + span_deg, lat)
    return distance


def round_length_m(max_m: float) -> float:
    """The largest 1, 2 or 5 × 10ⁿ metres not above `max_m`."""
    if max_m <= 0:
        raise ValueError("a scale bar needs a positive length")
    power = 10 ** math.floor(math.log10(max_m))
    return max(step * power for step in ROUND_STEPS if step * power <= max_m)


def span_for_length(lon: float, lat: float, length_m: float) -> float:
    """Degrees of longitude along latitude `lat` that measure `length_m` (Newton steps on the geodesic)."""
    span = length_m / ground_distance_m(lon, lat, 1.0)
    for _ in range(3):
        span *= length_m / ground_distance_m(lon, lat, span)
    return span


def scale_bar_span(lon: float, lat: float, max_span_deg: float, segments: int = 4) -> ScaleBarSpan:
    """The round-length bar starting at (lon, lat) that fits in `max_span_deg` degrees of longitude."""
    length = round_length_m(ground_distance_m(lon, lat, max_span_deg))
    leading = round(length / 10 ** math.floor(math.log10(length)))
    segments = max(1, min(segments, NICE_SEGMENTS[leading]))
    ticks = tuple(format_number(length * i / segments, length) for i in range(segments + 1))
    return ScaleBarSpan(length, span_for_length(lon, lat, length), lat, format_length(length), ticks)


def format_length(metres: float) -> str:
    """In km from 1 km up, else in m."""
    return f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"


def format_number(metres: float, whole_m: float) -> str:
    """A tick's number in the unit of the whole bar's label."""
    return f"{metres / 1000:g}" if whole_m >= 1000 else f"{metres:g}"
