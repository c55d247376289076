"""Places named in a text: gazetteer names and their short forms where they stand as a place (not inside
a word), and the chain of places a name starts with (广州市白云区…)."""
from __future__ import annotations

import functools
import re

from .fields import field_forms, field_words
from .gazetteer import Mention, Place, places
from .words import SELF_OR_ALL, data, org_endings


@functools.cache
def _longest() -> int:
    return max(len(form) for form in places())


@functools.cache
def _follow() -> re.Pattern:
    """What follows a short form for it to be read as the place ("花都2023年", "增城城管局", "北京通州"):
    a tier, agency or field word, or a year. Anything else ("资源和…", "大同镇", "鼓楼街道": a town
    of that name) is a word, or a name below the gazetteer."""
    a = data()["agencies"]
    words = {*a["government"], *a["department"], *a["party"], "市", "区", "县", "州", "省", "盟", "旗", "执法",
             "法院", "检察院"} | {form for form, _ in field_forms()}
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(rf"(?:{alternatives}|\d{{4}}\s*年)")


def _town_end_at(norm: str, end: int) -> bool:
    return any(norm.startswith(e, end) for e in data()["places"]["town_endings"])


# A short name starts a word after these (or after a non-Chinese character, or another place):
# "在花都…", "2023年增城…", "中共浚县县委"; inside a word it is part of that word ("示范县", "人民共和国").
BOUNDARY_BEFORE = set("年、和与及在对共的是于从到由向那问看比较同跟或把将自")


def _at_boundary(norm: str, start: int, after_place: bool) -> bool:
    before = norm[start - 1:start]
    return after_place or not before or not ("\u4e00" <= before <= "\u9fff") or before in BOUNDARY_BEFORE


# Where a short form ends as a word of its own in a question typed as keywords or plainly
# ("花都 2022 行政复议", "宁波的报告", "中山 2024"): a space, a digit, punctuation, the end, or a joining word.
_WORD_END = re.compile(r"$|[\s\d,，、。;；:：?？!！()（）]|[的和与及]")


def _accepted(form: str, hit: tuple[Place, ...], norm: str, end: int, after_place: bool, loose: bool = False) -> bool:
    """A full name counts unless it is an everyday word (城区, 新区); a short form where `_follow`
    says, or next to another place ("北京通州"), but never one that is a field's name (公安) and an
    everyday one (平安, 中山) only before a tier word or a year. A short form or a two-character
    name must start a word (`_at_boundary`), and none counts when a town ending follows (大同镇 and
    鼓楼街道 are towns of those names, below the gazetteer). In a question (`loose`) a province's short
    form is the province whatever follows ("江苏上线的…"): a question naming 浙江 is answered from the
    reports of its places (targets.places_within)."""
    full = any(p.name == form for p in hit)
    if _town_end_at(norm, end) or ((not full or len(form) == 2) and not _at_boundary(norm, end - len(form), after_place)):
        return False
    ending = norm[end:end + 1]
    if not full and ending and ending in "省市区县州盟旗" and not any(p.name.endswith(ending) for p in hit):
        return False  # "会同省…", "大城市": no place of that name and tier
    common = form in data()["places"]["common_words"]
    if full:
        return not common
    if form in field_words():
        return False  # 公安局 is not 公安县's
    if common:  # 平安建设, 光明大道: only a tier word or a year makes these the place
        return bool(re.match(r"[市区县州省盟旗]|\d{4}\s*年" + (r"|\s*\d{4}" if loose else ""), norm[end:end + 6]))
    return after_place or bool(_follow().match(norm, end)) or _place_at(norm, end) \
        or (loose and (bool(_WORD_END.match(norm, end)) or all(p.tier == "省" for p in hit)))


def _place_at(norm: str, start: int) -> bool:
    """Does a gazetteer form start here?"""
    table = places()
    return any(norm[start:start + size] in table for size in range(2, min(_longest(), len(norm) - start) + 1))


def _narrowed(form: str, hit: tuple[Place, ...], norm: str, end: int) -> tuple[Place, ...]:
    """A short form followed by a tier ending names the place of that ending: 恩施州 is the 自治州, not 恩施市."""
    ending = norm[end:end + 1]
    if ending and ending in "省市区县州盟旗" and not any(p.name == form for p in hit):
        return tuple(p for p in hit if p.name.endswith(ending)) or hit
    return hit


def place_mentions(norm: str, loose: bool = False) -> list[Mention]:
    """Gazetteer names in a text, left to right, the longest at each position ("广州市白云区" → 广州市,
    白云区; "绍兴市市场监管局" → 绍兴市); see `_accepted` for when a form counts (`loose`: in a question,
    a short form also where it ends as a word of its own)."""
    table, longest = places(), _longest()
    found, i = [], 0
    while i < len(norm) - 1:
        after_place = bool(found) and found[-1].end == i
        for size in range(min(longest, len(norm) - i), 1, -1):
            form = norm[i:i + size]
            hit = table.get(form)
            if hit and _accepted(form, hit, norm, i + size, after_place, loose):
                found.append(Mention(i, i + size, form, _narrowed(form, hit, norm, i + size)))
                i += size
                break
        else:
            i += 1
    return found


@functools.cache
def _below() -> re.Pattern:
    """Names below (or beside) the gazetteer: towns and street offices (金龙街道, 大同镇), zones (郑东新区),
    and, at the start or right after a place, a county or city name the gazetteer does not know yet."""
    d = data()["places"]
    endings = sorted({e for e in d["town_endings"] if not e.endswith("办事处")} | set(d["zone_endings"]),
                     key=len, reverse=True)
    name = rf"[^\W\d_{NOT_IN_NAMES}]"
    peoples = "|".join(sorted(d["peoples"], key=len, reverse=True))
    return re.compile(rf"(?P<stem>{name}{{2,4}}?(?:(?:{peoples})族){{0,2}})(?:{'|'.join(map(re.escape, endings))})|"
                      rf"(?P<county>{name}{{2,3}}?)[区县旗市州]")


# Characters no place name below the gazetteer holds: question and function words ("哪些报告是乡镇的").
NOT_IN_NAMES = "的是了哪些个份报告年度我本该各全每其此这那吗呢么什谁请列写属由被把让给出自或者不以除算括去"


def place_units(norm: str, loose: bool = False) -> list[str]:
    """The place names of an official name or a question, in order: gazetteer places as written (full, or
    short with its tier character: "广州市增城区…" → 广州市, 增城区; "彭水县" → 彭水县; "绍兴市市场监管局"
    → 绍兴市), and names below the gazetteer where a name starts: at the start, after a place or an
    organisation word, or after a word boundary ("鲤城区人民政府金龙街道办事处" → 鲤城区, 金龙街道). A run
    that starts with 全/本/各… ("全镇", "各乡镇"), holds an organisation word, or is an everyday word
    (城区, 新区) names no place."""
    units, covered, ends = [], [], {0}
    zones = sorted(data()["places"]["zone_endings"], key=len, reverse=True)
    for m in place_mentions(norm, loose):
        end = m.end + (1 if norm[m.end:m.end + 1] and norm[m.end] in "省市区县州盟旗" and m.form != m.places[0].name
                       and any(p.name.endswith(norm[m.end]) for p in m.places) else 0)
        end += len(next((z for z in zones if norm.startswith(z, end)), ""))  # "滨海高新区": a zone of that place
        units.append((m.start, norm[m.start:end]))
        covered.append((m.start, end))
        ends.add(end)
    ends |= {m.end() for m in org_endings().finditer(norm)}
    d = data()["places"]
    for start in range(len(norm)):
        if start not in ends and not _at_boundary(norm, start, False):
            continue
        m = _below().match(norm, start)
        if not m or any(a < m.end() and start < b for a, b in covered):
            continue
        name, town = m.group(), m.group("stem") is not None
        if norm[m.end():m.end() + 1] in ("镇", "乡", "街"):
            continue  # "…乡镇", "…镇街": the generic words, not a town
        if SELF_OR_ALL.match(name) or name in d["common_words"] or name in d["zone_endings"] or name in d["place_kind_words"] \
                or (town and any(z in m.group("stem") for z in zones)) \
                or (town and name.endswith(tuple(d["not_towns"]))) \
                or (name[0] in BOUNDARY_BEFORE and not start and _below().match(norm, 1)) or name.startswith("中共") \
                or org_endings().search(m.group("stem") or m.group("county")) or not (town or start in ends):
            continue
        lead = _gazetteer_prefix(m.group("stem") or "")
        if lead:  # "杭州留下街道": a place the gazetteer knows, then a town of its own
            units.append((start, lead))
            start, name = start + len(lead), name[len(lead):]
        units.append((start, name))
        covered.append((start, m.end()))
        ends.add(m.end())  # a name below starts where this one ends ("某某市东篱区")
    return [form for _, form in sorted(units)]


def _gazetteer_prefix(stem: str) -> str | None:
    """The longest gazetteer form a town's stem starts with, leaving a name of two characters or more."""
    table = places()
    return next((stem[:size] for size in range(len(stem) - 2, 1, -1) if stem[:size] in table
                 and stem[:size] not in data()["places"]["common_words"]), None)
