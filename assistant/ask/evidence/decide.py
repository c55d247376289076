"""Deciding from scored sentences: which of each report's sentences states what was asked, and whether
the reports answer, only speak of the topic, or say nothing of it.

Shared by the routes that answer from the reports' sentences (the sentence route, comparisons of two
years): each asks `decide_for` about the reports it needs and writes its own answer.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from index import vocabulary as vocab

from ..question import Question
from ..tuning import Decide, Tuning
from .bank import Sentences
from .figure_kinds import only_counts_named, states_given
from .figures import asked_figures, hedged, rounds_to, states_ordinal, totals_several
from .lexicon import variants
from .matching import modifier_present, quoted_in, specific_terms_present, stands, weights
from .scoring import YEAR_PHRASE, Evidence, place_quote, score_sentence


@dataclass
class Decision:
    status: str
    found: list[Evidence] = field(default_factory=list)
    topic_only: list[Evidence] = field(default_factory=list)


def qualifies(q: Question, ev: Evidence, d: Decide) -> bool:
    """Does this sentence state what was asked (the figure of the asked kind, tied to the asked thing)?"""
    if ev.other_kind or ev.kind_before or ev.other_year or ev.lacks_kind or ev.lacks_negation:  # "受理…157件" is no 审结
        return False
    if q.wants_number:
        # no words of a topic ("大同镇24年罚了多少人?": 罚 is one character) answer a fact with any figure of the unit
        # only where a condition or a listing asks for every such figure ("哪些报告里有达到100%的指标?")
        return ev.number is not None and ev.object_cov >= d.object_coverage and not ev.lacks_action and not ev.unnamed and \
            states_given(q, ev) and not totals_several(q, ev.sentence.norm) and \
            (ev.coverage >= d.number_coverage or not q.terms and (q.condition is not None or q.aggregate))
    text = ev.sentence.lead_norm + ev.sentence.norm
    return ev.coverage >= d.text_coverage and not ev.lacks_specific and not ev.loose_rank \
        and not only_counts_named(q, ev.sentence.norm) \
        and (not q.wants_ordinal or states_ordinal(text)) \
        and not (q.forms.needs_name and not vocab.names_person(text)) \
        and names_body_asked(q, text)


def names_body_asked(q: Question, text: str) -> bool:
    """"社区法律顾问是哪个律所的?": a sentence naming no 律师事务所 ("配备了兼职法律顾问") names none."""
    return q.named_body is None or any(stands(w, text) for w in (q.named_body,) + variants(q.named_body))


def on_topic(q: Question, ev: Evidence, d: Decide) -> bool:
    """Does the sentence speak of the asked thing, figure or not?

    Most words naming the asked thing must stand in the sentence, the modifier
    of a short compound always ("行政复议申请" is not "行政许可申请").
    """
    target = q.object_terms or q.terms
    if not target:
        return False
    text = ev.sentence.lead_norm + ev.sentence.norm
    present = [t for t in target if stands(t, text)]
    return ev.coverage >= d.topic_coverage and modifier_present(target, present) and len(present) >= len(target) / 2 \
        and specific_terms_present(target, text + ev.sentence.previous_norm)


def coverage_floor(q: Question, d: Decide) -> float:
    """The least coverage with which a sentence can count at all (qualify, or be on the topic)."""
    return min(d.number_coverage if q.wants_number else d.text_coverage, d.topic_coverage)


def sentences_to_score(q: Question, bank: Sentences, report_ids: list[str], w: dict[str, float], d: Decide) -> dict:
    """Per report, the sentences that can reach the coverage floor (see term_hits.py): the same
    answer as scoring every sentence, at the cost of the few that can matter. A question without
    terms (any figure of the asked unit) has no such bound: then every sentence is scored."""
    if not q.terms:
        return {rid: bank.of_report(rid) for rid in report_ids}
    return bank.candidates(q.term_groups, w, coverage_floor(q, d), report_ids)


def all_known(q: Question, ev: Evidence, known: set[str]) -> bool:
    """Does the sentence (with its heading and the sentence before) hold every asked word the reports
    use, of one alternative? Of two sentences that state a figure, the one lacking an asked word
    ("受理") states another."""
    return any(set(group) & known <= set(ev.matched) for group in q.term_groups)


def best_sentence(q: Question, scored: list[Evidence], known: set[str], d: Decide) -> Evidence:
    """The best of one report's scored sentences: of those that qualify (else all), the ones scoring
    close to the best, and of them one that writes the quoted phrases itself (not only its heading: "哪些
    报告提到了“放管服”" cites the line that says 放管服), then one holding every asked word if any does."""
    pool = [e for e in scored if qualifies(q, e, d)] or scored
    lead = max(scored, key=lambda e: e.score)
    # the report says most of it with a figure of another kind ("新增…3名" for 一共多少名), or only counts the things
    # whose names are asked ("对4家单位开展督察"): not stated, and no weaker sentence says it instead
    if (q.wants_number and lead.other_kind or only_counts_named(q, lead.sentence.norm)) \
            and max(e.score for e in pool) < d.complete_near * lead.score:
        return lead
    top = max(e.score for e in pool)
    close = [e for e in pool if e.score >= d.complete_near * top]
    return exactly_stated(max(close, key=lambda e: (writes_phrases(q, e), all_known(q, e, known), e.score)), pool)


def writes_phrases(q: Question, ev: Evidence) -> bool:
    """Does the sentence itself (with its enumeration lead) write every phrase the question quotes?"""
    return all(quoted_in(p, ev.sentence.lead_norm + ev.sentence.norm) for p in q.phrases if not YEAR_PHRASE.fullmatch(p))


def exactly_stated(chosen: Evidence, pool: list[Evidence]) -> Evidence:
    """A figure the report states roughly ("纠错率约为24%") and, in another sentence that states what was
    asked, exactly ("纠错率24.2%"): the exact statement of it."""
    n = chosen.number
    if n is None or not hedged(chosen.sentence.norm, n):
        return chosen
    exact = [e for e in pool if e.number is not None and rounds_to(e.number, n) and not hedged(e.sentence.norm, e.number)]
    return max(exact, key=lambda e: e.score, default=chosen)


def wants_more(q: Question, best: Evidence, d: Decide) -> bool:
    """Several figures asked ("哪两天") and the report's best sentence states fewer (one date of two)."""
    return q.several > 1 and q.wants_number and qualifies(q, best, d) and asked_figures(q, best.sentence.norm) < q.several


def several_of_report(q: Question, scored: list[Evidence], best: Evidence, d: Decide) -> list[Evidence]:
    """"哪两天…": besides its best, the report's best other sentences that state what was asked, up to
    the number asked, in the report's order (each is one of the things asked, and may score lower: the
    question says there are that many)."""
    others = [e for e in scored if e is not best and e.sentence.norm != best.sentence.norm and qualifies(q, e, d)]
    chosen = [best] + sorted(others, key=lambda e: -e.score)[:q.several - 1]
    return sorted(chosen, key=scored.index)


def action_pairs(q: Question, written: Callable[[str], bool]) -> list[tuple[str, str]]:
    """What the question says was done to the counted thing (`Question.procedure`), when the reports
    write it as one procedure (`written`: "备案审查"). A figure of the same thing under another procedure
    ("发布…文件指导性案例8件") answers something else."""
    return [(a, b) for a, b in q.procedure if written(a + b)]


def best_per_report(q: Question, bank: Sentences, report_ids: list[str], boosted: set, t: Tuning) -> list[Evidence]:
    """The best-scoring sentence of each report (its best few where several things are asked), best report first."""
    df = {term: bank.df(term) for term in q.terms}
    w, known = weights(q.terms, df, bank.total, t.match), {term for term, n in df.items() if n}
    best = []
    pool = sentences_to_score(q, bank, report_ids, w, t.decide)
    actions = action_pairs(q, bank.in_reports) if q.wants_number else []
    for rid in report_ids:
        scored = []
        for s in pool.get(rid, []):
            ev = score_sentence(q, w, s, known, t)
            ev.lacks_action = any(not {a, b} & set(ev.matched) for a, b in actions)
            ev.score += t.decide.retrieval_bonus if (rid, s.paragraph) in boosted else 0.0
            scored.append(ev)
        if not scored:
            continue
        first = best_sentence(q, scored, known, t.decide)
        chosen = several_of_report(q, scored, first, t.decide) if wants_more(q, first, t.decide) else [first]
        best += [place_quote(e, w, t) for e in chosen]
    top = {}
    for e in best:
        top[e.sentence.report_id] = max(top.get(e.sentence.report_id, e.score), e.score)
    return sorted(best, key=lambda e: -top[e.sentence.report_id])  # stable: a report's sentences stay in order


def decide(q: Question, best: list[Evidence], d: Decide) -> Decision:
    found = [e for e in best if qualifies(q, e, d)]
    if found and not q.aggregate:  # the best report, and others scoring near it; the best's other asked things too
        lead = max(found, key=lambda e: e.score)
        found = [e for e in found if e.score >= d.near_best * lead.score or e.sentence.report_id == lead.sentence.report_id]
    chosen = {id(e) for e in found}  # by identity: comparing Evidence by value is slow and says nothing more
    topic = [e for e in best if id(e) not in chosen and on_topic(q, e, d)] if (q.wants_number or not found) else []
    return Decision("answered" if found else "not_found", found, topic)


def decide_for(q: Question, bank: Sentences, ids: list[str], other_years: list[str], boosted: set,
               t: Tuning) -> Decision:
    """Decide over the named reports; when those of the asked year do not answer, look in the
    named reports of other years for sentences that state the asked year ("2024年计划…")."""
    decision = decide(q, best_per_report(q, bank, ids, boosted, t), t.decide)
    if decision.status == "answered" or not other_years:
        return decision
    dated = replace(q, phrases=q.phrases + [f"{y}年" for y in q.years])
    fallback = decide(dated, best_per_report(dated, bank, other_years, boosted, t), t.decide)
    return fallback if fallback.status == "answered" else decision
