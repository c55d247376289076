"""Rule-based follow-up rewriting (no LLM) and the helpers around the LLM rewrite prompt."""
from __future__ import annotations

import pytest

from assistant.ask.followup import clean_rewrite, history_text, is_follow_up, rule_rewrite, standalone
from assistant.ask.tuning import load_tuning

F = load_tuning().followup

PREVIOUS = "增城区城管局2023年新收行政一审案件多少宗?"


@pytest.mark.parametrize("follow_up, expected", [
    ("那花都区呢?", "花都区2023年新收行政一审案件多少宗?"),
    ("那么杭州市城管局呢？", "杭州市城管局2023年新收行政一审案件多少宗?"),
    ("2022年呢?", "增城区城管局2022年新收行政一审案件多少宗?"),
    ("那花都区2022年的呢?", "花都区2022年新收行政一审案件多少宗?"),
    ("那行政复议案件呢?", "增城区城管局2023年行政复议案件多少宗?"),
])
def test_a_follow_up_takes_the_new_place_year_or_topic(follow_up, expected):
    assert rule_rewrite(follow_up, PREVIOUS, F) == expected


@pytest.mark.parametrize("question", [
    "花都区2023年收到行政复议申请多少宗?",  # already standalone
    "还有吗?",  # nothing to substitute
    "那么请把楚雄市综合行政执法局所有的重大行政决策事项都列出来呢?",  # too long for a rule
])
def test_other_questions_stay_as_they_are(question):
    assert rule_rewrite(question, PREVIOUS, F) == question


def test_without_a_previous_question_nothing_changes():
    assert rule_rewrite("那花都区呢?", "", F) == "那花都区呢?"


def test_a_place_is_added_when_the_previous_question_named_none():
    assert rule_rewrite("那花都区呢?", "行政机关负责人出庭率是多少?", F) == "花都区行政机关负责人出庭率是多少?"


def test_chains_of_follow_ups_keep_their_context():
    history = [{"role": "user", "content": PREVIOUS}, {"role": "assistant", "content": "5宗[1]。"},
               {"role": "user", "content": "那花都区呢?"}, {"role": "assistant", "content": "786宗[1]。"}]
    assert standalone("2022年呢?", history, F) == "花都区2022年新收行政一审案件多少宗?"
    assert standalone("那花都区呢?", [], F) == "那花都区呢?"
    assert standalone("那花都区呢?", [{"role": "system", "content": "x"}, "junk"], F) == "那花都区呢?"


def test_follow_up_shape():
    assert is_follow_up("那花都区呢?", F) and is_follow_up("2022年呢", F) and is_follow_up("那么杭州市呢？", F)
    assert not is_follow_up(PREVIOUS, F) and not is_follow_up("呢?", F)


def test_history_text_is_short_and_has_no_markers():
    history = [{"role": "user", "content": PREVIOUS}, {"role": "assistant", "content": "共5宗[1]。\n" + "很长" * 400}]
    text = history_text(history, F)
    assert text.startswith(f"用户: {PREVIOUS}\n助手: 共5宗。 ") and "[1]" not in text and len(text) < 400
    assert history_text([], F) == "(无)"


@pytest.mark.parametrize("reply, expected", [
    ("花都区2023年新收行政一审案件多少宗?", "花都区2023年新收行政一审案件多少宗?"),
    ("改写后的问题:“花都区2023年新收行政一审案件多少宗?”\n解释:……", "花都区2023年新收行政一审案件多少宗?"),
    ("", "那花都区呢?"),
    ("很" * 400, "那花都区呢?"),
])
def test_clean_rewrite(reply, expected):
    assert clean_rewrite(reply, "那花都区呢?") == expected
