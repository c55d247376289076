"""Page fields and authors in layouts seen on real pages (written here with invented names, the same shapes)."""
from __future__ import annotations

import pytest

from index.pageinfo import read_page_info
from index.pipeline import build_report

BODY = "2023年,全区坚持以习近平新时代中国特色社会主义思想为指导,深入贯彻党的二十大精神,全面落实法治政府建设部署。"


def fields(text: str) -> dict:
    found, _ = read_page_info(text)
    return {(f["kind"], f["value"]) for f in found}


@pytest.mark.parametrize("line,expected", [
    ("政策法规科 2023-12-29", {("published", "2023-12-29"), ("source", "政策法规科")}),  # a date line, no labels
    ("2026-01-20 17:01  |  甲市水务局", {("published", "2026-01-20 17:01"), ("source", "甲市水务局")}),
    ("2022-03-29 17:13:17 来源: 甲市司法局", {("published", "2022-03-29 17:13:17"), ("source", "甲市司法局")}),
    ("来源:甲省日报 2026-03-16 08:15", {("source", "甲省日报"), ("published", "2026-03-16 08:15")}),
    ("来源:甲县司法局 作者: 发布时间 2025年09月05日 点击数:", {("source", "甲县司法局"), ("published", "2025年09月05日")}),
    ("| 生成日期 | 2026-03-18 14:54:13 | 是否有效 |", {("written", "2026-03-18 14:54:13")}),
    ("- 发布机构: 甲省生态环境厅", {("publisher", "甲省生态环境厅")}),
    ("发布于:2023-01-06 09:04:54", {("published", "2023-01-06 09:04:54")}),
    ("信息来源:甲区城市管理局 信息提供日期:2026-01-12 11:15", {("source", "甲区城市管理局"), ("published", "2026-01-12 11:15")}),
    # a flattened table: labels spaced out, label and value apart by two spaces
    (" 文  号  甲政〔2021〕5号  公开日期  2021-02-26", {("doc_no", "甲政〔2021〕5号"), ("published", "2021-02-26")}),
    (" 索 引 号  zzf/2021-00044  发布机构  甲州政府", {("index_no", "zzf/2021-00044"), ("publisher", "甲州政府")}),
])
def test_page_lines_as_pages_print_them(line, expected):
    assert expected <= fields(f"甲区2023年度法治政府建设情况报告\n{line}\n{BODY}")


def test_a_site_banner_before_the_text_is_where_it_was_found():
    text = f"某某之家—全网资源每日更新www.example.com甲区人民政府关于2023年度法治政府建设情况的报告{BODY}"
    assert ("source", "某某之家—全网资源每日更新www.example.com") in fields(text)
    assert not any(kind == "source" for kind, _ in fields(f"甲区2023年度报告\n{BODY}详见www.example.com。"))  # in the body
    labelled = fields(f"某某之家www.example.com\n来源:甲区司法局\n{BODY}")
    assert {v for k, v in labelled if k == "source"} == {"甲区司法局"}  # the page's own 来源 wins


def test_a_title_with_its_date_in_brackets_keeps_the_title():
    text = f"2024年甲市司法局法治政府建设情况报告 (2025-03-26)\n{BODY}"
    found, chrome = read_page_info(text)
    assert ("published", "2025-03-26") in {(f["kind"], f["value"]) for f in found} and not chrome


def meta(text: str):
    report, _ = build_report(text.encode("utf-8"), ".txt", "x.txt")
    return report.meta


def test_a_party_committee_and_its_government_stay_joint():
    m = meta("2024年,云南省委、省政府坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想。"
             "现将有关情况报告如下。\n一、主要举措和成效\n全省各级坚持依法行政。")
    assert m.agency == "中共云南省委、云南省人民政府" and m.level == "省"


def test_a_place_named_as_the_author_is_its_government():
    m = meta("黑龙江省2024年度法治政府建设情况报告\n" + BODY.replace("全区", "全省"))
    assert m.agency == "黑龙江省" and m.kind == "政府" and m.level == "省"
    m = meta("2024年,呼和浩特市聚焦办好两件大事,全面深化法治政府建设,为首府发展营造良好法治环境。\n一、主要举措\n全市坚持依法行政。")
    assert m.agency == "呼和浩特市"


def test_whoever_works_under_the_tier_above_is_the_author():
    m = meta("2023年,万兴街在区委、区政府的正确领导下,认真落实法治政府建设部署要求,我街对法治政府建设工作进行全面部署。"
             "现将2023年度法治政府建设情况报告如下:\n一、主要举措\n我街坚持依法行政。")
    assert m.agency == "万兴街道" and m.level == "街道乡镇"


def test_a_report_naming_no_author_is_labelled_by_its_own_place_and_marked_unsure():
    from index.authors import unsure

    m = meta("2023年,在市委、市政府的坚强领导下,全市各区、各部门深入贯彻习近平总书记考察上海重要讲话精神,"
             "紧紧围绕全市中心工作推进法治政府建设。\n一、主要举措\n全市坚持依法行政,市政府常务会议学法。")
    assert m.agency == "上海市" and m.level == "省" and m.origin["agency"] == "jurisdiction"
    assert unsure(m.confidence, m.origin["agency"])


def test_a_plan_word_far_from_the_opening_year_is_the_years_own_work():
    m = meta("2025年,城中区坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻党的二十大精神,按照市委全会安排部署,"
             "统筹推进法治政府建设各项目标任务。\n一、工作进展\n全区坚持依法行政。")
    assert m.year == 2025 and m.agency == "城中区"


def test_a_print_button_after_a_fields_value_is_no_part_of_it():
    from index.pageinfo import read_page_info

    body = "正文很长的一段文字,用来判断正文从哪里开始,这里需要超过四十个字符才能算作正文的开头部分。"
    fields, _ = read_page_info(f"标题\n2022-03-29 17:13:17 来源: 海口市司法局 打印\n{body}")
    assert [f["value"] for f in fields if f["kind"] == "source"] == ["海口市司法局"]


def test_a_title_broken_over_two_lines_is_one_title():
    m = meta(f"甲区卫生健康局2025年法治政府\n建设年度报告\n{BODY}")
    assert m.title == "甲区卫生健康局2025年法治政府建设年度报告" and m.year == 2025


def test_a_line_above_a_whole_title_is_not_its_start():
    assert meta(f"甲区人民政府网站\n法治政府建设年度报告\n{BODY}").title == "法治政府建设年度报告"


def test_the_texts_own_document_number_and_signing_date_are_document_fields():
    """"浙卫〔2024〕3号《…的报告》" on a line of its own and "2024年3月8日" under the signature: the 文号 and the
    落款日期 people ask of the document, quoted as the text writes them."""
    text = ("浙卫〔2024〕3号《浙江省卫生健康委关于2023年度法治政府建设情况的报告》\n浙江省卫生健康委关于2023年度法治政府建设情况的报告\n"
            "省委、省政府:\n根据有关部署要求,现呈送我委2023年度法治政府建设情况报告,请审阅。\n浙江省卫生健康委\n2024年3月8日\n"
            "一、2023年度法治政府建设主要情况,全年审查规范性文件12件。")
    fields = {f["kind"]: f for f in read_page_info(text)[0]}
    assert fields["doc_no"]["value"] == "浙卫〔2024〕3号" and fields["doc_no"]["quote"] in text
    assert fields["signed"]["value"] == "2024年3月8日" and fields["signed"]["quote"] == "2024年3月8日"
