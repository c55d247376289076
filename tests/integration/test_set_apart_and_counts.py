"""Listings and document questions as a third probe set wrote them (session 18): what is set apart before or
after the question ("不算街道的话,…", "…街道的不算", "除去街道办,…", "除了司法部,还有…"), years typed by two
digits with 以后, a place alone asking for its reports ("天津的有哪些"), where the authors are ("撰写单位在重庆"),
counts of reports in digits, a date asked beside another page field, and a listing by year and field whose
author's line names it only by its self-form (the year heading read beside it). Real place names, invented texts."""
from __future__ import annotations

import pytest

from tests.conftest import ask_checked, index_written

WRITTEN = {
    "datong-2024.txt": "彭水县大同镇人民政府2024年度法治政府建设年度报告\n2024年,大同镇坚持依法行政。建立领导干部述法制度。\n",
    "xiayang-2023.txt": "徐闻县下洋镇2023年法治政府建设年度报告\n2023年,下洋镇坚持依法行政。\n",
    "dazhong-2025.txt": "盐城市大丰区大中街道2025年法治政府建设工作报告\n2025年,大中街道坚持依法行政。\n",
    "sifabu-2023.txt": "司法部2023年法治政府建设年度报告\n2023年,司法部坚持依法行政。\n",
    "chaoyang-2023.txt": "北京市朝阳区司法局2023年法治政府建设年度情况报告\n2023年,朝阳区司法局坚持依法行政。全面落实述法工作。\n",
    "jinghai-2022.txt": "天津市静海区司法局2022年法治政府建设情况报告\n2022年,静海区司法局坚持依法行政。\n",
    "rongchang-2022.txt": "重庆市荣昌区生态环境局2022年法治政府建设情况报告\n2022年,荣昌区生态环境局坚持依法行政。\n",
    "shaanxi-2025.txt": "来源:陕西日报 2026-03-16 08:15\n陕西省人民政府关于2025年法治政府建设情况的报告\n"
                        "2025年,陕西省人民政府坚持依法行政。\n",
    "linshui-2024.txt": "2024年,县林业局坚持依法行政。现将我局法治政府建设工作情况报告如下。\n一、2024年工作情况\n"
                        "2024年5月,我局印发了《邻水县林业局2024年度会前学法工作方案》。\n",
}


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return index_written(tmp_path_factory, WRITTEN, indexed=9)


@pytest.mark.integration
@pytest.mark.parametrize("question", ["不算街道的话,乡镇一级的报告有哪些?", "乡镇一级的报告有哪些?街道的不算。",
                                      "除去街道办,由乡、镇人民政府撰写的年度报告有哪几份?"])
def test_what_is_set_apart_before_or_after_the_question_is_left_out(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and "大同镇" in answer.answer and "下洋镇" in answer.answer
    assert "大中街道" not in answer.answer and "共2份" in answer.answer


@pytest.mark.integration
def test_besides_one_body_the_others_of_its_kind(service):
    answer = ask_checked(service, "除了司法部,还有哪些报告是司法局写的?")
    assert answer.status == "answered" and "朝阳区司法局" in answer.answer and "静海区司法局" in answer.answer
    assert "司法部(" not in answer.answer


@pytest.mark.integration
def test_two_digit_years_with_after_bound_a_span(service):
    answer = ask_checked(service, "24年以后的有哪些 不含24年")
    assert answer.status == "answered" and "陕西" in answer.answer and "大中街道" in answer.answer
    assert "大同镇" not in answer.answer


@pytest.mark.integration
@pytest.mark.parametrize("question, present, absent", [
    ("天津的有哪些", "静海区司法局", "朝阳区"), ("哪些报告的撰写单位在重庆?", "荣昌区生态环境局", "静海")])
def test_a_place_alone_asks_for_its_reports(service, question, present, absent):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and present in answer.answer and absent not in answer.answer


@pytest.mark.integration
def test_a_count_of_reports_is_written_in_digits_and_keeps_the_contract(service):
    answer = ask_checked(service, "写2023年度的报告有几份?")
    assert answer.status == "answered" and answer.answer.startswith("符合条件的报告共3份")


@pytest.mark.integration
def test_a_date_asked_beside_the_source_is_answered_too(service):
    answer = ask_checked(service, "陕西那份是哪个媒体发的 哪天")
    assert answer.status == "answered" and "陕西日报" in answer.answer and "2026-03-16" in answer.answer


@pytest.mark.integration
def test_a_listing_by_year_and_field_reads_the_year_heading_beside_a_self_named_author(service):
    answer = ask_checked(service, "2024年林业部门的报告有哪些?")
    assert answer.status == "answered" and "林业局" in answer.answer


@pytest.mark.integration
def test_a_bare_after_takes_the_year_itself_in_and_says_so(service):
    answer = ask_checked(service, "2024年以后的报告有哪些")
    assert answer.status == "answered" and "大同镇" in answer.answer and "含2024年本身" in answer.answer
    answer = ask_checked(service, "2024年以后(不含2024年)的报告有哪些")
    assert "大同镇" not in answer.answer and "本身" not in answer.answer and "陕西" in answer.answer


@pytest.mark.integration
@pytest.mark.parametrize("question", ["由镇街一级撰写的报告有哪些?", "镇(不算街道)的报告有哪些?"])
def test_the_town_tier_as_clerks_write_it(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and "大同镇" in answer.answer
    assert ("大中街道" in answer.answer) == ("镇街" in question)


@pytest.mark.integration
def test_a_year_the_reports_cover_is_no_content_they_mention(service):
    answer = ask_checked(service, "涉及2022年度法治政府建设情况的报告共有几份?")
    assert answer.status == "answered" and answer.answer.startswith("符合条件的报告共2份")


@pytest.mark.integration
def test_a_listing_asked_as_a_request_to_list(service):
    answer = ask_checked(service, "请列出北京市、天津市范围内形成的全部报告。")
    assert answer.status == "answered" and "朝阳区司法局" in answer.answer and "静海区司法局" in answer.answer
    assert "陕西" not in answer.answer


@pytest.mark.integration
@pytest.mark.parametrize("question", ["有几份报告的正文里提到了“述法”?", "有几份报告提到了述法?"])
def test_how_many_reports_mention_a_term_is_a_count_of_reports(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and answer.answer.startswith("提到的报告共2份")
    assert "大同镇" in answer.answer and "朝阳区司法局" in answer.answer


@pytest.mark.integration
def test_one_report_picked_by_its_level_and_year_is_of_that_level(service):
    answer = ask_checked(service, "出自部委的报告里,年份是2023年的那份是哪个部的?")
    assert answer.status == "answered" and "司法部" in answer.answer and "朝阳区" not in answer.answer


@pytest.mark.integration
def test_keywords_with_a_town_and_a_tier_set_apart(service):
    answer = ask_checked(service, "镇 2024年以后 不含街道 报告")
    assert answer.status == "answered" and "大同镇" in answer.answer
    assert "大中街道" not in answer.answer and "陕西" not in answer.answer


@pytest.mark.integration
def test_the_earliest_year_typed_as_keywords(service):
    answer = ask_checked(service, "最早 年度 报告 哪一年")
    assert answer.status == "answered" and "2022年度" in answer.answer and "静海区司法局" in answer.answer
    assert "大同镇" not in answer.answer


@pytest.mark.integration
def test_a_quoted_page_field_counted_over_the_set(service):
    answer = ask_checked(service, "有多少份报告的网页标注了“来源”?")
    assert answer.status == "answered" and answer.answer.startswith("符合条件的报告共1份") and "陕西日报" in answer.answer
    counted = ask_checked(service, "正文里提到“述法”的报告,有几份?")
    assert counted.answer.startswith("提到的报告共2份")


@pytest.mark.integration
def test_the_first_published_as_people_say_it(service):
    answer = ask_checked(service, "网上最早发的是哪份 哪天")
    assert answer.status == "answered" and "2026-03-16" in answer.answer


@pytest.mark.integration
@pytest.mark.parametrize("question", ["大同镇那份报告的标题行是怎么写的?", "请问大同镇人民政府年度报告的标题是如何表述的?"])
def test_how_a_title_is_written_is_its_title(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and "有标题" in answer.answer and "2024年度法治政府建设年度报告" in answer.answer
