"""What targeting compares a question with: each report's place forms (full and short, from its
region, agency and title), its title and its agency without places, made once per set of reports;
and whether a place form stands in a question.

Place names are read out of each report's agency, region and title ("广州市增城区城市管理和综合执法局"
→ 广州市, 增城区; short forms 广州, 增城); an agency abbreviation matches a full name when its characters
appear in order (城管局 ⊑ 城市管理和综合执法局), which is how Chinese agency names are shortened.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from index import vocabulary as vocab
from index.normalize import normalize

from .question import Question


def place_units(name: str) -> list[str]:
    """Place names inside an official name: 广州市增城区… → [广州市, 增城区]; …金龙街道办事处 → 金龙街道."""
    return list(_place_units(name))


@functools.lru_cache(maxsize=8192)
def _place_units(name: str) -> tuple[str, ...]:
    """Cached: every question compares its places with every report's names, the same strings each time."""
    return tuple(vocab.place_units(name))


def is_abbreviation(short: str, full: str) -> bool:
    """True when every character of `short` occurs in `full` in order (城管局 ⊑ 城市管理和综合执法局)."""
    rest = iter(full)
    return bool(short) and all(ch in rest for ch in short)


@functools.lru_cache(maxsize=16384)
def canonical_place(form: str) -> str:
    """增城 and 增城区 are one place (vocabulary.place_key); cached: every question compares its places
    with every report's forms, the same strings each time."""
    return vocab.place_key(form)


def report_places(row: dict) -> frozenset[str]:
    """Place forms of one report, full and short: {广州市, 广州, 增城区, 增城}."""
    return _places_of(row.get("region"), row.get("agency"), row.get("title"))


@functools.lru_cache(maxsize=8192)
def _places_of(*names: str | None) -> frozenset[str]:
    forms: set[str] = set()
    for name in filter(None, names):
        for unit in _place_units(normalize(name)):
            forms.add(unit)
            if len(canonical_place(unit)) >= 2:
                forms.add(canonical_place(unit))
    return frozenset(forms)


@functools.lru_cache(maxsize=8192)
def agency_core(agency: str) -> str:
    """The agency name without its place names ("广州市公安局增城区分局" → 公安局分局)."""
    norm = normalize(agency)
    for unit in place_units(norm):
        norm = norm.replace(unit, "", 1)
    return vocab.drop_tier_char(norm)


def form_in_question(form: str, q: Question) -> bool:
    """The place form stands in the question, and not as part of another tier's name
    ("鼓楼" of 鼓楼街道 is not "鼓楼区"); or the question names the same place another way
    (桐木漯乡 for 桐木漯瑶族乡: one place key)."""
    key = canonical_place(form)
    if form in q.norm:
        full = form != key or re.search(vocab.place_ending() + "$", form)  # 赵县 has no shorter form
        for match in re.finditer(re.escape(form), q.norm):
            if full or not re.match(vocab.place_ending(), q.norm[match.end():match.end() + 2]):
                return True
            # a short form followed by a tier word: compared by the full form instead
    if form == key:
        return False
    return key in question_keys(q.norm) or any(unit.startswith(form) for unit in _place_units(q.norm))


@functools.lru_cache(maxsize=256)
def question_keys(norm: str) -> frozenset[str]:
    """The place keys of the places a question names (vocabulary.place_key)."""
    return frozenset(canonical_place(u) for u in vocab.place_units(norm, loose=True))


@dataclass(frozen=True)
class Names:
    """Strings a question may hold (place forms, titles), with their greatest length, made once per set
    of reports: with many of them (20,000 place forms at 10,000 reports) a question's substrings are
    looked up instead of every string searched."""
    strings: frozenset[str]
    longest: int

    @classmethod
    def of(cls, strings) -> Names:
        kept = frozenset(strings)
        return cls(kept, max(map(len, kept), default=0))

    def standing_in(self, norm: str) -> set[str]:
        """Those of the strings that stand in `norm`."""
        if len(self.strings) < len(norm) * self.longest:
            return {s for s in self.strings if s in norm}
        spans = range(len(norm))
        return {norm[i:j] for i in spans for j in range(i + 1, min(len(norm), i + self.longest) + 1)} & self.strings


@dataclass(frozen=True)
class RowNames:
    """What targeting compares a question with, per report: its place forms and its title."""
    by_place: dict[str, list[str]]  # place form -> report ids
    by_key: dict[str, list[str]]  # place key (canonical_place) -> its forms
    titles: dict[str, str]  # report id -> title without spaces, normalised
    place_names: Names  # the place forms, to look up in a question
    title_names: Names  # the titles, to look up in a question
    cores: dict[str, str]  # report id -> agency without its places (agency_core)
    written_cores: dict[str, str]  # the same without spaces, 3+ characters: as a question may write it
    numbers: dict[str, tuple[str, ...]]  # report id -> its index and document numbers (id_numbers)


def row_names(rows: list[dict]) -> RowNames:
    """The rows' names, computed once per set of rows: a question then checks each distinct place
    form once, not every report's (10,000 reports took 0.6 s a question)."""
    return _row_names(tuple((r["report_id"], r.get("region"), r.get("agency"), r.get("title"), page_numbers(r))
                            for r in rows))


def page_numbers(row: dict) -> tuple[str, ...]:
    """The report's index and document numbers as its page or text writes them (index/pageinfo.py)."""
    return tuple(f["value"] for f in row.get("page") or [] if f["kind"] in ("index_no", "doc_no"))


def id_numbers(values: tuple[str, ...]) -> tuple[str, ...]:
    """Index and document numbers as a question may write them: normalised, without spaces, 6+ characters."""
    return tuple(v for v in ("".join(normalize(value).split()) for value in values) if len(v) >= 6)


@functools.lru_cache(maxsize=4)
def _row_names(names: tuple[tuple[str, str | None, str | None, str | None, tuple[str, ...]], ...]) -> RowNames:
    by_place: dict[str, list[str]] = {}
    for report_id, region, agency, title, _ in names:
        for form in _places_of(region, agency, title):
            by_place.setdefault(form, []).append(report_id)
    by_key: dict[str, list[str]] = {}
    for form in by_place:
        by_key.setdefault(canonical_place(form), []).append(form)
    titles = {rid: re.sub(r"\s+", "", normalize(title)) for rid, _, _, title, _ in names if title}
    cores = {rid: agency_core(agency) for rid, _, agency, _, _ in names if agency}
    written = {rid: re.sub(r"\s+", "", core) for rid, core in cores.items()}
    numbers = {rid: found for rid, _, _, _, values in names if (found := id_numbers(values))}
    return RowNames(by_place, by_key, titles, Names.of(by_place), Names.of(titles.values()), cores,
                    {rid: core for rid, core in written.items() if len(core) >= 3}, numbers)


@functools.lru_cache(maxsize=65536)
def own_place_parents(name: str) -> tuple[str, ...]:
    """The gazetteer's places above the most local place of an official name, read with the others
    (白云区 after 广州市 is 广州's); none when the name is ambiguous (朝阳区 alone)."""
    mentions = vocab.place_mentions("".join(place_units(name)))
    resolved = vocab.resolve(mentions)
    if not resolved or resolved[-1] not in mentions[-1].places:
        return ()
    rivals = {p.parents for p in mentions[-1].places if p.tier == resolved[-1].tier}
    return resolved[-1].parents if len(rivals) == 1 or len(mentions) > 1 else ()


@functools.lru_cache(maxsize=4096)
def pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin  # small, ships its dictionary; imported where used
    return "".join(lazy_pinyin(text))
