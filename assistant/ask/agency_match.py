"""Which reports' authors the agency words of a question name: "增城区城管局" names 城市管理和综合执法局,
"区政府" a government, "人社系统" any department of that field; a department no report is by may still
be named inside its place's report ("X区司法局共办理…"). Read by targets.py and report_set.py.
"""
from __future__ import annotations

import re

from index import vocabulary as vocab
from index.normalize import normalize

from .question import AGENCY_END, Question
from .report_names import agency_core, is_abbreviation, place_units, row_names

AGENCY_END_ANY = re.compile(AGENCY_END.pattern + "$")

GOVERNMENT_WORDS = ("人民政府", "政府", "街道办事处", "办事处", "街道办")
# Authors a question can name that must then exist: "广州市民政局" when only 广州市司法局 reported is a refusal.
AUTHOR_END = re.compile(vocab.author_ending() + "$")


def agency_words(q: Question, phrases: list[str]) -> list[str]:
    """The question's agency mentions without place names ("增城区城管局" → 城管局, "鲁山县人民政府" → 人民政府);
    a national body beside a named place is none."""
    words = []
    for mention in q.agency_mentions:
        if q.places and vocab.spoken_of_body(mention):
            continue  # a ministry or a coordinating body beside a place is what the question speaks of
        for phrase in sorted(set(phrases) | set(q.places), key=len, reverse=True):
            mention = mention.replace(phrase, "")
        for unit in place_units(mention):
            mention = mention.replace(unit, "")
        mention = vocab.drop_tier_char(re.sub(r"^(?:中共|中华人民共和国)", "", mention))
        mention = re.sub(r"^(?:地方|各|全部|所有|这些|其他)", "", mention)
        if len(mention) >= 2 and (AGENCY_END_ANY.search(mention) or vocab.names_field(mention)) \
                and mention not in ("街道", "办事处") \
                and mention not in words:
            words.append(mention)
    return words


def is_government_word(mention: str) -> bool:
    """区政府, 管委会, 街道办事处: a government, not a department."""
    return mention in GOVERNMENT_WORDS or (mention.endswith(tuple(vocab.data()["agencies"]["government"]))
                                           and not vocab.departmental_committee(mention))  # 城市管理委员会


def names_agency(mention: str, row: dict, core: str | None = None) -> bool:
    """Does an agency word name this report's author? (人社局 ⊑ 人力资源和社会保障局; 政府 ⊑ a government)

    The word may still carry a place the question abbreviated ("庆市市场监管局" after a partial
    place match), so its endings of three characters or more are tried too.
    """
    if is_government_word(mention):
        return row.get("kind") == "政府"  # 区政府, 管委会, 街道办事处: a government's report
    agency = row.get("agency")
    if not agency:
        return False
    if vocab.names_field(mention):  # "人社系统": any department of that field
        return row.get("kind") != "政府" and vocab.field_of(normalize(agency)) == vocab.field_of(mention)
    core = core or agency_core(agency)
    return any(is_abbreviation(mention[i:], core) for i in range(max(1, len(mention) - 2))) \
        or vocab.same_department(mention, core)


def filter_by_agency(q: Question, rows: list[dict], phrases: list[str]) -> tuple[list[dict], str | None]:
    """(reports whose agency the question's agency words name, the unmatched agency word if none does)."""
    mentions = agency_words(q, phrases)
    if not mentions:
        return rows, None
    cores = row_names(rows).cores
    hits = [r for r in rows if any(names_agency(m, r, cores.get(r["report_id"])) for m in mentions)]
    if hits:
        return hits, None
    authors = [m for m in mentions if AUTHOR_END.search(m) or vocab.names_field(m)]
    known = [r for r in rows if r.get("agency")]
    return (rows, None) if len(known) < len(rows) or not authors else ([], authors[0])


def department_above(q: Question, phrases: list[str]) -> str | None:
    """The body the question names at a place every chosen report lies inside ("广安市林业局" when only
    邻水县林业局 reported; "十堰市人民政府" when only 房县人民政府 did): that place's own body, another than the
    reports' (a place's figure asked without naming a body, "十堰市…多少次", is answered from a more local
    report with a note instead). The mention as the question writes it."""
    bodies = [m for m in agency_words(q, phrases) if AUTHOR_END.search(m)]
    return next((m for m in q.agency_mentions for b in bodies if b in m), None)


def placed_government(q: Question, word: str) -> bool:
    """Does the question name a government by its place ("安溪县政府", "武汉市人民政府"), not only speak of
    government ("政府信息", "镇街政府为被申请人")?"""
    return is_government_word(word) and any(m.endswith(word) and place_units(m) for m in q.agency_mentions)


def department_word(agency: str) -> str:
    """What a sentence must name for a department inside another's report: 区司法局 → 司法局."""
    return vocab.drop_tier_char(agency) if len(agency) > 3 else agency


def inside_reports(agency: str, rows: list[dict], in_reports) -> bool:
    """Do these reports' sentences name the department (its report is a government's: "X区司法局共办理…")?"""
    return bool(rows) and in_reports(department_word(agency), [r["report_id"] for r in rows])
