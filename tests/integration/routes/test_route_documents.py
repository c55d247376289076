"""The documents route: one report as a document (who wrote it, which year, its page fields)."""
from __future__ import annotations

from assistant.ask.routes import documents
from assistant.contract import check_answer


def test_which_year_is_answered_from_the_line_that_states_it(asking):
    answer = documents.answer(asking("增城区城管局的这份报告是哪一年度的?"))
    assert answer.status == "answered" and not check_answer(answer)
    assert "2023年度" in answer.citations[0].quote and answer.citations[0].paragraph == 1


def test_a_page_field_is_quoted_from_the_page_as_paragraph_zero(asking):
    answer = documents.answer(asking("花都区的报告发布日期是哪天?"))
    assert answer.status == "answered" and "2024-01-04" in answer.answer
    assert [(c.source, c.paragraph, c.section) for c in answer.citations] == [("huadu-district-2023.txt", 0, "页面信息")]


def test_a_question_about_content_is_not_the_documents(asking):
    assert documents.answer(asking("增城区城管局2023年新收行政一审案件多少宗?")) is None
