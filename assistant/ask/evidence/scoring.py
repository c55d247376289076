"""Sentence-level evidence: how well one report sentence answers the question.

Scores are built from plain features a reader can check: which question terms
(or their domain synonyms, or abbreviations) the sentence contains, weighted by
rarity; whether it holds a number of the asked kind (unit, percentage); and
whether that number sits next to what is being counted, in the same clause.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from index import vocabulary as vocab

from ..question import Question
from ..tuning import Link, Match, Tuning
from .clauses import CLAUSE_BREAK, clause_bounds, clause_window, quote_span
from .figures import (
    NumberHit,
    dates,
    ordinal_starts,
    fits,
    numbers,
    same_units,
    satisfies,
    year_stated,
    years_before,
)
from .figure_kinds import other_kind_figure
from .lexicon import kind_before, lacks_named_kind, names_other_kind
from .matching import (
    coverage,
    modifier_present,
    quoted_in,
    specific_terms_present,
    stands,
    term_match,
)

YEAR_PHRASE = re.compile(r"\d{4}年")


@dataclass(slots=True)  # a province's reports hold millions: slots halve their memory
class Sentence:
    report_id: str
    paragraph: int
    text: str  # original script
    norm: str  # normalised, same length as text
    section: str  # normalised section path
    section_display: str  # the section path in the report's own script
    lead: str = ""  # the enumeration lead right before it ("三是完善法律顾问聘任制度,防范风险。"), original script
    lead_norm: str = ""
    following: str = ""  # the next sentence of the paragraph, original script (adjacent in the text)
    previous_norm: str = ""  # the sentence before it in the paragraph: its subject often stands there


@dataclass
class Evidence:
    sentence: Sentence
    score: float
    coverage: float
    number: NumberHit | None = None
    link: float = 0.0
    object_cov: float = 0.0
    span: tuple[int, int] = (0, 0)  # the quoted part of the sentence
    figures: list[NumberHit] = field(default_factory=list)  # one per asked thing found, when several are asked
    with_following: bool = False  # a short introductory sentence is quoted with the one after it
    matched: list[str] = field(default_factory=list)
    lacks_specific: bool = False  # a specific asked term the reports use (行政复议) is not in it or its context
    lacks_action: bool = False  # no word of the asked action the reports name as one (备案审查) is in it or its context
    other_kind: bool = False  # states another kind of the measure asked (审结 for 受理: prompts/contrasts.txt)
    unnamed: bool = False  # no word of the question stands in it: only its heading or the sentence before names them
    kind_before: bool = False  # the asked kind of figure (审结) is written in the sentence before, not in this one
    lacks_kind: bool = False  # no wording of a kind of thing the question names (行政诉讼) is in it or its context
    other_year: bool = False  # the figure is stated of another year than the asked ("2022年…第10位" for 2023)
    loose_rank: bool = False  # a rank asked, and no rank of the sentence stands among the asked thing's words
    lacks_negation: bool = False  # a word saying what did not happen (不予公开) is not in it: no paraphrase says it

    @property
    def quote(self) -> str:
        """The quoted words; the enumeration lead comes along when the quote starts the sentence."""
        s = self.sentence
        text = s.text[self.span[0]:self.span[1]]
        if self.with_following and self.span[1] == len(s.text):
            text += s.following
        return s.lead + text if self.span[0] == 0 and s.lead else text


def names_another_thing(q: Question, target: list[str], known: set[str], text: str) -> bool:
    """The counted thing has a word no report uses (占道经营…事项) and the sentence also lacks one the
    reports do use: it counts another thing of the same kind ("共享单车违规停放劝导事项"), not the asked one."""
    unknown = [t for t in q.object_terms if t not in known]
    return bool(unknown) and any(not stands(t, text) for t in target if t != q.head_term)


def link_strength(q: Question, w: dict[str, float], norm: str, n: NumberHit, known: set[str], t: Tuning,
                  context: str = "", group: list[str] | None = None) -> tuple[float, float]:
    """(share of the counted thing's words around the number, overall link strength).

    The words naming what is counted must stand in the number's clause or its
    neighbours (words found nowhere in the reports are a paraphrase, not
    evidence against); the head word right next to the number adds certainty
    ("12名执法人员", "出庭应诉率达100%").
    """
    link: Link = t.link
    asked = q.object_terms or q.terms
    if group is not None and len(q.term_groups) > 1:  # "A的次数或B数": each alternative counts its own thing
        asked = [term for term in asked if term in group] or group
    target = [term for term in asked if term in known]
    if not target:  # the counted thing in words no report uses: a paraphrase, unless a specific term names it
        return (0.0, 0.0) if any(len(term) >= 4 for term in asked) else (link.unknown_link, link.unknown_link)
    lo, hi = clause_window(norm, n.start)
    if reaches_start(q, norm, n):
        lo = 0
    weights_ = {term: w.get(term, 1.0) for term in target}
    # A window that starts the sentence continues the subject of the one before or of its heading
    # ("…收到行政复议申请1113件。受理1033件"): those count as context does in coverage.
    cov, matched = coverage(target, weights_, norm[lo:hi], t.match, context if lo == 0 else "")
    # The modifier may be the subject the sentence's clauses share, written before the window ("提升行政复议
    # 工作水平,全年受理…129件,审结122件,纠错率18.6%": the 18.6% is 行政复议's 纠错率).
    subject = [term for term in target[:1] if lo and stands(term, norm[:lo])]
    if not modifier_present(target, matched + subject) or not specific_terms_present(target, norm + context) \
            or names_another_thing(q, target, known, norm + context):
        cov = min(cov, link.unlinked_cap)
    near = norm[max(0, n.start - link.window):n.end + link.window]
    close = term_match(q.head_term, near, t.match) if q.head_term else coverage(target, weights_, near, t.match)[0]
    return cov, link.words_share * cov + link.head_share * close


def reaches_start(q: Question, norm: str, n: NumberHit) -> bool:
    """Is what the figure is of written from the sentence's start? When its own clause names the measure
    asked ("累计参考人数32886人") and no figure of that kind stands before it, the sentence's start says
    whose it is ("全县各级干部参加专题考试6场次,累计参考单位583个,累计参考人数32886人")."""
    own_lo, own_hi = clause_bounds(norm, n.start)
    return bool(q.head_term) and stands(q.head_term, norm[own_lo:own_hi]) \
        and not any(fits(q, other) for other in numbers(norm[:own_lo]))


def item_figure(item, w: dict[str, float], norm: str, known: set[str], t: Tuning) -> tuple[NumberHit, float] | None:
    """The figure of one asked thing in a sentence: a number of its kind (a percentage for a rate, its
    measure word) whose clause, with one either side, holds most of its words (a word no report uses
    is a paraphrase: it neither confirms nor rules out), and whose own clause states no other kind of a
    measure the thing names ("会前学法20次" is no count of 会前培训)."""
    target = [word for word in item.words if word in known]
    best = None
    for n in numbers(norm):
        if (item.rate and not n.percent) or (item.unit and (not n.unit or n.unit not in same_units(item.unit))) \
                or not (item.rate or item.unit or n.unit or n.percent) \
                or names_other_kind(item.kinds, norm[slice(*clause_bounds(norm, n.start))]):
            continue
        lo, hi = clause_window(norm, n.start)
        cov = coverage(target, {word: w.get(word, 1.0) for word in target}, norm[lo:hi], t.match)[0] if target \
            else t.link.unknown_link
        if best is None or cov > best[1]:
            best = (n, cov)
    return best if best and best[1] >= t.decide.object_coverage else None


def items_evidence(q: Question, w: dict[str, float], s: Sentence, known: set[str], t: Tuning, ev: Evidence) -> Evidence:
    """Several things asked at once: the share of them whose figure the sentence states is its object
    coverage, their figures its focus."""
    found = [hit for hit in (item_figure(item, w, s.norm, known, t) for item in q.items) if hit]
    ev.figures = [n for n, _ in found]
    ev.number = ev.figures[0] if found else None
    ev.object_cov = len(found) / len(q.items)
    ev.link = sum(cov for _, cov in found) / len(q.items)
    return scored(ev, t)


def number_evidence(q: Question, w: dict[str, float], s: Sentence, known: set[str], t: Tuning, ev: Evidence,
                    group: list[str], context: str) -> Evidence:
    """One figure asked: the number of the asked kind most strongly linked to the counted thing."""
    candidates = dates(s.norm) if q.wants_date else [n for n in numbers(s.norm) if fits(q, n) and satisfies(q.condition, n)
                                                     and (n.value, n.unit) not in q.stated]
    given = given_clauses(q, s.norm)
    candidates = [n for n in candidates if clause_bounds(s.norm, n.start) not in given]
    hits = [(link_strength(q, w, s.norm, n, known, t, context + s.lead_norm, group), other_kind_figure(q, s.norm, n), n)
            for n in candidates]
    (ev.object_cov, ev.link), ev.other_kind, ev.number = max(
        hits, key=lambda h: (not h[1], h[0][1], -lead_gap(q, s.norm, h[2])), default=((0.0, 0.0), False, None))
    return scored(ev, t)


def given_clauses(q: Question, norm: str) -> list[tuple[int, int]]:
    """The clauses stating a figure the question gives ("扩充至31项,其中…有多少项"): what else they state
    (the "从10项" the 31 grew from) is part of the given fact, not the part asked."""
    return [clause_bounds(norm, n.start) for n in numbers(norm) if (n.value, n.unit) in q.stated] if q.stated else []


def lead_gap(q: Question, norm: str, n: NumberHit) -> int:
    """How far before the number the nearest asked word of its own clause ends: between figures that
    link equally ("受理行政复议申请52件,审结50件" for 审结), the one its own word leads."""
    lo, _ = clause_bounds(norm, n.start)
    ends = [m.end() for term in q.terms for m in re.finditer(re.escape(term), norm[lo:n.start])]
    return n.start - lo - max(ends) if ends else len(norm)


def scored(ev: Evidence, t: Tuning) -> Evidence:
    """A figure's sentence scores its coverage and the figure's link, shared by `figure_share`."""
    share = t.link.figure_share
    ev.score = (1 - share) * ev.coverage + share * ev.link if ev.number else (1 - share) * ev.coverage
    return ev


def score_sentence(q: Question, w: dict[str, float], s: Sentence, known: set[str], t: Tuning) -> Evidence:
    """Best reading of one sentence over the question's alternative term groups.

    `known` are the question terms that occur somewhere in the reports.
    """
    best = Evidence(s, 0.0, 0.0)
    if any(not year_stated(s.lead_norm + s.norm, p) if YEAR_PHRASE.fullmatch(p)
           else not quoted_in(p, s.lead_norm + s.norm + s.previous_norm + s.section) for p in q.phrases):
        return best  # a phrase the user quoted stands as written in the sentence, the one before or its heading
    context = s.section + s.previous_norm  # where a sentence's subject often stands
    for group in q.term_groups:
        cov, matched = coverage(group, w, s.lead_norm + s.norm, t.match, context)
        ev = Evidence(s, cov, cov, matched=matched,
                      lacks_specific=any(len(term) >= 4 and term in known and term not in matched for term in group))
        if q.wants_number:
            single = number_evidence(q, w, s, known, t, Evidence(s, cov, cov, matched=matched), group, context)
            ev = single
            if q.items:  # several things asked: read so, unless reading one figure fits the sentence better
                several = items_evidence(q, w, s, known, t, Evidence(s, cov, cov, matched=matched))
                ev = max((several, single), key=lambda e: (e.number is not None
                                                             and e.object_cov >= t.decide.object_coverage, e.score))
        if ev.score > best.score:
            best = ev
    if best.number is None or best.figures:  # one figure's kind is read by its own words (number_evidence)
        best.other_kind = names_other_kind(q.kinds, s.lead_norm + s.norm, context)
    best.unnamed = bool(q.terms) and not any(stands(term, s.lead_norm + s.norm) for term in q.terms)
    best.kind_before = best.number is not None and kind_before(q.kinds, s.lead_norm + s.norm + s.section, s.previous_norm)
    # several alternatives asked ("法治宣传或讲座") may each name a kind of their own
    best.lacks_kind = len(q.term_groups) == 1 and lacks_named_kind(q.kinds, s.lead_norm + s.norm + context)
    best.other_year = of_other_year(q, s, best.number.start if best.number else len(s.norm))
    best.loose_rank = q.wants_ordinal and not any(rank_tied(q, w, s.norm, pos, known, t) for pos in ordinal_starts(s.norm))
    best.lacks_negation = any(not stands(term, s.lead_norm + s.norm + context) for term in q.negated_terms)
    return best


def figure_among_asked(q: Question, ev: Evidence) -> bool:
    """Does the figure's own clause, or the one before where its subject stands, hold one of the question's words
    the sentence writes ("办理教师资格证认定2568件"; "平均申请材料为1.96个/件,缩减率达37.4%" for "材料减少了百分之几")?
    A figure of clauses holding none of them counts something else of the sentence ("开展…能力提升行动1次,积极参加
    …培训班,培训执法人员50余人次" for "执法人员培训共举办了几期")."""
    written = [term for term in q.terms if term in ev.matched]
    lo, _ = clause_window(ev.sentence.norm, ev.number.start)
    _, hi = clause_bounds(ev.sentence.norm, ev.number.start)
    return any(stands(term, ev.sentence.norm[lo:hi]) for term in written)


def rank_tied(q: Question, w: dict[str, float], norm: str, pos: int, known: set[str], t: Tuning) -> bool:
    """Does the rank at `pos` stand among most of the asked thing's words (its clause and one either side),
    as a figure must, in the jurisdiction asked: "诉讼服务质效评估指标…全市法院第一" does not rank
    全国法治政府评估, nor does "全省…第3位" rank the nation's."""
    target = [term for term in (q.object_terms or q.terms) if term in known]
    lo, hi = clause_window(norm, pos)
    stated = [s for s in vocab.scope_words() if s in norm[lo:hi]]
    if q.scopes and stated and not set(q.scopes) & set(stated):
        return False
    return not target or coverage(target, {term: w.get(term, 1.0) for term in target}, norm[lo:hi], t.match)[0] \
        >= t.decide.object_coverage


def of_other_year(q: Question, s: Sentence, pos: int) -> bool:
    """Does the sentence state what it says up to `pos` (its figure, else all of it) as of a year the
    question does not ask, and never of an asked one?"""
    if not q.years:
        return False
    stated = years_before(s.lead_norm + s.norm, len(s.lead_norm) + pos)
    return bool(stated) and not stated & set(q.years)


def place_quote(ev: Evidence, w: dict[str, float], t: Tuning) -> Evidence:
    """Choose the quoted span of a selected sentence: around its number, else its best clause.

    A short sentence without a figure is often an introduction ("…存在一些问题与不足。")
    whose content is the next sentence: then the quote takes both.
    """
    s = ev.sentence
    if ev.figures:
        focus = (min(n.start for n in ev.figures), max(n.end for n in ev.figures))
    else:
        focus = (ev.number.start, ev.number.end) if ev.number else best_clause(ev.matched, w, s.norm, t.match)
    ev.span = quote_span(s, focus, t.quote.max_chars)
    ev.with_following = ev.number is None and len(s.text) <= t.quote.intro_chars and bool(s.following)
    return ev


def best_clause(terms: list[str], w: dict[str, float], norm: str, m: Match) -> tuple[int, int]:
    """Bounds of the clause holding most of the matched terms (by weight)."""
    breaks = [0] + [b.end() for b in CLAUSE_BREAK.finditer(norm)] + [len(norm)]
    clauses = list(zip(breaks, breaks[1:]))
    return max(clauses, key=lambda c: coverage(terms, w, norm[c[0]:c[1]], m)[0] if terms else 0)
