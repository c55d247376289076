"""How the places a question names fit the reports matched for it: a place more local than theirs
(a town or district no report is about), a place outside every matched report's chain (another
province's 梅山), a report more local than the question's place (its figures are that place's). Read
by targets.resolve, which refuses or notes what these find."""
from __future__ import annotations

from index import vocabulary as vocab
from index.normalize import normalize

from .question import Question
from .report_names import canonical_place, own_place_parents, place_units


def fits_places(q: Question, matched: list[str]) -> list[str]:
    """The question's places that name something more local than what the matched reports are about
    ("广州市白云区" when only 广州市花都区 reported: 白云区 is a district of 广州市 no report is about)."""
    covered = {canonical_place(f) for f in matched}
    ancestors = {a for f in matched for p in vocab.places().get(f, ()) for a in p.parents}
    ancestors |= {vocab.short_or_self(a) for a in ancestors}
    narrower = []
    for place in q.places:
        if canonical_place(place) in covered or place in ancestors or canonical_place(place) in ancestors:
            continue
        if any(q.norm.find(place + f) >= 0 for f in matched if f not in place):
            continue  # "白云区新市街道": the question itself places the matched 新市街道 in 白云区
        gazetteer = vocab.places().get(place, ())
        if not gazetteer and vocab.tier_of_name(place) == "街道乡镇" and any(f + place in q.norm for f in matched) \
                and not any(place.endswith(f) for f in matched):  # "老军乡和下蜀镇": 下蜀镇 is matched
            narrower.append(place)  # "金寨县汤家汇镇": a town of the matched county that no report is about
            continue
        if any(parent in matched or vocab.short_or_self(parent) in covered for p in gazetteer for parent in p.parents):
            narrower.append(place)
    return narrower


def foreign_places(q: Question, rows: list[dict], matched: list[str]) -> list[str]:
    """The question's gazetteer places that lie outside every chosen report's known place chain: "宁波市北仑区
    梅山街道" matched the 梅山镇 of 金寨县梅山镇's report by its short form, but 宁波市 and 北仑区 are neither that
    report's places, nor above them, nor inside them: the question is about another place. A report whose
    chain the gazetteer cannot give (a town alone) is never contradicted."""
    covered = {canonical_place(f) for f in matched}
    chains = [chain for r in rows if (chain := place_chain(r))]
    if len(chains) < len(rows):
        return []
    foreign = []
    for place in q.places:
        readings = vocab.places().get(place, ())
        if canonical_place(place) in covered or not readings:
            continue
        if not any(reading.name in chain or set(reading.parents) & chain for reading in readings for chain in chains):
            foreign.append(place)
    return foreign


def place_chain(row: dict) -> set[str]:
    """The report's own places and the gazetteer's places above them (empty when those are unknown)."""
    name = normalize(row.get("agency") or row.get("region") or "")
    parents = own_place_parents(name)
    return set(place_units(name)) | set(parents) if parents else set()


def broader_than_question(rows: list[dict], matched: list[str]) -> list[str]:
    """Chosen reports whose own place is more local than every place the question names for them
    (a 广州市 question answered from 广州市花都区's report): their figures are that place's."""
    covered = {canonical_place(f) for f in matched}
    return [r["report_id"] for r in rows if (units := author_places(r)) and units[-1] not in covered
            and any(u in covered for u in units)]


def own_place_unnamed(rows: list[dict], places: list[str]) -> list[str]:
    """Reports whose own place (the last one their author's name holds) none of the question's places is."""
    named = {canonical_place(p) for p in places}
    return [r["report_id"] for r in rows if (units := author_places(r)) and units[-1] not in named]


def author_places(row: dict) -> list[str]:
    """The places the author's name holds, outermost first, each as its canonical name (the last is its own)."""
    return [canonical_place(u) for u in place_units(normalize(row.get("agency") or row.get("region") or ""))]
