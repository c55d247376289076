"""With keys set, no door of the server opens without one: API, pages, Gradio endpoints, uploads, files.

The routes are not listed by hand: the test walks the app's route table
(FastAPI routes and every route of the Gradio apps mounted at / and /embed),
fills path parameters, and calls each with every method it declares and no
key. Each answer must be 401/403 (the API docs, which hold no data, stay open) (or the key prompt, itself a 401) and must not
contain a word of the indexed report. A control call with the key shows the
report text is really there to leak.
"""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from starlette.routing import Mount, WebSocketRoute

from assistant.service import Assistant
from assistant.web.guards import is_open
from assistant.web.server import create_app
from index.config import Settings

SECRET_SENTENCE = "全年共办理行政复议案件4217宗,行政机关负责人出庭率达93.7%。"
REPORT = f"玉泉县司法局关于2023年度法治政府建设情况的报告\n\n2023年,玉泉县司法局全面推进依法行政。\n\n{SECRET_SENTENCE}\n"
PARAM = re.compile(r"\{([^}:]+)(?::[^}]+)?\}")


@pytest.fixture(scope="module")
def app_and_report(tmp_path_factory):
    home = tmp_path_factory.mktemp("security-home")
    (home / "in").mkdir()
    (home / "in" / "yuquan-2023.txt").write_text(REPORT, encoding="utf-8")
    service = Assistant(Settings(home=home / "home", api_keys="reader-key", admin_keys="admin-key"))
    assert service.ingest([home / "in"]).count("indexed") == 1
    report_id = service.reports()[0]["report_id"]
    return create_app(service), report_id


def methods_of(route) -> set[str]:
    return set(getattr(route, "methods", None) or ()) - {"HEAD", "OPTIONS"} or {"GET"}


def included(router):
    """The routes of an included router, routers included in it too (the indicator routes)."""
    for candidate in router.effective_candidates():
        if hasattr(candidate, "effective_candidates") and not hasattr(candidate, "path"):
            yield from included(candidate)
        else:
            yield candidate


def all_routes(app, prefix: str = ""):
    """(path template, methods or None for a websocket) for every route, mounts included."""
    for route in app.routes:
        if isinstance(route, Mount):
            yield prefix + route.path + "/", {"GET"}
            inner = getattr(route.app, "routes", None)
            if inner is not None:
                yield from all_routes(route.app, prefix + route.path)
            else:  # static files: one file under the mount
                yield prefix + route.path + "/favicon-32x32.png", {"GET"}
        elif hasattr(route, "effective_candidates"):  # FastAPI's included router: its routes, prefixed
            for candidate in included(route):
                yield prefix + candidate.path, methods_of(candidate)
        elif isinstance(route, WebSocketRoute):
            yield prefix + route.path, None
        elif hasattr(route, "path"):
            yield prefix + route.path, methods_of(route)


def concrete(path: str, report_id: str) -> str:
    return PARAM.sub(lambda m: report_id if "id" in m.group(1) else "1", path).replace("//", "/")


def leaks(text: str) -> bool:
    return any(part in text for part in ("4217", "93.7%", "玉泉县司法局"))


def test_every_route_needs_a_key_and_leaks_nothing(app_and_report):
    app, report_id = app_and_report
    client = TestClient(app, raise_server_exceptions=False)
    routes = sorted(all_routes(app), key=lambda r: r[0])
    assert len(routes) > 100 and any("gradio_api/queue/join" in path for path, _ in routes)
    checked = 0
    for template, methods in routes:
        path = concrete(template, report_id)
        if path.rstrip("/").endswith("/login"):
            continue
        if methods is None:
            with pytest.raises(Exception):
                with client.websocket_connect(path):
                    pass
            continue
        for method in sorted(methods):
            body = {"question": "玉泉县行政复议案件多少宗?", "data": ["玉泉县"], "fn_index": 0, "session_hash": "x"}
            response = client.request(method, path, json=body, headers={"accept": "text/html"})
            if is_open(path):  # the API docs and their scripts: public by design, no data in them
                assert response.status_code in (200, 404), f"{method} {path}: {response.status_code}"
            else:
                assert response.status_code in (401, 403), f"{method} {path}: {response.status_code}"
            assert not leaks(response.text), f"{method} {path} leaks report text"
            checked += 1
    assert checked > 100
    with_key = client.get(f"/api/reports/{report_id}", headers={"Authorization": "Bearer reader-key"})
    assert with_key.status_code == 200 and leaks(with_key.text)  # the control: the text is there to leak


def test_the_page_asks_for_the_key_and_the_cookie_opens_it(app_and_report):
    app, _ = app_and_report
    client = TestClient(app, raise_server_exceptions=False)
    prompt = client.get("/", headers={"accept": "text/html"})
    assert prompt.status_code == 401 and 'name="key"' in prompt.text and "访问密钥" in prompt.text
    bad = client.post("/login", data={"key": "guess", "next": "/"}, follow_redirects=False)
    assert bad.status_code == 401 and "rolqa_session" not in bad.headers.get("set-cookie", "")
    elsewhere = client.post("/login", data={"key": "reader-key", "next": "//evil.example/x"}, follow_redirects=False)
    assert elsewhere.status_code == 303 and elsewhere.headers["location"] == "/"
    assert "HttpOnly" in elsewhere.headers["set-cookie"]
    page = client.get("/", headers={"accept": "text/html"})  # the cookie from the login
    assert page.status_code == 200 and "gradio" in page.text.lower()
    assert client.get("/embed/gradio_api/info").status_code == 200
    assert client.post("/gradio_api/upload", files={"files": ("a.txt", b"x")}).status_code == 403  # still off


def test_login_goes_on_only_to_a_path_of_this_site_and_stops_guessers(app_and_report):
    """"/\t/evil.example/" is "//evil.example/" to a browser; a newline would split the header; 200 wrong
    keys in a few seconds are a guess."""
    app, _ = app_and_report
    client = TestClient(app, raise_server_exceptions=False)
    for target in ("/\t/evil.example/", "/\n/evil.example/", "/ /evil.example", "\t//evil.example", "/\x7f/x"):
        moved = client.post("/login", data={"key": "reader-key", "next": target}, follow_redirects=False)
        assert moved.status_code == 303 and moved.headers["location"] == "/", target
    kept = client.post("/login", data={"key": "reader-key", "next": "/embed/?q=1"}, follow_redirects=False)
    assert kept.headers["location"] == "/embed/?q=1"
    guesser = TestClient(app, raise_server_exceptions=False, client=("192.0.2.7", 50000))  # a client of its own
    codes = [guesser.post("/login", data={"key": f"guess{i}", "next": "/"}).status_code for i in range(12)]
    assert codes == [401] * 10 + [429] * 2
    assert guesser.post("/login", data={"key": "reader-key"}).status_code == 429  # even the right key, for a while
    assert client.post("/login", data={"key": "reader-key"}, follow_redirects=False).status_code == 303  # others not


def test_a_portal_proxy_sending_the_key_header_opens_embed(app_and_report):
    app, _ = app_and_report
    client = TestClient(app, raise_server_exceptions=False)
    response = client.get("/embed/", headers={"Authorization": "Bearer reader-key", "accept": "text/html"})
    assert response.status_code == 200
    forged = {"rolqa_session": "9999999999.0000"}
    assert client.get("/embed/", cookies=forged, headers={"accept": "text/html"}).status_code == 401


def test_reading_keys_cannot_upload_and_uploads_take_bytes_only(app_and_report):
    app, _ = app_and_report
    client = TestClient(app, raise_server_exceptions=False)
    reader = {"Authorization": "Bearer reader-key"}
    files = {"file": ("x.txt", REPORT.encode(), "text/plain")}
    assert client.post("/api/reports", files=files, headers=reader).status_code == 403
    path_payload = client.post("/api/reports", json={"path": "/etc/passwd"}, headers={"Authorization": "Bearer admin-key"})
    assert path_payload.status_code == 400 and "passwd" not in path_payload.text.replace("/etc/passwd", "")
