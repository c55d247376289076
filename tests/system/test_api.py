"""The portal API (and the server around it) as a client sees it: routes, errors, keys, headers, load.

The sample reports are indexed once per module (~15 s) in a home of their own;
each test builds an app over that index with the settings it needs.
"""
from __future__ import annotations

import json
import logging
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import httpx
import pytest
from fastapi.testclient import TestClient

from assistant.web.server import create_app, serve, uvicorn_options
from assistant.service import Assistant
from index.config import Settings
from tests.conftest import REPORTS

QUESTION = "哪些单位的行政机关负责人出庭率达到了100%?"
REPORT_TEXT = ("安宁县司法局关于2023年度法治政府建设情况的报告\n\n2023年,安宁县司法局全面推进依法行政。\n\n"
               "一、主要举措和成效\n\n全年共办理行政复议案件12宗,行政机关负责人出庭率达95%。\n")


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Assistant:
    service = Assistant(Settings(home=tmp_path_factory.mktemp("api-home")))
    summary = service.ingest([REPORTS])
    assert summary.count("indexed") == 5
    return service


def make_client(base: Assistant, **settings) -> TestClient:
    """An app over the module's index with these settings (keys, CORS, limits). Every test client here
    is one address asking many questions a minute: the per-client question limits are off unless a
    test sets them (tests/system/test_limits_at_the_doors.py tests them)."""
    settings = {"ask_concurrent": 0, "ask_per_minute": 0, **settings}
    service = Assistant(replace(base.settings, **settings), index=base.index)
    return TestClient(create_app(service), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(base) -> TestClient:
    return make_client(base)


def assert_error(response, status: int, kind: str | None = None) -> dict:
    """The status, `{"error": {"type", "message"}}` with the stable English type, and a Chinese message."""
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert set(error) == {"type", "message"} and re.search(r"[\u4e00-\u9fff]", error["message"]), error
    assert re.fullmatch(r"[A-Za-z]+", error["type"]), error
    if kind:
        assert error["type"] == kind, error
    return error


def upload(client, name: str, data: bytes, key: str | None = "adm"):
    """Upload and wait for the indexing (`?wait=true`: 201 with the result, or the indexing error)."""
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return client.post("/api/reports?wait=true", files={"file": (name, data, "text/plain")}, headers=headers)


# --- reading -----------------------------------------------------------------------
def test_health_docs_and_reports(client):
    assert client.get("/api/health").json()["reports"] == 5
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "/api/docs-static/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower(), "an offline intranet cannot reach a CDN"
    assert client.get("/api/docs-static/swagger-ui-bundle.js").status_code == 200
    assert "/api/ask" in client.get("/api/openapi.json").json()["paths"]
    rows = client.get("/api/reports").json()["reports"]
    huadu = next(r for r in rows if r["source"] == "huadu-district-2023.txt")
    full = client.get(f"/api/reports/{huadu['report_id']}").json()
    assert full["agency"] == "广州市花都区人民政府" and len(full["paragraph_list"]) == huadu["paragraphs"]
    ctx = client.get(f"/api/reports/{huadu['report_id']}/paragraphs/5").json()
    assert ctx["paragraph"]["n"] == 5 and [p["n"] for p in ctx["before"]] == [3, 4]


def test_ask_follows_the_answer_contract(client):
    answer = client.post("/api/ask", json={"question": QUESTION}).json()
    assert answer["status"] == "answered" and answer["mode"] == "extractive"
    numbers = {c["n"] for c in answer["citations"]}
    assert numbers and all(f"[{n}]" in answer["answer"] for n in numbers)
    assert {"report_id", "source", "agency", "year", "section", "paragraph", "quote"} <= set(answer["citations"][0])


def test_ask_filters_and_history(client):
    body = {"question": QUESTION, "filters": {"years": [2024]}, "history": [{"role": "user", "content": "你好"}]}
    answer = client.post("/api/ask", json=body).json()
    assert all(c["year"] == 2024 for c in answer["citations"])
    assert_error(client.post("/api/ask", json={"question": QUESTION, "filters": {"yaers": [2024]}}), 422)


def test_stream_sends_events_then_the_final_answer(client):
    with client.stream("POST", "/api/ask/stream", json={"question": QUESTION}) as response:
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
        events = [json.loads(line[5:]) for line in response.iter_lines() if line.startswith("data:")]
    assert events[-1]["type"] == "final" and events[-1]["answer"]["status"] == "answered"
    assert all(e["type"] == "token" for e in events[:-1])
    assert_error(client.post("/api/ask/stream", json={"question": " "}), 400, "BadInput")


def test_search(client):
    hits = client.get("/api/search", params={"q": "行政复议", "k": 3}).json()["hits"]
    assert len(hits) == 3 and all("text" in h for h in hits)
    assert_error(client.get("/api/search", params={"q": "行政复议", "k": 0}), 400)
    assert_error(client.get("/api/search", params={"q": "行政复议", "k": "many"}), 422, "ValidationError")
    assert_error(client.get("/api/search"), 422)


def test_indicator_table_reads(base):
    client = make_client(base, api_keys="reader")
    assert_error(client.get("/api/indicators"), 401)
    auth = {"Authorization": "Bearer reader"}
    data = client.get("/api/indicators", params={"indicator": "court_appearance_rate", "year": 2023},
                      headers=auth).json()
    assert {r["source"] for r in data["indicators"]} == {"huadu-district-2023.txt", "zengcheng-chengguan-2023.txt"}
    assert all(r["text"] == "100%" and "100%" in r["quote"] for r in data["indicators"])
    assert "court_appearance_rate" in {i["id"] for i in data["catalogue"]}
    both = client.get("/api/indicators?indicator=public_lawyers&indicator=legal_aid_cases&agency=花都", headers=auth)
    assert {r["indicator"] for r in both.json()["indicators"]} == {"public_lawyers", "legal_aid_cases"}
    table = client.get("/api/indicators.csv", params={"agency": "楚雄"}, headers=auth)
    assert table.headers["content-type"].startswith("text/csv") and "attachment" in table.headers["content-disposition"]
    assert table.content.startswith("\ufeffindicator,".encode()) and "917".encode() in table.content
    sheet = client.get("/api/indicators.xlsx", headers=auth)
    assert sheet.status_code == 200 and sheet.content[:2] == b"PK"
    assert_error(client.get("/api/indicators", params={"indicator": "nope"}, headers=auth), 400, "BadInput")
    assert_error(client.get("/api/indicators", params={"year": "last"}, headers=auth), 422, "ValidationError")
    paths = client.get("/api/openapi.json", headers=auth).json()["paths"]
    assert {"/api/indicators", "/api/indicators.csv"} <= set(paths)


@pytest.mark.parametrize("request_args, status, kind", [
    ({"json": {"question": ""}}, 400, "BadInput"),
    ({"json": {"question": "问" * 2001}}, 400, "BadInput"),
    ({"json": {"question": QUESTION, "mode": "poetry"}}, 400, "BadInput"),
    ({"content": b'{"question": "broken', "headers": {"Content-Type": "application/json"}}, 400, "BadJSON"),
    ({"json": {"question": 123}}, 422, "ValidationError"),
    ({"json": {"question": QUESTION, "filters": {"years": ["last"]}}}, 422, "ValidationError"),
    ({"json": {"question": QUESTION, "history": [{"role": "bot", "content": "x"}]}}, 422, "ValidationError"),
    ({"json": ["not", "an", "object"]}, 422, "ValidationError"),
    ({}, 422, "ValidationError"),
])
def test_bad_questions_get_json_errors(client, request_args, status, kind):
    assert_error(client.post("/api/ask", **request_args), status, kind)


def test_validation_errors_say_where_and_what_in_chinese(client):
    years = client.post("/api/ask", json={"question": QUESTION, "filters": {"years": ["last"]}})
    assert assert_error(years, 422, "ValidationError")["message"] == "body.filters.years.0:应为整数"
    typo = client.post("/api/ask", json={"question": QUESTION, "filters": {"yaers": [2024]}})
    assert assert_error(typo, 422, "ValidationError")["message"] == "body.filters.yaers:不认识这一项(拼写错误?)"
    broken = client.post("/api/ask", content=b'{"question": "', headers={"Content-Type": "application/json"})
    assert assert_error(broken, 400, "BadJSON")["message"] == "请求内容不是有效的 JSON"
    empty = client.post("/api/ask", json={"question": "  "})
    assert assert_error(empty, 400, "BadInput")["message"] == "问题为空:请输入一个问题"


def test_unknown_things_are_404_json(client):
    assert_error(client.get("/api/reports/no-such-report"), 404, "NotFound")
    report_id = client.get("/api/reports").json()["reports"][0]["report_id"]
    assert_error(client.get(f"/api/reports/{report_id}/paragraphs/9999"), 404, "NotFound")
    assert_error(client.get(f"/api/reports/{report_id}/paragraphs/first"), 422)
    assert_error(client.get("/api/nothing-here"), 404, "NotFound")


# --- keys ------------------------------------------------------------------------------
def test_api_keys_guard_every_call(base):
    client = make_client(base, api_keys="k1, k2", admin_keys="adm")
    error = assert_error(client.get("/api/reports"), 401, "Unauthorized")
    assert "Bearer" in error["message"] and client.get("/api/health").headers["www-authenticate"] == "Bearer"
    assert_error(client.post("/api/ask", content=b"{broken", headers={"Authorization": "Bearer nope"}), 401)
    assert_error(client.get("/api/nothing", headers={"Authorization": "Bearer k3"}), 401)
    for key in ("k2", "adm"):
        assert client.get("/api/reports", headers={"Authorization": f"Bearer {key}"}).status_code == 200
    assert client.get("/api/docs").status_code == 200  # the docs page itself holds no data
    assert client.get("/api/docs-static/swagger-ui.css").status_code == 200


def test_writing_needs_an_admin_key(base):
    closed = make_client(base)  # no admin keys: uploads and deletes are off
    assert_error(upload(closed, "a.txt", REPORT_TEXT.encode()), 403, "Forbidden")
    assert_error(closed.delete("/api/reports/whatever", headers={"Authorization": "Bearer x"}), 403)
    client = make_client(base, api_keys="reader", admin_keys="adm")
    assert_error(upload(client, "a.txt", REPORT_TEXT.encode(), key=None), 401)
    assert_error(upload(client, "a.txt", REPORT_TEXT.encode(), key="reader"), 403, "Forbidden")
    assert_error(client.delete("/api/reports/x", headers={"Authorization": "Bearer reader"}), 403)


# --- uploads ---------------------------------------------------------------------------
def test_upload_stores_safely_and_delete_removes(base):
    client = make_client(base, admin_keys="adm")
    before = stored_uploads(base)
    response = upload(client, "../../evil.txt", REPORT_TEXT.encode())
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["status"] == "indexed" and result["source"] == "evil.txt"
    home = base.settings.home
    [stored] = stored_uploads(base) - before
    assert stored.parent == base.settings.uploads_path and stored.suffix == ".txt" and stored.name != "evil.txt"
    assert not (home.parent / "evil.txt").exists() and not (home.parent.parent / "evil.txt").exists()
    assert client.get(f"/api/reports/{result['report_id']}").json()["agency"] == "安宁县司法局"
    again = upload(client, "copy.txt", REPORT_TEXT.encode())
    assert again.json()["status"] == "unchanged" and stored_uploads(base) - before == {stored}
    assert client.delete(f"/api/reports/{result['report_id']}", headers={"Authorization": "Bearer adm"}).json()
    assert_error(client.get(f"/api/reports/{result['report_id']}"), 404)


def stored_uploads(base) -> set:
    folder = base.settings.uploads_path
    return set(folder.iterdir()) if folder.exists() else set()


def test_upload_limits_and_types(base):
    client = make_client(base, admin_keys="adm", upload_max_mb=1)
    before = stored_uploads(base)
    assert_error(upload(client, "big.txt", "法".encode() * 400_000), 413, "TooLarge")  # refused by Content-Length
    assert_error(upload(client, "big.txt", b"a" * (1024 * 1024 + 10_000)), 413, "TooLarge")  # by reading
    assert_error(upload(client, "tool.exe", b"MZ\x90\x00"), 415, "UnsupportedFile")
    assert_error(upload(client, "junk.txt", bytes(range(256)) * 50), 415, "UnsupportedFile")
    assert_error(upload(client, "empty.txt", b""), 415)
    auth = {"Authorization": "Bearer adm"}
    assert_error(client.post("/api/reports", json={"file": "x"}, headers=auth), 400, "BadInput")
    assert_error(client.post("/api/reports", data={"other": "x"}, files={"f": ("a.txt", b"x")}, headers=auth), 400)
    assert stored_uploads(base) == before  # nothing refused is kept


def test_upload_is_a_job_followed_at_api_jobs(base):
    client = make_client(base, admin_keys="adm")
    text = REPORT_TEXT.replace("安宁县", "平和县").encode()
    response = client.post("/api/reports", files={"file": ("pinghe.txt", text, "text/plain")},
                           headers={"Authorization": "Bearer adm"})
    assert response.status_code == 202, response.text
    job = response.json()
    url = job["url"]
    assert job["status"] in ("queued", "running", "done") and url == f"/api/jobs/{job['job_id']}"
    deadline = time.monotonic() + 120
    while job["status"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.2)
        job = client.get(url).json()
    assert job["status"] == "done" and job["result"]["status"] == "indexed", job
    assert client.get(f"/api/reports/{job['result']['report_id']}").json()["source"] == "pinghe.txt"
    assert_error(client.get("/api/jobs/nope"), 404, "NotFound")
    junk = client.post("/api/reports", files={"file": ("junk.txt", bytes(range(256)) * 50, "text/plain")},
                       headers={"Authorization": "Bearer adm"}).json()
    while (failed := client.get(junk["url"]).json())["status"] in ("queued", "running"):
        time.sleep(0.2)
    assert failed["status"] == "failed" and failed["error"]["type"] == "UnsupportedFile"
    client.delete(f"/api/reports/{job['result']['report_id']}", headers={"Authorization": "Bearer adm"})


def test_page_admin_upload_sends_bytes_to_the_api_never_a_path(base):
    """The page has no Gradio file component (whose payload names a server path); its upload
    script posts the file itself to /api/reports, and Gradio's own upload route is refused."""
    import ui

    blocks = ui.build_page(Assistant(replace(base.settings, admin_keys="adm"), index=base.index))
    kinds = {block.get_block_name() for block in blocks.blocks.values()}
    assert "file" not in kinds and "uploadbutton" not in kinds
    from assistant.web.page_assets import ADMIN_UPLOAD_JS
    assert "api/reports" in ADMIN_UPLOAD_JS and "api/jobs/" in ADMIN_UPLOAD_JS
    client = make_client(base, admin_keys="adm")
    for path in ("/gradio_api/upload", "/embed/gradio_api/upload"):
        response = client.post(path, files={"files": ("a.txt", b"x", "text/plain")},
                               headers={"Authorization": "Bearer adm"})
        assert_error(response, 403, "Forbidden")


# --- headers -------------------------------------------------------------------------------
def test_identity_header_is_logged(client, caplog):
    with caplog.at_level(logging.INFO, logger="rolqa.questions"):
        client.post("/api/ask", json={"question": QUESTION}, headers={"X-Portal-User": "zhang.san"})
    assert "zhang.san" in caplog.text and QUESTION in caplog.text


def test_cors_allow_list(base):
    open_to = make_client(base, cors_origins="https://portal.example")
    preflight = {"Origin": "https://portal.example", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization,content-type"}
    allowed = open_to.options("/api/ask", headers=preflight)
    assert allowed.headers["access-control-allow-origin"] == "https://portal.example"
    other = open_to.get("/api/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    closed = make_client(base)
    for path in ("/api/health", "/config"):
        assert "access-control-allow-origin" not in closed.get(path, headers={"Origin": "http://localhost:3000"}).headers


def test_frame_headers(base):
    client = make_client(base, frame_ancestors="https://portal.example, https://oa.example")
    embed = client.get("/embed/")
    assert embed.status_code == 200 and "x-frame-options" not in embed.headers
    assert embed.headers["content-security-policy"] == \
        "frame-ancestors 'self' https://portal.example https://oa.example"
    for path in ("/", "/api/health"):
        page = client.get(path)
        assert page.headers["x-frame-options"] == "SAMEORIGIN"
        assert page.headers["content-security-policy"] == "frame-ancestors 'self'"
    assert make_client(base).get("/embed/").headers["content-security-policy"] == "frame-ancestors 'self'"


def test_root_path_for_a_reverse_proxy(base):
    service = Assistant(base.settings, index=base.index)
    client = TestClient(create_app(service, root_path="/rolqa"), root_path="/rolqa")
    # uvicorn --root-path puts the prefix before the path it received: a proxy that strips /rolqa
    # gives /rolqa/x, one that forwards the public path unchanged gives /rolqa/rolqa/x.
    for prefix in ("/rolqa", "/rolqa/rolqa"):
        assert client.get(f"{prefix}/api/health").status_code == 200
        assert client.get(f"{prefix}/config").json()["root"].endswith("/rolqa")
        embed = client.get(f"{prefix}/embed/config")
        assert embed.json()["root"].endswith("/rolqa/embed")
        assert "x-frame-options" not in embed.headers


def test_serve_is_a_click_command():
    from click.testing import CliRunner

    assert serve.name == "serve"
    result = CliRunner().invoke(serve, ["--help"])
    assert result.exit_code == 0 and "--root-path" in result.output
    assert CliRunner().invoke(serve, ["--root-path", "rolqa"]).exit_code == 2


# --- under load -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def live(base):
    """The app under a real uvicorn in a thread: one event loop, real sockets, real concurrency."""
    import uvicorn

    from tests.servers import free_port

    # A load test of the server itself, every client on 127.0.0.1: the per-client question limits are
    # off here (tests/system/test_limits_at_the_doors.py tests them).
    service = Assistant(replace(base.settings, admin_keys="adm", ask_concurrent=0, ask_per_minute=0), index=base.index)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(service), host="127.0.0.1", port=port,
                                           **uvicorn_options(log_level="warning")))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_forty_concurrent_questions_from_eight_clients(live):
    def client_session(i: int) -> list[int]:
        with httpx.Client(base_url=live, timeout=120) as http:
            return [http.post("/api/ask", json={"question": QUESTION}).status_code for _ in range(5)]

    with ThreadPoolExecutor(8) as pool:
        started = time.monotonic()
        futures = [pool.submit(client_session, i) for i in range(8)]
        time.sleep(0.2)
        health = httpx.get(f"{live}/api/health", timeout=60)  # the event loop still answers meanwhile
        assert health.status_code == 200
        codes = [code for f in futures for code in f.result()]
    assert codes == [200] * 40, codes
    assert time.monotonic() - started < 300


def test_reads_during_an_ingest_never_see_half_a_report(live):
    text = REPORT_TEXT.replace("安宁县", "永和县") + "\n".join(f"{i}. 推进第{i}项依法行政工作,办结案件{i}宗。"
                                                            for i in range(1, 120))
    uploaded: dict = {}

    def ingest():
        with httpx.Client(base_url=live, timeout=300) as http:
            uploaded["response"] = http.post("/api/reports?wait=true", headers={"Authorization": "Bearer adm"},
                                             files={"file": ("yonghe-2023.txt", text.encode(), "text/plain")})

    def reader(i: int) -> list[tuple[int, list[dict]]]:
        seen = []
        with httpx.Client(base_url=live, timeout=120) as http:
            while writer.is_alive() or not seen:
                rows = http.get("/api/reports")
                seen.append((rows.status_code, rows.json().get("reports", [])))
                seen.append((http.post("/api/ask", json={"question": "永和县办结案件多少宗?"}).status_code, []))
        return seen

    writer = threading.Thread(target=ingest)
    writer.start()
    with ThreadPoolExecutor(4) as pool:
        results = [r for rs in pool.map(reader, range(4)) for r in rs]
    writer.join()
    assert uploaded["response"].status_code == 201, uploaded["response"].text
    final = httpx.get(f"{live}/api/reports/yonghe-2023.txt").json()
    assert len(results) > 8 and all(code == 200 for code, _ in results)
    for _, rows in results:
        for row in rows:
            if row["source"] == "yonghe-2023.txt":
                assert row["paragraphs"] == len(final["paragraph_list"]) and row["chunks"] > 0
    httpx.delete(f"{live}/api/reports/{final['report_id']}", headers={"Authorization": "Bearer adm"})


# --- what the page renders ------------------------------------------------------------------
def test_page_html_escapes_report_text_and_answers():
    from assistant.web import webview

    ctx = {"report": {"title": "<b>标题</b>", "agency": "某局", "year": 2023, "source": "a.txt"},
           "paragraph": {"n": 2, "text": "前文<script>x()</script>,出庭率达100%。", "section": "一、<i>", "is_heading": False},
           "before": [], "after": []}
    html = webview.context_html(ctx, "出庭率 达100%")  # whitespace in a quote may differ from the text
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>" not in html and "<i>" not in html
    assert "<mark>出庭率达100%</mark>" in html
    citation = {"n": 1, "report_id": "r1", "source": "a.txt", "title": None, "agency": "某局", "year": 2023,
                "section": "一", "paragraph": 2, "quote": "<img src=x onerror=alert(1)>"}
    answer = {"question": "q", "status": "answered", "answer": "<img src=x onerror=alert(1)> 见 [1],另 [9]",
              "citations": [citation]}
    out = webview.answer_html(answer, 0)
    assert "<img" not in out and out.count('data-n="1"') == 2 and "[9]" in out and 'data-n="9"' not in out
    assert webview.plain_answer(answer).splitlines()[-1].strip() == "“<img src=x onerror=alert(1)>”"


# --- streaming with tokens (LLM mode's shape, from a stand-in service) --------------------------
class TokenService:
    """Streams like LLM mode: tokens, then the verified final answer; 'boom' fails mid-stream."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def warm_up(self):
        pass

    def audit(self, user, question):
        pass

    def ask_stream(self, question, filters=None, mode=None, history=None):
        from assistant.contract import validate_question
        from index.errors import BackendError

        validate_question(question)
        for text in ("出庭率", "达100% ", "[1]"):
            yield {"type": "token", "text": text}
        if question == "boom":
            raise BackendError("the LLM endpoint went away")
        citation = {"n": 1, "report_id": "r1", "source": "a.txt", "title": None, "agency": "某局", "year": 2023,
                    "section": "一", "paragraph": 3, "quote": "出庭率达100%"}
        yield {"type": "final", "answer": {"question": question, "status": "answered", "mode": "llm",
                                           "answer": "出庭率达100% [1]", "citations": [citation], "timings_ms": {}}}


def sse_events(client, question: str) -> list[tuple[str, dict]]:
    with client.stream("POST", "/api/ask/stream", json={"question": question, "mode": "llm"}) as response:
        assert response.status_code == 200
        lines = list(response.iter_lines())
    names = [line[7:] for line in lines if line.startswith("event: ")]
    return list(zip(names, [json.loads(line[6:]) for line in lines if line.startswith("data: ")]))


def test_api_streams_tokens_then_final_and_reports_late_errors(tmp_path):
    client = TestClient(create_app(TokenService(Settings(home=tmp_path / "h"))))
    events = sse_events(client, "出庭率是多少?")
    assert [name for name, _ in events] == ["token", "token", "token", "final"]
    assert "".join(e["text"] for _, e in events[:3]) == "出庭率达100% [1]" and events[-1][1]["answer"]["mode"] == "llm"
    failed = sse_events(client, "boom")
    assert failed[-1][0] == "error" and failed[-1][1]["error"]["type"] == "BackendError"


def test_page_shows_tokens_as_they_arrive(tmp_path):
    import ui

    page = ui.Page(TokenService(Settings(home=tmp_path / "h")))
    steps = [html for _, _, html in page.ask("出庭率是多少?", [], "llm", [], [], [], None)]
    assert "rq-pending" in steps[1] and "出庭率" in steps[1] and "rq-cite" not in steps[1]
    assert "rq-answered" in steps[-1] and 'data-n="1"' in steps[-1]
    *_, (_, turns, html) = page.ask("boom", [], "llm", [], [], [], None)
    # People read one Chinese sentence per error type, never the English internals (issue 9).
    assert "rq-error" in html and "出错了:检索服务暂时不可用" in html and len(turns) == 1
    assert "the LLM endpoint went away" not in html
