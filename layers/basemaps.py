"""Basemaps: the offline default and the optional online or local tile sources.

Only the online ones (OpenStreetMap, 天地图, AMap/高德, a custom XYZ URL) make the map touch the network.
AMap tiles are GCJ-02, so under them the overlays are redrawn shifted to GCJ-02 (display only; the
store stays WGS 84). 天地图 is CGCS2000, which equals WGS 84 at map scale.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

MBTILES_URL = "mbtiles://tiles/{z}/{x}/{y}"  # served by desktop/mbtiles_scheme.py from the chosen file
TIANDITU_URL = ("https://t{s}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
                "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}"
                "&TILECOL={x}&tk={key}")


@dataclass(frozen=True)
class Basemap:
    id: str
    title: str  # English; the window translates it
    online: bool
    needs: str | None = None  # "key", "url" or "file": what the user must give


BASEMAPS: tuple[Basemap, ...] = (
    Basemap("offline", "Offline: land and sea (default)", online=False),
    Basemap("osm", "OpenStreetMap (online)", online=True),
    Basemap("tianditu", "Tianditu 天地图 (online, needs your key)", online=True, needs="key"),
    Basemap("amap", "AMap 高德 (online, GCJ-02)", online=True),
    Basemap("xyz", "Custom XYZ tile URL (online)…", online=True, needs="url"),
    Basemap("mbtiles", "Local MBTiles file…", online=False, needs="file"),
)
BASEMAP_IDS = tuple(basemap.id for basemap in BASEMAPS)


@dataclass(frozen=True)
class BasemapChoice:
    id: str
    online: bool
    datum: str = "wgs84"  # the frame the overlays must be drawn in: "gcj02" under AMap
    url: str = ""
    labels_url: str = ""
    attribution: str = ""  # plain text; escaped before it reaches the page
    subdomains: str = "abc"
    max_zoom: int = 18
    key: str = ""
    mbtiles_path: str = ""

    def page_spec(self) -> dict:
        """What PlanMap.setBasemap receives."""
        if self.id == "offline":
            return {"kind": "offline"}
        return {"kind": "tiles", "url": self.url, "labelsUrl": self.labels_url,
                "attribution": html.escape(self.attribution), "subdomains": self.subdomains,
                "maxZoom": self.max_zoom}

    def remembered(self) -> dict:
        """What the settings keep, to choose the same basemap at the next start."""
        return {"id": self.id, "key": self.key, "url": self.url if self.id == "xyz" else "",
                "path": self.mbtiles_path}


def basemap_choice(basemap_id: str, key: str = "", url: str = "", path: str = "") -> BasemapChoice:
    """A usable basemap, or ValueError saying what is missing."""
    if basemap_id == "offline":
        return BasemapChoice("offline", online=False)
    if basemap_id == "osm":
        return BasemapChoice("osm", online=True, url="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                             attribution="© OpenStreetMap contributors", subdomains="", max_zoom=19)
    if basemap_id == "tianditu":
        key = key.strip()
        if not re.fullmatch(r"[0-9A-Za-z]{16,64}", key):
            raise ValueError("A 天地图 key is 32 letters and digits; get one at console.tianditu.gov.cn.")
        return BasemapChoice(
            "tianditu", online=True, key=key, subdomains="01234567", max_zoom=18,
            url=TIANDITU_URL.replace("{layer}", "vec").replace("{key}", quote(key)),
            labels_url=TIANDITU_URL.replace("{layer}", "cva").replace("{key}", quote(key)),
            attribution="© 天地图 国家地理信息公共服务平台",
        )
    if basemap_id == "amap":
        return BasemapChoice(
            "amap", online=True, datum="gcj02", subdomains="1234", max_zoom=18,
            url="https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
            attribution="© 高德地图 AutoNavi",
        )
    if basemap_id == "xyz":
        return BasemapChoice("xyz", online=True, url=checked_xyz_url(url), attribution=urlsplit(url).hostname or "")
    if basemap_id == "mbtiles":
        if not path or not Path(path).is_file():
            raise ValueError(f"No MBTiles file at {path or '(none chosen)'}.")
        from geodata.mbtiles import mbtiles_info

        info = mbtiles_info(Path(path))
        return BasemapChoice("mbtiles", online=False, url=MBTILES_URL, mbtiles_path=str(Path(path).resolve()),
                             attribution=info.attribution or info.name, subdomains="",
                             max_zoom=info.max_zoom or 18)
    raise ValueError(f"Unknown basemap {basemap_id!r}; choose one of {', '.join(BASEMAP_IDS)}.")


def checked_xyz_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("An XYZ tile URL starts with https:// (or http://) and names a server.")
    if not all(token in url for token in ("{z}", "{x}", "{y}")):
        raise ValueError("An XYZ tile URL must contain {z}, {x} and {y}, e.g. https://host/{z}/{x}/{y}.png")
    return url
