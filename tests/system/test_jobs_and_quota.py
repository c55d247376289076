"""Uploads across restarts: ingest jobs persisted in server.sqlite3, and the per-key daily upload quota.

One small report is indexed once per module in an embedded home; each test builds
apps (a "server start") over that home, or starts a real `rolqa serve` and kills it.
"""
from __future__ import annotations

import os
import re
import sys
import time
from dataclasses import replace

import httpx
import pytest
from fastapi.testclient import TestClient

from assistant.service import writer_lock
from assistant.service import Assistant
from assistant.web import job_records, quota
from assistant.web.server import create_app
from assistant.web.uploads import store_upload
from index.config import Settings
from index.errors import QuotaExceeded
from tests.conftest import ROOT
from tests.servers import free_port, running

REPORT = ("玉泉县司法局关于2023年度法治政府建设情况的报告\n\n2023年,玉泉县司法局全面推进依法行政。\n\n"
          "一、主要举措和成效\n\n全年共办理行政复议案件42宗,行政机关负责人出庭率达95%。\n")
KB = 1024


def report_of(place: str, cases: int) -> bytes:
    return REPORT.replace("玉泉县", place).replace("42宗", f"{cases}宗").encode()


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    root = tmp_path_factory.mktemp("jobs")
    (root / "in").mkdir()
    (root / "in" / "yuquan-2023.txt").write_text(REPORT, encoding="utf-8")
    service = Assistant(Settings(home=root / "home", admin_keys="adm, other"))
    assert service.ingest([root / "in"]).count("indexed") == 1
    return service


def start_server(service: Assistant, **settings) -> TestClient:
    """A new app over the same home: what a restarted `rolqa serve` sees (a fresh service, fresh handles)."""
    return TestClient(create_app(Assistant(replace(service.settings, **settings))), raise_server_exceptions=False)


def post(client, name: str, data: bytes, key: str = "adm", wait: bool = False):
    return client.post(f"/api/reports{'?wait=true' if wait else ''}", files={"file": (name, data, "text/plain")},
                       headers={"Authorization": f"Bearer {key}"})


def wait_for(client, job_id: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while (job := client.get(f"/api/jobs/{job_id}").json())["status"] in ("queued", "running"):
        assert time.monotonic() < deadline, job
        time.sleep(0.2)
    return job


# --- jobs ------------------------------------------------------------------------------
def test_a_finished_job_is_still_there_after_a_restart(home):
    first = start_server(home)
    queued = post(first, "qinghe-2023.txt", report_of("清河县", 17))
    assert queued.status_code == 202 and queued.json()["status"] in ("queued", "running"), queued.text
    assert wait_for(first, queued.json()["job_id"])["status"] == "done"
    job = start_server(home).get(f"/api/jobs/{queued.json()['job_id']}").json()
    assert job["status"] == "done" and job["source"] == "qinghe-2023.txt" and job["error"] is None
    assert job["result"]["status"] == "indexed" and job["result"]["report"]["agency"] == "清河县司法局"
    assert "path" not in job and "owner" not in job, "a job shows no server path and no process id"
    missing = start_server(home).get("/api/jobs/no-such-job")
    assert missing.status_code == 404 and missing.json()["error"]["type"] == "NotFound"
    assert "没有编号为 no-such-job 的任务" in missing.json()["error"]["message"]


def test_jobs_a_stopped_server_left_are_rerun_or_failed_with_a_reason(home):
    """Rows as a server that died would leave them: queued with its file, running without one, cut off twice."""
    settings = home.settings
    path, source = store_upload(settings, "baishui-2023.txt", report_of("白水县", 23))
    job_records.add(settings, "queued-job", source, str(path), owner="gone-server")
    job_records.add(settings, "lost-file", "lost.txt", str(settings.uploads_path / "deleted.txt"), owner="gone-server")
    job_records.start(settings, "lost-file")
    crashy, _ = store_upload(settings, "crashy.txt", report_of("黑山县", 5))
    job_records.add(settings, "cut-off-twice", "crashy.txt", str(crashy), owner="gone-server")
    for _ in range(2):
        job_records.start(settings, "cut-off-twice")
    client = start_server(home)  # the start claims them: the owner holds no lock, so it is gone
    done = wait_for(client, "queued-job")
    assert done["status"] == "done" and done["result"]["report"]["agency"] == "白水县司法局"
    answer = client.post("/api/ask", json={"question": "白水县办理行政复议案件多少宗?"}).json()
    assert "23" in answer["answer"], answer
    lost = wait_for(client, "lost-file")
    assert lost["status"] == "failed" and "没有找到这次上传保存的文件" in lost["error"]["message"]
    crashed = wait_for(client, "cut-off-twice")
    assert crashed["status"] == "failed" and "已中断 2 次,不再重试" in crashed["error"]["message"]
    assert not any(r["source"] == "crashy.txt" for r in client.get("/api/reports").json()["reports"])


def test_a_living_servers_jobs_are_not_taken_over(home):
    first = start_server(home)
    with writer_lock(home.settings):  # the worker waits for the lock: the job stays running
        job = post(first, "heshan-2023.txt", report_of("鹤山县", 9)).json()
        deadline = time.monotonic() + 60
        while first.get(f"/api/jobs/{job['job_id']}").json()["status"] != "running":
            assert time.monotonic() < deadline
            time.sleep(0.1)
        second = start_server(home)  # another server on the same home while the first one lives
        assert second.app.state.jobs.resume() == []
    assert wait_for(first, job["job_id"])["status"] == "done"


def test_a_killed_server_indexes_its_unfinished_uploads_after_a_restart(home, tmp_path):
    """A real `rolqa serve`, killed (SIGKILL) with one upload running and one queued; the next start indexes both."""
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("ROLQA_")}, "PYTHONPATH": str(ROOT),
           "ROLQA_HOME": str(home.settings.home), "ROLQA_ADMIN_KEYS": "adm"}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    serve = [sys.executable, "-m", "assistant.web.server", "--host", "127.0.0.1", "--port", str(port)]
    auth = {"Authorization": "Bearer adm"}
    with writer_lock(home.settings):  # held by this test: the server's worker blocks inside its first job
        with running(serve, f"{base}/api/health", timeout=300, env=env, cwd=tmp_path, log=tmp_path / "1.log") as proc:
            ids = [httpx.post(f"{base}/api/reports", headers=auth, timeout=60,
                              files={"file": (f"{place}.txt", report_of(place, n))}).json()["job_id"]
                   for place, n in (("松山县", 31), ("柏林县", 32))]
            statuses = [httpx.get(f"{base}/api/jobs/{i}", timeout=30).json()["status"] for i in ids]
            assert statuses == ["running", "queued"] or statuses == ["queued", "queued"], statuses
            proc.kill()
            proc.wait(timeout=30)
    with running(serve, f"{base}/api/health", timeout=300, env=env, cwd=tmp_path, log=tmp_path / "2.log"):
        with httpx.Client(base_url=base, timeout=60) as http:
            for job_id, (place, n) in zip(ids, (("松山县", 31), ("柏林县", 32))):
                job = wait_for(http, job_id)
                assert job["status"] == "done", job
                answer = http.post("/api/ask", json={"question": f"{place}办理行政复议案件多少宗?"}).json()
                assert str(n) in answer["answer"], answer


# --- quota -----------------------------------------------------------------------------
def junk(size: int) -> bytes:
    """Bytes that are accepted as an upload (.txt) and fail only at indexing: they count against the quota."""
    return bytes(range(256)) * (size // 256)


def test_the_upload_quota_is_per_key_and_survives_a_restart(home):
    client = start_server(home, admin_keys="qa, qb", upload_quota_mb=1)
    assert post(client, "a.txt", junk(700 * KB), key="qa").status_code == 202
    refused = post(client, "b.txt", junk(700 * KB), key="qa")
    assert refused.status_code == 429, refused.text
    error = refused.json()["error"]
    assert error["type"] == "QuotaExceeded" and re.search(r"[\u4e00-\u9fff]", error["message"])
    assert "超出上传额度:过去 24 小时已上传 0.7 MB,每天最多 1 MB" in error["message"]
    assert 0 < int(refused.headers["retry-after"]) <= 24 * 3600
    assert post(client, "c.txt", junk(700 * KB), key="qb").status_code == 202, "each key has its own quota"
    small = post(client, "yanshan-2023.txt", report_of("燕山县", 3), key="qa", wait=True)
    assert small.status_code == 201, "what is left of the quota can still be used"
    again = post(start_server(home, admin_keys="qa, qb", upload_quota_mb=1), "d.txt", junk(700 * KB), key="qa")
    assert again.status_code == 429 and again.json()["error"]["type"] == "QuotaExceeded", "a restart keeps the usage"
    whole = post(client, "e.txt", junk(1100 * KB), key="qb")
    assert whole.status_code == 429 and "超过了每天 1 MB 的上传额度" in whole.json()["error"]["message"]


def test_the_quota_is_a_rolling_day_and_zero_turns_it_off(home):
    settings = replace(home.settings, upload_quota_mb=1)
    now = time.time()
    quota.charge(settings, "key:day", 900 * KB, now=now)
    with pytest.raises(QuotaExceeded) as refused:
        quota.charge(settings, "key:day", 200 * KB, now=now + 3600)
    assert refused.value.type == "QuotaExceeded" and refused.value.http_status == 429
    assert refused.value.retry_after == 23 * 3600
    quota.charge(settings, "key:day", 200 * KB, now=now + 24 * 3600 + 1)  # the first upload has aged out
    for _ in range(3):
        quota.charge(replace(settings, upload_quota_mb=0), "key:day", 900 * KB)
