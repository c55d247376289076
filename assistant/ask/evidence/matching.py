"""Whether a question's term stands in a report's text: as itself, a domain synonym (prompts/lexicon.txt)
or an abbreviation, and how strongly; how much of a group of terms a text covers, weighted by rarity.

The scorer (scoring.py) and the candidate bound (term_hits.py) read terms only through these.
"""
from __future__ import annotations

import math
import re

from index import numerals

from ..question_words import DOC_NUMBER_WORDS
from ..tuning import Match
from .lexicon import variants

# A document number ("江法治办〔2024〕37号") is what "文号" asks for, though the word is never written.
DOC_NUMBER = re.compile(rf"[〔\[(（]\s*{numerals.YEAR_NUMBER}\s*[〕\])）]\s*\d+\s*号")


def match_kind(term: str, text: str) -> str | None:
    """How `text` holds `term`: "word" (itself, or a document number for 文号), "synonym", "abbreviation"
    (its characters in order, 出庭率 in 出庭应诉率, or a four-character compound whose two words stand
    apart, "资源整合" in "整合…调解资源"), or None."""
    if term in text:
        return "word"
    if any(v in text for v in variants(term)[1:]):
        return "synonym"
    if len(term) == 4 and term[:2] in text and term[2:] in text:
        return "abbreviation"
    if term in DOC_NUMBER_WORDS and DOC_NUMBER.search(text):
        return "word"
    if len(term) >= 3 and term[0] in text:
        for start in (m.start() for m in re.finditer(re.escape(term[0]), text)):
            window = iter(text[start:start + 2 * len(term) + 2])
            if all(ch in window for ch in term):
                return "abbreviation"
    return None


def term_match(term: str, text: str, m: Match) -> float:
    """The strength of `match_kind`: 1 for the word, less for a synonym (the report's own wording
    wins a tie) or an abbreviation, 0 for none."""
    kind = match_kind(term, text)
    return 1.0 if kind == "word" else m.synonym if kind == "synonym" else m.abbreviation if kind else 0.0


def weights(terms: list[str], df: dict[str, int], total: int, m: Match) -> dict[str, float]:
    """Inverse document frequency over sentences: rare terms decide, common ones barely count.

    A term no report uses at all is the asker's own wording (a paraphrase, or a word
    jieba cut oddly): it can neither confirm nor rule out a sentence, so it weighs a share
    of the lightest term the reports do use instead of the most.
    """
    w = {t: math.log((total + 1) / (df.get(t, 0) + 0.5)) for t in terms}
    used = [w[t] for t in terms if df.get(t, 0)]
    if used:
        w.update({t: m.unknown_word * min(used) for t in terms if not df.get(t, 0)})
    return w


def coverage(terms: list[str], w: dict[str, float], text: str, m: Match, context: str = "") -> tuple[float, list[str]]:
    """Weighted share of `terms` found in `text` (a match only in `context` counts less)."""
    if not terms:
        return 0.0, []
    got, matched = 0.0, []
    for t in terms:
        strength = max(term_match(t, text, m), m.context * term_match(t, context, m) if context else 0.0)
        got += w[t] * strength
        if strength:
            matched.append(t)
    return got / sum(w[t] for t in terms), matched


def modifier_present(target: list[str], matched: list[str]) -> bool:
    """In a short compound naming the counted thing, the modifier must be there; the head noun may be
    paraphrased: "行政复议案件" is counted as "行政复议申请…宗", never as "行政许可申请" or "各类案件".
    """
    return len(target) > 2 or target[0] in matched


def stands(term: str, text: str) -> bool:
    """The term stands in the text: as itself, a synonym or an abbreviation (any `match_kind`)."""
    return match_kind(term, text) is not None


def specific_terms_present(target: list[str], text: str) -> bool:
    """A specific term of four or more characters (行政复议, 规范性文件) must stand in the sentence or its
    context however long the phrase: "增城区收到行政复议申请" is not answered by "收到行政许可申请275宗"."""
    return all(stands(t, text) for t in target if len(t) >= 4)


def quoted_in(phrase: str, text: str) -> bool:
    """Does the text write a phrase the user quoted: as typed, or, for four characters or more, with its
    characters in order and as many again between them at most ("30分钟服务圈" in "30分钟公共法律服务圈"):
    people quote a report's wording from memory, dropping a word, never reordering it."""
    if phrase in text:
        return True
    if len(phrase) < 4:
        return False
    start = text.find(phrase[0])
    while start >= 0:
        pos = start
        for ch in phrase[1:]:
            pos = text.find(ch, pos + 1, start + 2 * len(phrase))
            if pos < 0:
                break
        else:
            return True
        start = text.find(phrase[0], start + 1)
    return False
