"""Two `rolqa serve` workers on one home, as behind a portal's load balancer.

Both processes open the same ROLQA_HOME (catalog, embedded Chroma, BM25 files).
Writes are serialised by the home's commit lock; each worker re-reads its
stores when the catalog's generation changes. So an upload through one worker
must be answerable through the other within seconds, a removal through the
second must be gone from the first, and no request may fail meanwhile.
Real processes and the bundled e5 embedder; nothing is faked.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import httpx

from tests.conftest import ROOT
from tests.servers import free_port, running
from tests.servers import ADMIN, wait_for_job

REPORT = ("青松县司法局关于2023年度法治政府建设情况的报告\n\n2023年,青松县司法局全面推进依法行政。\n\n"
          "一、主要举措和成效\n\n全年共办理行政复议案件417宗,行政机关负责人出庭率达97%。\n")
QUESTION = "青松县司法局办理行政复议案件多少宗?"


def ask(base: str, question: str = QUESTION) -> dict:
    response = httpx.post(f"{base}/api/ask", json={"question": question}, timeout=120)
    assert response.status_code == 200, response.text[:300]
    return response.json()


def eventually(check, timeout: float = 30.0):
    """Poll `check` until it returns a truthy value; the last value otherwise."""
    deadline = time.monotonic() + timeout
    while not (value := check()) and time.monotonic() < deadline:
        time.sleep(0.5)
    return value


class Background:
    """Questions to both workers, in turn, while the test changes the home; every status is kept."""

    def __init__(self, bases: list[str]):
        self.bases, self.stop, self.codes, self.errors = bases, threading.Event(), [], []
        self.thread = threading.Thread(target=self.run)

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            try:
                response = httpx.post(f"{self.bases[n % 2]}/api/ask", timeout=120,
                                      json={"question": "各单位的行政复议案件数量分别是多少?"})
                self.codes.append(response.status_code)
            except httpx.HTTPError as exc:
                self.errors.append(f"{type(exc).__name__}: {exc}")
            n += 1

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(timeout=180)


def test_two_workers_on_one_home_see_each_others_writes(tmp_path):
    env = {**os.environ, "ROLQA_HOME": str(tmp_path / "home"), "ROLQA_ADMIN_KEYS": "adm", "PYTHONPATH": str(ROOT),
           "ROLQA_ASK_PER_MINUTE": "0"}  # the background questions come back to back from one address
    prepared = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", str(ROOT / "data" / "reports")],
                              env=env, cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert prepared.returncode == 0, prepared.stderr[-2000:]
    ports = [free_port(), free_port()]
    bases = [f"http://127.0.0.1:{p}" for p in ports]
    serve = [[sys.executable, "-m", "assistant.web.server", "--host", "127.0.0.1", "--port", str(p)] for p in ports]
    with running(serve[0], f"{bases[0]}/api/health", timeout=300, env=env, cwd=tmp_path, log=tmp_path / "a.log"), \
            running(serve[1], f"{bases[1]}/api/health", timeout=300, env=env, cwd=tmp_path, log=tmp_path / "b.log"):
        assert ask(bases[1])["status"] == "not_found"  # no such report yet
        with Background(bases) as load:
            job = httpx.post(f"{bases[0]}/api/reports", headers=ADMIN, timeout=60,
                             files={"file": ("qingsong-2023.txt", REPORT.encode())}).json()
            with httpx.Client(base_url=bases[0], timeout=60) as http:
                done = wait_for_job(http, job["url"])
            assert done["status"] == "done", done
            answer = eventually(lambda: (a := ask(bases[1]))["status"] == "answered" and a)
            assert answer and "417" in answer["answer"], answer
            report_id = done["result"]["report_id"]
            assert httpx.delete(f"{bases[1]}/api/reports/{report_id}", headers=ADMIN, timeout=60).status_code == 200
            gone = eventually(lambda: all(r["report_id"] != report_id
                                          for r in httpx.get(f"{bases[0]}/api/reports", timeout=60).json()["reports"]))
            assert gone
            assert "417" not in ask(bases[0])["answer"]
    assert not load.errors, load.errors[:5]
    assert load.codes and all(200 <= c < 300 for c in load.codes), sorted(set(load.codes))
