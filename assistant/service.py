"""The service facade: every front end (CLI, HTTP API, Gradio page) calls this and nothing else.

It owns the index handle, validates user input and raises only `RolqaError`s,
which each front end translates in one place.
"""
from __future__ import annotations

import logging
from pathlib import Path

from index.chunking import SECTION_SEPARATOR
from index import numerals
from index.config import Settings
from index.errors import BadInput, NotFound, RolqaError, storage_problem
from index.locks import writer_lock
from index.pipeline import IngestSummary, ingest_paths
from index.store import Index

from . import indicator_rows
from .ask.evidence.bank import SentenceBank
from .ask.pipeline import Pipeline
from .ask.question import analyse
from .ask.tuning import Tuning, load_tuning
from .contract import Answer, validate_history, validate_k, validate_mode, validate_question
from .health import health_report

log = logging.getLogger("rolqa.service")
SAMPLE_REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"
audit_log = logging.getLogger("rolqa.questions")  # one line per question: who asked what


def normalise_filters(report_ids=None, agencies=None, years=None) -> dict:
    """The one reading of the report, agency and year filters every front end passes on as the user
    gave them (flags, JSON, the page's boxes): blanks dropped, years as integers, None where there is
    no filter. A lone value counts as a list of one."""
    def values(given) -> list:
        given = [given] if isinstance(given, (str, int)) else list(given or ())
        return [str(v).strip() for v in given if str(v).strip()]

    try:
        year_set = {int(y) for y in values(years)}
    except ValueError:
        raise BadInput("年度必须是整数,例如 2023") from None
    return {"report_ids": set(values(report_ids)) or None, "agencies": values(agencies) or None,
            "years": year_set or None}


class Assistant:
    def __init__(self, settings: Settings, index: Index | None = None, tuning: Tuning | None = None):
        self.settings = settings
        self.index = index or Index(settings)
        self.tuning = tuning or load_tuning()  # the numbers answering decides with (prompts/thresholds.toml)
        self.bank = SentenceBank(self.index, self.tuning)
        self.pipeline = Pipeline(self.index, self.bank, self.tuning, self.llm, settings.llm_context_tokens)
        self._llm = None
        self.derived_problems = self.update_derived()

    def update_derived(self) -> list[str]:
        """At start-up: the derived tables (indicator rows, reviews) brought to their current rules under the
        writer lock, so no question ever rewrites them. Skipped while another process writes (its ingest
        updates them) or when the home cannot be written (questions read the tables as they are)."""
        try:
            with writer_lock(self.settings, wait=False) as held:
                return self.index.update_derived() if held else []
        except (OSError, RolqaError) as exc:  # a read-only or full home: answering still reads
            log.info("derived tables not updated: %s", exc)
            return []

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
        from index.upload import index_upload

        if isolate:
            from .ingest_process import run

            result = run(self.settings, path, source)
        else:
            result = index_upload(self.index, path, source)
        self.index.refresh_keyword()
        return {**result, "report": self.resolve_report(result["report_id"])}

    def reports(self) -> list[dict]:
        return self.index.reports()

    def has_reports(self) -> bool:
        return bool(self.index.report_ids())

    def report_text(self, report_id: str) -> str:
        """A report's stored text with its page lines: what every quote of it is a substring of."""
        row = self.index.report_rows().get(report_id) or self.resolve_report(report_id)
        report = self.index.report(report_id)
        return "\n".join([report.text if report else ""] + [f["quote"] for f in row.get("page") or []])

    def health(self) -> dict:
        """{"status": "ok" | "degraded", "checks": {catalog, vectors, embedder, llm}} (see health.py)."""
        return health_report(self)

    def warm_up(self) -> None:
        """Open every store once, before the first request (the server calls this under its start-up lock).

        A vector store that cannot be opened is left for later: answers fall back
        to keyword retrieval and /api/health reports it.
        """
        self.index.report_ids()
        self.index.keyword().mask(set())  # with it the chunk -> report map and the chunks' positions
        self.index.chunks_of(set())  # the report -> chunks map a search within named reports reads
        self.bank.refresh()  # the sentence forms of every report: 2-3 s at 10,000 reports
        analyse("法治工作")  # loads jieba's dictionary and the place names (about a second)
        numerals.value_of("一百二十")  # cn2an compiles its patterns on first use (0.2 s)
        self.index.embedder
        try:
            self.index.vectors
        except Exception:  # noqa: BLE001 - reported by health(); keyword answers still work
            pass
        self._warm_question()

    def _warm_question(self) -> None:
        """One question about one report through every stage, so the first user's question does not pay
        for what is made on first use (patterns of the reading stage, a search within named reports,
        the embedder's connection). Nothing is kept of its answer."""
        row = next(iter(self.index.report_rows().values()), None)
        if row and row.get("agency") and row.get("year"):
            try:
                self.ask(f"{row['agency']}{row['year']}年共办理行政复议案件多少件?", mode="extractive")
            except RolqaError as exc:  # a store that is down is reported by health(), not here
                log.info("warm-up question not answered: %s", exc)

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
        try:
            with writer_lock(self.settings):
                row = self.resolve_report(ref)
                self.index.remove(row["report_id"])
        except RolqaError:
            raise
        except Exception as exc:  # noqa: BLE001 - SQLite, Chroma and the OS each say a full disk their way
            problem = storage_problem(exc, self.settings.home, f"删除报告 {ref} 的操作")
            if problem is None:
                raise
            raise problem from None
        return row

    def search(self, query: str, k: int = 5, filters: dict | None = None) -> list[dict]:
        query, k = validate_question(query, self.settings.max_question_chars), validate_k(k)
        return [hit.to_dict() for hit in self.index.search(query, k, self.allowed(filters))]

    # --- the indicator table (法治指标一览) ---------------------------------------------
    def indicators(self, ids=None, agencies=None, years=None) -> list[dict]:
        """Indicator rows (one per report and indicator), filtered; unknown indicator ids are BadInput."""
        chosen = normalise_filters(None, agencies, years)
        return indicator_rows.rows(self.index, ids, chosen["agencies"], chosen["years"])

    def indicator_catalogue(self) -> list[dict]:
        return indicator_rows.catalogue()

    # --- the review (报告审查) -----------------------------------------------------------
    def review(self, refs=None, agencies=None, years=None) -> list[dict]:
        """One review row per report (all, or the reports named by id or file name), filtered by
        agency (substring) and year; an unknown report is NotFound."""
        chosen = normalise_filters(refs, agencies, years)
        ids = {self.resolve_report(ref)["report_id"] for ref in chosen["report_ids"]} if chosen["report_ids"] else None
        return self.index.review_rows(ids, chosen["agencies"], chosen["years"])

    # --- answering ----------------------------------------------------------------
    def ensure_corpus(self, progress=None) -> IngestSummary | None:
        """Index the bundled sample reports when the index is empty (so a first `ask` works)."""
        if self.has_reports() or not SAMPLE_REPORTS.is_dir():
            return None
        return self.ingest([SAMPLE_REPORTS], progress)

    def report(self, ref: str) -> dict:
        """One report's summary row plus its paragraphs (for the UI's citation view and the API)."""
        row = self.resolve_report(ref)
        paragraphs = self.index.paragraphs(row["report_id"])
        return {**row, "paragraph_list": [self._paragraph_dict(p) for p in paragraphs]}

    def paragraph(self, ref: str, n: int) -> dict:
        """Paragraph `n` of a report, with its neighbours for context."""
        row = self.resolve_report(ref)
        paragraphs = self.index.paragraphs(row["report_id"])
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
        return self._noted(final)

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
                yield {"type": "final", "answer": self._noted(event).to_dict()} if isinstance(event, Answer) else event
        return stream()

    def _prepare(self, question, filters, mode) -> tuple[str, set[str] | None, str]:
        mode = self.resolve_mode(mode)
        question = validate_question(question, self.settings.max_question_chars)
        return question, self.allowed(filters), mode

    def _noted(self, answer: Answer) -> Answer:
        """A question longer than the embedded head says so: its vector search read only that head."""
        cut = self.settings.query_embed_chars
        if 0 < cut < len(answer.question):
            answer.notes.append(f"问题较长:向量检索只读了问题的前 {cut} 个字(关键词检索读了全部)")
        return answer

    def audit(self, user: str | None, question) -> None:
        """The audit line of a question: the portal's user (X-Portal-User) and what was asked, as repr
        (a newline in either cannot forge a log line), cut to a sane length."""
        audit_log.info("question from user %r: %r", (user or "-")[:200], str(question)[:500])

    def allowed(self, filters: dict | None) -> set[str] | None:
        """Report ids passing the filters (None: no filter); filters that match no report are an error,
        not an empty index."""
        allowed = self.index.allowed_reports(**normalise_filters(**(filters or {})))
        if allowed is not None and not allowed:
            raise NotFound("没有报告符合所给的筛选条件(报告、单位或年度);用 `rolqa reports` 查看已索引的报告")
        return allowed
