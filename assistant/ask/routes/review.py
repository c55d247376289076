"""Questions over the review (报告审查), answered from it, complete and cited.

- which reports lack a content, or have it only inside another part: "哪些报告缺少下一年度工作安排?",
  "哪些报告没有单独写党政主要负责人履行第一责任人职责的情况?";
- which reports were made public after the deadline: "哪些报告是4月1日以后才公开的?";
- which documents are not annual reports: "哪份材料不是年度报告?";
- whether one report has a content: "花都区的报告有没有写存在的不足?" (its quote, or an honest 没有找到);
- what a content of one report says: "增城区城管局存在哪些问题和不足?", "花都区2024年有哪些工作安排?":
  the items of that part, in order, each cited (not one sentence from elsewhere).

A report whose text may be cut is never said to lack a content: it is named apart as 无法判断.
"""
from __future__ import annotations

import re
from datetime import date

from index.numerals import SMALL
from index.structure import heading_level

from ...contract import Answer, who
from ...prompts import fill
from ..asked import Asked
from ..compose import Composer, cn_count, uncited_name

ENUMERATION = re.compile(rf"^\s*(?:[{SMALL}]+是|[(（][{SMALL}\d]+[)）]|[{SMALL}]+、|\d+[.、．]|首先|其次|再次|最后)")
MAX_ITEMS = 12


NOTE = "根据报告审查作答(rolqa review)"
def answer(asked: Asked) -> Answer | None:
    """The review's answer to a question about the reports' contents, kinds or publication; None otherwise
    (and when the review rules do not parse: `rolqa review` says why)."""
    rules, ask = asked.index.review_rules(), asked.question.forms.review
    if rules is None:
        return None
    if ask.not_annual or ask.plan:
        return kinds(asked, ask.plan)
    if ask.publication:
        return publication(asked, ask.publication == "late", ask.deadline_day)
    if ask.part is None:
        return None
    label = rules.parts[ask.part].label
    if ask.which and not asked.targets.report_ids:
        return part_listing(asked, ask.part, label, separate=ask.separate, absent=ask.absent)
    chosen = reports_for(asked, ask.part)
    if not chosen:
        return None
    if ask.yes_no:
        return has_part(asked, ask.part, label, chosen)
    if ask.describe and ask.part != "leaders":
        return describe(asked, ask.part, label, chosen)
    return None


def reports_for(asked: Asked, part: str) -> list[dict]:
    """The reports a question about one content names; the next year's plans of 2024 are in the 2023 report."""
    if not asked.targets.report_ids and not asked.targets.other_years:
        return []
    ids = set(asked.targets.report_ids or ()) | (set(asked.targets.other_years) if part == "next_year" else set())
    years = asked.question.years
    rows = [asked.rows[i] for i in ids if i in asked.rows]
    if years and part == "next_year":
        rows = [r for r in rows if r.get("year") in years or (r.get("year") or 0) + 1 in years]
    elif years:
        rows = [r for r in rows if r.get("year") in years]
    return sorted(rows, key=lambda r: (r.get("year") or 0, r["source"]))


def reviews(asked: Asked, ids=None) -> list[dict]:
    """The stored review rows of the reports in scope (or of `ids` among them)."""
    scope = set(asked.rows) if ids is None else set(ids) & set(asked.rows)
    return asked.index.review_rows(scope)


def writer(asked: Asked) -> Composer:
    return Composer(asked.text, asked.rows, asked.index)


def marker(out: Composer, row: dict, paragraph: int, quote: str) -> str:
    """The marker of a new citation of `quote` (paragraph 0: the page information)."""
    return f"[{out.cite_paragraph(row['report_id'], paragraph, quote)}]"


def opening_marker(out: Composer, row: dict) -> str:
    """The marker of the line that names the report (its title, else its first sentence)."""
    n = out.cite_opening(row["report_id"])
    return f"[{n}]" if n is not None else ""


def finish(out: Composer, status: str = "answered") -> Answer:
    return out.answer(status if out.cites else "not_found", [NOTE])


def part_listing(asked: Asked, part: str, label: str, separate: bool, absent: bool) -> Answer:
    """Which reports lack the content (or, asked "没有单独写", have it only inside another part), or have it."""
    rows = [r for r in reviews(asked) if r["kind"] == "annual"]
    unknown = [r for r in rows if r["parts"][part]["status"] == "unknown"]
    if absent:
        wanted = ("inside", "missing") if separate else ("missing",)
    else:
        wanted = ("part",) if separate else ("part", "inside")
    picked = [r for r in rows if r["parts"][part]["status"] in wanted]
    out = writer(asked)
    if picked:
        out.say("extractive", "review_intro", count=cn_count(len(picked)), label=label)
        for r in picked:
            out.add("- " + cell_line(out, r, part))
    else:
        out.say("extractive", "review_none", label=label)
        for r in (r for r in rows if r not in unknown):
            out.add("- " + cell_line(out, r, part))
    if unknown:
        out.say("extractive", "review_unknown", names="、".join(uncited_name(r) for r in unknown))
    return finish(out)


def cell_line(out: Composer, row: dict, part: str) -> str:
    cell = row["parts"][part]
    name = who(row)
    if cell["status"] in ("part", "inside"):
        return fill("extractive", f"review_{cell['status']}", who=name, quote=cell["quote"],
                    marks=marker(out, row, cell["paragraph"], cell["quote"]))
    return fill("extractive", "review_missing", who=name, marks=opening_marker(out, row))


def has_part(asked: Asked, part: str, label: str, chosen: list[dict]) -> Answer:
    """Whether each named report has the content: its quote, 没有找到, or 无法判断 for a cut text."""
    out = writer(asked)
    for r in reviews(asked, [c["report_id"] for c in chosen]):
        status = r["parts"][part]["status"]
        if status == "unknown":
            out.say("extractive", "review_cut", who=who(r), label=label, marks=opening_marker(out, r))
        else:
            out.add(cell_line(out, r, part))
    return finish(out)


def describe(asked: Asked, part: str, label: str, chosen: list[dict]) -> Answer | None:
    """The items of the content's part in each named report, in order, each cited."""
    out = writer(asked)
    for r in reviews(asked, [c["report_id"] for c in chosen]):
        cell = r["parts"][part]
        if cell["status"] not in ("part", "inside"):
            continue
        items = part_items(asked.index.paragraphs(r["report_id"]), cell)
        if not items:
            continue
        out.say("extractive", "review_items", who=who(r), label=label)
        for n, sentence in items:
            out.add(f"- {sentence} {marker(out, r, n, sentence)}")
    return finish(out) if out.cites else None


def part_items(paragraphs, cell: dict) -> list[tuple[int, str]]:
    """(paragraph, sentence) of each item under the cell's heading, up to the next heading of its level:
    the sentences that open an item (一是…, (一)…, 1.…), else each paragraph's first sentence; a
    content found as a sentence is that one item."""
    start = next((i for i, p in enumerate(paragraphs) if p.n == cell["paragraph"]), None)
    if start is None:
        return []
    head = paragraphs[start]
    if not head.is_heading:
        return [(head.n, cell["quote"])]
    level = heading_level(head.text) or 9
    body = []
    for p in paragraphs[start + 1:]:
        if p.is_heading and (heading_level(p.text) or 9) <= level:
            break
        body.append(p)
    opened = [(p.n, s) for p in body for s in p.sentences if ENUMERATION.match(s)]
    items = opened or [(p.n, p.sentences[0]) for p in body if p.sentences and not _signature(p.text)]
    return items[:MAX_ITEMS]


def _signature(text: str) -> bool:
    """A closing organisation or date line is no item."""
    from index.metadata import date_line
    from index.orgnames import is_org_line

    return bool(date_line(text) or is_org_line(text))


def kinds(asked: Asked, plans: bool) -> Answer:
    """The documents that are no annual report (a plan, or other), each with why."""
    rows = reviews(asked)
    picked = [r for r in rows if (r["kind"] == "plan" if plans else r["kind"] != "annual")]
    out = writer(asked)
    if not picked:
        out.say("extractive", "review_all_annual", count=cn_count(len(rows)))
        return out.answer("not_found")
    out.say("extractive", "review_kind_intro", count=cn_count(len(picked)))
    for r in picked:
        out.item("extractive", "review_kind_line", who=who(r), kind=r["kind_label"], reason=r["kind_reason"],
                 marks=opening_marker(out, r))
    return finish(out)


def publication(asked: Asked, late: bool, day: tuple[int, int] | None) -> Answer:
    """Reports made public after the deadline (or on time): the page's date line cited; reports whose
    page gives no date are named apart. A date in the question ("4月1日以后") is the deadline asked."""
    rows = [r for r in reviews(asked) if r["kind"] == "annual"]
    dated = [r for r in rows if r["published"] and r["published_quote"] and r["year"]]

    def after(r):
        limit = date(r["year"] + 1, *day).isoformat() if day else r["deadline"]
        return r["published"] > limit

    picked = [r for r in dated if after(r) == late]
    out = writer(asked)
    if picked:
        out.say("extractive", "review_late_intro" if late else "review_on_time_intro", count=cn_count(len(picked)))
    else:
        out.say("extractive", "review_none_late" if late else "review_none_on_time")
        picked = dated  # what the pages say, so the "none" is checked against them
    for r in picked:
        out.item("extractive", "page_line", who=who(r), label="发布日期", value=r["published"],
                 n=out.cite_paragraph(r["report_id"], 0, r["published_quote"]))
    unquoted = [r for r in rows if r not in dated and r["published"]]  # a date from a line rolqa did not keep
    if unquoted:
        out.say("extractive", "review_unquoted", names="、".join(uncited_name(r) for r in unquoted))
    undated = [r for r in rows if r not in dated and r not in unquoted]
    if undated:
        out.say("extractive", "undated_line", names="、".join(uncited_name(r) for r in undated))
    result = finish(out)
    result.notes.append(fill("extractive", "review_deadline_note"))
    return result
