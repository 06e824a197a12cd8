"""The catalogue of schematic places: what each is, where it is taken from, and the rule that draws it.

Anchor coordinates are WGS 84 lon/lat, placed by hand from general geographic knowledge (metro
stations, landmarks, 街道 seats); they are approximate, like the plans' own 示意图. A planned area is
matched only where the plan states one; elsewhere the size is indicative and the note says so.
"""

from __future__ import annotations

from geodata.features import Feature
from tools.schematic.rules import Around, Band, Cut, Place, Rest, Route, Sea, Union

DOC_000 = "《深圳市国民经济和社会发展第十三个五年规划纲要》（000）"
DOC_001 = "《中共深圳市委关于制定国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议》（001）"
DOC_002 = "《深圳市可持续发展议程创新示范区建设方案》（002）"
DOC_003 = "《坪山区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》（003）"
DOC_004 = "南山区“十四五”规划（网络文章，004）"  # an article about the plan, not the plan

S000_LAYOUT = f"{DOC_000}第七章第一节 优化城市空间布局"
S001_SCIENCE = f"{DOC_001}第8条"
S001_PLATFORMS = f"{DOC_001}第30条"
S001_FINANCE = f"{DOC_001}第34条"
S001_LAYOUT = f"{DOC_001}第40条"
S001_KEY_AREAS = f"{DOC_001}第41条"
S003_BOX7 = f"{DOC_003}第七章第一节 专栏7“1+7”重点片区"
S003_PARKS = f"{DOC_003}第四章第一节及专栏1"
S004_STRUCTURE = f"{DOC_004}第二章第一节 打造“一轴一带三组团”发展格局"
S000_FTZ = f"{DOC_000}第九章第三节 加快自贸片区建设和前海开发开放"
S000_LOW_CARBON = f"{DOC_000}第八章第一节 推进绿色低碳循环发展（含专栏13）"
S000_INNOVATION = f"{DOC_000}第四章第三节 提升创新发展能级"
S003_HITECH = f"{DOC_003}第二章第四节 战略路径、第四章第一节"
S001_HITECH = f"{DOC_001}第10条（“一区两核多园”）"

NANSHAN = ("南山区",)
PINGSHAN = ("坪山区",)


def _feature(id_, name, kind, districts, source, note, layer="key_areas", **kw) -> Feature:
    return Feature(
        id=id_, name=name, layer=layer, kind=kind, districts=districts, accuracy="schematic",
        note=note, source=source, **kw,
    )  # fmt: skip


def _indicative(km2: float, what: str, districts: tuple[str, ...]) -> str:
    return f"以{what}为中心的椭圆，裁切至{'、'.join(districts)}；规划未载明面积，示意面积约 {km2:g} km²"


def _planned(what: str, districts: tuple[str, ...], apart: bool = True) -> str:
    """`apart`: the rule also keeps the place off the other 片区 (the Pingshan 1+7)."""
    note = f"以{what}为中心的椭圆，按规划面积缩放并裁切至{'、'.join(districts)}"
    return note + "，与其他片区不重叠" if apart else note


# --- 南山区: 一轴一带三组团 (004) ----------------------------------------------------------------------

# Hand-drawn cut lines that follow the 街道 boundaries approximately (the data has no 街道 level).
NANSHAN_NORTH_OUTLINE = (
    (113.70, 22.578), (113.915, 22.575), (113.93, 22.566), (113.96, 22.560), (114.00, 22.556),
    (114.10, 22.556), (114.10, 22.80), (113.70, 22.80),
)  # fmt: skip  # north of 留仙大道/北环: 西丽, 桃源
NANSHAN_SOUTH_OUTLINE = (
    (114.10, 22.500), (113.96, 22.497), (113.945, 22.507), (113.928, 22.520), (113.918, 22.535),
    (113.905, 22.548), (113.88, 22.560), (113.70, 22.560), (113.70, 22.30), (114.10, 22.30),
)  # fmt: skip  # south-west of 东滨路/南海大道/前海路: 南山, 蛇口, 招商 (with 前海 and the islands)

NANSHAN_PLACES = (
    Place(
        _feature(
            "ns-axis-innovation",
            "科技创新轴",
            "axis",
            ("南山区", "宝安区", "光明区"),
            S004_STRUCTURE,
            "手绘线，依次串联文中所列地点：深圳湾口岸、深圳湾CBD、高新区、留仙洞、大学城、光明科学城、"
            "松山湖科学城（东莞）",
            layer="structure_lines",
            structure="一轴一带三组团",
        ),
        Route(
            (
                (
                    (113.946, 22.505),
                    (113.941, 22.518),
                    (113.950, 22.540),
                    (113.932, 22.575),
                    (113.966, 22.590),
                    (113.935, 22.660),
                    (113.910, 22.760),
                    (113.885, 22.905),
                ),
            )
        ),
    ),  # fmt: skip
    Place(
        _feature(
            "ns-belt-bay-hq",
            "湾区总部经济带",
            "belt",
            NANSHAN,
            S004_STRUCTURE,
            "沿海岸自深圳湾（华侨城）经蛇口至前海、宽 1.5 km 的带状区域，裁切至南山区",
            aliases=("深圳湾总部经济带",),
            structure="一轴一带三组团",
        ),
        Band(
            (
                (113.995, 22.523),
                (113.960, 22.515),
                (113.945, 22.505),
                (113.925, 22.487),
                (113.905, 22.478),
                (113.890, 22.495),
                (113.885, 22.520),
                (113.893, 22.548),
            ),
            1.5,
        ),
    ),  # fmt: skip
    Place(
        _feature(
            "ns-cluster-north",
            "北部组团",
            "cluster",
            NANSHAN,
            S004_STRUCTURE,
            "南山区内手绘分界线以北部分，分界线大致沿西丽、桃源街道南界",
            aliases=("北部片区",),
            structure="一轴一带三组团",
        ),
        Cut(NANSHAN_NORTH_OUTLINE),
        positioning="涵盖西丽、桃源街道，以西丽湖国际科教城、西丽高铁新城为重点",
    ),  # fmt: skip
    Place(
        _feature(
            "ns-cluster-south",
            "南部组团",
            "cluster",
            NANSHAN,
            S004_STRUCTURE,
            "南山区内手绘分界线西南部分（含岛屿），分界线大致沿南山、蛇口、招商街道边界",
            structure="一轴一带三组团",
        ),
        Cut(NANSHAN_SOUTH_OUTLINE, avoid=("ns-cluster-north",)),
        positioning="涵盖南山、蛇口、招商街道，以前海、蛇口国际海洋城为重点",
    ),  # fmt: skip
    Place(
        _feature(
            "ns-cluster-central",
            "中部组团",
            "cluster",
            NANSHAN,
            S004_STRUCTURE,
            "南山区内两条手绘分界线之间的其余部分（粤海、沙河、南头街道）",
            structure="一轴一带三组团",
        ),
        Rest(avoid=("ns-cluster-north", "ns-cluster-south")),
        positioning="涵盖粤海、沙河、南头街道，以高新区、华侨城片区、南头古城为重点",
    ),  # fmt: skip
)

# --- 坪山区: “1+7” 重点片区 (003 专栏7) ------------------------------------------------------------------

_PS_ORDER = ("ps-yanzihu", "ps-laocheng", "ps-zhanqian", "ps-biling", "ps-gaoxin-south", "ps-kengzi",
             "ps-gaoxin-north", "ps-longtian")  # fmt: skip


def _ps(id_, name, anchor, km2, where, positioning, aliases=(), aspect=1.0, bearing=0.0) -> Place:
    earlier = _PS_ORDER[: _PS_ORDER.index(id_)]
    return Place(
        _feature(id_, name, "key_area", PINGSHAN, S003_BOX7, _planned(where, PINGSHAN), aliases=aliases,
                 structure="1+7", planned_area_km2=km2, status="规划"),
        Around(anchor, km2, aspect, bearing, avoid=earlier),
        positioning=positioning,
    )  # fmt: skip


PINGSHAN_1_7 = (
    _ps("ps-yanzihu", "燕子湖片区", (114.372, 22.680), 5.0, "燕子湖（地铁16号线燕子湖站，坪山中心东南）",
        "东部城市新客厅", aliases=("燕子湖",), aspect=1.4, bearing=60),
    _ps("ps-laocheng", "老城片区", (114.348, 22.691), 1.56, "坪山街道老城（坪山围、东门）",
        "坪山老城国际社区", aliases=("坪山老城", "坪山老城国际社区")),
    _ps("ps-zhanqian", "站前商务片区", (114.325, 22.694), 1.67, "坪山站（厦深铁路，位于区西缘）",
        "东部高铁新城", aliases=("站前商务区", "东部高铁新城")),
    _ps("ps-biling", "碧岭片区", (114.298, 22.668), 5.24, "区西南部的碧岭街道（沙湖、碧岭、汤坑）",
        "碧岭深港生命健康产业合作区", aliases=("碧岭深港生命健康产业合作区", "碧岭"), aspect=1.3, bearing=90),
    _ps("ps-gaoxin-south", "高新南片区", (114.403, 22.698), 3.9, "田心及深圳技术大学（石井街道）",
        "田心生态科教城", aliases=("高新南", "田心生态科教城", "田心生态科技城")),
    _ps("ps-kengzi", "坑梓片区", (114.392, 22.745), 2.64, "坑梓街道中心（人民路）",
        "坑梓中心区", aliases=("坑梓中心区",)),
    _ps("ps-gaoxin-north", "高新北片区", (114.400, 22.766), 5.5, "沙田（坑梓街道，区北部突出部分）",
        "沙田新能源汽车产业基地", aliases=("高新北", "沙田新能源汽车产业基地"), aspect=1.5, bearing=0),
    _ps("ps-longtian", "龙田片区", (114.358, 22.742), 9.35, "龙田街道（龙田、竹坑、南布）",
        "龙田高端制造产业基地", aliases=("龙田高端制造产业基地",), aspect=1.3, bearing=45),
)  # fmt: skip

PINGSHAN_OTHER = (
    Place(
        _feature("ps-centre", "坪山中心区", "key_area", PINGSHAN, f"{DOC_003}第一章及第七章第二节",
                 _indicative(4, "坪山中心（地铁14号线、区政府、中心公园）", PINGSHAN)),
        Around((114.3467, 22.7098), 4.0, 1.3, 90),
    ),
    Place(
        _feature("ps-hitech-zone", "坪山高新区", "platform", PINGSHAN, f"{DOC_003}第四章第一节",
                 "覆盖区东部和北部（坑梓、龙田、石井）的椭圆，裁切至坪山区；该园区实为多个地块，合计约 51.6 km²"
                 "（深圳国家高新区坪山园区），面积据一般常识",
                 aliases=("坪山国家高新区", "坪山园区"), structure="一区两核多园"),
        Around((114.385, 22.728), 51.6, 1.6, 10),
    ),
    Place(
        _feature("ps-innovation-port", "坪山高新区科技创新港", "park", PINGSHAN, S003_PARKS,
                 _indicative(0.3, "地铁16号线田心车辆段（选址据专栏1）", PINGSHAN)),
        Around((114.412, 22.703), 0.3),
    ),
)  # fmt: skip

# --- City structure (000, 13th plan) -------------------------------------------------------------------

CITY_LINES = (
    Place(
        _feature("sz-axis-east", "东部发展轴", "axis", ("罗湖区", "盐田区", "龙岗区", "坪山区"), S000_LAYOUT,
                 "手绘线，按文中所列自罗湖经龙岗中心城至坪山，另一支经盐田至大鹏",
                 layer="structure_lines", structure="三轴两带多中心"),
        Route((
            ((114.118, 22.545), (114.200, 22.640), (114.250, 22.720), (114.347, 22.710)),
            ((114.118, 22.545), (114.236, 22.560), (114.330, 22.600), (114.420, 22.630), (114.480, 22.595)),
        )),
    ),
    Place(
        _feature("sz-axis-central", "中部发展轴", "axis", ("福田区", "龙华区", "光明区"), S000_LAYOUT,
                 "手绘线，自福田各口岸向北经福田中心区、深圳北站、龙华至观澜，另有支线通往光明",
                 layer="structure_lines", structure="三轴两带多中心"),
        Route((
            ((114.070, 22.515), (114.058, 22.540), (114.029, 22.609), (114.025, 22.660), (114.045, 22.740)),
            ((114.025, 22.660), (113.980, 22.720), (113.935, 22.750)),
        )),
    ),
    Place(
        _feature("sz-axis-west", "西部发展轴", "axis", ("南山区", "宝安区"), S000_LAYOUT,
                 "手绘线，自蛇口半岛向北经前海、空港新城、沙井、松岗至东莞西部",
                 layer="structure_lines", structure="三轴两带多中心"),
        Route((((113.915, 22.485), (113.895, 22.530), (113.880, 22.560), (113.830, 22.640),
                (113.830, 22.730), (113.850, 22.770), (113.800, 22.830)),)),
    ),
    Place(
        _feature("sz-belt-north", "北部发展带", "belt_line", ("坪山区", "龙岗区", "龙华区", "光明区", "宝安区"),
                 S000_LAYOUT,
                 "手绘线，沿外环走廊经坪山、龙岗大中心城、平湖、观澜、光明、空港新城",
                 layer="structure_lines", structure="三轴两带多中心"),
        Route((((114.347, 22.710), (114.250, 22.720), (114.130, 22.680), (114.050, 22.720),
                (113.940, 22.750), (113.820, 22.640)),)),
    ),
    Place(
        _feature("sz-belt-south", "南部发展带", "belt_line", ("南山区", "福田区", "罗湖区", "盐田区", "龙岗区"),
                 S000_LAYOUT, "手绘线，经前海、南山、福田、罗湖、盐田、大鹏",
                 layer="structure_lines", structure="三轴两带多中心"),
        Route((((113.895, 22.530), (113.930, 22.530), (114.055, 22.540), (114.118, 22.545),
                (114.236, 22.560), (114.330, 22.600), (114.480, 22.595)),)),
    ),
)  # fmt: skip


def _centre(id_, name, districts, anchor, km2, what, aliases=(), aspect=1.0, bearing=0.0, source=S000_LAYOUT):
    return Place(
        _feature(id_, name, "centre", districts, source, _indicative(km2, what, districts), aliases=aliases,
                 structure="三轴两带多中心"),
        Around(anchor, km2, aspect, bearing),
    )  # fmt: skip


CITY_CENTRES = (
    _centre("sz-centre-futian-luohu", "福田-罗湖中心", ("福田区", "罗湖区"), (114.088, 22.543), 20,
            "福田中心区及罗湖蔡屋围、东门", aliases=("福田—罗湖中心",), aspect=2.5, bearing=90),
    _centre("sz-centre-west", "前海-南山-宝安中心", ("南山区", "宝安区"), (113.900, 22.540), 25,
            "前海、南山后海及宝安中心区", aliases=("前海—南山—宝安中心", "西部中心"), aspect=2.2, bearing=10),
    _centre("sz-centre-east", "龙岗-坪山东部中心", ("龙岗区", "坪山区"), (114.290, 22.717), 30,
            "龙岗中心城及坪山中心区", aliases=("龙岗—坪山城市东部中心", "深圳东部中心", "东部中心", "东部发展中心"),
            aspect=3.0, bearing=95),
    _centre("sz-centre-yantian", "盐田中心城区", ("盐田区",), (114.237, 22.557), 4, "盐田区政府驻地"),
    _centre("sz-centre-guangming", "光明中心城区", ("光明区",), (113.936, 22.748), 6, "光明区政府驻地",
            aliases=("深圳城市北部中心", "城市北部中心")),
    _centre("sz-centre-longhua", "龙华中心城区", ("龙华区",), (114.030, 22.655), 6, "龙华区政府驻地"),
    _centre("sz-centre-dapeng", "大鹏中心城区", ("大鹏新区",), (114.420, 22.633), 4, "大鹏新区驻地葵涌"),
)  # fmt: skip

CITY_AREAS_000 = (
    Place(
        _feature("sz-konggang", "空港新城", "key_area", ("宝安区",), f"{DOC_000}第七章第二节",
                 _indicative(40, "深圳机场以北、国际会展中心一带", ("宝安区",)), aliases=("大空港", "大空港地区")),
        Around((113.800, 22.690), 40, 1.8, 15),
    ),
    Place(
        _feature("sz-banxuegang", "坂雪岗科技城", "key_area", ("龙岗区",), f"{DOC_000}第七章第二节",
                 _indicative(20, "坂田、雪象、岗头（华为坂田基地）", ("龙岗区",))),
        Around((114.070, 22.645), 20, 1.5, 0),
    ),
)  # fmt: skip

# --- City platforms (001, 14th plan proposal) ----------------------------------------------------------


def _platform(
    id_, name, districts, anchor, km2, what, source, aliases=(), aspect=1.0, bearing=0.0, planned=None, kind="platform"
):
    note = _indicative(km2, what, districts) if planned is None else _planned(what, districts, apart=False)
    return Place(
        _feature(id_, name, kind, districts, source, note, aliases=aliases, planned_area_km2=planned),
        Around(anchor, km2, aspect, bearing),
    )  # fmt: skip


CITY_PLATFORMS = (
    _platform("sz-guangming-science-city", "光明科学城", ("光明区",), (113.915, 22.770), 99,
              "光明区东部和北部（装置集聚区、科学城中心区）", S001_SCIENCE, aspect=1.4, bearing=30),
    _platform("sz-hetao", "河套深港科技创新合作区", ("福田区",), (114.055, 22.514), 3.02,
              "福田保税区及皇岗口岸（即深圳园区；香港园区 0.87 km² 位于香港，未绘制）",
              S001_PLATFORMS, aliases=("河套合作区", "河套", "落马洲河套地区"), aspect=2.5, bearing=90),
    _platform("sz-xili-lake", "西丽湖国际科教城", ("南山区",), (113.960, 22.595), 40,
              "西丽湖、大学城及留仙洞", S001_SCIENCE, aliases=("西丽湖科教城", "西丽湖"), aspect=1.4, bearing=80),
    _platform("sz-dayun", "大运深港国际科教城", ("龙岗区",), (114.215, 22.700), 30,
              "大运中心及香港中文大学（深圳）", S001_SCIENCE, aliases=("大运科教城",), aspect=1.3, bearing=45),
    _platform("sz-qianhai", "前海深港现代服务业合作区", ("南山区",), (113.895, 22.528), 14.92,
              "前海湾（桂湾、前湾、妈湾；取建议所提扩区之前、2021 年以前 14.92 km² 的合作区）",
              S001_PLATFORMS, aliases=("前海合作区", "前海", "前海区块", "前海城市新中心"), aspect=2.2, bearing=5),
    _platform("sz-shatoujiao", "盐田沙头角深港国际旅游消费合作区", ("盐田区",), (114.226, 22.550), 2,
              "沙头角及中英街", S001_PLATFORMS, aliases=("沙头角深港国际旅游消费合作区",), aspect=2, bearing=90),
    _platform("sz-shenzhen-bay-hq", "深圳湾超级总部基地", ("南山区",), (113.968, 22.521), 1.17,
              "沙河街道滨海大道以南的深圳湾滨水地带（117 公顷，据一般常识）", S001_KEY_AREAS,
              aspect=1.8, bearing=70),
    _platform("sz-xiangmihu", "香蜜湖新金融中心", ("福田区",), (114.028, 22.548), 4.8,
              "香蜜湖", S001_FINANCE, aliases=("香蜜湖",), aspect=1.3),
    _platform("sz-hongling-finance", "红岭新兴金融产业带", ("罗湖区", "福田区"), (114.104, 22.553), 3,
              "南北走向的红岭路", S001_FINANCE, aspect=4, bearing=0, kind="belt"),
    _platform("sz-futian-cbd", "福田中央活力商务区", ("福田区",), (114.058, 22.538), 6,
              "福田中心区（CBD）", S001_LAYOUT, aliases=("福田中心区", "福田中心商业区"), aspect=1.3, bearing=0),
    _platform("sz-nanshan-intellect", "南山中央智力区", ("南山区",), (113.945, 22.535), 15,
              "高新区及后海", S001_LAYOUT, aspect=1.5, bearing=0),
    _platform("sz-baoan-centre", "宝安中心区", ("宝安区",), (113.885, 22.558), 12,
              "宝安中心区（新安、西乡沿海）", S001_LAYOUT, aliases=("宝安中心片区", "宝安中心商业区"), aspect=1.5,
              bearing=20),
    _platform("sz-central-park-ring", "环中心公园活力圈", ("福田区",), (114.075, 22.552), 4,
              "福田中心公园", S001_KEY_AREAS, aspect=1.6, bearing=0),
    _platform("sz-north-station", "北站商务区", ("龙华区",), (114.029, 22.609), 6,
              "深圳北站", S001_KEY_AREAS, aliases=("深圳北站商务区",), aspect=1.3),
)  # fmt: skip

# --- Sustainable-development plan (002) ----------------------------------------------------------------

SDG_PLACES = (
    _platform("sz-fenghuang-sponge", "光明凤凰城海绵城市试点区域", ("光明区",), (113.925, 22.742), 16.42,
              "光明凤凰城", f"{DOC_002}专栏5 资源高效利用工程", aliases=("凤凰城", "光明新区凤凰城"),
              aspect=1.3, bearing=20, planned=16.42, kind="key_area"),
    _platform("sz-baguang", "坝光生态恢复区", ("大鹏新区",), (114.530, 22.655), 3, "大鹏新区北岸的坝光",
              f"{DOC_002}三（四）生态环境治理工程", aliases=("坝光",), aspect=1.5, bearing=90, kind="park"),
)  # fmt: skip

# --- Places the plans name often, drawn where their location is public knowledge (issue 16) -------------

# 深圳湾 (Deep Bay): the mouth is the line from the tip of 蛇口 south to the 香港 shore at 白泥; the land
# (Shenzhen's districts and 香港) cuts the rest of the outline to the coast.
SHENZHEN_BAY_OUTLINE = (
    (113.905, 22.478), (113.905, 22.440), (113.960, 22.440), (114.060, 22.490), (114.060, 22.540),
    (113.960, 22.540), (113.930, 22.510),
)  # fmt: skip

# 大鹏湾 (Mirs Bay): between 盐田/大鹏 and 香港's north-eastern New Territories, open to the south.
DAPENG_BAY_OUTLINE = (
    (114.22, 22.545), (114.24, 22.59), (114.33, 22.62), (114.42, 22.62), (114.50, 22.56), (114.54, 22.48),
    (114.54, 22.44), (114.34, 22.44), (114.25, 22.50),
)  # fmt: skip

NAMED_PLACES = (
    Place(
        _feature("sz-shekou", "蛇口", "key_area", NANSHAN, f"{S000_FTZ}（蛇口区块）；{S004_STRUCTURE}",
                 "以蛇口（海上世界、太子湾、赤湾一带）为中心的椭圆，裁切至南山区，与前海合作区不重叠；规划未载明面积，"
                 "示意面积 13.2 km²，取前海蛇口自贸片区蛇口区块的面积（据一般常识）",
                 aliases=("蛇口区块",)),
        Around((113.905, 22.483), 13.2, 1.4, 100, avoid=("sz-qianhai",)),
    ),
    Place(
        _feature("sz-ftz-qianhai-shekou", "前海蛇口自贸片区", "platform", NANSHAN, S000_FTZ,
                 "前海合作区与蛇口两块示意范围之并（即自贸片区的前海区块与蛇口区块）；规划未载明面积，合计约 28.1 km²"
                 "（自贸片区面积 28.2 km²，据一般常识）",
                 aliases=("深圳前海蛇口自贸片区", "深圳前海蛇口片区", "前海蛇口片区", "前海自贸片区", "自贸片区",
                          "自贸区")),
        Union(("sz-qianhai", "sz-shekou")),
    ),
    Place(
        _feature("sz-hitech-nanshan", "深圳高新区南山园区", "platform", NANSHAN, f"{S003_HITECH}；{S004_STRUCTURE}",
                 "以粤海街道的高新区（高新南、中、北区，地铁高新园站一带）为中心的椭圆，裁切至南山区；规划未载明面积，"
                 "示意面积取高新区初始规划面积约 11.5 km²（据一般常识）；"
                 "2019 年扩区后南山园区所含留仙洞、大学城等未计入",
                 aliases=("高新区南山园区",), structure="一区两核多园"),
        Around((113.948, 22.541), 11.5, 1.6, 0),
    ),
    Place(
        _feature("ns-nantou-old-town", "南头古城", "key_area", NANSHAN, S004_STRUCTURE,
                 _indicative(0.4, "南头古城（深南大道以北、中山公园以南）", NANSHAN), aliases=("新安古城",)),
        Around((113.9195, 22.5435), 0.4, 1.2, 0),
    ),
    Place(
        _feature("ns-oct", "华侨城片区", "key_area", NANSHAN, S004_STRUCTURE,
                 _indicative(4.8, "华侨城（世界之窗、欢乐谷、华侨城湿地之间）", NANSHAN) + "（华侨城面积据一般常识）",
                 aliases=("华侨城",)),
        Around((113.985, 22.537), 4.8, 1.5, 80),
    ),
    Place(
        _feature("ns-houhai", "后海中心区", "key_area", NANSHAN, f"{DOC_000}第七章第三节 完善城市慢行交通系统",
                 _indicative(2.3, "后海（地铁后海站一带）", NANSHAN), aliases=("后海",)),
        Around((113.938, 22.517), 2.3, 1.4, 0),
    ),
    Place(
        _feature("ns-liuxiandong", "留仙洞总部基地", "park", NANSHAN, S004_STRUCTURE,
                 _indicative(1.35, "留仙洞（地铁留仙洞站一带，西丽）", NANSHAN), aliases=("留仙洞",)),
        Around((113.925, 22.582), 1.35, 1.3, 0),
    ),
    Place(
        _feature("ns-university-town", "深圳大学城", "park", NANSHAN, S004_STRUCTURE,
                 _indicative(1.5, "西丽大学城（地铁大学城站一带）", NANSHAN), aliases=("大学城",)),
        Around((113.967, 22.591), 1.5, 1.3, 45),
    ),
    Place(
        _feature("ns-xili-hsr-town", "西丽高铁新城", "key_area", NANSHAN, S004_STRUCTURE,
                 _indicative(6, "西丽站（西丽枢纽）", NANSHAN)),
        Around((113.947, 22.584), 6.0, 1.3, 0),
    ),
    Place(
        _feature("sz-virtual-university", "虚拟大学园", "park", NANSHAN, S000_INNOVATION,
                 _indicative(0.3, "深圳虚拟大学园（高新区南区）", NANSHAN), aliases=("深圳虚拟大学园",)),
        Around((113.944, 22.530), 0.3, 1.0, 0),
    ),
    Place(
        _feature("sz-low-carbon-city", "国际低碳城", "key_area", ("龙岗区",), S000_LOW_CARBON,
                 "以坪地街道（国际低碳城会展中心一带）为中心的椭圆，裁切至龙岗区；规划未载明面积，示意面积约 53 km²"
                 "（国际低碳城规划范围，据一般常识）", aliases=("深圳国际低碳城",)),
        Around((114.305, 22.768), 53.0, 1.3, 30),
    ),
    Place(
        _feature("sz-dapeng-bay", "大鹏湾", "sea_area", ("盐田区", "大鹏新区"),
                 f"{DOC_000}第七章第一节（拓展城市发展空间）；{DOC_002}三（四）生态环境治理工程",
                 "海域：手绘外廓（以北纬 22.44° 一线为湾口，示意）减去深圳各区与香港的陆地，岸线为边界数据的概化岸线；"
                 "含香港一侧水域"),
        Sea(DAPENG_BAY_OUTLINE),
    ),
    Place(
        _feature("sz-shenzhen-bay", "深圳湾", "sea_area", ("南山区", "福田区"),
                 f"{DOC_000}第七章第一节（拓展城市发展空间）；{S004_STRUCTURE}",
                 "海域：手绘外廓（以蛇口—香港白泥一线为湾口）减去深圳各区与香港的陆地，岸线为边界数据的概化岸线；"
                 "含香港一侧水域"),
        Sea(SHENZHEN_BAY_OUTLINE),
    ),
)  # fmt: skip

PLACES: tuple[Place, ...] = (
    *NANSHAN_PLACES, *PINGSHAN_1_7, *PINGSHAN_OTHER, *CITY_LINES, *CITY_CENTRES, *CITY_AREAS_000,
    *CITY_PLATFORMS, *SDG_PLACES, *NAMED_PLACES,
)  # fmt: skip
