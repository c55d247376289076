"""The records of a scanned report: recognised lines on pages, and paragraphs made of pieces of them.

Kept apart from `index.model` because only scans have them. Every record turns into plain
JSON lists and back (`to_json`/`from_json`): the recogniser's pages are cached as JSON under
$ROLQA_HOME/ocr, and a report's layout is stored in the catalog beside the report (table.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Line:
    """One recognised line (a detector box) on a straightened page, or one text-layer line.

    `box` is (x0, y0, x1, y1) in the page's pixels (None for a text-layer line); `conf` is the
    recogniser's confidence per character and `xs` each character's (x0, x1), both as long as
    `text` (empty for a text-layer line)."""

    text: str
    box: tuple[int, int, int, int] | None = None
    conf: list[float] = field(default_factory=list)
    xs: list[tuple[int, int]] = field(default_factory=list)

    def to_json(self) -> list:
        return [self.text, list(self.box) if self.box else None, [round(c, 3) for c in self.conf],
                [list(x) for x in self.xs]]

    @classmethod
    def from_json(cls, row: list) -> "Line":
        text, box, conf, xs = row
        return cls(text, tuple(box) if box else None, list(conf), [tuple(x) for x in xs])


@dataclass
class Page:
    """One page of the file: read by OCR (`source` "ocr") or from its text layer ("text")."""

    n: int  # 1-based, as the page is numbered in the file
    width: int
    height: int
    source: str
    lines: list[Line] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"n": self.n, "width": self.width, "height": self.height, "source": self.source,
                "lines": [line.to_json() for line in self.lines]}

    @classmethod
    def from_json(cls, data: dict) -> "Page":
        return cls(data["n"], data["width"], data["height"], data["source"],
                   [Line.from_json(row) for row in data["lines"]])


@dataclass
class Piece:
    """The characters [start, end) of a paragraph that one line of one page holds."""

    start: int
    end: int
    page: int
    line: Line


@dataclass
class Paragraph:
    """A paragraph as a reader sees it on the pages, and the pieces of lines it is made of."""

    text: str
    pieces: list[Piece] = field(default_factory=list)

    def to_json(self) -> list:
        return [self.text, [[p.start, p.end, p.page, *p.line.to_json()[1:]] for p in self.pieces]]

    @classmethod
    def from_json(cls, row: list) -> "Paragraph":
        text, pieces = row
        return cls(text, [Piece(s, e, page, Line.from_json([text[s:e], box, conf, xs]))
                          for s, e, page, box, conf, xs in pieces])


@dataclass
class ScanLayout:
    """What a scan adds to its LoadedText: the paragraphs (one per line of the text) with their
    places on the pages, the pages' sizes and sources, and where the page images are kept."""

    paragraphs: list[Paragraph]
    pages: list[dict]  # {"n", "width", "height", "source"} per page
    cache_key: str | None = None  # the folder under $ROLQA_HOME/ocr holding the page images

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def summary(self) -> dict:
        """The OCR share (characters read by OCR / all characters) and the mean confidence per character."""
        ocr = [c for p in self.paragraphs for piece in p.pieces if piece.line.box for c in piece.line.conf]
        total = sum(piece.end - piece.start for p in self.paragraphs for piece in p.pieces)
        return {"pages": len(self.pages), "ocr_pages": sum(pg["source"] == "ocr" for pg in self.pages),
                "share": round(len(ocr) / total, 3) if total else 0.0,
                "mean_conf": round(sum(ocr) / len(ocr), 3) if ocr else None}

    def to_json(self) -> dict:
        return {"pages": self.pages, "cache_key": self.cache_key,
                "paragraphs": [p.to_json() for p in self.paragraphs]}

    @classmethod
    def from_json(cls, data: dict) -> "ScanLayout":
        return cls([Paragraph.from_json(row) for row in data["paragraphs"]], data["pages"], data.get("cache_key"))
