"""Aggregate questions about a catalogue indicator, answered from the indicator table.

"哪些单位的行政机关负责人出庭率达到了100%?", "各单位的行政复议案件数量分别是多少?",
"哪个单位的法律援助案件最多?", "哪些报告没有写明公职律师人数?": one column of the
table (one row per report, each with its exact quote) answers these without
scoring every sentence of every report, so the cost does not grow with the
corpus text. Anything else (a single report's fact, a topic outside the
catalogue, a word the indicator does not cover) returns None and goes the
sentence path. Answers keep the contract: every line cites its row's quote.
"""
from __future__ import annotations

import operator
import time

from index.indicators import Indicator
from index.normalize import normalize

from ...contract import Answer, who
from ..asked import Asked
from ..compose import Composer, cn_count, uncited_name
from ..forms import form
from ..question import Question

OPS = {">=": operator.ge, ">": operator.gt, "<": operator.lt, "<=": operator.le, "==": operator.eq, "!=": operator.ne}
OPPOSITE = {">=": "<", ">": "<=", "<": ">=", "<=": ">", "==": "!=", "!=": "=="}


def asks_for(q: Question, ind: Indicator) -> bool:
    """Does the question ask for this indicator and nothing narrower (a rate for a rate, no extra topic word)?"""
    if q.wants_rate != (ind.kind == "rate"):
        return False
    covered = "".join(ind.terms) + normalize(ind.label)
    frame = form("table.frame")
    return all(t in covered or t in frame for t in q.terms)  # "二审行政诉讼案件" asks for more than the table holds


def scope(asked: Asked) -> list[dict] | None:
    """The reports the question is about (all, or those it names by metadata), or None to leave it
    to the sentence route."""
    rows = list(asked.rows.values())
    if not asked.names_something:
        return rows  # matching every report's names costs ~0.2 ms a report: skip it when nothing is named
    targets = asked.table_targets
    if targets.unknown_places or targets.missing_year or targets.other_years:
        return None
    named = set(targets.report_ids) if targets.report_ids is not None else None
    return [r for r in rows if named is None or r["report_id"] in named]


def answer(asked: Asked) -> Answer | None:
    """The table's answer to an aggregate indicator question, or None when the question is not one.

    It reads the question as first analysed (report names still among its words), so that a
    name the table does not cover keeps it from answering for more than it holds."""
    started = time.perf_counter()
    q, index, ask = asked.first, asked.index, asked.first.forms.table
    ind = ask.indicator
    if ind is None or not q.aggregate:
        return None
    not_stated = q.negated
    if not (q.wants_number or ask.data_words) or not asks_for(q, ind):
        return None  # "哪些报告没有提到法律顾问" asks about mentions, not the table's figures
    reports = scope(asked)
    if not reports:
        return None
    ids = {r["report_id"] for r in reports}
    rows = [r for r in index.indicator_rows([ind.id]) if r["report_id"] in ids]
    if asked.names_something and not not_stated and {r["report_id"] for r in rows} != ids:
        return None  # a named report the table has no row for: its sentences may still say it
    w = Writer(Composer(asked.text, {r["report_id"]: r for r in reports}, index))
    status = compose(q, ind, rows, reports, not_stated, w, asked.tuning.answer.listed_missing)
    timings = {"answer": round((time.perf_counter() - started) * 1000, 1)}
    return w.out.answer(status, [f"根据指标表作答({ind.label})"], timings)


def figure(row: dict) -> str:
    """The figure as written, with a period qualifier the figure itself does not show ("917件(1-11月)")."""
    extra = [q for q in row["qualifier"].split("、") if q and q not in row["text"]]
    return row["text"] + (f"({'、'.join(extra)})" if extra else "")


class Writer:
    """The table's lines, written through the one answer writer."""

    def __init__(self, out: Composer):
        self.out = out

    def say(self, key: str, **values) -> None:
        self.out.say("table", key, **values)

    def row(self, row: dict) -> None:
        n = self.out.cite(row["report_id"], row["section"], row["paragraph"], row["quote"])
        self.say("row_line", who=who(self.out.rows[row["report_id"]]), figure=figure(row), quote=row["quote"], n=n)

    def missing(self, report: dict) -> None:
        """A report that does not state the indicator, cited by its title (or first sentence) so it can be opened."""
        n = self.out.cite_opening(report["report_id"])
        if n is not None:
            self.say("missing_line", who=who(report), n=n)


def compose(q: Question, ind: Indicator, rows: list[dict], reports: list[dict], not_stated: bool, w: Writer,
            listed: int) -> str:
    """The answer's lines written with `w`, and its status, for the question's shape: not stated, a
    condition, an extreme, or a list."""
    label = ind.label
    rows = sorted(rows, key=lambda r: (-r["value"], r["source"]))
    stated = {r["report_id"] for r in rows}
    missing = [r for r in reports if r["report_id"] not in stated]
    most, least = q.forms.table.most, q.forms.table.least
    if not_stated:
        if not missing:
            w.say("all_stated", count=cn_count(len(rows)), label=label)
            for r in rows:
                w.row(r)
            return "answered"
        w.say("not_stated_intro", count=cn_count(len(missing)), label=label)
        for r in missing:
            w.missing(r)
        if rows:
            w.say("stated_intro", label=label)
            for r in rows:
                w.row(r)
        return "answered"
    if not rows:
        w.say("none_stated", label=label)
        return "not_found"
    if q.condition:
        op, threshold, _ = q.condition
        op = OPPOSITE[op] if q.forms.table.negated_condition else op
        hits = [r for r in rows if OPS[op](r["value"], threshold)]
        if hits:
            w.say("condition_intro", count=cn_count(len(hits)), label=label)
        else:
            w.say("condition_none", label=label)
        for r in hits:
            w.row(r)
        chosen = {id(r) for r in hits}  # by identity: comparing rows by value made this quadratic
        others = [r for r in rows if id(r) not in chosen]
        if others and not hits:  # a refusal cites what the reports do state
            w.say("condition_others", label=label)
            for r in others:
                w.row(r)
        elif others:
            w.say("others_count", count=cn_count(len(others)), label=label)
        status = "answered" if hits else "not_found"
    elif most != least:
        best = rows[0]["value"] if most else rows[-1]["value"]
        top = [r for r in rows if r["value"] == best]
        w.say("extreme_intro", label=label, extreme=("最高" if ind.kind == "rate" else "最多") if most else
              ("最低" if ind.kind == "rate" else "最少"))
        for r in top:
            w.row(r)
        others = [r for r in rows if r not in top]
        if others:
            w.say("others_intro", label=label)
            for r in others:
                w.row(r)
        status = "answered"
    else:
        w.say("list_intro", label=label)
        for r in rows:
            w.row(r)
        status = "answered"
    if len(missing) > listed:
        w.say("missing_count", count=cn_count(len(missing)), label=label)
    elif missing:  # named, not cited: a citation is for what a report states
        w.say("missing_names", label=label, names="、".join(uncited_name(r) for r in missing))
    return status
