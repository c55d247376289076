"""Refusals decided before any sentence is read: nothing indexed, or a place, agency or year the
question names that no report is about. They say which reports there are; a neighbour's figure
is never given instead.
"""
from __future__ import annotations

from ...contract import Answer
from ...prompts import fill
from ..asked import Asked
from ..compose import target_refusal


def empty_index(asked: Asked) -> Answer | None:
    """No report in scope at all."""
    if asked.rows:
        return None
    return Answer(asked.text, "not_found", "extractive", fill("extractive", "empty_index"))


def answer(asked: Asked) -> Answer | None:
    """The refusal for a named place, agency or year no report is about, or None."""
    targets = asked.targets
    named = [asked.rows[r] for r in targets.named] if targets.unknown_agency and targets.named else \
        asked.chosen or [asked.rows[r] for r in targets.named]  # an unknown agency: the place's reports
    return target_refusal(asked.text, asked.targets, asked.rows, named)
