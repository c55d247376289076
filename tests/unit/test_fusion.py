import numpy as np

from index.fusion import RRF_K, ranking, rrf


def test_rrf_rewards_agreement_between_rankings():
    fused = rrf([["a", "b", "c"], ["b", "c", "a"], ["b", "d"]])
    assert [cid for cid, _ in fused][:2] == ["b", "a"]
    scores = dict(fused)
    assert scores["b"] == 1 / (RRF_K + 2) + 1 / (RRF_K + 1) + 1 / (RRF_K + 1)
    assert scores["d"] == 1 / (RRF_K + 2)


def test_rrf_of_nothing_is_empty():
    assert rrf([]) == [] and rrf([[], []]) == []


def test_ranking_orders_by_score_and_drops_zero_and_disallowed():
    ids = ["a", "b", "c", "d"]
    scores = np.array([0.5, 0.0, 2.0, 1.0])
    assert ranking(scores, ids) == ["c", "d", "a"]
    assert ranking(scores, ids, allowed={"a", "d"}) == ["d", "a"]
    assert ranking(scores, ids, depth=1) == ["c"]


def test_ranking_equals_a_full_stable_sort_with_ties_filters_and_depths():
    """Only the top `depth` are sorted; the result must be what sorting every score gives."""
    rng = np.random.default_rng(3)
    for trial in range(200):
        n = int(rng.integers(0, 60))
        scores = rng.integers(0, 6, n).astype(np.float32)  # few values: many ties, many zeros
        ids = [f"c{i}" for i in range(n)]
        allowed = None if trial % 2 else {i for i in ids if rng.random() < 0.5}
        depth = int(rng.integers(1, 20))
        order = np.argsort(-scores, kind="stable")
        expected = [ids[i] for i in order if scores[i] > 0 and (allowed is None or ids[i] in allowed)][:depth]
        assert ranking(scores, ids, allowed, depth) == expected
