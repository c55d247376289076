"""A real `rolqa serve` under load while reports change and Chroma restarts: no 5xx, nothing lost.

Set up: a Chroma server (`chroma run`) and `rolqa serve` over it (which first
indexes the sample reports), with the bundled e5 embedder. Then, for
ROLQA_RELIABILITY_SECONDS (default 60) with ROLQA_RELIABILITY_CLIENTS (default
50) clients asking at once:

- another process runs `rolqa ingest` on 10 new reports;
- the flattened-table report (a digit row that once froze the server) is uploaded as a job;
- one sample report is removed;
- the Chroma server is stopped and started again (answers fall back to keyword
  retrieval meanwhile, with a note);
- 8 more clients send 2,000-character questions back to back (refused as too long, then, past their
  per-minute share, 429: never a 5xx). benchmarks/bench_long_questions.py measures what they do to
  the others' latency (not timed here).

Each client is an address of its own (X-Forwarded-For from 127.0.0.1, a configured trusted proxy),
and asks back to back, faster than a person: the per-minute limit is raised for them.

Every ask must get a 2xx (no 5xx, no connection reset); afterwards every
ingested report is answerable, the upload's job is done, the removed report is
gone, and the p95 latency of the asks is printed. On 2 shared cores this takes
about two to three minutes, most of it the load window itself.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from tests.conftest import ROOT
from tests.servers import ADMIN, chroma_cli, free_port, running, wait_for_job, wait_until_up

SECONDS = float(os.environ.get("ROLQA_RELIABILITY_SECONDS", "60"))
CLIENTS = int(os.environ.get("ROLQA_RELIABILITY_CLIENTS", "50"))
QUESTIONS = ["哪些单位的行政机关负责人出庭率达到了100%?", "各单位的行政复议案件数量分别是多少?",
             "增城区城管局2023年新收行政一审案件多少宗?"]
PLACES = ["玉泉", "金沙", "长乐", "平和", "永和", "安宁", "清河", "白水", "青山", "东湖"]
DIGIT_ROW = ("白云县统计局关于2023年度法治政府建设情况的报告\n\n2023年,白云县统计局推进依法行政。\n\n"
             + "\n".join(["12392 28300 6381 2184 1497 2583 786 " * 6] * 40) + "\n\n全年办理行政复议案件3宗。\n")


def new_reports(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for i, place in enumerate(PLACES):
        path = folder / f"{place}-2023.txt"
        path.write_text(f"{place}县司法局关于2023年度法治政府建设情况的报告\n\n2023年,{place}县司法局全面推进依法行政。\n\n"
                        f"一、主要举措和成效\n\n全年共办理行政复议案件{100 + i}宗,行政机关负责人出庭率达9{i}%。\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


LONG_CLIENTS = 8
LONG_QUESTION = ("一是发挥行政复议化解行政争议主渠道作用。收到行政复议申请786宗,同比增长68.67%。" * 60)[:1980] + "是多少?"


class Load:
    """CLIENTS threads asking in turn until stopped, each from an address of its own; every status
    and failure is kept. With `long`, the questions are 2,000 characters."""

    def __init__(self, base: str, clients: int = CLIENTS, long: bool = False):
        self.base, self.stop, self.long = base, threading.Event(), long
        self.codes: list[int] = []
        self.errors: list[str] = []
        self.latencies: list[float] = []
        self.threads = [threading.Thread(target=self.client, args=(i,)) for i in range(clients)]

    def client(self, i: int) -> None:
        address = f"10.{2 if self.long else 1}.{i // 250}.{i % 250 + 1}"
        with httpx.Client(base_url=self.base, timeout=120, headers={"X-Forwarded-For": address}) as http:
            n = i
            while not self.stop.is_set():
                started = time.perf_counter()
                question = LONG_QUESTION if self.long else QUESTIONS[n % len(QUESTIONS)]
                try:
                    response = http.post("/api/ask", json={"question": question})
                    self.codes.append(response.status_code)
                    if response.status_code >= 500:
                        self.errors.append(response.text[:300])
                except httpx.HTTPError as exc:
                    self.errors.append(f"{type(exc).__name__}: {exc}")
                self.latencies.append(time.perf_counter() - started)
                n += 1

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for t in self.threads:
            t.join(timeout=180)


def restart(cmd: list[str], proc: subprocess.Popen, url: str, log: Path) -> subprocess.Popen:
    proc.terminate()
    proc.wait(timeout=30)
    time.sleep(2)  # a short outage the server must ride out
    with open(log, "ab") as out:
        fresh = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    wait_until_up(fresh, url, 60, log)
    return fresh


def test_serving_through_ingest_upload_remove_and_a_chroma_restart(tmp_path):
    chroma_port, port = free_port(), free_port()
    chroma_cmd = [chroma_cli(), "run", "--path", str(tmp_path / "chroma"), "--host", "127.0.0.1", "--port", str(chroma_port)]
    chroma_url = f"http://127.0.0.1:{chroma_port}"
    env = {**os.environ, "ROLQA_HOME": str(tmp_path / "home"), "ROLQA_CHROMA_URL": chroma_url,
           "ROLQA_ADMIN_KEYS": "adm", "PYTHONPATH": str(ROOT), "ROLQA_TRUSTED_PROXIES": "127.0.0.1",
           "ROLQA_ASK_PER_MINUTE": "600"}
    serve = [sys.executable, "-m", "assistant.web.server", "--host", "127.0.0.1", "--port", str(port)]
    base = f"http://127.0.0.1:{port}"
    restarted: list[subprocess.Popen] = []
    try:
        with running(chroma_cmd, f"{chroma_url}/api/v2/heartbeat", log=tmp_path / "chroma.log") as chroma, \
                running(serve, f"{base}/api/health", timeout=600, env=env, cwd=tmp_path, log=tmp_path / "serve.log"):
            load, long, started = scenario(base, env, tmp_path, lambda: restarted.append(
                restart(chroma_cmd, chroma, f"{chroma_url}/api/v2/heartbeat", tmp_path / "chroma.log")))
    finally:
        for proc in restarted:
            proc.terminate()
            proc.wait(timeout=30)
    latencies = sorted(load.latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(f"\nreliability: {len(load.codes)} asks by {CLIENTS} clients in {time.monotonic() - started:.0f} s, "
          f"p50 {latencies[len(latencies) // 2]:.2f} s, p95 {p95:.2f} s, codes {sorted(set(load.codes))}")
    assert not load.errors, load.errors[:5]
    assert load.codes and all(200 <= c < 300 for c in load.codes)
    print(f"long questions: {len(long.codes)} sent by {LONG_CLIENTS} clients, codes {sorted(set(long.codes))}")
    assert not long.errors, long.errors[:5]
    assert long.codes and set(long.codes) <= {400, 429}  # refused as too long, or past their share


def scenario(base: str, env: dict, tmp_path: Path, restart_chroma) -> tuple[Load, Load, float]:
    """The load window with its changes, then the checks that nothing was lost."""
    reports = new_reports(tmp_path / "new")
    with httpx.Client(base_url=base, timeout=120) as http:
        removed = next(r for r in http.get("/api/reports").json()["reports"] if r["source"].startswith("huadu"))
        started = time.monotonic()
        with Load(base) as load, Load(base, LONG_CLIENTS, long=True) as long:
            ingest = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", *map(str, reports)],
                                    env=env, cwd=tmp_path, capture_output=True, text=True, timeout=600)
            assert ingest.returncode == 0, (ingest.stdout[-2000:], ingest.stderr[-3000:])
            job = http.post("/api/reports", headers=ADMIN, files={"file": ("baiyun-2023.txt", DIGIT_ROW.encode())}).json()
            assert wait_for_job(http, job["url"])["status"] == "done"
            assert http.delete(f"/api/reports/{removed['report_id']}", headers=ADMIN).status_code == 200
            restart_chroma()
            time.sleep(max(0.0, SECONDS - (time.monotonic() - started)))
        rows = {r["source"]: r for r in http.get("/api/reports").json()["reports"]}
        for i, path in enumerate(reports):
            answer = http.post("/api/ask", json={"question": f"{PLACES[i]}县办理行政复议案件多少宗?",
                                                 "filters": {"report_ids": [rows[path.name]["report_id"]]}}).json()
            assert answer["status"] == "answered" and str(100 + i) in answer["answer"], answer
        assert "baiyun-2023.txt" in rows and removed["source"] not in rows
        assert len(rows) == 5 - 1 + len(reports) + 1  # nothing lost
    return load, long, started
