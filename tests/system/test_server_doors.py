"""The server's smaller doors: health per dependency, Chroma down, writers in turn, and the
small items of issue 9 (/embed, surrogates, 405, OpenAPI keys, empty filters, page errors).

One small report is indexed once per module in an embedded home; tests that need
another setting build an app over the same home.
"""
from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from assistant.service import Assistant
from assistant.web.messages import BY_TYPE
from assistant.web.server import create_app
from index.config import Settings
from tests.conftest import ROOT
from tests.servers import free_port

REPORT = ("玉泉县司法局关于2023年度法治政府建设情况的报告\n\n2023年,玉泉县司法局全面推进依法行政。\n\n"
          "一、主要举措和成效\n\n全年共办理行政复议案件42宗,行政机关负责人出庭率达95%。\n")
QUESTION = "玉泉县办理行政复议案件多少宗?"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    root = tmp_path_factory.mktemp("doors")
    (root / "in").mkdir()
    (root / "in" / "yuquan-2023.txt").write_text(REPORT, encoding="utf-8")
    service = Assistant(Settings(home=root / "home"))
    assert service.ingest([root / "in"]).count("indexed") == 1
    return service


def client_for(service: Assistant, **settings) -> TestClient:
    return TestClient(create_app(Assistant(replace(service.settings, **settings), index=None)),
                      raise_server_exceptions=False)


def test_health_reports_each_dependency(home):
    body = client_for(home).get("/api/health")
    assert body.status_code == 200
    checks = body.json()["checks"]
    assert set(checks) == {"catalog", "vectors", "embedder", "disk"} and all(c["ok"] for c in checks.values())
    assert checks["catalog"]["reports"] == 1 and checks["vectors"]["backend"] == "embedded"


def test_chroma_down_gives_503_health_and_keyword_answers_with_a_note(home):
    client = client_for(home, chroma_url=f"http://127.0.0.1:{free_port()}")  # nothing listens there
    health = client.get("/api/health")
    assert health.status_code == 503 and health.json()["status"] == "degraded"
    assert not health.json()["checks"]["vectors"]["ok"] and health.json()["checks"]["catalog"]["ok"]
    answer = client.post("/api/ask", json={"question": QUESTION})
    assert answer.status_code == 200, answer.text
    assert "42" in answer.json()["answer"] and any("关键词" in n for n in answer.json().get("notes", []))
    assert client.get("/api/search", params={"q": "行政复议"}).status_code == 200


def test_llm_endpoint_down_is_reported(home):
    client = client_for(home, llm_base_url=f"http://127.0.0.1:{free_port()}/v1", llm_model="m")
    health = client.get("/api/health")
    assert health.status_code == 503 and not health.json()["checks"]["llm"]["ok"]


def test_small_items(home):
    client = client_for(home)
    embed = client.get("/embed", follow_redirects=False)
    assert embed.status_code == 307 and embed.headers["location"] == "/embed/"
    surrogate = client.post("/api/ask", content=b'{"question": "\\ud800\\u95ee"}',
                            headers={"content-type": "application/json"})
    assert surrogate.status_code == 400 and surrogate.json()["error"]["type"] == "BadInput"
    wrong_method = client.get("/api/ask")
    assert wrong_method.status_code == 405 and wrong_method.headers["allow"] == "POST"
    schema = client.get("/api/openapi.json").json()
    assert schema["components"]["securitySchemes"]["bearerKey"]["scheme"] == "bearer"
    nothing = client.post("/api/ask", json={"question": QUESTION, "filters": {"agencies": ["不存在的单位"]}})
    assert nothing.status_code == 404 and "筛选" in nothing.json()["error"]["message"]


def test_junk_bodies_to_gradio_routes_are_a_400_and_the_connection_goes_on(home):
    client = client_for(home)
    for route in ("/gradio_api/queue/join", "/gradio_api/run/predict", "/gradio_api/api/predict"):
        junk = client.post(route, json={"data": [], "fn_index": 9999, "session_hash": "a"})
        assert junk.status_code == 400, (route, junk.text)
        assert junk.json()["error"]["type"] == "BadInput" and "Traceback" not in junk.text
    assert client.get("/api/health").status_code == 200  # the same client's next request is answered


def test_filters_matching_nothing_fail_clearly_on_the_cli(home, monkeypatch):
    from assistant.cli import main

    monkeypatch.setenv("ROLQA_HOME", str(home.settings.home))
    assert main(["ask", QUESTION, "--agency", "不存在的单位"]) != 0


def test_page_errors_are_chinese_and_end_the_answering_state(home):
    import ui

    class Broken(Assistant):
        def ask_stream(self, *args, **kwargs):
            raise ConnectionRefusedError("[Errno 111] Connection refused")

    page = ui.Page(Broken(home.settings, index=home.index))
    *_, (_, turns, html) = list(page.ask(QUESTION, [], "auto", [], [], [], None))
    assert turns[-1]["error"].startswith("出错了:") and "Errno" not in html and "partial" in turns[-1]
    assert "rq-error" in html


def test_page_messages_are_the_errors_chinese_without_server_internals():
    from assistant.web.messages import FALLBACK, for_people
    from index.errors import BackendError, BadInput, CollectionConflict, QuotaExceeded

    assert for_people(BadInput("问题为空:请输入一个问题")) == "问题为空:请输入一个问题"
    assert for_people(BadInput("the question is empty")) == BY_TYPE["BadInput"], "English never reaches the page"
    assert for_people(QuotaExceeded("超出上传额度:…")) == "超出上传额度:…"
    internal = BackendError("无法连接 Chroma 服务 http://10.1.2.3:8000(服务未启动或网络不通)")
    assert for_people(internal) == "检索服务暂时不可用,请稍后再试。", "addresses are for the operator's log"
    assert for_people(CollectionConflict("Chroma 集合 'rolqa-x' 中存有…")) == BY_TYPE["CollectionConflict"]
    assert for_people(ConnectionRefusedError("[Errno 111] Connection refused")) == FALLBACK


def test_a_second_writer_waits_and_says_so(home, tmp_path):
    """A real second process holds the home's writer lock; `rolqa ingest` waits for it, says so, then indexes."""
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from index.config import Settings; from assistant.service import writer_lock\n"
        f"with writer_lock(Settings(home=__import__('pathlib').Path({str(home.settings.home)!r}))):\n"
        "    print('held', flush=True); time.sleep(4)")], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    (tmp_path / "b.txt").write_text(REPORT.replace("玉泉县", "金沙县"), encoding="utf-8")
    started = time.monotonic()
    env = {**__import__("os").environ, "ROLQA_HOME": str(home.settings.home), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", str(tmp_path / "b.txt")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    holder.wait(timeout=30)
    assert done.returncode == 0, done.stderr
    assert "等待" in done.stderr and "新增 1 份" in done.stdout and time.monotonic() - started > 2


def test_the_page_does_not_show_the_garbled_characters_a_repair_removed():
    from assistant.web.webview import report_html, reports_html

    row = {"report_id": "r1", "source": "a.txt", "agency": "玉泉县司法局", "year": 2023, "paragraphs": 3,
           "warnings": ["第 3 行:删除了 6 个乱码字符:锟斤拷锟斤拷", "第 5 行:修复了一段乱码(UTF-8 误按 GBK 解码):渚濇硶"]}
    for html in (reports_html([row]), report_html({**row, "paragraph_list": []})):
        assert "锟" not in html and "渚" not in html and "2 处" in html


def test_a_cli_ingest_beside_a_running_server_is_answered_without_errors(home, tmp_path):
    """Embedded Chroma: a real `rolqa serve` and a real `rolqa ingest` in another process on one home.
    The new report is answered at once, with dense retrieval (no keyword-only note), and never a 500."""
    import httpx

    from tests.servers import running

    port = free_port()
    env = {**__import__("os").environ, "ROLQA_HOME": str(home.settings.home), "PYTHONPATH": str(ROOT)}
    serve = [sys.executable, "-m", "assistant.web.server", "--host", "127.0.0.1", "--port", str(port)]
    base = f"http://127.0.0.1:{port}"
    with running(serve, f"{base}/api/health", timeout=300, env=env, cwd=tmp_path, log=tmp_path / "serve.log"):
        assert httpx.post(f"{base}/api/ask", json={"question": QUESTION}, timeout=120).status_code == 200
        for place, cases in (("清河县", 17), ("白水县", 23)):
            path = tmp_path / f"{place}.txt"
            path.write_text(REPORT.replace("玉泉县", place).replace("42宗", f"{cases}宗"), encoding="utf-8")
            done = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", str(path)], cwd=ROOT, env=env,
                                  capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, done.stderr
            rows = httpx.get(f"{base}/api/reports", timeout=60).json()["reports"]
            new = next(r for r in rows if r["source"] == path.name)
            answer = httpx.post(f"{base}/api/ask", timeout=120, json={
                "question": f"{place}办理行政复议案件多少宗?", "filters": {"report_ids": [new["report_id"]]}})
            assert answer.status_code == 200, answer.text
            notes = answer.json().get("notes", [])
            assert str(cases) in answer.json()["answer"] and not any("关键词" in n for n in notes), answer.json()
