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
