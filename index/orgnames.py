"""Organisation and place names in Chinese official writing: where a name ends, its tier and its kind.

Pure functions over normalised text (see metadata.py for where in a report they look).
A name is read the way its writers build it: places (省 › 市 › 区 › 街道) then an
organisation word (局, 人民政府, 办事处…), a sub-unit possibly after it (…局增城区分局);
it stops where the predicate starts (坚持, 深入, 的…).
"""
from __future__ import annotations

import re

from . import vocabulary as vocab
from .normalize import normalize

CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
_PLACE_SUFFIX = "|".join(vocab.data()["places"]["endings"])  # longest first: 自治区 before 区
_NAME_CHAR = r"[^\W\d_省市区县旗委年度的以在是了将把为从向我坚持领导]"
_PLACE = rf"{_NAME_CHAR}{{2,8}}?(?:{_PLACE_SUFFIX})"
_TOWN = "|".join(e for e in vocab.data()["places"]["town_endings"] if not e.endswith("办事处"))  # 街道, 镇, 乡, 苏木
_SUBDISTRICT = rf"{_NAME_CHAR}{{2,6}}?(?:{_TOWN})"
# At most four nested places (省 › 市 › 区 › 街道), taken atomically: unbounded, "甲乙州丙丁州…"
# splits in exponentially many ways and a search restarts the whole run at every character.
_PLACES = rf"(?>(?:{_PLACE}){{1,4}})"
REGION = re.compile(rf"(?:中共)?({_PLACES}(?:{_SUBDISTRICT})?)")
# Organisation endings, longest first; 城管 is how district reports name their bureau.
ORG_SUFFIX = ("人民政府|街道办事处|办事处|委员会|办公室|管委会|政府|分局|中心|法院|检察院|司法所|大队|支队|党组|"
               "城管|局|厅|委|办|署|部|街道|镇|乡|区|县|市|州|旗")
ORG_END = re.compile(rf"(?:{ORG_SUFFIX})")
_ORG_STEP = re.compile(rf"[{CJK}]{{0,14}}?(?:{ORG_SUFFIX})")
_ORG_END_WORD = re.compile(r"(?:局|厅|部|委员会|办公室|政府|中心)$")
_SUB_UNIT = re.compile(r"(?:分局|办事处|大队|支队|中队|派出所|[区县市镇乡]|街道)$")
# Words that start the predicate after a subject: an organisation's name never contains them.
_PREDICATE = re.compile(r"坚持|深入|全面|认真|始终|持续|高度|切实|扎实|紧紧|积极|不断|着力|聚焦|围绕|紧扣|按照|"
                        r"根据|以习|以党|以法|以及|通过|结合|对照|同时|其中|在|把|将|对|与|和|及|、|的|法治|建设|工作|发布|贯彻|"
                        r"落实|推进|主动")
# 建设 right before an organisation word is part of its name (城乡建设局, 数字化建设管理局), not a predicate.
_NAMED_WORK = re.compile(r"建设(?:管理)?(?:局|厅|委员会|委|办公室|中心)")
_NOT_NAMES = re.compile(r"^(?:全|本|我|各|该|其|上级|下级|所属|干|内|外|党支|总)(?:部|局|厅|委|区|县|市|街道|镇|乡)$|"
                        r"(?:干部|全部|内部|外部|各部|本部|党支部)$")
_NOT_PLACE_WORDS = re.compile(r"市场|城市|都市|市政|区域|社区|县域|地区|自治区|州府")




def is_org_line(text: str) -> bool:
    """A line that is only an organisation's name ("四川省交通运输厅", "大同镇人民政府")."""
    norm = re.sub(r"\s+", "", normalize(text))
    return 2 < len(norm) <= 30 and bool(re.fullmatch(rf"(?:中共)?[{CJK}、]+?(?:{ORG_SUFFIX})", norm)) \
        and not _NOT_NAMES.search(norm)


def org_end(norm: str, start: int) -> int | None:
    """End of the organisation name starting at `start`, or None.

    The shortest name ending in an organisation word is extended while the next
    such word follows without a predicate word in between ("六安市" + "农业农村局",
    "鼓楼街道" + "办事处"), which is where a Chinese subject's name stops.
    """
    end = None
    pos = start
    places = start  # the gazetteer's names are names, whatever characters they hold (呼和浩特市, 和平区)
    for m in vocab.place_mentions(norm[start:start + 30]):
        if start + m.start != places:
            break
        places = start + m.end
    while True:
        match = _ORG_STEP.match(norm, pos)
        if not match or match.end() - start > 30:
            break
        predicate = _PREDICATE.search(norm, max(pos, places), match.end())
        if predicate and not _NAMED_WORK.fullmatch(norm, predicate.start(), match.end()):
            break
        if end and _ORG_END_WORD.search(norm, start, end) and not _SUB_UNIT.search(match.group()):
            break  # after "…局" only a sub-unit continues the name ("…局增城区分局"), not "…局规范性文件管理办法"
        if match.end() - start >= 2 and not _NOT_NAMES.search(norm[start:match.end()]):
            end = match.end()
        pos = match.end()
    known = vocab.known_org_end(norm, start)
    end = max(end or 0, known or 0) or None
    if end and norm[end:end + 1] in ("的", "、", "《", "和", "与", "及"):
        return None  # "市司法局的指导", "中共中央办公厅、国务院办公厅《…》": someone else's organisation
    return end


def region_of(agency: str | None) -> str | None:
    """Leading place names of the agency: "广州市增城区城市管理…局" → "广州市增城区"."""
    if not agency:
        return None
    match = REGION.match(normalize(agency))
    return agency[match.start(1):match.end(1)] if match else None


def seat_of(agency: str | None, head_text: str) -> str | None:
    """Where an author below the gazetteer lies (a 街道 or 镇 whose name holds no gazetteer place), as its
    report names it: the most local gazetteer place the text names, when the places it names are one
    chain (海东市 and 乐都区 → 乐都区); None when it names none, or places of two chains (not its own)."""
    if not agency or vocab.place_mentions(normalize(agency)):
        return None
    found = {p.name: p for p in vocab.resolve(vocab.place_mentions(head_text)) if p.tier in ("市", "区县")}
    local = [p for p in found.values() if not any(p.name in q.parents for q in found.values())]
    return local[0].name if len(local) == 1 and all(n == local[0].name or n in local[0].parents for n in found) else None


def level_of(agency: str | None) -> str | None:
    """部委 | 省 | 市 | 区县 | 街道乡镇: the most local tier the agency's name states, from the gazetteer
    (vocabulary.tier_of_name); a place the gazetteer does not know is read by its ending."""
    if not agency:
        return None
    norm = re.sub(r"\s+", "", normalize(agency))
    tier = vocab.tier_of_name(norm)
    if tier:
        return tier
    places = _NOT_PLACE_WORDS.sub(lambda m: "省" if m.group() == "自治区" else "", norm)
    if re.search(r"[区县旗]", places):
        return "区县"
    if re.search(r"[市州盟]", places):
        return "市"
    if "省" in places or re.search(r"厅$", norm):
        return "省"
    if re.search(r"部$|^中华人民共和国|^国家|^国务院", norm):
        return "部委"
    return None


def kind_of(agency: str | None) -> str | None:
    """政府 for a government (or a place named as the author), else the department's own name."""
    if not agency:
        return None
    norm = re.sub(r"\s+", "", normalize(agency))
    if (norm.endswith(tuple(vocab.data()["agencies"]["government"])) and not vocab.departmental_committee(norm)) \
            or re.search(r"(?:县委|街道|镇|乡)$", norm) or re.fullmatch(_PLACES, norm):  # a 管委会 governs its zone
        return "政府"
    region = REGION.match(norm)
    core = norm[region.end():] if region else norm
    if not _NOT_PLACE_WORDS.match(core):
        core = re.sub(r"^(?:中华人民共和国|[省市区县州])", "", core)
    return core or None


def pinyin_span(norm: str, spelled: str, lengths=range(2, 9)) -> str | None:
    """The first run of 2–8 Chinese characters of `norm` whose pinyin, run together, is `spelled`."""
    from pypinyin import lazy_pinyin  # ships its dictionary; only reports that name themselves 我局 need it

    sounds = lazy_pinyin(norm, errors=lambda chars: list(chars))  # one item per character
    if len(sounds) != len(norm):
        return None
    starts, pos = {}, 0
    for i, sound in enumerate(sounds):
        starts[pos] = i
        pos += len(sound)
    starts[pos] = len(sounds)
    joined = "".join(sounds)
    for match in re.finditer(re.escape(spelled), joined):
        first, last = starts.get(match.start()), starts.get(match.end())
        if first is not None and last is not None and (last - first) in lengths \
                and re.fullmatch(rf"[{CJK}]+", norm[first:last]):
            return norm[first:last]
    return None
