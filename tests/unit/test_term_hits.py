"""Term hits: the sentences a question term can match, found without scoring every sentence.

The index must find exactly what `term_match` accepts (nothing lost, nothing
invented), and the coverage bound must never fall below a sentence's real
coverage, or the answerer would skip a sentence it should have scored.
"""
from __future__ import annotations

from dataclasses import asdict

import numpy as np
import pytest

from assistant.ask.evidence.bank import paragraph_sentences
from assistant.ask.evidence.matching import coverage, term_match, weights
from assistant.ask.evidence.term_hits import (
    CharPositions,
    TermHits,
    code_points,
    join_lines,
    lines_containing,
)
from assistant.ask.tuning import load_tuning
from index.normalize import normalize

T = load_tuning()

SENTENCES = [
    "全年办理行政复议案件32件,行政诉讼案件15件。",
    "行政机关负责人出庭应诉率达到100%。",
    "整合各类调解资源,建立矛盾纠纷多元化解机制。",
    "印发《实施方案》(江法治办〔2024〕37号)。",
    "聘请法律顾问12名,实现全覆盖。",
    "二是加强执法队伍建设。",
    "组织执法人员培训6期、共计320人次。",
    "復議機關依法受理行政復議申請18件。",  # traditional script: matched in simplified form
    "𠀀字不在常用字表,仍按字计位。行政复议",  # a character outside the basic plane keeps offsets right
]
TERMS = ["行政复议", "出庭率", "资源整合", "文号", "法律顾问", "执法人员", "培训", "人次", "复议", "案件", "年"]


@pytest.fixture
def hits() -> TermHits:
    norms = [normalize(s) for s in SENTENCES]
    return TermHits(norms, ["一、主要举措"] * 5 + ["二、行政复议工作"] * 4)


@pytest.mark.parametrize("term", TERMS)
def test_hits_are_exactly_what_term_match_accepts(hits, term):
    expected = [i for i, norm in enumerate(hits.norms) if term_match(term, norm, T.match) > 0]
    assert hits.hits(term).tolist() == expected


def test_lines_containing_finds_each_line_once():
    corpus, starts = join_lines(["法治法治", "无", "法治", "治法"])
    chars = CharPositions(code_points(corpus))
    assert lines_containing(chars, starts, "法治").tolist() == [0, 2]
    assert lines_containing(chars, starts, "治法").tolist() == [0, 3]
    assert lines_containing(chars, starts, "缺").tolist() == []


def starting_lines(corpus: str, starts, needle: str) -> list[int]:
    """The reference: lines where an occurrence of `needle` starts, found with str.find."""
    found, at = set(), corpus.find(needle)
    while at >= 0:
        found.add(max(i for i, start in enumerate(starts) if start <= at))
        at = corpus.find(needle, at + 1)
    return sorted(found)


def test_lines_containing_agrees_with_str_find_at_edges_and_outside_the_bmp():
    corpus, starts = join_lines(["𠀀法治", "治𠀀", "法治𠀁", "𠀁", "a法", "法"])
    chars = CharPositions(code_points(corpus))
    for needle in ["𠀀", "𠀁", "𠀀法", "治𠀀", "法治", "法", "a法", "\n", "法治𠀁\n𠀁", "法\n"]:
        assert lines_containing(chars, starts, needle).tolist() == starting_lines(corpus, starts, needle), needle


def test_section_hits_are_the_members_of_matching_sections(hits):
    assert sorted(hits.section_hits("行政复议").tolist()) == [5, 6, 7, 8]
    assert hits.section_hits("法律顾问").tolist() == []


def test_coverage_bound_never_below_real_coverage(hits):
    """For every sentence and term group, the bound is at least what matching.coverage gives it,
    with the sentence before as context (and as text when it is an enumeration lead)."""
    sentences = paragraph_sentences("r", 1, "".join(SENTENCES), ["一、主要举措"], SENTENCES, T.quote.lead_chars)
    groups = [["行政复议", "案件"], ["执法人员", "培训", "人次"], ["法律顾问", "调解"]]
    terms = sorted({t for g in groups for t in g})
    w = weights(terms, {t: len(hits.hits(t)) for t in terms}, len(SENTENCES), T.match)
    bound = hits.coverage_bound(groups, w, T.match.context)
    for i, s in enumerate(sentences):
        real = max(coverage(g, w, s.lead_norm + s.norm, T.match, s.section + s.previous_norm)[0] for g in groups)
        assert bound[i] >= real - 1e-6, (i, s.text)
    assert bound[0] == pytest.approx(1.0)  # the asked thing itself
    assert hits.coverage_bound([["出庭率", "培训"]], w | {"出庭率": 1.0, "培训": 1.0}, T.match.context)[0] == 0  # about neither


def test_hits_on_an_empty_corpus():
    empty = TermHits([], [])
    assert empty.hits("行政复议").tolist() == [] and len(empty) == 0
    assert np.asarray(empty.coverage_bound([["法治"]], {"法治": 1.0}, T.match.context)).size == 0


def test_bank_reads_stored_forms_and_recomputes_missing_ones(tmp_path):
    """Sentence forms stored at ingest are what the bank loads; a catalog from before they were
    stored (rows missing) gives the same sentences, normalised when read."""
    from assistant.ask.evidence.bank import SentenceBank
    from index.config import Settings
    from index.pipeline import build_report
    from index.store import Index

    text = "2023年度法治政府建设情况报告\n一、行政复议\n一是規範复议。全年办理行政复议案件32件。\n"
    report, _ = build_report(text.encode("utf-8"), ".txt", "r.txt")
    index = Index(Settings(home=tmp_path))
    index.catalog.commit_report(report, [], "none", [])
    stored = [asdict(s) for s in SentenceBank(index, T).refresh().all()]
    assert index.catalog.db.execute("SELECT COUNT(*) FROM paragraph_norms").fetchone()[0] > 0
    with index.catalog.db:
        index.catalog.db.execute("DELETE FROM paragraph_norms")
    recomputed = [asdict(s) for s in SentenceBank(index, T).refresh().all()]
    assert stored == recomputed and any(s["lead"] == "一是規範复议。" for s in stored)


def test_bank_catches_up_with_added_and_removed_reports(tmp_path):
    """After reports come and go, the bank a server kept holds what a fresh one would read."""
    from assistant.ask.evidence.bank import SentenceBank
    from index.config import Settings
    from index.pipeline import build_report
    from index.store import Index

    index = Index(Settings(home=tmp_path))

    def commit(place: str, figure: int):
        text = f"{place}司法局2023年度法治政府建设情况报告\n全年办理行政复议案件{figure}件。\n"
        report, _ = build_report(text.encode("utf-8"), ".txt", f"{place}.txt")
        index.catalog.commit_report(report, [], "none", [])
        return report.report_id

    first = commit("青山区", 11)
    bank = SentenceBank(index, T)
    bank.refresh()
    second = commit("白水县", 22)
    bank.refresh()
    index.catalog.remove_report(first)
    commit("金沙镇", 33)
    kept = bank.refresh()
    fresh = SentenceBank(index, T).refresh()
    assert [asdict(s) for s in kept.all()] == [asdict(s) for s in fresh.all()]
    assert set(kept.report_ids) == set(fresh.report_ids) and first not in kept.report_ids and second in kept.report_ids
    hits = kept.terms.hits("行政复议").tolist()
    assert hits == fresh.terms.hits("行政复议").tolist()
    assert sorted(kept.all()[i].text for i in hits) == ["全年办理行政复议案件22件。", "全年办理行政复议案件33件。"]


def test_a_view_read_before_a_removal_makes_no_sentences_of_the_removed_report(tmp_path):
    """Sentence objects are made per report on first use: a view a question still holds when the
    report is removed gives it no sentences (rather than another report's), and skips it as a candidate."""
    from assistant.ask.evidence.bank import SentenceBank
    from index.config import Settings
    from index.pipeline import build_report
    from index.store import Index

    index = Index(Settings(home=tmp_path))
    ids = []
    for place, figure in (("青山区", 11), ("白水县", 22)):
        text = f"{place}司法局2023年度法治政府建设情况报告\n全年办理行政复议案件{figure}件。\n"
        report, _ = build_report(text.encode("utf-8"), ".txt", f"{place}.txt")
        index.catalog.commit_report(report, [], "none", [])
        ids.append(report.report_id)
    view = SentenceBank(index, T).refresh()
    index.catalog.remove_report(ids[0])
    found = view.candidates([["行政复议"]], {"行政复议": 1.0}, 0.5, ids)
    assert view.of_report(ids[0]) == [] and list(found) == [ids[1]]
    assert [s.text for s in found[ids[1]]] == ["全年办理行政复议案件22件。"]
