"""Refusals decided before any sentence is read: nothing indexed, or a place, agency or year the
question names that no report is about. They say which reports there are; a neighbour's figure
is never given instead.
"""
from __future__ import annotations

from ...contract import Answer, report_name, who
from ...prompts import fill
from ..asked import Asked


def empty_index(asked: Asked) -> Answer | None:
    """No report in scope at all."""
    if asked.rows:
        return None
    return Answer(asked.text, "not_found", "extractive", fill("extractive", "empty_index"))


def target_refusal(question: str, targets, rows: dict, chosen: list[dict]) -> Answer | None:
    """A place, agency or year the question names that no report is about: say which reports exist."""
    if targets.unknown_places:
        agencies = "、".join(sorted({report_name(r) for r in rows.values()}))
        text = fill("extractive", "unknown_place", places="、".join(targets.unknown_places), agencies=agencies)
    elif targets.unknown_agency:
        agencies = "、".join(sorted({who(r) for r in chosen}))
        text = fill("extractive", "unknown_agency", agency=targets.unknown_agency, agencies=agencies)
    elif targets.missing_year and not targets.other_years:
        years = "、".join(sorted({str(r["year"]) for r in chosen if r.get("year")}))
        text = fill("extractive", "missing_year", year=targets.missing_year, years=years or "未知")
    else:
        return None
    return Answer(question, "not_found", "extractive", text)


def answer(asked: Asked) -> Answer | None:
    """The refusal for a named place, agency or year no report is about, or None."""
    targets = asked.targets
    named = [asked.rows[r] for r in targets.named] if targets.unknown_agency and targets.named else \
        asked.chosen or [asked.rows[r] for r in targets.named]  # an unknown agency: the place's reports
    return target_refusal(asked.text, asked.targets, asked.rows, named)
