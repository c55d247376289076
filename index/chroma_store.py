"""The vector store adapter: ChromaDB, embedded (PersistentClient) or a Chroma server.

`ROLQA_CHROMA_URL` (settings.chroma_url) selects the server; otherwise vectors
live under $ROLQA_HOME/chroma. Only vectors and the metadata needed for
filtering live here; text lives in the catalog.

A collection belongs to one rolqa home: its metadata carries the home's id
(`rolqa_home`), and a home that opens a collection owned by another refuses, so
two homes on one server never write into, or sweep, each other's vectors.
Writes and deletes go by id; nothing on the ingest path reads the collection.
"""
from __future__ import annotations

import logging
from urllib.parse import urlparse

import numpy as np

from .config import Settings
from .errors import BackendError, CollectionConflict, IndexMismatch

log = logging.getLogger("rolqa.index")

OWNER = "rolqa_home"  # collection metadata key: the id of the home that owns the collection
BATCH = 1000  # ids per call, under Chroma's max batch size


def _client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    logging.getLogger("chromadb").setLevel(logging.ERROR)  # its English log lines are not for users; errors are ours to say
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if not settings.chroma_url:
        settings.chroma_path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)
    url = urlparse(settings.chroma_url)
    try:
        return chromadb.HttpClient(host=url.hostname or "127.0.0.1", port=url.port or 8000,
                                   ssl=url.scheme == "https", settings=chroma_settings)
    except Exception as exc:  # chromadb raises ValueError/ConnectionError variants when the server is down
        log.warning("cannot reach the Chroma server at %s: %s", settings.chroma_url, exc)
        raise BackendError(f"无法连接 Chroma 服务 {settings.chroma_url}(服务未启动或网络不通)")


def forget_client(settings: Settings) -> None:
    """Drop chromadb's cached embedded client for this home, so the next open reads the files afresh.

    An embedded client keeps its vector index in memory; after another process
    writes, it misses those vectors or fails with "Error finding id" until reopened.
    """
    if settings.chroma_url:
        return  # a server client holds no local state
    try:
        from chromadb.api.shared_system_client import SharedSystemClient

        # Only unregistered, not stopped: threads still querying the old client finish their query,
        # and the old client is freed when the last of them lets go of it.
        SharedSystemClient._identifier_to_system.pop(str(settings.chroma_path), None)
    except Exception:  # noqa: BLE001 - a private chromadb detail; failing to forget only delays recovery
        pass


class ChromaStore:
    def __init__(self, settings: Settings, embedder_name: str, name: str, owner: str, known_id: str | None = None):
        """Open (or create) collection `name` for home `owner`; `known_id` is one of the home's committed
        chunk ids, which lets a home built before owners were recorded adopt its own collection."""
        self.embedder_name = embedder_name
        self.name = name
        client = _client(settings)
        try:
            self.col = client.get_or_create_collection(
                name, embedding_function=None,
                configuration={"hnsw": {"space": "cosine"}}, metadata={"embedder": embedder_name, OWNER: owner})
            self._check_owner(owner, known_id)
        except CollectionConflict:
            raise
        except Exception as exc:
            log.warning("cannot open the Chroma collection %r: %s", name, exc)
            raise BackendError(f"无法打开 Chroma 集合 {name!r}(向量库不可用,详见服务日志)")
        built_with = (self.col.metadata or {}).get("embedder")
        if built_with and built_with != embedder_name and self.col.count():
            raise IndexMismatch(f"向量库是用 {built_with} 建立的,但现在配置的向量模型是 "
                                f"{embedder_name}:请用同一个向量模型,或换一个新的 ROLQA_HOME / 集合")

    def _check_owner(self, owner: str, known_id: str | None) -> None:
        """Refuse another home's collection; adopt an unowned one only if it is empty or holds our vectors."""
        metadata = dict(self.col.metadata or {})
        found = metadata.get(OWNER)
        if found == owner:
            return
        ours = found is None and (self.col.count() == 0 or (known_id and self.col.get(ids=[known_id], include=[])["ids"]))
        if not ours:
            whose = f"另一个 rolqa 目录(编号 {found})的向量" if found else "不是这个目录写入的向量"
            raise CollectionConflict(f"Chroma 集合 {self.name!r} 中存有{whose}:请用 ROLQA_COLLECTION 给这个目录"
                                     f"单独的集合,或把 ROLQA_HOME 指向拥有它的目录")
        self.col.modify(metadata={**metadata, OWNER: owner})  # a home from before owners were recorded

    def add(self, ids: list[str], vectors: np.ndarray, metadatas: list[dict]) -> None:
        for start in range(0, len(ids), BATCH):
            end = start + BATCH
            self.col.upsert(ids=ids[start:end], embeddings=vectors[start:end], metadatas=metadatas[start:end])

    def delete(self, ids: list[str]) -> None:
        """Delete vectors by id (ids that are not there are ignored)."""
        for start in range(0, len(ids), BATCH):
            self.col.delete(ids=ids[start:start + BATCH])

    def count(self) -> int:
        return self.col.count()

    def report_ids(self) -> set[str]:
        """Reports with vectors here: reads the whole collection, so for checks and tests, never for ingest."""
        got = self.col.get(include=["metadatas"])
        return {m["report_id"] for m in got["metadatas"] or []}

    def query(self, vector: np.ndarray, k: int, report_ids: list[str] | None = None) -> list[tuple[str, float]]:
        """Nearest chunk ids with cosine similarity, optionally within some reports (an empty collection
        gives none; counting it first cost 20 ms a query at 270,000 vectors)."""
        where = {"report_id": {"$in": list(report_ids)}} if report_ids is not None else None
        got = self.col.query(query_embeddings=[vector], n_results=k, where=where, include=["distances"])
        return [(cid, 1.0 - dist) for cid, dist in zip(got["ids"][0], got["distances"][0])]

    def similar(self, vector: np.ndarray, chunk_ids: list[str]) -> list[tuple[str, float]]:
        """These chunks (those with a vector) by cosine similarity to `vector`, best first: an exact
        search for a small set, read by id."""
        got = self.col.get(ids=list(chunk_ids), include=["embeddings"])
        if not got["ids"]:
            return []
        matrix = np.asarray(got["embeddings"], dtype=np.float32)
        query = np.asarray(vector, dtype=np.float32)
        norms = np.linalg.norm(matrix, axis=1) * (np.linalg.norm(query) or 1.0)
        sims = matrix @ query / np.where(norms > 0, norms, 1.0)
        order = np.argsort(-sims, kind="stable")
        return [(got["ids"][i], float(sims[i])) for i in order.tolist()]
