"""Scale bar maths: a round ground length, its divisions and its span in degrees of longitude at a latitude.

The map is drawn in WGS 84 degrees, so a kilometre is a different number of degrees at every latitude. The
bar is horizontal on the map, so its length is the arc of the bar's own parallel on the WGS 84 ellipsoid: a
closed formula (the parallel's radius is N(φ)·cos φ), within 1e-7 of the geodesic between the bar's ends for
any bar a city map draws (their difference grows with the square of the span: 5e-7 at half a degree), and no
pyproj import (~40 ms) on the print path.

Lengths go in 1-2-5 steps (1, 2, 5, 10, 20, 50 km …) and so do the divisions, each a whole number in the
unit the bar is labelled in: 0 5 10 km, 0 1 2 km, 0 1 2 3 4 5 km, 0 500 1000 m.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WGS84_A = 6378137.0  # semi-major axis, metres
WGS84_F = 1 / 298.257223563  # flattening
WGS84_E2 = WGS84_F * (2 - WGS84_F)  # first eccentricity squared
ROUND_STEPS = (1, 2, 5)
# By the length's leading digit, the division counts to try, best first: 10 → 0 5 10, 20 → 0 10 20,
# 50 → 0 10 20 30 40 50. One division is the fallback when fewer are allowed.
DIVISIONS = {1: (2, 1), 2: (2, 1), 5: (5, 1)}


@dataclass(frozen=True)
class ScaleBarSpan:
    length_m: float  # the ground length the bar stands for
    span_deg: float  # its drawn length in degrees of longitude at `latitude`
    latitude: float
    label: str  # e.g. "10 km", "500 m"
    tick_labels: tuple[str, ...]  # numbers at 0 and each division's end, in the label's unit

    @property
    def unit(self) -> str:
        return self.label.split()[-1]


def metres_per_degree(lat: float) -> float:
    """The length of one degree of longitude along latitude `lat` on the WGS 84 ellipsoid."""
    phi = math.radians(lat)
    return WGS84_A * math.cos(phi) / math.sqrt(1 - WGS84_E2 * math.sin(phi) ** 2) * math.pi / 180


def ground_distance_m(lon: float, lat: float, span_deg: float) -> float:
    """The ground length from (lon, lat) to (lon + span_deg, lat) along their parallel, on the WGS 84 ellipsoid
    (the same everywhere on the parallel: `lon` is kept for the callers that name the bar's start)."""
    return abs(span_deg) * metres_per_degree(lat)


def round_length_m(max_m: float) -> float:
    """The largest 1, 2 or 5 × 10ⁿ metres not above `max_m`."""
    if max_m <= 0:
        raise ValueError("a scale bar needs a positive length")
    power = 10 ** math.floor(math.log10(max_m))
    return max(step * power for step in ROUND_STEPS if step * power <= max_m)


def is_one_two_five(value: float) -> bool:
    """True for 1, 2 or 5 × 10ⁿ (n any integer)."""
    if value <= 0:
        return False
    power = 10 ** math.floor(math.log10(value) + 1e-9)
    return any(math.isclose(value, step * power, rel_tol=1e-9) for step in ROUND_STEPS)


def divisions(length_m: float, most: int) -> int:
    """How many equal divisions the bar of `length_m` gets: each a 1-2-5 length, at most `most` of them."""
    leading = round(length_m / 10 ** math.floor(math.log10(length_m) + 1e-9))
    return next(count for count in DIVISIONS[leading] if count <= max(most, 1))


def span_for_length(lat: float, length_m: float) -> float:
    """Degrees of longitude along latitude `lat` that measure `length_m`."""
    return length_m / metres_per_degree(lat)


def scale_bar_span(lon: float, lat: float, max_span_deg: float, segments: int = 5) -> ScaleBarSpan:
    """The round-length bar starting at (lon, lat) that fits in `max_span_deg` degrees of longitude, with at
    most `segments` divisions."""
    length = round_length_m(ground_distance_m(lon, lat, max_span_deg))
    count = divisions(length, segments)
    step = length / count
    unit_m = 1000 if length >= 1000 and step >= 1000 else 1
    ticks = tuple(f"{step * i / unit_m:g}" for i in range(count + 1))
    label = f"{length / unit_m:g} {'km' if unit_m == 1000 else 'm'}"
    return ScaleBarSpan(length, span_for_length(lat, length), lat, label, ticks)

