"""The refusal route: a place, agency or year no report is about, and an empty scope."""
from __future__ import annotations

from assistant.ask.routes import refusal


def test_a_district_no_report_is_about_is_refused_naming_the_reports_there_are(asking):
    answer = refusal.answer(asking("广州市白云区2023年收到多少宗行政复议申请?"))
    assert answer.status == "not_found" and not answer.citations
    assert "白云区" in answer.answer and "广州市花都区人民政府" in answer.answer


def test_a_year_no_report_is_about_is_refused_naming_the_years_there_are(asking):
    answer = refusal.answer(asking("增城区城管局2021年新收行政一审案件多少宗?"))
    assert answer.status == "not_found" and "2021" in answer.answer and "2023" in answer.answer


def test_a_named_report_is_no_refusal(asking):
    assert refusal.answer(asking("增城区城管局2023年新收行政一审案件多少宗?")) is None


def test_nothing_in_scope_is_an_empty_index(asking):
    answer = refusal.empty_index(asking("增城区城管局2023年新收行政一审案件多少宗?", scope=set()))
    assert answer.status == "not_found"
    assert refusal.empty_index(asking("增城区城管局2023年新收行政一审案件多少宗?")) is None
