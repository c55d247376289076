"""Indexing into a real Chroma server (`chroma run`) selected by ROLQA_CHROMA_URL."""
from __future__ import annotations


import pytest

from assistant.service import Assistant
from index.config import load_settings
from index.errors import BackendError
from tests.servers import chroma_cli, free_port, running


def test_ingest_and_search_through_a_chroma_server(tmp_path, monkeypatch, sample_reports):
    port = free_port()
    cmd = [chroma_cli(), "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)]
    with running(cmd, f"http://127.0.0.1:{port}/api/v2/heartbeat"):
        monkeypatch.setenv("ROLQA_CHROMA_URL", f"http://127.0.0.1:{port}")
        a = Assistant(load_settings())
        assert a.ingest([sample_reports]).count("indexed") == 5
        assert not (a.settings.home / "chroma").exists(), "vectors must go to the server"
        assert a.index.vectors.col.count() == len(a.index.catalog.chunks())
        hits = a.search("学法用法示范户", k=3)
        assert hits[0]["source"] == "huadu-district-2023.txt"


def test_unreachable_chroma_server_is_one_clear_error(monkeypatch):
    monkeypatch.setenv("ROLQA_CHROMA_URL", f"http://127.0.0.1:{free_port()}")
    a = Assistant(load_settings())
    with pytest.raises(BackendError, match="无法连接 Chroma 服务 http://127.0.0.1:"):
        a.index.vectors
