"""报告审查 at scale: what the review adds to ingest, and `rolqa review` over N reports, warm.

Writes the bench_scale corpus (benchmarks/synthetic.py) of N reports, then
1. builds every report once (load, clean, structure, metadata, chunks) and times the review
   of it beside that, so the review's share of ingest is measured without embedding noise
   (embedding only makes the share smaller);
2. ingests the corpus with the hash-vector embedder (an OpenAI-compatible server on 127.0.0.1)
   and times `rolqa review`, `rolqa review --json` and `--csv` as a user runs them (each run
   once before timing: warm).

    python benchmarks/bench_review.py [--n 1000] [--runs 3]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

import synthetic  # noqa: E402

from index.pipeline import build_report  # noqa: E402
from index.review import review_report  # noqa: E402


def ingest_share(corpus: Path) -> tuple[float, float]:
    """(seconds building all reports, seconds reviewing them)."""
    build_s = review_s = 0.0
    for path in sorted(corpus.glob("*.txt")):
        started = time.perf_counter()
        report, _ = build_report(path.read_bytes(), path.suffix, path.name)
        build_s += time.perf_counter() - started
        started = time.perf_counter()
        review_report(report)
        review_s += time.perf_counter() - started
    return build_s, review_s


def timed_cli(args: list[str], env: dict, runs: int) -> float:
    """The median wall time of `rolqa ARGS` after one warm-up run."""
    command = [sys.executable, "-m", "assistant.cli", *args]
    subprocess.run(command, env=env, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return sorted(times)[len(times) // 2]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work, synthetic.HashServer() as url:
        corpus = Path(work) / "corpus"
        synthetic.write_corpus(corpus, args.n)
        build_s, review_s = ingest_share(corpus)
        print(f"build {build_s:.1f} s, review {review_s:.2f} s for {args.n} reports: "
              f"the review adds {review_s / build_s:.1%} to building (before embedding)")
        env = {**os.environ, "PYTHONPATH": str(ROOT), "ROLQA_HOME": str(Path(work) / "home"),
               "ROLQA_EMBEDDER": "openai", "ROLQA_EMBED_BASE_URL": url, "ROLQA_EMBED_MODEL": "hash-384"}
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", str(corpus)], env=env, check=True,
                       capture_output=True)
        print(f"ingest with the hash embedder: {time.perf_counter() - started:.0f} s")
        for extra in ([], ["--json"], ["--csv"]):
            print(f"rolqa review {' '.join(extra)} over {args.n} reports, warm median: "
                  f"{timed_cli(['review', *extra], env, args.runs):.2f} s")


if __name__ == "__main__":
    main()
