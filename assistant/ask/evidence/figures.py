"""Figures in a report sentence: counts, rates and dates as reports write them, and whether one is of
the kind a question asks (its measure word, a percentage, a month or day), stated exactly or roughly.

Read by the scorer (scoring.py) and the decision (decide.py); the measure and hedge words are the
vocabulary's (data/vocabulary.toml [units]).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from index import numerals
from index import vocabulary as vocab
from index.indicators import TITLE

from ..forms import form
from ..question import Question
from ..question_words import UNIT_GROUP
from .clauses import clause_bounds

# An ordinal ("第十次集体学习", "第3次会议") counts nothing; a number is read from its first digit, with
# its thousands commas ("3,200件").
NUMBER = re.compile(rf"(?<![第\d.{numerals.DIGITS.replace('万亿', '')}])(?<!\d,(?=\d{{3}}))(\d{{1,3}}(?:,\d{{3}})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?|[{numerals.DIGITS.replace('万亿', '')}]+)(万|亿)?\s*(%|‰)?\s*(余|多)?\s*(?:{UNIT_GROUP})?")


@dataclass
class NumberHit:
    start: int
    end: int
    value: float
    unit: str
    percent: bool
    quoted_tail: str | None = None  # inside a quoted name: the name's words after it ("“四位一体”": 一体)


def cn_value(digits: str) -> float | None:
    """Arabic or Chinese numerals to a number (一百二十 → 120); None when unreadable or a Chinese zero
    ("零件" is a word, not a count)."""
    value = numerals.value_of(digits.replace(",", ""))
    return None if value == 0 and not digits[:1].isdigit() else value


# A short quoted name ("“高效办成一件事”改革", "“四位一体”") or a document's title ("《…督察20条》"): a number
# inside it names something; it is the asked figure only when the question writes the name around it
# ("几位一体", see `fits`).
QUOTED_NAME = re.compile(r"“[^“”]{1,12}”|《[^《》]{1,60}》")


def numbers(norm: str) -> list[NumberHit]:
    """Counts and percentages in a sentence; years, dates and 一是/二是 enumerations are not counts."""
    found = []
    named = [m.span() for m in QUOTED_NAME.finditer(norm)]
    for m in NUMBER.finditer(norm):
        digits, scale, pct, _, unit = m.groups()
        unit = unit or ""
        tail = norm[m.end():m.end() + 1]
        chinese = not digits.isdigit() and not re.match(r"\d", digits)
        if chinese and not (unit or pct):
            continue  # Chinese numerals only count with a measure word ("十二名")
        duration = unit == "年" and re.search(r"(?:连续|近|已|满|累计|历时|长达)$", norm[max(0, m.start() - 2):m.start()])
        if not duration and (unit in ("年", "月", "日") or (not unit and tail in ("年", "月", "日", "号", "是"))
                             or re.fullmatch(numerals.YEAR_NUMBER, digits) and not (pct or unit)):  # "2004件" is a count
            continue
        value = cn_value(digits)
        if value is None:
            continue
        value *= {"万": 1e4, "亿": 1e8}.get(scale or "", 1)
        inside = [hi for lo, hi in named if lo < m.start() < hi]
        tail = norm[m.end():inside[0] - 1] if inside else None
        found.append(NumberHit(m.start(), m.end(), value, unit, bool(pct), tail))
    return found


# A month or a day as reports write them: "5月", "3月11日", "九月", "5月份".
DATE = re.compile(rf"(?<![\d.])(\d{{1,2}}|[{numerals.SMALL}]{{1,3}})月(?:份)?(?:(\d{{1,2}}|[{numerals.SMALL}]{{1,3}})日)?")


def dates(norm: str) -> list[NumberHit]:
    """The months and days a sentence states (the figure of a question asking when)."""
    out = []
    for m in DATE.finditer(norm):
        month = cn_value(m.group(1))
        if month and 1 <= month <= 12:
            out.append(NumberHit(m.start(), m.end(), month, "日" if m.group(2) else "月", False))
    return out


def fits(q: Question, n: NumberHit) -> bool:
    """Is this number of the kind asked (a percentage for a rate, the asked measure word)? A number inside
    a quoted name only when the question writes the name around it: "几位一体" asks the 四 of "“四位一体”",
    "办成的事项有多少件" not the 一件 of "“高效办成一件事”"."""
    if n.quoted_tail is not None and not any(p.startswith(n.unit + n.quoted_tail) for p in q.unit_phrases):
        return False
    if q.wants_rate and not q.units:
        return n.percent
    if q.units:
        return bool(n.unit) and any(n.unit in same_units(u) for u in q.units)  # "" is in every string
    return bool(n.unit) or (n.percent and not q.wants_count)


def asked_figures(q: Question, norm: str) -> int:
    """How many figures of the asked kind (dates, when a day is asked) a sentence states."""
    return len(dates(norm)) if q.wants_date else sum(fits(q, n) for n in numbers(norm))


def totals_several(q: Question, norm: str) -> bool:
    """"两次培训班各有多少人" and a sentence counting the two ("培训班2次,参训人员近200人") with one figure of the
    asked kind: the figure is their total, not each one's."""
    if not (q.each and q.several > 1):
        return False
    found = numbers(norm)
    counted = [n for n in found if n.value == q.several and n.unit and not (q.units and fits(q, n))]  # "2次"
    return bool(counted) and sum(fits(q, n) for n in found if n not in counted) == 1


def hedged(norm: str, n: NumberHit) -> bool:
    """Is the figure stated roughly ("约为24%", "40余篇", "24%左右")?"""
    u = vocab.units()
    return norm[:n.start].endswith(tuple(u["hedges_before"])) or any(h in norm[n.start:n.end] for h in u["hedges_after"]) \
        or norm[n.end:].startswith(tuple(u["hedges_after"]))


def rounds_to(exact: NumberHit, rough: NumberHit) -> bool:
    """Is the rough figure the exact one rounded ("24%" of "24.2%")? Same kind, within half its last digit."""
    places = len(f"{rough.value:g}".partition(".")[2])
    return exact.unit == rough.unit and exact.percent == rough.percent and exact.value != rough.value \
        and abs(exact.value - rough.value) <= 0.5 * 10 ** -places


def same_units(unit: str) -> str:
    """Measure words that count what the asked one counts (index/vocabulary/)."""
    return vocab.same_kind_units(unit)


def satisfies(condition, n: NumberHit) -> bool:
    if condition is None:
        return True
    op, value, _ = condition
    return {">=": n.value >= value, ">": n.value > value, "<": n.value < value,
            "<=": n.value <= value, "==": n.value == value}[op]


# A change the report states against a year ("比2023年上升2.8%", "较2022年增长", "同比下降" of the year before).
# Words before a year that make it a comparison's base ("比2023年上升", "较2022年", "与2023年相比").
COMPARED_WITH = "比|较|与|相比|对比"


def stated_change(norm: str, n: NumberHit, against: int, own: int) -> str | None:
    """The change the sentence states for the figure `n` against the year `against` ("上升2.8%"), or
    None: written after the figure in its sentence, against that year by name, or as 同比/较上年 when it
    is the year before the report's own."""
    after = norm[n.end:]
    base = rf"(?:{COMPARED_WITH}){against}年(?:同期)?(?:相比)?" + (r"|同比|比上年|较上年|比去年|较去年" if against == own - 1 else "")
    verbs = form("compare.change_verbs").pattern
    found = re.search(rf"(?:{base})[,，]?\s*((?:{verbs})(?:了)?\s*(?:\d+(?:\.\d+)?\s*(?:%|个百分点|倍)?)?)", after)
    return found.group(1) if found else None


def year_stated(norm: str, year: str) -> bool:
    """Does the sentence state something of `year` ("2023年"), not only compare with it ("1882件,比2023年
    上升2.8%": the 1882 is the report's own year's)?"""
    return any(not re.search(rf"(?:{COMPARED_WITH})$", norm[max(0, m.start() - 2):m.start()]) for m in re.finditer(year, norm))


# A year as the time of what a sentence states: not a range's end ("2021—2025年"), not inside the title of
# another document ("《2022年学法计划》"), not a comparison's base (year_stated).
RANGE_BEFORE = "—-–~至到"


def years_before(norm: str, pos: int) -> set[int]:
    """The years the sentence states before `pos` as the time of what it says ("2022年…全国排名第10位":
    2022), so a figure there is of those years. Such a year opens its clause ("2022年,", "截至2023年底");
    one after a verb names a thing ("命名2022年…模范单位404个": named in the report's year)."""
    text = TITLE.sub(lambda m: " " * len(m.group()), norm[:pos])
    return {int(m.group(1)) for m in numerals.YEAR.finditer(text)
            if (not m.start() or text[m.start() - 1] not in RANGE_BEFORE) and year_stated(text, m.group())
            and len(text[clause_bounds(text, m.start())[0]:m.start()].strip()) <= 2}


ORDINAL = re.compile(rf"第[\d{numerals.DIGITS}]+")


def states_ordinal(norm: str) -> bool:
    """Does the text state a rank or an ordinal ("全国排名第10位", "第五轮")?"""
    return ORDINAL.search(norm) is not None


def ordinal_starts(norm: str) -> list[int]:
    """Where the text states ranks or ordinals."""
    return [m.start() for m in ORDINAL.finditer(norm)]
