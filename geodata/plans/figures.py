"""Figures in Chinese plan prose: a number with its unit as written, and what it amounts to.

A figure is what a reader would copy into a table: "2.86万个", "1-2所", "3至5家", "超千亿元", "三倍",
"翻一番". Numbers that name or order things are not figures: 14号线, 5G, PM2.5, 第二十条, “1+7”, 2025年,
7月1日, 12英寸, 三级医院, 十大, numbers inside quotation marks or parentheses, phone and record numbers.
Offsets are [start, end) in the text as given, so a caller can highlight the figure.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

# Same-length normalisation for matching: full-width digits and signs read as ASCII.
_WIDE = str.maketrans("０１２３４５６７８９％．～－", "0123456789%.~-")

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_CN_POWERS = {"十": 10, "百": 100, "千": 1000}
MULTIPLIERS = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}

# Counting words: "一个/一所…" with no bound after it is an article ("a"), not the number one.
CLASSIFIERS = ("个", "家", "所", "座", "条", "项", "名", "人", "位", "张", "套", "处", "台", "辆", "户", "艘", "件",
               "宗", "场", "对", "支", "栋", "部", "款", "篇", "份", "例", "册", "株", "棵")
_MEASURES = ("平方公里", "平方千米", "平方米", "立方米", "公顷", "公里", "千米", "公斤", "千克", "千瓦时", "千瓦",
             "兆瓦", "标准箱", "标箱", "微克", "毫克", "吨", "亩", "米", "升")
_MONEY = ("美元", "港元", "欧元", "元")
_SHARES = ("个百分点", "百分点", "%", "‰", "倍", "成", "岁")
_RATES = ("人次", "架次", "批次", "户次")
_DENOMINATORS = ("千人", "万人", "人", "平方公里", "平方米", "立方米", "户", "日", "天", "年", "小时", "亿元", "万元",
                 "公顷", "辆")
# Durations count only as a limit ("6小时内") or a travel time ("1小时通达"): "144小时过境免签" names a policy.
TIME_UNITS = _TIMES = ("小时", "分钟", "个月", "天", "日", "周")
_TIME_FOLLOWERS = ("内", "以内", "之内", "通达", "直达", "互达", "到达", "可达")

_DIGITS = r"\d+(?:\.\d+)?"
_CN = r"[零〇一二两三四五六七八九十百千]+"
_NUMBER = rf"(?:{_DIGITS}|{_CN})"
_RANGE_SEP = r"\s*(?:[-—–~～]|至)\s*"
_UNIT_WORDS = sorted((*_RATES, *_SHARES, *_MEASURES, *_MONEY, *CLASSIFIERS, *_TIMES, "年"), key=len, reverse=True)
_UNIT = rf"(?:{'|'.join(map(re.escape, _UNIT_WORDS))})(?:/(?:{'|'.join(map(re.escape, _DENOMINATORS))}))?"
_FIGURE = re.compile(
    rf"(?P<number>{_NUMBER}(?:{_RANGE_SEP}{_NUMBER})?)\s*(?P<mult>万亿|千亿|百亿|亿|千万|百万|万)?(?P<more>余|多)?"
    rf"\s*(?P<unit>{_UNIT})?"
)
_DOUBLING = re.compile(r"翻(?:了)?(?P<times>[一两二三四])?番")
_ROUND = re.compile(r"(?<=[超逾近破过])万亿元?")  # "超万亿": one 万亿
_ROUND_NUMBERS = ("千", "百")  # "超千亿元": a bare 千/百 before 亿 is a number, elsewhere an idiom (百名院士)
_SUFFIX = re.compile(r"\s*(以上|以下|以内|之内|左右|上下|内)")
_BOUNDARY_AFTER = re.compile(r"$|[，,。；;：:、！？!?）)“”\s的和及与或]|以上|以下|左右|上下|以内")
_OPEN, _CLOSE = "（(【《", "）)】》"
_SENTENCE_ENDS = "。！？!?；;"
_ABOUT_YEAR = re.compile(r"(?:19|20)\d\d$")
_IDIOM_TAILS = ("一体",)
# A sum of money right before what it sizes names a class of things, not an amount: "超百亿元企业",
# "10亿元项目"; before anything else ("600亿元增至…", "1亿元科技创新券", "3万亿元大关") it is an amount.
_SIZED_BY_MONEY = re.compile(r"(?:以上|以下)?(?:企业|项目|公司|产业|集群|园区|工程|城市|大项目)")
_ABSTRACT = ("方面", "层面", "层级", "维度")
_AGE_OR_TERM = r"寿命|年龄|年限"
_WORD_UNITS = ("倍", "成", "%")  # amounts written in words: 三倍, 六成, 两千亿
_LONG_NUMBER = 9  # more digits than any stated amount: a phone, record or licence number


@dataclass(frozen=True)
class Figure:
    """One number with its unit. `unit` keeps the multiplier as written ("万个", "亿元"); `value` is the
    number before the unit (the lower end of a range, `value_max` its upper end); `more` marks "3000余张"."""

    start: int
    end: int
    text: str  # as written, number and unit: "1-2所", "2.86万个", "翻一番"
    number: str  # the number as written: "1-2", "2.86", "三", "千"
    value: float
    value_max: float | None
    unit: str
    more: bool = False
    suffix: str | None = None  # 以上 / 以下 / 以内 / 左右 … right after the figure
    suffix_end: int | None = None
    doubling: bool = False  # 翻一番 / 翻番: a relative figure in 倍


def chinese_number(text: str) -> float | None:
    """"二十三" -> 23, "两千" -> 2000, "十" -> 10, "三" -> 3; None for what is not a Chinese numeral."""
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_POWERS for ch in text):
        return None
    if all(ch in _CN_DIGITS for ch in text) and len(text) > 1:  # "二〇二五": digit by digit
        return float("".join(str(_CN_DIGITS[ch]) for ch in text))
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _CN_POWERS[ch]
            digit = None
    return float(total + (digit or 0))


def number_value(text: str) -> float | None:
    text = text.translate(_WIDE).strip()
    try:
        return float(text)
    except ValueError:
        return chinese_number(text)


def normalised(value: float, unit: str) -> tuple[float, str]:
    """The amount in the bare unit: (2.86, "万个") -> (28600, "个"); 名 counts as 人."""
    factor = 1.0
    for word, size in MULTIPLIERS.items():
        if unit.startswith(word) and len(unit) > len(word):
            factor, unit = size, unit[len(word):]
            break
    else:
        if unit in MULTIPLIERS:  # a bare "15万": people or things, the noun says which
            return value * MULTIPLIERS[unit], ""
    return value * factor, {"名": "人", "位": "人"}.get(unit, unit)


def find_figures(text: str) -> list[Figure]:
    """Every figure in `text`, left to right."""
    plain = text.translate(_WIDE)
    depth = _enclosure_depths(plain)
    found: list[Figure] = []
    for match in _DOUBLING.finditer(plain):
        times = {"两": 2, "二": 2, "三": 3, "四": 4}.get(match["times"] or "一", 1)
        found.append(Figure(match.start(), match.end(), text[match.start():match.end()], f"{2 ** times}", 2.0 ** times,
                            None, "倍", doubling=True))
    for match in _ROUND.finditer(plain):
        if not depth[match.start()]:
            found.append(Figure(match.start(), match.end(), text[match.start():match.end()], "", 1.0, None,
                                match.group()))
    found.sort(key=lambda f: f.start)
    starts = [f.start for f in found]
    reach = list(itertools.accumulate((f.end for f in found), max))  # the furthest end up to each start
    for match in _FIGURE.finditer(plain):
        figure = _figure(text, plain, match, depth)
        before = bisect.bisect_right(starts, figure.start) if figure else 0
        if figure and not (before and reach[before - 1] > figure.start):  # not inside a 翻番 or 整数 figure
            found.append(figure)
    return sorted(found, key=lambda f: f.start)


def _enclosure_depths(text: str) -> list[int]:
    """For each character, how many brackets (and whether quotation marks) enclose it. Quotation marks do not
    nest, and nothing stays open past the end of a sentence: a stray “ in a defective text must not hide
    the rest of the paragraph."""
    depths, level, quoted = [], 0, False
    for ch in text:
        if ch in _CLOSE:
            level = max(0, level - 1)
        if ch in "”’":
            quoted = False
        depths.append(level + quoted)
        if ch in "“‘":
            quoted = True
        elif ch in _OPEN:
            level += 1
        if ch in _SENTENCE_ENDS:
            level, quoted = 0, False
    return depths


def _figure(original: str, text: str, match: re.Match[str], depth: list[int]) -> Figure | None:
    number, mult, unit = match["number"], match["mult"] or "", match["unit"] or ""
    start = match.start()
    end = max(match.end(name) for name in ("number", "mult", "more", "unit") if match[name])
    before = text[max(0, start - 1):start]
    if depth[start] or before in ("第", "每") or _is_name_part(text, start, match.end("number")):
        return None
    parts = re.split(_RANGE_SEP, number)
    values = [number_value(p) for p in parts]
    round_money = parts[0] in _ROUND_NUMBERS and mult in ("亿", "万亿") and before in "超逾近破过"
    if any(v is None for v in values) or not (round_money or all(_plain_number(p) for p in parts)):
        return None
    if not unit:
        if not mult or not _BOUNDARY_AFTER.match(text, end):
            return None
        unit = mult  # "突破35万", "约186万": the multiplier is the unit
    else:
        unit = mult + unit
    if unit.endswith("人") and text.startswith("口", end) and mult:
        unit, end = mult, match.end("mult")  # "160万人口": 160万 of 人口
    suffix = _SUFFIX.match(text, end)
    if not _is_an_amount(text, start, end, parts, unit[len(mult):], mult, suffix):
        return None
    return Figure(start, end, original[start:end], original[match.start("number"):match.end("number")].strip(),
                  values[0], values[1] if len(values) > 1 else None, unit, more=bool(match["more"]),
                  suffix=suffix.group(1) if suffix else None, suffix_end=suffix.end() if suffix else None)


def _is_an_amount(text: str, start: int, end: int, parts: list[str], bare: str, mult: str,
                  suffix: re.Match[str] | None) -> bool:
    """Whether a number with a unit states an amount, rather than a class, a property, an idiom or wording."""
    after = text[end:end + 4]
    if after.startswith("级") or after.startswith(_IDIOM_TAILS):
        return False  # "20万吨级泊位", "千亿级": a class; "三位一体": an idiom
    if bare in _TIMES and not after.startswith(_TIME_FOLLOWERS):
        return False
    if bare == "年" and (len(parts) > 1 or _ABOUT_YEAR.match(parts[0])):
        return False
    if bare in ("岁", "年") and (not re.search(_AGE_OR_TERM, text[max(0, start - 20):start])
                                or text.startswith("的", suffix.end() if suffix else end)):
        return False  # "5岁以下儿童", "使用年限超过10年的": an age group or a property
    if (bare == "成" and after.startswith("为")) or (bare == "个" and after.startswith(_ABSTRACT)):
        return False  # "…1成为…"; "16个方面": a way of counting
    if not parts[0][:1].isdigit() and not _counts_in_words(bare, mult, text, end):
        return False  # "两个市场", "八项规定": small counts in words are wording; amounts are in digits
    if bare in _MONEY and _SIZED_BY_MONEY.match(text, end):
        return False  # "超百亿元企业", "投资10亿元项目": a class of things sized by money
    return not (parts == ["一"] and bare in CLASSIFIERS and not suffix)  # "一所学校": an article


def _counts_in_words(bare: str, mult: str, text: str, end: int) -> bool:
    """A number written in Chinese numerals is an amount only as a multiple or share (三倍, 六成), a sum
    with 万/亿 (两千亿), a duration (一小时), or with a bound after it (一个以上)."""
    return bare in _WORD_UNITS or bool(mult) or bare in _TIMES or bool(_SUFFIX.match(text, end))


def _is_cjk(ch: str) -> bool:
    return bool(ch) and "\u4e00" <= ch <= "\u9fff" and ch != "的"


def _plain_number(part: str) -> bool:
    """Digits of sensible length, or a Chinese numeral with a digit in it (bare 百/千 are idioms: 百名院士)."""
    if part[:1].isdigit():
        return len(part.split(".")[0]) < _LONG_NUMBER
    return part == "十" or any(ch in _CN_DIGITS and ch not in "零〇" for ch in part)


def _is_name_part(text: str, start: int, number_end: int) -> bool:
    """A number glued to Latin letters, a formula or a code (5G, PM2.5, IPv6, “1+7”, 16/10nm, V2X) names
    something; so does a Chinese numeral inside a word (统一, 之一)."""
    before = text[start - 1:start]
    after = text[number_end:number_end + 1]
    if before and (before.isascii() and (before.isalnum() or before in "+/_{$.-&")):
        return True
    if after and after.isascii() and (after.isalpha() or after in "+_}$"):
        return True
    if text[start] in _CN_DIGITS or text[start] in _CN_POWERS:
        return bool(before) and before in "统唯之其单万逐同每任某第初"
    return False
