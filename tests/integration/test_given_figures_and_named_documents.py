"""Questions as a retired held-out set wrote them (session 19): a figure the question gives before the one it
asks ("一窗通办率达95.5%,全程网办率是多少?" is no question about the 95.5%), a part of a given total ("扩充至31项,
其中行政许可事项有多少项?": not the 10 it grew from), a report named by its document number, the site a page was
taken from, a body asked by its field alone ("哪家城管…") when no report is of that field, a listing by the
author's kind citing the page's publisher where no line names it in full, zones asked by their managing body, and
content words several reports hold, each with the line holding them. Real place names, invented texts."""
from __future__ import annotations

import pytest

from tests.conftest import ask_checked, index_written

WRITTEN = {
    "sanya-2024.txt": "三亚市人民政府2024年法治政府建设年度报告\n2024年,三亚市坚持依法行政。"
                      "1247个事项纳入综合窗口办理,一窗通办率达95.5%。\n",
    "guizhou-2022.txt": "贵州省教育厅2022年度法治政府建设报告\n2022年,贵州省教育厅坚持依法行政。"
                        "健全行政许可、行政处罚等事项,权力和责任清单的事项从2021版的10项扩充至31项。\n",
    "baoding-2024.txt": "保政呈〔2025〕5号\n河北省人民政府:\n2024年以来,我市坚持依法行政。制定《保定市个人诚信积分管理办法》。\n",
    "hunan-2023.txt": "发布机构: 湖南省生态环境厅\n2023年,省生态环境厅坚持依法行政,全面推进行政复议工作。\n",
    "heilongjiang-2024.txt": "2025-04-27 10:14 黑龙江省人民政府网\n黑龙江省2024年度法治政府建设情况报告\n"
                             "2024年,全省坚持依法行政。全省行政处罚案件数下降。\n",
    "zhengdong-2025.txt": "郑州市郑东新区管理委员会2025年度法治政府建设情况报告\n2025年,郑东新区坚持依法行政,办理行政复议案件12件。\n",
    "baoji-2024.txt": "2024年,我市認真學習貫徹習近平法治思想,全面推進依法行政。\n制定《寶雞市法治政府建設若干措施》。\n",
    "binhai-2024.txt": "天津滨海高新区2024年度法治政府建设情况报告\n在高新区党委的领导下,高新区党委管委会主要负责同志履行职责。\n",
    "harbin-2022.txt": "哈尔滨市2022年法治政府建设年度报告\n2022年,哈尔滨市坚持依法行政。\n",
    "liujiang-2025.txt": "柳江区卫生健康局2025年法治政府建设年度报告\n2025年,我局全面落实自治区、柳州市、柳江区工作部署。"
                         "组织干部学习《广西壮族自治区医疗机构管理办法》。\n",
}


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return index_written(tmp_path_factory, WRITTEN, indexed=10)


@pytest.mark.integration
@pytest.mark.parametrize("question", ["三亚市2024年一窗通办率达95.5%,全程网办率是多少?",
                                      "请问三亚市2024年在一窗通办率达到95.5%的同时,政务服务事项全程网办率为多少?",
                                      "贵州省教育厅2022年权力和责任清单扩充至31项,其中行政许可事项有多少项?"])
def test_a_given_figure_is_never_the_answer_to_the_one_asked_after_it(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "not_found" and "95.5%" not in answer.answer.replace(question, "")
    assert "[1]" not in answer.answer or "没有写明" in answer.answer


@pytest.mark.integration
def test_the_given_figure_still_reads_as_a_condition_when_nothing_else_is_asked(service):
    answer = ask_checked(service, "三亚市2024年一窗通办率达到95%以上了吗?")
    assert answer.status == "answered" and "95.5%" in answer.answer


@pytest.mark.integration
def test_a_report_named_by_its_document_number(service):
    answer = ask_checked(service, "保政呈〔2025〕5号是哪个城市报送的、讲的是哪一年的法治政府建设?")
    assert answer.status == "answered" and "保定" in answer.answer and "2024" in answer.answer


@pytest.mark.integration
def test_the_site_a_page_was_taken_from(service):
    answer = ask_checked(service, "黑龙江2024年度法治政府建设报告是从哪个官网转来的?")
    assert answer.status == "answered" and "黑龙江省人民政府网" in answer.answer


@pytest.mark.integration
def test_a_body_asked_by_its_field_alone_that_no_report_is_of_is_refused(service):
    answer = ask_checked(service, "哪家城管报了2024年行政处罚案件数")
    assert answer.status == "not_found" and "城管" in answer.answer and not answer.citations


@pytest.mark.integration
def test_a_listing_by_kind_of_author_cites_the_publisher_field_naming_it_in_full(service):
    answer = ask_checked(service, "省里厅局写的有哪些")
    assert answer.status == "answered" and "湖南省生态环境厅" in answer.answer and "贵州省教育厅" in answer.answer
    assert any("发布机构" in c.quote for c in answer.citations)


@pytest.mark.integration
def test_zones_asked_by_their_managing_body(service):
    answer = ask_checked(service, "哪几份报告是开发区、新区这类功能区管理机构交的?")
    assert answer.status == "answered" and "郑东新区" in answer.answer and "三亚" not in answer.answer


@pytest.mark.integration
def test_content_words_several_reports_hold_are_shown_where_they_stand(service):
    answer = ask_checked(service, "行政复议 提到 单位 报告")
    assert answer.status == "answered" and "郑东新区" in answer.answer and "湖南省生态环境厅" in answer.answer
    quotes = " ".join(c.quote for c in answer.citations)
    assert "办理行政复议案件12件" in quotes and "全面推进行政复议工作" in quotes


@pytest.mark.integration
def test_a_listed_report_is_cited_with_a_line_naming_its_place(service):
    answer = ask_checked(service, "哪些报告是用繁体字写的?")
    assert answer.status == "answered" and "共1份" in answer.answer
    assert any("寶雞" in c.quote for c in answer.citations)


@pytest.mark.integration
def test_a_listing_by_zone_cites_a_line_naming_the_zone_as_asked(service):
    answer = ask_checked(service, "这批报告里哪一份是开发区管委会写的?")
    assert answer.status == "answered" and "滨海高新区" in answer.answer
    assert any("管委会" in c.quote for c in answer.citations if c.source == "binhai-2024.txt")


@pytest.mark.integration
def test_a_page_field_of_a_province_s_reports_where_one_page_shows_none(service):
    answer = ask_checked(service, "黑龙江 报告 来源网站")
    assert answer.status == "answered" and "黑龙江省人民政府网" in answer.answer
    assert "哈尔滨市" in answer.answer.splitlines()[-1] and "2022" not in answer.answer.splitlines()[-1]


@pytest.mark.integration
def test_the_city_and_region_above_a_report_asked_together(service):
    answer = ask_checked(service, "柳江区卫生健康局的报告里,提到的上级地级市和自治区分别是哪个?")
    assert answer.status == "answered" and "柳州市" in answer.answer and "广西壮族自治区" in answer.answer
