"""sentence-transformers backend: any local model path, or a name already in the local cache.

Loading is forced offline (local_files_only) so a missing model is a clear
configuration error, never a download attempt.
"""
from __future__ import annotations

import logging

import numpy as np

from ..errors import ConfigError
from . import normalise_rows, query_head

log = logging.getLogger("rolqa.index")


class SentenceTransformerEmbedder:
    def __init__(self, model: str, query_chars: int = 0):
        if not model:
            raise ConfigError("向量模型 sentence-transformers 需要设置 embed_model(ROLQA_EMBED_MODEL):一个本地模型路径")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ConfigError("没有安装 sentence-transformers:请运行 pip install 'rolqa[st]'")
        try:
            self._model = SentenceTransformer(model, device="cpu", local_files_only=True)
        except Exception as exc:  # the library raises many kinds; all mean "cannot load this model"
            log.warning("cannot load sentence-transformers model %r: %s", model, exc)
            raise ConfigError(f"无法加载 sentence-transformers 模型 {model!r}:请确认它是本地的模型目录(不会联网下载)")
        self.name = f"sentence-transformers:{model}"
        self.query_chars = query_chars  # the model itself cuts at its window (max_seq_length)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return normalise_rows(self._model.encode(list(texts), batch_size=32, show_progress_bar=False))

    def embed_query(self, text: str) -> np.ndarray:
        return normalise_rows(self._model.encode([query_head(text, self.query_chars)], show_progress_bar=False))[0]
