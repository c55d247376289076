"""The default answerer: grounded, extractive, no LLM.

question → analysis → target reports → every sentence of those reports scored
→ a decision (answered / topic only / not found) → the answer written from the
reports' own words with templates in prompts/extractive.toml. A figure can only
reach the answer inside a quoted sentence, so none is ever invented.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

from .bank import Sentences
from .contract import Answer, Citation, cite_row, report_name, who
from .evidence import (Evidence, modifier_present, place_quote, score_sentence, specific_terms_present, term_match,
                       weights)
from .prompts import fill
from .question import Question, analyse
from . import meta_answer
from .targets import agency_words, resolve

RETRIEVAL_BONUS = 0.05  # a sentence in a passage hybrid retrieval ranked high (carries the dense signal)
NEAR_BEST = 0.85  # other reports are listed for a fact question when this close to the best
# Decision thresholds, checked on the dev and real gold sets by benchmarks/bench_answers.py --thresholds
# (tuned on one half of the questions, held out on the other).
NUMBER_COVERAGE = 0.4  # share of the question's words a sentence stating the asked figure must hold
TEXT_COVERAGE = 0.6  # the same for questions answered by a sentence rather than a figure
TOPIC_COVERAGE = 0.5  # a sentence that speaks of the asked thing without answering (named in a refusal)
META_WORDS = set("各份 份 哪一 一年 发布 时间 日期 印发 名称 标题 哪些 单位 年度 报告 分别 有哪些 属于".split())


@dataclass
class Decision:
    status: str
    found: list[Evidence] = field(default_factory=list)
    topic_only: list[Evidence] = field(default_factory=list)


def qualifies(q: Question, ev: Evidence) -> bool:
    """Does this sentence state what was asked (the figure of the asked kind, tied to the asked thing)?"""
    if q.wants_number:
        return ev.number is not None and ev.object_cov >= 0.5 and (ev.coverage >= NUMBER_COVERAGE or not q.terms)
    return ev.coverage >= TEXT_COVERAGE


def on_topic(q: Question, ev: Evidence) -> bool:
    """Does the sentence speak of the asked thing, figure or not?

    Most words naming the asked thing must stand in the sentence, the modifier
    of a short compound always ("行政复议申请" is not "行政许可申请").
    """
    target = q.object_terms or q.terms
    if not target:
        return False
    text = ev.sentence.lead_norm + ev.sentence.norm
    present = [t for t in target if term_match(t, text) >= 0.7]
    return ev.coverage >= TOPIC_COVERAGE and modifier_present(target, present) and len(present) >= len(target) / 2 \
        and specific_terms_present(target, text + ev.sentence.previous_norm)


def coverage_floor(q: Question) -> float:
    """The least coverage with which a sentence can count at all (qualify, or be on the topic)."""
    return min(NUMBER_COVERAGE if q.wants_number else TEXT_COVERAGE, TOPIC_COVERAGE)


def sentences_to_score(q: Question, bank: Sentences, report_ids: list[str], w: dict[str, float]) -> dict:
    """Per report, the sentences that can reach the coverage floor (see term_hits.py): the same
    answer as scoring every sentence, at the cost of the few that can matter. A question without
    terms (any figure of the asked unit) has no such bound: then every sentence is scored."""
    if not q.terms:
        return {rid: bank.of_report(rid) for rid in report_ids}
    return bank.candidates(q.term_groups, w, coverage_floor(q), report_ids)


def best_per_report(q: Question, bank: Sentences, report_ids: list[str], boosted: set) -> list[Evidence]:
    """The best-scoring sentence of each report, best report first."""
    df = {t: bank.df(t) for t in q.terms}
    w, known = weights(q.terms, df, bank.total), {t for t, n in df.items() if n}
    best = []
    pool = sentences_to_score(q, bank, report_ids, w)
    for rid in report_ids:
        scored = []
        for s in pool.get(rid, []):
            ev = score_sentence(q, w, s, known)
            ev.score += RETRIEVAL_BONUS if (rid, s.paragraph) in boosted else 0.0
            scored.append(ev)
        if scored:
            best.append(place_quote(max(scored, key=lambda e: (qualifies(q, e), e.score)), w))
    return sorted(best, key=lambda e: -e.score)


def decide(q: Question, best: list[Evidence]) -> Decision:
    found = [e for e in best if qualifies(q, e)]
    if found and not q.aggregate:
        found = [e for e in found if e.score >= NEAR_BEST * found[0].score]
    chosen = {id(e) for e in found}  # by identity: comparing Evidence by value is slow and says nothing more
    topic = [e for e in best if id(e) not in chosen and on_topic(q, e)] if (q.wants_number or not found) else []
    return Decision("answered" if found else "not_found", found, topic)


def decide_for(q: Question, bank: Sentences, ids: list[str], other_years: list[str], boosted: set) -> Decision:
    """Decide over the named reports; when those of the asked year do not answer, look in the
    named reports of other years for sentences that state the asked year ("2024年计划…")."""
    decision = decide(q, best_per_report(q, bank, ids, boosted))
    if decision.status == "answered" or not other_years:
        return decision
    dated = replace(q, phrases=q.phrases + [f"{y}年" for y in q.years])
    fallback = decide(dated, best_per_report(dated, bank, other_years, boosted))
    return fallback if fallback.status == "answered" else decision


def statement(ev: Evidence) -> str:
    return ev.quote.strip().rstrip("。;；")


def compose(q: Question, decision: Decision, rows: dict) -> tuple[str, list[Citation]]:
    """Answer text with [n] markers and the matching citations."""
    cites: list[Citation] = []

    def cite(ev: Evidence) -> int:
        cites.append(cite_row(len(cites) + 1, rows[ev.sentence.report_id], ev.sentence.section_display,
                              ev.sentence.paragraph, ev.quote))
        return len(cites)

    lines = []
    if decision.status == "not_found":
        what = f"“{q.text}”所问的内容"
        if decision.topic_only:
            ev = decision.topic_only[0]
            return fill("extractive", "not_found_topic", what=what, who=who(rows[ev.sentence.report_id]),
                        statement=statement(ev), n=cite(ev)), cites
        return fill("extractive", "not_found", what=what), cites
    if len(decision.found) == 1 and not decision.topic_only:
        ev = decision.found[0]
        return fill("extractive", "one_fact", who=who(rows[ev.sentence.report_id]), statement=statement(ev),
                    n=cite(ev)), cites
    lines.append(fill("extractive", "many_facts_intro" if q.wants_number else "mention_intro"))
    for ev in decision.found:
        lines.append("- " + fill("extractive", "fact_line", who=who(rows[ev.sentence.report_id]),
                                 statement=statement(ev), n=cite(ev)))
    if decision.topic_only:
        lines.append(fill("extractive", "topic_only_intro"))
        for ev in decision.topic_only:
            lines.append("- " + fill("extractive", "topic_only_line", who=who(rows[ev.sentence.report_id]),
                                     statement=statement(ev), n=cite(ev)))
    return "\n".join(lines), cites


def is_metadata_question(q: Question) -> bool:
    return q.metadata and all(t in META_WORDS for t in q.terms)


def target_refusal(question: str, targets, rows: dict, chosen: list[dict]) -> Answer | None:
    """A place, agency or year the question names that no report is about: say which reports exist."""
    if targets.unknown_places:
        agencies = "、".join(sorted({report_name(r) for r in rows.values()}))
        text = fill("extractive", "unknown_place", places="、".join(targets.unknown_places), agencies=agencies)
    elif targets.unknown_agency:
        agencies = "、".join(sorted({who(r) for r in chosen}))
        text = fill("extractive", "unknown_agency", agency=targets.unknown_agency, agencies=agencies)
    elif targets.missing_year and not targets.other_years:
        years = "、".join(sorted({str(r["year"]) for r in chosen if r.get("year")}))
        text = fill("extractive", "missing_year", year=targets.missing_year, years=years or "未知")
    else:
        return None
    return Answer(question, "not_found", "extractive", text)


def about_documents(q: Question, chosen: list[dict], bank: Sentences, targets) -> Answer | None:
    """Metadata and page-information questions; None for questions about the reports' content."""
    named = bool(targets.phrases) or len(chosen) == 1
    if not named and not q.aggregate and meta_answer.asks_who_or_when(q):  # "中新网转发的那份报告是哪个部门的?": find it by content
        found = bank.index.search(q.text, 1, {r["report_id"] for r in chosen})
        chosen, named = ([row for row in chosen if row["report_id"] == found[0].report_id], True) if found else (chosen, False)
    return ((meta_answer.who_answer(q, chosen, bank) if named else None)
            or (meta_answer.page_answer(q, chosen) if named else None)
            or meta_answer.listing_answer(q, chosen, bank, agency_words(q, targets.phrases))
            or (meta_answer.list_reports(q, chosen, bank) if is_metadata_question(q) else None))


def answer(question: str, index, bank: Sentences, allowed: set[str] | None = None) -> Answer:
    """The extractive answer to one (validated) question."""
    rows = {rid: r for rid, r in index.report_rows().items() if allowed is None or rid in allowed}
    if not rows:
        return Answer(question, "not_found", "extractive", fill("extractive", "empty_index"))
    q0 = analyse(question)
    targets = resolve(q0, list(rows.values()), bank.in_reports)
    q = analyse(question, targets.phrases)
    chosen = [rows[rid] for rid in targets.report_ids] if targets.report_ids is not None else list(rows.values())
    refusal = target_refusal(question, targets, rows, chosen or [rows[r] for r in targets.named])
    if refusal:
        return refusal
    documents = about_documents(q, chosen, bank, targets)
    if documents:
        return documents
    ids = [r["report_id"] for r in chosen]
    started = time.perf_counter()
    searched = set(ids + targets.other_years)
    boosted = {(h.report_id, p) for h in index.search(question, 10, searched) for p in range(h.paragraph, h.para_end + 1)}
    retrieved = time.perf_counter()
    decision = decide_for(q, bank, ids, targets.other_years, boosted)
    if decision.status == "not_found" and targets.missing_year:
        return target_refusal(question, replace(targets, other_years=[]), rows, [rows[r] for r in targets.named])
    text, cites = compose(q, decision, rows)
    if decision.status == "answered" and targets.placeless:
        text += "\n" + fill("extractive", "placeless_note", who="、".join(sorted({report_name(rows[r]) for r in targets.placeless})),
                            places="、".join(q.places))
    timings = {"retrieve": round((retrieved - started) * 1000, 1),
               "answer": round((time.perf_counter() - retrieved) * 1000, 1)}
    return Answer(question, decision.status, "extractive", text, cites, timings)
