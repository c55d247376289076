"""`rolqa eval`: score a gold set with the rule of DESIGN.md.

An answerable item is correct when it is answered, every answer-key group has
an alternative in the answer text, and every gold source is cited by a quote
from that report that contains the gold quote (or lies inside it, ≥10
characters), compared without whitespace and after traditional→simplified
conversion. A refusal item is correct when the status is not_found.
"""
from __future__ import annotations

import json
import re
import statistics
import time
from collections import defaultdict
from pathlib import Path

from index.errors import BadInput, file_problem
from index.normalize import normalize

RECALL_KS = (5, 10)


def canon(text: str) -> str:
    return normalize(re.sub(r"\s+", "", text or ""))


def load_gold(path: Path) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"无法读取评测集 {path}:{file_problem(exc)}")
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            assert isinstance(item["question"], str) and isinstance(item.get("sources", []), list)
        except (ValueError, KeyError, TypeError, AssertionError):
            raise BadInput(f"{path}:{number}:不是评测条目(应为含 question、answer_keys、sources 的 JSON 对象)")
        items.append(item)
    if not items:
        raise BadInput(f"{path} 中没有评测条目")
    return items


def quote_matches(cited: str, gold: str) -> bool:
    cited, gold = canon(cited), canon(gold)
    return gold in cited or (len(cited) >= 10 and cited in gold)


def is_correct(item: dict, answer: dict) -> bool:
    if item.get("type") == "refusal" or not item.get("sources"):
        return answer["status"] == "not_found"
    if answer["status"] != "answered":
        return False
    text = canon(answer["answer"])
    if not all(any(canon(alt) in text for alt in group) for group in item.get("answer_keys", [])):
        return False
    quotes: dict[str, list[str]] = defaultdict(list)  # per gold report, any one of its gold quotes will do
    for src in item["sources"]:
        quotes[src["report"]].append(src["quote"])
    return all(any(c["source"] == report and any(quote_matches(c["quote"], q) for q in gold) for c in answer["citations"])
               for report, gold in quotes.items())


def citation_valid(citation: dict, report_text: str) -> bool:
    """The quote is an exact substring of the report text, whitespace aside."""
    return re.sub(r"\s+", "", citation["quote"]) in re.sub(r"\s+", "", report_text)


def retrieval_hits(service, item: dict, k: int) -> tuple[int, int]:
    """(gold sources found in the top-k passages, gold sources)."""
    sources = item.get("sources") or []
    if not sources:
        return 0, 0
    hits = service.search(item["question"], k)
    found = sum(any(h["source"] == s["report"] and canon(s["quote"]) in canon(h["text"]) for h in hits) for s in sources)
    return found, len(sources)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else 0.0


def evaluate(service, items: list[dict]) -> dict:
    service.ask(items[0]["question"])  # warm up: models and caches load once, as in a running server
    # Page information is quoted from the page lines kept with the report (paragraph 0).
    texts = {r["source"]: service.report_text(r["report_id"]) for r in service.reports()}
    by_type, latencies, details = defaultdict(lambda: [0, 0]), [], []
    cites_ok = cites_all = 0
    recall = {k: [0, 0] for k in RECALL_KS}
    for item in items:
        started = time.perf_counter()
        answer = service.ask(item["question"]).to_dict()
        latencies.append((time.perf_counter() - started) * 1000)
        correct = is_correct(item, answer)
        kind = item.get("type", "untyped")
        by_type[kind][0] += correct
        by_type[kind][1] += 1
        for c in answer["citations"]:
            cites_all += 1
            cites_ok += citation_valid(c, texts.get(c["source"], ""))
        for k in RECALL_KS:
            found, total = retrieval_hits(service, item, k)
            recall[k][0] += found
            recall[k][1] += total
        details.append({"id": item.get("id"), "type": kind, "correct": correct, "status": answer["status"],
                        "question": item["question"], "answer": answer["answer"]})
    correct = sum(v[0] for v in by_type.values())
    return {
        "accuracy": correct / len(items), "correct": correct, "total": len(items),
        "by_type": {k: {"correct": v[0], "total": v[1]} for k, v in sorted(by_type.items())},
        "citation_validity": cites_ok / cites_all if cites_all else 1.0, "citations": cites_all,
        "retrieval_recall": {f"@{k}": v[0] / v[1] if v[1] else None for k, v in recall.items()},
        "latency_ms": {"p50": round(statistics.median(latencies), 1), "p95": round(percentile(latencies, 95), 1)},
        "items": details,
    }
