"""Smoke test of benchmarks/bench_scale.py at N=5 with the hash-vector server (never e5).

Builds the synthetic corpus, ingests it, asks every kind of question in fresh
processes as the bench does, and checks that the table row is sane and that a
fact counts as right only with the planted figure and the planted sentence
of the right report.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import bench_scale  # noqa: E402
import synthetic  # noqa: E402

N = 5
PER_KIND = 5


@pytest.fixture(scope="module")
def row(tmp_path_factory):
    with synthetic.HashServer() as url:
        return bench_scale.bench_size(N, "hash", tmp_path_factory.mktemp("bench"), url, PER_KIND, langchain=False)


def test_corpus_plants_one_unique_sentence_per_report(tmp_path):
    variants = synthetic.write_corpus(tmp_path / "corpus", 2 * N)
    texts = [(tmp_path / "corpus" / v.file).read_text(encoding="utf-8") for v in variants]
    for v in variants:
        assert sum(text.count(v.sentence) for text in texts) == 1, v.sentence
        assert str(v.figure) in v.sentence
    assert len({v.place for v in variants}) == len({v.figure for v in variants}) == 2 * N
    assert "本年度共辦理" in variants[1].sentence  # the traditional-script sample keeps its script
    rated = {v.sample for v in variants if v.rate is not None}
    assert rated == {"huadu-district-2023.txt", "zengcheng-chengguan-2023.txt"}


def test_row_is_sane(row):
    assert row["indexed"] == N and not row["failed"]
    assert row["ingest_s"] > 0 and row["chars_per_s"] > 0 and 0 < row["embed_share"] < 1
    assert row["chunks"] > N and row["embed_calls"] >= 1
    assert 50 < row["peak_rss_mb"] < 4000 and row["disk_mb"] > 0
    assert row["cold"]["status"] == "answered" and row["cold"]["total_s"] > 0
    for kind in bench_scale.KINDS:
        stats = row["kinds"][kind]
        assert stats["total"] == PER_KIND and 0 < stats["p50_ms"] <= stats["p95_ms"]
    assert 0 <= row["search4"] <= PER_KIND
    cells = bench_scale.table_row(row)
    assert len(cells) == len(bench_scale.COLUMNS) and cells[0] == "5" and cells[1] == "hash"


def test_facts_are_judged_against_the_planted_sentence(row):
    facts = row["kinds"]["fact"]
    assert facts["right"] >= 4, facts["items"]
    assert row["kinds"]["refusal"]["right"] >= 3, row["kinds"]["refusal"]["items"]
    department = row["kinds"]["department"]  # "X区司法局…" answered from X区's own report
    assert department["right"] == department["total"], department["items"]


def test_fact_grading_needs_figure_sentence_and_report():
    v, _ = synthetic.make_variant(3)
    q = bench_scale.fact_questions([v], 1)[0]

    def answer(text, source, quote):
        return {"status": "answered", "answer": text, "citations": [{"source": source, "quote": quote}]}

    right = answer(f"…{v.figure}件 [1]", v.file, v.sentence)
    assert bench_scale.fact_right(q, right)
    assert not bench_scale.fact_right(q, answer(f"…{v.figure + 7}件 [1]", v.file, v.sentence))  # another figure
    assert not bench_scale.fact_right(q, answer(f"…{v.figure}件 [1]", "r00004-other.txt", v.sentence))  # another report
    assert not bench_scale.fact_right(q, answer(f"…{v.figure}件 [1]", v.file, "出庭应诉率达100%,全年无败诉案件。"))
    assert not bench_scale.fact_right(q, {**right, "status": "not_found"})


def test_aggregate_grading_wants_exactly_the_stating_reports():
    q = bench_scale.Question("aggregate", "哪些单位…?", expected=["a.txt", "b.txt"])
    cited = lambda *files: {"status": "answered", "answer": "", "citations": [{"source": f} for f in files]}  # noqa: E731
    assert bench_scale.aggregate_right(q, cited("a.txt", "b.txt", "a.txt"))
    assert not bench_scale.aggregate_right(q, cited("a.txt"))
    assert not bench_scale.aggregate_right(q, cited("a.txt", "b.txt", "c.txt"))
    none = bench_scale.Question("aggregate", "哪些单位…?", expected=[])
    assert bench_scale.aggregate_right(none, {"status": "not_found", "answer": "", "citations": []})


@pytest.mark.skipif(importlib.util.find_spec("langchain_chroma") is None,
                    reason="the LangChain baseline needs the bench extra: pip install -e '.[bench]'")
def test_langchain_baseline_runs(tmp_path):
    variants = synthetic.write_corpus(tmp_path / "corpus", N)
    facts = bench_scale.fact_questions(variants, N)
    home = tmp_path / "home"
    with synthetic.HashServer() as url:
        lc = bench_scale.in_child(bench_scale.langchain_task, str(tmp_path / "corpus"),
                                  bench_scale.row_env(home, "hash", url), str(tmp_path / "lc"), [q.text for q in facts])
    stats = bench_scale.langchain_stats(facts, lc)
    assert stats["total"] == N and 0 <= stats["recall"] <= N and stats["chunks"] > N
    assert all(len(r["hits"]) == 4 for r in lc["results"])
