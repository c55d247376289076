"""The sentence route: the question's content answered from the reports' own sentences.

Every sentence of the target reports that can reach the coverage floor is
scored (evidence/), the best of each report kept, a decision made (answered /
topic only / not found), and the answer written from the reports' own words
with templates in prompts/extractive.toml. A figure can only reach the answer
inside a quoted sentence, so none is ever invented. It always answers: it is
the last route.
"""
from __future__ import annotations

import time
from dataclasses import replace

from ...contract import Answer, report_name, who
from ...prompts import fill
from ..asked import Asked
from ..compose import Composer, cn_count, listed_count, target_refusal
from ..evidence import paraphrase
from ..evidence.decide import Decision, decide_for
from ..evidence.scoring import Evidence
from ..question import Question


def statement(ev: Evidence) -> str:
    return ev.quote.strip().rstrip("。;；")


def compose(out: Composer, q: Question, decision: Decision) -> None:
    """The answer's lines with [n] markers, and the matching citations, written to `out`."""
    rows = out.rows
    if decision.status == "not_found":
        what = f"“{q.text}”所问的内容"
        if decision.topic_only:
            ev = decision.topic_only[0]
            out.say("extractive", "not_found_topic", what=what, who=who(rows[ev.sentence.report_id]),
                    statement=statement(ev), n=out.cite_evidence(ev))
        else:
            out.say("extractive", "not_found", what=what)
        return
    if q.counts_reports:  # "有几份报告提到了述法": the reports that do, counted
        out.say("extractive", "mention_count_intro", count=listed_count(len({e.sentence.report_id for e in decision.found})))
        evidence_lines(out, decision.found)
        return
    if len(decision.found) == 1 and not decision.topic_only:
        ev = decision.found[0]
        out.say("extractive", "one_fact", who=who(rows[ev.sentence.report_id]), statement=statement(ev),
                n=out.cite_evidence(ev))
        return
    if not decision.topic_only and len({e.sentence.report_id for e in decision.found}) == 1:
        out.say("extractive", "one_report_intro", who=who(rows[decision.found[0].sentence.report_id]))
        for ev in decision.found:
            out.item("extractive", "one_report_line", statement=statement(ev), n=out.cite_evidence(ev))
        return
    out.say("extractive", "many_facts_intro" if q.wants_number else "mention_intro")
    evidence_lines(out, decision.found)
    if decision.topic_only:
        out.say("extractive", "topic_only_intro")
        for ev in decision.topic_only:
            out.item("extractive", "topic_only_line", who=who(rows[ev.sentence.report_id]),
                     statement=statement(ev), n=out.cite_evidence(ev))


def evidence_lines(out: Composer, found: list[Evidence]) -> None:
    for ev in found:
        out.item("extractive", "fact_line", who=who(out.rows[ev.sentence.report_id]), statement=statement(ev),
                 n=out.cite_evidence(ev))


def topic_of(q: Question) -> str:
    """The asked thing in the question's own words ("哪些报告没有写存在的不足?" → 存在的不足), for the
    line that says who does not state it."""
    return q.forms.negated_topic or "、".join(q.terms) or "所问的内容"


def absent_answer(asked: Asked, decision: Decision) -> Answer:
    """"哪些报告没有提到X": every chosen report in which no sentence states X or speaks of it, by name
    and cited by its title or first line; never one that does (those follow, with their quote)."""
    q, out = asked.question, Composer(asked.text, asked.rows, asked.index)
    stating = decision.found + decision.topic_only
    present = {e.sentence.report_id for e in stating}
    absent = [r for r in asked.chosen if r["report_id"] not in present]
    if absent:
        out.say("extractive", "absent_intro", count=cn_count(len(absent)), topic=topic_of(q))
    else:
        out.say("extractive", "none_absent", topic=topic_of(q))
    for row in absent:
        n = out.cite_opening(row["report_id"])
        if n is not None:
            out.say("extractive", "absent_line", who=who(row), n=n)
    if stating:
        out.say("extractive", "present_intro")
        evidence_lines(out, stating)
    return out.answer("answered")


def local_figure_only(asked: Asked, ev: Evidence) -> Answer:
    """"黄石市…化解行政争议多少件?" and only 下陆区 (inside it) reported: no figure of 黄石市 is stated. Not
    found, with the district's own figure shown as what the reports do say."""
    out = Composer(asked.text, asked.rows, asked.index)
    out.say("extractive", "local_figure_only", places="、".join(asked.question.places),
            who=who(asked.rows[ev.sentence.report_id]), own=report_name(asked.rows[ev.sentence.report_id]),
            statement=statement(ev), n=out.cite_evidence(ev))
    return out.answer("not_found")


def answer(asked: Asked) -> Answer:
    """The answer from the chosen reports' sentences; a year no chosen report states is refused."""
    q, targets, rows, t = asked.question, asked.targets, asked.rows, asked.tuning
    ids = [r["report_id"] for r in asked.chosen]
    boosted = {(h.report_id, p) for h in asked.hits()[:t.search.boost_hits] for p in range(h.paragraph, h.para_end + 1)}
    started = time.perf_counter()
    decision = decide_for(q, asked.bank, ids, targets.other_years, boosted, t)
    reworded = decision.status == "not_found" and targets.report_ids is not None and not q.negated \
        and paraphrase.rescue(q, asked.bank, ids, t, asked.index.similarities)
    if reworded:  # asked in other words than the report's: words and meaning agree on one sentence
        decision = Decision("answered", [reworded])
    elif decision.status == "answered" and len(decision.found) == 1 and targets.report_ids is not None \
            and paraphrase.disputed(q, asked.bank, decision.found[0], t, asked.index.similarities):
        decision = Decision("not_found")  # meaning points to another figure: neither is shown as the answer
    if q.negated and q.aggregate:
        return absent_answer(asked, decision)
    found_in = {e.sentence.report_id for e in decision.found}
    if decision.status == "answered" and q.wants_number and found_in and found_in <= set(targets.above_only):
        return local_figure_only(asked, decision.found[0])
    if decision.status == "not_found" and targets.missing_year:
        return target_refusal(asked.text, replace(targets, other_years=[]), rows, [rows[r] for r in targets.named])
    out = Composer(asked.text, rows, asked.index)
    compose(out, q, decision)
    others = len(ids) - len({e.sentence.report_id for e in decision.found + decision.topic_only})
    if decision.status == "answered" and q.aggregate and len(ids) > 1 and others > 0:
        out.say("extractive", "others_absent", count=cn_count(others))
    shown = {e.sentence.report_id for e in decision.found}
    broader = [r for r in targets.broader if r in shown]
    if decision.status == "answered" and q.wants_number and broader:
        out.say("extractive", "broader_note", who="、".join(sorted({report_name(rows[r]) for r in broader})),
                places="、".join(q.places))
    if decision.status == "answered":
        out.placeless_note(targets.placeless, q.places)
    timings = {"answer": round((time.perf_counter() - started) * 1000, 1)}
    return out.answer(decision.status, notes=[fill("extractive", "reworded_note")] if reworded else None,
                      timings=timings)
