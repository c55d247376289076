"""Every sentence of every indexed report, normalised once and cached until the catalog changes.

The answerer scores sentences, not chunks: a quote must be one or two
sentences, and aggregation questions must consider every report, not only a
global top-k of chunks.
"""
from __future__ import annotations

import re
import threading

from index.normalize import normalize

from .evidence import Sentence, term_match

LEAD = re.compile(r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[,，、]|首先|其次|再次|最后)")
LEAD_MAX = 40  # an enumeration lead is a short topic sentence ("三是完善法律顾问聘任制度,防范风险。")


def report_sentences(report_id: str, paragraphs) -> list[Sentence]:
    out = []
    for p in paragraphs:
        if p.is_heading:
            continue
        display = " › ".join(p.section)
        section = normalize(display)
        previous = ""
        for i, text in enumerate(p.sentences):
            is_lead = bool(previous) and LEAD.match(previous) and len(previous) <= LEAD_MAX and not LEAD.match(text)
            lead = previous if is_lead and previous + text in p.text else ""
            following = p.sentences[i + 1] if i + 1 < len(p.sentences) else ""
            following = following if text + following in p.text else ""  # only when adjacent: quotes are exact
            out.append(Sentence(report_id, p.n, text, normalize(text), section, display, lead, normalize(lead),
                                following, normalize(previous)))
            previous = text
    return out


class SentenceBank:
    def __init__(self, index):
        self.index = index
        self.generation = -1
        self._lock = threading.Lock()
        self.by_report: dict[str, list[Sentence]] = {}
        self.corpus_norm = ""
        self._df: dict[str, int] = {}

    def refresh(self) -> "SentenceBank":
        """Rebuild when the catalog has changed since the last question."""
        with self._lock:
            generation = self.index.catalog.generation
            if generation != self.generation:
                rows = self.index.report_rows()
                self.by_report = {rid: report_sentences(rid, self.index.catalog.paragraphs(rid)) for rid in rows}
                self.corpus_norm = "\n".join(s.norm for ss in self.by_report.values() for s in ss)
                self._df, self.generation = {}, generation
            return self

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.by_report.values())

    def df(self, term: str) -> int:
        """In how many sentences a term (or a synonym/abbreviation of it) occurs."""
        if term not in self._df:
            self._df[term] = sum(1 for ss in self.by_report.values() for s in ss if term_match(term, s.norm) >= 0.7)
        return self._df[term]

    def in_reports(self, text: str, report_ids=None) -> bool:
        """Does any sentence of these reports (default: all) contain `text`?"""
        needle = normalize(text)
        if report_ids is None:
            return needle in self.corpus_norm
        return any(needle in s.norm for rid in report_ids for s in self.by_report.get(rid, []))
