"""Page geometry → paragraphs, and a quote back to its page, on lines laid out by hand (no OCR model).

A page here is what the recogniser returns: boxes of text with per-character x extents and
confidence. Characters are 30 px wide, the column runs from x=150 to x=1080 (31 characters), rows
are 52 px apart: a printed report at 150 dpi.
"""
from __future__ import annotations

import pytest

from assistant.contract import Answer, Citation, uncertain_figures
from index.ocr.layout import lay_out
from index.ocr.model import Line, Page, ScanLayout
from index.ocr.pages import pack_folder, unpack_folder
from index.ocr.spans import locate

pytestmark = pytest.mark.unit

EM, LEFT, WIDTH = 30, 150, 31  # character size, left margin, characters per full row


def line(text: str, x: float, y: float, conf: float = 0.99, em: int = EM) -> Line:
    xs = [(round(x + i * em), round(x + (i + 1) * em)) for i in range(len(text))]
    return Line(text, (round(x), round(y), xs[-1][1], round(y + em)), [conf] * len(text), xs)


def paragraph_rows(text: str, y: float, indent: int = 2) -> tuple[list[Line], float]:
    """A paragraph set as a report sets it: a 2-character first-line indent, full rows, a short last row."""
    rows, first = [], WIDTH - indent
    chunks = [text[:first]] + [text[i:i + WIDTH] for i in range(first, len(text), WIDTH)]
    for i, chunk in enumerate(c for c in chunks if c):
        rows.append(line(chunk, LEFT + (indent * EM if i == 0 else 0), y))
        y += 52
    return rows, y


def page(n: int, lines: list[Line], header: bool = True) -> Page:
    chrome = [line(f"— {n} —", 560, 1650, em=20)]
    if header:
        chrome.append(line("某某区法治政府建设年度报告", 800, 90, em=20))
    return Page(n, 1240, 1754, "ocr", lines + chrome)


BODY1 = "今年以来,全区共办理行政复议案件786宗,同比增长百分之十二,其中纠错率为百分之八点五,较上年明显下降。"
BODY2 = "一是加强规范性文件管理,全年审查规范性文件23件,全部按时报备,报备率达到百分之百,未发现违法文件。"


def test_rows_become_paragraphs_by_indent_and_line_end_across_pages():
    rows1, y = paragraph_rows(BODY1 * 3, 200)
    title = line("一、主要举措和成效", LEFT + 2 * EM, y)
    rows2, _ = paragraph_rows(BODY2 * 5, y + 52)
    cut = len(rows2) - 2  # the paragraph goes on over the page break
    first = page(1, rows1 + [title] + rows2[:cut])
    second = page(2, [line(r.text, r.box[0], 200 + 52 * i) for i, r in enumerate(rows2[cut:])])
    texts = [p.text for p in lay_out([first, second])]
    assert texts == [BODY1 * 3, "一、主要举措和成效", BODY2 * 5]


def test_page_numbers_and_running_headers_are_dropped_but_a_title_on_page_one_is_kept():
    rows, _ = paragraph_rows(BODY1, 300)
    title = line("关于2023年度法治政府建设情况的报告", 300, 160, em=40)  # in the top tenth, but once only
    pages = [page(1, [title] + rows, header=False), page(2, paragraph_rows(BODY2, 300)[0]),
             page(3, paragraph_rows(BODY1, 300)[0])]
    text = "\n".join(p.text for p in lay_out(pages))
    assert "关于2023年度法治政府建设情况的报告" in text
    assert "某某区法治政府建设年度报告" not in text and "—" not in text


def test_a_wrapped_title_is_one_paragraph_and_signature_lines_stay_apart():
    big = 40
    title = [line("广州市花都区人民政府关于2023年度法治政府", LEFT, 150, em=big),
             line("建设情况的报告", 470, 210, em=big)]
    rows, y = paragraph_rows(BODY1 * 2, 300)
    signature = [line("广州市花都区人民政府", 700, y + 40), line("2024年1月4日", 760, y + 92)]
    texts = [p.text for p in lay_out([page(1, title + rows + signature, header=False)])]
    assert texts == ["广州市花都区人民政府关于2023年度法治政府建设情况的报告", BODY1 * 2,
                     "广州市花都区人民政府", "2024年1月4日"]


def test_a_row_starting_with_an_opening_quote_continues_its_paragraph():
    """An opening quote is drawn at the right of its cell: its box starts late, but the row is not indented."""
    full = (BODY1 * 2)[:WIDTH - 2 + WIDTH]  # two full rows: the paragraph goes on
    rows, y = paragraph_rows(full, 200)
    rest = line("“谁执法谁普法”责任制落实到位。", LEFT + 20, y)
    rest.xs[0] = (LEFT + 20, LEFT + EM)
    texts = [p.text for p in lay_out([page(1, rows + [rest], header=False)])]
    assert texts == [full + "“谁执法谁普法”责任制落实到位。"]


def test_a_quote_is_found_on_its_page_with_boxes_and_low_confidence_digits():
    rows1, _ = paragraph_rows(BODY1, 200)
    rows1[0].conf[rows1[0].text.index("786") + 1] = 0.41  # the 8 of 786 was hard to read
    layout = ScanLayout(lay_out([page(1, paragraph_rows(BODY2, 200)[0]), page(2, rows1)]),
                        [{"n": 1, "width": 1240, "height": 1754, "source": "ocr"}] * 2)
    found = locate(layout, "行政复议案件786宗", BODY1, low=0.9)
    assert found.page == 2 and found.ocr and found.uncertain == ["786"]
    (pg, x0, y0, x1, y1), = found.boxes
    assert pg == 2 and y0 == 200 and x1 - x0 == len("行政复议案件786宗") * EM
    assert locate(layout, "全年审查规范性文件23件", None).uncertain == []
    assert locate(layout, "没有这句话", None) is None


def test_a_figure_only_a_low_confidence_digit_supports_is_uncertain():
    def cite(n, quote, uncertain):
        return Citation(n, "r", "scan.pdf", None, "花都区", 2023, "", 3, quote, page=2, ocr=True, uncertain=uncertain)

    answer = Answer("q", "answered", "extractive", "共办理行政复议案件786宗[1]。", [cite(1, "行政复议案件786宗", ["786"])])
    assert uncertain_figures(answer) == ["786宗"]
    answer.citations.append(cite(2, "全区行政复议案件786宗", []))  # a clearly read copy of the figure
    assert uncertain_figures(answer) == []


def test_a_folder_of_pages_packs_in_name_order(tmp_path):
    for name in ("page10.png", "page2.png", "page1.png", "notes.txt"):
        (tmp_path / name).write_bytes(name.encode())
    assert [name for name, _ in unpack_folder(pack_folder(tmp_path))] == ["page1.png", "page2.png", "page10.png"]


def test_progress_is_told_page_by_page_to_the_listener_and_in_a_file(tmp_path):
    import json

    from index.ocr.progress import Progress, listening, of_source, running

    told = []
    with listening(lambda done, total, source: told.append((done, total, source))):
        progress = Progress(tmp_path, "scan.pdf", 3)
        progress.page(1)
    assert told == [(0, 3, "scan.pdf"), (1, 3, "scan.pdf")]
    assert of_source(tmp_path, "scan.pdf") | {"seconds": 0} == {"source": "scan.pdf", "page": 1, "pages": 3, "seconds": 0}
    progress.close()
    assert running(tmp_path) == []
    (tmp_path / "dead.json").write_text(json.dumps({"source": "x.pdf", "page": 1, "pages": 2, "pid": 999_999_999,
                                                    "started": 0}))
    assert running(tmp_path) == [] and not (tmp_path / "dead.json").exists()  # a killed reader's file goes


def test_a_blank_page_reads_as_nothing_and_a_paragraph_goes_on_after_it():
    full = (BODY1 * 2)[:WIDTH - 2 + WIDTH]
    rows, _ = paragraph_rows(full, 200)
    blank = Page(2, 1240, 1754, "ocr", [])
    after = page(3, [line("此后继续。", LEFT, 200)], header=False)
    assert [p.text for p in lay_out([page(1, rows, header=False), blank, after])] == [full + "此后继续。"]
