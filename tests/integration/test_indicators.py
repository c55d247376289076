"""The indicator table (法治指标一览): extraction, storage with the report, the CLI and answers from the table.

Extraction is checked against our own reading of the five sample reports (the
list below was written by reading the reports, not by running the extractor).
Stores are real (SQLite catalog in a tmp home); reports are committed to the
catalog directly, without vectors, because nothing here needs the embedder
(tests/test_api.py and tests/test_browser.py cover the fully indexed path).
"""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.indicator_rows import EXPORT
from assistant.service import Assistant
from index.config import Settings
from index.errors import BadInput
from index.indicator_table import VERSION_KEY
from index.indicators import extract
from index.pipeline import build_report
from index.store import Index
from tests.conftest import REPORTS, ROOT

# What a careful reader finds in the five sample reports: (source, indicator, value, qualifier).
EXPECTED = [
    ("huadu-district-2023.txt", "court_appearance_rate", 100, ""),
    ("huadu-district-2023.txt", "reconsideration_cases", 786, ""),
    ("huadu-district-2023.txt", "mediation_cases", 1497, ""),
    ("huadu-district-2023.txt", "mediation_success_rate", 98.73, ""),
    ("huadu-district-2023.txt", "legal_aid_cases", 2583, ""),
    ("huadu-district-2023.txt", "public_lawyers", 68, ""),
    ("huadu-district-2023.txt", "law_exam_rate", 100, ""),
    ("huadu-district-2023.txt", "disclosure_requests", 786, ""),
    ("zengcheng-chengguan-2023.txt", "court_appearance_rate", 100, ""),
    ("zengcheng-chengguan-2023.txt", "litigation_cases", 5, ""),
    ("zengcheng-chengguan-2023.txt", "law_exam_rate", 100, ""),
    ("zengcheng-chengguan-2023.txt", "contract_reviews", 65, ""),
    ("zengcheng-chengguan-2023.txt", "license_cases", 275, ""),
    ("zengcheng-chengguan-2023.txt", "disclosure_requests", 8, ""),
    ("chuxiong-zonghe-zhifa-2024.txt", "license_cases", 917, "1-11月"),
    ("chuxiong-zonghe-zhifa-2024.txt", "certified_officers", 107, ""),
    ("chuxiong-zonghe-zhifa-2024.txt", "law_publicity_events", 58, ""),
]
# Readings a careful reader may also accept: a row with one of these is not wrong.
ACCEPTABLE = {
    ("huadu-district-2023.txt", "normative_doc_reviews", 15),  # 重大行政决策、规范性文件合法性审核意见书15份
    ("zengcheng-chengguan-2023.txt", "certified_officers", 12),  # 12名执法人员…领取行政执法证 (new this year)
    ("zengcheng-chengguan-2023.txt", "reconsideration_cases", 12),  # the legal adviser took part in 12
    ("chuxiong-zonghe-zhifa-2024.txt", "penalty_cases", 81),  # 公示行政处罚决定书81件
}


@pytest.fixture(scope="module")
def sample_rows() -> dict[str, tuple]:
    """{source: (report, rows)} for the five samples, extracted as ingest does."""
    out = {}
    for path in sorted(REPORTS.glob("*.txt")):
        report, _ = build_report(path.read_bytes(), path.suffix, path.name)
        out[path.name] = (report, extract(report))
    return out


def test_samples_hold_what_a_careful_reader_finds(sample_rows):
    found = {(src, r["indicator"]): r for src, (_, rows) in sample_rows.items() for r in rows}
    hits = [e for e in EXPECTED if (e[0], e[1]) in found and found[e[0], e[1]]["value"] == pytest.approx(e[2])]
    missed = [e for e in EXPECTED if e not in hits]
    assert len(hits) >= 15, f"missed {missed}"
    for src, ind, _, qualifier in hits:
        assert found[src, ind]["qualifier"] == qualifier
    right = {(e[0], e[1], e[2]) for e in EXPECTED} | ACCEPTABLE
    rows = [(src, ind, r["value"]) for (src, ind), r in found.items()]
    wrong = [r for r in rows if not any(r[:2] == k[:2] and r[2] == pytest.approx(k[2]) for k in right)]
    assert len(rows) - len(wrong) >= 0.9 * len(rows), f"wrong rows: {wrong}"


def test_every_quote_is_exact_and_holds_the_figure(sample_rows):
    for report, rows in sample_rows.values():
        paragraphs = {p.n: p for p in report.paragraphs}
        for r in rows:
            assert r["quote"] in paragraphs[r["paragraph"]].text and r["quote"] in report.text
            assert r["text"] in r["quote"], r
            assert " › ".join(paragraphs[r["paragraph"]].section) == r["section"]


def test_traditional_report_keeps_its_script():
    text = ("某縣司法局2023年度法治政府建設情況報告\n\n一、主要舉措\n\n"
            "全年辦理行政復議案件36件。行政機關負責人出庭應訴率達100%。\n")
    report, _ = build_report(text.encode("utf-8"), ".txt", "trad-2023.txt")
    rows = {r["indicator"]: r for r in extract(report)}
    assert rows["reconsideration_cases"]["quote"] == "全年辦理行政復議案件36件。"  # a short sentence is quoted whole
    assert rows["court_appearance_rate"]["text"] == "100%" and "應訴" in rows["court_appearance_rate"]["quote"]


def test_qualifiers_kept_and_other_quantities_refused():
    text = ("某区司法局关于2023年度法治政府建设情况的报告\n\n一、主要举措\n\n"
            "全年开展普法宣传活动300余场。收到行政复议申请120宗,同比增长68.67%。"
            "2024年计划开展旁听庭审活动20场。法律援助案件同比增长15%。全区公职律师约50名。"
            "新收行政诉讼案件5,200件,其中二审行政诉讼案件12件。\n")
    report, _ = build_report(text.encode("utf-8"), ".txt", "quals-2023.txt")
    rows = {r["indicator"]: r for r in extract(report)}
    assert (rows["law_publicity_events"]["value"], rows["law_publicity_events"]["text"],
            rows["law_publicity_events"]["qualifier"]) == (300, "300余场", "余")
    assert rows["reconsideration_cases"]["value"] == 120  # not the 68.67% growth
    assert (rows["public_lawyers"]["value"], rows["public_lawyers"]["text"], rows["public_lawyers"]["qualifier"]) == \
        (50, "约50名", "约")
    assert rows["litigation_cases"]["value"] == 5200
    assert "trial_observations" not in rows  # a plan for next year, not this year's figure
    assert "legal_aid_cases" not in rows  # a growth rate, not a count


def test_a_plan_named_in_an_earlier_clause_is_no_plan_for_the_figure():
    text = ("某县人民政府2022年度法治政府建设情况报告\n\n一、主要举措\n\n"
            "各部门将学法纳入学习计划,县普法宣讲团开展巡讲120多场次,推动法律进社区。\n")
    report, _ = build_report(text.encode("utf-8"), ".txt", "plan-2022.txt")
    rows = {r["indicator"]: r for r in extract(report)}
    assert rows["law_publicity_events"]["text"] == "120多场次"


TYPICAL = ("某市司法局关于2023年度法治政府建设情况的报告\n\n一、主要举措和成效\n\n"
           "全年共受理行政复议案件45件,审结42件,纠错率为9.5%。行政机关负责人出庭应诉案件32件,出庭应诉率100%。"
           "全市法院新收一审行政案件1,234件,行政诉讼败诉率为2.1%,同比下降1个百分点。办理法律援助案件1200余件,"
           "提供法律咨询3万人次。全年举办普法讲座12期,发放资料3000份。组织旁听庭审活动3次,参与人员120人次。"
           "审查规范性文件23件,合同56份。聘请法律顾问3名,公职律师15名。全市共有持证执法人员2,356人。"
           "政府信息公开申请办理154件。重大行政决策事项12项全部经过合法性审查。全年作出行政处罚决定3,210件。"
           "受理行政许可申请8.6万件。人民调解组织共调解纠纷5600余件,调解成功率98%。组织学法考试,参考率100%。\n")


def test_typical_wordings_of_every_indicator():
    """Common phrasings of all 20 indicators in one report (written for this test, not taken from a report)."""
    report, _ = build_report(TYPICAL.encode("utf-8"), ".txt", "typical-2023.txt")
    values = {r["indicator"]: r["value"] for r in extract(report)}
    assert values == {
        "reconsideration_cases": 45, "reconsideration_correction_rate": 9.5, "court_appearance_rate": 100,
        "litigation_cases": 1234, "litigation_loss_rate": 2.1, "legal_aid_cases": 1200, "law_publicity_events": 12,
        "trial_observations": 3, "normative_doc_reviews": 23, "contract_reviews": 56, "legal_advisers": 3,
        "public_lawyers": 15, "certified_officers": 2356, "disclosure_requests": 154, "major_decisions": 12,
        "penalty_cases": 3210, "license_cases": 86000, "mediation_cases": 5600, "mediation_success_rate": 98,
        "law_exam_rate": 100}


def commit(catalog, path: Path, source: str | None = None):
    """Store one report in the catalog as ingest's commit point does (no vectors: no embedder needed)."""
    report, chunks = build_report(path.read_bytes(), path.suffix, source or path.name)
    replaces = catalog.find(source=report.source)
    catalog.commit_report(report, chunks, "none", replaces)
    return report


@pytest.fixture
def index(tmp_path) -> Index:
    index = Index(Settings(home=tmp_path / "home"))
    for path in sorted(REPORTS.glob("*.txt")):
        commit(index.catalog, path)
    return index


def counts(catalog) -> dict[str, int]:
    return dict(catalog.db.execute("SELECT report_id, COUNT(*) FROM indicators GROUP BY report_id").fetchall())


def test_rows_are_replaced_and_removed_with_their_report(index, tmp_path):
    service = Assistant(index.settings, index=index)
    huadu = next(r for r in service.reports() if r["source"] == "huadu-district-2023.txt")
    assert counts(index.catalog)[huadu["report_id"]] == 9
    changed = tmp_path / "huadu-district-2023.txt"
    changed.write_text((REPORTS / changed.name).read_text(encoding="utf-8").replace("公职律师68名", "公职律师70名"),
                       encoding="utf-8")
    new = commit(index.catalog, changed)
    assert huadu["report_id"] not in counts(index.catalog)
    lawyers = service.indicators(["public_lawyers"])
    assert [(r["report_id"], r["value"]) for r in lawyers] == [(new.report_id, 70)]
    service.remove(new.report_id)
    assert new.report_id not in counts(index.catalog) and service.indicators(["public_lawyers"]) == []


def test_a_changed_catalogue_re_extracts_stored_reports(index):
    index.catalog.db.execute("DELETE FROM indicators")
    index.catalog.db.execute("UPDATE meta SET value='old' WHERE key=?", (VERSION_KEY,))
    index.catalog.db.commit()
    rows = Assistant(index.settings, index=index).indicators()
    assert len(rows) >= 15 and sum(counts(index.catalog).values()) == len(rows)


def test_filters_csv_and_xlsx(index):
    service = Assistant(index.settings, index=index)
    rows = service.indicators(["court_appearance_rate", "license_cases"], ["增城"], [2023])
    assert {(r["indicator"], r["value"]) for r in rows} == {("court_appearance_rate", 100), ("license_cases", 275)}
    text = EXPORT.csv(rows)
    assert text.startswith("\ufeffindicator,label,report_id")
    parsed = list(csv.DictReader(io.StringIO(text[1:])))
    assert parsed[0]["agency"] == "广州市增城区城市管理和综合执法局" and parsed[0]["quote"] == rows[0]["quote"]
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(EXPORT.xlsx(rows))).active
    assert sheet["B1"].value == "指标" and sheet["G2"].value == rows[0]["value"]
    with pytest.raises(BadInput, match="未知的指标"):
        service.indicators(["no_such_indicator"])


def ask(service: Assistant, question: str) -> dict:
    answer = service.ask(question).to_dict()
    for c in answer["citations"]:
        report = service.index.catalog.report(c["report_id"])
        assert c["quote"] in report.text and f"[{c['n']}]" in answer["answer"]
    return answer


def test_aggregate_questions_are_answered_from_the_table(index):
    service = Assistant(index.settings, index=index)
    rate = ask(service, "哪些单位的行政机关负责人出庭率达到了100%?")
    stated, _, unstated = rate["answer"].partition("没有写明")
    assert rate["status"] == "answered" and "增城" in stated and "花都" in stated and "楚雄" in unstated
    assert {c["source"] for c in rate["citations"] if "100%" in c["quote"]} == {"huadu-district-2023.txt",
                                                                                "zengcheng-chengguan-2023.txt"}
    most = ask(service, "哪个单位的法律援助案件最多?")
    assert most["answer"].splitlines()[1].startswith("- 广州市花都区人民政府") and "2583" in most["answer"]
    below = ask(service, "哪些单位的调解成功率低于99%?")
    assert below["status"] == "answered" and "98.73%" in below["answer"]
    short = ask(service, "哪些单位的调解成功率没有达到99%?")
    assert short["status"] == "answered" and "98.73%" in short["answer"].split("不符合")[0]
    none = ask(service, "哪些单位的调解成功率低于90%?")
    assert none["status"] == "not_found" and "98.73%" in none["answer"]  # says what the reports do state
    listing = ask(service, "各单位的行政许可申请数量分别是多少?")
    lines = listing["answer"].splitlines()
    assert "917件(1-11月)" in listing["answer"] and lines.index(next(x for x in lines if "917" in x)) < \
        lines.index(next(x for x in lines if "275" in x))
    missing = ask(service, "哪些报告没有写明公职律师人数?")
    assert missing["status"] == "answered" and "四份报告没有写明" in missing["answer"]
    assert sum(c["source"] == "huadu-district-2023.txt" for c in missing["citations"]) == 1


def test_other_questions_are_left_to_the_sentence_path(index):
    from assistant.ask.asked import build
    from assistant.ask.evidence.bank import SentenceBank
    from assistant.ask.routes import table
    from assistant.ask.tuning import load_tuning

    tuning = load_tuning()
    bank = SentenceBank(index, tuning).refresh()

    for question in ("楚雄市综合行政执法局2024年收到多少宗行政复议申请?",  # one report's fact
                     "哪些报告提到了常年法律顾问或律师顾问?",  # a mention, not a figure
                     "各单位的二审行政诉讼案件分别是多少?",  # more than the indicator holds
                     "花都区和楚雄市的报告里各自提到的人大代表建议办理数量是多少?",  # not in the catalogue
                     "深圳市各区的出庭率分别是多少?"):  # a place no report covers
        assert table.answer(build(question, index, bank, tuning, None)) is None, question


def test_cli_indicators(index):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ROLQA_HOME": str(index.settings.home)}

    def rolqa(*args):
        return subprocess.run([sys.executable, "-m", "assistant.cli", "indicators", *args], capture_output=True,
                              env=env, timeout=300, stdin=subprocess.DEVNULL)

    rows = json.loads(rolqa("--indicator", "court_appearance_rate", "--json").stdout)
    assert len(rows) == 2 and set(rows[0]) == {"indicator", "label", "report_id", "source", "agency", "year", "value",
                                               "unit", "text", "qualifier", "quote", "paragraph", "section"}
    out = rolqa("--csv", "--year", "2024").stdout
    assert out.startswith("\ufeff".encode()) and "917".encode() in out and "786".encode() not in out
    table = rolqa("--agency", "花都").stdout.decode()
    assert "公职律师人数 (public_lawyers)" in table and "全区现有公职律师68名" in table
    bad = rolqa("--indicator", "nope")
    assert bad.returncode == 2 and "未知的指标 nope".encode() in bad.stderr and b"Traceback" not in bad.stderr
    assert b"court_appearance_rate" in rolqa("--list").stdout
