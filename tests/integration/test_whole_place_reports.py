"""Listings and page questions as a fifth mixed set wrote them (session 20): a report for the whole of its place
("全省层面的", "地级市全市的") is its government's; several parts set apart at once ("设区的市(不含直辖市)…,而不是市直
部门或区县的") or glued to the question ("…的报告不含直辖市"); a category explained by the agencies in its
parentheses ("司法行政机关(司法部或司法局)"), a body named as what a page field holds ("来源写的是司法局的"); a news agency's dateline as the medium that carried the report, where the
page's 来源 holds only a code; 统计 as the verb of a count, not the statistics field; districts (市辖区) set apart.
Real place names, invented texts."""
from __future__ import annotations

import pytest

from index.pageinfo import read_page_info
from tests.conftest import ask_checked, index_written

WRITTEN = {
    "heilongjiang-2024.txt": "黑龙江省2024年度法治政府建设情况报告\n2024年,黑龙江省坚持依法行政。\n",
    "hunan-2023.txt": "湖南省生态环境厅2023年法治政府建设年度报告\n2023年,省生态环境厅坚持依法行政。\n",
    "beijing-2021.txt": "北京市2021年法治政府建设年度情况报告\n2021年,北京市坚持依法行政。\n",
    "jinan-2022.txt": "济南市2022年法治政府建设情况报告\n2022年,济南市坚持依法行政。\n",
    "dalian-2024.txt": "大连市2024年法治政府建设情况报告\n2024年,大连市坚持依法行政。\n",
    "xian-2023.txt": "西安市应急管理局2023年法治政府建设年度报告\n2023年,市应急管理局坚持依法行政。\n",
    "xicheng-2023.txt": "北京市西城区2023年法治政府建设情况报告\n2023年,西城区坚持依法行政。\n",
    "zhongshan-2024.txt": "中山市司法局2024年法治政府建设年度报告\n2024年,中山市司法局坚持依法行政。\n",
    "jiashan-2022.txt": "嘉善县人民政府关于2022年度法治政府建设情况的报告\n2022年,嘉善县坚持依法行政。\n",
    "xiashan-2023.txt": "霞山区统计局2023年法治政府建设年度报告\n2023年,霞山区统计局坚持依法行政。\n",
    "chaoyang-2023.txt": "来源:朝阳区司法局 发布时间:2024-03-01\n北京市朝阳区城市管理委员会2023年法治政府建设年度报告\n"
                         "2023年,朝阳区城市管理委员会坚持依法行政。\n",
    "sifabu-2023.txt": "发布时间:2024-11-18 18:01:19 来源: sp20241118\n"
                       "中新网 3月29日电 据司法部网站消息,司法部发布2023年法治政府建设年度报告。具体报告如下:\n"
                       "2023年,司法部坚持依法行政,全年办理行政复议案件1000件。\n",
}


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return index_written(tmp_path_factory, WRITTEN, indexed=12)


@pytest.mark.integration
@pytest.mark.parametrize("question", ["哪些是全省整体的报告不含直辖市",
                                      "哪些报告是某个省(不含直辖市)全省层面的法治政府建设年度报告?"])
def test_a_whole_province_report_is_its_government_s(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and "黑龙江省" in answer.answer and "共1份" in answer.answer
    assert "生态环境厅" not in answer.answer and "北京市" not in answer.answer


@pytest.mark.integration
@pytest.mark.parametrize("question", ["哪些是地级市全市的报告不算部门区县和直辖市",
                                      "哪些报告是设区的市(不含直辖市)以全市为范围的整体报告,而不是某个市直部门或区县的?"])
def test_every_part_set_apart_is_left_out(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and "济南市" in answer.answer and "大连市" in answer.answer
    assert "共2份" in answer.answer
    for absent in ("北京市", "应急管理局", "西城区"):
        assert absent not in answer.answer


@pytest.mark.integration
def test_a_category_explained_by_its_agencies_lists_their_reports(service):
    answer = ask_checked(service, "哪些报告出自司法行政机关(司法部或司法局)?")
    assert answer.status == "answered" and "司法部" in answer.answer and "中山市司法局" in answer.answer
    assert "共2份" in answer.answer


@pytest.mark.integration
@pytest.mark.parametrize("question", ["司法部2023年法治政府建设年度报告这篇是由哪家新闻网站刊发的?",
                                      "司法部那份报告是哪家媒体转载的?"])
def test_a_news_dateline_names_the_medium(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and "中新网" in answer.answer
    assert any("中新网 3月29日电" in c.quote for c in answer.citations)


@pytest.mark.unit
def test_a_source_that_names_nothing_leaves_the_dateline_to_name_the_medium():
    fields, _ = read_page_info(WRITTEN["sifabu-2023.txt"])
    sources = [f["value"] for f in fields if f["kind"] == "source"]
    assert sources == ["sp20241118", "中新网"]  # the page's label kept (a report that labels its 来源), and the medium
    assert any(f["kind"] == "published" and f["value"].startswith("2024-11-18") for f in fields)


@pytest.mark.unit
@pytest.mark.parametrize("question", ["哪些是地级市全市的报告不算部门区县和直辖市", "不包括市直部门及区县报告"])
def test_the_word_bumen_starts_no_place(question):
    from index import vocabulary as vocab

    assert not [p for p in vocab.place_units(question, loose=True) if p.startswith("门")]


@pytest.mark.integration
def test_a_span_of_years_typed_as_keywords_lists_the_reports(service):
    answer = ask_checked(service, "2022年以前 报告 年份")
    assert answer.status == "answered" and "北京市(2021年度)" in answer.answer and "济南市(2022年度)" in answer.answer
    assert "黑龙江" not in answer.answer


@pytest.mark.integration
def test_a_kind_of_body_typed_as_keywords_lists_its_reports(service):
    answer = ask_checked(service, "市政府 报告 有标题")
    assert answer.status == "answered" and "济南市" in answer.answer and "大连市" in answer.answer
    assert "应急管理局" not in answer.answer and "司法局" not in answer.answer


@pytest.mark.integration
def test_count_verb_is_no_field_and_districts_are_set_apart(service):
    answer = ask_checked(service, "请统计本批报告中以区县人民政府名义提交的报告数量,市辖区除外。")
    assert answer.status == "answered" and "嘉善县" in answer.answer and "共1份" in answer.answer
    assert "西城区" not in answer.answer and "统计局" not in answer.answer


PROVINCES = {  # two provincial governments' reports of one year
    "hunan-2022.txt": "湖南省人民政府关于2022年度法治政府建设情况的报告\n现将省政府2022年度法治政府建设情况报告如下。\n省长毛伟明带头履行推进法治建设第一责任人职责。"
                      "一体推进法治湖南建设。\n",
    "yunnan-2022.txt": "云南省人民政府关于2022年度法治政府建设情况的报告\n现将省政府2022年度法治政府建设情况报告如下。\n省长带头履行推进法治建设第一责任人职责。"
                       "一体推进法治云南建设。\n",
}


@pytest.fixture(scope="module")
def provinces(tmp_path_factory):
    return index_written(tmp_path_factory, PROVINCES, indexed=2)


@pytest.mark.integration
def test_of_two_reports_by_the_name_asked_the_one_saying_what_the_question_says(provinces):
    answer = ask_checked(provinces, "由省长毛伟明带头履行推进法治建设第一责任人职责的省政府2022年度报告是谁写的?")
    assert answer.status == "answered" and "湖南" in answer.answer and "云南" not in answer.answer


@pytest.mark.integration
@pytest.mark.parametrize("question", ["页面来源标注为某个司法局的报告有哪些?", "来源写的是司法局的,有哪几份报告?"])
def test_a_body_a_page_field_holds_is_not_the_author_asked(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and "城市管理委员会" in answer.answer and "共1份" in answer.answer
    assert any("来源:朝阳区司法局" in c.quote for c in answer.citations)


@pytest.mark.integration
@pytest.mark.parametrize("question", ["司法局 报告 哪里", "司法局的报告是哪里的?"])
def test_where_a_body_s_report_comes_from(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and "中山市司法局" in answer.answer


@pytest.mark.integration
@pytest.mark.parametrize("question, present, count", [
    ("省级政府本身(不是厅局,也不含直辖市)出的报告有哪几份?", "黑龙江省", 1),
    ("2023年度的报告里,哪些是区县政府本身(不是部门)的?", "西城区", 1),
    ("市辖区的政府部门(区里的局、委)写的报告有哪些?", "霞山区统计局", 2),
    ("2024 年度 报告 数量", "大连市", 3)])
def test_what_a_parenthesis_sets_apart_and_counts_typed_as_keywords(service, question, present, count):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and present in answer.answer and f"共{count}份" in answer.answer


@pytest.mark.integration
def test_the_date_a_page_went_online(service):
    answer = ask_checked(service, "朝阳区城市管理委员会2023年的报告,页面上写的上线日期是几号?")
    assert answer.status == "answered" and "2024-03-01" in answer.answer


@pytest.mark.unit
@pytest.mark.parametrize("name, departmental", [("北京市朝阳区城市管理委员会", True), ("国务院国有资产监督管理委员会", True),
                                                ("河北唐山芦台经济开发区管委会", False), ("郑东新区管理委员会", False),
                                                ("管委会", False)])
def test_a_committee_named_for_its_work_is_a_department(name, departmental):
    from index import vocabulary as vocab

    assert vocab.departmental_committee(name) is departmental
