"""Reciprocal-rank fusion: the retrieval maths, kept pure so tests drive it directly."""
from __future__ import annotations

import numpy as np

RRF_K = 60  # the constant of Cormack et al. (2009); damps the weight of the very top ranks


def ranking(scores: np.ndarray, ids: list[str], allowed: set[str] | None = None, depth: int = 100) -> list[str]:
    """Ids ordered by descending score, zero scores dropped, limited to `allowed` and `depth`."""
    order = np.argsort(-scores, kind="stable")
    ranked = []
    for i in order[scores[order] > 0].tolist():
        if allowed is None or ids[i] in allowed:
            ranked.append(ids[i])
            if len(ranked) == depth:
                break
    return ranked


def rrf(rankings: list[list[str]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Fuse ranked id lists: score(id) = Σ 1/(k + rank), rank from 1; best first, ties by first appearance."""
    scores: dict[str, float] = {}
    for ranked in rankings:
        for rank, item in enumerate(ranked, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])
