"""`ask` end to end on the sample reports: grounded answers, aggregation, refusals, the contract."""
from __future__ import annotations

import json
import re

import pytest

from assistant.contract import check_answer, figures
from assistant.evaluate import canon, evaluate, load_gold
from assistant.service import Assistant
from index.config import Settings
from index.errors import BadInput
from tests.conftest import REPORTS, ROOT

DEV = ROOT / "tests" / "data" / "dev_qa.jsonl"


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> Assistant:
    a = Assistant(Settings(home=tmp_path_factory.mktemp("answers") / "home"))
    assert a.ingest([REPORTS]).count("indexed") == 5
    return a


def texts(service) -> dict[str, str]:
    return {r["source"]: service.index.report(r["report_id"]).text for r in service.reports()}


def assert_contract(service, answer) -> None:
    data = answer.to_dict()
    assert set(data) >= {"question", "status", "mode", "answer", "citations", "timings_ms"}
    assert not check_answer(answer)
    originals = texts(service)
    for c in data["citations"]:
        assert set(c) == {"n", "report_id", "source", "title", "agency", "year", "section", "paragraph", "quote"}
        assert re.sub(r"\s+", "", c["quote"]) in re.sub(r"\s+", "", originals[c["source"]])
    assert sorted({int(n) for n in re.findall(r"\[(\d+)\]", data["answer"])}) == [c["n"] for c in data["citations"]]


def test_every_dev_question_is_correct(service):
    result = evaluate(service, load_gold(DEV))
    wrong = [(i["id"], i["answer"]) for i in result["items"] if not i["correct"]]
    assert not wrong, wrong
    assert result["citation_validity"] == 1.0 and result["retrieval_recall"]["@10"] == 1.0


def test_fact_answer_names_agency_year_and_quotes_one_sentence(service):
    answer = service.ask("增城区城管局2023年收到多少宗行政许可申请?")
    assert_contract(service, answer)
    assert answer.status == "answered" and "275" in answer.answer and "2023" in answer.answer
    assert "广州市增城区城市管理和综合执法局" in answer.answer
    quote = answer.citations[0].quote
    assert "275" in quote and quote.count("。") <= 2 and len(quote) < 200


def test_aggregation_lists_each_report_and_honours_the_condition(service):
    answer = service.ask("哪些单位的行政机关负责人出庭率达到了100%?")
    assert_contract(service, answer)
    found_part, _, topic_part = answer.answer.partition("没有写明")
    assert "增城" in found_part and "花都" in found_part
    assert "楚雄" in topic_part and "杭州" in topic_part, "reports naming the topic without the rate are said so"
    assert not any("办结率" in c.quote for c in answer.citations)


def test_paraphrase_finds_the_reports_term(service):
    answer = service.ask("单位一把手到法院出庭的比例是多少?")
    assert answer.status == "answered" and "100%" in answer.answer
    assert any("负责人出庭" in c.quote for c in answer.citations)


def test_simplified_question_over_traditional_report_quotes_traditional(service):
    answer = service.ask("区城管依法行政要点要求基层中队配备什么人员?")
    assert answer.status == "answered"
    assert_contract(service, answer)
    assert "法制員" in answer.citations[0].quote


def test_traditional_question_over_simplified_report(service):
    answer = service.ask("增城區城管局發布了多少篇新聞報道?")
    assert answer.status == "answered" and "161" in answer.answer
    assert "新闻报道" in answer.citations[0].quote


@pytest.mark.parametrize("question", [
    "深圳市城管局2023年收到多少宗行政复议申请?",  # a place no report covers
    "增城区城管局2022年新收行政一审案件多少宗?",  # a year no report covers
    "花都区2023年的一般公共预算收入是多少?",  # a topic absent from the report
    "杭州市城管局2023年的行政机关负责人出庭率是多少?",  # topic mentioned, figure not given
])
def test_refusals_never_carry_an_unquoted_number(service, question):
    answer = service.ask(question)
    assert answer.status == "not_found", answer.answer
    assert answer.answer.startswith("报告中未找到")
    assert_contract(service, answer)
    allowed = "".join(c.quote for c in answer.citations) + question + str([r["year"] for r in service.reports()])
    assert all(f.number in re.sub(r"[\s,]", "", allowed) for f in figures(answer.answer.replace(question, "")))


def test_topic_without_figure_cites_what_the_report_says(service):
    answer = service.ask("杭州市城管局2023年的行政机关负责人出庭率是多少?")
    assert answer.citations and "出庭应诉" in answer.citations[0].quote


def test_metadata_questions_answer_from_report_metadata(service):
    answer = service.ask("各份报告分别是哪个单位哪一年度的?")
    assert answer.status == "answered" and len(answer.citations) == 5
    assert "广州市花都区人民政府(2023年度)" in answer.answer and "楚雄市综合行政执法局(2024年度)" in answer.answer
    only_2024 = service.ask("有哪些2024年度的报告?")
    assert {c.source for c in only_2024.citations} == {"chuxiong-zonghe-zhifa-2024.txt"}


def test_filters_restrict_the_answer(service):
    rows = {r["source"]: r["report_id"] for r in service.reports()}
    answer = service.ask("行政机关负责人出庭率是多少?", {"report_ids": {rows["huadu-district-2023.txt"]}})
    assert {c.source for c in answer.citations} == {"huadu-district-2023.txt"}


@pytest.mark.parametrize("question, fragment", [("", "问题为空"), ("   ", "问题为空"), ("问" * 2001, "问题太长"), (None, "问题为空")])
def test_bad_questions_are_bad_input(service, question, fragment):
    with pytest.raises(BadInput, match=fragment):
        service.ask(question)


def test_answer_json_round_trips(service):
    data = json.loads(json.dumps(service.ask("花都区培育认定了多少户学法用法示范户?").to_dict(), ensure_ascii=False))
    assert data["mode"] == "extractive" and data["citations"][0]["n"] == 1
    assert canon("培育认定71户学法用法示范户") in canon(data["citations"][0]["quote"])


def test_a_quoted_phrase_must_stand_in_every_cited_sentence(service):
    answer = service.ask("哪些报告提到了“谁执法谁普法”?")
    assert answer.status == "answered" and len(answer.citations) >= 2
    assert all("谁执法谁普法" in c.quote for c in answer.citations)
