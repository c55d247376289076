"""Recognised lines → paragraphs as a reader sees them, from the geometry of the page.

A recogniser returns boxes of text, one per printed line or part of one; the text of a report is
paragraphs. A printed Chinese report marks them plainly, and so does this module:

- the boxes of one printed line (same height band) are one row, read left to right;
- a row begins a paragraph when it is indented (the two-character first-line indent, a centred
  title, a right-aligned signature), when the row before it stopped short of the right margin,
  when the gap above it is wider than the page's line pitch, or when its type size changes;
  otherwise it continues the paragraph, across a page break too;
- a wrapped title (large type, the first row filling the line) stays one paragraph;
- running headers, footers and page numbers are dropped: rows in the top or bottom tenth of a page
  that read as a page number ("— 3 —", "第3页", "3/12"), recur, digits aside, on other pages, or
  are set in smaller type than the body (a header on the one page of a two-page scan).

Text-layer pages of a mixed PDF keep their lines as they are (one paragraph per line, as for a
text PDF). Every paragraph keeps the pieces it was made of, so a quote can be found on its page.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from ..numerals import SMALL
from .model import Line, Page, Paragraph, Piece

# Multiples of the body type size (the median row size of the document, see Row.size). Chosen from how
# printed reports are set (a 2-character first-line indent, line pitch about 1.5-1.8 heights), and
# checked on the rendered samples, where every paragraph break of the original is found.
INDENT = 1.3  # a row starting this far right of the left margin is indented (the indent is 2)
SHORT = 2.0  # a row ending this far left of the right margin ends its paragraph (ragged text ends within 1)
GAP = 1.6  # a row this many line pitches below the one before starts a paragraph
SIZE_STEP = 1.25  # type this much larger or smaller starts a paragraph
TITLE_SIZE = 1.15  # type this much larger than the body is a title
FULL_LINE = 0.85  # a title row filling this share of the column wraps onto the next
SPACE_GAP = 0.8  # boxes of one row this far apart are joined with a space
MARGIN_BAND = 0.10  # top and bottom share of a page where headers, footers and page numbers sit
SMALL_TYPE = 0.85  # a row in that band set this much smaller than the body is a running header or footer
_OPENING = "“‘《（(【〔〈「『"
# Possessive repeats: a long run of spaces or dashes is matched once, never re-split (linear time).
_FOLIO = re.compile(rf"^[-—–－_~·•.\s]*+(?:第\s*+)?[0-9{SMALL}百]{{1,4}}+\s*+页?\s*+"
                    r"(?:[/／]\s*+\d{1,4}+\s*+页?|共\s*+\d{1,4}+\s*+页)?[-—–－_~·•.\s]*+$")


@dataclass
class Row:
    page: int
    lines: list[Line] = field(default_factory=list)

    @property
    def x0(self) -> int:
        return min(line.box[0] for line in self.lines)

    @property
    def left(self) -> float:
        """Where the row's first character cell starts: an opening quote or bracket is drawn at the right
        of its cell ("“", "（"), so its box starts up to an em late; the next character's place says more."""
        first = self.lines[0]
        if first.text[:1] in _OPENING and len(first.xs) > 1:
            return first.xs[1][0] - (first.xs[2][0] - first.xs[1][0] if len(first.xs) > 2 else first.xs[1][1] - first.xs[1][0])
        return self.x0

    @property
    def x1(self) -> int:
        return max(line.box[2] for line in self.lines)

    @property
    def y0(self) -> int:
        return min(line.box[1] for line in self.lines)

    @property
    def y1(self) -> int:
        return max(line.box[3] for line in self.lines)

    @property
    def height(self) -> float:
        return statistics.median(line.box[3] - line.box[1] for line in self.lines)

    @property
    def size(self) -> float | None:
        """The type size: the median distance between the centres of neighbouring CJK characters
        (each takes one em), from three or more. Box heights are no measure: they vary by a third with the
        glyphs in a box. None for a row too short to say."""
        steps = [(b[0] + b[1] - a[0] - a[1]) / 2 for line in self.lines
                 for (a, b), (ca, cb) in zip(zip(line.xs, line.xs[1:]), zip(line.text, line.text[1:]))
                 if _wide(ca) and _wide(cb)]
        return statistics.median(steps) if len(steps) >= 3 else None

    @property
    def centre(self) -> float:
        return (self.y0 + self.y1) / 2

    def text(self) -> str:
        return "".join(line.text for line in self.lines)


def _wide(ch: str) -> bool:
    """A character one em wide: CJK ideographs and full-width punctuation."""
    return "\u3000" <= ch <= "\u9fff" or "\uff01" <= ch <= "\uff5e"


def rows_of(page: Page) -> list[Row]:
    """The page's boxes grouped into printed lines, top to bottom, each read left to right."""
    rows: list[Row] = []
    for line in sorted(page.lines, key=lambda ln: (ln.box[1] + ln.box[3]) / 2):
        centre, height = (line.box[1] + line.box[3]) / 2, line.box[3] - line.box[1]
        row = next((r for r in reversed(rows[-3:]) if abs(r.centre - centre) < 0.5 * min(r.height, height)
                    and not any(_overlap(line.box, other.box) for other in r.lines)), None)
        if row is None:
            rows.append(Row(page.n, [line]))
        else:
            row.lines.append(line)
            row.lines.sort(key=lambda ln: ln.box[0])
    return sorted(rows, key=lambda r: r.y0)


def _overlap(a, b) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.3 * min(a[2] - a[0], b[2] - b[0])


def _folio_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def drop_margins(pages: list[Page], rows: dict[int, list[Row]], unit: float) -> dict[int, list[Row]]:
    """Rows without the running headers, footers and page numbers (see the module docstring)."""
    heights = {p.n: p.height for p in pages}

    def in_band(row: Row) -> bool:
        band = MARGIN_BAND * heights[row.page]
        return row.y1 <= band or row.y0 >= heights[row.page] - band

    recurring = Counter(key for n, page_rows in rows.items()
                        for key in {_folio_key(r.text()) for r in page_rows if in_band(r)})
    def chrome(row: Row) -> bool:
        small = row.size is not None and row.size < SMALL_TYPE * unit
        return in_band(row) and bool(_FOLIO.match(row.text()) or recurring[_folio_key(row.text())] >= 2 or small)

    return {n: [r for r in page_rows if not chrome(r)] for n, page_rows in rows.items()}


@dataclass
class Column:
    """A page's text column: left and right margins, in pixels."""

    left: float
    right: float

    @classmethod
    def of(cls, rows: list[Row], unit: float) -> "Column":
        return cls(_edge([r.left for r in rows], unit, min), _edge([r.x1 for r in rows], unit, max))


def _edge(values: list[int], unit: float, pick) -> float:
    """The outermost position that at least two rows share (within half a character), else the outermost."""
    shared = [v for v in values if sum(abs(v - w) <= 0.5 * unit for w in values) >= 2]
    return pick(shared or values)


def _starts_paragraph(row: Row, prev: Row | None, column: Column, prev_column: Column, unit: float,
                      pitch: float) -> bool:
    """Whether `row` begins a paragraph after `prev` (the rules of the module docstring, in order)."""
    if prev is None:
        return True
    sizes = (row.size, prev.size)
    if None not in sizes and max(sizes) / min(sizes) > SIZE_STEP:
        return True
    same_page = row.page == prev.page
    if same_page and row.centre - prev.centre > GAP * pitch:
        return True
    if (row.size or row.height) > TITLE_SIZE * unit:  # a title: continues only a row that filled its line
        return prev.x1 - prev.x0 < FULL_LINE * (prev_column.right - prev_column.left)
    return row.left - column.left > INDENT * unit or prev.x1 < prev_column.right - SHORT * unit


def _pitch(rows: list[Row], unit: float) -> float:
    steps = [b.centre - a.centre for a, b in zip(rows, rows[1:]) if b.centre - a.centre > 0.5 * unit]
    return statistics.median(steps) if steps else 1.7 * unit


def lay_out(pages: list[Page]) -> list[Paragraph]:
    """The paragraphs of the pages, in reading order."""
    ocr = {p.n: rows_of(p) for p in pages if p.source == "ocr"}
    sizes = [r.size for page_rows in ocr.values() for r in page_rows if r.size]
    unit = statistics.median(sizes) if sizes else statistics.median(
        [r.height for page_rows in ocr.values() for r in page_rows] or [1.0])
    ocr = drop_margins([p for p in pages if p.source == "ocr"], ocr, unit)
    paragraphs: list[Paragraph] = []
    prev: Row | None = None
    prev_column = None
    for page in pages:
        if page.source != "ocr":
            paragraphs += [_text_line(page.n, line) for line in page.lines if line.text.strip()]
            prev = None
            continue
        page_rows = ocr[page.n]
        if not page_rows:  # a blank page (the back of a sheet): the paragraph before may go on after it
            continue
        column = Column.of(page_rows, unit) if len(page_rows) >= 3 else prev_column or Column.of(page_rows, unit)
        pitch = _pitch(page_rows, unit)
        for row in page_rows:
            if _starts_paragraph(row, prev, column, prev_column or column, unit, pitch):
                paragraphs.append(Paragraph(""))
            _extend(paragraphs[-1], row, unit)
            prev, prev_column = row, column
    return [p for p in paragraphs if p.text.strip()]


def _extend(paragraph: Paragraph, row: Row, unit: float) -> None:
    """Append a row's boxes to the paragraph: a space where the boxes of a row stand apart."""
    for i, line in enumerate(row.lines):
        if i and line.box[0] - row.lines[i - 1].box[2] > SPACE_GAP * unit:
            paragraph.text += " "
        start = len(paragraph.text)
        paragraph.text += line.text
        paragraph.pieces.append(Piece(start, len(paragraph.text), row.page, line))


def _text_line(page: int, line: Line) -> Paragraph:
    """A text-layer line as its own paragraph."""
    text = line.text.strip()
    return Paragraph(text, [Piece(0, len(text), page, Line(text))])
