"""The service facade: every front end (CLI, HTTP API, Gradio page) calls this and nothing else.

It owns the index handle, validates user input and raises only `RolqaError`s,
which each front end translates in one place.
"""
from __future__ import annotations

import time
from pathlib import Path

from index.config import Settings
from index.errors import BadInput, NotFound
from index.pipeline import IngestSummary, ingest_paths
from index.store import Index

from . import extractive
from .bank import SentenceBank
from .contract import Answer, check_answer

SAMPLE_REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"

MAX_QUESTION_CHARS = 2000
MAX_K = 100


def validate_question(question) -> str:
    if not isinstance(question, str) or not question.strip():
        raise BadInput("the question is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise BadInput(f"the question is too long ({len(question)} characters; at most {MAX_QUESTION_CHARS})")
    return question.strip()


def validate_k(k) -> int:
    if not isinstance(k, int) or isinstance(k, bool) or not 1 <= k <= MAX_K:
        raise BadInput(f"k must be a whole number from 1 to {MAX_K}")
    return k


class Assistant:
    def __init__(self, settings: Settings, index: Index | None = None):
        self.settings = settings
        self.index = index or Index(settings)
        self.bank = SentenceBank(self.index)

    # --- the index ----------------------------------------------------------------
    def ingest(self, paths: list[Path], progress=None) -> IngestSummary:
        return ingest_paths(self.index, [Path(p) for p in paths], progress)

    def reports(self) -> list[dict]:
        return self.index.reports()

    def resolve_report(self, ref: str) -> dict:
        """A report by id, id prefix (8+ chars) or source file name."""
        rows = self.index.reports()
        matches = [r for r in rows if ref in (r["report_id"], r["source"])] or \
                  [r for r in rows if len(ref) >= 8 and r["report_id"].startswith(ref)]
        if not matches:
            raise NotFound(f"no report {ref!r}: see `rolqa reports` for ids and sources")
        if len(matches) > 1:
            raise BadInput(f"{ref!r} names {len(matches)} reports; use a report id")
        return matches[0]

    def remove(self, ref: str) -> dict:
        row = self.resolve_report(ref)
        self.index.remove(row["report_id"])
        return row

    def search(self, query: str, k: int = 5, filters: dict | None = None) -> list[dict]:
        query, k = validate_question(query), validate_k(k)
        allowed = self.index.allowed_reports(**(filters or {}))
        return [hit.to_dict() for hit in self.index.search(query, k, allowed)]

    # --- answering ----------------------------------------------------------------
    def ensure_corpus(self, progress=None) -> IngestSummary | None:
        """Index the bundled sample reports when the index is empty (so a first `ask` works)."""
        if self.index.catalog.report_ids() or not SAMPLE_REPORTS.is_dir():
            return None
        return self.ingest([SAMPLE_REPORTS], progress)

    def ask(self, question: str, filters: dict | None = None) -> Answer:
        """Answer one question from the reports, with verified citations."""
        question = validate_question(question)
        allowed = self.index.allowed_reports(**(filters or {}))
        started = time.perf_counter()
        result = extractive.answer(question, self.index, self.bank.refresh(), allowed)
        problems = check_answer(result)
        if problems:  # never show an answer that breaks the contract
            result = Answer(question, "not_found", result.mode, "报告中未找到可以核实的答案。", [],
                            result.timings_ms, ["withheld: " + "; ".join(problems)])
        result.timings_ms["total"] = round((time.perf_counter() - started) * 1000, 1)
        return result
