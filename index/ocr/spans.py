"""Where a quote lies on a scan's pages: its page, its boxes, and the figures read with low confidence.

A citation quotes the stored text; the layout knows, for every paragraph, which line of which page
each character came from, with its x extent and the recogniser's confidence. Whitespace may differ
between a quote and the text (line breaks, runs of spaces), so both are compared without it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Paragraph, ScanLayout

_FIGURE_DIGITS = re.compile(r"\d+(?:[.,，]\d+)*")


@dataclass
class Located:
    page: int  # the page the quote starts on
    ocr: bool  # read by OCR (False: from the page's text layer, in a mixed PDF)
    boxes: list[tuple[int, int, int, int, int]] = field(default_factory=list)  # (page, x0, y0, x1, y1) per line part
    uncertain: list[str] = field(default_factory=list)  # numbers in the quote with a digit read below the threshold


def _compact(text: str) -> tuple[str, list[int]]:
    """The text without whitespace, and each kept character's offset in the original."""
    kept = [(i, ch) for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(ch for _, ch in kept), [i for i, _ in kept]


def _find(paragraph: Paragraph, quote: str) -> tuple[int, int] | None:
    text, offsets = _compact(paragraph.text)
    needle = _compact(quote)[0]
    at = text.find(needle) if needle else -1
    return (offsets[at], offsets[at + len(needle) - 1] + 1) if at >= 0 else None


def locate(layout: ScanLayout, quote: str, paragraph_text: str | None = None, low: float = 0.9) -> Located | None:
    """The quote on the pages: in the paragraph whose text is `paragraph_text` if one holds it, else in
    the first paragraph that does; None when no paragraph of the layout holds it."""
    wanted = _compact(paragraph_text or "")[0]
    candidates = sorted(layout.paragraphs, key=lambda p: _compact(p.text)[0] != wanted)
    for paragraph in candidates:
        span = _find(paragraph, quote)
        if span:
            return _located(paragraph, *span, low)
    return None


def _located(paragraph: Paragraph, start: int, end: int, low: float) -> Located:
    boxes, conf, pages = [], {}, []
    for piece in paragraph.pieces:
        a, b = max(start, piece.start), min(end, piece.end)
        if a >= b:
            continue
        pages.append((piece.page, piece.line.box is not None))
        line = piece.line
        if line.box is None:
            continue
        xs = line.xs[a - piece.start:b - piece.start] or [(line.box[0], line.box[2])]
        boxes.append((piece.page, min(x[0] for x in xs), line.box[1], max(x[1] for x in xs), line.box[3]))
        conf.update({piece.start + i: c for i, c in enumerate(line.conf)})
    uncertain = [m.group() for m in _FIGURE_DIGITS.finditer(paragraph.text, start, end)
                 if any(conf.get(i, 1.0) < low for i in range(m.start(), m.end()) if paragraph.text[i].isdigit())]
    first = pages[0] if pages else (paragraph.pieces[0].page, False)
    return Located(first[0], first[1], boxes, list(dict.fromkeys(uncertain)))
