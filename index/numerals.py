"""Numbers as people write them: Arabic or Chinese numerals, read and written through cn2an.

One place for both directions, so the answerer, the metadata rules and the verifier read "一百二十",
"二〇二四" and "九千九百九十九" the same way (cn2an is a maintained converter; it is imported on
first use).
"""
from __future__ import annotations

import functools
import re

from . import vocabulary as vocab


@functools.cache
def _cn2an():
    import cn2an

    return cn2an


def value_of(text: str) -> float | None:
    """120.0 for "120" or "一百二十", 2024.0 for "二〇二四"; None when it is not one number."""
    try:
        return float(text)
    except ValueError:
        pass
    try:
        value = _cn2an().cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(value)


def count_words(n: int) -> str:
    """A count of reports in Chinese numerals ("两份", "十四份"): an answer's own digits would have to
    stand in a quote. From a hundred on, "多" (the answers say 多 rather than a long numeral)."""
    if n == 2:
        return "两"
    return _cn2an().an2cn(n) if 0 <= n < 100 else "多"


# A run of Chinese numerals is a quantity only before a measure word, a magnitude or 倍, or after
# 百分之: "三次会议", "九千九百九十九宗", "百分之三百"; never inside a word (统一, 一把手, 十分重要, 千方百计).
MEASURE_WORDS = vocab.units()["measure"] + "倍"  # 倍 is a magnitude, a quantity all the same
# The numeral classes every module reads numbers with (one place, not one per module).
DIGITS = "零〇一二两三四五六七八九十百千万亿"  # Chinese numerals of a count ("九千九百九十九")
SMALL = "一二三四五六七八九十"  # numerals of an enumeration, a heading, a month or a day ("一是", "(三)", "十一月")
YEAR_DIGITS = "〇零一二三四五六七八九"  # a year written in Chinese ("二〇二四")
_DIGITS = DIGITS
# Possessive runs that start only where a run starts: linear on a line of 20,000 numerals.
# After 下/上/同/第 a numeral is no count ("下一年度", "上一年", "同一", "第三次").
_QUANTITY = re.compile(rf"百分之([{_DIGITS}点]++)|(?<![{_DIGITS}下上同第])([{_DIGITS}]++)(?=[余多]?\s{{0,4}}[{MEASURE_WORDS}])")


def _arabic(run: str) -> str | None:
    value = value_of(run)
    if value is None:
        return None
    return str(int(value)) if value == int(value) else f"{value:g}"


def to_arabic(text: str) -> str:
    """The text with Chinese numerals that count something written as Arabic ones ("九千九百九十九宗"
    → "9999宗", "百分之三百" → "300%", "二〇二四年" → "2024年"), for comparing figures however they
    are written; numerals inside words stay ("统一", "一把手")."""
    def replace(m: re.Match) -> str:
        if m.group(1) is not None:
            number = _arabic(m.group(1))
            return f"{number}%" if number is not None else m.group()
        number = _arabic(m.group(2))
        return number if number is not None else m.group()

    return _QUANTITY.sub(replace, text) if re.search(f"[{_DIGITS}]", text) else text


# Years: "2023年", "2023年度"; a bare "2023" counts where it stands as a word of its own (a keyword
# question: "花都 2022 行政复议申请 多少宗") or between words ("浚县2023县政府常务会…"), never inside a
# range ("(2021-2022)"), a number, a code ("〔2024〕37号") or before a measure word ("2023件").
YEAR_NUMBER = r"(?:19|20)\d\d"  # a year as reports and questions write it in digits
WRITTEN_YEAR = rf"(?:\d{{4}}|[{YEAR_DIGITS}]{{4}})"  # a year in digits or in Chinese numerals
YEAR = re.compile(rf"(?<!\d)({YEAR_NUMBER})\s*年")
BARE_YEAR = re.compile(rf"(?<![\d.\-—–~/〔\[［])({YEAR_NUMBER})(?![\d.%‰\-—–~/〕\]］])"
                       rf"(?![{MEASURE_WORDS}万亿余至到]|多(?!少))")
# A page's or a signature's date: "2026-01-20 17:01", "2024年1月9日", "2023/12/29".
DATE = rf"{YEAR_NUMBER}\s*(?:[-/.]\s*\d{{1,2}}\s*[-/.]\s*\d{{1,2}}|年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)(?:\s+\d{{1,2}}:\d\d(?::\d\d)?)?"


# A year typed by its last two digits ("吉林市23年执法报备多少次", "22年度的报告"), as people type in a
# chat: 2010–2039, never a span of years ("连续15年", "近10年", "满20年") or "20年代".
SHORT_YEAR = re.compile(r"(?<![\d.])(?<!连续)(?<!持续)(?<!过去)(?<![近满第前后这那每余达了共])([1-3]\d)"
                        r"(?=\s*年(?!代|来|间|内|多|以(?!前|后)|左右|半|后|前))")


def full_years(text: str) -> str:
    """`text` with its two-digit years written in full ("23年" → "2023年")."""
    return SHORT_YEAR.sub(r"20\1", text)


# A span of years bounded by one ("2021年以前的年度", "2022年及以后", "2021年或更早", "早于2021年"): the years before
# or after it. 前/后 alone are not read ("2023年前三季度"). Whether the year itself is in is said in many ways and
# often not at all: people write "2024年以后" for 2024 on as often as for after it (the probe sets' golds disagree),
# so the year is in unless the question leaves it out ("不含2024年", "2024年本身除外", "晚于2024年", "更晚").
_SPAN = re.compile(rf"(?<!\d)(?P<year>{YEAR_NUMBER})\s*年度?\s*(?P<inclusive>及|含|或)?(?P<side>以前|之前|往前|更早|以后|之后|往后|更晚)"
                   rf"|(?P<compared>早于|晚于)\s*(?P<bound>{YEAR_NUMBER})\s*年")
_TAKEN_IN = r"(?<!不)(?:含|包括|包含)(?:本数|当年|本年|该年|{year}年?)"
_LEFT_OUT = r"(?:不含|不包括|不算|除去|排除)(?:本数|当年|本年|该年|{year}年?)|{year}年?(?:本身|当年)?(?:除外|不算|不含在内|不包括在内)"


def year_span(text: str) -> tuple[int | None, int | None, int, bool] | None:
    """The span of years a text bounds by one year: (first, last, the bounding year, whether the year was taken
    in without the text saying so); None if it names none."""
    m = _SPAN.search(text)
    if not m:
        return None
    year = int(m["year"] or m["bound"])
    before = m["side"] in ("以前", "之前", "往前", "更早") or m["compared"] == "早于"
    left_out = m["compared"] or (m["side"] in ("更早", "更晚") and not m["inclusive"]) \
        or re.search(_LEFT_OUT.format(year=year), text)
    edge = year if not left_out else (year - 1 if before else year + 1)
    guessed = not left_out and not m["inclusive"] and not re.search(_TAKEN_IN.format(year=year), text)
    return (None, edge, year, guessed) if before else (edge, None, year, guessed)


# A year with a month after it ("2024年4月"): a date, when the report was written or published.
_DATED_YEAR = re.compile(rf"(?<!\d)({YEAR_NUMBER})\s*年\s*(?:\d{{1,2}}|[{SMALL}]{{1,3}})\s*月")


def dated_years(text: str) -> set[int]:
    """The years a text names as part of a date ("2024年4月"), not as a year of their own."""
    return {int(y) for y in _DATED_YEAR.findall(text)}


_YEAR_WORD = re.compile(rf"(?<!\d){YEAR_NUMBER}\s*年度?")


def without_years(text: str) -> str:
    """The text with its years taken out ("2023年度法治政府建设情况报告" → "法治政府建设情况报告")."""
    return _YEAR_WORD.sub("", text)


def years_in(text: str, bare: bool = False) -> list[int]:
    """The years a text names, sorted, each once; with `bare`, also years written without 年."""
    found = {int(y) for y in YEAR.findall(text)}
    if bare:
        found |= {int(y) for y in BARE_YEAR.findall(text)}
    return sorted(found)
