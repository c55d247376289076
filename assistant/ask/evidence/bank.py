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

from index import numerals
from index.chunking import SECTION_SEPARATOR
from index.normalize import normalize

from ..tuning import Tuning
from .scoring import Sentence
from .term_hits import TermHits

LEAD = re.compile(rf"^(?:[{numerals.SMALL}]+是|第[{numerals.SMALL}]+[,，、]|首先|其次|再次|最后)")


def paragraph_sentences(report_id: str, n: int, paragraph: str, section: list[str], texts: list[str],
                        lead_chars: int, section_norm: str | None = None,
                        norms: list[str] | None = None) -> list[Sentence]:
    """The sentences of one body paragraph, each with its lead (a short topic sentence of at most
    `lead_chars`, "三是完善法律顾问聘任制度,防范风险。"), the next sentence and the one before."""
    display = SECTION_SEPARATOR.join(section)  # as stored by the catalog (paragraph_norms)
    section_norm = normalize(display) if section_norm is None else section_norm
    norms = norms if norms is not None and len(norms) == len(texts) else [normalize(t) for t in texts]
    out, previous, previous_norm = [], "", ""
    for i, (text, norm) in enumerate(zip(texts, norms)):
        is_lead = bool(previous) and LEAD.match(previous) and len(previous) <= lead_chars and not LEAD.match(text)
        lead, lead_norm = (previous, previous_norm) if is_lead and previous + text in paragraph else ("", "")
        following = texts[i + 1] if i + 1 < len(texts) else ""
        following = following if text + following in paragraph else ""  # only when adjacent: quotes are exact
        out.append(Sentence(report_id, n, text, norm, section_norm, display, lead, lead_norm, following, previous_norm))
        previous, previous_norm = text, norm
    return out


class Sentences:
    """One consistent view of every sentence: a question reads one view from start to end, while a
    refresh for a newer catalog builds the next one beside it (term hit ids index this view).

    Only the normalised forms are read up front, which is all `TermHits` searches; a report's
    `Sentence` objects (text, section, lead, next sentence) are made when one of them is first
    scored or quoted. Reading them all cost a cold answer ~0.7 s at 1,000 reports.
    """

    def __init__(self, index, forms: dict[str, tuple[list[str], list[str]]], made: dict[str, list[Sentence]],
                 tuning: Tuning):
        self.index, self.tuning = index, tuning
        self.forms = forms  # report id -> (normalised sentences, normalised section of each)
        self.report_ids = list(forms)
        self.position = {rid: i for i, rid in enumerate(self.report_ids)}
        self._made = {rid: made[rid] for rid in self.report_ids if rid in made}
        norms = [norm for ns, _ in forms.values() for norm in ns]
        counts = np.fromiter((len(ns) for ns, _ in forms.values()), dtype=np.int64, count=len(forms))
        self.starts = np.concatenate([[0], np.cumsum(counts)]) if len(forms) else np.zeros(1, np.int64)
        self.terms = TermHits(norms, [section for _, ss in forms.values() for section in ss])

    @property
    def total(self) -> int:
        return len(self.terms)

    def of_report(self, report_id: str) -> list[Sentence]:
        """A report's sentences in order, made on first use (a report never changes under its id)."""
        made = self._made.get(report_id)
        if made is None and report_id in self.forms:
            made = self._made[report_id] = self._make(report_id)
        return made or []

    def all(self) -> list[Sentence]:
        return [s for rid in self.report_ids for s in self.of_report(rid)]

    def _make(self, report_id: str) -> list[Sentence]:
        norms, sections = self.forms[report_id]
        out: list[Sentence] = []
        for n, text, section, texts in self.index.body_paragraphs(report_id):
            k = len(out)
            out.extend(paragraph_sentences(report_id, n, text, section, texts, self.tuning.quote.lead_chars,
                                           sections[k] if texts else None, norms[k:k + len(texts)]))
        return out if len(out) == len(norms) else []  # removed since this view was read

    def df(self, term: str) -> int:
        """In how many sentences a term (or a synonym/abbreviation of it) occurs."""
        return len(self.terms.hits(term))

    def in_reports(self, text: str, report_ids=None, headings: bool = False) -> bool:
        """Does any sentence of these reports (default: all) contain `text`? With `headings`, a section
        heading holding it counts too ("一、基本情况")."""
        ids = self.terms.containing(normalize(text))
        if headings:
            ids = np.union1d(ids, self.terms.section_containing(normalize(text)))
        if report_ids is None:
            return len(ids) > 0
        wanted = {self.position[rid] for rid in report_ids if rid in self.position}
        return bool(wanted & set(self._report_of(ids).tolist()))

    def candidates(self, groups: list[list[str]], w: dict[str, float], floor: float,
                   report_ids: list[str]) -> dict[str, list[Sentence]]:
        """The sentences of these reports whose possible coverage reaches `floor`, by report."""
        ids = np.flatnonzero(self.terms.coverage_bound(groups, w, self.tuning.match.context) >= floor - 1e-6)
        wanted = set(report_ids)
        out: dict[str, list[Sentence]] = {}
        for i, r in zip(ids.tolist(), self._report_of(ids).tolist()):
            rid = self.report_ids[r]
            if rid in wanted:
                made = self.of_report(rid)
                if made:
                    out.setdefault(rid, []).append(made[i - self.starts[r]])
        return out

    def _report_of(self, ids: np.ndarray) -> np.ndarray:
        """The position (in `report_ids`) of the report each sentence id belongs to."""
        return np.searchsorted(self.starts, ids, side="right") - 1


class SentenceBank:
    """The current `Sentences` of an index, caught up when the catalog changes."""

    def __init__(self, index, tuning: Tuning):
        self.index, self.tuning = index, tuning
        self.generation = -1
        self._lock = threading.Lock()
        self.current = Sentences(index, {}, {}, tuning)

    def refresh(self) -> Sentences:
        """The view of the catalog as it is now. Reports are immutable (a changed file is a new
        report id), so only added ones are read; removed ones are dropped."""
        with self._lock:
            generation = self.index.generation
            if generation != self.generation:
                report_ids = list(self.index.report_rows())
                self.current = Sentences(self.index, self._forms(report_ids), self.current._made, self.tuning)
                self.generation = generation
            return self.current

    def _forms(self, report_ids: list[str]) -> dict[str, tuple[list[str], list[str]]]:
        """Sentence forms by report, in the catalog's report order; reports already read are kept."""
        have = self.current.forms
        new = [rid for rid in report_ids if rid not in have]
        read: dict[str, tuple[list[str], list[str]]] = {rid: ([], []) for rid in new}
        rows = self.index.sentence_forms() if len(new) > len(report_ids) / 2 else \
            (row for rid in new for row in self.index.sentence_forms(rid))
        for rid, section_norm, norms in rows:
            if rid in read:
                read[rid][0].extend(norms)
                read[rid][1].extend([section_norm] * len(norms))
        return {rid: have[rid] if rid in have else read[rid] for rid in report_ids}
