"""Clauses of a report sentence: where a figure's clause begins and ends, and which clauses a quote takes.

Report sentences run many clauses between commas, each about one thing; a figure's subject usually
stands in the clause before it, and a quote of a long sentence is a window of whole clauses.
"""
from __future__ import annotations

import re

CLAUSE_BREAK = re.compile(r"[,，;；:：]")


def clause_bounds(norm: str, pos: int) -> tuple[int, int]:
    starts = [m.end() for m in CLAUSE_BREAK.finditer(norm, 0, pos)]
    end = CLAUSE_BREAK.search(norm, pos)
    return (starts[-1] if starts else 0), (end.start() if end else len(norm))


ITEM_BREAK = re.compile(r"[,，;；:：、。]")  # an enumeration's items as well as clauses


def item_bounds(norm: str, pos: int) -> tuple[int, int]:
    """The enumeration item or clause holding `pos` ("集中学习20次" in "集中学习20次、专题学习6次、培训")."""
    starts = [m.end() for m in ITEM_BREAK.finditer(norm, 0, pos)]
    end = ITEM_BREAK.search(norm, pos)
    return (starts[-1] if starts else 0), (end.start() if end else len(norm))


def items_between(norm: str, lo: int, hi: int, breaks: re.Pattern = ITEM_BREAK) -> list[tuple[int, int]]:
    """The items (or with CLAUSE_BREAK, the clauses) of `norm[lo:hi]`, as bounds in `norm`."""
    cuts = [lo] + [m.end() for m in breaks.finditer(norm, lo, hi)] + [hi + 1]
    return [(a, b - 1) for a, b in zip(cuts, cuts[1:]) if b - 1 > a]


def clauses_between(norm: str, lo: int, hi: int) -> list[tuple[int, int]]:
    return items_between(norm, lo, hi, CLAUSE_BREAK)


def clause_window(norm: str, pos: int) -> tuple[int, int]:
    """The clause holding `pos` with one clause either side (subject before, purpose after)."""
    lo, hi = clause_bounds(norm, pos)
    before, _ = clause_bounds(norm, max(0, lo - 2)) if lo else (0, 0)
    _, after = clause_bounds(norm, hi + 1) if hi < len(norm) else (0, len(norm))
    return before, after


def quote_span(s, focus: tuple[int, int], limit: int) -> tuple[int, int]:
    """The whole sentence `s` (its text and norm) when short; else a window of whole clauses around `focus`.

    The window starts one clause before the focus clause (its subject usually
    stands there) and grows clause by clause while it stays within `limit`.
    """
    if len(s.text) <= limit:
        return 0, len(s.text)
    breaks = [0] + [m.end() for m in CLAUSE_BREAK.finditer(s.norm)] + [len(s.text)]
    first = max(i for i, b in enumerate(breaks[:-1]) if b <= focus[0])
    last = min(i for i, b in enumerate(breaks) if b >= focus[1] and i > first)
    start, end = max(0, first - 1), last
    if breaks[end] - breaks[start] > limit:
        start = first
    while end < len(breaks) - 1 and breaks[end + 1] - breaks[start] <= limit:
        end += 1
    stop = breaks[end]
    while stop > breaks[start] and s.text[stop - 1] in ",，;；:：":
        stop -= 1
    return breaks[start], stop
