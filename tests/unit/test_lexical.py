"""The segmented BM25 index: the scores bm25s gives (its formula, rolqa's engine before), whatever
the segments, removals and merges; a catch-up indexes only what is new; saved segments reload."""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from index import lexical
from index.lexical import TOKENIZERS, KeywordIndex, build_segment, merge
from index.normalize import normalize

REPORTS = sorted(Path(__file__).resolve().parents[2].joinpath("data", "reports").glob("*.txt"))
QUERIES = ["行政复议案件有多少件", "行政机关负责人出庭应诉率", "法治宣传教育", "规范性文件备案审查", "城管 执法 培训",
           "不存在的词语组合", ""]


@pytest.fixture(scope="module")
def chunks() -> tuple[list[str], list[str]]:
    """Paragraph-sized pieces of the sample reports, as (ids, normalised texts)."""
    text = "".join(path.read_bytes().decode("utf-8", "ignore") for path in REPORTS)
    texts = [normalize(piece) for piece in re.split(r"(?<=[。\n])", text)]
    texts = [t for t in texts if t.strip()][:400] + ["", "。"]  # an empty chunk and one of punctuation only
    return [f"c{i}" for i in range(len(texts))], texts


def bm25s_scores(texts: list[str], query: str, name: str) -> np.ndarray:
    """The scores of bm25s (default settings) built over these texts alone."""
    bm25s = pytest.importorskip("bm25s")
    retriever = bm25s.BM25()
    retriever.index([TOKENIZERS[name](t) or [""] for t in texts], show_progress=False)
    tokens = TOKENIZERS[name](query)
    return np.asarray(retriever.get_scores(tokens), np.float32) if tokens else np.zeros(len(texts), np.float32)


def caught_up(ids, texts, live=None) -> KeywordIndex:
    index = KeywordIndex([], -1)
    by_id = dict(zip(ids, texts))
    index.catch_up({cid: "r" for cid in (live or ids)}, 1, lambda want: {c: (by_id[c], None) for c in want})
    return index


def test_one_segment_scores_exactly_as_bm25s(chunks):
    ids, texts = chunks
    index = caught_up(ids, texts)
    for name in TOKENIZERS:
        for query in QUERIES:
            assert np.array_equal(index.scores(query, name), bm25s_scores(texts, query, name)), (name, query)


def test_segments_removals_and_merges_score_as_one_index_of_the_live_chunks(chunks):
    """Three segments (as three catch-ups would add), a removed chunk, then a merge: always the scores
    of bm25s over the chunks still there, at the same positions."""
    ids, texts = chunks
    parts = [(ids[:150], texts[:150]), (ids[150:151], texts[150:151]), (ids[151:], texts[151:])]
    index = KeywordIndex([build_segment(i, t, [None] * len(i)) for i, t in parts], 1)
    removed = {ids[3], ids[200]}
    live = {cid: "r" for cid in ids if cid not in removed}
    index.restrict(live)
    kept = [t for cid, t in zip(ids, texts) if cid not in removed]
    positions = [i for i, cid in enumerate(index.ids) if cid not in removed]
    for name in TOKENIZERS:
        for query in QUERIES:
            got = index.scores(query, name)
            assert np.allclose(got[positions], bm25s_scores(kept, query, name), rtol=1e-6, atol=0)
            assert not got[[index.ids.index(c) for c in removed]].any()
    merged = KeywordIndex([merge(index.segments, set(live))], 2)
    assert merged.ids == [cid for cid in ids if cid not in removed]
    for name in TOKENIZERS:
        for query in QUERIES:
            assert np.allclose(merged.scores(query, name), bm25s_scores(kept, query, name), rtol=1e-6, atol=0)


def test_catch_up_indexes_only_new_chunks_and_merges_when_segments_pile_up(chunks, monkeypatch):
    ids, texts = chunks
    by_id = dict(zip(ids, texts))
    asked: list[list[str]] = []

    def read(want):
        asked.append(list(want))
        return {c: (by_id[c], None) for c in want}

    monkeypatch.setattr(lexical, "MAX_SEGMENTS", 3)
    index = KeywordIndex([], -1)
    for n, end in enumerate((100, 101, 102, 103, 300), start=1):
        assert index.catch_up({c: "r" for c in ids[:end]}, n, read)
        assert asked[-1] == ids[end - len(asked[-1]):end]  # only the chunks no segment holds
        assert len(index.segments) <= 3 and index.generation == n
    assert sorted(index.ids) == sorted(ids[:300]) and [len(a) for a in asked] == [100, 1, 1, 1, 197]
    assert not index.catch_up({c: "r" for c in ids[:300]}, 6, read) and len(asked) == 5  # nothing new: nothing read
    query = "行政复议案件"
    expected = bm25s_scores(texts[:300], query, "bigram")
    assert np.allclose([index.scores(query, "bigram")[index.ids.index(c)] for c in ids[:300]], expected, rtol=1e-6)


def test_saved_segments_reload_and_a_broken_manifest_means_indexing_again(chunks, tmp_path):
    ids, texts = chunks
    index = caught_up(ids, texts)
    index.save(tmp_path)
    again = KeywordIndex.load(tmp_path)
    assert again.ids == ids and again.generation == 1
    assert np.array_equal(again.scores("法治宣传教育", "jieba"), index.scores("法治宣传教育", "jieba"))
    assert KeywordIndex.load(tmp_path, index.segments).segments[0] is index.segments[0]  # not read again
    (tmp_path / "manifest.json").write_text(json.dumps({"generation": 3, "segments": ["gone"]}), encoding="utf-8")
    assert KeywordIndex.load(tmp_path).ids == []  # a catch-up then indexes every chunk again
