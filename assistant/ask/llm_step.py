"""The LLM step: evidence blocks → answer prompt → model → verification → the answer, or the extractive one.

Not a route: a post-step in LLM mode only. It runs after the extractive routes, on the same record (analysis, targets,
search hits). The model writes the prose; it never has the last word. Its
answer reaches the user only after `verify` removed every sentence whose
figures are not in the evidence it cites and `check_answer` passed; otherwise
the grounded extractive answer (computed first, always) is shown with a note
saying why. This module talks to the model only through the client it is given.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

from index.chunking import SECTION_SEPARATOR, count_tokens
from index.normalize import normalize

from ..contract import Answer, check_answer
from ..prompts import prompt_text, render
from .asked import Asked
from .question import place_candidates
from .report_names import canonical_place, report_places
from .verify import Block, Verified, verify

SHOWN = "已改用摘录原文的答案"


def fallback(extractive: Answer, why: str, timings: dict | None = None) -> Answer:
    """The extractive answer, with the reason the LLM's was not shown."""
    return Answer(extractive.question, extractive.status, "extractive", extractive.answer,
                  list(extractive.citations), dict(timings or extractive.timings_ms), [*extractive.notes, why])


def out_of_scope(asked: Asked) -> str | None:
    """A reason not to ask the model: the question names a place, agency or year no report covers."""
    targets = asked.targets
    if targets.unknown_places or targets.unknown_agency or (targets.missing_year and not targets.other_years):
        return "已索引的报告不涉及所问的地方、单位或年度,未调用 LLM"
    return None


def make_block(n: int, row: dict, para) -> Block:
    return Block(n, row["report_id"], row["source"], row.get("title"), row.get("agency"), row.get("year"),
                 SECTION_SEPARATOR.join(para.section), para.n, para.text, list(para.sentences))


def format_block(block: Block) -> str:
    """One evidence block as the model sees it: [n] on its own line, then where it comes from, then the text."""
    who = block.agency or block.title or block.source
    year = f"{block.year}年度" if block.year else "年度未知"
    return f"[{block.n}]\n单位:{who} | 年度:{year} | 章节:{block.section or '(无)'} | 第{block.paragraph}段\n{block.text}"


def cost(block: Block) -> int:
    return count_tokens(format_block(block)) + 2  # the blank line between blocks


def window(block: Block, i: int, j: int) -> Block:
    """Sentences i..j of the block's paragraph (still an exact substring of it)."""
    first, last = block.sentences[i], block.sentences[j]
    start = block.text.find(first)
    end = block.text.find(last, start + sum(len(x) for x in block.sentences[i:j])) + len(last)
    return replace(block, quote=block.text[start:end], sentences=block.sentences[i:j + 1])


def fit(block: Block, quote: str, left: int) -> Block | None:
    """A paragraph too long for the budget shrinks to the sentences around the quote it was cited for."""
    if cost(block) <= left:
        return block
    inside = [k for k, sentence in enumerate(block.sentences) if sentence in quote or quote in sentence]
    if not inside:
        return None
    i, j = inside[0], inside[-1]
    if cost(window(block, i, j)) > left:
        return None
    while True:
        grown = [(a, b) for a, b in ((i, j + 1), (i - 1, j)) if 0 <= a and b < len(block.sentences)]
        grown = [(a, b) for a, b in grown if cost(window(block, a, b)) <= left]
        if not grown:
            return window(block, i, j)
        i, j = grown[0]


def evidence_blocks(asked: Asked, extractive: Answer, budget: int) -> list[Block]:
    """Paragraphs the extractive answer cites first (its sentence-level choice), then the top hybrid
    hits (of the chosen reports and the named ones of other years), without repeats, as long as
    they fit the token budget."""
    index = asked.index
    quotes = {(c.report_id, c.paragraph): c.quote for c in extractive.citations}
    hits = [(h.report_id, p) for h in asked.hits()[:asked.tuning.search.llm_hits]
            for p in range(h.paragraph, h.para_end + 1)]
    rows, paragraphs, blocks, used = index.report_rows(), {}, [], 0
    for report_id, n in dict.fromkeys([*quotes, *hits]):
        if report_id not in rows:
            continue
        if report_id not in paragraphs:
            paragraphs[report_id] = {p.n: p for p in index.paragraphs(report_id)}
        para = paragraphs[report_id].get(n)
        if para is None or not para.text.strip() or (para.is_heading and (report_id, n) not in quotes):
            continue
        block = make_block(len(blocks) + 1, rows[report_id], para)
        if (report_id, n) in quotes and block.sentences:
            block = fit(block, quotes[report_id, n], budget - used)
        if block is not None and used + cost(block) <= budget:
            blocks.append(block)
            used += cost(block)
    return blocks


def answer_prompt(question: str, blocks: list[Block]) -> str:
    return render(prompt_text("answer"), evidence="\n\n".join(format_block(b) for b in blocks), question=question)


def repair_notes(verified: Verified) -> list[str]:
    """Why the shown text is shorter than the model's; the removed sentences themselves are not repeated."""
    notes = []
    if verified.removed:
        reasons = ";".join(dict.fromkeys(why for why, _ in verified.removed))
        notes.append(f"核对时删除了 {len(verified.removed)} 句没有依据的话:{reasons}")
    if verified.bad_markers:
        notes.append(f"去掉了指向不存在证据的引用标记:{verified.bad_markers}")
    return notes


def asked_places(asked: Asked) -> set[str] | None:
    """The places a question is about, full and short forms with those of its reports (广州市 + 广州 +
    增城区 + 增城…), or None when it names none (then an answer may be about any report's place)."""
    if not asked.first.places:
        return None
    forms = {f for p in asked.first.places for f in (p, canonical_place(p))}
    return forms | {f for r in asked.chosen for f in report_places(r)}


def finish(question: str, reply: str, blocks: list[Block], extractive: Answer, timings: dict,
           allowed_places: set[str] | None = None) -> Answer:
    """The verified LLM answer, its not-found form, or the extractive fallback."""
    verified = verify(reply, blocks, question, places=lambda text: place_candidates(normalize(text)),
                      allowed_places=allowed_places)
    notes = repair_notes(verified)
    if verified.not_found and extractive.status == "not_found" and extractive.answer:
        return Answer(question, "not_found", "extractive", extractive.answer, list(extractive.citations),
                      timings, [*extractive.notes, "LLM 在证据中也没有找到答案"])
    if not verified.supported:
        why = "LLM 的答案没有一句得到所引证据的支持"
        return fallback(extractive, f"{why}(删除了 {len(verified.removed)} 句);{SHOWN}", timings)
    status = "not_found" if verified.not_found else "answered"
    answer = Answer(question, status, "llm", verified.text, verified.citations, timings, notes)
    problems = check_answer(answer)
    if problems:
        return fallback(extractive, "LLM 的答案未通过核对,未予显示:" + ";".join(problems), timings)
    return answer


def events(client, asked: Asked, extractive: Answer, budget: int, stream: bool) -> Iterator[dict]:
    """Token events while the model writes (when `stream`); returns the final Answer (via `yield from`)."""
    from ..llm import LLMUnavailable, without_thinking

    question = asked.text
    reason = out_of_scope(asked)
    if reason:
        return fallback(extractive, reason)
    started = time.perf_counter()
    blocks = evidence_blocks(asked, extractive, budget)
    if not blocks:
        return fallback(extractive, f"没有可以交给 LLM 的证据段落;{SHOWN}")
    timings = {**extractive.timings_ms, "evidence": round((time.perf_counter() - started) * 1000, 1)}
    prompt, generated = answer_prompt(question, blocks), time.perf_counter()
    try:
        if stream:
            pieces = []
            for piece in client.stream(prompt):
                pieces.append(piece)
                yield {"type": "token", "text": piece, "draft": True}  # the model's unverified draft
            reply = without_thinking("".join(pieces))  # a reasoning block whose opening tag the server ate
        else:
            reply = client.complete(prompt)
    except LLMUnavailable as exc:
        timings["llm"] = round((time.perf_counter() - generated) * 1000, 1)
        return fallback(extractive, f"{exc.message};{SHOWN}", timings)
    timings["llm"] = round((time.perf_counter() - generated) * 1000, 1)
    return finish(question, reply, blocks, extractive, timings, asked_places(asked))
