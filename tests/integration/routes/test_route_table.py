"""The table route: aggregates over a catalogue indicator answered from the indicator table."""
from __future__ import annotations

from assistant.ask.routes import table
from assistant.contract import check_answer


def test_a_condition_over_an_indicator_lists_every_report_that_meets_it(asking):
    answer = table.answer(asking("哪些单位的行政机关负责人出庭率达到了100%?"))
    assert answer.status == "answered" and not check_answer(answer)
    assert {c.source for c in answer.citations} == {"huadu-district-2023.txt", "zengcheng-chengguan-2023.txt"}
    assert all("100%" in c.quote for c in answer.citations)
    assert "楚雄市综合行政执法局" in answer.answer  # named as not stating it, without a citation
    assert answer.notes == ["根据指标表作答(行政机关负责人出庭应诉率)"]


def test_one_reports_fact_is_left_to_the_sentence_route(asking):
    assert table.answer(asking("增城区城管局2023年新收行政一审案件多少宗?")) is None
