"""The one answer writer: markers and citations numbered as written, page lines cited once."""
from __future__ import annotations

from types import SimpleNamespace

from assistant.ask.compose import PAGE_SECTION, Composer, cn_count, uncited_name
from assistant.contract import check_answer, markers

ROWS = {"r1": {"report_id": "r1", "source": "01_a.txt", "title": "甲县司法局2023年度报告", "agency": "甲县司法局",
               "year": 2023},
        "r2": {"report_id": "r2", "source": "02_yixian.txt", "title": None, "agency": None, "year": None}}


def test_lines_and_citations_are_numbered_in_the_order_they_are_written():
    out = Composer("问题?", ROWS)
    first = out.cite("r1", "一、成效", 3, "共办理行政复议案件12件")
    second = out.cite("r2", "", 5, "出庭率达100%")
    out.add(f"甲县:12件 [{first}]")
    out.add(f"乙:100% [{second}]")
    answer = out.answer("answered")
    assert [c.n for c in answer.citations] == [1, 2] == markers(answer.answer)
    assert answer.citations[0].agency == "甲县司法局" and answer.citations[1].source == "02_yixian.txt"
    assert not check_answer(answer)


def test_a_page_line_is_cited_once_however_many_of_its_fields_are_shown():
    out = Composer("问题?", ROWS)
    line = "发布日期:2024-01-04 来源:甲县司法局"
    assert out.cite_page("r1", line) == out.cite_page("r1", line) == 1
    assert out.cite_page("r2", line) == 2  # the same words on another report's page are another citation
    assert [(c.section, c.paragraph) for c in out.cites] == [(PAGE_SECTION, 0), (PAGE_SECTION, 0)]


def test_bank_sentences_and_catalog_paragraphs_are_cited_as_they_stand():
    out = Composer("问题?", ROWS)
    sentence = SimpleNamespace(section_display="一、成效", paragraph=4, text="全年受理案件3件。")
    heading = SimpleNamespace(section=["一、成效", "(一)复议"], n=6, text="(一)复议")
    assert out.marks("r1", [sentence, heading]) == "[1][2]"
    assert [(c.section, c.paragraph, c.quote) for c in out.cites] == [
        ("一、成效", 4, "全年受理案件3件。"), ("一、成效 › (一)复议", 6, "(一)复议")]


def test_counts_are_words_and_an_uncited_report_has_no_figures_in_its_name():
    assert cn_count(2) == "两" and cn_count(14) == "十四"
    assert uncited_name(ROWS["r1"]) == "甲县司法局"
    assert uncited_name(ROWS["r2"]) == "yixian.txt"  # the file name without its sorting number
