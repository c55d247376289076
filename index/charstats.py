"""Character statistics: how much a run of text looks like real Chinese.

Hand-written, because no maintained library scores CJK text for plausibility:
each character is scored from jieba's dictionary statistics. Common characters
in a dictionary bigram with a neighbour are good (-1), rare and unconnected
ones bad (+1/+2), mojibake symbols ('?', bopomofo, box drawing, kana, private
use) bad (+2), sentence punctuation good (-2). The loaders use it to choose an
encoding, the mojibake repair to find garbled spans and to accept repairs.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .normalize import to_simplified

COMMON_CHARS = 4000  # about the 3500 常用字 plus margin, ranked by jieba word-frequency mass
FUNCTION_CHARS = 700  # so frequent they sit next to anything (的, 和, 是, 局 ...)
MIN_BIGRAM_FREQ = 3  # ignore bigrams seen only in the dictionary's rarest words
SPAN_THRESHOLD = 10.0  # minimum score of a run to call it garbled
MIN_REPAIR_CJK = 2
MAX_REPAIR_BAD = 0.2
SENTENCE_PUNCT = frozenset("，。、；：！？,;:“”‘’《》（）()")
_FINE_NON_CJK = ((0x2000, 0x206F), (0x2100, 0x218F), (0x2460, 0x24FF), (0x25A0, 0x25FF),
                 (0x3000, 0x303F), (0xFF00, 0xFFEF), (0x00B7, 0x00B7), (0x00D7, 0x00D7))


@dataclass(frozen=True)
class _CharStats:
    common: frozenset[str]
    function: frozenset[str]
    bigrams: frozenset[str]


@lru_cache(maxsize=1)
def _char_stats() -> _CharStats:
    """Character and bigram frequencies from jieba's dictionary (loaded once, ~1 s)."""
    import jieba

    mass: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    with Path(jieba.__file__).with_name("dict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 2 or not parts[1].isdigit():
                continue
            word, freq = parts[0], int(parts[1])
            for ch in word:
                mass[ch] += freq
            for a, b in zip(word, word[1:], strict=False):
                pairs[a + b] += freq
    ranked = [ch for ch, _ in mass.most_common()]
    return _CharStats(common=frozenset(ranked[:COMMON_CHARS]),
                      function=frozenset(ranked[:FUNCTION_CHARS]),
                      bigrams=frozenset(p for p, f in pairs.items() if f >= MIN_BIGRAM_FREQ))


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def is_odd(ch: str) -> bool:
    """Symbols that ordinary report text hardly uses but mis-decoded bytes produce."""
    o = ord(ch)
    return (ch in "?\ufffd" or 0xE000 <= o <= 0xF8FF or 0x3100 <= o <= 0x312F
            or 0x2500 <= o <= 0x257F or 0x3040 <= o <= 0x30FF or 0x0370 <= o <= 0x04FF
            or 0x3400 <= o <= 0x4DBF or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF)


def _cjk_score(simple: str, i: int, stats: _CharStats) -> float:
    ch = simple[i]
    if ch in stats.function:
        return -1.0
    linked = simple[max(0, i - 1):i + 1] in stats.bigrams or simple[i:i + 2] in stats.bigrams
    return (0.0 if ch in stats.common else 1.0) + (-1.0 if linked else 1.0)


def char_scores(simple: str) -> list[float]:
    """Per-character badness of already-simplified text (> 0: looks garbled)."""
    stats = _char_stats()
    scores = []
    for i, ch in enumerate(simple):
        if is_cjk(ch):
            scores.append(_cjk_score(simple, i, stats))
        elif is_odd(ch):
            scores.append(2.0)
        elif ch in SENTENCE_PUNCT:
            scores.append(-2.0)
        else:
            scores.append(-0.5)
    return scores


def implausibility(text: str) -> float:
    """Share of non-ASCII characters that do not look like Chinese text:
    ~0.01 for real reports, > 0.3 for a wrong decoding of the same bytes.

    Chinese characters count unless they look garbled; CJK and general
    punctuation and fullwidth forms are fine; accented Latin, Hangul, private
    use and the like (what wrong decodings make) are not. The loaders use this
    to choose between candidate decodings of a file.
    """
    simple = to_simplified(text)
    bad = total = 0
    for ch, score in zip(simple, char_scores(simple), strict=True):
        if ch.isascii():
            continue
        total += 1
        if is_cjk(ch):
            bad += score > 0
        else:
            bad += not any(lo <= ord(ch) <= hi for lo, hi in _FINE_NON_CJK)
    return bad / total if total else 0.0


def garbled_spans(scores: list[float], threshold: float = SPAN_THRESHOLD) -> list[tuple[int, int]]:
    """Maximal-scoring runs (start, end) with score >= threshold.

    A run ends when its sum falls to zero or drops SPAN_THRESHOLD below its
    best (the X-drop rule of sequence alignment), so two garbled spans
    separated by real text are not merged.
    """
    spans, i, n = [], 0, len(scores)
    while i < n:
        total = best = 0.0
        best_end, j = -1, i
        while j < n:
            total += scores[j]
            if total > best:
                best, best_end = total, j
            if total <= 0 or best - total > SPAN_THRESHOLD:
                break
            j += 1
        if best >= threshold:
            spans.append((i, best_end + 1))
        i = best_end + 1 if best_end >= i else j + 1
    return spans


def is_plausible_chinese(text: str) -> bool:
    """Does a candidate repair read like Chinese? No mojibake symbol, and at most
    MAX_REPAIR_BAD of its Chinese characters look garbled (real text: ~0.02,
    a wrong misreading guess: ~0.5). This confirms which misreading happened;
    it cannot vouch for bytes that were lost, see `_Misreading`.
    """
    if any(is_odd(ch) or (ord(ch) < 32 and ch != "\t") for ch in text):
        return False
    simple = to_simplified(text)
    cjk_scores = [s for ch, s in zip(simple, char_scores(simple), strict=True) if is_cjk(ch)]
    if len(cjk_scores) < MIN_REPAIR_CJK:
        return False
    return sum(1 for s in cjk_scores if s > 0) <= MAX_REPAIR_BAD * len(cjk_scores)
