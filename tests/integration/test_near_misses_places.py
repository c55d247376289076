"""Near misses of the kinds a second probe set held (session 17): a town of the named county that wrote no
report, a government named by its place where only one of its bureaus reported, a figure the question itself
gives, information disclosed on request against disclosed of the agency's own accord, a length of time a
report does not state, a group leader's name where the report gives only the role, the names of things the
report only counts. Each is refused; the
question the report does answer still is. Real county names (the gazetteer places them), invented texts."""
from __future__ import annotations

import pytest

from tests.conftest import ask_checked, index_written

WRITTEN = {
    "meishan-2024.txt": "金寨县梅山镇人民政府2024年度法治政府建设情况报告\n2024年,梅山镇全年共开展送法进企业、进农村等普法宣传活动140次。\n",
    "anxi-linye-2023.txt": "安溪县林业局2023年法治政府建设年度报告\n2023年,局主要负责人专题研究听取法治工作2次。\n"
                           "全年主动公开政府信息28条。\n",
    "baotou-2024.txt": "包头市2024年法治政府建设情况报告\n2024年,推动实现市、县、乡三级党政主要负责人单独述法全覆盖,全市单独述法人数共计742人。\n"
                       "整合22个部门613项业务,形成“大一窗通办”政务服务模式,平均办件时长实现大幅压缩。\n"
                       "成立法治政府建设领导小组,由市长任组长,班子成员分工负责。\n"
                       "对4家单位开展法治政府建设督察并及时反馈问题。\n对司法局、民政局、财政局3家单位开展执法专项检查。\n"
                       "聚焦“高效办成一件事”改革,推动13件“一件事”落地。\n",
}


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return index_written(tmp_path_factory, WRITTEN, indexed=3)


@pytest.mark.integration
@pytest.mark.parametrize("question", ["金寨县汤家汇镇2024年开展了多少次普法宣传活动?", "金寨县汤家汇镇 2024 普法宣传活动 次数"])
def test_a_town_of_the_county_that_wrote_no_report_is_refused(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "not_found" and "汤家汇镇" in answer.answer
    assert "140" in ask_checked(service, "金寨县梅山镇2024年开展了多少次普法宣传活动?").answer


@pytest.mark.integration
@pytest.mark.parametrize("question", ["安溪县政府2023年专题研究法治工作几次?", "安溪县政府 2023 专题研究 法治工作 次数"])
def test_a_government_named_by_its_place_is_not_its_bureau(service, question):
    assert ask_checked(service, question).status == "not_found"
    assert "2次" in ask_checked(service, "安溪县林业局2023年专题研究法治工作几次?").answer
    assert "28条" in ask_checked(service, "安溪县2023年主动公开政府信息多少条?").answer  # 政府信息 names no government


@pytest.mark.integration
@pytest.mark.parametrize("question", ["包头市2024年单独述法的742人中,乡镇一级党政主要负责人有多少人?",
                                      "包头 2024 单独述法 742人 乡镇一级 人数"])
def test_the_figure_a_question_gives_is_not_its_answer(service, question):
    assert ask_checked(service, question).status == "not_found"
    assert "742" in ask_checked(service, "包头市2024年单独述法人数是多少?").answer


@pytest.mark.integration
def test_disclosure_on_request_is_not_disclosure_of_its_own_accord(service):
    assert ask_checked(service, "安溪县林业局2023年收到多少件依申请公开政府信息的申请?").status == "not_found"


@pytest.mark.integration
@pytest.mark.parametrize("question", ["包头市搞“大一窗通办”之后,办一件事平均要花多长时间?",
                                      "包头市2024年领导小组的组长叫什么名字?"])
def test_a_length_of_time_or_a_name_the_report_does_not_state_is_refused(service, question):
    assert ask_checked(service, question).status == "not_found"


@pytest.mark.integration
@pytest.mark.parametrize("question", ["包头市2024年开展法治政府建设督察的4家单位是哪几家?", "包头 2024 督察 4家单位 分别是哪些"])
def test_the_names_of_things_the_report_only_counts_are_not_stated(service, question):
    assert ask_checked(service, question).status == "not_found"


@pytest.mark.integration
def test_the_names_of_things_the_report_lists_are_stated(service):
    answer = ask_checked(service, "包头市2024年开展执法专项检查的3家单位是哪几家?")
    assert answer.status == "answered" and "民政局" in answer.answer
    assert ask_checked(service, "哪些报告提到了“高效办成一件事”?").status == "answered"  # a name, no count
