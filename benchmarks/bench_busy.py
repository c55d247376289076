"""Answer latency with a busy neighbour: the same questions quiet, then beside CPU-bound processes.

Why: on a shared 2-core machine an ingest or any other job competes with the
server. Spinning OpenMP threads once made a 15 ms answer take over a second
(the e5 adapter now sets OMP_WAIT_POLICY=passive). The target is a p95 within
3x of the quiet one. Questions come from a gold set, asked in one warm process
over the home given (built with `rolqa ingest`), --rounds times each.

    ROLQA_HOME=/tmp/h rolqa ingest data/reports
    python benchmarks/bench_busy.py --home /tmp/h [--questions ../shared/eval/dev_qa.jsonl] [--busy 2]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.service import Assistant  # noqa: E402
from index.config import load_settings  # noqa: E402


def latencies(service: Assistant, questions: list[str], rounds: int) -> tuple[float, float]:
    """(p50, p95) in ms, nearest rank, over every question asked `rounds` times."""
    times = []
    for _ in range(rounds):
        for q in questions:
            started = time.perf_counter()
            service.ask(q, mode="extractive")
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return round(times[len(times) // 2], 1), round(times[int(0.95 * (len(times) - 1))], 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--questions", type=Path, default=ROOT.parent / "shared" / "eval" / "dev_qa.jsonl")
    parser.add_argument("--busy", type=int, default=2, help="CPU-bound neighbour processes")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    questions = [json.loads(line)["question"] for line in args.questions.open(encoding="utf-8") if line.strip()]
    service = Assistant(load_settings({"home": args.home}))
    latencies(service, questions, 1)  # warm: stores opened, term hits cached as a running server has them
    quiet = latencies(service, questions, args.rounds)
    neighbours = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy)]
    try:
        time.sleep(1)
        busy = latencies(service, questions, args.rounds)
    finally:
        for p in neighbours:
            p.kill()
    print(f"{len(questions)} questions x {args.rounds}: quiet p50/p95 {quiet[0]} / {quiet[1]} ms; "
          f"with {args.busy} busy neighbours {busy[0]} / {busy[1]} ms ({busy[1] / quiet[1]:.1f}x at p95)")


if __name__ == "__main__":
    main()
