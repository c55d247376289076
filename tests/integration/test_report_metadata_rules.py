"""The general metadata rules on report shapes written for these tests (not the eval files):
no title, 我局 only, an addressee line, an award sentence, page chrome fields, a title over two
lines, a news dateline, traditional script."""
from __future__ import annotations

import pytest

from index.metadata import extract_meta
from index.pageinfo import read_page_info
from index.pipeline import build_report
from index.structure import split_paragraphs


def meta_of(body: str, hints: dict | None = None):
    return extract_meta(split_paragraphs(body), hints or {})


def report_of(text: str, name: str = "r.txt"):
    report, _ = build_report(text.encode("utf-8"), ".txt", name)
    return report


def test_no_title_the_opening_subject_is_the_author():
    meta = meta_of("2023年,市市场监管局在市委市政府的坚强领导下,坚持依法行政。\n一、主要工作\n正文。")
    assert (meta.agency, meta.year, meta.level, meta.kind) == ("市市场监管局", 2023, "市", "市场监管局")
    assert meta.origin["agency"] == "opening"


def test_others_named_in_leadership_phrases_are_skipped():
    body = "2021年,在市委、市政府的坚强领导下,省农业农村厅的正确指导下,某某市农业农村局全面推进依法行政。"
    assert meta_of(body).agency == "某某市农业农村局"
    body = "2023年,在区委、区政府的坚强领导和市司法局的有力指导下,某某区司法局坚持依法行政。"
    assert meta_of(body).agency == "某某区司法局"


def test_a_place_alone_as_subject_is_its_government():
    meta = meta_of("2023年,某某区坚持以习近平法治思想为指导,全面推进法治政府建设。")
    assert (meta.agency, meta.kind, meta.level) == ("某某区", "政府", "区县")


def test_self_reference_resolved_by_a_document_the_report_names_as_its_own():
    body = ("根据法治政府建设年度报告制度的要求,现将我局2022年度法治政府建设工作报告如下:\n"
            "一、主要做法\n我局印发《某某市水务局规范性文件管理办法》,规范发文程序。")
    meta = meta_of(body)
    assert (meta.agency, meta.year, meta.origin["agency"]) == ("某某市水务局", 2022, "self-reference")


def test_self_reference_with_nothing_to_resolve_it_stays_unknown():
    body = "2023年,我局坚持依法行政。\n一、主要做法\n长江新区武湖街道荣获全国民主法治示范社区称号。"
    meta = meta_of(body)
    assert meta.agency is None and meta.year == 2023, "an award names another place, not the author"


def test_an_addressee_line_names_the_recipient_not_the_author():
    body = "某某县司法局关于2024年度法治政府建设情况的报告\n县委、县人民政府:\n2024年,在县委的领导下,推进依法行政。"
    meta = meta_of(body)
    assert (meta.agency, meta.year, meta.level) == ("某某县司法局", 2024, "区县")
    body = "中共某某市委、市人民政府:\n2023年,我局坚持依法行政。"
    assert meta_of(body).agency is None


def test_title_split_over_two_lines_takes_the_organisation_line():
    meta = meta_of("某某省交通运输厅\n2025年法治政府部门建设工作情况\n2025年,我厅坚持依法行政,推进各项工作落实。")
    assert (meta.agency, meta.year, meta.level, meta.title) == ("某某省交通运输厅", 2025, "省", "2025年法治政府部门建设工作情况")


def test_a_news_dateline_is_not_the_author_and_the_report_year_is_read():
    meta = meta_of("新华网 3月29日电 据某某部网站消息,应急管理部发布2023年法治政府建设年度报告。\n一、主要工作\n正文。")
    assert (meta.agency, meta.year, meta.level) == ("应急管理部", 2023, "部委")


def test_traditional_opening_keeps_its_script():
    meta = meta_of("2022年,在黨中央、國務院的領導下,交通運輸部以習近平法治思想為指導,推進法治建設。")
    assert (meta.agency, meta.year, meta.level, meta.kind) == ("交通運輸部", 2022, "部委", "交通运输部")


def test_subdistrict_and_township_level():
    assert meta_of("2025年,某某街道办事处深入推进依法行政。").level == "街道乡镇"
    assert meta_of("某某镇人民政府\n2024年度法治政府建设年度报告\n2024年以来,我镇推进依法行政。").level == "街道乡镇"


def test_page_fields_are_read_and_kept_out_of_the_body():
    text = ("首页 > 政务公开 > 法治政府建设\n"
            "| [ 索引号 ] | 11500000/2024-00028 | [ 发文字号 ] | 无 |\n"
            "| [ 成文日期 ] | 2024-01-30 | [ 发布日期 ] | 2024-02-25 |\n"
            "名 称: 下陆区\n"
            "信息来源:政策法规处 发布日期:2024-02-26 09:04 浏览次数:\n"
            "某某市司法局关于2023年度法治政府建设情况的报告\n"
            "2023年,某某市司法局坚持依法行政,推进法治政府建设,取得明显成效。")
    fields, _ = read_page_info(text)
    by_label = {f["label"]: f for f in fields}
    assert by_label["索引号"]["value"] == "11500000/2024-00028"
    assert by_label["成文日期"]["value"] == "2024-01-30" and by_label["发布日期"]["value"] == "2024-02-25"
    assert by_label["信息来源"]["quote"] == "信息来源:政策法规处 发布日期:2024-02-26 09:04 浏览次数:"
    report = report_of(text)
    assert report.meta.agency == "某某市司法局", "名 称: 下陆区 is a field label, not the author"
    assert not any("索引号" in p.text or "首页" in p.text or "名 称" in p.text for p in report.paragraphs)
    assert {f["label"] for f in report.meta.page} >= {"索引号", "成文日期", "发布日期", "信息来源"}
    assert report.meta.published == "2024-02-25"


def test_bullet_fields_take_their_value_from_the_next_line():
    text = "• 索引号\n  • abc31/2025-00001\n  • 主题分类\n某某县人民政府关于2024年法治政府建设情况的报告\n2024年,我县坚持依法行政,推进法治政府建设取得成效。"
    fields, _ = read_page_info(text)
    assert [(f["label"], f["value"]) for f in fields] == [("索引号", "abc31/2025-00001")]
    assert fields[0]["quote"].split() == ["•", "索引号", "•", "abc31/2025-00001"]


# --- answering questions about the documents, and correcting metadata --------------------------

PAGE_REPORT = ("首页 > 政务公开 > 法治政府建设\n"
               "发布时间:2024-03-05 10:20 来源:某某区司法局 浏览次数:\n"
               "索引号: ABC-2024-0007 生成日期: 2024-03-01\n"
               "某某区人民政府关于2023年度法治政府建设情况的报告\n"
               "区委、区人大常委会:\n"
               "2023年,区政府坚持依法行政,收到行政复议申请120件,同比增长12%。\n"
               "一、主要举措\n"
               "全年组织领导干部集中学法8次。\n")


@pytest.fixture
def page_service(tmp_path):
    from assistant.service import Assistant
    from index.config import Settings

    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "12_mouqu_2023.txt").write_text(PAGE_REPORT, encoding="utf-8")
    service = Assistant(Settings(home=tmp_path / "home"))
    service.ingest([folder])
    return service


def test_page_information_answers_document_questions_with_exact_quotes(page_service):
    from assistant.contract import check_answer

    answer = page_service.ask("某某区人民政府这份报告的发布日期和索引号是什么?")
    assert answer.status == "answered" and not check_answer(answer)
    assert "2024-03-05" in answer.answer and "ABC-2024-0007" in answer.answer
    assert {c.section for c in answer.citations} == {"页面信息"} and {c.paragraph for c in answer.citations} == {0}
    assert "发布时间:2024-03-05 10:20 来源:某某区司法局 浏览次数:" in [c.quote for c in answer.citations]
    opened = page_service.paragraph(answer.citations[0].report_id, 0)  # the page's citation view
    assert opened["paragraph"]["section"] == "页面信息" and answer.citations[0].quote in opened["paragraph"]["text"]
    to_whom = page_service.ask("某某区人民政府2023年度的报告是报送给谁的?")
    assert to_whom.status == "answered" and to_whom.citations[0].quote == "区委、区人大常委会:"


def test_page_information_is_never_evidence_for_facts(page_service):
    answer = page_service.ask("某某区2023年发布了多少期信息?")
    assert answer.status == "not_found" and "2024" not in answer.answer


def test_a_file_name_label_carries_no_claim(page_service):
    """The report's file name has digits (12_…); naming the report by it must not withhold the answer."""
    from assistant.contract import Answer, Citation, unsupported_figures

    cite = Citation(1, "x", "12_mouqu_2023.txt", None, None, None, "", 3, "全年组织领导干部集中学法8次")
    answer = Answer("集中学法几次?", "answered", "extractive", "《mouqu_2023.txt》:全年组织领导干部集中学法8次 [1]", [cite])
    assert unsupported_figures(answer) == []
    padded = Answer("集中学法几次?", "answered", "extractive", "《mouqu_2023.txt》:集中学法9次 [1]", [cite])
    assert unsupported_figures(padded) == ["9次"]


def test_corrections_by_flag_or_sidecar_win_and_bad_ones_fail_the_file(tmp_path):
    import json
    import subprocess
    import sys

    report = tmp_path / "07.txt"
    report.write_text("2022年法治政府建设工作总结\n2022年,全市自然资源规划系统坚持依法行政,取得较好成绩。", encoding="utf-8")

    def rolqa(*args):
        return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True,
                              timeout=300, stdin=subprocess.DEVNULL)

    assert rolqa("ingest", str(report), "--agency", "宁波市自然资源和规划局").returncode == 0
    row = json.loads(rolqa("reports", "--json").stdout)[0]
    assert (row["agency"], row["year"], row["level"], row["origin"]["agency"]) == ("宁波市自然资源和规划局", 2022, "市", "override")
    (tmp_path / "07.txt.meta.json").write_text('{"year": "2022年"}', encoding="utf-8")
    bad = rolqa("ingest", str(report))
    assert bad.returncode == 1 and "year 必须是 1900 到 2100 之间的整数" in bad.stdout and "Traceback" not in bad.stderr
    (tmp_path / "07.txt.meta.json").write_text('{"agency": "宁波市自然资源和规划局", "year": 2021}', encoding="utf-8")
    assert rolqa("ingest", str(report)).returncode == 0
    row = json.loads(rolqa("reports", "--json").stdout)[0]
    assert (row["agency"], row["year"]) == ("宁波市自然资源和规划局", 2021)


def test_a_plan_without_a_year_plans_for_its_deadlines_year():
    meta = meta_of("某区城管依法行政要点\n一、强化依法行政意识\n1.加强学习。把法律知识作为重点。\n"
                   "2.落实制度。2013年底前完成全员培训,2015年前建成体系。")
    assert (meta.year, meta.origin["year"]) == (2013, "deadline")
    summary = "某区城管工作总结\n一、主要工作\n加强学习。落实制度。\n二、下一步\n继续推进,2013年底前完成全员培训。"
    assert meta_of(summary).year is None, "only a plan takes its deadlines' year"
