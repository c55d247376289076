"""Benchmark the indexing side on a corpus (default: the bundled sample reports).

Reports ingest wall time, characters per second, chunks, index size on disk and
peak RSS, then recall@5 / @10 of the gold paragraphs of a gold set for each
retriever alone and for the reciprocal-rank fusion.

    python benchmarks/bench_index.py [--reports data/reports] [--gold ../shared/eval/dev_qa.jsonl] [--json]
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.evaluate import canon, load_gold  # noqa: E402
from assistant.service import Assistant  # noqa: E402
from index.config import Settings  # noqa: E402

RETRIEVERS = {"bm25-jieba": ("jieba",), "bm25-bigram": ("bigram",), "bm25 (both)": ("jieba", "bigram"),
              "dense": ("dense",), "fusion": ("jieba", "bigram", "dense")}


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def bench_ingest(service: Assistant, reports: Path) -> dict:
    started = time.perf_counter()
    summary = service.ingest([reports])
    wall = time.perf_counter() - started
    chars = sum(len(service.index.report(r["report_id"]).text) for r in service.reports())
    return {"files": len(summary.results), "failed": summary.count("failed"), "wall_s": round(wall, 2),
            "chars": chars, "chars_per_s": round(chars / wall), "chunks": len(service.index.catalog.chunks()),
            "index_bytes": folder_size(service.settings.home),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def bench_recall(service: Assistant, gold: list[dict], ks=(5, 10)) -> dict:
    """Share of gold sources whose quote lies in a top-k passage of the same report."""
    sources = [(item["question"], s) for item in gold for s in item.get("sources", [])]
    out = {}
    for name, retrievers in RETRIEVERS.items():
        found = {k: 0 for k in ks}
        for question, src in sources:
            hits = service.index.search(question, max(ks), retrievers=retrievers)
            for k in ks:
                found[k] += any(h.source == src["report"] and canon(src["quote"]) in canon(h.text) for h in hits[:k])
        out[name] = {f"@{k}": f"{found[k]}/{len(sources)}" for k in ks}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, default=ROOT / "data" / "reports")
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "eval" / "dev_qa.jsonl")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        service = Assistant(Settings(home=Path(home) / "home"))
        result = {"ingest": bench_ingest(service, args.reports)}
        if args.gold.is_file():
            result["recall"] = bench_recall(service, load_gold(args.gold))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    ing = result["ingest"]
    print(f"ingest: {ing['files']} files ({ing['failed']} failed) in {ing['wall_s']} s, {ing['chars']} chars "
          f"({ing['chars_per_s']} chars/s), {ing['chunks']} chunks, index {ing['index_bytes'] / 1e6:.1f} MB on disk, "
          f"peak RSS {ing['peak_rss_mb']} MB")
    for name, row in result.get("recall", {}).items():
        print(f"recall {name:12} " + "  ".join(f"{k} {v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
