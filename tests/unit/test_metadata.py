"""extract_meta over the sample reports and over hand-written report shapes."""
from __future__ import annotations

from pathlib import Path

import pytest

from index.metadata import extract_meta
from index.model import ReportMeta
from index.normalize import normalize
from index.orgnames import seat_of
from index.structure import split_paragraphs

REPORTS = Path(__file__).resolve().parents[2] / "data" / "reports"
# A crude stand-in for the real cleaning stage (someone else's): drop page chrome.
CHROME = ("来源", "发布", "字号", "headerbg", "长者助手", "无障碍", "时间:", "上一篇", "下一篇",
          "相关附件", "相关新闻", "分享到")


def _meta(name: str, hints: dict | None = None) -> ReportMeta:
    text = (REPORTS / name).read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines()
                     if not any(word in normalize(line) for word in CHROME))
    return extract_meta(split_paragraphs(body), hints or {})


def _meta_of(body: str, hints: dict | None = None) -> ReportMeta:
    return extract_meta(split_paragraphs(body), hints or {})


@pytest.mark.parametrize("name, title, agency, year, published, region, level", [
    ("zengcheng-chengguan-2023.txt", "广州市增城区城市管理和综合执法局关于2023年度法治政府建设情况的报告",
     "广州市增城区城市管理和综合执法局", 2023, "2024-01-09", "广州市增城区", "区县"),
    ("huadu-district-2023.txt", "广州市花都区人民政府关于2023年度法治政府建设情况的报告",
     "广州市花都区人民政府", 2023, None, "广州市花都区", "区县"),
    ("hangzhou-chengguan-2023.txt", "杭州市城管局2023年法治政府建设年度报告",
     "杭州市城管局", 2023, None, "杭州市", "市"),
    ("chuxiong-zonghe-zhifa-2024.txt", None,  # 楚雄市 is a county-level city of 楚雄州 (the gazetteer says so)
     "楚雄市综合行政执法局", 2024, "2024-11-26", "楚雄市", "区县"),
    ("district-chengguan-yaodian-2022.txt", "區城管依法行政要點", "區城管", 2013, None, None, "区县"),
])
def test_sample_reports(name, title, agency, year, published, region, level):
    meta = _meta(name)
    assert (meta.title, meta.agency, meta.year, meta.published, meta.region, meta.level) == (
        title, agency, year, published, region, level)
    expected_script = "traditional" if name.startswith("district") else "simplified"
    assert meta.script == expected_script


def test_hints_fill_what_the_text_lacks_but_never_the_year():
    meta = _meta("district-chengguan-yaodian-2022.txt", {"published": "2022-09-08 10:52:42"})
    assert meta.published == "2022-09-08" and meta.year == 2013  # the plan's deadline year, not the page's 2022
    meta = _meta("huadu-district-2023.txt", {"published": "2024-01-04", "source_line": "花都区司法局"})
    assert meta.published == "2024-01-04" and meta.year == 2023
    assert meta.agency == "广州市花都区人民政府"  # the title beats the publishing office


def test_title_from_hints_when_first_line_is_prose():
    meta = _meta_of("2023年,我局坚持依法行政。",
                    {"title": "深圳市司法局关于2023年度法治政府建设情况的报告"})
    assert meta.title == "深圳市司法局关于2023年度法治政府建设情况的报告"
    assert (meta.agency, meta.year, meta.region, meta.level) == ("深圳市司法局", 2023, "深圳市", "市")


def test_agency_from_signature_block_with_chinese_numeral_date():
    body = ("今年以来,我局坚持依法行政。\n一、主要工作\n(一)加强学习。组织学法12次。\n"
            "宁波市应急管理局\n二〇二四年一月十五日")
    meta = _meta_of(body)
    assert (meta.agency, meta.published, meta.level) == ("宁波市应急管理局", "2024-01-15", "市")
    assert meta.year is None  # nothing states the reported year


def test_signature_org_without_place_is_taken_as_written():
    meta = _meta_of("2023年,我局坚持依法行政。\n区人社局\n2024年2月1日")
    assert (meta.agency, meta.region, meta.level, meta.year) == ("区人社局", None, "区县", 2023)


def test_agency_from_opening_sentence_skips_party_committees():
    meta = _meta_of("2024年,在市委、市人民政府的领导下,楚雄市综合行政执法局坚持依法行政。现报告如下:")
    assert (meta.agency, meta.year) == ("楚雄市综合行政执法局", 2024)
    meta = _meta_of("2023年,在区委区政府的坚强领导下,我局坚持依法行政。")
    assert meta.agency is None


def test_agency_from_source_line_only_when_it_names_an_organisation():
    assert _meta_of("我局坚持依法行政。", {"source_line": "佛山市生态环境局"}).agency == "佛山市生态环境局"
    assert _meta_of("我局坚持依法行政。", {"source_line": "政策法规处"}).agency is None


def test_year_from_heading_but_not_from_next_years_plan():
    body = "我局坚持依法行政。\n一、2023年度法治政府建设主要举措和成效\n正文。\n二、2024年度主要安排\n正文。"
    assert _meta_of(body).year == 2023
    assert _meta_of("我局坚持依法行政。\n一、2025年度推进法治政府建设的主要安排\n正文。").year is None
    assert _meta_of("2025年,我局将继续推进依法行政。").year is None


def test_reported_year_is_not_the_publication_year():
    meta = _meta_of("某县人民政府关于2023年度法治政府建设情况的报告\n正文。\n某县人民政府\n2024年1月9日")
    assert (meta.year, meta.published) == (2023, "2024-01-09")


@pytest.mark.parametrize("title, agency, region, level", [
    ("永嘉县人民政府关于2023年度法治政府建设工作情况的报告", "永嘉县人民政府", "永嘉县", "区县"),
    ("杭州市人民政府关于2023年度法治政府建设情况的报告", "杭州市人民政府", "杭州市", "市"),
    ("浙江省人民政府2023年法治政府建设年度报告", "浙江省人民政府", "浙江省", "省"),
    ("广州市天河区石牌街道办事处2023年度法治政府建设工作报告",
     "广州市天河区石牌街道办事处", "广州市天河区石牌街道", "街道乡镇"),
    ("北京市朝阳区应急管理局2022年法治政府建设年度情况报告", "北京市朝阳区应急管理局", "北京市朝阳区", "区县"),
    ("深圳市人力资源和社会保障局2023年法治政府建设年度报告", "深圳市人力资源和社会保障局", "深圳市", "市"),
    ("杭州市市场监督管理局关于2023年法治政府建设工作情况的报告", "杭州市市场监督管理局", "杭州市", "市"),
    ("2023年度南京市司法局法治政府建设情况报告", "南京市司法局", "南京市", "市"),
    ("2023年度法治政府建设情况报告", None, None, None),
])
def test_agency_region_level_from_titles(title, agency, region, level):
    meta = _meta_of(f"{title}\n2023年,坚持依法行政。")
    assert (meta.title, meta.agency, meta.region, meta.level) == (title, agency, region, level)
    assert meta.year in (2022, 2023)


def test_traditional_title_keeps_its_script():
    meta = _meta_of("廣州市司法局關於2023年度法治政府建設情況的報告\n正文。")
    assert (meta.agency, meta.region, meta.year, meta.script) == ("廣州市司法局", "廣州市", 2023, "traditional")


def test_nothing_known_stays_none():
    assert _meta_of("") == ReportMeta()
    meta = _meta_of("坚持依法行政,推进各项工作。\n一、主要举措\n正文。", {"published": "not a date"})
    assert (meta.title, meta.agency, meta.year, meta.published, meta.region, meta.level) == (None,) * 6


@pytest.mark.parametrize("agency, text, seat", [
    ("白沙路街道", "在宁波市委、慈溪市委、市政府的领导下,白沙路街道…", "慈溪市"),  # one chain: the most local
    ("下蜀镇", "2025年,下蜀镇坚持依法行政", None),  # names nothing above it
    ("某某镇", "学习广州市、成都市经验", None),  # two chains: neither is its own
    ("广州市白云区新市街道", "广州市", None),  # its name holds its place already
])
def test_where_a_town_below_the_gazetteer_lies_is_the_place_its_report_names(agency, text, seat):
    assert seat_of(agency, normalize(text)) == seat
