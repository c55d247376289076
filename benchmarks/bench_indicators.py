"""Benchmark the indicator table: extraction time per report, and aggregate-question latency at scale.

1. Extraction: each report of --reports (default: the bundled samples) is built as
   ingest builds it, then `extract` is timed (median of --repeat runs).
2. Aggregate questions over a synthetic corpus: --corpus variants of the sample
   reports (agency renamed, figures changed) are stored in a fresh catalog, then
   each question is asked through the service --repeat times; p50/p95 per corpus.
   The corpus is built twice, with each report's text once and with it padded by
   --pad extra copies of its sentences, so the effect of the corpus's sentence
   count on latency shows directly (the table path should not depend on it).

Chunks and vectors are not written (the table path never searches), so no embedder runs.

    python benchmarks/bench_indicators.py [--reports data/reports] [--corpus 1000] [--pad 3] [--json]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from assistant.service import Assistant  # noqa: E402
from index.config import Settings  # noqa: E402
from index.indicators import extract  # noqa: E402
from index.pipeline import build_report  # noqa: E402
from synthetic import pct  # noqa: E402

QUESTIONS = ["哪些单位的行政机关负责人出庭率达到了100%?", "各单位的行政复议案件数量分别是多少?",
             "哪个单位的法律援助案件最多?", "哪些报告没有写明公职律师人数?", "哪些单位的调解成功率低于99%?"]
PLACE_CHARS = "东南西北中安平和兴宁泰康乐永昌华新丰盛福春秋山川河湖"
FIGURE = re.compile(r"\d+(?:\.\d+)?(?=\s*(?:%|宗|件|名|份|场次|场))")


def bench_extraction(reports: Path, repeat: int) -> list[dict]:
    out = []
    for path in sorted(p for p in reports.iterdir() if p.suffix in (".txt", ".md", ".html", ".htm")):
        report, _ = build_report(path.read_bytes(), path.suffix, path.name)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            rows = extract(report)
            times.append((time.perf_counter() - started) * 1000)
        sentences = sum(len(p.sentences) for p in report.paragraphs)
        out.append({"report": path.name, "sentences": sentences, "rows": len(rows),
                    "extract_ms": round(statistics.median(times), 2)})
    return out


def variant(text: str, i: int, rng: random.Random, pad: int) -> str:
    """Sample text with its places renamed (a distinct agency per variant), figures changed, optionally padded."""
    name = "".join(rng.choice(PLACE_CHARS) for _ in range(2)) + f"{'区县市'[i % 3]}"
    for place in ("花都区", "增城区", "楚雄市", "杭州市", "广州市"):
        text = text.replace(place, name)
    text = FIGURE.sub(lambda m: str(rng.randint(1, 100) if "." not in m.group() else round(rng.uniform(80, 100), 2)),
                      text)
    filler = re.sub(r"\d", "", text.split("\n", 1)[-1])  # more sentences, no figures: no new rows
    return text + ("\n" + filler) * pad + f"\n(样本{i})\n"


def build_corpus(home: Path, samples: list[Path], n: int, pad: int) -> Assistant:
    service = Assistant(Settings(home=home))
    rng = random.Random(n * 10 + pad)
    texts = [p.read_text(encoding="utf-8") for p in samples]
    for i in range(n):
        data = variant(texts[i % len(texts)], i, rng, pad).encode("utf-8")
        report, _ = build_report(data, ".txt", f"synthetic-{i:04d}.txt")
        service.index.catalog.commit_report(report, [], "none", [])
    return service


def bench_questions(service: Assistant, repeat: int) -> dict:
    for question in QUESTIONS:  # warm: derived state (BM25 over the chunks, report rows) is built once
        service.ask(question)
    times, table = [], 0
    for _ in range(repeat):
        for question in QUESTIONS:
            started = time.perf_counter()
            answer = service.ask(question)
            times.append((time.perf_counter() - started) * 1000)
            table += any("根据指标表作答" in n for n in answer.notes)
    sql = "SELECT SUM(json_array_length(sentences)) FROM paragraphs"
    sentences = service.index.catalog.db.execute(sql).fetchone()[0]
    return {"reports": len(service.reports()), "sentences": sentences, "questions": len(times),
            "from_table": table, "p50_ms": pct(times, 0.5), "p95_ms": pct(times, 0.95), "max_ms": round(max(times), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, default=ROOT / "data" / "reports")
    parser.add_argument("--corpus", type=int, default=1000, help="synthetic reports in the aggregate benchmark")
    parser.add_argument("--pad", type=int, default=3, help="extra copies of each report's sentences, second run")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = {"extraction": bench_extraction(args.reports, args.repeat), "aggregate": []}
    samples = sorted((ROOT / "data" / "reports").glob("*.txt"))
    for pad in (0, args.pad):
        with tempfile.TemporaryDirectory(prefix="rolqa-bench-ind-") as home:
            started = time.perf_counter()
            service = build_corpus(Path(home), samples, args.corpus, pad)
            built = time.perf_counter() - started
            result["aggregate"].append({**bench_questions(service, args.repeat), "pad": pad,
                                        "store_s": round(built, 1)})
            service.index.catalog.close()
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    print("extraction per report:")
    for r in result["extraction"]:
        print(f"  {r['report']:45} {r['sentences']:5} sentences  {r['rows']:3} rows  {r['extract_ms']:8.2f} ms")
    for a in result["aggregate"]:
        print(f"aggregate questions over {a['reports']} reports, {a['sentences']} sentences (padding x{a['pad']}): "
              f"p50 {a['p50_ms']} ms, p95 {a['p95_ms']} ms, max {a['max_ms']} ms; "
              f"{a['from_table']}/{a['questions']} from the table (store {a['store_s']} s)")


if __name__ == "__main__":
    main()
