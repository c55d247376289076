"""What figure a question asks: its measure word, a condition on it ("达到100%"), the thing counted and
the word the number attaches to, several things asked at once, or several of one report ("哪两天").

Part of the reading stage (question.py): pure functions over the normalised question text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from index import numerals

from .evidence.lexicon import named_kinds
from .forms import form
from .question_words import FUNCTION_CHARS, RATE, UNIT, UNIT_GROUP, UNITS, content_words, item_words

CONDITION = re.compile(r"(达到|达|超过|高于|大于|多于|以上|不低于|不少于|不足|低于|少于|小于|以下|不到|为|是)?"
                       r"\s{0,8}(\d+(?:\.\d+)?)\s*(%|％)?\s*(以上|以下)?")
# "哪两天", "哪三项", "两次…分别在哪一天", "两期培训班各有多少人": that many things of one report are asked, each its
# own statement (the last two ask a figure of each of them).
SEVERAL = re.compile(rf"哪([两{numerals.SMALL}])({UNIT})|([两{numerals.SMALL}])({UNIT})[^?？。,，]{{0,12}}分别|"
                     rf"([两{numerals.SMALL}])({UNIT})[^?？。]{{0,14}}?(?:各|每)")
ASKED_UNIT = re.compile(rf"(?<!哪)(?:多少|几)\s*{UNIT_GROUP}")  # "多少名", "几位"
RATE_FORMS = {"比率", "效率", "频率", "利率", "汇率", "概率"}  # "X率" words that name no measured rate


@dataclass(frozen=True)
class Item:
    """One of several things a question asks a figure of ("受理…、审结…以及纠错率分别是多少")."""
    words: tuple[str, ...]
    rate: bool = False
    unit: str = ""  # the measure word asked with it ("多少份")
    kinds: tuple = ()  # kinds of a measure family it names (会前培训: 培训, not 学法; prompts/contrasts.txt)


def asked_units(norm: str) -> list[str]:
    """Measure words of the asked count: "多少名…", "…人数", or a threshold's own ("超过500件")."""
    # "几个人" counts people; "几份报告", "哪几份" count the reports: no measure of a figure
    units = [m.group(1) for m in ASKED_UNIT.finditer(norm) if not norm[m.end():].startswith(("人", "报告", "材料"))]
    units += re.findall(rf"(?:达到|达|超过|高于|大于|多于|不低于|不少于|不足|低于|少于|小于|不到)\s*\d+(?:\.\d+)?\s*{UNIT_GROUP}", norm)
    if re.search(r"人数|人次|(?:多少|几)个?人", norm):
        units.append("人")
    if not units and form("asking.money").search(norm):
        units.append("元")  # "经济损失是多少": an amount of money
    if not units and form("asking.duration").search(norm):
        units += form("asking.duration_units")  # "学法时长": hours or days
    return sorted(set(units))


def unit_phrases(norm: str) -> list[str]:
    """The asked measure word with the words right after it ("几位一体" → 位一体): a number inside a quoted
    name ("“四位一体”") is the figure asked only when the question writes the name's rest after its unit."""
    return [norm[m.start(1):m.start(1) + 8] for m in ASKED_UNIT.finditer(norm)]


def parse_condition(norm: str) -> tuple[str, float, bool] | None:
    """"达到100%" → (">=", 100, True); "超过90%" → (">", 90, True); "零…" → ("==", 0, False)."""
    for match in CONDITION.finditer(norm):
        word, value, pct, after = match.groups()
        if not (word or after or pct):
            continue
        if re.fullmatch(numerals.YEAR_NUMBER, value) and not pct:
            continue  # a year, not a threshold
        op = {"超过": ">", "高于": ">", "大于": ">", "多于": ">", "不足": "<", "低于": "<", "少于": "<",
              "小于": "<", "不到": "<"}.get(word or "", ">=")
        if after == "以下":
            op = "<="
        return op, float(value), bool(pct)
    if re.search(r"零(?:败诉|事故|投诉|差错|发生)", norm):
        return "==", 0.0, False
    return None


def counted_thing(norm: str, drop: list[str]) -> tuple[list[str], str | None]:
    """The words naming what is counted, and its head word (the noun the number attaches to).

    "多少名执法人员通过考试…" → head 执法人员 (first word after the measure word);
    "注册人数是多少" / "办理数量是多少" → head 注册 / 办理 (last word before the asking word).
    """
    rate = re.search(r"([^,，。?？!！]*?)([\u4e00-\u9fff]{2}率)(?![先领])", norm)
    if rate and rate.group(2)[1:] not in RATE_FORMS and rate.group(2)[0] not in FUNCTION_CHARS:  # "的比率", "工作效率"
        return content_words(rate.group(1), drop) + [rate.group(2)], rate.group(2)
    after = re.search(rf"(?:多少|几)\s*(?:{UNIT})?([^,，。?？!！]+)", norm)
    words = content_words(after.group(1), drop) if after else []
    if words and not (len(words) == 1 and form("counting.taking_part").search(words[0])):  # "多少人参加"
        # "几场围绕主题的学习宣讲会": what is counted stands after the last 的, its modifiers before it
        owned = content_words(after.group(1).rsplit("的", 1)[1], drop) if "的" in after.group(1) else []
        return words, (owned or words)[0]
    before = re.search(rf"([^,，。?？!！]*?)(?:的)?(?:数量|总数|人数|人次|比例|比率|占比|是多少|为多少|有多少|多少|是几|几{UNIT}?(?=$|[,，。?？!！\s]))", norm)
    words = content_words(before.group(1), drop) if before else []
    while len(words) > 1 and form("counting.light_verbs").search(words[0]):
        words = words[1:]  # "共开展学法几次": what is counted is 学法
    return words, (words[-1] if words else None)


# A date or month asked ("几月份采购…", "哪一天召开…", "什么时候印发…"): the figure is a date.
DATE_ASK = re.compile(r"几月|哪个月|哪月|哪一?天|哪[两几三]天|几号|何日|哪日|什么时候|啥时候|何时|(?:具体)?日期"
                      r"|(?<![\d一二三四五六七八九十])月份")  # "专题辅导 2022 月份": a month asked in keywords
# Several figures asked at once: "…分别是多少", "各有多少个", or one asking word per thing ("…多少份?…多少件?").
MULTI = re.compile(r"分别|各(?:自|是|有|为)?(?=多少|几|是|为|有|占)")
ASKING = re.compile(rf"多少\s*([{UNITS}])?|(?<!哪)几\s*([{UNITS}])")
CONJUNCTION = re.compile(r"、|以及|及|和|与|并且|同时")
CLAUSE = re.compile(r"[,，;；。?？!！]")


def asked_items(norm: str, drop: list[str]) -> list[Item]:
    """The things asked, when a question asks several figures; [] when it asks one."""
    asks = list(ASKING.finditer(norm))
    if len(asks) >= 2:
        parts, start = [], 0
        for m in asks:
            parts.append((norm[start:m.start()], m.group(1) or m.group(2) or ""))
            start = m.end()
    else:
        multi = MULTI.search(norm)
        if not multi:
            return []
        head = CLAUSE.split(norm[:multi.start()])[-1]
        parts = [(part, "") for part in CONJUNCTION.split(head)]
    items = []
    for text, unit in parts:
        words = item_words(CLAUSE.split(text)[-1], drop)
        if words:
            items.append(Item(tuple(words), bool(RATE.search(text)) and not unit, unit, tuple(named_kinds(" ".join(words)))))
    return items if len(items) >= 2 else []


def several_asked(norm: str) -> tuple[int, str, bool]:
    """How many things of one report are asked, the words that say it ("哪两天" → 2, "两天": no topic word),
    and whether a figure of each is asked ("两次培训各有多少人", not "哪两天")."""
    m = SEVERAL.search(norm)
    if not m:
        return 0, "", False
    count, unit = m.group(1) or m.group(3) or m.group(5), m.group(2) or m.group(4) or m.group(6)
    return int(numerals.value_of(count) or 0), count + unit, m.group(1) is None
