"""HTML and plain text for the chat page, built from the service's dicts.

Report text, questions and answers are untrusted (a report may contain
`<script>` or `<img onerror=…>`), so every piece of them passes `html.escape`
here before it is put into markup; nothing else in the page builds HTML from
data. Citations become `<button class="rq-cite" data-turn data-n>` that the
page's script turns into a click event.
"""
from __future__ import annotations

import re
from html import escape

from ..contract import MARKER


def e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def where(c: dict) -> str:
    """"广州市增城区城管局 · 2023年度 · 一、… › (一)… · 第7段" for a citation or paragraph context."""
    parts = [c.get("agency") or c.get("source"), f"{c['year']}年度" if c.get("year") else None,
             c.get("section") or None, f"第{c['paragraph']}段" if c.get("paragraph") else None]
    return " · ".join(str(p) for p in parts if p)


# --- the conversation -------------------------------------------------------------
def cite_button(turn: int, n: int) -> str:
    return f'<button type="button" class="rq-cite" data-turn="{turn}" data-n="{n}" title="查看原文">[{n}]</button>'


def answer_text_html(text: str, turn: int, numbers: set[int]) -> str:
    """Escaped answer text with each known [n] as a clickable citation and line breaks kept."""
    def link(match: re.Match) -> str:
        n = int(match.group(1))
        return cite_button(turn, n) if n in numbers else match.group(0)

    return MARKER.sub(link, e(text)).replace("\n", "<br>")


def sources_html(answer: dict, turn: int) -> str:
    items = [f'<li>{cite_button(turn, c["n"])} <span class="rq-where">{e(where(c))}</span>'
             f'<q class="rq-quote">{e(c["quote"])}</q></li>' for c in answer.get("citations", [])]
    return f'<ol class="rq-sources">{"".join(items)}</ol>' if items else ""


def notes_html(answer: dict) -> str:
    """The answer's notes (how it was reached: 追问理解为…, 根据指标表作答, the LLM's answer replaced by
    the extractive one, sentences removed, keyword retrieval only…), under the answer text."""
    items = "".join(f"<li>{e(note)}</li>" for note in answer.get("notes") or [])
    return f'<ul class="rq-notes" aria-label="说明">{items}</ul>' if items else ""


def answer_html(answer: dict, turn: int) -> str:
    numbers = {c["n"] for c in answer.get("citations", [])}
    status = "rq-answered" if answer.get("status") == "answered" else "rq-not-found"
    return (f'<div class="rq-a {status}"><div class="rq-text">{answer_text_html(answer["answer"], turn, numbers)}'
            f'</div>{notes_html(answer)}{sources_html(answer, turn)}<div class="rq-tools">'
            f'<button type="button" class="rq-copy">复制答案和来源</button>'
            f'<textarea class="rq-plain" readonly hidden>{e(plain_answer(answer))}</textarea></div></div>')


def turn_html(turn: dict, i: int) -> str:
    question = f'<div class="rq-q">{e(turn["question"])}</div>'
    if turn.get("answer"):
        body = answer_html(turn["answer"], i)
    elif turn.get("error"):
        body = f'<div class="rq-a rq-error">{e(turn["error"])}</div>'
    else:
        draft = '<div class="rq-draft">草稿,尚未核对:核对后可能删改,以最终答案为准</div>' if turn.get("partial") else ""
        body = f'<div class="rq-a rq-pending">{draft}{e(turn.get("partial", ""))}<span class="rq-cursor">▍</span></div>'
    return f'<div class="rq-turn">{question}{body}</div>'


def transcript_html(turns: list[dict]) -> str:
    if not turns:
        return ('<div class="rq-chat"><div class="rq-empty">请输入问题,或点击下方的示例问题。'
                '答案中的 [1] [2] … 可点击查看报告原文。</div></div>')
    return f'<div class="rq-chat">{"".join(turn_html(t, i) for i, t in enumerate(turns))}</div>'


def plain_answer(answer: dict) -> str:
    """The answer and its sources as plain text, for the copy button."""
    lines = [f"问:{answer.get('question', '')}", f"答:{answer['answer']}"]
    lines += [f"说明:{note}" for note in answer.get("notes") or []]
    if answer.get("citations"):
        lines.append("来源:")
    for c in answer.get("citations", []):
        lines += [f"[{c['n']}] {where(c)}({c['source']})", f"    “{c['quote']}”"]
    return "\n".join(lines)


# --- report text --------------------------------------------------------------------
def mark_quote(text: str, quote: str | None) -> str:
    """Escaped paragraph text with the quote in <mark>; whitespace may differ between the two."""
    chars = [re.escape(ch) for ch in (quote or "") if not ch.isspace()]
    match = re.search(r"\s*".join(chars), text) if chars else None
    if not match:
        return e(text)
    return f"{e(text[:match.start()])}<mark>{e(match.group())}</mark>{e(text[match.end():])}"


def report_meta_html(row: dict) -> str:
    facts = " · ".join(e(x) for x in (row.get("agency") or "单位未知", f"{row['year']}年度" if row.get("year") else
                                      "年度未知", row.get("source")) if x)
    return f'<div class="rq-meta"><div class="rq-title">{e(row.get("title") or row.get("source"))}</div>' \
           f'<div class="rq-facts">{facts}</div></div>'


def paragraph_html(p: dict, css: str, body: str | None = None) -> str:
    tag = "h4" if p.get("is_heading") else "p"
    return f'<{tag} class="rq-para {css}"><span class="rq-n">{p["n"]}</span>{body or e(p["text"])}</{tag}>'


def context_html(ctx: dict, quote: str | None = None) -> str:
    """A cited paragraph in its context: report, section path, neighbours, the quote highlighted."""
    p = ctx["paragraph"]
    return (f'<div class="rq-context"><div class="rq-head">{report_meta_html(ctx["report"])}'
            f'<div class="rq-section">{e(p["section"] or "(正文)")} · 第{p["n"]}段</div></div>'
            + "".join(paragraph_html(x, "rq-near") for x in ctx["before"])
            + paragraph_html(p, "rq-cited", mark_quote(p["text"], quote))
            + "".join(paragraph_html(x, "rq-near") for x in ctx["after"]) + "</div>")


def warning_summary(warnings: list[str]) -> str:
    """One Chinese line for a report's ingest warnings. The warnings themselves quote the garbled
    characters they repaired or removed, which a reader should not see (`rolqa reports` and the API
    show them to whoever manages the index; the page points to nothing a reader cannot open)."""
    return f"导入时自动处理了 {len(warnings)} 处问题(修复或删去乱码、格式提示),所示原文为处理后的文字。" if warnings else ""


def report_html(report: dict) -> str:
    """A whole report, paragraph by paragraph, with a note when its ingest had warnings."""
    warnings = e(warning_summary(report.get("warnings", [])))
    warnings = f"<li>{warnings}</li>" if warnings else ""
    paragraphs = "".join(paragraph_html(p, "rq-full") for p in report["paragraph_list"])
    return (f'<div class="rq-context"><div class="rq-head">{report_meta_html(report)}</div>'
            + (f'<ul class="rq-warnings">{warnings}</ul>' if warnings else "") + paragraphs + "</div>")


def reports_html(rows: list[dict]) -> str:
    """The indexed reports, each openable, with warnings flagged."""
    if not rows:
        return '<div class="rq-empty">还没有索引任何报告。</div>'
    items = []
    for r in rows:
        summary = warning_summary(r.get("warnings", []))
        warn = f'<div class="rq-warn">⚠ {e(summary)}</div>' if summary else ""
        items.append(f'<li><button type="button" class="rq-open" data-report="{e(r["report_id"])}">'
                     f'{e(r.get("agency") or "单位未知")} · {e(r.get("year") or "年度未知")}</button>'
                     f'<div class="rq-src">{e(r["source"])} · {r.get("paragraphs", 0)}段</div>{warn}</li>')
    return f'<ul class="rq-reports">{"".join(items)}</ul>'
