"""The listing route: which reports are of a level, kind, field, year or script, or published first."""
from __future__ import annotations

from assistant.ask.routes import listing
from assistant.contract import check_answer


def test_reports_of_a_level_are_listed_completely_each_cited(asking):
    answer = listing.answer(asking("哪些报告是区县级的?"))
    assert answer.status == "answered" and not check_answer(answer)
    assert "共4份" in answer.answer
    assert {c.source for c in answer.citations} == {"district-chengguan-yaodian-2022.txt", "huadu-district-2023.txt",
                                                    "zengcheng-chengguan-2023.txt", "chuxiong-zonghe-zhifa-2024.txt"}


def test_the_earliest_published_report_is_cited_by_its_page_line(asking):
    answer = listing.answer(asking("哪份报告发布得最早?"))
    assert answer.status == "answered"
    assert [(c.paragraph, c.section) for c in answer.citations] == [(0, "页面信息")]
    assert "2022-09-08" in answer.answer and "没有写明发布日期" in answer.answer


def test_a_question_about_content_is_no_listing(asking):
    assert listing.answer(asking("增城区城管局2023年新收行政一审案件多少宗?")) is None
