"""Which CRS imported coordinates are in: the short list Shenzhen data comes in, any EPSG code, and a
guess from the numbers themselves when the coordinates do not land near Shenzhen.

GCJ-02 and BD-09 have no EPSG code; they are converted with the exact inverses in datum.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from geodata.spatial import crs as crs_module
from geodata.spatial import datum
from geodata.store import StoreError

# Where imported data must land (WGS 84): Shenzhen with its neighbours, generously.
NEAR_SHENZHEN = (112.8, 21.8, 115.2, 23.4)  # lon_min, lat_min, lon_max, lat_max
ALLOWED_OUTSIDE_SHARE = 0.01
GK_ZONE_38_PREFIX = 38_000_000  # EPSG:4526 eastings carry the 3-degree zone number in front


class ImportRefused(StoreError):
    """An import that cannot go ahead; the message says why and what to do. The store is unchanged.

    `about_crs` marks a refusal the user can fix by choosing another CRS; `suggested_crs` is the key of
    the likely one (None when no usual CRS fits), so the window can offer it preselected."""

    def __init__(self, message: str, *, about_crs: bool = False, suggested_crs: str | None = None) -> None:
        super().__init__(message)
        self.about_crs = about_crs
        self.suggested_crs = suggested_crs


@dataclass(frozen=True)
class CrsChoice:
    key: str  # what --crs accepts
    label: str  # shown to users
    definition: str | None  # "EPSG:n" or WKT for pyproj; None for the Chinese web datums
    datum: str | None = None  # "gcj02" or "bd09"


CRS_CHOICES: tuple[CrsChoice, ...] = (
    CrsChoice("EPSG:4326", "WGS 84 经纬度 (GPS, OpenStreetMap, GeoJSON)", "EPSG:4326"),
    CrsChoice("EPSG:4490", "CGCS2000 经纬度", "EPSG:4490"),
    CrsChoice("EPSG:4547", "CGCS2000 3度带 高斯-克吕格 中央经线114°E（无带号）", "EPSG:4547"),
    CrsChoice("EPSG:4526", "CGCS2000 3度带 高斯-克吕格 第38带（带号 38）", "EPSG:4526"),
    CrsChoice("EPSG:3857", "Web Mercator 网络墨卡托", "EPSG:3857"),
    CrsChoice("GCJ-02", "GCJ-02 火星坐标（高德、腾讯）", None, "gcj02"),
    CrsChoice("BD-09", "BD-09 百度坐标", None, "bd09"),
)
_ALIASES = {"WGS84": "EPSG:4326", "CGCS2000": "EPSG:4490", "GCJ02": "GCJ-02", "BD09": "BD-09",
            "WEBMERCATOR": "EPSG:3857"}


def choices_text() -> str:
    return "; ".join(f"{choice.key} = {choice.label}" for choice in CRS_CHOICES) + "; or any EPSG:n"


def resolve_crs(text: str) -> CrsChoice:
    """A --crs value ("EPSG:4547", "4547", "gcj02", "BD-09", "wgs84" …) as a CrsChoice."""
    key = text.strip().upper().replace(" ", "")
    key = _ALIASES.get(key.replace("-", "").replace("_", ""), key)
    if key.isdigit():
        key = f"EPSG:{key}"
    for choice in CRS_CHOICES:
        if choice.key == key:
            return choice
    if re.fullmatch(r"EPSG:\d+", key):
        try:
            found = CRS.from_user_input(key)
        except CRSError as error:
            raise ImportRefused(f"{text} is not a known EPSG code. Choose one of: {choices_text()}.") from error
        return CrsChoice(key, found.name, key)
    raise ImportRefused(f"Unknown CRS {text!r}. Choose one of: {choices_text()}.")


def declared_choice(declared: str | None) -> CrsChoice | None:
    """The CRS a file declares (an "EPSG:n" or WKT string from GDAL) as a CrsChoice."""
    if not declared:
        return None
    try:
        found = CRS.from_user_input(declared)
    except CRSError:
        return None
    code = found.to_epsg(min_confidence=70)
    key = f"EPSG:{code}" if code else found.to_wkt()
    known = next((choice for choice in CRS_CHOICES if choice.key == key), None)
    return known or CrsChoice(f"EPSG:{code}" if code else found.name, found.name, key)


def to_wgs84(geometries: np.ndarray, choice: CrsChoice) -> np.ndarray:
    """An array of 2D shapely geometries from `choice` to WGS 84 lon/lat."""
    if choice.datum == "gcj02":
        convert = datum.gcj02_to_wgs84
    elif choice.datum == "bd09":
        convert = datum.bd09_to_wgs84
    elif choice.definition == crs_module.WGS84:
        return geometries
    else:
        transformer = crs_module.transformer(choice.definition, crs_module.WGS84)
        convert = transformer.transform

    def _xy(coords: np.ndarray) -> np.ndarray:
        x, y = convert(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geometries, _xy)


def sample_points(geometries: np.ndarray, limit: int = 2000) -> np.ndarray:
    """One coordinate per geometry (its first), for at most `limit` geometries spread over the array."""
    step = max(1, len(geometries) // limit)
    sample = geometries[::step]
    sample = sample[shapely.is_geometry(sample) & ~shapely.is_empty(sample)]
    firsts = [shapely.get_coordinates(g)[0] for g in sample]
    return np.array(firsts) if firsts else np.empty((0, 2))


def near_shenzhen(wgs84_points: np.ndarray) -> np.ndarray:
    lon, lat = wgs84_points[:, 0], wgs84_points[:, 1]
    lon_min, lat_min, lon_max, lat_max = NEAR_SHENZHEN
    inside = np.isfinite(lon) & np.isfinite(lat) & (lon >= lon_min) & (lon <= lon_max)
    return inside & (lat >= lat_min) & (lat <= lat_max)


def outside_share(wgs84_points: np.ndarray) -> float:
    if len(wgs84_points) == 0:
        return 0.0
    return float(1.0 - near_shenzhen(wgs84_points).mean())


def check_near_shenzhen(raw_points: np.ndarray, wgs84_points: np.ndarray, choice: CrsChoice, how: str) -> None:
    """Refuse when the coordinates, read as `choice`, do not land near Shenzhen; suggest the likely CRS.
    When most do, the CRS is right and the others are stray coordinates: the message names one."""
    share = outside_share(wgs84_points)
    if share <= ALLOWED_OUTSIDE_SHARE:
        return
    if share < 0.5:
        outside = ~near_shenzhen(wgs84_points)
        count, (x, y) = int(outside.sum()), raw_points[outside][0]
        raise ImportRefused(
            f"{count} of the {len(raw_points)} features checked {'lies' if count == 1 else 'lie'} far from Shenzhen "
            f"(one at x {x:,.6g}, y {y:,.6g}) while the others are near it as {choice.key} ({how}): those "
            "coordinates are wrong, not the CRS. This program imports data for Shenzhen and its neighbours; fix or "
            "delete those features and import again."
        )
    x, y = np.median(raw_points[:, 0]), np.median(raw_points[:, 1])
    key, sentence = crs_suggestion(raw_points)
    raise ImportRefused(
        f"The coordinates (around x {x:,.6g}, y {y:,.6g}) do not fall near Shenzhen as {choice.key} "
        f"({choice.label}, {how}). {sentence} Import again with --crs CODE "
        "(in the window: choose the CRS in the import dialog).",
        about_crs=True, suggested_crs=key if key != choice.key else None,
    )


def suggest_crs(raw_points: np.ndarray) -> str:
    """A sentence naming the CRS the raw coordinates most likely are in, judged from their magnitude."""
    return crs_suggestion(raw_points)[1]


def crs_suggestion(raw_points: np.ndarray) -> tuple[str | None, str]:
    """(key of the likely CRS or None when no single one fits, the sentence that explains it)."""
    if len(raw_points) == 0:
        return None, "The file has no coordinates to judge its CRS by."
    x, y = float(np.median(raw_points[:, 0])), float(np.median(raw_points[:, 1]))
    if 112 <= x <= 116 and 21 <= y <= 24:
        return "EPSG:4326", ("They look like longitude/latitude: WGS 84 (EPSG:4326) or CGCS2000 (EPSG:4490); from "
                             "AMap or Tencent they are GCJ-02, from Baidu BD-09 (both shifted 500-700 m).")
    if 112 <= y <= 116 and 21 <= x <= 24:
        return None, "They look like latitude/longitude in the wrong order: swap the x and y columns."
    if GK_ZONE_38_PREFIX + 300_000 <= x <= GK_ZONE_38_PREFIX + 700_000 and 2_300_000 <= y <= 2_700_000:
        return "EPSG:4526", ("An 8-digit easting starting with 38 is the zone-prefixed Gauss-Krüger CRS: CGCS2000 "
                             "3-degree zone 38 (EPSG:4526).")
    if 12_400_000 <= x <= 12_900_000 and 2_400_000 <= y <= 2_700_000:
        return "EPSG:3857", "Values near 12,700,000 / 2,570,000 are Web Mercator metres (EPSG:3857)."
    if 10_000_000 <= x < 100_000_000 and 2_300_000 <= y <= 2_700_000:
        return None, (f"An 8-digit easting carries a Gauss-Krüger zone number in front ({int(x) // 1_000_000}); "
                      "Shenzhen lies in 3-degree zone 38 (EPSG:4526).")
    if 300_000 <= x <= 700_000 and 2_300_000 <= y <= 2_700_000:
        return "EPSG:4547", ("A 6-digit easting near 500,000 with northing near 2,500,000 is CGCS2000 GK CM 114E "
                             "(EPSG:4547).")
    if 300_000 <= y <= 700_000 and 2_300_000 <= x <= 2_700_000:
        return None, "They look like CGCS2000 GK CM 114E (EPSG:4547) with northing first: swap the x and y columns."
    if abs(x) < 200_000 and abs(y) < 200_000 and (abs(x) > 1000 or abs(y) > 1000):
        return None, ("Small metre values look like a local city grid (e.g. 深圳独立坐标系), which cannot be converted "
                      "here: export the data in CGCS2000 (EPSG:4547 or EPSG:4490) first.")
    return None, f"None of the usual CRSs fits them. The choices: {choices_text()}."
