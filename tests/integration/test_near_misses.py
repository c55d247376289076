"""Near misses of the kinds a probe set written over real reports held (here with invented places, the same
shapes): a ministry that wrote no report, a rate the sentence names otherwise, a person's name where the
report gives a role, a question whose only topic word is one character, a month where the report states
none, a count asked by its measure word the sentence does not count in. Each is refused, and the question
the report does answer still is."""
from __future__ import annotations

import pytest

from assistant.service import Assistant
from tests.conftest import ask_checked, index_written

WRITTEN = {
    "shengtai-2023.txt": "生态环境部2023年法治政府建设年度报告\n2023年,生态环境部坚持依法行政,政务新媒体发布相关稿件共计164篇。\n",
    "jia-xian-2024.txt": "甲县2024年法治政府建设情况报告\n2024年,甲县纵深推进“放管服”改革,政务服务事项入驻率达到96.4%,"
                         "行政许可类事项办理时限压缩比达到95%。\n区委区政府主要领导带头在依法行政工作领导小组会议上专题讲法。\n"
                         "局长张明带头履行推进法治建设第一责任人职责。\n",
    "yi-zhen-2024.txt": "乙镇2024年法治政府建设年度报告\n2024年,乙镇累计发放宣传资料5000余份,举办法律讲座4场,受教育群众达5000余人次。\n"
                        "县委理论中心组邀请特约研究员丙某作专题辅导,全镇培训执法人员37万余名。\n"
                        "新增持证执法人员3名,全镇执法人员持证率达100%。\n开展执法检查6次,检查企业120家。\n",
    "ding-shi-2024.txt": "丁市2024年法治政府建设情况报告\n2024年,丁市畅通网上政务公开申请渠道,受理政府信息公开申请1714件,办结率100%。\n"
                         "全年开展行政执法案卷评查2次,审查案件248起。\n行政机关负责人100%出庭应诉。\n"
                         "全市干部参加专题考试6场次,累计参考人数32886人,参考率、及格率均在80%以上。\n",
}


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> Assistant:
    return index_written(tmp_path_factory, WRITTEN, indexed=4)


@pytest.mark.integration
@pytest.mark.parametrize("question", ["自然资源部2023年政务新媒体发布法治相关稿件多少篇?", "自然资源部 2023 政务新媒体 发布稿件 篇数"])
def test_a_ministry_that_wrote_no_report_is_refused_naming_the_ministries_there_are(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "not_found" and "自然资源部" in answer.answer and "生态环境部" in answer.answer
    assert "164" in ask_checked(service, "生态环境部2023年政务新媒体发布相关稿件多少篇?").answer


@pytest.mark.integration
def test_a_rate_the_sentence_names_otherwise_is_not_the_one_asked(service):
    assert ask_checked(service, "甲县2024年政务服务事项网上可办率是多少?").status == "not_found"
    answer = ask_checked(service, "甲县2024年政务服务事项入驻率是多少?")
    assert answer.status == "answered" and "96.4%" in answer.answer


@pytest.mark.integration
@pytest.mark.parametrize("question", ["甲县2024年在领导小组会议上专题讲法的领导叫什么名字?", "甲县 2024 专题讲法 领导姓名"])
def test_a_name_asked_is_not_answered_by_a_role(service, question):
    assert ask_checked(service, question).status == "not_found"


@pytest.mark.integration
def test_a_name_asked_is_answered_by_a_sentence_naming_someone(service):
    answer = ask_checked(service, "甲县2024年带头履行第一责任人职责的负责人叫什么名字?")
    assert answer.status == "answered" and "张明" in answer.answer


@pytest.mark.integration
@pytest.mark.parametrize("question", ["乙镇24年罚了多少人?",  # 罚: one character, no topic word left
                                      "乙镇 丙某 专题辅导 2024 月份",  # no month stated
                                      "乙镇 2024 执法人员专题培训班 期数"])  # 37万余名 counts people, not 期
def test_near_misses_are_refused(service, question):
    assert ask_checked(service, question).status == "not_found"


@pytest.mark.integration
@pytest.mark.parametrize("question", ["丁市2024年政府信息公开申请中有多少件决定不予公开?",  # 受理 1714: no 不予公开
                                      "丁市 2024 案卷评查 不合格 案卷数",  # 审查248起: 合格 or not, not said
                                      "丁市2024年行政机关负责人出庭应诉的案件数量是多少?",  # 100%: no count
                                      "丁市2024年干部专题考试有多少人及格?",  # 参考人数 32886: who sat it
                                      "乙镇2024年全镇持证执法人员一共有多少名?"])  # 新增3名: no total
def test_a_figure_of_a_neighbouring_measure_is_no_answer(service, question):
    assert ask_checked(service, question).status == "not_found"


@pytest.mark.integration
@pytest.mark.parametrize("question,figure", [("丁市2024年受理了多少件政府信息公开申请?", "1714"),
                                             ("丁市2024年干部专题考试参考人数是多少?", "32886"),
                                             ("乙镇2024年新增持证执法人员多少名?", "3名")])
def test_the_measure_the_sentence_states_is_still_answered(service, question, figure):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and figure in answer.answer

