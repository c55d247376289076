"""A disk that fills while `rolqa serve` runs, and a server started on a full disk: every route answers
JSON (507 for what needed the disk, 503 from health, 200 for what did not) and no traceback reaches a
response or the log; a server started on a full disk says it is read-only, in Chinese, and answers.

The disk is a real one: a small tmpfs mounted for the test and filled to the last byte. Mounting needs
root; where the test cannot mount it is skipped (the translation itself is covered by
tests/integration/test_storage_errors.py)."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from assistant.service import Assistant
from index.config import Settings
from tests.conftest import ROOT
from tests.servers import free_port, running

pytestmark = pytest.mark.system

REPORT = ("玉泉县司法局关于2023年度法治政府建设情况的报告\n\n2023年,玉泉县司法局全面推进依法行政。\n\n"
          "一、主要举措和成效\n\n全年共办理行政复议案件42宗,行政机关负责人出庭率达95%。\n")
ADMIN = {"Authorization": "Bearer adm"}
QUESTION = {"question": "玉泉县2023年办理行政复议案件多少宗?"}


@pytest.fixture
def disk(tmp_path):
    """A 64 MB tmpfs at tmp_path/disk, unmounted afterwards."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root): no real disk to fill")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path) -> None:
    """Write zeros until the disk refuses a single byte more."""
    with open(folder / "filler", "wb", buffering=0) as out:
        for size in (1 << 20, 4096, 1):
            try:
                while True:
                    out.write(b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    assert os.statvfs(folder).f_bavail == 0


def serve(home: Path, cwd: Path, log: Path):
    port = free_port()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("ROLQA_")},
           "ROLQA_HOME": str(home), "ROLQA_ADMIN_KEYS": "adm", "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "assistant.web.server", "--host", "127.0.0.1", "--port", str(port)]
    return f"http://127.0.0.1:{port}", running(cmd, f"http://127.0.0.1:{port}/api/reports", timeout=300, env=env,
                                                 cwd=cwd, log=log)


def assert_json_error(response, status: int, kind: str) -> None:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["type"] == kind and "磁盘已满" in error["message"], error


def every_route(base: str) -> None:
    """What a full disk does to each kind of route: refused with 507 where it must write, answered where not."""
    with httpx.Client(base_url=base, timeout=120) as http:
        health = http.get("/api/health")
        assert health.status_code == 503 and not health.json()["checks"]["disk"]["ok"]
        assert "磁盘已满" in health.json()["checks"]["disk"]["error"]
        asked = http.post("/api/ask", json=QUESTION)
        assert asked.status_code == 200 and "42宗" in asked.json()["answer"]
        for path in ("/api/reports", "/api/review", "/api/indicators.csv", "/api/review.xlsx"):
            assert http.get(path).status_code == 200, path
        files = {"file": ("jinsha-2023.txt", REPORT.replace("玉泉", "金沙").encode(), "text/plain")}
        assert_json_error(http.post("/api/reports", files=files, headers=ADMIN), 507, "StorageFull")
        report_id = http.get("/api/reports").json()["reports"][0]["report_id"]
        assert_json_error(http.delete(f"/api/reports/{report_id}", headers=ADMIN), 507, "StorageFull")
        assert http.get("/api/reports").json()["reports"][0]["report_id"] == report_id  # nothing half removed
        assert http.get("/", headers={"accept": "text/html"}).status_code == 200


def test_a_disk_filling_while_serving_gives_json_and_no_traceback(disk, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "yuquan-2023.txt").write_text(REPORT, encoding="utf-8")
    assert Assistant(Settings(home=disk / "home")).ingest([tmp_path / "in"]).count("indexed") == 1
    base, server = serve(disk / "home", tmp_path, tmp_path / "serve.log")
    with server:
        fill(disk)
        every_route(base)
    assert "Traceback" not in (tmp_path / "serve.log").read_text(errors="replace")


def test_serve_on_a_full_disk_starts_read_only_and_says_so(disk, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "yuquan-2023.txt").write_text(REPORT, encoding="utf-8")
    assert Assistant(Settings(home=disk / "home")).ingest([tmp_path / "in"]).count("indexed") == 1
    fill(disk)
    base, server = serve(disk / "home", tmp_path, tmp_path / "serve.log")
    with server:
        every_route(base)
        refused = httpx.post(f"{base}/api/reports", headers=ADMIN, files={"file": ("a.txt", REPORT.encode())})
        assert "只读" in refused.json()["error"]["message"]
    log = (tmp_path / "serve.log").read_text(errors="replace")
    assert "磁盘已满" in log and "以只读方式启动" in log and "Traceback" not in log
