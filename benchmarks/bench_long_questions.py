"""Normal questions while 8 clients send 2,000-character questions: warm p95 against the quiet p95.

Why: the e5 engine is one per server, behind a lock, and a question used to be embedded whole: 2,000
characters took 4-11 s of it, and eight clients sending such questions made a normal one wait 26-43 s
instead of 0.08 s. Now a question's head only is embedded (query_embed_chars), a question is at most
max_question_chars long, and each client may have ask_concurrent questions in flight and ask_per_minute
a minute (429 beyond). The target: warm p95 of normal questions at most 2x the quiet one.

A real `rolqa serve` on 127.0.0.1 over the home given (built with `rolqa ingest`); each client is its
own address (X-Forwarded-For, from 127.0.0.1 as a configured trusted proxy, as behind the README's
nginx). The long clients misbehave: they send the next question as soon as an answer (or a 429)
comes. Run it with the defaults (long questions refused as too long) and with
--max-question-chars 2000 (accepted, their head embedded, the clients rate-limited).

    ROLQA_HOME=/tmp/h rolqa ingest data/reports
    python benchmarks/bench_long_questions.py --home /tmp/h [--max-question-chars 2000] [--seconds 60]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import free_port, wait_until_up  # noqa: E402

NORMAL = ["增城区城管局2023年新收行政一审案件多少宗?", "花都区2023年收到行政复议申请多少宗?",
          "哪些单位的行政机关负责人出庭率达到了100%?", "楚雄市综合行政执法局2024年办理了多少件人大代表建议?"]


def long_question(i: int) -> str:
    """2,000 characters of report text with a question at the end (a clerk pasting a paragraph)."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "reports").glob("*.txt")))
    start = (i * 997) % (len(text) - 2100)
    return text[start:start + 1980].replace("\n", "") + "这一段说的行政复议案件是多少宗?"


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[int(0.95 * (len(values) - 1))]


def normal_latencies(base: str, rounds: int) -> list[float]:
    """Well-behaved people (one address each) asking the normal questions in turn, one at a time."""
    times = []
    with httpx.Client(base_url=base, timeout=300) as http:
        for _ in range(rounds):
            for i, q in enumerate(NORMAL):
                started = time.perf_counter()
                response = http.post("/api/ask", json={"question": q}, headers={"X-Forwarded-For": f"10.0.0.{i + 1}"})
                times.append(time.perf_counter() - started)
                assert response.status_code == 200, response.text[:300]
                time.sleep(0.5)  # a person reads the answer
    return times


def hammer(base: str, i: int, stop: threading.Event, codes: Counter) -> None:
    with httpx.Client(base_url=base, timeout=300, headers={"X-Forwarded-For": f"10.9.0.{i + 1}"}) as http:
        n = 0
        while not stop.is_set():
            try:
                codes[http.post("/api/ask", json={"question": long_question(i + 8 * n)}).status_code] += 1
            except httpx.HTTPError as exc:
                codes[type(exc).__name__] += 1
            n += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=8, help="rounds of the normal questions per phase")
    parser.add_argument("--max-question-chars", type=int, default=0, help="0: the setting's default")
    args = parser.parse_args()
    port = free_port()
    env = {**os.environ, "ROLQA_HOME": str(args.home), "ROLQA_TRUSTED_PROXIES": "127.0.0.1",
           "PYTHONPATH": str(ROOT)}
    if args.max_question_chars:
        env["ROLQA_MAX_QUESTION_CHARS"] = str(args.max_question_chars)
    log = Path(f"/tmp/bench-long-questions-{port}.log")
    with open(log, "wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "assistant.web.server", "--port", str(port)], env=env,
                                  stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(server, f"{base}/api/health", 300, log)
        normal_latencies(base, 1)  # warm
        quiet = normal_latencies(base, args.rounds)
        stop, codes = threading.Event(), Counter()
        clients = [threading.Thread(target=hammer, args=(base, i, stop, codes)) for i in range(args.clients)]
        for t in clients:
            t.start()
        time.sleep(2)
        loaded = normal_latencies(base, args.rounds)
        health = httpx.get(f"{base}/api/health", timeout=60).json()
        stop.set()
        for t in clients:
            t.join(timeout=300)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"max_question_chars {args.max_question_chars or 'default (500)'}: normal questions quiet p95 "
          f"{p95(quiet) * 1000:.0f} ms; with {args.clients} clients sending 2,000-character questions p95 "
          f"{p95(loaded) * 1000:.0f} ms ({p95(loaded) / p95(quiet):.2f}x); long clients' answers {dict(codes)}; "
          f"health during the load: {health['status']} {health['answering']}")


if __name__ == "__main__":
    main()
