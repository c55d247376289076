"""The doors under a real uvicorn on 127.0.0.1: wrong keys limited on every way in (form and Bearer),
counted as they arrive (concurrent guesses cannot all be checked), X-Forwarded-For believed only from a
configured proxy, and per-client question limits that answer 429 in Chinese while others are answered."""
from __future__ import annotations

import asyncio
import threading
import time
from contextlib import contextmanager
from dataclasses import replace

import httpx
import pytest

from assistant.service import Assistant
from assistant.web.server import create_app, uvicorn_options
from index.config import Settings
from tests.servers import free_port

pytestmark = pytest.mark.system

REPORT = ("玉泉县司法局关于2023年度法治政府建设情况的报告\n\n2023年,玉泉县司法局全面推进依法行政。\n\n"
          "一、主要举措和成效\n\n全年共办理行政复议案件42宗,行政机关负责人出庭率达100%。\n")
READER, ADMIN = {"Authorization": "Bearer reader"}, {"Authorization": "Bearer adm"}
QUESTION = "玉泉县司法局2023年办理了多少宗行政复议案件?"


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    root = tmp_path_factory.mktemp("doors")
    (root / "in").mkdir()
    (root / "in" / "yuquan-2023.txt").write_text(REPORT, encoding="utf-8")
    service = Assistant(Settings(home=root / "home", api_keys="reader", admin_keys="adm"))
    assert service.ingest([root / "in"]).count("indexed") == 1
    return service


@contextmanager
def serving(service: Assistant, **settings):
    """create_app over the module's index under a real uvicorn in a thread; yields its base URL."""
    import uvicorn

    app = create_app(Assistant(replace(service.settings, **settings), index=service.index))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(),
                                           **uvicorn_options(log_level="warning")))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def from_(address: str, headers: dict | None = None) -> dict:
    return {"X-Forwarded-For": address, **(headers or {})}


async def burst(base: str, n: int, request) -> list[int]:
    """`n` requests at once over separate connections; their status codes."""
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=httpx.Limits(max_connections=n)) as http:
        return [r.status_code for r in await asyncio.gather(*(request(http, i) for i in range(n)))]


def test_bearer_guesses_are_limited_and_rotating_forwarded_for_does_not_escape(service):
    with serving(service) as base, httpx.Client(base_url=base, timeout=30) as http:
        codes = [http.get("/api/reports", headers=from_(f"10.9.0.{i}", {"Authorization": f"Bearer guess{i}"})).status_code
                 for i in range(12)]
        assert codes == [401] * 10 + [429] * 2  # 127.0.0.1 is no configured proxy: one client, however it names itself
        started = time.monotonic()
        right = http.get("/api/reports", headers=READER)
        assert right.status_code == 429 and int(right.headers["retry-after"]) >= 1  # not even the right key
        assert "密钥" in right.json()["error"]["message"] and right.json()["error"]["type"] == "TooManyRequests"
        assert time.monotonic() - started >= 1.5  # refused slowly: a guesser cannot send hundreds a second
        codes = asyncio.run(burst(base, 300, lambda h, i: h.get("/api/reports", headers={"Authorization": f"Bearer g{i}"})))
        assert codes == [429] * 300


def test_concurrent_wrong_keys_are_counted_as_they_arrive(service):
    with serving(service) as base:
        login = lambda http, i: http.post("/login", data={"key": f"guess{i}", "next": "/"})
        codes = asyncio.run(burst(base, 200, login))
        assert codes.count(401) <= 10 and codes.count(429) >= 190, sorted(set(codes))
    with serving(service) as base:  # the admin door, in the thread pool, the same
        delete = lambda http, i: http.delete("/api/reports/x", headers={"Authorization": "Bearer reader",
                                                                         "X-Admin-Try": str(i)})
        codes = asyncio.run(burst(base, 100, delete))
        assert codes.count(403) <= 10 and codes.count(429) >= 90, sorted(set(codes))


def test_behind_a_trusted_proxy_one_wrong_client_does_not_lock_out_the_others(service):
    with serving(service, trusted_proxies="127.0.0.1") as base, httpx.Client(base_url=base, timeout=30) as http:
        wrong = [http.get("/api/reports", headers=from_("10.1.1.1", {"Authorization": "Bearer nope"})).status_code
                 for _ in range(12)]
        assert wrong == [401] * 10 + [429] * 2
        assert http.get("/api/reports", headers=from_("10.1.1.2", READER)).status_code == 200
        assert http.post("/login", data={"key": "reader"}, headers=from_("10.1.1.3"),
                         follow_redirects=False).status_code == 303


def test_a_client_past_its_question_limits_gets_429_while_others_are_answered(service):
    with serving(service, trusted_proxies="127.0.0.1", ask_concurrent=2, ask_per_minute=6) as base:
        ask = lambda http, i: http.post("/api/ask", json={"question": QUESTION + "请详细说明。" * 30},
                                        headers=from_("10.2.0.1", READER))
        codes = asyncio.run(burst(base, 12, ask))
        assert codes.count(200) >= 1 and codes.count(429) >= 6, codes  # at most two at once
        with httpx.Client(base_url=base, timeout=30) as http:
            asked = [http.post("/api/ask", json={"question": QUESTION}, headers=from_("10.2.0.3", READER))
                     for _ in range(7)]
            assert [r.status_code for r in asked] == [200] * 6 + [429]
            refused = asked[-1]
            assert int(refused.headers["retry-after"]) >= 1 and refused.json()["error"]["type"] == "TooManyRequests"
            assert "每分钟最多 6 个问题" in refused.json()["error"]["message"]
            other = http.post("/api/ask", json={"question": QUESTION}, headers=from_("10.2.0.2", READER))
            assert other.status_code == 200 and "42宗" in other.json()["answer"]
            health = http.get("/api/health", headers=READER).json()
            assert health["status"] == "busy" and health["answering"]["saturated"]
            assert health["answering"]["refused_last_minute"] >= 7
