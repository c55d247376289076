"""报告审查: the five samples cell by cell, headings by meaning, cut texts, deadlines as data, and the
review through the CLI, the API and answers. Real components: the sample reports indexed once per
module in an embedded home; the CLI as a subprocess; the API through FastAPI's TestClient."""
from __future__ import annotations

import dataclasses
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.contract import check_answer
from assistant.service import Assistant
from assistant.web.server import create_app
from index.config import Settings
from index.pipeline import build_report
from index.review import deadline_for, heading_parts, load_rules, review_report
from tests.conftest import REPORTS, ROOT

# What a reader of each sample finds (the description of the five samples).
EXPECTED = {
    "chuxiong-zonghe-zhifa-2024.txt": ("annual", {"measures": "part", "shortcomings": "part", "leaders": "part",
                                                  "next_year": "part", "other": "missing"}),
    "hangzhou-chengguan-2023.txt": ("annual", {"measures": "part", "shortcomings": "part", "leaders": "part",
                                               "next_year": "part", "other": "missing"}),
    "huadu-district-2023.txt": ("annual", {"measures": "part", "shortcomings": "part", "leaders": "inside",
                                           "next_year": "part", "other": "missing"}),
    "zengcheng-chengguan-2023.txt": ("annual", {"measures": "part", "shortcomings": "part", "leaders": "inside",
                                                "next_year": "part", "other": "missing"}),
    "district-chengguan-yaodian-2022.txt": ("plan", None),
}


def built(name: str):
    path = REPORTS / name
    return build_report(path.read_bytes(), path.suffix, name)[0]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_sample_cell_with_an_exact_quote_of_its_paragraph(name):
    report = built(name)
    review = review_report(report)
    kind, parts = EXPECTED[name]
    assert review["kind"] == kind and review["complete"]
    paragraphs = {p.n: p.text for p in report.paragraphs}
    for key, cell in review["parts"].items():
        if parts:
            assert cell["status"] == parts[key], (key, cell)
        if cell["quote"]:
            assert cell["quote"] in paragraphs[cell["paragraph"]]


def test_publication_only_from_the_page_and_the_signature_date_is_not_it():
    assert review_report(built("hangzhou-chengguan-2023.txt"))["published"] == "2023-12-20"
    assert review_report(built("chuxiong-zonghe-zhifa-2024.txt"))["published"] is None  # a signing date


@pytest.mark.parametrize("heading", ["二、存在不足和原因", "二、存在的问题和不足", "三、问题与不足", "二、存在的不足",
                                     "二、存在的問題和不足", "（二）工作中的短板和差距"])
def test_shortcoming_headings_are_one_content_however_worded(heading):
    assert heading_parts(heading, 2023, load_rules()) == "shortcomings"


@pytest.mark.parametrize("heading,key", [("四、2024年工作打算", "next_year"), ("三、下一步工作计划", "next_year"),
                                         ("一、2023年工作开展情况", "measures"), ("(三)着力解决群众急难愁盼问题", None),
                                         ("二、党政主要负责人履行推进法治建设第一责任人职责情况", "leaders"),
                                         ("五、其他需要报告的情况", "other")])
def test_other_headings(heading, key):
    assert heading_parts(heading, 2023, load_rules()) == key


def test_a_cut_text_says_unknown_never_missing():
    whole = (REPORTS / "huadu-district-2023.txt").read_text(encoding="utf-8")
    cut = whole[: whole.index("二、存在的不足和原因") + 200]  # stops inside the shortcomings part
    report = build_report(cut.encode(), ".txt", "cut.txt")[0]
    review = review_report(report)
    assert not review["complete"] and "不完整" in review["complete_reason"]
    assert review["parts"]["shortcomings"]["status"] == "part"
    assert review["parts"]["other"]["status"] == "unknown"  # would have been 缺少 in the whole text
    assert "missing" not in {c["status"] for c in review["parts"].values()}


def test_deadline_rules_default_province_and_report():
    rules = load_rules()
    row = {"report_id": "x", "source": "a.txt", "agency": "广州市花都区人民政府", "year": 2023}
    assert deadline_for(row, rules)[0] == "2024-04-01"
    deadline = {**rules.deadline, "provinces": {"广东省": {"public_by": "03-01", "source": "省规定"}},
                "reports": {"b.txt": {"public_by": "02-01", "source": "本报告"}}}
    custom = dataclasses.replace(rules, deadline=deadline)
    assert deadline_for(row, custom) == ("2024-03-01", "省规定")
    assert deadline_for({**row, "source": "b.txt"}, custom) == ("2024-02-01", "本报告")
    assert deadline_for({**row, "agency": "杭州市城管局"}, custom)[0] == "2024-04-01"


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> Assistant:
    a = Assistant(Settings(home=tmp_path_factory.mktemp("review") / "home"))
    assert a.ingest([REPORTS]).count("indexed") == 5
    return a


def test_the_table_joins_deadline_and_indicators(service):
    rows = {r["source"]: r for r in service.review()}
    assert set(rows) == set(EXPECTED)
    assert rows["hangzhou-chengguan-2023.txt"]["on_time"] is True
    assert rows["chuxiong-zonghe-zhifa-2024.txt"]["on_time"] is None  # the page gives no date
    assert rows["district-chengguan-yaodian-2022.txt"]["on_time"] is None  # no annual report
    huadu = rows["huadu-district-2023.txt"]
    assert "court_appearance_rate" in huadu["indicators_stated"]
    assert not set(huadu["indicators_stated"]) & set(huadu["indicators_missing"])
    assert [r["source"] for r in service.review(agencies=["花都"])] == ["huadu-district-2023.txt"]
    assert {r["year"] for r in service.review(years=[2024])} == {2024}


def cli(*args, home: Path):
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "ROLQA_HOME": str(home)}, timeout=300)


def test_cli_text_json_csv_and_a_bad_reference(service):
    home = service.settings.home
    text = cli("review", home=home)
    assert text.returncode == 0 and "◐ 小节内" in text.stdout and "✔ 单独成部分" in text.stdout
    rows = json.loads(cli("review", "huadu-district-2023.txt", "--json", home=home).stdout)
    assert [r["source"] for r in rows] == ["huadu-district-2023.txt"]
    assert set(rows[0]["parts"]) == {"measures", "shortcomings", "leaders", "next_year", "other"}
    csv = subprocess.run([sys.executable, "-m", "assistant.cli", "review", "--csv"], capture_output=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT), "ROLQA_HOME": str(home)}, timeout=300).stdout
    assert csv.startswith("\ufeff报告ID,文件,单位".encode()) and "小节内".encode() in csv
    bad = cli("review", "nosuch.txt", home=home)
    assert bad.returncode != 0 and "nosuch.txt" in bad.stderr and "Traceback" not in bad.stderr


def test_api_routes_and_keys(service):
    client = TestClient(create_app(Assistant(service.settings, index=None)))
    body = client.get("/api/review", params={"agency": "增城"}).json()
    assert [r["source"] for r in body["reviews"]] == ["zengcheng-chengguan-2023.txt"]
    assert client.get("/api/review.csv").content.startswith("\ufeff报告ID".encode())
    xlsx = client.get("/api/review.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    from openpyxl import load_workbook
    assert load_workbook(io.BytesIO(xlsx.content)).sheetnames == ["报告审查", "依据原文"]
    keyed = TestClient(create_app(Assistant(dataclasses.replace(service.settings, api_keys="k1"), index=None)))
    assert keyed.get("/api/review").status_code == 401
    assert keyed.get("/api/review", headers={"Authorization": "Bearer k1"}).status_code == 200


QUESTIONS = {
    "哪些报告没有单独写党政主要负责人履行第一责任人职责的情况?": {"huadu-district-2023.txt", "zengcheng-chengguan-2023.txt"},
    "哪份材料不是年度报告?": {"district-chengguan-yaodian-2022.txt"},
    "花都区的报告有没有写存在的不足?": {"huadu-district-2023.txt"},
}


@pytest.mark.parametrize("question", sorted(QUESTIONS))
def test_questions_over_the_review_are_answered_from_it(service, question):
    answer = service.ask(question)
    assert answer.status == "answered" and not check_answer(answer)
    assert any("报告审查" in n for n in answer.notes)
    assert {c.source for c in answer.citations} == QUESTIONS[question]


def test_no_report_lacks_next_years_plans_and_each_is_cited(service):
    answer = service.ask("哪些报告缺少下一年度工作安排?")
    assert answer.answer.startswith("没有符合条件的报告") and len(answer.citations) == 4
    assert "district-chengguan-yaodian-2022.txt" not in {c.source for c in answer.citations}  # a plan


def test_late_publication_lists_what_the_pages_say(service):
    answer = service.ask("哪些报告是4月1日以后才公开的?")
    assert answer.answer.startswith("没有哪份报告晚于期限才公开") and not check_answer(answer)
    assert "data/review.toml" not in str(answer.notes) and "未能作为原文引用" not in answer.answer
    assert {c.source for c in answer.citations} == {"hangzhou-chengguan-2023.txt", "huadu-district-2023.txt",
                                                    "zengcheng-chengguan-2023.txt"}  # "2024-01-09 来源: …" is its page date
    assert "楚雄" in answer.answer  # named among the reports whose page gives no date


@pytest.mark.parametrize("question,source,first", [
    ("花都区2024年有哪些工作安排?", "huadu-district-2023.txt", "一是争创法治政府建设示范区"),
    ("增城区城管局存在哪些问题和不足?", "zengcheng-chengguan-2023.txt", "(一)执法方面的配套法律法规"),
    ("楚雄市执法队伍存在什么问题?", "chuxiong-zonghe-zhifa-2024.txt", "一是部分干部职工学习主动性不足"),
])
def test_a_part_is_described_by_its_items_in_order(service, question, source, first):
    answer = service.ask(question)
    assert answer.status == "answered" and not check_answer(answer)
    assert {c.source for c in answer.citations} == {source} and len(answer.citations) >= 3
    assert answer.citations[0].quote.startswith(first)
    paragraphs = [c.paragraph for c in answer.citations]
    assert paragraphs == sorted(paragraphs)
