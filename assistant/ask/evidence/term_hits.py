"""Which sentences a question term can match, found without scoring every sentence.

Why: scoring is per sentence in Python (~20 µs each), so a question over a
province's reports (100,000+ sentences) cannot look at them all. Every way
`matching.match_kind` accepts a term leaves a trace a vectorised scan of the
joined sentences finds: the term or a synonym literally, both halves of a
four-character compound, a document number, or every character of the term
(an abbreviation). Abbreviation and document-number finds are a superset and
are checked again with `term_match` itself, so `hits(term)` is exactly the set
of sentences `match_kind(term, norm)` accepts; section headings are searched
the same way.
From the hits of the question's terms, `coverage_bound` gives each sentence
the most coverage it could reach; sentences below the answer thresholds are
never scored, so the answer is the same as scoring them all.
"""
from __future__ import annotations

import functools
import re
from collections import OrderedDict

import numpy as np

from ..question_words import DOC_NUMBER_WORDS
from .lexicon import variants
from .matching import DOC_NUMBER, match_kind

CACHE_TERMS = 4000  # a memory bound, not an answering number: hit lists kept per corpus generation


class LineIndex:
    """Lines of normalised text (sentences, or section headings) searchable at C speed, with the
    lines each term or literal was found in cached for the life of the corpus."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.text, self.starts = join_lines(lines)
        self.chars = CharPositions(code_points(self.text))
        self._cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()

    def containing(self, needle: str) -> np.ndarray:
        """Sorted ids of the lines that contain `needle` literally."""
        return self._cached("literal", needle, lambda: lines_containing(self.chars, self.starts, needle))

    def matching(self, term: str) -> np.ndarray:
        """Sorted ids of the lines `match_kind(term, line)` accepts."""
        return self._cached("term", term, lambda: self._matching(term))

    def _matching(self, term: str) -> np.ndarray:
        found = np.zeros(len(self.lines), dtype=bool)
        for v in variants(term):
            found[self.containing(v)] = True
        if len(term) == 4:
            found[np.intersect1d(self.containing(term[:2]), self.containing(term[2:]), assume_unique=True)] = True
        loose = np.zeros(0, np.int64)
        if len(term) >= 3:  # an abbreviation holds every character of the term
            each = [self.containing(ch) for ch in set(term)]
            loose = functools.reduce(lambda a, b: np.intersect1d(a, b, assume_unique=True), each)
        if term in DOC_NUMBER_WORDS:
            loose = np.concatenate([loose, lines_matching(self.text, self.starts, DOC_NUMBER.pattern)])
        for i in loose[~found[loose]].tolist():  # superset finds, checked with match_kind itself
            found[i] = found[i] or match_kind(term, self.lines[i]) is not None
        return np.flatnonzero(found)

    def _cached(self, kind: str, key: str, compute) -> np.ndarray:
        ids = self._cache.get((kind, key))
        if ids is None:
            ids = self._cache[(kind, key)] = compute()
            if len(self._cache) > CACHE_TERMS:
                self._cache.popitem(last=False)
        return ids


class TermHits:
    """Sentence positions of terms: in the sentences themselves, and through their section headings."""

    def __init__(self, norms: list[str], sections: list[str]):
        self.norms = norms
        self.sentences = LineIndex(norms)
        unique = list(dict.fromkeys(sections))
        self.sections = LineIndex(unique)
        position = {name: i for i, name in enumerate(unique)}
        section_of = np.array([position[s] for s in sections], dtype=np.int32)
        order = np.argsort(section_of, kind="stable")
        bounds = np.searchsorted(section_of[order], np.arange(len(unique) + 1))
        self.section_members = [order[bounds[i]:bounds[i + 1]] for i in range(len(unique))]

    def __len__(self) -> int:
        return len(self.norms)

    def hits(self, term: str) -> np.ndarray:
        """Sorted ids of the sentences whose own text matches `term` (as match_kind decides)."""
        return self.sentences.matching(term)

    def section_hits(self, term: str) -> np.ndarray:
        """Ids of the sentences under a section heading that matches `term` (it counts as context)."""
        ids = self.sections.matching(term).tolist()
        return np.concatenate([self.section_members[i] for i in ids]) if ids else np.zeros(0, np.int64)

    def containing(self, needle: str) -> np.ndarray:
        """Ids of the sentences that contain `needle` literally."""
        return self.sentences.containing(needle)

    def section_containing(self, needle: str) -> np.ndarray:
        """Ids of the sentences under a section heading that contains `needle` literally."""
        ids = self.sections.containing(needle).tolist()
        return np.concatenate([self.section_members[i] for i in ids]) if ids else np.zeros(0, np.int64)

    def coverage_bound(self, groups: list[list[str]], w: dict[str, float], context: float) -> np.ndarray:
        """Per sentence, the highest coverage `matching.coverage` could give it over the term groups.

        A term found in the sentence, or in the sentence before (an enumeration lead
        counts fully), counts fully; one found only in the section heading counts
        `context`, as in `coverage`. Synonyms and abbreviations count fully: a bound.
        """
        n = len(self.norms)
        best = np.zeros(n, np.float32)
        for group in groups:
            total = sum(w[t] for t in group)
            got = np.zeros(n, np.float32)
            for term in group:
                match = np.zeros(n, np.float32)
                match[self.section_hits(term)] = context
                own = self.hits(term)
                match[own] = 1.0
                match[np.minimum(own + 1, n - 1)] = 1.0
                got += w[term] * match
            if total > 0:
                best = np.maximum(best, got / total)
        return best


def join_lines(lines: list[str]) -> tuple[str, np.ndarray]:
    """One string of the lines joined by newlines, and each line's start offset."""
    lengths = np.fromiter((len(s) + 1 for s in lines), dtype=np.int64, count=len(lines))
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if len(lines) else np.zeros(0, np.int64)
    return "\n".join(lines), starts


def code_points(text: str) -> np.ndarray:
    """The text as an array of code points, for vectorised substring search."""
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


class CharPositions:
    """Where each character of a text stands, grouped by character (one radix sort at load).

    Why: a term seen for the first time used to cost a scan of the whole text per
    needle (~1 ms per needle at 1,000 reports, a dozen needles per term); looked up at
    the occurrences of its rarest character it costs microseconds. Characters
    outside the Basic Multilingual Plane share the last bucket and are checked
    like the others.
    """

    BUCKETS = 0x10000

    def __init__(self, codes: np.ndarray):
        self.codes = codes
        keys = np.minimum(codes, self.BUCKETS - 1).astype(np.uint16)
        self.order = np.argsort(keys, kind="stable").astype(np.uint32 if len(codes) < 2 ** 32 else np.int64)
        self.bounds = np.concatenate([[0], np.cumsum(np.bincount(keys, minlength=self.BUCKETS))])

    def __len__(self) -> int:
        return len(self.codes)

    def count(self, code: int) -> int:
        key = min(code, self.BUCKETS - 1)
        return int(self.bounds[key + 1] - self.bounds[key])

    def of(self, code: int) -> np.ndarray:
        """Sorted positions of the character `code` (of its bucket, outside the BMP)."""
        key = min(code, self.BUCKETS - 1)
        return self.order[self.bounds[key]:self.bounds[key + 1]].astype(np.int64)


def lines_containing(chars: CharPositions, starts: np.ndarray, needle: str) -> np.ndarray:
    """Sorted ids of the lines (of the text `chars` indexes) that contain `needle`.

    The needle's rarest character is looked up, and the others are checked at the
    positions it implies: vectorised, because a common word occurs hundreds of
    thousands of times in a province's reports (a Python loop costs a microsecond each).
    """
    wanted = [ord(ch) for ch in needle]
    if not wanted or len(chars) < len(wanted):
        return np.zeros(0, np.int64)
    rarest = min(range(len(wanted)), key=lambda k: chars.count(wanted[k]))
    positions = chars.of(wanted[rarest]) - rarest
    positions = positions[(positions >= 0) & (positions <= len(chars) - len(wanted))]
    for k, code in enumerate(wanted):
        positions = positions[chars.codes[positions + k] == code]
    lines = np.searchsorted(starts, positions, side="right") - 1
    return lines[np.concatenate(([True], lines[1:] != lines[:-1]))] if len(lines) else lines


def lines_matching(text: str, starts: np.ndarray, pattern: str) -> np.ndarray:
    """Sorted ids of the lines in which `pattern` (a regular expression) matches."""
    # "[^\n]*" takes the rest of the line with each match: one match per line, not one per occurrence.
    found = np.fromiter((m.start() for m in re.finditer(f"(?:{pattern})[^\n]*", text)), dtype=np.int64)
    return np.unique(np.searchsorted(starts, found, side="right") - 1)
