"""Build the schematic transport layers (resources/schematic/transport_*.geojson) from named stations.

Every coordinate here is WGS 84 lon/lat placed from general geographic knowledge of Shenzhen, aiming at
~0.5 km (some planned alignments are rougher; their notes say so). A line is straight segments through
its vertices in order: a vertex is a station name (a key of STATIONS, recorded in `stations`) or a bare
(lon, lat) shape point. Lines that leave the city stop just beyond its boundary.

Run: python -m tools.schematic.transport
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from shapely.geometry import LineString, MultiLineString, Point, mapping

from geodata.place_register import listed_places
from geodata.resources import RESOURCES_DIR
from geodata.spatial.crs import project
from tools.schematic.places import DOC_000, DOC_001, DOC_003, DOC_004

OUT_DIR = RESOURCES_DIR / "schematic"

# The plans are named as in the key areas' sources: 《title》（number）, then the section.
PLAN_000, PLAN_001, PLAN_003, PLAN_004 = DOC_000, DOC_001, DOC_003, DOC_004
BOX_PS = "专栏8 “十四五”期间重大交通项目"  # 003, 第七章第二节
BOX_SZ = "专栏10 战略通道及城市交通重大工程"  # 000, 第七章第三节
BOX_QH = "专栏17 前海蛇口自贸片区重大工程（重大基础设施）"  # 000, 第九章第三节

# Notes are shown after the 示意 badge ("示意 — <note>"), so they do not start with 示意 themselves.
NOTE_STATIONS = "以直线段按顺序连接所列车站，位置据一般地理常识"
NOTE_ROUGH = "较粗略：规划未载明走向，以直线段连接其连通的各处"
NOTE_POINT = "位置据一般地理常识，精度约 0.5 km"
NOTE_CITY_END = "；仅绘深圳境内部分"

# fmt: off
STATIONS: dict[str, tuple[float, float]] = {
    # rail stations and hubs
    "深圳北站": (114.0293, 22.6096), "福田站": (114.0553, 22.5387), "深圳站": (114.1175, 22.5333),
    "深圳东站": (114.1192, 22.6035), "西丽站": (113.9470, 22.5840), "坪山站": (114.3275, 22.7040),
    "平湖站": (114.1265, 22.6800), "光明城站": (113.9140, 22.7405), "深圳西站": (113.9065, 22.5285),
    "深圳机场": (113.8115, 22.6395), "机场东": (113.8470, 22.6300), "前海湾": (113.8945, 22.5357),
    "车公庙": (114.0230, 22.5352), "大运": (114.2225, 22.6985),
    # ports and border crossings
    "盐田港": (114.2750, 22.5790), "蛇口港": (113.8870, 22.4780), "妈湾作业区": (113.8720, 22.5020),
    "南山港区": (113.8830, 22.4700), "大铲湾港区": (113.8580, 22.5560), "太子湾国际邮轮母港": (113.9090, 22.4790),
    "深圳湾口岸": (113.9460, 22.5035), "皇岗口岸": (114.0720, 22.5185), "福田口岸": (114.0668, 22.5158),
    "罗湖口岸": (114.1163, 22.5292), "文锦渡口岸": (114.1262, 22.5368), "莲塘/香园围口岸": (114.1635, 22.5565),
    "沙头角口岸": (114.2240, 22.5475), "前海口岸": (113.8960, 22.5300), "蛇口口岸": (113.9105, 22.4805),
    "大铲湾汽车口岸": (113.8620, 22.5590),
    # metro and intercity stations used as line vertices only
    "罗湖": (114.1186, 22.5343), "老街": (114.1175, 22.5445), "大剧院": (114.1040, 22.5440),
    "科学馆": (114.0880, 22.5410), "会展中心": (114.0560, 22.5335), "岗厦北": (114.0655, 22.5435),
    "世界之窗": (113.9735, 22.5385), "深大": (113.9440, 22.5405), "宝安中心": (113.8860, 22.5580),
    "蛇口港站": (113.9170, 22.4870), "后海": (113.9380, 22.5170), "红树湾南": (113.9530, 22.5180),
    "莲塘": (114.1600, 22.5630), "双龙": (114.2760, 22.7300), "益田": (114.0530, 22.5220),
    "福保": (114.0590, 22.5140), "龙胜": (114.0180, 22.6500), "清湖": (114.0330, 22.6720),
    "牛湖": (114.0430, 22.7220), "赤湾": (113.8850, 22.4750), "西丽": (113.9560, 22.5810),
    "五和": (114.0640, 22.6220), "太安": (114.1285, 22.5610), "黄贝岭": (114.1390, 22.5490),
    "松岗": (113.8420, 22.7770), "西丽湖": (113.9640, 22.5970), "沙头角": (114.2250, 22.5545),
    "盐田港西": (114.2540, 22.5660), "小梅沙": (114.3260, 22.6040), "前湾": (113.8880, 22.5180),
    "文锦": (114.1270, 22.5400), "双拥街": (114.1350, 22.6980), "机场北": (113.8140, 22.6600),
    "碧头": (113.8050, 22.7680), "左炮台东": (113.8870, 22.4720), "南头古城": (113.9200, 22.5420),
    "海上田园东": (113.7960, 22.7570), "石岩": (113.9300, 22.6770), "锦龙": (114.3050, 22.7050),
    "坪山中心": (114.3480, 22.6990), "坑梓": (114.3900, 22.7480), "沙田": (114.4080, 22.7640),
    "龙城公园": (114.2460, 22.7210), "新和": (114.3300, 22.7100), "田心": (114.4020, 22.6890),
    "南塘围": (114.3150, 22.6800), "聚龙": (114.3620, 22.7280), "比亚迪": (114.3620, 22.7090),
    "T4枢纽": (113.8330, 22.6330), "黄麻布": (113.8850, 22.6150), "石岩中心": (113.9280, 22.6760),
    "民治北": (114.0450, 22.6320), "白坭坑": (114.1730, 22.6570), "龙城": (114.2470, 22.7200),
    "燕子湖": (114.3750, 22.6830), "葵涌": (114.4300, 22.6330), "大鹏": (114.4790, 22.5930),
    "新大": (114.5100, 22.5780), "沙井西": (113.8080, 22.7360), "福海西": (113.8090, 22.6930),
}
# fmt: on


@dataclass(frozen=True)
class PointSpec:
    id: str
    kind: str
    districts: tuple[str, ...]
    source: str
    aliases: tuple[str, ...] = ()
    status: str | None = None
    structure: str | None = None
    note: str = NOTE_POINT
    name: str | None = None  # the feature name when it differs from the STATIONS key


@dataclass(frozen=True)
class LineSpec:
    id: str
    name: str
    kind: str
    vertices: tuple[str | tuple[float, float], ...]
    source: str
    aliases: tuple[str, ...] = ()
    status: str | None = None
    structure: str | None = None
    note: str = NOTE_STATIONS


CONTEXT = "五份规划均未提及，仅作为规划所提线路和枢纽的参照绘出"

# fmt: off
# name -> spec; the name is the STATIONS key and, unless `name` is set, the feature name.
POINTS: dict[str, PointSpec] = {
    "坪山站": PointSpec(
        "station-pingshan", "hub", ("坪山区",), f"{PLAN_003}第七章第二节 {BOX_PS}；{PLAN_000}{BOX_SZ}",
                       ("坪山综合交通枢纽", "坪山站综合交通枢纽", "坪山枢纽", "东部高铁枢纽"), "TOD规划建设", BOX_PS),
    "深圳北站": PointSpec("station-shenzhen-north", "hub", ("龙华区",), f"{PLAN_000}{BOX_SZ}；{PLAN_003}第七章第二节",
                        status="提升功能"),
    "西丽站": PointSpec("station-xili", "hub", ("南山区",), f"{PLAN_000}{BOX_SZ}；{PLAN_004}强化对外交通联络",
                       ("西丽高铁站", "西丽枢纽"), "站城一体化规划建设"),
    "福田站": PointSpec(
        "station-futian", "hub", ("福田区",), f"{PLAN_000}第一章（福田火车站）；{PLAN_003}第七章第二节",
                       ("福田火车站",), "投入使用"),
    "深圳站": PointSpec("station-shenzhen", "station", ("罗湖区",), CONTEXT, ("深圳火车站",)),
    "深圳东站": PointSpec("station-shenzhen-east", "station", ("龙岗区",), f"{PLAN_000}{BOX_SZ}（原文作“东站”）",
                        ("东站",), "提升功能"),
    "平湖站": PointSpec("station-pinghu", "hub", ("龙岗区",), f"{PLAN_000}第七章及{BOX_SZ}",
                       ("平湖枢纽",), "提升功能"),
    "光明城站": PointSpec("station-guangmingcheng", "station", ("光明区",), CONTEXT),
    "深圳西站": PointSpec("station-shenzhen-west", "station", ("南山区",), CONTEXT),
    "深圳机场": PointSpec("airport-shenzhen", "airport", ("宝安区",), f"{PLAN_000}{BOX_SZ}（空港）；{PLAN_001}第42条",
                        ("深圳宝安国际机场", "宝安国际机场"), "第三跑道、T4航站区建设"),
    "机场东": PointSpec("station-airport-east", "station", ("宝安区",), CONTEXT),
    "前海湾": PointSpec("hub-qianhai", "hub", ("南山区",), f"{PLAN_000}第七章第三节及{BOX_QH}",
                       ("前海枢纽",), "加快建设", name="前海湾综合交通枢纽"),
    "车公庙": PointSpec("hub-chegongmiao", "hub", ("福田区",), f"{PLAN_000}第七章第三节", status="推进",
                       name="车公庙枢纽"),
    "盐田港": PointSpec("port-yantian", "port", ("盐田区",), f"{PLAN_000}第七章、{BOX_SZ}；{PLAN_001}第40条",
                       status="启动东港区建设"),
    "蛇口港": PointSpec("port-shekou", "port", ("南山区",), f"{PLAN_004}城市范例（联动蛇口港）"),
    "妈湾作业区": PointSpec("port-mawan", "port", ("南山区",), f"{PLAN_000}{BOX_SZ}（海港）", ("海星码头",), "改造"),
    "南山港区": PointSpec("port-nanshan", "port", ("南山区",), f"{PLAN_000}{BOX_SZ}；{PLAN_004}强化对外交通联络",
                        ("南山港",), "泊位大型化改造"),
    "大铲湾港区": PointSpec("port-dachanwan", "port", ("宝安区",), f"{PLAN_000}{BOX_SZ}（海港）",
                          ("大铲湾二期",), "启动"),
    "太子湾国际邮轮母港": PointSpec("port-taiziwan", "port", ("南山区",), f"{PLAN_000}{BOX_SZ}（海港）",
                                 ("太子湾邮轮母港",), "加快建设"),
    "深圳湾口岸": PointSpec("border-shenzhen-bay", "border_crossing", ("南山区",),
                          f"{PLAN_000}第十章；{PLAN_004}第二部分 强化对外交通联络", status="综合改造加快推进"),
    "皇岗口岸": PointSpec("border-huanggang", "border_crossing", ("福田区",), f"{PLAN_000}第十章", status="整体改造"),
    "福田口岸": PointSpec("border-futian", "border_crossing", ("福田区",), CONTEXT),
    "罗湖口岸": PointSpec("border-luohu", "border_crossing", ("罗湖区",), CONTEXT),
    "文锦渡口岸": PointSpec("border-wenjindu", "border_crossing", ("罗湖区",), CONTEXT),
    "莲塘/香园围口岸": PointSpec("border-liantang", "border_crossing", ("罗湖区",),
                             f"{PLAN_000}第十章；{PLAN_003}第三章",
                             ("莲塘口岸", "香园围口岸"), "建成"),
    "沙头角口岸": PointSpec("border-shatoujiao", "border_crossing", ("盐田区",), f"{PLAN_000}第十章",
                          status="整体改造"),
    "前海口岸": PointSpec("border-qianhai", "border_crossing", ("南山区",), f"{PLAN_004}第二部分 深港合作",
                        status="加快规划建设",
                        note="较粗略：规划口岸置于前海枢纽一带，规划未载明选址"),
    "蛇口口岸": PointSpec("border-shekou", "border_crossing", ("南山区",), f"{PLAN_004}旅游（144小时过境免签）"),
    "大铲湾汽车口岸": PointSpec("border-dachanwan-auto", "border_crossing", ("宝安区",), f"{PLAN_000}第五章（商贸）",
                            status="加快建设"),
}

M = "metro"
LINES: tuple[LineSpec, ...] = (
    # metro
    LineSpec("metro-1", "地铁1号线", M, ("罗湖", "老街", "大剧院", "科学馆", "会展中心", "车公庙", "世界之窗",
             "深大", "前海湾", "宝安中心", "机场东"), CONTEXT,
             note=NOTE_STATIONS + "；不设别名“1号线”，因其包含在“11号线”中"),
    LineSpec("metro-2", "地铁2号线", M, ("蛇口港站", "后海", "世界之窗", "福田站", "岗厦北", "大剧院", "莲塘"),
             f"{PLAN_000}{BOX_SZ}（延长线）", status="基本建成"),
    LineSpec("metro-3", "地铁3号线", M, ("双龙", "大运", "深圳东站", "老街", "福田站", "益田", "福保"),
             f"{PLAN_000}{BOX_SZ}（延长线）", status="基本建成"),
    LineSpec("metro-4", "地铁4号线", M, ("福田口岸", "会展中心", (114.0580, 22.5700), "深圳北站", "龙胜", "清湖",
             "牛湖"),
             f"{PLAN_000}{BOX_SZ}（延长线）", status="基本建成"),
    LineSpec("metro-5", "地铁5号线", M, ("赤湾", "前海湾", "宝安中心", (113.9200, 22.5700), "西丽", "深圳北站", "五和",
             "深圳东站", "太安", "黄贝岭"), f"{PLAN_000}{BOX_SZ}（延长线）；{PLAN_004}第一部分（5号线南延）",
             ("5号线南延", "5号线"), "开通运营"),
    LineSpec("metro-6", "地铁6号线", M, ("科学馆", (114.0980, 22.5700), "深圳北站", (114.0350, 22.6400),
             (113.9650, 22.6850), (113.9350, 22.7550), "松岗"), f"{PLAN_000}{BOX_SZ}", status="基本建成"),
    LineSpec("metro-7", "地铁7号线", M, ("西丽湖", "西丽", (113.9900, 22.5500), "车公庙", "皇岗口岸",
             (114.0850, 22.5470), "太安"), f"{PLAN_000}{BOX_SZ}；{PLAN_004}第一部分", ("7号线",), "开通运营"),
    LineSpec("metro-8", "地铁8号线", M, ("莲塘", "沙头角", "盐田港西", "小梅沙"), f"{PLAN_000}{BOX_SZ}",
             ("8号线",), "基本建成"),
    LineSpec("metro-9", "地铁9号线", M, ("前湾", "红树湾南", "车公庙", (114.0330, 22.5520), (114.0600, 22.5700),
             (114.0850, 22.5720), (114.1050, 22.5500), "文锦"), f"{PLAN_000}{BOX_SZ}；{PLAN_004}第一部分（含西延）",
             ("9号线(含西延)",), "开通运营"),
    LineSpec("metro-10", "地铁10号线", M, ("福田口岸", (114.0650, 22.5530), "五和", (114.0650, 22.6500),
             (114.1150, 22.6750), "平湖站", "双拥街"), f"{PLAN_000}{BOX_SZ}（三期调整）", ("10号线",), "基本建成"),
    LineSpec("metro-11", "地铁11号线", M, ("岗厦北", "福田站", "车公庙", "红树湾南", "后海", "前海湾", "深圳机场",
             "机场北", (113.8200, 22.7300), "碧头"), f"{PLAN_000}{BOX_SZ}；{PLAN_004}第一部分", ("11号线",),
             "开通运营"),
    LineSpec("metro-12", "地铁12号线", M, ("左炮台东", "南头古城", (113.8950, 22.5750), (113.8500, 22.6350),
             "海上田园东"), f"{PLAN_004}第一部分", ("12号线",), "建设有序推进",
             note=NOTE_ROUGH + "；仅定位两端终点及南头古城"),
    LineSpec("metro-13", "地铁13号线", M, ("深圳湾口岸", (113.9450, 22.5400), "西丽站", "石岩"), f"{PLAN_004}第一部分",
             ("13号线",), "建设有序推进"),
    LineSpec("metro-14", "地铁14号线", M, ("岗厦北", "深圳东站", "大运", "锦龙", "坪山中心", "坑梓", "沙田",
             (114.4300, 22.7800)), f"{PLAN_003}第七章第二节 {BOX_PS}", ("14号线", "14 号线"), "投入试运营", BOX_PS,
             NOTE_STATIONS + NOTE_CITY_END + "（规划向外延伸至惠州南）"),
    LineSpec("metro-16", "地铁16号线", M, ("大运", "龙城公园", "新和", "田心", (114.4350, 22.6950)),
             f"{PLAN_003}第七章第二节 {BOX_PS}", ("16号线", "16 号线"), "投入试运营", BOX_PS,
             NOTE_STATIONS + NOTE_CITY_END + "（规划向外延伸至大亚湾）"),
    LineSpec("metro-19", "地铁19号线", M, ("南塘围", "锦龙", "新和", "坪山中心", "聚龙"),
             f"{PLAN_003}第七章第二节 {BOX_PS}", ("19号线", "19 号线"), "纳入五期建设规划", BOX_PS,
             NOTE_ROUGH + "；按公开规划绘一期（南塘围–聚龙），规划文本未载明"),
    LineSpec("yunba-pingshan-1", "坪山云巴1号线", "yunba", ("坪山站", (114.3400, 22.6930), "坪山中心", "比亚迪"),
             f"{PLAN_003}第七章第二节 {BOX_PS}", ("云巴1号线", "云巴 1 号线"), "投入试运营", BOX_PS,
             NOTE_ROUGH + "；一期自坪山站至比亚迪路口"),
    # intercity
    LineSpec("intercity-shenda", "深大城际", "intercity", ("T4枢纽", "机场东", "黄麻布", "石岩中心", "龙胜", "民治北",
             "五和", "白坭坑", "大运", "坪山站", "聚龙"), f"{PLAN_003}第七章第二节 {BOX_PS}", status="推动建设",
             structure=BOX_PS),
    LineSpec("intercity-shenhui", "深惠城际", "intercity", ((113.8800, 22.5200), "西丽站", (114.0600, 22.6400),
             (114.1400, 22.7050), "龙城", (114.3000, 22.7700)), f"{PLAN_000}{BOX_SZ}；{PLAN_004}城市范例",
             status="启动前期工作", note=NOTE_ROUGH + "；按公开规划：前海–西丽–坂田–凤岗–龙城–坪地"),
    LineSpec("intercity-dapeng", "深惠城际大鹏支线", "intercity", ("龙城", "坪山站", "燕子湖", "葵涌", "大鹏", "新大"),
             f"{PLAN_003}第七章第二节 {BOX_PS}（龙大城际）", ("龙大城际",), "推动建设", BOX_PS,
             NOTE_STATIONS + "；专栏8的“龙大城际”视为本线（龙岗–大鹏），第二节正文在相应位置称之为深惠城际大鹏支线"),
    LineSpec("intercity-suiguanshen", "穗莞深城际", "intercity", ((113.7900, 22.7900), "沙井西", "福海西", "机场北",
             "深圳机场"), f"{PLAN_000}{BOX_SZ}；{PLAN_004}城市范例", ("穗莞深城际轨道",), "建成",
             note=NOTE_STATIONS + NOTE_CITY_END),
    LineSpec("intercity-shenzhu", "深珠城际", "intercity", ("前海湾", "机场东", (113.7600, 22.6150)),
             f"{PLAN_000}{BOX_SZ}（启动前期工作）；{PLAN_004}第五章第三节（通道空间预留）；{PLAN_001}第42条（深珠（伶仃洋通道））",
             ("深珠城际轨道",), "启动前期工作、通道空间预留",
             note=NOTE_ROUGH + "；规划仅载明预留通道空间及跨伶仃洋，按公开规划示意：前海—深圳机场—伶仃洋"
             + NOTE_CITY_END),
    LineSpec("intercity-hk-west", "港深西部快轨", "intercity", ("前海口岸", (113.9150, 22.4900), (113.9350, 22.4750)),
             f"{PLAN_000}第十章；{PLAN_001}深港合作；{PLAN_004}", ("深港西部快轨", "港深西部快速轨道"), "规划研究",
             note=NOTE_ROUGH + "；仅绘深圳端，通往洪水桥的过境段未定"),
    # national railways
    LineSpec("rail-shenshan-hsr", "深汕高铁", "high_speed_rail", ("西丽站", (114.0500, 22.5900), (114.1150, 22.5750),
             (114.2000, 22.6700), "坪山站", (114.4500, 22.7300)), f"{PLAN_003}第七章第二节 {BOX_PS}；{PLAN_001}第40条",
             status="推动建设", structure=BOX_PS,
             note=NOTE_ROUGH + "；按公开规划：西丽–罗湖北–坪山" + NOTE_CITY_END),
    LineSpec("rail-ganshen-hsr", "赣深客专", "high_speed_rail", ((113.9900, 22.8200), "光明城站", "深圳北站"),
             f"{PLAN_000}第七章第三节 {BOX_SZ}", ("赣深高铁",), "建设", note=NOTE_STATIONS + NOTE_CITY_END),
    LineSpec("rail-gsg-hsr", "广深港客专", "high_speed_rail", ((113.8700, 22.8300), "光明城站", "深圳北站", "福田站",
             (114.0620, 22.5080)), f"{PLAN_000}第一章、第七章、{BOX_SZ}", ("广深港高铁", "广深客运专线"),
             "建成深圳福田至香港段", note=NOTE_STATIONS + NOTE_CITY_END),
    LineSpec("rail-shenmao", "深茂铁路", "high_speed_rail", ("深圳北站", "西丽站", "机场东", (113.7600, 22.6500)),
             f"{PLAN_000}第七章第三节 {BOX_SZ}", ("深江铁路",), "建设（深圳至江门段）",
             note=NOTE_ROUGH + "；深圳至江门段（深江铁路），绘至珠江口隧道洞口"),
    LineSpec("rail-xiashen", "厦深铁路", "high_speed_rail", ("深圳北站", (114.2000, 22.6800), "坪山站",
             (114.4500, 22.7250)), f"{PLAN_000}第一章", status="投入使用", note=NOTE_ROUGH + NOTE_CITY_END),
    LineSpec("rail-pingnan", "平南铁路", "railway", ((114.1270, 22.6600), (114.0600, 22.6400), (114.0100, 22.6150),
             (113.9600, 22.5850), (113.9250, 22.5450), "深圳西站", "妈湾作业区"), f"{PLAN_004}强化对外交通联络",
             status="改造", note=NOTE_ROUGH + "；平湖南–西丽–南头–深圳西–妈湾"),
    # expressways and roads
    LineSpec("road-outer-ring", "外环高速", "expressway", ((113.8130, 22.7780), (113.9000, 22.7850),
             (113.9900, 22.7450), (114.0600, 22.7400), (114.1500, 22.7300), (114.2500, 22.7400), (114.3300, 22.7400),
             (114.4300, 22.7700)),
             f"{PLAN_003}第七章第二节 {BOX_PS}；{PLAN_000}第七章、{BOX_SZ}", ("大外环高速",), "推动建设", BOX_PS,
             NOTE_ROUGH + "；沿市域北缘，自沙井至坑梓"),
    LineSpec("road-eastern-transit", "东部过境通道", "expressway", ("莲塘/香园围口岸", (114.1850, 22.5950),
             (114.2150, 22.6400), (114.2620, 22.6900)),
             f"{PLAN_003}{BOX_PS}；{PLAN_000}{BOX_SZ}；{PLAN_001}深港合作",
             ("东部过境高速", "东部过境公路", "东部过境"), "推动建设", BOX_PS, NOTE_ROUGH),
    LineSpec("road-longpingyan", "龙坪盐通道", "expressway", ((114.2900, 22.7150), (114.3000, 22.6700),
             (114.3000, 22.6300), "盐田港"), f"{PLAN_003}第七章第二节 {BOX_PS}；{PLAN_000}{BOX_SZ}（坪盐通道）",
             ("坪盐通道",), "推动建设", BOX_PS,
             NOTE_ROUGH + "；龙岗宝龙–坪山碧岭–盐田港；十三五纲要（000）的坪盐通道（建成）视为其坪山–盐田段"),
    LineSpec("road-shenshan-2nd", "深汕第二高速", "expressway", ((114.3700, 22.7400), (114.4500, 22.7500)),
             f"{PLAN_003}{BOX_PS}；{PLAN_001}第40条", status="加快建设", structure=BOX_PS,
             note=NOTE_ROUGH + "；仅绘深圳端，自坑梓外环高速向东至市界"),
    LineSpec("road-shenshan-west", "深汕西高速公路", "expressway", ((114.1750, 22.6500), (114.2500, 22.7100),
             (114.3100, 22.7600), (114.3300, 22.7850)), f"{PLAN_003}{BOX_PS}（改扩建）", ("深汕西高速",), "改扩建",
             BOX_PS, NOTE_ROUGH + "；荷坳–龙岗–坪地，仅绘深圳端"),
    LineSpec("road-pingshan-avenue", "坪山大道", "road", ((114.3000, 22.6900), "坪山中心", (114.3900, 22.7450)),
             f"{PLAN_003}{BOX_PS}（综合改造）", status="综合改造", structure=BOX_PS, note=NOTE_ROUGH),
    LineSpec("road-yanjiang", "沿江高速", "expressway", ((113.9000, 22.5300), (113.8600, 22.5800), (113.8300, 22.6400),
             (113.8000, 22.7200), (113.7900, 22.7900)), f"{PLAN_000}第一章、{BOX_SZ}（二期）", ("沿江高速二期",),
             "加快建设", note=NOTE_ROUGH + NOTE_CITY_END),
    LineSpec("road-shenzhong", "深中通道", "expressway", ((113.8350, 22.6150), (113.7900, 22.6250),
             (113.7600, 22.6300)),
             f"{PLAN_000}{BOX_SZ}；{PLAN_001}第42条", status="加快建设",
             note=NOTE_ROUGH + "；仅绘深圳鹤洲登陆点至东人工岛段"),
    LineSpec("road-nanguang", "南光高速", "expressway", ((113.9300, 22.5550), (113.9450, 22.6000), (113.9500, 22.6800),
             (113.9350, 22.7600)), f"{PLAN_000}{BOX_SZ}（市政化改造）", status="市政化改造", note=NOTE_ROUGH),
    LineSpec("road-meiguan", "梅观路", "road", ((114.0550, 22.5750), (114.0450, 22.6400), (114.0500, 22.7200)),
             f"{PLAN_000}{BOX_SZ}（市政化改造）", status="市政化改造", note=NOTE_ROUGH),
    LineSpec("road-g107", "107 国道", "road", ((113.9200, 22.5500), (113.8700, 22.5900), (113.8400, 22.6500),
             (113.8200, 22.7200), (113.8300, 22.7800)), f"{PLAN_000}{BOX_SZ}（市政化改造）", ("107国道", "宝安大道"),
             "市政化改造", note=NOTE_ROUGH),
    LineSpec("road-nanping", "南坪快速路", "expressway", ((113.9500, 22.5750), (114.0300, 22.5900), (114.1200, 22.6100),
             (114.2000, 22.6500), (114.2800, 22.6900), (114.3200, 22.7000)), f"{PLAN_000}{BOX_SZ}；{PLAN_003}第一章",
             ("南坪快速",), "建成南坪快速路三期", note=NOTE_ROUGH),
    LineSpec("road-shennan", "深南大道", "road", ((113.9200, 22.5450), (113.9700, 22.5390), (114.0600, 22.5410),
             (114.1200, 22.5430)), f"{PLAN_000}第五章（金融）", note=NOTE_ROUGH),
    LineSpec("road-chunfeng", "春风隧道", "road", ((114.1030, 22.5350), (114.1180, 22.5370), (114.1350, 22.5480)),
             f"{PLAN_000}{BOX_SZ}", status="建成", note=NOTE_ROUGH),
    LineSpec("road-yueliangwan", "月亮湾大道", "road", ((113.9050, 22.5500), (113.8900, 22.5250), (113.8800, 22.4900)),
             f"{PLAN_000}{BOX_QH}；{PLAN_004}城市范例", status="快速化改造", note=NOTE_ROUGH),
    LineSpec("road-mawan-sea", "妈湾跨海通道", "road", ("妈湾作业区", (113.8650, 22.5300), "大铲湾港区"),
             f"{PLAN_000}{BOX_QH}；{PLAN_004}城市范例", status="加快建设", note=NOTE_ROUGH),
    LineSpec("road-huanggang", "皇岗路", "road", ("皇岗口岸", (114.0740, 22.5500), (114.0760, 22.5800)),
             f"{PLAN_000}{BOX_SZ}（下沉改造）", status="下沉改造", note=NOTE_ROUGH),
    LineSpec("road-shahe-west", "沙河西路", "road", ((113.9560, 22.5180), (113.9560, 22.5600), (113.9550, 22.6000)),
             f"{PLAN_000}{BOX_SZ}（快速化改造）", status="快速化改造", note=NOTE_ROUGH),
)

# fmt: on

# Places the plans name that are not drawn, with the reason: the transport entries of the place register
# (resources/places/not_drawn.json), which holds every place that is not drawn, whatever its kind.
NOT_DRAWN_KINDS = {"metro", "yunba", "intercity", "high_speed_rail", "tram", "bus_line", "channel", "airport",
                   "heliport", "port", "port_area", "border_crossing", "expressway", "road"}  # fmt: skip
NOT_DRAWN: dict[str, str] = {
    entry.name: f"{entry.reason}：{entry.note}" for entry in listed_places() if entry.kind in NOT_DRAWN_KINDS
}


def vertex_coords(vertex: str | tuple[float, float]) -> tuple[float, float]:
    return STATIONS[vertex] if isinstance(vertex, str) else vertex


def line_geometry(spec: LineSpec) -> MultiLineString:
    return MultiLineString([LineString([vertex_coords(v) for v in spec.vertices])])


def line_stations(spec: LineSpec) -> tuple[str, ...]:
    return tuple(v for v in spec.vertices if isinstance(v, str))


def line_districts(geometry: MultiLineString) -> tuple[str, ...]:
    """Districts the line runs at least MIN_KM_IN_DISTRICT inside, in the districts layer's order."""
    from geodata.spatial import districts

    metric = project(geometry)
    names = [s.name for s in districts.SHENZHEN_DISTRICTS] + [districts.DAPENG.name]
    return tuple(
        n
        for n in names
        if project(districts.district_geometry(n)).intersection(metric).length / 1000 >= MIN_KM_IN_DISTRICT
    )


MIN_KM_IN_DISTRICT = 0.5


def _properties(feature_id, name, layer, kind, aliases, districts, structure, status, stations, note, source):
    return {
        "id": feature_id,
        "name": name,
        "layer": layer,
        "kind": kind,
        "aliases": list(aliases),
        "districts": list(districts),
        "structure": structure,
        "planned_area_km2": None,
        "status": status,
        "stations": list(stations),
        "accuracy": "schematic",
        "note": note,
        "source": source,
    }


def point_features() -> list[dict]:
    out = []
    for name, spec in POINTS.items():
        props = _properties(
            spec.id,
            spec.name or name,
            "transport_points",
            spec.kind,
            spec.aliases,
            spec.districts,
            spec.structure,
            spec.status,
            (),
            spec.note,
            spec.source,
        )
        out.append({"type": "Feature", "properties": props, "geometry": mapping(Point(STATIONS[name]))})
    return out


def line_features() -> list[dict]:
    out = []
    for spec in LINES:
        geom = line_geometry(spec)
        props = _properties(
            spec.id,
            spec.name,
            "transport_lines",
            spec.kind,
            spec.aliases,
            line_districts(geom),
            spec.structure,
            spec.status,
            line_stations(spec),
            spec.note,
            spec.source,
        )
        out.append({"type": "Feature", "properties": props, "geometry": mapping(geom)})
    return out


def write_collection(path: Path, features: list[dict]) -> None:
    collection = {"type": "FeatureCollection", "features": features}
    text = json.dumps(collection, ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")


def main() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    write_collection(OUT_DIR / "transport_lines.geojson", line_features())
    write_collection(OUT_DIR / "transport_points.geojson", point_features())


if __name__ == "__main__":
    main()
