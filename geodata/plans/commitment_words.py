"""The words around a figure: what it measures (the subject), how it compares (comparator), whether it is
a change ("增长8%", "是2015年的2.34倍"), and which field of the plan it belongs to (category).

Each function reads a short piece of one clause: the text before a figure back to the clause start, or
the text after it up to the next boundary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geodata.plans.figures import Figure
from geodata.plans.plan_years import CLAUSE_YEAR, LOOK_BACK, PLAN_PERIOD, TO_YEAR, year_number

_DURATION = r"(?:近|过去)?[\d一二三四五六七八九十]+年(?:来|间|内)?"
_TIME = (TO_YEAR, CLAUSE_YEAR, re.compile(PLAN_PERIOD.pattern + r"(?:期间|时期)?"), LOOK_BACK,
         re.compile(r"每年|目前|当前|截至目前|预计|近年来"),
         re.compile(rf"^\s*{_DURATION}|{_DURATION}\s*$"))  # "五年淘汰…", "…实现五年翻番"; not "学前三年毛入园率"
# Words that open a clause before its subject: connectives, adverbs, aspirations and action verbs.
_LEADING = re.compile(
    r"^(?:[\s，,；;、]|——|并|且|和|及|与|同时|此外|其中|另外|以及|还|也|将|要|使|让|把|对|从而|进而|通过|实现了?|"
    r"力争|争取|确保|努力|计划|规划建设|规划增加|持续|不断|进一步|全面|基本|初步|逐步|加快|大力|积极|稳步|"
    r"有序|全力|力求|推动|推进|完成|建成(?!区)|建设(?!用地)|打造|引进和培育|引进和设立|引进|引育|培育|集聚了|集聚|吸纳|吸引|"
    r"招募|发放|组织实施|实施|开展|落地|布局|筹集建设|筹集|整治|治理|提供|拥有|具有|达到|缔结|主动承接|承接|"
    r"系统推出|推出|释放|淘汰转型|助力|保留提升|启动|选择|谋划|设立|举办|认定|增加(?!值|至|到)|已|共|只有|仅有|助推|"
    r"高起点高标准|高标准|高水平|高质量)+"
)
_LINKING = (r"(?:力争|争取|均|都|分别|已|仅|只|仍|将|要|全部|累计|共|总计|合计|再|进一步|稳步|持续|迈上|跨上|登上|"
            r"达到了|达到|达|为|是|约为|约占|约|超过|超|突破|逾|高于|大于|多于|低于|小于|少于|不少于|不低于|不小于|"
            r"不超过|不高于|不多于|不足|不到|至少|控制在|保持在|保持|维持在|维持|稳定在|稳定|提高到|提高至|提升到|"
            r"提升至|增加到|增加至|增长到|增长至|增至|降低到|降低至|降至|降到|下降到|下降至|减少到|减少至|扩大到|"
            r"扩大至|升至|上升到|上升至|接近|将近|近|共有|实现|仅有|仅为|只有|已达|高达|从|由|在|增长|增加|提高|提升|"
            r"下降|降低|减少|上升|年均|了)")
_TRAILING = re.compile(_LINKING + r"+\s*$")
# What a figure is measured against: "是2015年的2.34倍", "不低于市级科研资金的30%", "、上海的38.4%".
_BASE_OF = re.compile(r"(?:(?:是|为|约为|相当于|仅为|不低于|不少于|超过|低于|高于|达到|控制在)"
                      r"(?P<base>[^，,；;、]{1,14}?)|^[、和及与]?(?P<other>[^，,；;、]{1,6}))的\s*$")
_BASE_SINCE = re.compile(r"(?:相比|相较|较|(?<!占)比(?![重例率]))(?P<base>[^，,；;增提下降减上]{1,14}?)"
                         r"(?=增长|增加|提高|提升|下降|降低|减少|上升)")
_BASE_ON = re.compile(r"在(?P<base>[^，,；;]{1,14}?)基础上")
# "由2015年的680家增加到2020年的2260家": each figure carries its own year.
_DATED_VALUE = re.compile(
    r"(?:(?P<verb>从|由|到|至|(?:增加|提高|增长|提升|下降|减少|降低)(?:到|至)|增至|降至|达到)|(?<![是为比较于在]))"
    r"\s*(?P<year>(?:19|20)\d\d|二[〇零][〇零一二三四五六七八九]{2})\s*年(?:底|末)?的\s*$")
_ASIDE = re.compile(r"[（(][^（()）]*[）)]")  # "(这也是湾区首个区域GDP万亿目标)"
_CHANGE = re.compile(r"(?P<yearly>年均)?(?P<word>增长|增加|提高|提升|下降|降低|减少|上升|缩小|扩大)(?:了)?"
                     r"(?:约|超过|超|近|达到|达)?\s*$")
_RELATIVE_UNITS = ("%", "‰", "个百分点", "百分点")
_COMPARATOR = re.compile(
    r"(?P<word>不少于|不低于|不小于|至少|不超过|不高于|不多于|控制在|超过|突破|高于|大于|多于|逾|超|低于|小于|少于|"
    r"不足|不到|约|接近|将近|近|迈上|跨上|登上|迈入|跻身)(?:为|达到|达|在|占)?(?:[^，,；;、]{0,14}的)?\s*$"
)
_COMPARATORS = {"不少于": ">=", "不低于": ">=", "不小于": ">=", "至少": ">=", "不超过": "<=", "不高于": "<=",
                "不多于": "<=", "控制在": "<=", "超过": ">", "突破": ">", "高于": ">", "大于": ">", "多于": ">",
                "逾": ">", "超": ">", "低于": "<", "小于": "<", "少于": "<", "不足": "<", "不到": "<", "约": "~",
                "接近": "~", "将近": "~", "近": "~", "迈上": ">=", "跨上": ">=", "登上": ">=", "迈入": ">=",
                "跻身": ">="}  # "迈上2000亿元台阶": reaching a level
# What can follow the noun a figure counts: the noun ends where the verb of the clause begins.
_NOUN_STOP = re.compile(r"并|等|进入|成为|全部|全面|顺利|实现|达到|为|通达|直达|互达|到达|建立|开展|进行|落户|投入|"
                        r"建成|完成|入驻|参与|得到|获得|加快|基本|率先|已|被|将|正在|退出|实施|上路|落地|覆盖|作为|"
                        r"纳入|通过|[，,。；;：:（(“”]")
_NOT_A_NOUN = re.compile(r"^(?:增|提高|提升|增加|增长|下降|降|减少|达|为|是|比|较|相比|实现|占|超|以|均|分别|"
                         r"[和及与或等的，,。；;：:、）)])")
_REFERENCE = re.compile(r"^(?:目标|任务|要求|标准|水平)")  # "…1.5万亿元的目标": a goal named
_NOT_COUNTED = re.compile(r"^(?:大关|关口|台阶|人民币)")  # "突破3万亿元大关", "36.2万元人民币"
_GENERIC = re.compile(r"^(?:增加值|总量|规模|总规模|比重|占比|数量|总数|总额|产值)$")  # a measure that needs its owner
_MAX_SUBJECT = 30
_MAX_NOUN = 24

# A field of the plan, found from the indicator first, then the passage's lead, then the headings.
CATEGORIES = (
    ("安全治理", "安全|事故|应急|消防|治安|抽检|食品|药品|违法|治理"),
    ("生态环境", "绿化|公园|绿地|PM|浓度|空气|水质|污水|黑臭|碳|能耗|水耗|垃圾|生态|环境|海绵城市|岸线|碧道|河流|"
             "非化石|节能|再生水"),
    ("民生福祉", "学位|幼儿园|学校|高校|教育|在校生|医院|床位|病床|社康|医生|医师|医疗|健康|卫生|寿命|养老|住房|就业|"
             "书房|文化|体育|民生|社保|志愿者|社工|贫困|脱贫|学科"),
    ("创新驱动", "研发|专利|高新技术企业|创新|科技|科研|技术|人才|院士|孵化|创客|实验室|科学家|博士|R&D|知识产权|技能"),
    ("城市建设", "地铁|轨道|道路|公交|交通|铁路|城际|高速|用地|片区|更新|土地|基站|管网|光纤|设施|"
             "云巴|枢纽|港口|机场|航线"),
    ("经济发展", "生产总值|GDP|增加值|产值|税收|财政|收入|预算|投资|进出口|贸易|消费|零售|金融|产业|企业|经济|总部|"
             "商业|服务业|制造|出口|营商"),
)
_CATEGORY_WORDS = tuple((name, re.compile(words)) for name, words in CATEGORIES)


@dataclass(frozen=True)
class Before:
    subject: str  # the indicator phrase before the figure ("" when there is none)
    tail: str  # the linking words between the subject and the figure ("分别达到", "均约为2015年底的")
    period: str | None  # 累计 when the clause counts cumulatively
    year: int | None = None  # "由2015年的680家", "增加到2020年的2260家": the year of this very figure


@dataclass(frozen=True)
class Noun:
    text: str  # the noun a figure counts: "5G基站" in "建成5000个5G基站"
    linked: bool  # joined by 的: "90%的社区"


@dataclass(frozen=True)
class Change:
    """A relative figure: "增长8%", "下降15%", "是2015年的2.34倍", "翻一番"."""

    word: str  # 增长 / 下降 / … ("" for 倍 without a verb)
    base: str | None  # what it is measured from: "2015年", "“十二五”期末"
    yearly: bool  # 年均增长


def _without_time(text: str) -> str:
    for pattern in _TIME:
        text = pattern.sub("", text)
    return text


def _clean(text: str) -> str:
    text = _LEADING.sub("", re.sub(r"^\s*\d{1,2}[.．、](?!\d)", "", text.strip()))
    return text.strip(" 　“”\"'‘’")


def subject_before(pre: str) -> Before:
    """The subject and the linking words in the text before a figure ("本地生产总值力争达到")."""
    period = "累计" if "累计" in pre else None
    text = _ASIDE.sub("", pre)
    dated = _DATED_VALUE.search(text)
    if dated:
        text = text[:dated.start()] + (dated["verb"] or "")
    year = year_number(dated["year"]) if dated else None
    text = _BASE_ON.sub("", text)
    text = _BASE_SINCE.sub("", text)
    tail = ""
    base_of = _BASE_OF.search(text)
    if base_of:
        tail, text = text[base_of.start():], text[:base_of.start()]
    text = _without_time(text)
    trailing = _TRAILING.search(text)
    if trailing:
        tail, text = text[trailing.start():] + tail, text[:trailing.start()]
    subject = _clean(text)
    subject = re.sub(r"[等的]$", "", subject)
    if len(subject) > _MAX_SUBJECT:
        subject = subject[-_MAX_SUBJECT:]
    return Before(subject, tail, period, year)


def noun_after(post: str) -> Noun | None:
    """The noun a figure counts when it follows the figure ("5000个5G基站", "90%的社区成为…")."""
    text = re.sub(r"^[长宽高深]的", "", post.lstrip())  # "106公里长的特色研习步道"
    linked = text.startswith("的")
    if linked:
        text = text[1:]
    if not text or (not linked and (_NOT_A_NOUN.match(text) or _NOT_COUNTED.match(text))):
        return None
    if linked and _REFERENCE.match(text):
        return None
    stop = _NOUN_STOP.search(text)
    noun = text[:stop.start()] if stop else text
    noun = re.sub(r"(?:和|及|与|或|以及|、)+$", "", noun.strip(" “”"))[:_MAX_NOUN]
    return Noun(noun, linked) if len(noun) >= 1 else None


def is_generic(subject: str) -> bool:
    """"增加值", "规模": a measure that names no owner; the clause before says whose it is."""
    return bool(_GENERIC.match(subject))


def is_reference(post: str) -> bool:
    """"…1.5万亿元的目标": the figure names a goal or standard rather than stating an amount."""
    text = post.lstrip()
    return text.startswith("的") and bool(_REFERENCE.match(text[1:]))


def noun_head(clause: str) -> str | None:
    """The subject a clause without figures opens with ("辖区律所、律师数量实现高速增长" -> "辖区律所、律师数量"),
    for a following clause that states only a figure ("均约为2015年底的4倍")."""
    text = _clean(_without_time(clause))
    stop = re.search(r"实现|取得|持续|不断|进一步|加快|逐步|显著|大幅|明显|稳步|快速|均|已|正式|基本|位居|居|"
                     r"[，,。；;：:！？]", text)
    head = text[:stop.start()] if stop else text
    return head if 2 <= len(head) <= 20 else None


def split_subjects(subject: str, wanted: int | None = None) -> list[str]:
    """"A、B、C" -> [A, B, C]; "A和B" splits too when the 、 list does not give `wanted` parts."""
    parts = [p for p in (_clean(p) for p in subject.split("、")) if p]
    if wanted and len(parts) != wanted:
        finer = [q for p in parts for q in (_clean(x) for x in re.split(r"和|及|与", p)) if q]
        if len(finer) == wanted:
            parts = finer
    if wanted is None and len(parts) == 1:
        parts = [q for q in (_clean(x) for x in re.split(r"和|与", parts[0])) if q] or parts
    return parts or [subject]


def comparator_before(wording: str) -> str | None:
    """The comparator the words before a figure state ("超过" -> ">", "不低于市级科研资金的" -> ">=")."""
    found = _COMPARATOR.search(wording)
    return _COMPARATORS[found["word"]] if found else None


def change_of(wording: str, figure: Figure) -> Change | None:
    """A relative figure, from its unit and the verb before it; None for a level ("提高到75.4%")."""
    base = _BASE_OF.search(wording) or _BASE_SINCE.search(wording) or _BASE_ON.search(wording)
    base_text = (base["base"] or base.groupdict().get("other") or "").strip() or None if base else None
    change = _CHANGE.search(wording)
    if figure.doubling or figure.unit == "倍":
        return Change(change["word"] if change else "", base_text, bool(change and change["yearly"]))
    if figure.unit in _RELATIVE_UNITS and change:
        return Change(change["word"], base_text, bool(change["yearly"]))
    return None


def category_of(indicator: str, lead: str | None, headings: tuple[str, ...]) -> str | None:
    """The plan field of a commitment: from its indicator (Chinese noun phrases end in their head, so the
    last field word counts, before any "占…比重"), else the passage's lead, else the headings innermost
    first (there the first field word counts); a chapter title when no field's words occur."""
    found = _field_in(indicator.split("占")[0], last=True)
    for text in (lead or "", *headings):
        found = found or _field_in(text, last=False)
    return found or (headings[-1] if headings else None)


def _field_in(text: str, last: bool) -> str | None:
    hits = [(m.end() if last else -m.start(), len(m.group()), name)
            for name, words in _CATEGORY_WORDS for m in words.finditer(text)]
    return max(hits)[2] if hits else None  # the last (or first) field word; the longer one of two that end together
