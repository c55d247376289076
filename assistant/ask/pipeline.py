"""The order a question travels, in one place: follow-up → question and targets → routes → (LLM) → check.

`ROUTES` lists the extractive routes in the order they are tried; each takes the
question's record (asked.py) and returns an Answer or None (not its kind of question).

One policy for a failed check: an answer that breaks the contract (a marker
without its citation, a citation never used, a figure no cited quote holds) is
never shown. A route whose answer fails counts as not having answered, and the
next route is tried; when the last one fails too, the question is refused and
the note says why. The LLM's answer comes after the routes: when it fails, the
extractive answer it was meant to improve is shown instead, with a note.
"""
from __future__ import annotations

import time

from ..contract import Answer, check_answer
from ..scan_citations import add_pages
from . import followup, llm_step
from .asked import Asked, build
from .routes import compare, documents, listing, refusal, review, sentences, table
from .tuning import Tuning

ROUTES = (
    refusal.empty_index,  # nothing indexed in scope
    table.answer,  # aggregates over a catalogue indicator, from the indicator table
    review.answer,  # the reports' contents, kinds and publication, from the review (报告审查)
    refusal.answer,  # a named place, agency or year no report is about
    listing.answer,  # which reports are … (level, kind, field, year, script, publication date)
    documents.answer,  # one report as a document: who, when, to whom, page fields
    compare.answer,  # two years of one agency compared, each year's figure from its report
    sentences.answer,  # the reports' own sentences (always answers)
)
NOT_VERIFIED = "报告中未找到可以核实的答案。"


def by_routes(asked: Asked) -> Answer:
    """The first route's answer that passes the check (see the module docstring)."""
    failed: tuple[Answer, list[str]] | None = None
    for route in ROUTES:
        result = route(asked)
        if result is None:
            continue
        problems = check_answer(result)
        if not problems:
            result.timings_ms = {**asked.timings_ms, **result.timings_ms}
            return result
        failed = (result, problems)
    result, problems = failed  # the sentence route always answers, so some route failed
    return Answer(asked.text, "not_found", result.mode, NOT_VERIFIED, [], {**asked.timings_ms, **result.timings_ms},
                  ["答案未通过核对,未予显示:" + ";".join(problems)])


class Pipeline:
    """Runs the stages for one question at a time; the service facade owns one."""

    def __init__(self, index, bank, tuning: Tuning, llm_client, llm_budget: int):
        self.index, self.bank, self.tuning = index, bank, tuning
        self.llm_client = llm_client  # () -> the chat client, made on first use (LLM mode only)
        self.llm_budget = llm_budget  # evidence tokens of the answer prompt

    def events(self, question: str, scope: set[str] | None, mode: str, history, stream: bool):
        """Token events (LLM mode, streaming), then the final Answer object."""
        started = time.perf_counter()
        question, mode, notes = followup.standalone_question(question, history, mode, self.llm_client, self.tuning.followup)
        asked = build(question, self.index, self.bank.refresh(), self.tuning, scope)
        result = by_routes(asked)
        if mode == "llm":
            result = yield from llm_step.events(self.llm_client(), asked, result, self.llm_budget, stream)
        if asked.searched_once and self.index.dense_failed():
            notes.append("向量检索暂时不可用,本次只用关键词检索作答")
        result.notes = notes + result.notes
        result = add_pages(result, self.index)  # a scan's citations: page, OCR, low-confidence figures
        result.timings_ms["total"] = round((time.perf_counter() - started) * 1000, 1)
        yield result
