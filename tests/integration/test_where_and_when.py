"""Where a report's author lies and when its page was published, asked of pages as they come: a county
department whose report never names its province, a page whose date line starts with a view counter,
a CMS table that dates the page only by 生成日期, and a report that names other documents' years."""
from __future__ import annotations

import pytest

from assistant.service import Assistant
from tests.conftest import ask_checked, index_written

WRITTEN = {
    # Towns below the gazetteer: one names its county-level city (句容市, 江苏省), one names nothing above it.
    "xiashu-zhen-2025.txt": "下蜀镇2025年法治政府建设工作报告\n2025年,在句容市委、市政府的坚强领导下,下蜀镇坚持依法行政,"
                            "全年调解纠纷40件。\n",
    "gaoqiao-zhen-2025.txt": "高桥镇2025年法治政府建设工作报告\n2025年,高桥镇坚持依法行政,全年调解纠纷12件。\n",
    # A street below the gazetteer whose report names no place above it, only its province in passing.
    "qingbo-jiedao-2023.txt": "清波街道2023年法治政府建设工作报告\n2023年,清波街道协办“宪法与江苏”宣传月启动仪式,"
                              "全年调解纠纷9件。\n",
    # Two reports of 四川 places below the province, one of 广东: a listing by province holds the first two.
    "guangan-sifaju-2024.txt": "广安市司法局2024年度法治政府建设情况报告\n2024年,广安市司法局坚持依法行政,全年办理行政复议案件52件。\n",
    "jiangmen-tongjiju-2023.txt": "江门市统计局2023年度法治政府建设情况报告\n2023年,江门市统计局坚持依法统计,全年开展执法检查9次。\n",
    # 邻水县 lies in 广安市, 四川省; the report names neither.
    "linshui-linyeju-2024.txt": "各位领导:\n"
                                "2024年5月,县林业局印发《邻水县林业局2024年度会前学法工作方案》。\n"
                                "2024年,县林业局坚持依法行政,全年办理林业行政案件18件。\n",
    "gonghe-xiang-2022.txt": "某某乡2022年度法治政府建设工作报告\n浏览:5072次 时间:2022-12-07 来源:本站\n"
                             "2022年,某某乡党委、政府深入学习贯彻习近平法治思想,全年调解矛盾纠纷31件,"
                             "推进依法行政和法治政府建设工作取得新成效。\n",
    "laojun-xiang-2025.txt": "老军乡人民政府关于2025年法治政府建设情况的报告\n"
                             "| 索引号 | 6207250036/2026-00078 | 发文字号 | |\n| 关键词 | 发布机构 | 老军乡 | |\n"
                             "| 生成日期 | 2026-02-11 11:19:10 | 是否有效 |\n"
                             "2025年,老军乡坚持以习近平法治思想为指导,全年开展普法宣传活动12场,"
                             "推进依法行政和法治政府建设工作取得新成效。\n",
    # A provincial department that calls itself 省农业农村厅 and names its province only in passing.
    "nongyenongcunting-2023.txt": "省农业农村厅2023年法治政府建设工作报告\n2023年,省农业农村厅坚持依法行政,全年办理行政许可事项230件。\n"
                                  "厅普法工作经验被《福建日报》刊发。\n",
    # A city department whose title and opening say only 市水务局; its signature names the city.
    "shuiwuju-2025.txt": "市水务局2025年度法治政府建设情况报告\n2025年,市水务局坚持依法行政,全年办理行政许可事项80件。\n"
                         "武汉市水务局\n",
    # A city government's report that calls itself 我市 and names its city only in another document's title.
    "baoding-2024.txt": "2024年以来,我市坚持依法行政,全年办理行政复议案件30件。\n"
                        "制定《保定市个人诚信积分管理办法(试行)》,完善个人公共信用信息管理。\n",
    # A city department whose lines say only 市数据局 (its city named in another document's title), its year in a heading.
    "anshan-shujuju-2025.txt": "关于2025年法治政府建设情况的报告\n来源:政策法规科\n"
                               "2025年,市数据局在市委、市政府的坚强领导下,全面落实《鞍山市法治政府建设实施方案(2021-2025年)》。\n"
                               "一、2025年推进法治政府建设的主要举措和成效\n全年办理政务服务事项300件。\n",
}


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> Assistant:
    return index_written(tmp_path_factory, WRITTEN, indexed=12)


@pytest.mark.parametrize("question", ["邻水县林业局是哪个省的?", "邻水县林业局这份报告的单位属于哪个省份?"])
def test_the_province_of_a_county_its_report_never_names_comes_from_the_gazetteer(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "answered"
    assert "邻水县属于四川省(据行政区划" in answer.answer  # said as the map's fact, not the report's
    assert any("邻水" in c.quote for c in answer.citations)  # the line naming the county itself


def test_a_question_ending_in_which_city_of_a_topic_is_no_question_about_a_report(service):
    answer = service.ask("哪个市的林业行政案件最多?")
    assert "属于" not in answer.answer


def test_a_date_line_that_starts_with_a_view_counter_is_the_pages_date(service):
    answer = ask_checked(service, "某某乡2022年度法治政府建设报告是什么时候发布的?")
    assert answer.status == "answered" and "2022-12-07" in answer.answer
    assert answer.citations[0].quote == "浏览:5072次 时间:2022-12-07 来源:本站"
    assert "浏览" not in ask_checked(service, "某某乡全年调解矛盾纠纷多少件?").citations[0].quote  # chrome, not evidence


@pytest.mark.parametrize("question", ["老军乡2025年度法治政府建设报告是什么时候发布的?", "老军乡的2025年报告哪天发的?"])
def test_a_page_dated_only_by_its_generation_date_answers_when_it_was_published(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "answered"
    assert "生成日期 2026-02-11" in answer.answer  # under the page's own label
    assert "发布机构" not in answer.answer  # "什么时候发布" asks no publisher


def test_another_documents_title_does_not_state_the_reports_year(service):
    answer = ask_checked(service, "邻水县林业局的法治政府建设报告是哪一年度的?")
    assert "2024年度" in answer.answer
    assert answer.citations[0].quote.startswith("2024年,县林业局坚持")  # not "2024年5月…印发《…2024年度…方案》"


@pytest.mark.parametrize("question", ["哪些报告来自四川?", "四川的报告有哪些?"])
def test_a_listing_by_province_holds_the_reports_of_places_inside_it(service, question):
    answer = ask_checked(service, question)
    assert {c.source for c in answer.citations} == {"guangan-sifaju-2024.txt", "linshui-linyeju-2024.txt"}


def test_a_question_about_things_in_a_places_reports_is_no_listing_of_them(service):
    answer = service.ask("据报告,广安市办理了哪些案件?")
    assert "符合条件的报告" not in answer.answer


def test_a_towns_province_is_the_one_above_the_place_its_report_names(service):
    answer = ask_checked(service, "下蜀镇是哪个省的?")
    assert "报告提到句容市,据行政区划属于江苏省" in answer.answer
    assert any("句容市" in c.quote for c in answer.citations)


def test_a_town_whose_report_names_nothing_above_it_is_said_to_be_unknown(service):
    answer = ask_checked(service, "高桥镇是哪个省的?")
    assert "报告没有写明高桥镇属于哪个省" in answer.answer


def test_a_town_below_the_gazetteer_is_listed_under_the_province_of_the_place_its_report_names(service):
    answer = ask_checked(service, "哪些报告来自江苏?")
    assert {c.source for c in answer.citations} == {"xiashu-zhen-2025.txt", "qingbo-jiedao-2023.txt"}


def test_a_province_named_in_passing_finds_the_placeless_street_report_that_names_it(service):
    answer = ask_checked(service, "宪法与江苏宣传月启动仪式是哪个街道协办的?")
    assert answer.status == "answered" and answer.citations[0].source == "qingbo-jiedao-2023.txt"


def test_words_quoted_from_several_reports_name_each_never_one_guessed(service):
    answer = ask_checked(service, "写有“推进依法行政和法治政府建设工作取得新成效”的那份报告是哪个单位的?")
    assert answer.answer.startswith("问题所引的文字见于2份报告")
    assert {c.source for c in answer.citations} == {"gonghe-xiang-2022.txt", "laojun-xiang-2025.txt"}


@pytest.mark.parametrize("question, source", [
    ("哪些报告是2022年12月发布的?", "gonghe-xiang-2022.txt"),  # when published, not which year's report
    ("2026年发布的报告有哪些?", "laojun-xiang-2025.txt"),
    ("哪份报告发布得最晚?", "laojun-xiang-2025.txt"),  # its page dates it by 生成日期 only
])
def test_reports_listed_by_when_their_page_says_they_were_published(service, question, source):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and {c.source for c in answer.citations} == {source}


@pytest.mark.parametrize("question, said, place", [
    ("邻水县林业局是什么级别的单位?", "邻水县林业局是区县级单位", "邻水"),
    ("下蜀镇是县级还是乡镇级?", "下蜀镇是乡镇街道级单位", "下蜀"),
    ("广安市司法局的报告属于哪一级?", "广安市司法局是市级单位", "广安"),
    ("武汉市水务局是什么级别的单位?", "武汉市水务局是市级单位", "武汉"),
])
def test_the_level_of_a_named_report_is_said_from_its_name_and_the_gazetteer(service, question, said, place):
    """The level rests on the author's place: a line of the report naming it is cited."""
    answer = ask_checked(service, question)
    assert answer.status == "answered" and said in answer.answer
    assert any(place in c.quote for c in answer.citations)


@pytest.mark.parametrize("question, count, street", [
    ("有几份报告是乡镇的?", "4", False), ("乡镇的报告有多少份?", "4", False),  # 乡镇: townships and towns
    ("有几份报告是乡镇街道的?", "5", True),  # the tier, street offices with them
])
def test_how_many_reports_is_a_listing_that_says_its_count(service, question, count, street):
    answer = ask_checked(service, question)
    assert answer.answer.startswith(f"符合条件的报告共{count}份")
    assert {c.source for c in answer.citations} == {"gonghe-xiang-2022.txt", "laojun-xiang-2025.txt", "xiashu-zhen-2025.txt",
                                                     "gaoqiao-zhen-2025.txt"} | ({"qingbo-jiedao-2023.txt"} if street else set())


def test_reports_without_a_title_of_their_own_are_listed(service):
    answer = ask_checked(service, "哪些报告没有标题?")
    assert {c.source for c in answer.citations} == {"linshui-linyeju-2024.txt", "baoding-2024.txt"}  # "各位领导:", "2024年以来…"


@pytest.mark.parametrize("question, said", [
    ("老军乡的报告是繁体的吗?", "不是,老军乡人民政府的报告是简体字"),
    ("老军乡的报告是简体还是繁体?", "老军乡人民政府的报告是简体字"),
])
def test_the_script_of_a_named_report_asked(service, question, said):
    answer = ask_checked(service, question)
    assert said in answer.answer and answer.citations[-1].source == "laojun-xiang-2025.txt"


def test_a_provincial_department_whose_report_names_no_place_is_found_with_its_place_unchecked(service):
    answer = ask_checked(service, "福建省农业农村厅的报告是哪一年度的?")
    assert answer.status == "answered" and answer.citations[0].source == "nongyenongcunting-2023.txt"
    assert "2023年度" in answer.answer and "未写明所属地区,无法核实是否为福建省" in answer.answer


def test_of_several_reports_asked_when_published_those_whose_page_shows_no_date_are_named(service):
    answer = ask_checked(service, "老军乡和下蜀镇的报告分别是什么时候发布的?")
    assert "2026-02-11" in answer.answer and "页面没有写明所问的信息:下蜀镇" in answer.answer


def test_who_wrote_a_report_that_says_only_wo_shi_is_cited_with_the_line_naming_its_place(service):
    """"2024年以来,我市…": the answer names 保定市 and cites the report's line that names the city."""
    answer = ask_checked(service, "保定市2024年的法治政府建设报告是哪个单位写的?")
    assert "保定" in answer.answer and any("保定市" in c.quote for c in answer.citations), answer.answer


@pytest.mark.parametrize("question", ["下蜀镇的报告所在的省份是哪个?", "下蜀镇报告的省份(自治区)是哪个?"])
def test_the_province_asked_as_people_type_it(service, question):
    assert "江苏" in ask_checked(service, question).answer


@pytest.mark.parametrize("question, year", [
    ("邻水县林业局的法治政府建设报告是哪一年度的?", "2024"),  # its year line is a paragraph, not a sentence
    ("邻水县林业局 报告 哪年", "2024"),
    ("保定市的报告写的是哪一年的工作?", "2024"),
    ("鞍山市数据局的法治政府建设报告是哪一年度的?", "2025"),
    ("鞍山市数据局 报告 哪年", "2025"),
])
def test_the_year_of_a_report_whose_lines_never_name_its_author_in_full(service, question, year):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and f"{year}年度" in answer.answer
