"""How well and how fast rolqa reads scanned reports: the five samples rendered as image-only PDFs.

Each sample of data/reports is rendered as a scan (benchmarks/scan_render.py: A4 at 150 dpi,
WenQuanYi Micro Hei, slight skew and blur, a running header, page numbers, the red seal) and
ingested into a fresh ROLQA_HOME. Printed per report and overall:

- character accuracy of the stored text against the stored text of the text original (the same
  cleaning on both sides): 1 − Levenshtein distance / length, whitespace removed and full/half-width
  forms folded (NFKC: a recognised "，" is the "," of the file). rapidfuzz computes the distance (a
  maintained C++ library; 10,000-character texts take milliseconds);
- pages per minute of OCR on this machine (rendering, preparing and recognising each page);
- agency and year against what rolqa reads from the text original;
- ../shared/eval/dev_qa.jsonl answered over the scans (gold sources renamed .txt → .pdf), with every
  citation checked to be a substring of the stored OCR text and to carry its page.

With --busy it also measures question latency (p50/p95 of the dev questions) quiet and while the
upload child reads a 20-page scan, as the server does (assistant/ingest_process.py, nice 19).

    python benchmarks/bench_ocr.py [--scans DIR] [--home DIR] [--busy] [--json]
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from assistant.evaluate import citation_valid, evaluate, load_gold  # noqa: E402
from assistant.service import Assistant  # noqa: E402
from index.config import load_settings  # noqa: E402
from index.ocr.progress import listening  # noqa: E402
from index.pipeline import build_report  # noqa: E402
from scan_render import render_pages, render_pdf, save_pdf  # noqa: E402

REPORTS = ROOT / "data" / "reports"
GOLD = ROOT.parent / "shared" / "eval" / "dev_qa.jsonl"
BUSY_PAGES = 20  # the scan read while questions are timed (the issue's check: p95 within 2x of quiet)


def fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def accuracy(read: str, original: str) -> tuple[int, int]:
    """(edit distance, length of the original), both folded."""
    from rapidfuzz.distance import Levenshtein

    a, b = fold(read), fold(original)
    return Levenshtein.distance(a, b), len(b)


def render_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    scans = []
    for text in sorted(REPORTS.glob("*.txt")):
        pdf = folder / f"{text.stem}.pdf"
        if not pdf.exists():
            render_pdf(text.read_text(encoding="utf-8"), pdf)
        scans.append(pdf)
    return scans


class PageClock:
    """Seconds from each scan's first progress call to its last page: the OCR time of each report."""

    def __init__(self):
        self.start, self.end, self.pages = {}, {}, {}

    def __call__(self, done: int, total: int, source: str) -> None:
        now = time.perf_counter()
        self.start.setdefault(source, now)
        self.end[source], self.pages[source] = now, total


def ingest(service: Assistant, scans: list[Path]) -> tuple[PageClock, float]:
    clock, started = PageClock(), time.perf_counter()
    with listening(clock):
        summary = service.ingest(scans)
    for r in summary.failed:
        print(f"失败 {r.source}: {r.reason}")
    return clock, time.perf_counter() - started


def per_report(service: Assistant, clock: PageClock) -> list[dict]:
    rows = []
    for row in service.reports():
        original = REPORTS / (Path(row["source"]).stem + ".txt")
        ref, _ = build_report(original.read_bytes(), ".txt", original.name)
        distance, length = accuracy(service.index.report(row["report_id"]).text, ref.text)
        seconds = clock.end.get(row["source"], 0) - clock.start.get(row["source"], 0)
        rows.append({"source": row["source"], "pages": (row.get("ocr") or {}).get("pages"),
                     "ocr_seconds": round(seconds, 1), "distance": distance, "length": length,
                     "accuracy": round(1 - distance / length, 4), "mean_conf": (row.get("ocr") or {}).get("mean_conf"),
                     "agency": row["agency"], "year": row["year"], "agency_text": ref.meta.agency,
                     "year_text": ref.meta.year,
                     "agency_year_right": (row["agency"], row["year"]) == (ref.meta.agency, ref.meta.year)})
    return rows


def score_dev(service: Assistant) -> dict:
    items = load_gold(GOLD)
    for item in items:
        for source in item.get("sources", []):
            source["report"] = Path(source["report"]).stem + ".pdf"
    result = evaluate(service, items)
    texts = {r["source"]: service.index.report(r["report_id"]).text for r in service.reports()}
    cites = [c for item in items for c in service.ask(item["question"]).to_dict()["citations"]]
    result["citations_exact"] = sum(citation_valid(c, texts.get(c["source"], "")) for c in cites)
    result["citations_with_page"] = sum(bool(c.get("page")) and c.get("ocr") for c in cites)
    result["citations_checked"] = len(cites)
    return result


def latencies(service: Assistant, questions: list[str], rounds: int) -> list[float]:
    found = []
    for _ in range(rounds):
        for q in questions:
            started = time.perf_counter()
            service.ask(q)
            found.append((time.perf_counter() - started) * 1000)
    return found


def busy(service: Assistant, home: Path, scans: Path) -> dict:
    """Question latency quiet, then while the upload child reads a 20-page scan (nice 19)."""
    questions = [item["question"] for item in load_gold(GOLD)]
    latencies(service, questions, 1)  # warm
    quiet = latencies(service, questions, 3)
    long_text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(REPORTS.glob("*.txt")))
    upload = home / "uploads" / "busy-20-pages.pdf"
    upload.parent.mkdir(parents=True, exist_ok=True)
    pages = len(save_pdf(render_pages(long_text)[:BUSY_PAGES], upload))
    done = threading.Event()
    thread = threading.Thread(target=lambda: (service.ingest_stored(upload, "busy-20-pages.pdf"), done.set()))
    thread.start()
    during = []
    while not done.is_set() and thread.is_alive():
        during += latencies(service, questions, 1)
    thread.join()
    p95 = lambda xs: sorted(xs)[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]  # noqa: E731
    return {"pages": pages, "quiet_p50": round(statistics.median(quiet)), "quiet_p95": round(p95(quiet)),
            "busy_p50": round(statistics.median(during)), "busy_p95": round(p95(during)), "busy_questions": len(during),
            "ratio_p95": round(p95(during) / p95(quiet), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scans", type=Path, help="folder for the rendered scans (kept; reused when present)")
    parser.add_argument("--home", type=Path, help="ROLQA_HOME to use (kept); default a fresh temporary one")
    parser.add_argument("--busy", action="store_true", help="also measure question latency during an OCR upload")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="rolqa-ocr-"))
    try:
        scans = render_all(args.scans or work / "scans")
        home = args.home or work / "home"
        service = Assistant(load_settings({"home": str(home)}))
        clock, ingest_s = ingest(service, scans)
        rows = per_report(service, clock)
        pages = sum(r["pages"] or 0 for r in rows)
        ocr_s = sum(r["ocr_seconds"] for r in rows)
        result = {"reports": rows, "pages": pages, "ocr_seconds": round(ocr_s, 1), "ingest_seconds": round(ingest_s, 1),
                  "pages_per_minute": round(60 * pages / ocr_s, 1) if ocr_s else None,
                  "accuracy": round(1 - sum(r["distance"] for r in rows) / sum(r["length"] for r in rows), 4),
                  "agency_year_right": sum(r["agency_year_right"] for r in rows), "dev": score_dev(service)}
        if args.busy:
            result["busy"] = busy(service, home, work)
        show(result, args.json)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def show(result: dict, as_json: bool) -> None:
    if as_json:
        result["dev"].pop("items", None)
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for r in result["reports"]:
        mark = "✓" if r["agency_year_right"] else "✗"
        print(f"{r['source']:40} {r['pages']:>3}页 {r['ocr_seconds']:>6}s  字符准确率 {r['accuracy']:.2%} "
              f"({r['distance']}/{r['length']})  置信度 {r['mean_conf']}  {mark} {r['agency']} {r['year']}"
              + ("" if r["agency_year_right"] else f"(文本原件:{r['agency_text']} {r['year_text']})"))
    dev = result["dev"]
    speed = (f"OCR {result['pages']} 页 {result['ocr_seconds']} s = {result['pages_per_minute']} 页/分钟"
             if result["pages_per_minute"] else "OCR 未运行(报告已在 --home 中:测速请用新的目录)")
    print(f"\n字符准确率 {result['accuracy']:.2%};{speed}(整个导入 {result['ingest_seconds']} s);"
          f"单位和年度正确 {result['agency_year_right']}/{len(result['reports'])}")
    print(f"dev_qa(扫描件):{dev['correct']}/{dev['total']};引用是存储文本子串 {dev['citations_exact']}/"
          f"{dev['citations_checked']},带页码且标明 OCR {dev['citations_with_page']}/{dev['citations_checked']}")
    for item in dev["items"]:
        if not item["correct"]:
            print(f"  ✗ {item['id']} {item['question']} → {item['answer'][:120]}")
    if "busy" in result:
        b = result["busy"]
        print(f"问答耗时:安静 p50 {b['quiet_p50']} ms / p95 {b['quiet_p95']} ms;识别 {b['pages']} 页扫描件时 "
              f"p50 {b['busy_p50']} ms / p95 {b['busy_p95']} ms({b['busy_questions']} 问,p95 为安静时的 {b['ratio_p95']} 倍)")


if __name__ == "__main__":
    main()
