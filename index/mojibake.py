"""Find mojibake in decoded text and repair it exactly, or cut it out.

Why: reports are scraped from sites whose pipelines sometimes decode a stretch
of GBK/Big5 bytes one byte off, Big5 as GBK, or UTF-8 as GBK or latin-1. The
result looks like Chinese but is nonsense, and anything left in the text can be
retrieved and quoted as evidence. So a garbled span is repaired only when the
repair is provably exact (re-encode, shift, decode strictly, no bytes lost on
the way, result reads like Chinese); otherwise it is removed. Every change is
a one-line warning.

Lost bytes are the common case: lossy decoders silently drop byte pairs GBK
leaves undefined, and a shift repair across such a gap yields fluent but wrong
text (the sample's 行政執法 comes back as 行仗法). Simulated over the sample
sentences, character statistics cannot tell those apart, so double-byte repairs
need proof that the decoder was lossless (see `_proves_lossless`).

Finding spans is hand-written, because no maintained library scores CJK text
for plausibility (ftfy covers the latin-1 kind and is used for it): characters
are scored in `charstats`, and spans are maximal-scoring runs in a line:
ordinary text in the samples peaks at 4 (rare place names), the garble at 35.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

from .charstats import SENTENCE_PUNCT, SPAN_THRESHOLD, char_scores, garbled_spans, is_plausible_chinese
from .normalize import to_simplified

MARKED_THRESHOLD = 6.0  # ... when it touches a lost-byte marker (?, U+FFFD, private use)
MARKER_REACH = 4  # how far a span may grow to reach a lost-byte marker
_WIDEN = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}  # ASCII → fullwidth forms
_GARBAGE_RUN = re.compile(r"(?:[锟錕]斤拷)+|烫{3,}|燙{3,}|屯{3,}")
_LATIN1_HINT = re.compile(r"[\u0080-\u00ff]")
_LATIN_RUN = re.compile(r"[\u0080-\u024f\u02c6-\u02dc\u2013-\u2122\ufffd]{2,}")


@dataclass(frozen=True)
class _Misreading:
    """Bytes in `right` decoded as `wrong` (optionally one byte off).

    `wrong` is the lossless decoder (GB18030, Big5-HKSCS): it gives every byte
    pair a character, so re-encoding gets the bytes back. `narrow` is the same
    family as lossy decoders see it; they silently drop the pairs it leaves
    undefined, and a repair across such a gap yields a wrong but fluent
    character (行仗法 for 行政執法) that no character statistics can catch.
    """

    how: str
    wrong: str
    narrow: str
    right: str
    shifted: bool = False


_MISREADINGS = (
    _Misreading("GBK 错位一个字节", "gb18030", "gbk", "gb18030", shifted=True),
    _Misreading("Big5 错位一个字节", "big5hkscs", "big5", "big5hkscs", shifted=True),
    _Misreading("Big5 误按 GBK 解码", "gb18030", "gbk", "big5hkscs"),
    _Misreading("GBK 误按 Big5 解码", "big5hkscs", "big5", "gb18030"),
    _Misreading("UTF-8 误按 GBK 解码", "gb18030", "gbk", "utf-8"),
    _Misreading("UTF-8 误按 Big5 解码", "big5hkscs", "big5", "utf-8"),
)


def _proves_lossless(garbled: str, m: _Misreading) -> bool:
    """Did the decoder keep the pairs a lossy one would drop?

    A UTF-8 result proves itself (dropped pairs break its byte structure). For
    double-byte results only a character outside `narrow` that a lossless
    decoder makes of an undefined pair (private use, CJK Ext-A/B) shows that
    nothing was dropped.
    """
    if m.right == "utf-8":
        return True
    for ch in garbled:
        if 0xE000 <= ord(ch) <= 0xF8FF or 0x3400 <= ord(ch) <= 0x4DBF or ord(ch) >= 0x20000:
            try:
                ch.encode(m.narrow)
            except UnicodeEncodeError:
                return True
    return False


def _decode_back(raw: bytes, m: _Misreading) -> str | None:
    """Decode strictly; an edge character whose other bytes are gone is dropped."""
    if m.shifted:
        raw = raw[1:]
    trims = [(0, b) for b in range(2)] if m.right != "utf-8" else [(f, b) for f in range(3) for b in range(3)]
    for front, back in trims:
        try:
            return raw[front:len(raw) - back].decode(m.right) or None
        except UnicodeDecodeError:
            continue
    return None


def _reencodings(core: str) -> dict[str, None]:
    """The garble as it was before width normalisation, most likely first.

    Fullwidth punctuation (！，：；？ ...) was narrowed to ASCII. Letters, digits
    and @[]^_{|}~ are more often genuine single bytes (GBK trail bytes 0x40-0x7E,
    where a shifted decoder resynchronises), so they are widened only as a
    second guess.
    """
    punct_only = {k: v for k, v in _WIDEN.items() if k < 0x40 and not chr(k).isdigit()}
    return dict.fromkeys((core.translate(punct_only), core.translate(_WIDEN), core))


def repair_span(span: str) -> tuple[str, str] | None:
    """(repaired text, how) when an exact, plausible repair exists, else None.

    Width-normalised garble (！ became !) is re-widened before re-encoding; '?'
    at the edges stand for bytes that are gone, U+FFFD inside means lost bytes.
    """
    core = span.strip("?\ufffd")
    if not core or "\ufffd" in core:
        return None
    for m in _MISREADINGS:
        found = []
        for variant in _reencodings(core):
            try:
                raw = variant.encode(m.wrong)
            except UnicodeEncodeError:
                continue
            fixed = _decode_back(raw, m)
            if fixed and fixed != variant and _proves_lossless(variant, m) and is_plausible_chinese(fixed):
                found.append(fixed)
        # guesses may disagree (an ASCII letter: genuine byte or narrowed
        # fullwidth?); keep only the part they share
        if found and is_plausible_chinese(agreed := os.path.commonprefix(found)):
            return agreed, m.how
    return None


def _preview(text: str, width: int = 16) -> str:
    return text if len(text) <= width else text[:width] + "…"


def _fix_latin1(line: str, lineno: int, warnings: list[str]) -> str:
    """UTF-8 read as latin-1/cp1252 ("Ã©", "æ³•"): ftfy's maintained heuristics
    repair it; what ftfy judges still bad afterwards (bytes lost) is removed."""
    if not _LATIN1_HINT.search(line):
        return line
    import ftfy
    from ftfy.badness import is_bad

    fixed = ftfy.fix_encoding(line)
    if fixed != line:
        warnings.append(f"第 {lineno} 行:修复了误按 latin-1 解码的 UTF-8 文字:{_preview(fixed)}")
    for run in sorted({m.group() for m in _LATIN_RUN.finditer(fixed)}, key=len, reverse=True):
        if is_bad(run):
            warnings.append(f"第 {lineno} 行:删除了 {len(run)} 个乱码字符:{_preview(run)}")
            fixed = fixed.replace(run, "")
    return fixed


def _drop_lost_byte_runs(line: str, lineno: int, warnings: list[str]) -> str:
    """锟斤拷 / 烫烫烫 / 屯屯屯 mark bytes already lost upstream; nothing to recover."""
    found = [m.group() for m in _GARBAGE_RUN.finditer(line)]
    if not found:
        return line
    count = sum(len(s) for s in found)
    warnings.append(f"第 {lineno} 行:删除了 {count} 个乱码字符({_preview(found[0], 6)})")
    return _GARBAGE_RUN.sub("", line)


def _to_loss_marker(line: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span to a nearby '?'/U+FFFD: decoders leave those where the garble
    starts or stops, and the last garbled characters often score low by chance.
    The reach is short because real text may sit between garble and a '?'."""
    def reach(i: int, step: int) -> int:
        for k in range(1, MARKER_REACH + 1):
            j = i + step * k
            if not 0 <= j < len(line) or line[j] in SENTENCE_PUNCT or line[j].isspace() \
                    or (line[j].isascii() and line[j] != "?"):
                break
            if line[j] in "?\ufffd":
                return j
        return i
    return reach(start, -1) if line[start] not in "?\ufffd" else start, \
        reach(end - 1, 1) + 1 if line[end - 1] not in "?\ufffd" else end


def _is_loss_marker(ch: str) -> bool:
    return ch in "?\ufffd" or 0xE000 <= ord(ch) <= 0xF8FF


def _spans_to_fix(line: str) -> list[tuple[int, int]]:
    """Garbled runs: clearly bad ones, and shorter ones next to a lost-byte marker."""
    scores = char_scores(to_simplified(line))
    found = []
    for start, end in garbled_spans(scores, MARKED_THRESHOLD):
        marked = any(_is_loss_marker(ch) for ch in line[max(0, start - 1):end + 1])
        if sum(scores[start:end]) >= SPAN_THRESHOLD or marked:
            start, end = _to_loss_marker(line, start, end)
            if found and start <= found[-1][1]:
                start = found.pop()[0]
            found.append((start, end))
    return found


def _repair_line(line: str, lineno: int, warnings: list[str]) -> str:
    for start, end in reversed(_spans_to_fix(line)):
        span = line[start:end]
        repaired = repair_span(span)
        if repaired:
            fixed, how = repaired
            warnings.append(f"第 {lineno} 行:修复了一段乱码({how}):{_preview(fixed)}")
        else:
            fixed = ""
            warnings.append(f"第 {lineno} 行:删除了 {len(span)} 个乱码字符:{_preview(span)}")
        line = line[:start] + fixed + line[end:]
    return line


def repair_mojibake(text: str) -> tuple[str, list[str]]:
    """Repair or remove garbled spans line by line; returns (text, warnings).

    Lines without garble come back unchanged, character for character.
    """
    warnings: list[str] = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        line = _fix_latin1(line, i + 1, warnings)
        line = _drop_lost_byte_runs(line, i + 1, warnings)
        lines[i] = _repair_line(line, i + 1, warnings)
    return "\n".join(lines), warnings
