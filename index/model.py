"""The records that flow through indexing and that the answerer reads back.

Plain dataclasses so every step is a pure function from one record to the next
and tests can build them by hand.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class LoadedText:
    """A file decoded to text: what `index.loaders` hands to cleaning.

    `hints` carries metadata the container itself states (an HTML <title>, a
    DOCX core property, a <meta> publish date) under the keys `title`,
    `published`, `source_line`.
    """

    text: str
    encoding: str
    hints: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    scan: object | None = None  # a scanned file's index.ocr.model.ScanLayout: where each line lies on its pages


@dataclass
class Paragraph:
    """One paragraph of a report body, in the report's own script.

    `n` counts from 1 over body paragraphs and headings alike, so a reader can
    find "paragraph 7"; `section` is the heading path above it.
    """

    n: int
    text: str
    section: list[str]
    is_heading: bool = False
    sentences: list[str] = field(default_factory=list)


@dataclass
class ReportMeta:
    """What a report says about itself; unknown fields stay None, never a guess."""

    title: str | None = None
    agency: str | None = None
    year: int | None = None
    published: str | None = None  # ISO date, yyyy-mm-dd
    region: str | None = None
    seat: str | None = None  # for a town below the gazetteer: the most local gazetteer place its report names (慈溪市)
    level: str | None = None  # 部委 | 省 | 市 | 区县 | 街道乡镇
    script: str = "simplified"  # simplified | traditional
    kind: str | None = None  # 政府, or the department without its place (司法局, 市场监督管理局)
    sector: str | None = None  # the field of government work (领域), its usual full form (市场监督管理, 人力资源和社会保障)
    confidence: float = 0.0  # how sure the author is (0–1): a whole name from the title, agreed by other lines, near 1
    authors: list = field(default_factory=list)  # as written, when not just the agency: joint authors, a party body
    origin: dict = field(default_factory=dict)  # field -> where its value came from (title, opening, …)
    page: list = field(default_factory=list)  # page information: {label, kind, value, quote}
    ocr: dict = field(default_factory=dict)  # a scan: {pages, ocr_pages, share, mean_conf} (index/ocr); else empty


@dataclass
class Report:
    report_id: str
    source: str
    content_hash: str
    meta: ReportMeta
    text: str  # the decoded, repaired and cleaned original text
    paragraphs: list[Paragraph]
    warnings: list[str] = field(default_factory=list)
    scan: object | None = None  # a scan's ScanLayout (index/ocr), stored beside the report by index/ocr/table.py

    def to_row(self) -> dict:
        return {"report_id": self.report_id, "source": self.source, **asdict(self.meta),
                "paragraphs": len(self.paragraphs), "warnings": list(self.warnings)}


@dataclass
class Chunk:
    """A paragraph-aligned retrieval unit.

    `text` is the original script (for display); `norm` the simplified,
    width-normalised form that BM25 and the embedder see; `embed_text` starts
    with a short "agency · section" header so a chunk carries its context.
    """

    chunk_id: str
    report_id: str
    text: str
    norm: str
    embed_text: str
    section: list[str]
    para_start: int
    para_end: int
    tokens: int
