"""The service facade: every front end (CLI, HTTP API, Gradio page) calls this and nothing else.

It owns the index handle, validates user input and raises only `RolqaError`s,
which each front end translates in one place.
"""
from __future__ import annotations

import time
from pathlib import Path

from index.chunking import SECTION_SEPARATOR
from index.config import Settings
from index.errors import BadInput, NotFound
from index.pipeline import IngestSummary, ingest_paths
from index.store import Index

from . import extractive, followup, indicator_rows, llm_answer, table_answer
from .bank import SentenceBank
from .contract import Answer, check_answer
from .health import health_report, writer_lock
from .question import analyse

SAMPLE_REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"

MAX_QUESTION_CHARS = 2000
MAX_K = 100


def validate_question(question) -> str:
    if not isinstance(question, str) or not question.strip():
        raise BadInput("问题为空:请输入一个问题")
    try:
        question.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ("\ud800") from a JSON body is not text
        raise BadInput("问题中含有无效字符(不是有效的 Unicode 文本)")
    if len(question) > MAX_QUESTION_CHARS:
        raise BadInput(f"问题太长({len(question)} 个字符;最多 {MAX_QUESTION_CHARS} 个)")
    return question.strip()


MODES = ("auto", "extractive", "llm")


def validate_mode(mode) -> str:
    if mode is not None and mode not in MODES:
        raise BadInput(f"回答方式 mode 只能是 {', '.join(MODES)} 之一")
    return mode or "auto"


def validate_k(k) -> int:
    if not isinstance(k, int) or isinstance(k, bool) or not 1 <= k <= MAX_K:
        raise BadInput(f"k 必须是 1 到 {MAX_K} 之间的整数")
    return k


class Assistant:
    def __init__(self, settings: Settings, index: Index | None = None):
        self.settings = settings
        self.index = index or Index(settings)
        self.bank = SentenceBank(self.index)
        self._llm = None

    # --- the index ----------------------------------------------------------------
    def ingest(self, paths: list[Path], progress=None, overrides: dict | None = None, on_wait=None) -> IngestSummary:
        """Index files and folders; `overrides` ({"agency", "year", "title"}) correct their metadata."""
        with writer_lock(self.settings, on_wait):
            return ingest_paths(self.index, [Path(p) for p in paths], progress, overrides)

    def ingest_upload(self, filename: str, data: bytes) -> dict:
        """Index one uploaded file: its bytes are stored under a generated name (see web/uploads.py),
        then indexed like a stored upload."""
        from .web.uploads import store_upload

        path, source = store_upload(self.settings, filename, data)
        return self.ingest_stored(path, source)

    def ingest_stored(self, path: Path, source: str) -> dict:
        """Index an upload already stored under $ROLQA_HOME/uploads; the server's ingest jobs run this.

        It goes through the same atomic ingest as `rolqa ingest`, so running it
        again after a crash is safe; a file that cannot be indexed (or changed
        nothing) is deleted again, and a failure is reported as UnsupportedFile.
        """
        from index.errors import UnsupportedFile
        from index.pipeline import ingest_file

        with writer_lock(self.settings):
            result = ingest_file(self.index, path, source=source)
        if result.status in ("failed", "unchanged"):
            path.unlink(missing_ok=True)
        if result.status == "failed":
            raise UnsupportedFile(f"{source}:{result.reason}")
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
        *_, final = self._events(*self._prepare(question, filters, mode), history, stream=False)
        return final

    def ask_stream(self, question: str, filters: dict | None = None, mode: str | None = None,
                   history: list[dict] | None = None):
        """Events for a streamed answer: {"type": "token", "text"}… then {"type": "final", "answer": {…}}.

        Bad input raises here, before the first event. Extractive answers arrive
        whole, so they are one final event; an LLM answer's tokens are the
        model's raw text, and the final answer is the verified one (it may differ).
        """
        prepared = self._prepare(question, filters, mode)

        def stream():
            for event in self._events(*prepared, history, stream=True):
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

    def _standalone(self, question: str, history, mode: str) -> tuple[str, str, list[str]]:
        """(standalone question, mode, notes): follow-ups rewritten with the LLM, or by rule without one."""
        if not followup.user_turns(history):
            return question, mode, []
        notes = []
        if mode == "llm":
            from .llm import LLMUnavailable
            try:
                rewritten = llm_answer.rewrite(self.llm(), question, history)
            except LLMUnavailable as exc:  # the answer call would fail the same way: go extractive now
                rewritten, mode = followup.standalone(question, history), "extractive"
                notes.append(f"{exc.message};{llm_answer.SHOWN}")
        else:
            rewritten = followup.standalone(question, history)
        if rewritten != question and len(rewritten) <= MAX_QUESTION_CHARS:
            notes.insert(0, f"追问理解为:{rewritten}")
            return rewritten, mode, notes
        return question, mode, notes

    def _extractive(self, question: str, allowed: set[str] | None) -> Answer:
        # Aggregate questions about a catalogue indicator are answered from the indicator table.
        result = table_answer.answer(question, self.index, allowed) or \
            extractive.answer(question, self.index, self.bank.refresh(), allowed)
        problems = check_answer(result)
        if problems:  # never show an answer that breaks the contract
            result = Answer(question, "not_found", result.mode, "报告中未找到可以核实的答案。", [],
                            result.timings_ms, ["答案未通过核对,未予显示:" + ";".join(problems)])
        return result

    def _events(self, question: str, allowed: set[str] | None, mode: str, history, stream: bool):
        """Token events (LLM mode, streaming), then the final Answer object."""
        started = time.perf_counter()
        question, mode, notes = self._standalone(question, history, mode)
        result = self._extractive(question, allowed)
        if mode == "llm":
            result = yield from llm_answer.events(self.llm(), self.index, self.bank.refresh(), question, result, allowed,
                                                  self.settings.llm_context_tokens, stream)
        if self.index.dense_failed():
            notes.append("向量检索暂时不可用,本次只用关键词检索作答")
        result.notes = notes + result.notes
        result.timings_ms["total"] = round((time.perf_counter() - started) * 1000, 1)
        yield result
