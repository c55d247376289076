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
