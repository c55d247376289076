"""A figure asked in other words than the report's: taken when meaning and words agree on one clause.

The lexical decision (decide.py) refuses when too few of the question's words stand in a sentence:
"贵州省教育厅2022年审核确认教师资格的业务一共办了多少件?" holds 教师资格 but not 办理…认定, which the
report writes ("办理教师资格证认定2568件"). Here the embedder's similarity of the question to each
figure's clause is a second reader: a sentence is taken only when it is the report's best by words as
well as by meaning, leads the next clause by a margin, and carries none of the flags that say it states
another thing (another kind, another year, a thing the question names missing). Only for a question that
names its report, so the similarity picks a clause inside one report, never a report.

The same reader checks the words' answer where they leaned on words no report uses ("跨地区办成的事项"):
when another figure's clause of the report is clearly more similar to the question than the chosen one,
the words' choice is disputed and the question is refused rather than answered with the wrong figure.
"""
from __future__ import annotations

from collections.abc import Callable

from ..question import Question
from ..tuning import Tuning
from .bank import Sentences
from .clauses import clause_window
from .lexicon import writes_every_kind
from .matching import weights
from .figure_kinds import names_own_thing, states_given
from .figures import totals_several
from .scoring import Evidence, figure_among_asked, place_quote, score_sentence

Similar = Callable[[str, list[str]], "list[float] | None"]


def blocked(q: Question, ev: Evidence, t: Tuning) -> bool:
    """Flags that say the sentence states something else than what was asked (scoring.Evidence), a figure
    that goes on to name what it counts in none of the question's words ("聘任27名…行业指导员"), a figure
    too loosely tied to the question's words, or a kind of measure the question names (受理, 出庭率, 行政复议:
    prompts/contrasts.txt) that the sentence itself does not write: meaning is not trusted to tell kinds apart."""
    text = ev.sentence.lead_norm + ev.sentence.norm
    return ev.number is None or names_own_thing(q, ev.sentence.norm, ev.number) or ev.other_kind \
        or ev.kind_before or ev.other_year or ev.lacks_kind or ev.lacks_negation \
        or ev.lacks_action or ev.unnamed or ev.lacks_specific or ev.link < t.paraphrase.min_link \
        or not writes_every_kind(q.kinds, text) or not figure_among_asked(q, ev) or not states_given(q, ev) \
        or totals_several(q, ev.sentence.norm)


def candidates(q: Question, bank: Sentences, report_ids: list[str], t: Tuning) -> list[Evidence]:
    """The named reports' unflagged sentences with a figure of the asked kind, best by words first; none
    that holds clearly fewer of the question's words than another sentence of its report: when a
    sentence without a figure speaks of the asked thing best ("在区委常委会…专题听取法治政府建设工作汇报"),
    the report names it without stating its figure, and a figure elsewhere is of something else."""
    kept = []
    for rid in report_ids:
        scored, w = report_evidence(q, bank, rid, t)
        top = max((e.coverage for e in scored), default=0.0)
        kept += [e for e in scored if not blocked(q, e, t) and e.coverage >= t.decide.complete_near * top]
    kept.sort(key=lambda e: -e.score)
    return [place_quote(e, w, t) for e in kept[:t.paraphrase.candidates]]


def report_evidence(q: Question, bank: Sentences, report_id: str, t: Tuning) -> tuple[list[Evidence], dict[str, float]]:
    """Every sentence of one report scored for the question (a named report: a few hundred at most), and
    the term weights they were scored with."""
    df = {term: bank.df(term) for term in q.terms}
    w, known = weights(q.terms, df, bank.total, t.match), {term for term, n in df.items() if n}
    return [score_sentence(q, w, s, known, t) for s in bank.of_report(report_id)], w


def figure_clause(ev: Evidence) -> str:
    lo, hi = clause_window(ev.sentence.norm, ev.number.start)
    return ev.sentence.norm[lo:hi]


def rescue(q: Question, bank: Sentences, report_ids: list[str], t: Tuning, similar: Similar) -> Evidence | None:
    """The sentence stating the asked figure in other words, or None (see the module docstring)."""
    p = t.paraphrase
    if not (q.wants_number and q.terms and not q.aggregate and 0 < len(report_ids) <= p.max_reports) \
            or unwritten_code(q, bank):
        return None
    pool = candidates(q, bank, report_ids, t)
    clauses = list(dict.fromkeys(figure_clause(e) for e in pool))
    # The words' best clause must be the most similar and similar enough: when it is not similar enough,
    # no other clause can make it so, and the others are not embedded (each costs a passage embedding).
    first = similar(q.text, clauses[:1]) if clauses else None
    if not first or first[0] < p.similarity:
        return None
    rivals = similar(q.text, clauses[1:]) if len(clauses) > 1 else []
    if rivals is None or (rivals and first[0] - max(rivals) < p.margin):
        return None
    return pool[0]


def unwritten_code(q: Question, bank: Sentences) -> bool:
    """Does the question name a thing by a code in Latin letters ("PM2.5", "ISO9001") that no report
    writes? A code has no other wording, so meaning cannot find it said in other words."""
    return any(any("a" <= ch <= "z" for ch in term) and not bank.df(term) for term in q.terms)


def disputed(q: Question, bank: Sentences, found: Evidence, t: Tuning, similar: Similar) -> bool:
    """Is the words' answer to a question with words no report uses ("跨地区") clearly less similar to
    the question than another figure's clause of its report (see the module docstring)?"""
    if not (q.wants_number and not q.aggregate and found.number is not None
            and any(not bank.df(term) for term in q.terms)):
        return False
    scored, _ = report_evidence(q, bank, found.sentence.report_id, t)
    rivals = sorted((e for e in scored if e.number is not None and not e.unnamed), key=lambda e: -e.score)
    own = figure_clause(found)
    clauses = list(dict.fromkeys([own] + [figure_clause(e) for e in rivals[:t.paraphrase.candidates]]))
    sims = similar(q.text, clauses) if len(clauses) > 1 else None
    return bool(sims) and max(sims[1:]) - sims[0] >= t.paraphrase.margin
