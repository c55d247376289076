"""One record per question: what the pipeline learned about it, built once and handed to every route.

Routes and the LLM step read the analysis, the targets and the search hits from
here instead of working them out again, so a question is analysed once (plus
the deliberate second pass without the report names targeting matched), its
reports targeted once, and searched and embedded once.
"""
from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field, replace

from index.reads import ReadView

from .evidence.bank import Sentences
from .question import Question, analyse
from .report_set import read_report_set
from .targets import Targets, names_something, resolve
from .tuning import Tuning


def no_text(*_) -> bool:
    """A stand-in for `Sentences.in_reports` that finds nothing: targets by metadata and file names only."""
    return False


@dataclass
class Asked:
    text: str  # the standalone question (a follow-up already rewritten), validated
    index: ReadView  # what routes may read of the index (never its catalog, never a write)
    bank: Sentences  # the sentence view this question reads from start to end
    tuning: Tuning
    scope: set[str] | None  # report ids the user's filters allow; None: every report
    rows: dict[str, dict]  # the reports in scope, by id
    first: Question  # the question analysed before targeting: the text names are matched in
    targets: Targets
    question: Question  # analysed again with the matched report names taken out of the topic words
    chosen: list[dict]  # the reports the question is about (all in scope when it names none)
    timings_ms: dict[str, float] = field(default_factory=dict)
    _hits: list | None = None

    @property
    def searched(self) -> set[str]:
        """Where to search: the chosen reports, and the named reports of other years (they may state
        the asked year's plans, "2024年计划…")."""
        return {r["report_id"] for r in self.chosen} | set(self.targets.other_years)

    @property
    def searched_once(self) -> bool:
        return self._hits is not None

    def hits(self) -> list:
        """The hybrid-search hits, best first: one search (and one query embedding) per question, as
        deep as the deepest stage needs; each stage takes the top it uses."""
        if self._hits is None:
            started = time.perf_counter()
            depth = max(self.tuning.search.boost_hits, self.tuning.search.llm_hits)
            self._hits = self.index.search(self.text, depth, self.searched)
            self.timings_ms["retrieve"] = round((time.perf_counter() - started) * 1000, 1)
        return self._hits

    @functools.cached_property
    def names_something(self) -> bool:
        """Does the question (as first read) name a place, agency, year or report title of these reports?"""
        return names_something(self.first, list(self.rows.values()))

    @functools.cached_property
    def table_targets(self) -> Targets:
        """The reports the question names by metadata and file names alone: the indicator table answers
        only for reports it can name that way; a place only a report's text mentions goes the
        sentence route, which reads the text."""
        return resolve(self.first, list(self.rows.values()), no_text)


def build(text: str, index: ReadView, bank: Sentences, tuning: Tuning, scope: set[str] | None) -> Asked:
    """Analyse the question and find the reports it is about (stages 2 and 3 of the pipeline)."""
    rows = {rid: r for rid, r in index.report_rows().items() if scope is None or rid in scope}
    first = analyse(text)
    targets = resolve(first, list(rows.values()), bank.in_reports)
    question = analyse(text, targets.phrases)
    if targets.department:  # a department inside its place's report: only sentences that name it answer
        question = replace(question, phrases=question.phrases + [targets.department])
    question.report_set = read_report_set(question, targets.phrases, bank.df)
    chosen = [rows[rid] for rid in targets.report_ids] if targets.report_ids is not None else list(rows.values())
    return Asked(text, index, bank, tuning, scope, rows, first, targets, question, chosen)
