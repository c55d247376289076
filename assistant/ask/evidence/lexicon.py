"""Domain synonyms of rule-of-law reporting, so a question in everyday words finds the report's term.

Each group lists interchangeable wordings (the report's usual term first).
The groups are data in prompts/lexicon.txt: no library covers this administrative
vocabulary, and each line names a concept of the domain, never a question or a report.
"""
from __future__ import annotations

import functools

from ...prompts import PROMPTS_DIR

LEXICON = PROMPTS_DIR / "lexicon.txt"
CONTRASTS = PROMPTS_DIR / "contrasts.txt"
# For each family of measures a question names: the wordings of the kinds it names, of the others, and
# whether the family's kinds are said of a figure itself.
Kinds = list[tuple[tuple[str, ...], tuple[str, ...], bool]]


@functools.cache
def groups() -> list[list[str]]:
    """The synonym groups of prompts/lexicon.txt (data, so it grows without code changes)."""
    lines = LEXICON.read_text(encoding="utf-8").splitlines()
    return [line.split() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@functools.cache
def _index() -> dict[str, tuple[str, ...]]:
    table: dict[str, set[str]] = {}
    for words in groups():
        for word in words:
            table.setdefault(word, set()).update(words)
    return {word: tuple(sorted(others, key=len, reverse=True)) for word, others in table.items()}


@functools.lru_cache(maxsize=4096)
def variants(term: str) -> tuple[str, ...]:
    """The term and its synonyms, longest first (single characters never stand in for a term)."""
    others = tuple(w for w in _index().get(term, ()) if len(w) > 1 and w != term)
    return (term,) + others


@functools.cache
def phrases() -> tuple[str, ...]:
    """The groups' wordings of three characters or more, longest first: what a question may write across
    two of jieba's words ("集中学习" + "法律" holds 学习法律)."""
    return tuple(sorted({w for words in groups() for w in words if len(w) >= 3}, key=len, reverse=True))


@functools.cache
def contrasts() -> list[tuple[bool, list[tuple[str, ...]]]]:
    """The families of prompts/contrasts.txt: (said of a figure itself, its kinds of one measure that
    name different things (受理 / 审结), each kind its wordings)."""
    lines = [line.strip() for line in CONTRASTS.read_text(encoding="utf-8").splitlines()]
    return [(line.startswith("!"), [tuple(kind.split()) for kind in line.lstrip("!").split("/")])
            for line in lines if line and not line.startswith("#")]


def named_kinds(text: str) -> Kinds:
    """For each family the text names a kind of: (the wordings of the kinds it names, those of the
    kinds it does not, whether the kind is said of a figure itself)."""
    out = []
    for own, family in contrasts():
        named = [kind for kind in family if any(word in text for word in kind)]
        if named:
            out.append((sum(named, ()), sum((kind for kind in family if kind not in named), ()), own))
    return out


def names_other_kind(kinds: Kinds, text: str, context: str = "") -> bool:
    """Does `text` state another kind of a family than the question names, and not the named one (in
    it or its `context`)?"""
    return any(any(w in text for w in others) and not any(w in text + context for w in named)
               for named, others, _ in kinds)


def kind_before(kinds: Kinds, own: str, before: str) -> bool:
    """Is a kind said of a figure itself ("审结") written in the sentence before (`before`) and not in the
    figure's own sentence and heading (`own`)? Then the sentence before states the asked figure
    ("…审结122件,纠错率18.6%。承办案件53件": the 53 is not 审结's)."""
    return any(figure and not any(w in own for w in named) and any(w in before for w in named)
               for named, _, figure in kinds)


def lacks_named_kind(kinds: Kinds, text: str) -> bool:
    """Does `text` lack every wording of a kind of thing the question names (行政诉讼, 行政处罚, 规范性文件:
    a family not said of a figure itself)? The reports' words for these are known, so their absence is
    not a paraphrase: "审查案件248起" does not count 行政诉讼案件."""
    return any(not figure and not any(w in text for w in named) for named, _, figure in kinds)


def one_of_several(kinds: Kinds, own: str, sentence: str) -> bool:
    """Is the figure stated of several kinds together? The sentence names the asked kind of a family of
    things (行政处罚, prompts/contrasts.txt) beside others of it ("3435项行政权责事项,包含行政许可、行政
    处罚…"), and the figure's own words (`own`: its clause and the one before) name none of the asked."""
    return any(not figure and any(w in sentence for w in named) and any(w in sentence for w in others)
               and not any(w in own for w in named) for named, others, figure in kinds)


def writes_every_kind(kinds: Kinds, text: str) -> bool:
    """Does `text` write a named kind of every family the question names one of (said of a figure itself or
    not)? Where meaning, not words, chose the sentence, the kinds must still stand in it."""
    return all(any(w in text for w in named) for named, _, _ in kinds)
