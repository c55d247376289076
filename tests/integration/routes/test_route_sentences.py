"""The sentence route: the reports' own sentences, scored; it always answers."""
from __future__ import annotations

from assistant.ask.routes import sentences
from assistant.contract import check_answer


def test_a_fact_is_answered_with_the_sentence_that_states_it(asking):
    answer = sentences.answer(asking("增城区城管局2023年新收行政一审案件多少宗?"))
    assert answer.status == "answered" and not check_answer(answer)
    assert [c.source for c in answer.citations] == ["zengcheng-chengguan-2023.txt"]
    assert "新收行政一审案件共5宗" in answer.citations[0].quote


def test_a_topic_without_the_figure_is_refused_citing_what_the_report_says(asking):
    answer = sentences.answer(asking("杭州市城管局2023年的行政机关负责人出庭率是多少?"))
    assert answer.status == "not_found" and "没有写明所问的数字或条件" in answer.answer
    assert [c.source for c in answer.citations] == ["hangzhou-chengguan-2023.txt"]
    assert "出庭应诉" in answer.citations[0].quote
