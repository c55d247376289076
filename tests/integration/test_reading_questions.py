"""Questions typed the ways people type them, over a real index: keyword questions, several figures
at once, a date, two years compared, which city a report belongs to, sets of reports in unknown words."""
from __future__ import annotations

import pytest

from assistant.contract import check_answer
from assistant.service import Assistant
from tests.conftest import index_written

# Written for these tests: one agency's reports of two years, and a township whose city its text names.
WRITTEN = {
    "jia-sifaju-2022.txt": "甲市乙区司法局2022年度法治政府建设情况报告\n2022年,乙区司法局坚持依法行政。"
                           "全年受理行政复议申请40件,审结38件,纠错率10.5%。5月举办法治讲座。\n",
    "jia-sifaju-2023.txt": "甲市乙区司法局2023年度法治政府建设情况报告\n2023年,乙区司法局坚持依法行政。"
                           "全年受理行政复议申请52件,审结50件,纠错率12.0%。开展普法宣传活动30场,比2022年增加20%。\n",
    "xiaojin-zhen-2023.txt": "小金镇人民政府2023年度法治政府建设情况报告\n2023年,小金镇在县委、县政府的坚强领导下,"
                             "落实十堰市法治政府建设部署,全年调解纠纷26件。\n",
}


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Assistant:
    return index_written(tmp_path_factory, WRITTEN, indexed=3)


def test_a_keyword_question_for_a_year_no_report_covers_is_refused(sample_service):
    for question in ("花都 2022 行政复议申请 多少宗", "增城城管 2022 行政一审案件", "花都2022行政复议申请多少宗?"):
        answer = sample_service.ask(question)
        assert answer.status == "not_found" and not answer.citations, question


def test_several_figures_asked_at_once_are_answered_from_one_sentence(written):
    answer = written.ask("乙区司法局2023年受理行政复议申请、审结案件的数量以及纠错率分别是多少?")
    assert answer.status == "answered" and not check_answer(answer)
    assert all(figure in answer.answer for figure in ("52", "50", "12.0%"))


def test_a_month_asked_is_answered_with_the_sentence_that_states_it(written):
    answer = written.ask("乙区司法局2022年几月份举办法治讲座?")
    assert answer.status == "answered" and "5月" in answer.citations[0].quote


def test_two_years_compared_state_both_figures_and_the_direction(written):
    answer = written.ask("乙区司法局2023年比2022年受理行政复议申请多还是少?")
    assert answer.status == "answered" and not check_answer(answer)
    assert "40件" in answer.answer and "52件" in answer.answer and "增加" in answer.answer
    assert {c.source for c in answer.citations} == {"jia-sifaju-2022.txt", "jia-sifaju-2023.txt"}


def test_a_change_the_later_report_states_answers_when_the_earlier_states_no_figure(written):
    """The 2022 report says nothing of 普法; the 2023 one says "30场,比2022年增加20%"."""
    answer = written.ask("乙区司法局2023年比2022年开展普法宣传活动多还是少?")
    assert answer.status == "answered" and not check_answer(answer)
    assert "与2022年相比增加20%" in answer.answer and "30场" in answer.citations[0].quote


@pytest.mark.parametrize("question, line", [
    ("乙区司法局2023年行政复议申请数量较上年有何变化?", "2023年(52件)比2022年(40件)增加"),
    ("乙区司法局2023年审结行政复议案件比上一年多几件?", "2023年(50件)比2022年(38件)增加"),  # 审结's figure, not 受理's
    ("2022年和2023年,乙区司法局的纠错率各是多少?", "2023年(12.0%)比2022年(10.5%)增加"),
])
def test_the_direction_names_the_two_figures_it_compares_and_the_year_before_is_read(written, question, line):
    answer = written.ask(question)
    assert answer.status == "answered" and not check_answer(answer)
    assert line in answer.answer
    assert {c.source for c in answer.citations} == {"jia-sifaju-2022.txt", "jia-sifaju-2023.txt"}


def test_which_of_an_agencys_two_years_had_more_compares_them(written):
    answer = written.ask("乙区司法局哪一年受理的行政复议申请更多?")
    assert answer.status == "answered" and "2023年(52件)比2022年(40件)增加" in answer.answer


def test_the_year_of_an_agency_with_two_reports_names_both(written):
    answer = written.ask("乙区司法局的报告是哪一年的?")
    assert answer.answer.startswith("问题所指的报告有2份") and not check_answer(answer)
    assert {c.source for c in answer.citations} == {"jia-sifaju-2022.txt", "jia-sifaju-2023.txt"}


def test_the_year_before_one_no_report_covers_is_no_comparison(written):
    answer = written.ask("乙区司法局2022年审结行政复议案件比上一年多几件?")  # no 2021 report
    assert "比2021年" not in answer.answer and {c.source for c in answer.citations} <= {"jia-sifaju-2022.txt"}


def test_a_comparison_with_a_year_that_states_nothing_is_refused(written):
    answer = written.ask("乙区司法局2022年和2023年分别举办几场法治讲座?")
    assert answer.status == "not_found" and not check_answer(answer)


def test_the_city_a_town_belongs_to_is_cited_from_the_line_that_names_it(written):
    answer = written.ask("小金镇这份报告是哪个市的?")
    assert answer.status == "answered" and "十堰市" in answer.answer
    assert any("十堰市" in c.quote for c in answer.citations)


def test_a_set_of_reports_asked_in_words_the_reading_does_not_know(written):
    answer = written.ask("这批报告里,属于乡镇一级的是哪几份?")
    assert answer.status == "answered" and {c.source for c in answer.citations} == {"xiaojin-zhen-2023.txt"}


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> Assistant:
    """A report whose title names the year it was written and whose first heading the year of the work."""
    return index_written(tmp_path_factory, {
        "bing-xian-2025.txt": "丙县人民政府2025年法治政府建设年度报告\n一、2024年法治政府建设基本情况\n"
                              "2024年,我县深入贯彻法治政府建设实施纲要,全年办理行政复议案件12件。\n",
        "ding-zhen-2023.txt": "丁镇人民政府2023年度法治政府建设情况报告\n2023年,丁镇坚持依法行政,调解纠纷30件。"
                              "3月12日召开专题学法会,学习行政复议法。9月30日再次召开专题学法会,学习民法典。\n"}, indexed=2)


def test_the_report_a_quoted_opening_comes_from_is_named_and_the_line_cited(county):
    answer = county.ask("开头写“2024年,我县深入贯彻……”的那份报告是哪个县的?")
    assert answer.status == "answered" and "丙县" in answer.answer
    assert any("我县深入贯彻" in c.quote for c in answer.citations)


def test_the_year_of_the_first_heading_is_stated_beside_the_reports_year(county):
    answer = county.ask("丙县这份年度报告是哪一年的?正文第一部分小标题写的又是哪一年?")
    assert answer.status == "answered" and "2025" in answer.answer and "2024" in answer.answer
    assert any(c.quote.startswith("一、2024年") for c in answer.citations)


def test_two_days_asked_are_answered_with_each_days_sentence(county):
    answer = county.ask("丁镇2023年是哪两天召开专题学法会的?")
    assert answer.status == "answered" and not check_answer(answer)
    assert "3月12日" in answer.answer and "9月30日" in answer.answer and len(answer.citations) == 2
