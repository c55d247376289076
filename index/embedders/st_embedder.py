"""sentence-transformers backend: any local model path, or a name already in the local cache.

Loading is forced offline (local_files_only) so a missing model is a clear
configuration error, never a download attempt.
"""
from __future__ import annotations

import numpy as np

from ..errors import ConfigError
from . import normalise_rows


class SentenceTransformerEmbedder:
    def __init__(self, model: str):
        if not model:
            raise ConfigError("embedder sentence-transformers needs embed_model (ROLQA_EMBED_MODEL): a local model path")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ConfigError("sentence-transformers is not installed: pip install 'rolqa[st]'")
        try:
            self._model = SentenceTransformer(model, device="cpu", local_files_only=True)
        except Exception as exc:  # the library raises many kinds; all mean "cannot load this model"
            raise ConfigError(f"cannot load sentence-transformers model {model!r}: {str(exc).splitlines()[0]}")
        self.name = f"sentence-transformers:{model}"

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return normalise_rows(self._model.encode(list(texts), batch_size=32, show_progress_bar=False))

    def embed_query(self, text: str) -> np.ndarray:
        return normalise_rows(self._model.encode([text], show_progress_bar=False))[0]
