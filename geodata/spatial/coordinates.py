"""Point coordinates for the status bar: WGS 84 lon/lat and CGCS2000 / GK 114E metres, and the
display frame of the map (WGS 84, or GCJ-02 while an AMap basemap shifts the overlays)."""

from __future__ import annotations

from dataclasses import dataclass

from geodata.spatial import crs, datum

DISPLAY_FRAMES = ("wgs84", "gcj02")


@dataclass(frozen=True)
class CursorPosition:
    lon: float  # WGS 84 degrees
    lat: float
    easting: float  # EPSG:4547 metres (false easting 500 000 m)
    northing: float

    def text(self) -> str:
        return (f"WGS 84 {self.lon:.5f}°E {self.lat:.5f}°N   "
                f"CGCS2000 GK 114°E  X {self.easting:,.0f} m  Y {self.northing:,.0f} m")


def to_gk114e(lon: float, lat: float) -> tuple[float, float]:
    """(easting, northing) in metres of a WGS 84 (≈ CGCS2000 at map scale) point, EPSG:4547."""
    easting, northing = crs.transformer(crs.WGS84, crs.GK_114E).transform(lon, lat)
    return float(easting), float(northing)


def cursor_position(lon: float, lat: float) -> CursorPosition:
    return CursorPosition(lon, lat, *to_gk114e(lon, lat))


def display_to_wgs84(lon: float, lat: float, frame: str) -> tuple[float, float]:
    """A position read off the map (in its display frame) as WGS 84."""
    if frame == "gcj02":
        return datum.gcj02_to_wgs84(lon, lat)
    return float(lon), float(lat)


def wgs84_to_display(lon: float, lat: float, frame: str) -> tuple[float, float]:
    if frame == "gcj02":
        return datum.wgs84_to_gcj02(lon, lat)
    return float(lon), float(lat)


def scale_denominator(metres_per_pixel: float, dpi: float = 96.0) -> float:
    """The map scale 1:N on a screen of `dpi` dots per inch."""
    return metres_per_pixel * dpi / 0.0254


def scale_text(metres_per_pixel: float, dpi: float = 96.0) -> str:
    if metres_per_pixel <= 0:
        return ""
    denominator = scale_denominator(metres_per_pixel, dpi)
    step = 10 ** max(0, len(str(int(denominator))) - 2)
    return f"1:{round(denominator / step) * step:,.0f}"
