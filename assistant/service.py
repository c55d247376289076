"""The service facade: every front end (CLI, HTTP API, Gradio page) calls this and nothing else.

It owns the index handle, validates user input and raises only `RolqaError`s,
which each front end translates in one place.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from index import review_table
from index.chunking import SECTION_SEPARATOR
from index.config import Settings
from index.errors import BadInput, NotFound
from index.pipeline import IngestSummary, ingest_paths
from index.store import Index

from . import indicator_rows
from .ask.evidence.bank import SentenceBank
from .ask.pipeline import Pipeline
from .ask.question import analyse
from .ask.tuning import Tuning, load_tuning
from .contract import Answer, validate_history, validate_k, validate_mode, validate_question
from .health import health_report

SAMPLE_REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"
WRITER_LOCK = "writer.lock"


@contextmanager
def writer_lock(settings: Settings, on_wait=None):
    """One writer at a time per home: a `rolqa ingest`, a server's ingest worker and a remove take
    this file lock in $ROLQA_HOME, so two processes never write the catalog and the vector store at
    once; the second waits, and `on_wait()` is called once to say so. Readers take no lock: the
    SQLite catalog is the commit point, and a reader whose vector handle is stale falls back to
    keyword retrieval for that query and reopens it (index/store.py)."""
    from filelock import FileLock, Timeout

    settings.home.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(settings.home / WRITER_LOCK))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if on_wait:
            on_wait()
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


class Assistant:
    def __init__(self, settings: Settings, index: Index | None = None, tuning: Tuning | None = None):
        self.settings = settings
        self.index = index or Index(settings)
        self.tuning = tuning or load_tuning()  # the numbers answering decides with (prompts/thresholds.toml)
        self.bank = SentenceBank(self.index, self.tuning)
        self.pipeline = Pipeline(self.index, self.bank, self.tuning, self.llm, settings.llm_context_tokens)
        self._llm = None

    # --- the index ----------------------------------------------------------------
    def ingest(self, paths: list[Path], progress=None, overrides: dict | None = None, on_wait=None,
               pages_as_one_report: bool = False) -> IngestSummary:
        """Index files and folders; `overrides` ({"agency", "year", "title"}) correct their metadata;
        with `pages_as_one_report` each folder given is one scanned report of its page images."""
        with writer_lock(self.settings, on_wait):
            return ingest_paths(self.index, [Path(p) for p in paths], progress, overrides, pages_as_one_report)

    def ingest_stored(self, path: Path, source: str, isolate: bool = True) -> dict:
        """Index an upload already stored under $ROLQA_HOME/uploads; the server's ingest jobs run this.

        It goes through the same atomic ingest as `rolqa ingest`, so running it
        again after a crash is safe; a file that cannot be indexed (or changed
        nothing) is deleted again, and a failure is reported as UnsupportedFile.
        With `isolate` the work runs in a child process at the lowest CPU priority
        (ingest_process.py), so that questions answered meanwhile keep their speed.
        """
        from index.errors import TooLarge, UnsupportedFile
        from index.pipeline import ingest_file

        if isolate:
            from .ingest_process import run

            result = run(self.settings, path, source)
            self.index.refresh_keyword()
            return {**result, "report": self.resolve_report(result["report_id"])}

        with writer_lock(self.settings):
            result = ingest_file(self.index, path, source=source)
        if result.status in ("failed", "unchanged"):
            path.unlink(missing_ok=True)
        if result.status == "failed":
            raise (TooLarge if result.error == "TooLarge" else UnsupportedFile)(f"{source}:{result.reason}")
        self.index.refresh_keyword()
        return {**result.__dict__, "report": self.resolve_report(result.report_id)}

    def reports(self) -> list[dict]:
        return self.index.reports()

    def health(self) -> dict:
        """{"status": "ok" | "degraded", "checks": {catalog, vectors, embedder, llm}} (see health.py)."""
        return health_report(self)

    def warm_up(self) -> None:
        """Open every store once, before the first request (the server calls this under its start-up lock).

        A vector store that cannot be opened is left for later: answers fall back
        to keyword retrieval and /api/health reports it.
        """
        self.index.catalog.report_ids()
        self.index.keyword()  # with it the chunk -> report map
        self.bank.refresh()  # the sentence forms of every report: 2-3 s at 10,000 reports
        analyse("法治工作")  # loads jieba's dictionary and the place names (about a second)
        self.index.embedder
        try:
            self.index.vectors
        except Exception:  # noqa: BLE001 - reported by health(); keyword answers still work
            pass

    def resolve_report(self, ref: str) -> dict:
        """A report by id, id prefix (8+ chars) or source file name."""
        rows = self.index.reports()
        matches = [r for r in rows if ref in (r["report_id"], r["source"])] or \
                  [r for r in rows if len(ref) >= 8 and r["report_id"].startswith(ref)]
        if not matches:
            raise NotFound(f"没有报告 {ref!r}:用 `rolqa reports` 查看编号和文件名")
        if len(matches) > 1:
            raise BadInput(f"{ref!r} 对应 {len(matches)} 份报告:请用报告编号")
        return matches[0]

    def remove(self, ref: str) -> dict:
        with writer_lock(self.settings):
            row = self.resolve_report(ref)
            self.index.remove(row["report_id"])
        return row

    def search(self, query: str, k: int = 5, filters: dict | None = None) -> list[dict]:
        query, k = validate_question(query), validate_k(k)
        return [hit.to_dict() for hit in self.index.search(query, k, self.allowed(filters))]

    # --- the indicator table (法治指标一览) ---------------------------------------------
    def indicators(self, ids=None, agencies=None, years=None) -> list[dict]:
        """Indicator rows (one per report and indicator), filtered; unknown indicator ids are BadInput."""
        return indicator_rows.rows(self.index, ids, agencies, years)

    def indicator_catalogue(self) -> list[dict]:
        return indicator_rows.catalogue()

    # --- the review (报告审查) -----------------------------------------------------------
    def review(self, refs=None, agencies=None, years=None) -> list[dict]:
        """One review row per report (all, or the reports named by id or file name), filtered by
        agency (substring) and year; an unknown report is NotFound."""
        ids = {self.resolve_report(ref)["report_id"] for ref in refs} if refs else None
        return review_table.query(self.index.catalog, ids, list(agencies or ()) or None, set(years or ()) or None)

    # --- answering ----------------------------------------------------------------
    def ensure_corpus(self, progress=None) -> IngestSummary | None:
        """Index the bundled sample reports when the index is empty (so a first `ask` works)."""
        if self.index.catalog.report_ids() or not SAMPLE_REPORTS.is_dir():
            return None
        return self.ingest([SAMPLE_REPORTS], progress)

    def report(self, ref: str) -> dict:
        """One report's summary row plus its paragraphs (for the UI's citation view and the API)."""
        row = self.resolve_report(ref)
        paragraphs = self.index.catalog.paragraphs(row["report_id"])
        return {**row, "paragraph_list": [self._paragraph_dict(p) for p in paragraphs]}

    def paragraph(self, ref: str, n: int) -> dict:
        """Paragraph `n` of a report, with its neighbours for context."""
        row = self.resolve_report(ref)
        paragraphs = self.index.catalog.paragraphs(row["report_id"])
        by_n = {p.n: p for p in paragraphs}
        if n == 0 and row.get("page"):  # page information (发布日期, 索引号…), cited as paragraph 0
            lines = list(dict.fromkeys(f["quote"] for f in row["page"]))
            page = {"n": 0, "text": "\n".join(lines), "section": "页面信息", "is_heading": False}
            return {"report": row, "paragraph": page, "before": [],
                    "after": [self._paragraph_dict(by_n[i]) for i in (1, 2) if i in by_n]}
        if n not in by_n:
            raise NotFound(f"报告 {row['report_id']} 没有第 {n} 段(共 1–{len(paragraphs)} 段)")
        return {"report": row, "paragraph": self._paragraph_dict(by_n[n]),
                "before": [self._paragraph_dict(by_n[i]) for i in (n - 2, n - 1) if i in by_n],
                "after": [self._paragraph_dict(by_n[i]) for i in (n + 1, n + 2) if i in by_n]}

    def page_view(self, report_id: str, paragraph: int, quote: str) -> dict | None:
        """Where a scanned report's quote is on its page image (see scan_citations.page_view); None for text."""
        from .scan_citations import page_view

        return page_view(self.index, report_id, paragraph, quote)

    @staticmethod
    def _paragraph_dict(p) -> dict:
        return {"n": p.n, "text": p.text, "section": SECTION_SEPARATOR.join(p.section), "is_heading": p.is_heading}

    def resolve_mode(self, mode: str | None) -> str:
        """extractive | llm, from what the user asked: auto means llm when an endpoint is configured."""
        mode = validate_mode(mode)
        if mode == "llm" and not self.settings.llm_configured:
            raise BadInput("LLM 模式需要一个模型服务:请设置 ROLQA_LLM_BASE_URL 和 ROLQA_LLM_MODEL"
                           "(或用 --llm-base-url/--llm-model,或写入 rolqa.toml)")
        if mode == "auto":
            return "llm" if self.settings.llm_configured else "extractive"
        return mode

    def llm(self):
        """The chat-model client, made on first use (importing langchain only in LLM mode)."""
        if self._llm is None:
            from .llm import LLMClient
            self._llm = LLMClient(self.settings)
        return self._llm

    def ask(self, question: str, filters: dict | None = None, mode: str | None = None,
            history: list[dict] | None = None) -> Answer:
        """Answer one question from the reports, with verified citations.

        `mode` is extractive | llm | auto (default auto: llm when an endpoint is
        configured); `history` holds earlier turns [{"role", "content"}] for follow-ups.
        """
        *_, final = self.pipeline.events(*self._prepare(question, filters, mode), validate_history(history),
                                         stream=False)
        return final

    def ask_stream(self, question: str, filters: dict | None = None, mode: str | None = None,
                   history: list[dict] | None = None):
        """Events for a streamed answer: {"type": "token", "text", "draft": true}… then {"type": "final",
        "answer": {…}}.

        Bad input raises here, before the first event. Extractive answers arrive
        whole, so they are one final event; an LLM answer's tokens are the model's
        unverified draft (marked so: a front end shows them as a draft), and the
        final answer is the verified one, which may differ.
        """
        prepared, history = self._prepare(question, filters, mode), validate_history(history)

        def stream():
            for event in self.pipeline.events(*prepared, history, stream=True):
                yield {"type": "final", "answer": event.to_dict()} if isinstance(event, Answer) else event
        return stream()

    def _prepare(self, question, filters, mode) -> tuple[str, set[str] | None, str]:
        mode = self.resolve_mode(mode)
        question = validate_question(question)
        return question, self.allowed(filters), mode

    def allowed(self, filters: dict | None) -> set[str] | None:
        """Report ids passing the filters (None: no filter); filters that match no report are an error,
        not an empty index."""
        allowed = self.index.allowed_reports(**(filters or {}))
        if allowed is not None and not allowed:
            raise NotFound("没有报告符合所给的筛选条件(报告、单位或年度);用 `rolqa reports` 查看已索引的报告")
        return allowed
