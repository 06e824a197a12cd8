"""The rules that draw a schematic place: what each shape is made from (anchor and planned area, a band
along a path, a hand-drawn outline, the rest of a district, a union of earlier places, a sea area, a
route). The places are listed in places.py; build.py applies the rules."""

from __future__ import annotations

from dataclasses import dataclass

from geodata.features import Feature

Coords = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Around:
    """An ellipse centred on `anchor`, scaled until (ellipse ∩ districts − earlier places) has `area_km2`.

    `aspect` is long axis / short axis; `bearing_deg` turns the long axis clockwise from north.
    `avoid` lists ids of earlier places it must not overlap.
    """

    anchor: tuple[float, float]
    area_km2: float
    aspect: float = 1.0
    bearing_deg: float = 0.0
    avoid: tuple[str, ...] = ()


@dataclass(frozen=True)
class Band:
    """A corridor `width_km` wide along the hand-drawn `path`, clipped to the districts."""

    path: Coords
    width_km: float


@dataclass(frozen=True)
class Cut:
    """The part of the districts inside the hand-drawn `outline`, minus earlier places in `avoid`."""

    outline: Coords
    avoid: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rest:
    """What is left of the districts once the places in `avoid` are taken out."""

    avoid: tuple[str, ...]


@dataclass(frozen=True)
class Union:
    """The union of earlier places (by id), clipped to the districts: an area made of named parts."""

    parts: tuple[str, ...]


@dataclass(frozen=True)
class Sea:
    """The water inside the hand-drawn `outline`: the outline minus the land of Shenzhen's districts and of
    its neighbours, whose coastlines bound it. For bays, which the land-only district data cannot hold."""

    outline: Coords


@dataclass(frozen=True)
class Route:
    """A line through hand-placed points; several tuples make a MultiLineString."""

    parts: tuple[Coords, ...]


@dataclass(frozen=True)
class Place:
    feature: Feature
    rule: Around | Band | Cut | Rest | Union | Sea | Route
    positioning: str | None = None  # the plan's 定位 wording, where it gives one
