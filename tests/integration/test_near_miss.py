"""Never confidently wrong on the sample reports: a neighbouring district, another year or a
similar measure is refused (saying which reports there are), while the correct counterpart of
each question is still answered."""
from __future__ import annotations

import pytest

from assistant.contract import check_answer
from assistant.service import Assistant
from index.config import Settings
from tests.conftest import REPORTS


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> Assistant:
    a = Assistant(Settings(home=tmp_path_factory.mktemp("near_miss") / "home"))
    assert a.ingest([REPORTS]).count("indexed") == 5
    return a


NEAR_MISSES = [
    # other districts of the same city, and a district no report is about
    ("从化区2023年收到行政复议申请多少宗?", "花都区2023年收到行政复议申请多少宗?", "786"),
    ("白云区人民政府2023年收到行政复议申请多少宗?", "广州市花都区人民政府2023年收到行政复议申请多少宗?", "786"),
    ("番禺区城管局2023年新收行政一审案件多少宗?", "增城区城管局2023年新收行政一审案件多少宗?", "5"),
    # another agency at a place that has reports
    ("广州市民政局2023年收到行政复议申请多少宗?", "广州市花都区人民政府2023年收到行政复议申请多少宗?", "786"),
    # other years
    ("花都区2021年收到行政复议申请多少宗?", "花都区2023年收到行政复议申请多少宗?", "786"),
    ("增城区城管局2022年收到多少宗行政许可申请?", "增城区城管局2023年收到多少宗行政许可申请?", "275"),
    ("楚雄市综合行政执法局2023年的行政处罚案件有多少?", "楚雄市综合行政执法局2024年的行政处罚案件有多少?", None),
    # a neighbouring measure that shares words with the asked one
    ("增城区收到行政复议申请多少宗?", "增城区收到行政许可申请多少宗?", "275"),
    # the city's government named, and only a district's report of the city
    ("广州市人民政府2023年收到行政复议申请多少宗?", "广州市花都区人民政府2023年收到行政复议申请多少宗?", "786"),
    # a change asked of a figure stated as a level ("办理…申请案件786件"), and one stated as a change
    ("花都区2023年办理政府信息公开申请比上年增长了多少?", "花都区2023年收到行政复议申请比上年增长了多少?", "68.67"),
    # a body's leader asked, and a sentence that says the leader did something without naming anyone
    ("杭州市城管局的一把手是谁?", "花都区炭步司法所所长是谁?", "刘凯"),
    # a thing named by a code no report writes
    ("花都区2023年PM2.5年均浓度是多少?", "花都区2023年收到行政复议申请多少宗?", None),
]


@pytest.mark.parametrize("wrong, right, figure", NEAR_MISSES)
def test_near_miss_refused_and_counterpart_answered(service, wrong, right, figure):
    refused = service.ask(wrong)
    assert refused.status == "not_found", refused.answer
    assert not check_answer(refused)
    if figure:
        assert figure not in refused.answer.replace(wrong, ""), "a refusal never carries the neighbour's figure"
    answered = service.ask(right)
    assert answered.status == "answered" and not check_answer(answered), answered.answer
    if figure:
        assert figure in answered.answer


def test_refusal_names_the_reports_there_are(service):
    place = service.ask("从化区2023年收到行政复议申请多少宗?").answer
    assert "从化区" in place and "广州市花都区人民政府" in place
    year = service.ask("花都区2021年收到行政复议申请多少宗?").answer
    assert "2021" in year and "2023" in year


def test_follow_up_to_a_neighbouring_district_is_refused(service):
    history = [{"role": "user", "content": "花都区2023年收到行政复议申请多少宗?"},
               {"role": "assistant", "content": "收到行政复议申请786宗 [1]"}]
    answer = service.ask("那从化区呢?", history=history)
    assert answer.status == "not_found" and "786" not in answer.answer


def test_a_fact_about_one_agency_is_not_padded_with_other_reports(service):
    answer = service.ask("花都区2023年收到行政复议申请多少宗?")
    assert {c.source for c in answer.citations} == {"huadu-district-2023.txt"}
