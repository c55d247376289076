"""Reports and wordings of the kinds the blind sets held (written here with invented names, the same
shapes): a joint author on the line above a title that names none, a zone named by its short form, a
formal question that opens with 请问, a year typed by its last two digits, a figure of another year, a
kind of case the report never states, a page date under its own label, listings that show what they ask."""
from __future__ import annotations

import pytest

from assistant.service import Assistant
from tests.conftest import ask_checked, index_written

WRITTEN = {
    "laojun-xiang-2025.txt": "中共甲乡委员会 甲乡人民政府\n关于2025年法治政府建设情况的报告\n县委依法治县办:\n"
                             "现将甲乡2025年度法治政府建设情况报告如下:\n"
                             "2025年,甲乡坚持依法行政,全年调解矛盾纠纷31件,开展普法宣传活动12场。\n",
    "lutai-kaifaqu-2022.txt": "河北唐山乙台经济开发区管委会2022年度法治政府建设工作报告\n"
                              "2022年,开发区充分发挥依法行政工作领导小组作用,共召开专题会议5场,发放《习近平法治思想学习纲要》650余本。\n",
    "xingguo-xian-2022.txt": "兴国县2022年法治政府建设情况报告\n"
                             "2022年,全县认真开展行政执法案卷评查,全年开展案卷评查2次,审查案件248起。\n"
                             "2021年全县行政复议案件受理45件。\n",
    "stj-2023.txt": "湖南省生态环境厅2023年度法治政府建设情况\n发文日期: 2024-02-29 20:13\n"
                    "2023年,省生态环境厅坚持依法行政,全年办理行政处罚案件120件。\n"
                    "2022年中央污染防治攻坚战成效考核结果优秀,全国排名第10位。\n",
    # One city's two years: only the later states its 备案审查 count; both state 行政复议.
    "bing-shi-2023.txt": "三门峡市2023年法治政府建设情况报告\n2023年,三门峡市坚持依法行政,全年办理行政复议案件120件。\n",
    "ding-qu-2023.txt": "从化区2023年法治政府建设情况报告\n2023年,从化区坚持依法行政,诉讼服务质效评估指标持续保持全市法院第一。\n"
                          "甲社区荣获全国民主法治示范社区。\n在全省法治政府建设考评中排名第3位。\n",
    "bing-shi-2024.txt": "三门峡市2024年法治政府建设情况报告\n2024年,三门峡市备案审查65件行政规范性文件,全年办理行政复议案件150件。\n",
}


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> Assistant:
    return index_written(tmp_path_factory, WRITTEN, indexed=7)


@pytest.mark.integration
def test_a_joint_author_above_a_title_is_cited_for_who_wrote_it(service):
    answer = ask_checked(service, "甲乡2025年法治政府建设情况的报告是以哪些机关的名义出具的?")
    assert answer.status == "answered" and "中共甲乡委员会" in answer.answer
    assert any("中共甲乡委员会" in c.quote for c in answer.citations)


@pytest.mark.integration
@pytest.mark.parametrize("question", ["乙台开发区22年领导小组开了几场专题会",
                                      "请问河北唐山乙台经济开发区管委会2022年召开了多少场专题会议?"])
def test_a_zone_by_its_short_form_a_two_digit_year_and_a_formal_question(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and "5场" in answer.answer


@pytest.mark.integration
def test_both_places_above_a_zone_are_named(service):
    answer = ask_checked(service, "乙台经济开发区管委会属于哪个省哪个市?")
    assert "唐山" in answer.answer and "河北" in answer.answer


@pytest.mark.integration
@pytest.mark.parametrize("question", ["兴国县2022年行政诉讼案件有多少起?",  # no 行政诉讼 figure is stated
                                      "湖南省生态环境厅2023年在全国污染防治攻坚战考核排第几?",  # 2022's rank
                                      "兴国县2022年行政复议案件受理多少件?",  # 2021's figure
                                      "从化区2023年在全国法治政府评估中排第几?"])  # a rank of another thing
def test_never_a_figure_of_another_kind_or_year(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "not_found"
    assert not any(f in answer.answer.split("提到了相关内容")[0] for f in ("248", "第10位", "45件", "第一"))


@pytest.mark.integration
def test_a_rank_among_the_asked_words_answers(service):
    answer = ask_checked(service, "从化区2023年在全省法治政府建设考评中排第几?")
    assert answer.status == "answered" and "第3位" in answer.answer


@pytest.mark.integration
def test_a_page_date_asked_by_its_label_and_as_the_date_of_issue(service):
    for question in ("湖南省生态环境厅2023年度报告的发文日期是哪天?", "湖南省生态环境厅2023年度报告是哪天印发的?"):
        answer = ask_checked(service, question)
        assert answer.status == "answered" and "2024-02-29" in answer.answer


@pytest.mark.integration
def test_a_listing_of_zone_governments_and_of_a_province_cites_what_shows_it(service):
    answer = ask_checked(service, "哪些报告是河北的单位写的?")
    assert answer.status == "answered" and "乙台" in answer.answer
    assert all("河北" in c.quote for c in answer.citations)


@pytest.mark.integration
@pytest.mark.parametrize("question", ["三门峡23年和24年备案审查的行政规范性文件哪年多", "三门峡市哪一年备案审查的行政规范性文件更多?"])
def test_two_years_compared_when_one_states_nothing_cite_its_report(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "not_found" and "65件" in answer.answer and "没有写明这一数字" in answer.answer
    assert {c.year for c in answer.citations} == {2023, 2024}


@pytest.mark.integration
@pytest.mark.parametrize("question", ["三门峡23年和24年行政复议案件哪年多", "三门峡市两年办理的行政复议案件分别是多少件?",
                                      "三门峡市报告里办理行政复议案件的数量有什么变化?"])
def test_two_years_compared_in_a_chat_wording(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and "120件" in answer.answer and "150件" in answer.answer
