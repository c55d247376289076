"""How a failing disk is said at each door, without a disk to fill (tests/system/test_disk_full.py fills a
real one where it can mount it): the stores' own errors, raised where they are raised on a full disk, are
507/503 JSON and Chinese lines; and no English log line of the index reaches a command's terminal."""
from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from assistant.service import Assistant
from assistant.web import job_records
from assistant.web.jobs import Jobs
from assistant.web.server import create_app
from index.config import Settings
from index.errors import StorageFull, is_disk_full
from tests.conftest import ROOT
from tests.servers import free_port

pytestmark = pytest.mark.integration

REPORT = ("玉泉县司法局关于2023年度法治政府建设情况的报告\n\n2023年,玉泉县司法局全面推进依法行政。\n\n"
          "一、主要举措和成效\n\n全年共办理行政复议案件42宗。\n")


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    root = tmp_path_factory.mktemp("storage")
    (root / "in").mkdir()
    (root / "in" / "yuquan-2023.txt").write_text(REPORT, encoding="utf-8")
    service = Assistant(Settings(home=root / "home", admin_keys="adm"))
    assert service.ingest([root / "in"]).count("indexed") == 1
    return service


@pytest.fixture
def client(service):
    return TestClient(create_app(service), raise_server_exceptions=False)


def test_a_vague_io_error_is_a_full_disk_only_when_the_disk_is_full(tmp_path):
    assert is_disk_full(OSError(errno.ENOSPC, "No space left on device"))
    assert is_disk_full(sqlite3.OperationalError("database or disk is full"))
    assert not is_disk_full(sqlite3.OperationalError("disk I/O error"), tmp_path)  # this disk has room


def test_the_servers_records_failing_are_said_by_health_not_a_500(client, monkeypatch):
    def full(settings):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(job_records, "activity", full)
    health = client.get("/api/health")
    assert health.status_code == 503 and health.json()["status"] == "degraded"
    assert "磁盘已满" in health.json()["indexing"]["error"]


def test_an_upload_or_a_delete_on_a_full_disk_is_507_json(client, service, monkeypatch):
    def no_space(self, filename, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Jobs, "submit_upload", no_space)
    upload = client.post("/api/reports", headers={"Authorization": "Bearer adm"},
                         files={"file": ("jinsha-2023.txt", REPORT.replace("玉泉", "金沙").encode(), "text/plain")})
    assert upload.status_code == 507 and upload.json()["error"]["type"] == "StorageFull"

    def chroma_full(report_id):  # Chroma wraps SQLite's full disk in an InternalError of its own
        from chromadb.errors import InternalError
        raise InternalError("error returned from database: (code: 13) database or disk is full")

    monkeypatch.setattr(service.index, "remove", chroma_full)
    with pytest.raises(StorageFull, match="磁盘已满,删除报告 yuquan-2023.txt 的操作没有完成"):
        service.remove("yuquan-2023.txt")
    deleted = client.delete("/api/reports/yuquan-2023.txt", headers={"Authorization": "Bearer adm"})
    assert deleted.status_code == 507 and "磁盘已满" in deleted.json()["error"]["message"]


@pytest.mark.system
def test_no_english_log_line_reaches_a_commands_terminal(service):
    """The vector store unreachable: the answer says so in its note, and stderr stays empty (it showed
    "cannot reach the Chroma server…" and "vector search failed, keyword retrieval only: …")."""
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("ROLQA_")}, "PYTHONPATH": str(ROOT),
           "ROLQA_HOME": str(service.settings.home), "ROLQA_CHROMA_URL": f"http://127.0.0.1:{free_port()}"}
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", "玉泉县办理行政复议案件多少宗?"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0 and "42宗" in done.stdout and "关键词检索" in done.stdout
    assert done.stderr == ""


def test_a_home_removed_while_a_command_writes_is_one_chinese_line(tmp_path, monkeypatch, capsys):
    """Chroma says "attempt to write a readonly database" when the home's files vanish mid-write; the
    command says the home is unusable, not a traceback."""
    from assistant.cli.main import main

    home = tmp_path / "home"
    monkeypatch.setenv("ROLQA_HOME", str(home))
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")

    def vanish(*args, **kwargs):
        import shutil

        shutil.rmtree(home)
        raise RuntimeError("InternalError: attempt to write a readonly database")

    monkeypatch.setattr("index.chroma_store.ChromaStore.add", vanish)
    code = main(["ingest", str(report)])
    err = capsys.readouterr().err
    assert code == 2 and "无法使用状态目录" in err and "Traceback" not in err
