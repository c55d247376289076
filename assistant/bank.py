"""Every sentence of every indexed report, loaded once and cached until the catalog changes.

The answerer scores sentences, not chunks: a quote must be one or two
sentences, and aggregation questions must consider every report, not only a
global top-k of chunks. The sentences' normalised forms are stored at ingest
(catalog `paragraph_norms`), so loading is one query; `TermHits` then finds
which of them a question's terms can match, so only those are scored.
"""
from __future__ import annotations

import re
import threading

import numpy as np

from index.chunking import SECTION_SEPARATOR
from index.normalize import normalize

from .evidence import Sentence
from .term_hits import TermHits

LEAD = re.compile(r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[,，、]|首先|其次|再次|最后)")
LEAD_MAX = 40  # an enumeration lead is a short topic sentence ("三是完善法律顾问聘任制度,防范风险。")


def paragraph_sentences(report_id: str, n: int, paragraph: str, section: list[str], texts: list[str],
                        section_norm: str | None = None, norms: list[str] | None = None) -> list[Sentence]:
    """The sentences of one body paragraph, each with its lead, the next sentence and the one before."""
    display = SECTION_SEPARATOR.join(section)  # as stored by the catalog (paragraph_norms)
    section_norm = normalize(display) if section_norm is None else section_norm
    norms = norms if norms is not None and len(norms) == len(texts) else [normalize(t) for t in texts]
    out, previous, previous_norm = [], "", ""
    for i, (text, norm) in enumerate(zip(texts, norms)):
        is_lead = bool(previous) and LEAD.match(previous) and len(previous) <= LEAD_MAX and not LEAD.match(text)
        lead, lead_norm = (previous, previous_norm) if is_lead and previous + text in paragraph else ("", "")
        following = texts[i + 1] if i + 1 < len(texts) else ""
        following = following if text + following in paragraph else ""  # only when adjacent: quotes are exact
        out.append(Sentence(report_id, n, text, norm, section_norm, display, lead, lead_norm, following, previous_norm))
        previous, previous_norm = text, norm
    return out


class Sentences:
    """One consistent view of every sentence: a question reads one view from start to end, while a
    refresh for a newer catalog builds the next one beside it (term hit ids index `sentences`)."""

    def __init__(self, index, by_report: dict[str, list[Sentence]]):
        self.index = index
        self.by_report = by_report
        self.sentences = [s for ss in by_report.values() for s in ss]
        self.terms = TermHits([s.norm for s in self.sentences], [s.section for s in self.sentences])

    @property
    def total(self) -> int:
        return len(self.sentences)

    def df(self, term: str) -> int:
        """In how many sentences a term (or a synonym/abbreviation of it) occurs."""
        return len(self.terms.hits(term))

    def in_reports(self, text: str, report_ids=None) -> bool:
        """Does any sentence of these reports (default: all) contain `text`?"""
        ids = self.terms.containing(normalize(text))
        if report_ids is None:
            return len(ids) > 0
        wanted = set(report_ids)
        return any(self.sentences[i].report_id in wanted for i in ids.tolist())

    def candidates(self, groups: list[list[str]], w: dict[str, float], floor: float,
                   report_ids: list[str]) -> dict[str, list[Sentence]]:
        """The sentences of these reports whose possible coverage reaches `floor`, by report."""
        bound = self.terms.coverage_bound(groups, w)
        wanted = set(report_ids)
        out: dict[str, list[Sentence]] = {}
        for i in np.flatnonzero(bound >= floor - 1e-6).tolist():
            s = self.sentences[i]
            if s.report_id in wanted:
                out.setdefault(s.report_id, []).append(s)
        return out


class SentenceBank:
    """The current `Sentences` of an index, caught up when the catalog changes."""

    def __init__(self, index):
        self.index = index
        self.generation = -1
        self._lock = threading.Lock()
        self.current = Sentences(index, {})

    def refresh(self) -> Sentences:
        """The view of the catalog as it is now. Reports are immutable (a changed file is a new
        report id), so only added ones are read; removed ones are dropped."""
        with self._lock:
            generation = self.index.catalog.generation
            if generation != self.generation:
                self.current = Sentences(self.index, self._load(list(self.index.report_rows())))
                self.generation = generation
            return self.current

    def _load(self, report_ids: list[str]) -> dict[str, list[Sentence]]:
        """Sentences by report, in the catalog's report order; reports already loaded are kept."""
        have = self.current.by_report
        new = [rid for rid in report_ids if rid not in have]
        loaded: dict[str, list[Sentence]] = {rid: [] for rid in new}
        rows = self.index.catalog.body_sentences() if len(new) > len(report_ids) / 2 else \
            (row for rid in new for row in self.index.catalog.body_sentences(rid))
        for rid, n, text, section, texts, section_norm, norms in rows:
            if rid in loaded:
                loaded[rid].extend(paragraph_sentences(rid, n, text, section, texts, section_norm, norms))
        return {rid: have[rid] if rid in have else loaded[rid] for rid in report_ids}
