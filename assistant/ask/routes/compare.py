"""Two years of one agency compared: "增城区城管局2023年比2022年新收行政一审案件多还是少?".

Each year's figure comes from that year's report, decided as the sentence route decides a fact
(evidence/decide.py), each cited; the direction is said in words with the two figures it compares,
never as a computed figure (a difference stands in no quote). "较上年", "比上一年" with one year named
compare it with the year before, when that year's report is indexed; "哪一年…更多", "两年…分别" of an
agency with two reports compares their years. When one year's report does not state it, the comparison is refused,
citing what the other year says, unless the later year's sentence states the change itself ("比2023年
上升2.8%"): then that is the answer.
"""
from __future__ import annotations

import time
from dataclasses import replace

from index import vocabulary as vocab

from ...contract import Answer, who
from ..asked import Asked
from ..compose import Composer
from ..evidence.decide import decide_for
from ..evidence.figures import stated_change
from ..evidence.stating import stating_sentences


def answer(asked: Asked) -> Answer | None:
    """Both years' figures and the direction, or the refusal naming the year that states none; None when
    the question compares no two years of one agency."""
    # a comparison of two years compares figures, each year's as its report states it (not as a change)
    q = replace(asked.question, wants_number=True, forms=replace(asked.question.forms, change=False))
    named = asked.chosen
    if q.forms.compared and q.forms.previous_year and len(q.years) == 1:
        prior = year_before(asked, q.years[0])
        if prior:  # "2023年较上年": 2022 and 2023, when the same agency's 2022 report is indexed
            q, named = replace(q, years=[q.years[0] - 1, q.years[0]]), named + prior
    if q.forms.which_year and len(q.years) == 2:  # "23年和24年…哪年多"
        q = replace(q, forms=replace(q.forms, compared=True))
    if (q.forms.which_year or q.forms.compared) and not q.years and len(named) == 2 and len({r.get("year") for r in named}) == 2 \
            and len({vocab.normalize_name(r.get("agency") or "") for r in named}) == 1:
        q = replace(q, years=sorted(r["year"] for r in named), forms=replace(q.forms, compared=True))
    if not (q.forms.compared and len(q.years) == 2 and asked.targets.report_ids):
        return None  # two years of reports the question names
    by_year = {y: [r for r in named if r.get("year") == y] for y in q.years}
    if any(len(rows) > 1 for rows in by_year.values()) or not any(by_year.values()):
        return None  # several reports a year: not one agency's two years
    started = time.perf_counter()
    boosted = {(h.report_id, p) for h in asked.hits()[:asked.tuning.search.boost_hits]
               for p in range(h.paragraph, h.para_end + 1)}
    found = {}
    for year, rows in by_year.items():
        if rows:
            decision = decide_for(replace(q, years=[year]), asked.bank, [rows[0]["report_id"]], [], boosted, asked.tuning)
            if decision.status == "answered":
                found[year] = decision.found[0]
    out = Composer(asked.text, asked.rows, asked.index)
    earlier, later = sorted(q.years)
    missing = [y for y in (earlier, later) if y not in found]
    change = stated_change(found[later].sentence.norm, found[later].number, earlier, later) \
        if missing == [earlier] and found[later].number else None
    if change:  # "1882件,比2023年上升2.8%": the later report states the direction itself
        out.say("extractive", "compare_stated", earlier=earlier, later=later, change=change)
    elif missing and found and by_year[missing[0]]:  # its report is here: cite its title, where it says what it is
        row = by_year[missing[0]][0]
        lines = stating_sentences(row, asked.bank, asked.index, asked.tuning.stating, True)
        out.say("extractive", "compare_missing_report", who=who(row), year=missing[0], other=next(iter(found)),
                statement=" ".join(line.text.strip() for line in lines).rstrip("。"), marks=out.marks(row["report_id"], lines))
    elif missing and found:
        out.say("extractive", "compare_missing", year=missing[0], other=next(iter(found)))
    elif missing:
        return None  # neither year states it: the sentence route says what the reports do say
    for year in (earlier, later):
        if year in found:
            ev = found[year]
            out.item("extractive", "fact_line", who=who(asked.rows[ev.sentence.report_id]),
                     statement=ev.quote.strip().rstrip("。;；"), n=out.cite_evidence(ev))
    if not missing:
        direction(out, found[earlier], found[later], earlier, later)
    timings = {"answer": round((time.perf_counter() - started) * 1000, 1)}
    return out.answer("not_found" if missing and not change else "answered", timings=timings)


def year_before(asked: Asked, year: int) -> list[dict]:
    """The reports of the year before by the agency of the chosen report of `year` (one agency only)."""
    this = [r for r in asked.chosen if r.get("year") == year]
    agencies = {vocab.normalize_name(r.get("agency") or "") for r in this}
    if len(this) != 1 or agencies == {""}:
        return []
    return [r for r in asked.rows.values() if r.get("year") == year - 1 and vocab.normalize_name(r.get("agency") or "") in agencies]


def direction(out: Composer, first, second, earlier: int, later: int) -> None:
    """The later year against the earlier in words, when both figures are of one kind."""
    a, b = first.number, second.number
    if a is None or b is None or a.percent != b.percent:
        return
    key = "compare_up" if b.value > a.value else "compare_down" if b.value < a.value else "compare_same"
    out.say("extractive", key, earlier=earlier, later=later, first=figure(first), second=figure(second))


def figure(ev) -> str:
    """The figure as its sentence writes it ("52件", "12.0%"): what the direction compares."""
    return ev.sentence.norm[ev.number.start:ev.number.end]
