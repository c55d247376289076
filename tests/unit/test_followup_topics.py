"""Follow-ups rewritten by rule (no LLM): a new subject with its own topic stands alone, and a count
follow-up keeps what was counted."""
from __future__ import annotations

import pytest

from assistant.ask.followup import standalone
from assistant.ask.tuning import load_tuning

pytestmark = pytest.mark.unit


def rewrite(question: str, *before: str) -> str:
    return standalone(question, [{"role": "user", "content": q} for q in before], load_tuning().followup)


def test_a_new_subject_with_its_own_topic_keeps_nothing_of_the_previous_question():
    assert rewrite("那增城区城管局的问题和不足呢?", "花都区2022年有哪些主要举措?") == "增城区城管局的问题和不足有哪些?"
    assert rewrite("那增城区城管局的出庭率呢?", "花都区2023年收到多少宗行政复议申请?") == "增城区城管局的出庭率是多少?"


def test_a_count_follow_up_keeps_what_was_counted_through_the_conversation():
    first = "增城区城管局2023年收到多少宗行政许可申请?"
    assert rewrite("那受理了多少宗呢?", first) == "增城区城管局2023年受理了多少宗行政许可申请?"
    assert rewrite("那花都区呢?", first, "那受理了多少宗呢?") == "花都区2023年受理了多少宗行政许可申请?"


def test_the_usual_follow_ups_are_unchanged():
    assert rewrite("那花都区呢?", "增城区城管局2023年新收行政一审案件多少宗?") == "花都区2023年新收行政一审案件多少宗?"
    assert rewrite("那行政复议案件呢?", "增城区城管局2023年新收行政一审案件多少宗?") == "增城区城管局2023年行政复议案件多少宗?"
    assert rewrite("那2022年呢?", "增城区城管局2023年收到多少宗行政许可申请?") == "增城区城管局2022年收到多少宗行政许可申请?"
