"""The vector store adapter: ChromaDB, embedded (PersistentClient) or a Chroma server.

`ROLQA_CHROMA_URL` (settings.chroma_url) selects the server; otherwise vectors
live under $ROLQA_HOME/chroma. Only vectors and the metadata needed for
filtering live here; text lives in the catalog.
"""
from __future__ import annotations

from urllib.parse import urlparse

import numpy as np

from .config import Settings
from .errors import BackendError, IndexMismatch


def _client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if not settings.chroma_url:
        settings.chroma_path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)
    url = urlparse(settings.chroma_url)
    try:
        return chromadb.HttpClient(host=url.hostname or "127.0.0.1", port=url.port or 8000,
                                   ssl=url.scheme == "https", settings=chroma_settings)
    except Exception as exc:  # chromadb raises ValueError/ConnectionError variants when the server is down
        raise BackendError(f"cannot reach the Chroma server at {settings.chroma_url}: {str(exc).splitlines()[0]}")


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
    def __init__(self, settings: Settings, embedder_name: str):
        self.embedder_name = embedder_name
        client = _client(settings)
        try:
            self.col = client.get_or_create_collection(
                settings.collection, embedding_function=None,
                configuration={"hnsw": {"space": "cosine"}}, metadata={"embedder": embedder_name})
        except Exception as exc:
            raise BackendError(f"cannot open the Chroma collection {settings.collection!r}: {str(exc).splitlines()[0]}")
        built_with = (self.col.metadata or {}).get("embedder")
        if built_with and built_with != embedder_name and self.col.count():
            raise IndexMismatch(f"the vector store was built with {built_with}, but the configured embedder is "
                                f"{embedder_name}; use the same embedder or a fresh ROLQA_HOME / collection")

    def add(self, ids: list[str], vectors: np.ndarray, metadatas: list[dict]) -> None:
        for start in range(0, len(ids), 1000):  # stay under Chroma's max batch size
            end = start + 1000
            self.col.upsert(ids=ids[start:end], embeddings=vectors[start:end], metadatas=metadatas[start:end])

    def delete_report(self, report_id: str) -> None:
        self.col.delete(where={"report_id": report_id})

    def report_ids(self) -> set[str]:
        got = self.col.get(include=["metadatas"])
        return {m["report_id"] for m in got["metadatas"] or []}

    def query(self, vector: np.ndarray, k: int, report_ids: list[str] | None = None) -> list[tuple[str, float]]:
        """Nearest chunk ids with cosine similarity, optionally within some reports."""
        if self.col.count() == 0:
            return []
        where = {"report_id": {"$in": list(report_ids)}} if report_ids is not None else None
        got = self.col.query(query_embeddings=[vector], n_results=k, where=where, include=["distances"])
        return [(cid, 1.0 - dist) for cid, dist in zip(got["ids"][0], got["distances"][0])]
