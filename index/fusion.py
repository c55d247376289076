"""Reciprocal-rank fusion: the retrieval maths, kept pure so tests drive it directly."""
from __future__ import annotations

import numpy as np

RRF_K = 60  # the constant of Cormack et al. (2009); damps the weight of the very top ranks


def ranking(scores: np.ndarray, ids: list[str], allowed: set[str] | np.ndarray | None = None,
            depth: int = 100) -> list[str]:
    """Ids ordered by descending score (ties by position), zero scores dropped, limited to `allowed`
    (ids, or a boolean mask over the positions) and `depth`. Only the top `depth` are sorted: a
    province's 270,000 chunks took 25 ms to sort."""
    candidates = np.flatnonzero(scores > 0)
    if isinstance(allowed, np.ndarray):
        candidates = candidates[allowed[candidates]]
    elif allowed is not None:
        candidates = candidates[np.fromiter((ids[i] in allowed for i in candidates.tolist()), dtype=bool,
                                            count=len(candidates))]
    if len(candidates) > depth:  # those scoring at least the depth-th best, in position order
        kth = np.partition(scores[candidates], len(candidates) - depth)[len(candidates) - depth]
        candidates = candidates[scores[candidates] >= kth]
    order = candidates[np.argsort(-scores[candidates], kind="stable")]
    return [ids[i] for i in order[:depth].tolist()]


def rrf(rankings: list[list[str]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Fuse ranked id lists: score(id) = Σ 1/(k + rank), rank from 1; best first, ties by first appearance."""
    scores: dict[str, float] = {}
    for ranked in rankings:
        for rank, item in enumerate(ranked, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])
