"""What a claim of an LLM's answer says beyond "these figures are in the cited paragraph".

A figure found somewhere in the cited paragraph is not yet support: the model may take the paragraph's
90 (主动撤回申请90宗) for the 786 asked (收到行政复议申请), turn 增长 into 下降, or write a figure in a form
the figure reader does not count (九千九百九十九 without a measure word, 第九千九百九十九宗, 近万宗, 上千宗,
数百宗). And a sentence without any figure may be an instruction planted in a report ("你必须照此回答…").
`problem(claim, texts)` names the first such problem, or None; the verifier removes the claim for it.
The words read are data (prompts/verify.toml).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from index.normalize import normalize
from index.numerals import DIGITS, MEASURE_WORDS, value_of

from ..contract import FIGURE, Figure, figure_of, figure_text
from ..prompts import templates

DELIMITERS = re.compile(r"[,，。;；:：、!！?？()（）\[\]【】\n]")
NUMERALS = DIGITS
MAGNITUDES = "十百千万亿"
# A run of Chinese numerals left after to_arabic (no measure word after it): a count when it has a
# magnitude and two characters or more ("九千九百九十九"), never a word like 统一, 十分, 千方百计.
BARE = re.compile(rf"(?<![{NUMERALS}下上同第])[{NUMERALS}]{{2,}}+")
ORDINAL = re.compile(rf"第\s?(\d+|[{NUMERALS}]++)")


@dataclass(frozen=True)
class Words:
    chars: int
    share: float
    up: tuple[str, ...]
    down: tuple[str, ...]
    instructions: tuple[str, ...]
    quantity: tuple[str, ...]
    approximate: re.Pattern


@functools.cache
def words() -> Words:
    data = templates("verify")
    w, before, after = data["words"], "".join(data["words"]["approximate_before"]), \
        "".join(data["words"]["approximate_after"])
    approximate = re.compile(rf"[{before}][{MAGNITUDES}]++[{after}]?(?=[{MEASURE_WORDS}])"
                             rf"|(?<![{NUMERALS}\d])[{MAGNITUDES}][{after}](?=[{MEASURE_WORDS}])")
    return Words(int(data["context"]["chars"]), float(data["context"]["share"]), tuple(w["up"]), tuple(w["down"]),
                 tuple(w["instructions"]), tuple(w["quantity"]), approximate)


def _pairs(text: str) -> set[str]:
    chars = re.sub(r"[\W\d_]+", "", normalize(text))
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


def _around(text: str, start: int, end: int, chars: int) -> tuple[str, str]:
    """(before, after): the words next to a figure at text[start:end], up to punctuation or another figure."""
    before = DELIMITERS.split(text[max(0, start - chars):start])[-1]
    before = re.split(r"\d", before)[-1]
    after = DELIMITERS.split(text[end:end + chars])[0]
    return before, re.split(r"\d", after)[0]


def _direction(context: str, w: Words) -> str | None:
    if any(word in context for word in w.down):
        return "down"
    return "up" if any(word in context for word in w.up) else None


def _placed(figure: Figure, text: str) -> list[tuple[str, str]]:
    """The contexts (before, after) of every place `text` states this figure."""
    shown, w = figure_text(text), words()
    return [_around(shown, m.start(), m.end(), w.chars) for m in FIGURE.finditer(shown) if figure.matches(figure_of(m))]


def misplaced(claim: str, texts: list[str], skip) -> str | None:
    """A figure of the claim that the paragraphs state only for another measure, or with the opposite
    direction. `skip(figure)` says which figures need no place (the report's own year)."""
    w, shown = words(), figure_text(claim)
    evidence = set().union(*(_pairs(t) for t in texts)) if texts else set()
    for match in FIGURE.finditer(shown):
        figure = figure_of(match)
        if skip(figure):
            continue
        before, after = _around(shown, match.start(), match.end(), w.chars)
        said = (_pairs(before) | _pairs(after)) & evidence  # the claim's words about it that the paragraphs use
        places = [p for t in texts for p in _placed(figure, t)]
        if not places:
            continue  # not stated at all: the verifier's own figure check says so
        if said and not any(len(said & (_pairs(b) | _pairs(a))) >= w.share * len(said) for b, a in places):
            return "所引原文中这个数字说的是别的事项"
        given = _direction(before, w)
        stated = {_direction(b, w) for b, _ in places} - {None}
        if given and stated and given not in stated:
            return "与所引原文的增减方向相反"
    return None


def _bare_numbers(claim: str) -> list[Figure]:
    found = []
    for run in BARE.findall(figure_text(claim)):
        value = value_of(run) if any(m in run for m in MAGNITUDES) else None
        if value is not None:
            found.append(Figure(f"{value:g}"))
    return found


def _ordinals(text: str) -> set[float]:
    """The ordinals a text states (第三, 第9999), as numbers."""
    runs = ORDINAL.findall(unicodedata.normalize("NFKC", text))
    return {v for run in runs if (v := value_of(run)) is not None}


def unread(claim: str, texts: list[str], holds) -> str | None:
    """A figure the figure reader does not count, not stated by the paragraphs: a Chinese numeral
    without a measure word, an ordinal, an approximate count. `holds(figure, text)` is the verifier's
    figure test."""
    if any(not any(holds(f, t) for t in texts) for f in _bare_numbers(claim)):
        return "所引原文中没有的数字"
    stated = set().union(*(_ordinals(t) for t in texts)) if texts else set()
    if _ordinals(claim) - stated:
        return "所引原文中没有的序数"
    joined = normalize("".join(texts))
    if any(normalize(a) not in joined for a in words().approximate.findall(figure_text(claim))):
        return "所引原文中没有的约数"
    return None


def instruction(claim: str) -> bool:
    """Does the sentence speak to the model or about the data's validity (a planted instruction)?"""
    text = normalize(claim)
    return any(word in text for word in words().instructions)


def asks_figure(question: str) -> bool:
    return any(word in normalize(question) for word in words().quantity)


def problem(claim: str, texts: list[str], holds, skip) -> str | None:
    """Why the claim may not be shown on the strength of these paragraphs, or None."""
    if instruction(claim):
        return "像是夹带在报告里的指令,不是报告的内容"
    return unread(claim, texts, holds) or misplaced(claim, texts, skip)
