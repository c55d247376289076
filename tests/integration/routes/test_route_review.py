"""The review route: questions over the review (报告审查), answered from its stored rows."""
from __future__ import annotations

import pytest

from assistant.ask.routes import review
from assistant.contract import check_answer


def test_the_document_that_is_no_annual_report_is_named_and_cited(asking):
    answer = review.answer(asking("哪份材料不是年度报告?"))
    assert answer.status == "answered" and not check_answer(answer)
    assert [c.source for c in answer.citations] == ["district-chengguan-yaodian-2022.txt"]
    assert "工作要点" in answer.answer and answer.notes == ["根据报告审查作答(rolqa review)"]


def test_whether_one_report_has_a_part_is_answered_with_its_heading(asking):
    answer = review.answer(asking("花都区的报告有没有写存在的不足?"))
    assert answer.status == "answered"
    assert [(c.source, c.quote) for c in answer.citations] == [("huadu-district-2023.txt", "二、存在的不足和原因")]


def test_rules_that_do_not_parse_leave_the_question_to_other_routes(asking, tmp_path, monkeypatch):
    from index import review as rules

    broken = tmp_path / "review.toml"
    broken.write_text("[parts\n", encoding="utf-8")
    monkeypatch.setattr(rules, "RULES_PATH", broken)
    assert review.answer(asking("哪份材料不是年度报告?")) is None


@pytest.mark.parametrize("question", ["增城区城管局2023年新收行政一审案件多少宗?"])
def test_a_fact_question_is_not_the_reviews(asking, question):
    assert review.answer(asking(question)) is None
