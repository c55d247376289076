"""Files and homes that used to take the server down or freeze it: zip bombs, reports too long to be
worth hours, a full disk, an unusable home, a file that eats memory; and answers that keep coming while a
large report is indexed. Real files, real processes and a real app over an embedded home."""
from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import time
import zipfile
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from assistant.service import Assistant
from assistant.web.server import create_app
from index.config import Settings
from index.errors import StorageFull, TooLarge
from index.loaders import load_bytes
from tests.conftest import REPORTS, ROOT

REPORT = "玉泉县司法局关于2023年度法治政府建设情况的报告\n\n2023年,玉泉县司法局全面推进依法行政。\n\n全年共办理行政复议案件42宗。\n"


def zip_bomb(unpacked_mb: int) -> bytes:
    """A .docx-shaped zip whose one part unpacks to `unpacked_mb` MB of zeros (a few hundred KB packed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as part:
            block = b"\0" * (1024 * 1024)
            for _ in range(unpacked_mb):
                part.write(block)
    return out.getvalue()


def rolqa(*args, env=None):
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, timeout=300)


def test_a_docx_bomb_is_refused_before_it_is_unpacked(tmp_path):
    bomb = zip_bomb(300)
    with pytest.raises(TooLarge, match="压缩炸弹"):
        load_bytes(bomb, ".docx")
    (tmp_path / "bomb.docx").write_bytes(bomb)
    done = rolqa("ingest", str(tmp_path / "bomb.docx"))
    assert done.returncode == 1 and "压缩炸弹" in done.stdout and "Traceback" not in done.stderr


def test_a_docx_of_millions_of_empty_elements_is_refused_before_it_is_parsed():
    """Under the byte limit, yet each tag is a parser node: 190 MB of <w:p/> took python-docx to 4.3 GB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as part:
            part.write(b"<w:document><w:body>")
            for _ in range(40):
                part.write(b"<w:p/>" * 100_000)
    with pytest.raises(TooLarge, match="元素"):
        load_bytes(out.getvalue(), ".docx")


def test_a_report_too_long_to_be_worth_hours_is_refused(tmp_path):
    (tmp_path / "long.txt").write_text(REPORT + "推进依法行政。" * 2000, encoding="utf-8")
    done = rolqa("ingest", str(tmp_path / "long.txt"), env={"ROLQA_MAX_REPORT_CHARS": "5000"})
    assert done.returncode == 1 and "超过单份报告的上限" in done.stdout and "Traceback" not in done.stderr
    service = Assistant(Settings(home=tmp_path / "home", admin_keys="adm", max_report_chars=5000))
    client = TestClient(create_app(service), raise_server_exceptions=False)
    refused = client.post("/api/reports?wait=true", headers={"Authorization": "Bearer adm"},
                          files={"file": ("long.txt", (tmp_path / "long.txt").read_bytes(), "text/plain")})
    assert refused.status_code == 413 and refused.json()["error"]["type"] == "TooLarge"


def test_an_unusable_home_is_one_line_and_an_exit_code(tmp_path):
    done = rolqa("reports", env={"ROLQA_HOME": "/proc/rolqa-forbidden"})
    assert done.returncode == 2 and "无法使用状态目录" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_full_disk_is_one_clear_error_and_loses_nothing(tmp_path, monkeypatch):
    """The vector store's write fails as SQLite fails on a full disk; the report already indexed stays whole,
    and answering (which may save BM25 segments) goes on when the disk refuses that too."""
    service = Assistant(Settings(home=tmp_path / "home"))
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "yuquan.txt").write_text(REPORT, encoding="utf-8")
    assert service.ingest([tmp_path / "a"]).count("indexed") == 1
    store = type(service.index.vectors)

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store, "add", full)
    with pytest.raises(StorageFull, match="磁盘已满"):
        service.ingest([REPORTS / "huadu-district-2023.txt"])
    assert [r["source"] for r in service.reports()] == ["yuquan.txt"]
    from index.lexical import KeywordIndex

    def no_space(self, folder):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(KeywordIndex, "save", no_space)
    fresh = Assistant(Settings(home=tmp_path / "home"))  # a new process's first read catches BM25 up and saves
    assert fresh.ask("玉泉县司法局2023年办理了多少宗行政复议案件?").status == "answered"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("upload")
    service = Assistant(Settings(home=root / "home", admin_keys="adm"))
    assert service.ingest([REPORTS]).count("indexed") == 5
    return service


def test_a_file_that_eats_memory_ends_only_its_own_process(served, tmp_path):
    """The upload's indexing process is stopped past ingest_memory_mb; the job fails at once with a
    stable type, and the server answers on."""
    client = TestClient(create_app(Assistant(replace(served.settings, ingest_memory_mb=20))),
                        raise_server_exceptions=False)
    refused = client.post("/api/reports?wait=true", headers={"Authorization": "Bearer adm"},
                          files={"file": ("yuquan.txt", REPORT.encode(), "text/plain")})
    assert refused.status_code == 413 and "内存超过上限" in refused.json()["error"]["message"]
    asked = client.post("/api/ask", json={"question": "花都区2023年收到行政复议申请多少宗?"})
    assert asked.status_code == 200 and "786" in asked.json()["answer"]


def test_answers_keep_coming_while_a_large_report_is_indexed(served):
    """Questions are answered while the upload's job is still running (it indexes in a low-priority
    process of its own; benchmarks/bench_upload.py measures the latencies)."""
    import benchmarks.bench_upload as bench

    client = TestClient(create_app(Assistant(served.settings)), raise_server_exceptions=False)
    job = client.post("/api/reports", headers={"Authorization": "Bearer adm"},
                      files={"file": ("big.txt", bench.big_report(60).encode(), "text/plain")}).json()
    answered_while_running = 0
    deadline = time.monotonic() + 600
    while (status := client.get(f"/api/jobs/{job['job_id']}").json()["status"]) in ("queued", "running"):
        assert time.monotonic() < deadline
        if status == "running":
            health = client.get("/api/health").json()
            asked = client.post("/api/ask", json={"question": "增城区城管局2023年新收行政一审案件多少宗?"})
            if asked.status_code == 200 and client.get(f"/api/jobs/{job['job_id']}").json()["status"] == "running":
                answered_while_running += 1
                assert health["indexing"]["busy"] and health["indexing"]["running"][0]["seconds"] >= 0
                assert "big.txt" not in str(health) and job["job_id"] not in str(health)  # no upload's name
        time.sleep(0.2)
    assert status == "done" and answered_while_running >= 3
