"""Organisations: who a name says wrote a report (a government, a department, a party body), its tier,
its place, and one way of writing it."""
from __future__ import annotations

import functools
import re
from collections import Counter

from .fields import field_forms, field_of, field_words
from .gazetteer import by_name, resolve, tier_of_places, upper_forms
from .mentions import place_mentions, place_units
from .words import data, org_endings


def national_body(name: str) -> bool:
    """A ministry or national administration, named without a place ("住房和城乡建设部", "国家税务总局")."""
    a = data()["agencies"]
    return not place_units(name) and (name.endswith(tuple(a["national_endings"]))
                                      or name.startswith(tuple(a["national_starts"])))


def spoken_of_body(name: str) -> bool:
    """A body a question speaks of beside a place rather than a report's author: a ministry, or a
    coordinating body ("全面依法治市委员会", "法治政府建设领导小组") that writes no annual report, or the place's
    own party committee as its report calls it ("街道党工委扩大会", "县委常委会": the self-words of its tier)."""
    return national_body(name) or any(marker in name for marker in data()["agencies"]["coordinating"]) \
        or name.endswith(party_self_words())


def party_self_words() -> tuple[str, ...]:
    """How a report names its own tier's party committee: 省委, 市委, 区委, 县委, 街道党工委, 镇党委."""
    party = tuple(data()["agencies"]["party"])
    return tuple(w for words in data()["places"]["self_words"].values() for w in words if w.endswith(party))


def jurisdiction(norm: str) -> str | None:
    """The province or city a report keeps calling its own, when it names no author: its self-words
    say the tier ("全省", "全市", "市委、市政府"; a 直辖市 says 市) and one place of that tier is named
    most, however it is written ("考察上海重要讲话", "江苏工作")."""
    tier = tier_words(norm)
    if tier not in ("省", "市"):
        return None
    forms, counts = upper_forms(), Counter()
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


@functools.cache
def _town_end() -> re.Pattern:
    endings = sorted(data()["places"]["town_endings"], key=len, reverse=True)
    return re.compile(rf"[\u4e00-\u9fff]{{2,5}}?(?:{'|'.join(endings)})")


def is_national(norm: str) -> bool:
    """A department of the State Council (司法部, 国家统计局), with or without 中华人民共和国."""
    name = norm.removeprefix("中华人民共和国")
    return name in data()["agencies"]["national"] or name.startswith(("国家", "国务院"))


def is_ministry(norm: str) -> bool:
    """One State Council department by its name ("自然资源部"), not the kind ("国务院部委", "国家机关")."""
    return norm.removeprefix("中华人民共和国") in data()["agencies"]["national"]


def is_street_office(norm: str) -> bool:
    """A street office (街道, 街道办事处), not a township or town (乡, 镇, 苏木), though of one tier with them."""
    name = "".join(norm.split())
    if "街道办" in name:
        return True
    for ending in sorted(data()["agencies"]["government"] + ["党工委", "党委"], key=len, reverse=True):
        name = name.removesuffix(ending) if name.endswith(ending) and len(name) > len(ending) else name
    return name.endswith(("街道", "街"))


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
    if len(name) > 2 and name[0] in tiers and not any(name.startswith(f) for f in field_words()):
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
    from ..normalize import normalize
    return re.sub(r"\s+", "", normalize(name))


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
    ending = org_endings().match(window, pos)
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
            if re.search(org_endings().pattern + "$", rest):
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
    if mention in a["national_short"]:  # "环境部": 生态环境部
        return a["national_short"][mention]
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
        return bool(field) and bool(re.fullmatch(org_endings().pattern, part[len(field):]))

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
