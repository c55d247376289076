"""Which reports a question is about, matched against the reports' own metadata.

Place names are read out of each report's agency, region and title
("广州市增城区城市管理和综合执法局" → 广州市, 增城区; short forms 广州, 增城);
an agency abbreviation in the question ("城管局", "人社局") matches a full name
when its characters appear in order ("城市管理和综合执法局"), which is how
Chinese agency names are shortened.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.normalize import normalize

from .question import PLACE_SUFFIXES, Question



@dataclass
class Targets:
    report_ids: list[str] | None  # None: the question names no report, consider all
    unknown_places: list[str] = field(default_factory=list)
    missing_year: int | None = None
    other_years: list[str] = field(default_factory=list)  # named reports of other years than the asked one
    phrases: list[str] = field(default_factory=list)  # matched names, not topic words


def place_units(name: str) -> list[str]:
    """Consecutive place names at the start of an official name: 广州市增城区… → [广州市, 增城区]."""
    units, pos = [], 0
    while pos < len(name):
        match = re.match(rf"[\u4e00-\u9fff]{{2,4}}?(?:[{PLACE_SUFFIXES}]|街道)", name[pos:])
        if not match:
            break
        units.append(match.group())
        pos += match.end()
    return units


def is_abbreviation(short: str, full: str) -> bool:
    """True when every character of `short` occurs in `full` in order (城管局 ⊑ 城市管理和综合执法局)."""
    rest = iter(full)
    return bool(short) and all(ch in rest for ch in short)


def report_places(row: dict) -> set[str]:
    """Place forms of one report, full and short: {广州市, 广州, 增城区, 增城}."""
    forms: set[str] = set()
    for name in filter(None, (row.get("region"), row.get("agency"), row.get("title"))):
        for unit in place_units(normalize(name)):
            forms.add(unit)
            if len(canonical_place(unit)) >= 2:
                forms.add(canonical_place(unit))
    return forms


def agency_core(agency: str) -> str:
    """The agency name without its leading place names."""
    norm = normalize(agency)
    return norm[len("".join(place_units(norm))):]


def match_places(q: Question, rows: list[dict]) -> tuple[list[dict], list[str]]:
    """Reports the question's places point at, and the matched place forms.

    A report is kept unless another matches a strict superset of its places:
    "广州市增城区" keeps the 增城区 report over a 广州市花都区 one (both share 广州市),
    while "花都区和楚雄市" keeps both.
    """
    matched, phrases = {}, []
    for row in rows:
        hits = {form for form in report_places(row) if form in q.norm}
        if hits:
            matched[row["report_id"]] = {canonical_place(h) for h in hits}
            phrases += sorted(hits)
    kept = [r for r in rows if r["report_id"] in matched
            and not any(matched[r["report_id"]] < other for other in matched.values())]
    return kept, phrases


def canonical_place(form: str) -> str:
    """增城 and 增城区 are one place."""
    return form[:-2] if form.endswith("街道") else form[:-1] if form[-1] in PLACE_SUFFIXES and len(form) > 2 else form


def match_titles(q: Question, rows: list[dict]) -> list[dict]:
    out = []
    for row in rows:
        title = re.sub(r"\s+", "", normalize(row.get("title") or ""))
        if len(title) >= 4 and title in q.norm:
            out.append(row)
    return out


def filter_by_agency(q: Question, rows: list[dict], phrases: list[str]) -> list[dict]:
    """Reports whose agency the question's agency words abbreviate; all of `rows` if none does."""
    mentions = [m for m in q.agency_mentions]
    for phrase in sorted(phrases, key=len, reverse=True):
        mentions = [m[len(phrase):] if m.startswith(phrase) else m for m in mentions]
    mentions = [m for m in mentions if len(m) >= 2]
    hits = [r for r in rows if r.get("agency") and any(is_abbreviation(m, agency_core(r["agency"])) for m in mentions)]
    return hits or rows


def unknown_places(q: Question, rows: list[dict], phrases: list[str], in_reports) -> list[str]:
    """Places named in the question that no report's metadata covers and no report text mentions."""
    known = set(phrases)
    for row in rows:
        known.update(report_places(row))
    return [p for p in q.places
            if not any(p.endswith(k) or k.endswith(p) for k in known) and not in_reports(canonical_place(p))]


def resolve(q: Question, rows: list[dict], in_reports) -> Targets:
    """Narrow the reports to those the question names: title, then places, then agency words, then year."""
    if not rows:
        return Targets(None)
    titled = match_titles(q, rows)
    placed, phrases = match_places(q, rows)
    if titled:
        chosen = titled
        phrases += [re.sub(r"\s+", "", normalize(r["title"])) for r in titled]
    elif placed:
        chosen = filter_by_agency(q, placed, phrases)
    elif any(len(m) >= 5 for m in q.agency_mentions):  # "综合行政执法局"; a bare "城管局" names no one report
        by_agency = filter_by_agency(q, rows, phrases)
        chosen = by_agency if len(by_agency) < len(rows) else None
    else:
        chosen = None
    unknown = unknown_places(q, rows, phrases, in_reports) if not placed and not titled else []
    targets = Targets([r["report_id"] for r in chosen] if chosen else None, unknown_places=unknown, phrases=phrases)
    return narrow_by_year(q, targets, chosen or rows, in_reports)


def narrow_by_year(q: Question, targets: Targets, rows: list[dict], in_reports) -> Targets:
    """Keep the reports of the asked year; a year no report covers nor mentions means not found."""
    if not q.years:
        return targets
    same = [r for r in rows if r.get("year") in q.years]
    if same:
        targets.report_ids = [r["report_id"] for r in same]
        targets.other_years = [r["report_id"] for r in rows if r not in same] if targets.phrases else []
    elif all(r.get("year") for r in rows) and not any(in_reports(f"{y}年", [r["report_id"] for r in rows])
                                                      for y in q.years):
        targets.missing_year = q.years[0]
    return targets
