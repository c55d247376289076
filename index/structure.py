"""Paragraphs, section paths and sentences of a cleaned report body.

Chinese government reports number their outline the same way everywhere
(一、 / (一) / 1. / (1) ①), so the heading path comes from the markers alone.
Sentence splitting is a small hand-written scanner: the rules that matter here
(closing quotes stay with their sentence, every sentence an exact substring of
the original) are simpler to state than to bend a general segmenter to.
"""
from __future__ import annotations

import re

from .model import Paragraph
from .numerals import SMALL

SENTENCE_END = "。！？；!?;"
# Closing quotes/brackets that belong to the sentence they close: 。” stays together.
_CLOSERS = "”’」』)）\"'》】〕"
# A line break also ends a sentence: a sentence never spans two lines.
_SENTENCE = re.compile(rf"[^{SENTENCE_END}\n]*[{SENTENCE_END}]+[{_CLOSERS}]*|[^{SENTENCE_END}\n]+")

_CN_NUM = SMALL
_CIRCLED = "\u2460-\u2473\u2474-\u2487"  # ①…⑳ and ⑴…⒇
# Order matters: the first pattern that matches a line decides its level.
_HEADING_MARKERS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"(?<![{_CN_NUM}])[{_CN_NUM}]+[、.．]")),  # lookbehinds: linear search
    # "二)" without its opening parenthesis occurs in published reports too.
    (2, re.compile(rf"[(（][{_CN_NUM}]+[)）]|(?<![{_CN_NUM}])[{_CN_NUM}]+[)）]")),
    # One or two digits, not followed by another digit: "1." yes, "3.5万"/"2024年" no.
    (3, re.compile(r"\d{1,2}(?:[、．]|\.(?!\d))")),
    (4, re.compile(rf"[(（]\d{{1,2}}[)）]|[{_CIRCLED}]")),
]
# A heading line is a title, not prose: longer lines without an end mark are body text.
MAX_HEADING_CHARS = 80
_TRAILING_END = re.compile(rf"(?<![{SENTENCE_END}])[{SENTENCE_END}]+([{_CLOSERS}]*)$")  # starts a run only


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`, each an exact substring, in order, whitespace trimmed.

    Splits after 。！？； and !?; (runs of them, plus closing quotes, stay with the
    sentence) and at line breaks. Decimal points and dates never split: "." is not a delimiter.
    Enumeration markers (一是/二是…) are not split on: in these reports they
    almost always follow 。 or ； already, and a list introduced by a colon
    ("两方面工作:一是…") reads better kept with its introduction.
    """
    sentences = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group().strip()
        if sentence:
            sentences.append(sentence)
    return sentences


def _marker(line: str) -> tuple[int, str] | None:
    """(level, marker text) when `line` starts with an outline marker."""
    for level, pattern in _HEADING_MARKERS:
        match = pattern.match(line)
        if match and len(line) > match.end():
            return level, match.group()
    return None


def heading_level(line: str) -> int | None:
    """Outline level of a line's leading marker: 一、→1, (一)→2, 1.→3, (1)/①→4, else None."""
    found = _marker(line.strip())
    return found[0] if found else None


def _heading_title(line: str) -> str:
    """The heading part of a line: its first sentence without the end mark.

    "(一)强化组织领导。在市委…" → "(一)强化组织领导"; a closing quote after
    the end mark is kept so quotes stay balanced.
    """
    first = split_sentences(line)[0]
    match = _TRAILING_END.search(first)
    if not match or match.start() == 0:
        return first
    return first[: match.start()] + match.group(1)


def _is_pure_heading(line: str, marker: str) -> bool:
    """A short marker line that is only a title, not prose.

    Either it has no sentence end at all ("(一)强化党对法治工作的领导"), or it
    is one sentence with no figure in it ("(六)健全行政决策…水平。"): a
    one-sentence line stating a number ("1.全年办结案件5宗。") stays a body
    paragraph so the figure becomes a retrievable chunk.
    """
    if len(line) > MAX_HEADING_CHARS:
        return False
    if not any(ch in SENTENCE_END for ch in line):
        return True
    rest = line[len(marker):]
    return len(split_sentences(line)) == 1 and not any(ch.isdigit() for ch in rest)


def split_paragraphs(body: str) -> list[Paragraph]:
    """One Paragraph per non-empty line, numbered from 1, with its heading path.

    A heading at level L replaces the path entries at levels >= L. A line that
    starts with a marker but goes on with prose ("1.加强宪法宣传教育。认真…")
    is a body paragraph; its heading part still enters the path, for it and for
    the unmarked lines after it.
    """
    paragraphs: list[Paragraph] = []
    path: dict[int, str] = {}
    for line in body.splitlines():
        text = line.strip()
        if not text:
            continue
        marker = _marker(text)
        is_heading = False
        if marker:
            level = marker[0]
            is_heading = _is_pure_heading(text, marker[1])
            path = {lv: title for lv, title in path.items() if lv < level}
            path[level] = _heading_title(text)
        section = [path[lv] for lv in sorted(path)]
        paragraphs.append(Paragraph(n=len(paragraphs) + 1, text=text, section=section,
                                    is_heading=is_heading, sentences=split_sentences(text)))
    return paragraphs
