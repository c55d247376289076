"""Questions about the reports themselves (listings by level, kind, field, year, script, date; who does
not state something), places with their hierarchy, and a department inside its government's report:
over the sample reports, the four written in tests/data/other_agencies, and two written here."""
from __future__ import annotations

import pytest

from assistant.service import Assistant
from tests.conftest import REPORTS, ROOT, ask_checked, index_written

OTHER = ROOT / "tests" / "data" / "other_agencies"
# Written for these tests: a district government whose report states its departments' figures, and a
# province-level department (a 直辖市's).
WRITTEN = {
    "dongli-qu-2022.txt": "某某市东篱区人民政府关于2022年度法治政府建设情况的报告\n"
                          "2022年,东篱区坚持依法行政。东篱区司法局共办理国家赔偿案件37件,区市场监管局办理行政许可412件。\n"
                          "一、主要举措\n全区行政机关负责人出庭应诉率达100%。",
    "chongqing-tongji-2024.txt": "重庆市统计局2024年法治政府建设年度报告\n"
                                 "2024年,重庆市统计局深入推进依法统计。全年开展统计执法检查61次。",
    "qingshi-zhen-2022.txt": "某某县青石镇人民政府2022年度法治政府建设情况报告\n"
                             "2022年,青石镇坚持依法行政,全年开展会前学法12次。",
}


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> Assistant:
    return index_written(tmp_path_factory, WRITTEN, REPORTS, OTHER, indexed=12)


def sources(answer) -> set[str]:
    return {c.source for c in answer.citations}


@pytest.mark.parametrize("question, expected", [
    ("哪些报告是区县级的?", {"huadu-district-2023.txt", "zengcheng-chengguan-2023.txt", "chuxiong-zonghe-zhifa-2024.txt",
                          "district-chengguan-yaodian-2022.txt", "qingshan-county-2023.txt", "qingshan-renshe-2023.txt",
                          "qingshan-yingji-2024.txt", "dongli-qu-2022.txt"}),
    ("哪些是街道办事处或乡镇的报告?", {"donghu-jiedao-2023.txt", "qingshi-zhen-2022.txt"}),
    ("哪几份是乡镇街道写的", {"donghu-jiedao-2023.txt", "qingshi-zhen-2022.txt"}),  # 哪几份 asks for reports without the word
    ("区县级的报告有哪些 不算部门", {"qingshan-county-2023.txt", "huadu-district-2023.txt", "dongli-qu-2022.txt"}),
    ("哪些是以区县政府名义就全区情况所作的报告?", {"qingshan-county-2023.txt", "huadu-district-2023.txt", "dongli-qu-2022.txt"}),
    ("省、自治区、直辖市一级的报告有哪些?", {"chongqing-tongji-2024.txt"}),  # one level, however its kinds are listed
    ("哪些报告是乡或镇政府写的?", {"qingshi-zhen-2022.txt"}),  # townships and towns, not street offices
    ("哪些是街道写的", {"donghu-jiedao-2023.txt"}),  # street offices, not towns; 写的: what a body wrote
    ("本批报告中来自重庆市的有几份?分别由哪个单位撰写?", {"chongqing-tongji-2024.txt"}),  # a count and authors
    ("哪些报告来自人力资源和社会保障部门?", {"qingshan-renshe-2023.txt"}),
    ("哪些是县人民政府或区政府的报告?", {"qingshan-county-2023.txt", "huadu-district-2023.txt", "dongli-qu-2022.txt"}),
    ("哪些报告是繁体字写的?", {"district-chengguan-yaodian-2022.txt", "qingshan-yingji-2024.txt"}),
    ("哪些是直辖市的部门的报告?", {"chongqing-tongji-2024.txt"}),
    ("哪些报告是省级的?", {"chongqing-tongji-2024.txt"}),
    ("这批报告中,属于重庆市的有哪几份?", {"chongqing-tongji-2024.txt"}),  # a place alone, 份 counts reports
    ("重庆 报告 哪些", {"chongqing-tongji-2024.txt"}),  # typed as keywords
    ("省级层面的(省级政府或省级厅局,不算国家部委)有哪几份?", {"chongqing-tongji-2024.txt"}),
])
def test_listings_are_complete_and_cited(service, question, expected):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and sources(answer) == expected, answer.answer


def test_a_year_listing_and_its_negation_split_the_reports(service):
    of_2024 = ask_checked(service, "哪些报告是2024年度的?")
    others = ask_checked(service, "哪些报告不是2024年度的?")
    assert sources(of_2024) == {"chuxiong-zonghe-zhifa-2024.txt", "qingshan-yingji-2024.txt", "chongqing-tongji-2024.txt"}
    assert not sources(of_2024) & sources(others) and len(sources(of_2024) | sources(others)) == 12


def test_a_span_of_years_lists_the_reports_before_or_after_it(service):
    before = ask_checked(service, "哪些报告总结的是早于2023年的年度?")
    since = ask_checked(service, "2024年及以后的报告有哪些?")
    assert sources(before) == {"district-chengguan-yaodian-2022.txt", "dongli-qu-2022.txt", "qingshi-zhen-2022.txt"}, before.answer
    assert sources(since) == {"chuxiong-zonghe-zhifa-2024.txt", "qingshan-yingji-2024.txt", "chongqing-tongji-2024.txt"}
    # a bare 以前 is read with the year itself, and the answer says so
    bare = ask_checked(service, "哪些报告总结的是2023年以前的年度?")
    assert sources(bare) > sources(before) and "含2023年本身" in bare.answer


def test_a_report_found_by_its_content_is_the_one_holding_every_content_word(service):
    """Typed as keywords with no name: the report is the one whose text holds what the question says of its
    content; where several hold it, each is named and none is guessed."""
    one = ask_checked(service, "会前学法 2022 报告 哪个单位写的")
    assert one.status == "answered" and sources(one) == {"qingshi-zhen-2022.txt"}, one.answer
    several = ask_checked(service, "出庭应诉率 2023 报告 哪个单位写的")
    assert len(sources(several)) > 1, several.answer


def test_earliest_published_is_read_from_the_page(service):
    answer = ask_checked(service, "哪份报告的发布日期最早?")
    assert answer.status == "answered" and all(c.paragraph == 0 for c in answer.citations)


def test_which_reports_do_not_mention_something_never_lists_one_that_does(service):
    answer = ask_checked(service, "哪些报告没有提到法律顾问?")
    absent, _, present = answer.answer.partition("写到它的报告")
    for mentions in ("huadu-district-2023.txt", "zengcheng-chengguan-2023.txt", "chuxiong-zonghe-zhifa-2024.txt"):
        agency = next(r["agency"] for r in service.reports() if r["source"] == mentions)
        assert agency not in absent and agency in present
    assert "區城管" in absent


def test_a_district_no_report_is_about_is_refused_even_when_its_city_has_reports(service):
    for question in ("广州市白云区2023年收到行政复议申请多少宗?", "白云区2023年收到行政复议申请多少宗?"):
        answer = ask_checked(service, question)
        assert answer.status == "not_found" and "786" not in answer.answer and "白云区" in answer.answer


def test_a_city_question_only_a_districts_report_states_is_not_found_with_whose_figure_it_is(service):
    answer = ask_checked(service, "广州市2023年收到行政复议申请多少宗?")  # the district's figure is not the city's
    assert answer.status == "not_found" and "786" in answer.answer
    assert "广州市花都区人民政府" in answer.answer and "不是广州市全部" in answer.answer


def test_a_department_inside_its_governments_report(service):
    answer = ask_checked(service, "东篱区司法局2022年共办理了多少件国家赔偿案件?")
    assert answer.status == "answered" and "37" in answer.answer and sources(answer) == {"dongli-qu-2022.txt"}
    refused = ask_checked(service, "东篱区教育局2022年共办理了多少件国家赔偿案件?")  # no sentence names it
    assert refused.status == "not_found" and "37" not in refused.answer


def test_names_cut_right_in_questions(service):
    answer = ask_checked(service, "重庆市统计局2024年开展了多少次统计执法检查?")
    assert answer.status == "answered" and "61" in answer.answer
    slogan = ask_checked(service, "重庆市“百部安全生产技术标准计划”发布了多少部?")
    assert "没有百部" not in slogan.answer  # a slogan in quotes names no agency
