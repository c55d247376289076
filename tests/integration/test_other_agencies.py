"""Reports of other kinds of agency (县政府, 人社局, 应急管理局, 街道办事处, a title-less extract,
a traditional-script summary) beside the samples: metadata, targeting, plan years and refusals.

The four reports in tests/data/other_agencies are written for these tests in the style of real ones.
"""
from __future__ import annotations

import pytest

from assistant.service import Assistant
from index.config import Settings
from tests.conftest import REPORTS, ROOT

OTHER = ROOT / "tests" / "data" / "other_agencies"


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> Assistant:
    a = Assistant(Settings(home=tmp_path_factory.mktemp("other") / "home"))
    assert a.ingest([REPORTS, OTHER]).count("indexed") == 9
    return a


def test_metadata_of_other_agencies(service):
    rows = {r["source"]: r for r in service.reports()}
    assert rows["qingshan-county-2023.txt"]["agency"] == "青山县人民政府"
    assert rows["qingshan-county-2023.txt"]["level"] == "区县"
    assert rows["qingshan-renshe-2023.txt"]["agency"] == "青山县人力资源和社会保障局"
    assert rows["donghu-jiedao-2023.txt"]["agency"] == "东湖街道办事处", "named only in the opening sentence"
    assert rows["donghu-jiedao-2023.txt"]["title"] is None and rows["donghu-jiedao-2023.txt"]["year"] == 2023
    assert rows["qingshan-yingji-2024.txt"]["script"] == "traditional" and rows["qingshan-yingji-2024.txt"]["year"] == 2024


@pytest.mark.parametrize("question, source, figure", [
    ("青山县人社局为多少名劳动者追回了工资?", "qingshan-renshe-2023.txt", "1275"),
    ("青山县人力资源和社会保障局受理了多少件劳动人事争议仲裁案件?", "qingshan-renshe-2023.txt", "412"),
    ("青山县政府收到多少件行政复议申请?", "qingshan-county-2023.txt", "58"),
    ("青山县应急管理局2024年开展了多少次安全生产执法检查?", "qingshan-yingji-2024.txt", "1260"),
    ("东湖街道办事处查处了多少宗违法建设?", "donghu-jiedao-2023.txt", "17"),
    ("青山县2024年计划培训多少人次执法人员?", "qingshan-county-2023.txt", "300"),  # a plan year inside a 2023 report
])
def test_facts_come_from_the_named_agency(service, question, source, figure):
    answer = service.ask(question)
    assert answer.status == "answered", answer.answer
    assert figure in answer.answer and {c.source for c in answer.citations} == {source}


def test_abbreviated_agency_picks_its_report_among_same_place(service):
    answer = service.ask("青山县人社局的劳动人事争议仲裁结案率是多少?")
    assert "96.4%" in answer.answer and answer.citations[0].source == "qingshan-renshe-2023.txt"


def test_condition_below_a_threshold(service):
    answer = service.ask("哪些单位的行政机关负责人出庭应诉率低于100%?")
    found = answer.answer.split("没有写明")[0]
    assert "青山县人民政府" in found and "98.5%" in found and "花都" not in found


def test_aggregation_lists_only_reports_that_state_the_thing(service):
    answer = service.ask("各单位的行政复议申请数量分别是多少?")
    assert {c.source for c in answer.citations} == {"huadu-district-2023.txt", "qingshan-county-2023.txt"}
    assert "786" in answer.answer and "58" in answer.answer


@pytest.mark.parametrize("question", [
    "青山县司法局2023年办理了多少件法律援助案件?",
    "青山县人社局2023年的行政诉讼败诉率是多少?",
    "北京市朝阳区司法局2023年办理了多少件行政复议案件?",
])
def test_refusals(service, question):
    answer = service.ask(question)
    assert answer.status == "not_found" and not answer.citations


def test_comparisons_list_every_named_report(service):
    answer = service.ask("对比增城区城管局和花都区的行政复议案件数量")
    assert {c.source for c in answer.citations} == {"zengcheng-chengguan-2023.txt", "huadu-district-2023.txt"}
    assert "12件" in answer.answer and "786宗" in answer.answer, "the head noun may differ: 申请…宗 counts cases"
    which = service.ask("青山县和楚雄市哪个办理的行政处罚案件多?")
    assert which.status == "answered" and "1352" in which.answer
