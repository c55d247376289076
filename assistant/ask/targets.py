"""Which reports a question is about, matched against the reports' own metadata.

A question's places are matched with each report's place forms (report_names.py), a place above
a report's own by the gazetteer when no report is of it, or for a listing ("哪些报告来自浙江?");
an agency abbreviation in the question ("城管局", "人社局", "市场监管局") matches a full name when its
characters appear in order; "区政府" matches a report whose author is a government.

A place the question names that no report's metadata states is looked for in
two more places, both stated by the user's own material: the text of reports
whose place is unknown (a 街道 report that only says "清波街道…"), and the file
names, which people often write in pinyin ("07_ningbo_….txt"). A place that
only appears in passing in another place's report ("从化区" in 花都's report) is
not a target: that question is refused, naming the reports there are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from index import numerals
from index import vocabulary as vocab
from index.normalize import normalize

from .agency_match import department_above, department_word, filter_by_agency, inside_reports, placed_government
from .place_fit import broader_than_question, fits_places, foreign_places, own_place_unnamed
from .question import Question
from .report_names import (
    RowNames,
    canonical_place,
    form_in_question,
    own_place_parents,
    pinyin,
    place_units,
    question_keys,
    row_names,
)


@dataclass
class Targets:
    report_ids: list[str] | None  # None: the question names no report, consider all
    unknown_places: list[str] = field(default_factory=list)
    unknown_agency: str | None = None  # an agency named at a known place that has no report of it
    missing_year: int | None = None
    other_years: list[str] = field(default_factory=list)  # named reports of other years than the asked one
    phrases: list[str] = field(default_factory=list)  # matched names, not topic words
    placeless: list[str] = field(default_factory=list)  # targeted reports whose place is not stated
    named: list[str] = field(default_factory=list)  # the reports the question names, before the year
    department: str | None = None  # a department the question names inside its place's report ("X区司法局")
    broader: list[str] = field(default_factory=list)  # chosen reports of a more local place than the question's
    above_only: list[str] = field(default_factory=list)  # of those, the ones whose own place the question never names


def names_something(q: Question, rows: list[dict]) -> bool:
    """Does the question name a place, agency, year or report title? (If not, it is about every report.)"""
    if q.years or q.places or any(len(m) >= 5 for m in q.agency_mentions):
        return True
    names = row_names(rows)
    return any(len(s) >= 2 for s in names.place_names.standing_in(q.norm)) or \
        any(len(s) >= 2 for s in names.title_names.standing_in(q.norm))


def named_places(q: Question, rows: list[dict]) -> dict[str, set[str]]:
    """Per report, its place forms that the question names (reports it names none of are left out)."""
    names, named = row_names(rows), {}
    for form in candidate_forms(q, names):
        if form_in_question(form, q):
            for rid in names.by_place[form]:
                named.setdefault(rid, set()).add(form)
    return {r["report_id"]: named[r["report_id"]] for r in rows if r["report_id"] in named}


def candidate_forms(q: Question, names: RowNames) -> set[str]:
    """The report place forms that may stand in the question, every way `form_in_question` accepts
    one: as written, by place key, or as the start of a place the question names (looked up from the
    question's side: a question checks a few forms, not every report's)."""
    norm, forms = q.norm, names.place_names.strings
    found = names.place_names.standing_in(norm)
    found |= {form for key in question_keys(norm) for form in names.by_key.get(key, ())}
    return found | ({unit[:k] for unit in place_units(norm) for k in range(1, len(unit) + 1)} & forms)


def match_places(rows: list[dict], named: dict[str, set[str]], norm: str) -> tuple[list[dict], list[str]]:
    """Reports the question's places point at, and the matched place forms.

    A report is kept unless another matches a strict superset of its places, or places inside them
    by the gazetteer: "广州市增城区" keeps the 增城区 report over a 广州市花都区 one (both share 广州市),
    "哈尔滨香坊区" the 香坊区 report over 哈尔滨市's (the question is about the district), while
    "花都区和楚雄市" keeps both.
    """
    places = {rid: frozenset(canonical_place(form) for form in forms) for rid, forms in named.items()}
    distinct = set(places.values())  # few, however many reports share them
    within = {(places[rid], places[rid] | {p for form in forms for p in written_above(form, norm)})
              for rid, forms in named.items()}
    covered = {p for p in distinct if any(p < other for other in distinct)
               or any(p != own and p <= inside for own, inside in within)}
    kept = [r for r in rows if r["report_id"] in places and places[r["report_id"]] not in covered]
    return kept, [form for r in rows for form in sorted(named.get(r["report_id"], ()))]


def written_above(form: str, norm: str) -> set[str]:
    """The places above `form` by the gazetteer that the question writes right before it, as one name
    ("哈尔滨香坊区", "哈尔滨市香坊区"): the question is about the place inside."""
    at = norm.find(form)
    return {canonical_place(p) for p in own_place_parents(form)
            if at > 0 and norm[:at].endswith((p, vocab.short_or_self(p)))}


def places_within(q: Question, rows: list[dict], in_reports) -> dict[str, set[str]]:
    """Per report, the question's places its own place lies inside by the gazetteer (a 浙江 question and
    绍兴市's or 上城区's reports), for places no report is of: a listing by province or city is complete.
    A town the gazetteer cannot place (清波街道, its report naming no place above it) is inside the
    places its text names."""
    above = {form: {p.name for p in vocab.places().get(form, ()) if p.tier in ("省", "市")} for form in q.places}
    above = {form: names for form, names in above.items() if names}
    if not above:
        return {}
    within = {}
    for r in rows:
        ancestors = set(own_place_parents(normalize(r.get("agency") or r.get("region") or "")))
        if r.get("seat"):  # a town below the gazetteer lies in the place its report names
            ancestors |= {r["seat"], *own_place_parents(r["seat"])}
        forms = {form for form, names in above.items() if names & ancestors}
        if not ancestors and r.get("level") == "街道乡镇" and not vocab.place_mentions(normalize(r.get("agency") or "")):
            forms = {form for form in above if in_reports(canonical_place(form), [r["report_id"]])}
        if forms:
            within[r["report_id"]] = forms
    return within


def match_titles(q: Question, rows: list[dict]) -> list[dict]:
    """Reports the question names by title, or by the index or document number their page or text states
    ("430S00/2024-016955这个索引号的报告")."""
    names = row_names(rows)
    named = names.title_names.standing_in(q.norm)
    return [row for row in rows if names.titles.get(row["report_id"]) in named and names_a_report(names.titles[row["report_id"]])
            or any(number in q.norm for number in names.numbers.get(row["report_id"], ()))]


def names_a_report(title: str) -> bool:
    """Does a title name one report, not only say what every report is ("法治政府建设年度报告")?"""
    return len(title) >= 4 and not vocab.generic_title(title)


def titled_as_named(rows: list[dict], named: dict) -> list[dict]:
    """The reports named by title that the places the question names allow: a title of a year and common words
    ("2023年度法治政府建设情况报告") is every such report's, so "湖北省人民政府2023年度…报告" is 湖北's, not that
    of another place titled so; alone in a question ("标题只写着《2022年法治政府建设工作总结》") it names it."""
    return [r for r in rows if not named or r["report_id"] in named
            or not vocab.generic_title(numerals.without_years(normalize(r.get("title") or "")))]


def national_unreported(q: Question, rows: list[dict]) -> str | None:
    """A State Council department the question names ("自然资源部") that wrote none of the reports: it has
    no place, so no other report speaks for it (a placed department may be inside its government's)."""
    agencies = {vocab.normalize_name(r.get("agency") or "") for r in rows}
    return next((m for m in q.agency_mentions if vocab.is_ministry(m) and vocab.normalize_name(m) not in agencies), None)


def named_literally(q: Question, rows: list[dict]) -> list[dict]:
    """Reports whose agency name (without its places, 3+ characters) stands in the question as written,
    where jieba did not cut it out as a word ("交通运输部靠什么…")."""
    cores = row_names(rows).written_cores
    return [r for r in rows if r["report_id"] in cores and cores[r["report_id"]] in q.norm]


def named_by_file(place: str, placeless: list[dict]) -> list[dict]:
    """Reports of no stated place whose file name spells the place in pinyin ("宁波" → …ningbo…)."""
    if not placeless:
        return []  # nothing to spell: pypinyin (a second to load) is not needed
    spelled = pinyin(canonical_place(place))
    if len(spelled) < 4:
        return []
    return [r for r in placeless if spelled in re.sub(r"[^a-z]", "", (r.get("source") or "").lower())]


def unknown_place_targets(q: Question, rows: list[dict], in_reports) -> tuple[list[dict], list[str]]:
    """For places no report's metadata states: (reports that name them anyway, places still unknown)."""
    if not q.places:
        return [], []
    by_place = row_names(rows).by_place
    placed = {rid for ids in by_place.values() for rid in ids}
    known, placeless = set(by_place), [r for r in rows if r["report_id"] not in placed]
    found, unknown = [], []
    for place in q.places:
        if any(place.endswith(k) or k.endswith(place) for k in known):
            continue
        hits = [r for r in placeless if in_reports(canonical_place(place), [r["report_id"]])] \
            or named_by_file(place, placeless)
        if hits:
            found += [r for r in hits if r not in found]
        else:
            unknown.append(place)
    return found, unknown


def resolve(q: Question, rows: list[dict], in_reports) -> Targets:
    """Narrow the reports to those the question names: title, then places, then agency words, then year."""
    if not rows:
        return Targets(None)
    named = named_places(q, rows)
    titled = titled_as_named(match_titles(q, rows), named)
    within = not named and not titled
    if within or (not titled and q.forms.lists_reports):  # a listing by province holds its cities' reports too
        named = places_within(q, rows, in_reports) | named
    placed, phrases = match_places(rows, named, q.norm)
    unknown_agency, department, narrower, broader = None, None, [], []
    if titled:
        chosen = titled
        phrases += [phrase for r in titled for phrase in (["".join(normalize(r["title"]).split())] if r.get("title")
                                                          else [n for n in row_names(rows).numbers.get(r["report_id"], ()) if n in q.norm])]
    elif placed:
        narrower = fits_places(q, phrases) + foreign_places(q, placed, phrases)
        chosen, unknown_agency = filter_by_agency(q, placed, phrases)
        # a department inside its government's report; a government is inside no department's ("安溪县政府" and only
        # 安溪县林业局 reported: the bureau's figures are not the government's)
        if unknown_agency and not placed_government(q, unknown_agency) and inside_reports(unknown_agency, placed, in_reports):
            chosen, department, unknown_agency = placed, department_word(unknown_agency), None
        if chosen and len(chosen) < len(placed):  # "增城区城管局和花都区": the agency word is one place's
            taken = set().union(*(named[r["report_id"]] for r in chosen))
            ids = {r["report_id"] for r in chosen}
            chosen += [r for r in placed if r["report_id"] not in ids and not named[r["report_id"]] & taken]
        broader = broader_than_question(chosen, phrases) if chosen and not within else \
            [r["report_id"] for r in chosen or []]
        if chosen and len(broader) == len(chosen) and not q.forms.lists_reports:
            unknown_agency = department_above(q, phrases)  # "广安市林业局": not 邻水县林业局
            chosen = [] if unknown_agency else chosen
    else:
        by_agency, unreported = filter_by_agency(q, rows, phrases)
        by_agency = by_agency if len(by_agency) < len(rows) else named_literally(q, rows)
        chosen = by_agency or None
        # "自然资源部…多少篇", "哪家城管报了…" and no report of it: only a sentence of another report naming it answers
        body = national_unreported(q, rows) or (unreported if unreported and vocab.names_field(unreported) else None)
        if not chosen and body:
            chosen, unknown_agency = (rows, None) if in_reports(body, None) else (None, body)
            department = body if chosen else None
    placeless, unknown = [], []
    if (not placed or within) and not titled:  # a province's places, and the placeless reports that name it
        placeless_rows, unknown = unknown_place_targets(q, rows, in_reports)
        if placeless_rows and not unknown:
            narrowed, missing = filter_by_agency(q, placeless_rows, phrases + q.places)
            chosen, placeless = (chosen or []) + [r for r in narrowed if r not in (chosen or [])], [r["report_id"] for r in narrowed]
            # "福建省农业农村厅" and no 福建 report of it, but a "省农业农村厅" that names no place of its own:
            # the agency asked is found (and the answer says its place cannot be checked)
            unknown_agency = None if narrowed and not missing else unknown_agency
        unknown = [] if placed else unknown
    targets = Targets([r["report_id"] for r in chosen] if chosen else None, unknown_places=unknown or narrower,
                      unknown_agency=unknown_agency, phrases=phrases, placeless=placeless, department=department,
                      broader=broader, named=[r["report_id"] for r in placed] if unknown_agency else [],
                      above_only=own_place_unnamed([r for r in chosen or [] if r["report_id"] in broader], q.places))
    return narrow_by_year(q, targets, chosen or rows, in_reports)


def narrow_by_year(q: Question, targets: Targets, rows: list[dict], in_reports) -> Targets:
    """Keep the reports of the asked year; a year no report covers nor mentions means not found."""
    if not q.years:
        return targets
    same = [r for r in rows if r.get("year") in q.years]
    if same:
        targets.report_ids = [r["report_id"] for r in same]
        kept = {r["report_id"] for r in same}  # by id: `r not in same` compared rows by value, quadratic
        targets.other_years = [r["report_id"] for r in rows if r["report_id"] not in kept] if targets.phrases else []
    elif all(r.get("year") for r in rows):
        # No report of that year: only sentences of the named reports that state the year may answer.
        ids = [r["report_id"] for r in rows]
        targets.named = ids
        stated = any(in_reports(f"{y}年", ids) for y in q.years)
        targets.report_ids, targets.other_years = [], (ids if stated and targets.phrases else [])
        targets.missing_year = q.years[0]
    return targets
