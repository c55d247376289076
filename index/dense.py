"""The dense half of an `Index` (index/store.py): the embedder, this home's Chroma collection, the
vector query with its fall-back to keyword retrieval, and question-to-passage similarity.

A mixin, not a part of its own, because it shares the index's lock, catalog and settings: the vector
handle is reopened under the same lock the keyword index is caught up under, when the catalog's
generation moves. `Index.__init__` sets the attributes it reads (`_embedder`, `_vectors`,
`_vectors_generation`, `_degraded`, `_asked`).
"""
from __future__ import annotations

import logging
import re
import uuid
from pathlib import Path

from .errors import CollectionConflict, IndexMismatch

log = logging.getLogger("rolqa.index")
DEPTH = 100  # candidates each retriever contributes to the fusion
# A search within this many chunks (a few named reports) compares the query with each of their vectors,
# read by id: exact, and ~100x faster than an HNSW query with so selective a filter (200 ms at 10,000 reports).
EXACT_MAX = 1000


class DenseParts:
    """The embedder and the vector store of an index, opened on first use."""

    @property
    def embedder(self):
        if self._embedder is None:
            from .embedders import make_embedder
            self._embedder = make_embedder(self.settings)
        return self._embedder

    @property
    def vectors(self):
        with self._lock:
            if self._vectors is None:
                from .chroma_store import ChromaStore
                name, home_id = self.collection()
                known = self.catalog.first_chunk_id()
                self._vectors = ChromaStore(self.settings, self.embedder.name, name, home_id, known)
            return self._vectors

    def collection(self) -> tuple[str, str]:
        """(collection name, home id) of this home, recorded in the catalog the first time.

        The name is ROLQA_COLLECTION if set, else derived from the home; a home built before names
        were recorded keeps the old shared default, `rolqa`. Processes sharing one home read the
        same record, so they share the collection on purpose; another home gets another name."""
        catalog, wanted = self.catalog, self.settings.collection
        home_id = catalog.claim_meta("home_id", uuid.uuid4().hex)
        recorded = catalog.get_meta("collection")
        if recorded is None:
            built_before = bool(catalog.report_ids())  # reports but no record: a home of the previous version
            recorded = catalog.claim_meta("collection", wanted or ("rolqa" if built_before else
                                                                   default_collection(self.settings.home, home_id)))
        if wanted and wanted != recorded:
            if catalog.report_ids() or catalog.pending():
                raise CollectionConflict(f"这个 ROLQA_HOME 的向量在 Chroma 集合 {recorded!r} 中,不是 "
                                         f"{wanted!r}(ROLQA_COLLECTION):请取消这个设置,或换一个新的 ROLQA_HOME")
            catalog.set_meta("collection", wanted)  # nothing stored yet: the new name is free to take
            recorded = wanted
        return recorded, home_id

    def check_embedder(self) -> None:
        """Refuse to mix embedders: vectors from two models are not comparable."""
        built_with = self.catalog.get_meta("embedder")
        if built_with and self.catalog.report_ids() and built_with != self.embedder.name:
            raise IndexMismatch(f"这个索引是用 {built_with} 建立的,但现在配置的向量模型是 "
                                f"{self.embedder.name}:请把 ROLQA_EMBEDDER 改回去,或换一个新的 ROLQA_HOME")

    def _dense(self, query: str, allowed: set[str] | None,
               allowed_chunks: set[str] | None) -> list[tuple[str, float]] | None:
        """Dense hits, or None when the vector store fails (unreachable, or a handle made stale by
        another process's write): the query is answered from BM25 alone, and the handle is reopened
        for the next one. `dense_failed()` tells the caller, which notes it in the answer."""
        store = None
        try:
            store = self._current_vectors()
            vector = self.query_vector(query, fresh=True)
            if allowed_chunks is not None and len(allowed_chunks) <= EXACT_MAX:
                return store.similar(vector, sorted(allowed_chunks))[:DEPTH]
            return store.query(vector, DEPTH, sorted(allowed) if allowed is not None else None)
        except IndexMismatch:
            raise
        except Exception as exc:  # noqa: BLE001 - chromadb raises many types; keyword retrieval still answers
            log.warning("vector search failed, keyword retrieval only: %s", str(exc).splitlines()[0][:200] if str(exc) else exc)
            self._degraded.failed = True
            with self._lock:
                if store is None or self._vectors is store:  # not one another thread has just reopened
                    self._reopen_vectors()
            return None

    def _current_vectors(self):
        """The vector store, reopened first when another process committed since it was opened
        (an embedded Chroma client keeps its vector index in memory and would miss those writes)."""
        with self._lock:
            generation = self.catalog.generation
            if self._vectors is not None and self._vectors_generation != generation:
                self._reopen_vectors()
            store = self.vectors
            self._vectors_generation = generation
            return store

    def _reopen_vectors(self) -> None:
        from .chroma_store import forget_client

        self._vectors = None
        forget_client(self.settings)

    def query_vector(self, query: str, fresh: bool = False):
        """The query's embedding; the search (`fresh`: each question's search embeds it) and the similarity
        of the same question share it (one per thread)."""
        last = getattr(self._asked, "last", None)
        if fresh or last is None or last[0] != query:
            last = (query, self.embedder.embed_query(query))
            self._asked.last = last
        return last[1]

    def similarities(self, query: str, passages: list[str]) -> list[float] | None:
        """Cosine similarity of the question to each passage by the index's embedder (a question in other
        words than the report's: evidence/paraphrase.py); None when the embedder fails (then no sentence
        is taken on similarity alone)."""
        from .normalize import normalize

        try:
            vector = self.query_vector(normalize(query))
            return [float(x) for x in self.embedder.embed_passages(passages) @ vector]
        except Exception as exc:  # noqa: BLE001 - an embedding service may fail in many ways; lexical answers stand
            log.warning("embedding for similarity failed: %s", str(exc).splitlines()[0][:200] if str(exc) else exc)
            return None

    def dense_failed(self) -> bool:
        """Whether this thread's last search ran without the vector store."""
        return getattr(self._degraded, "failed", False)


def default_collection(home: Path, home_id: str) -> str:
    """A Chroma-valid name that says whose it is: `rolqa-<home folder>-<8 hex of the home id>`."""
    folder = re.sub(r"[^A-Za-z0-9]+", "-", home.resolve().name).strip("-")[:40]
    return "-".join(part for part in ("rolqa", folder if folder != "rolqa" else "", home_id[:8]) if part)
