"""A scanned report's citations in a real catalog: page, OCR flag, uncertain figures and the note.

The report is built by hand from recognised lines (no OCR model), committed with its layout, and
an answer citing it goes through the answering pipeline's last step (assistant/scan_citations.py).
"""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.contract import Answer, Citation
from assistant.scan_citations import add_pages, page_view
from index.catalog import Catalog
from index.config import Settings
from index.model import Paragraph, Report, ReportMeta
from index.ocr.layout import lay_out
from index.ocr.model import Line, Page, ScanLayout

pytestmark = pytest.mark.integration

SENTENCE = "全年共办理行政复议案件786宗。"


def scanned_report(conf_of_8: float) -> Report:
    """A two-page scan whose second page holds SENTENCE; the 8 of 786 read with `conf_of_8`."""
    def row(text, y):
        xs = [(150 + 30 * i, 180 + 30 * i) for i in range(len(text))]
        return Line(text, (150, y, xs[-1][1], y + 30), [0.99] * len(text), xs)

    second = row(SENTENCE, 300)
    second.conf[SENTENCE.index("786") + 1] = conf_of_8
    pages = [Page(1, 1240, 1754, "ocr", [row("某区司法局2023年法治政府建设年度报告", 200)]),
             Page(2, 1240, 1754, "ocr", [second])]
    layout = ScanLayout(lay_out(pages), [{"n": p.n, "width": 1240, "height": 1754, "source": "ocr"} for p in pages])
    paragraphs = [Paragraph(i + 1, p.text, [], False, [p.text]) for i, p in enumerate(layout.paragraphs)]
    return Report("r1", "scan.pdf", "h1", ReportMeta(agency="某区司法局", year=2023), layout.text, paragraphs,
                  scan=layout)


def index_with(tmp_path, report: Report):
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    catalog.commit_report(report, [], "test", [])
    return SimpleNamespace(catalog=catalog, settings=Settings(home=tmp_path))


def answer_citing(quote: str, paragraph: int = 2) -> Answer:
    citation = Citation(1, "r1", "scan.pdf", None, "某区司法局", 2023, "", paragraph, quote)
    return Answer("办理了多少宗行政复议案件?", "answered", "extractive", "某区司法局(2023年度):786宗 [1]。", [citation])


def test_a_clearly_read_figure_is_cited_with_its_page_and_no_note(tmp_path):
    index = index_with(tmp_path, scanned_report(0.98))
    answer = add_pages(answer_citing("办理行政复议案件786宗"), index).to_dict()
    c = answer["citations"][0]
    assert (c["page"], c["ocr"], c["uncertain"]) == (2, True, []) and "notes" not in answer


def test_a_figure_read_with_low_confidence_is_marked_and_the_answer_says_so(tmp_path):
    index = index_with(tmp_path, scanned_report(0.42))
    answer = add_pages(answer_citing("办理行政复议案件786宗"), index).to_dict()
    assert answer["citations"][0]["uncertain"] == ["786"]
    assert answer["notes"] == ["未经核实:786宗 是从扫描件中识别的,识别把握较低,请对照原页核对([1] 第2页)"]


def test_a_text_report_s_citation_keeps_the_contract_fields_only(tmp_path):
    report = scanned_report(0.98)
    report.scan = None  # the same text, read from a text file
    answer = add_pages(answer_citing("办理行政复议案件786宗"), index_with(tmp_path, report)).to_dict()
    assert set(answer["citations"][0]) == {"n", "report_id", "source", "title", "agency", "year", "section",
                                           "paragraph", "quote"}


def test_the_page_view_boxes_the_quote_and_says_when_the_image_is_gone(tmp_path):
    index = index_with(tmp_path, scanned_report(0.98))
    view = page_view(index, "r1", 2, "786宗")
    assert view["page"] == 2 and view["image"] is None  # built by hand: no page image was kept
    (x0, y0, x1, y1), = view["boxes"]
    assert (y0, y1) == (300, 330) and x1 - x0 == 4 * 30
