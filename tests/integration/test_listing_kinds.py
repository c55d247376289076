"""Listings written as a second probe set wrote them (session 17): the town tier as its kinds ("乡、镇、街道",
counted), the reports from autonomous regions (the places inside them too), a level with what is set apart
("省级(含直辖市)政府…,不算厅局"), a span of years closed by 或更早, the earliest report by the year it
covers, the reports a page dates in a year, the reports showing a document number or saying to whom they go, a listing by who wrote the reports citing
a line that names the author in full; the bodies of a tier said as people say it ("省直单位", "县里的局"); one
report picked by its author's kind ("公安局那份"), asked who wrote it and to whom it goes. Real place names (the gazetteer places
them), invented texts."""
from __future__ import annotations

import pytest

from tests.conftest import ask_checked, index_written

WRITTEN = {
    "baotou-2016.txt": "包头市人民政府2016年法治政府建设情况报告\n2016年,包头市人民政府坚持依法行政。\n",
    "beijing-2022.txt": "北京市2022年法治政府建设年度情况报告\n2022年,北京市坚持依法行政。\n",
    "hunan-sthjt-2023.txt": "湖南省生态环境厅2023年法治政府建设情况报告\n2023年,湖南省生态环境厅坚持依法行政。\n",
    "meishan-2024.txt": "金寨县梅山镇人民政府2024年度法治政府建设情况报告\n2024年,梅山镇坚持依法行政。\n",
    "didi-2023.txt": "重庆市开州区棣棠乡2023年度法治政府建设情况报告\n2023年,棣棠乡坚持依法行政。\n",
    "wanxing-2023.txt": "天津市南开区万兴街道2023年法治政府建设情况报告\n2023年,万兴街道坚持依法行政。\n",
    "wuhan-2025.txt": "今天是:\n武汉市水务局2025年度法治政府建设情况报告\n发布时间:2026-01-20 17:01\n2025年,市水务局坚持依法行政。\n",
    "linshui-2024.txt": "2024年,县林业局坚持依法行政。现将我局法治政府建设工作情况报告如下。\n"
                        "一、主要举措\n2024年5月,县林业局成立后,我局印发了《邻水县林业局2024年度会前学法工作方案》。\n",
    "shizhu-gaj-2025.txt": "石柱土家族自治县公安局 关于2025年法治政府建设情况的报告\n2025年,县公安局坚持依法行政。\n",
    "baoding-2024.txt": "保政呈〔2025〕5号\n河北省人民政府:\n现将保定市人民政府2024年法治政府建设情况报告如下。\n"
                        "2024年,保定市坚持依法行政。\n",
}


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return index_written(tmp_path_factory, WRITTEN, indexed=10)


@pytest.mark.integration
@pytest.mark.parametrize("question", ["基层(乡、镇、街道)层级的报告总共多少份?", "乡镇街道的一共几份"])
def test_the_town_tier_written_as_its_kinds_is_one_level(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and "共3份" in answer.answer
    assert all(name in answer.answer for name in ("梅山镇", "棣棠乡", "万兴街道"))


@pytest.mark.integration
@pytest.mark.parametrize("question", ["来自自治区的报告有哪些?", "自治区 报告 哪些"])
def test_reports_from_autonomous_regions_hold_the_places_inside_them(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and "包头" in answer.answer and "北京" not in answer.answer


@pytest.mark.integration
def test_a_level_with_what_is_set_apart(service):
    answer = ask_checked(service, "哪些报告是省级(含直辖市)政府层面的整体报告,不算厅局?")
    assert answer.status == "answered" and "北京" in answer.answer and "生态环境厅" not in answer.answer


@pytest.mark.integration
def test_a_span_of_years_closed_by_or_earlier(service):
    answer = ask_checked(service, "有哪些报告是2022年或更早年度的?")
    assert answer.status == "answered" and "包头" in answer.answer and "北京" in answer.answer
    assert "梅山镇" not in answer.answer


@pytest.mark.integration
def test_a_count_of_documents_a_report_speaks_of_is_no_listing(service):
    assert "符合条件的报告" not in ask_checked(service, "梅山镇2024年签署的法治建设责任状有多少份?").answer


@pytest.mark.integration
@pytest.mark.parametrize("question", ["年度最早的一份报告是哪里的?是哪一年?", "最老的那份是哪儿的"])
def test_the_earliest_report_by_the_year_it_covers(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and "包头" in answer.answer and "2016" in answer.answer
    assert "北京" not in answer.answer


@pytest.mark.integration
@pytest.mark.parametrize("question", ["页面日期落在2026年的报告有哪些?", "2026年才在网上发布的是哪几份报告?"])
def test_the_reports_a_page_dates_in_a_year(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and "武汉市水务局" in answer.answer and "2026-01-20" in answer.answer


@pytest.mark.integration
@pytest.mark.parametrize("question", ["哪些报告本身带有发文字号(文号)?", "哪几份有文号"])
def test_the_reports_showing_a_document_number(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and "保政呈〔2025〕5号" in answer.answer and "共1份" in answer.answer


@pytest.mark.integration
def test_the_reports_saying_to_whom_they_go(service):
    answer = ask_checked(service, "哪些报告开头写了主送机关(报给谁)?分别报给谁?")
    assert answer.status == "answered" and "河北省人民政府" in answer.answer
    assert "今天是" not in answer.answer  # a page's widget names no body


@pytest.mark.integration
def test_a_listing_by_author_cites_a_line_naming_the_author_in_full(service):
    answer = ask_checked(service, "哪些报告是区县政府的职能部门(局)写的?")
    assert answer.status == "answered" and "邻水县林业局" in answer.answer
    quotes = [c.quote for c in answer.citations if c.source == "linshui-2024.txt"]
    assert any("邻水县林业局2024年度会前学法工作方案" in q for q in quotes)


@pytest.mark.integration
def test_the_bodies_of_a_tier_as_people_say_it(service):
    answer = ask_checked(service, "省直单位出的法治政府建设报告是哪几份?")
    assert answer.status == "answered" and "生态环境厅" in answer.answer and "北京" not in answer.answer
    answer = ask_checked(service, "县里的局写的有哪几份")
    assert answer.status == "answered" and "邻水县林业局" in answer.answer and "石柱" in answer.answer
    assert "生态环境厅" not in answer.answer


@pytest.mark.integration
def test_one_report_picked_by_its_authors_kind(service):
    answer = ask_checked(service, "公安局那份是哪个县的,哪年")
    assert answer.status == "answered" and "石柱" in answer.answer and "2025" in answer.answer


@pytest.mark.integration
def test_who_wrote_a_report_and_to_whom_it_goes(service):
    answer = ask_checked(service, "保定市那份报告是谁写的?报给谁?")
    assert answer.status == "answered" and "河北省人民政府" in answer.answer and "报告写明" in answer.answer
    assert "报告写明" not in ask_checked(service, "保定市的报告报送给谁?").answer  # whom alone: the addressee
