"""The page in a real browser (Debian's chromium, as tests/test_browser.py): an answer's notes shown under
it, in Chinese, styled as notes, for the filler case of an LLM answer; the review table's 单位 column kept
in view on a phone; an unknown page answered in Chinese. `rolqa serve` in a subprocess, its LLM the
scripted OpenAI-compatible server of tests/fake_openai.py on 127.0.0.1."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import httpx
import pytest

from assistant.service import Assistant
from index.config import load_settings
from tests.conftest import REPORTS, ROOT
from tests.fake_openai import FakeOpenAI, Reply, block_with, is_rewrite
from tests.servers import free_port, require_chromium, running

pytestmark = pytest.mark.system


@pytest.fixture(scope="module", autouse=True)
def chromium() -> Path:
    return require_chromium()
SHOTS = Path("/tmp/rolqa-shots")
HUADU = "花都区2023年收到行政复议申请多少宗?"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("notes")
    (tmp / "in").mkdir()
    shutil.copy(REPORTS / "huadu-district-2023.txt", tmp / "in")
    assert Assistant(load_settings({"home": str(tmp / "home")}, env={})).ingest([tmp / "in"]).count("indexed") == 1
    with FakeOpenAI() as fake:
        # The model pads an invented figure with filler: verified, only the filler would be left.
        fake.script = lambda body: Reply(HUADU) if is_rewrite(body) else Reply(
            f"花都区高度重视行政复议工作[{block_with(body, '786宗')}]。收到行政复议申请9999宗[1]。")
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("ROLQA_")}
        env.update(ROLQA_HOME=str(tmp / "home"), ROLQA_LLM_BASE_URL=fake.url, ROLQA_LLM_MODEL="fake",
                   PYTHONPATH=str(ROOT))
        cmd = [sys.executable, "-m", "assistant.web.server", "--host", "127.0.0.1", "--port", str(port)]
        base = f"http://127.0.0.1:{port}"
        # Ready when it answers: its health is 503 here (the fake has no GET /v1/models to check).
        with running(cmd, f"{base}/api/reports", timeout=300, env=env, cwd=tmp, log=tmp / "serve.log"):
            yield base


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(require_chromium()), headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN").new_page()
        browser.close()


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_an_answers_notes_are_shown_under_it_as_notes(server, page):
    page.goto(f"{server}/")
    page.fill("#rq-question textarea", HUADU)
    page.click("#rq-send")
    notes = page.wait_for_selector(".rq-a:not(.rq-pending) .rq-notes", timeout=120_000)
    said = notes.inner_text()
    assert "已改用摘录原文的答案" in said and "LLM 的答案" in said
    answer = page.inner_text(".rq-a:not(.rq-pending) .rq-text")
    assert "786" in answer and "9999" not in answer and "高度重视" not in answer
    below = page.evaluate("""() => {
        const text = document.querySelector('.rq-a .rq-text'), notes = document.querySelector('.rq-a .rq-notes');
        const size = (el) => parseFloat(getComputedStyle(el).fontSize);
        return [notes.getBoundingClientRect().top >= text.getBoundingClientRect().bottom,
                size(notes) < size(text), getComputedStyle(notes).color !== getComputedStyle(text).color];
    }""")
    assert below == [True, True, True]  # under the answer, smaller and subdued: a note, not the answer
    shoot(page, "10-notes")


def test_the_review_tables_unit_column_stays_in_view_on_a_phone(server, page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server}/")
    page.click("button[role=tab]:has-text('报告审查')")
    page.wait_for_selector("#rq-rv-table table.rq-rv tbody tr", timeout=60_000)
    page.eval_on_selector("#rq-rv-table .rq-rv-wrap", "w => { w.scrollLeft = w.scrollWidth; }")
    page.wait_for_timeout(300)
    wrap = page.eval_on_selector("#rq-rv-table .rq-rv-wrap", "w => w.getBoundingClientRect().left")
    name = page.eval_on_selector("#rq-rv-table tbody .rq-rv-name", "n => n.getBoundingClientRect().left")
    assert abs(name - wrap) <= 2, (name, wrap)  # scrolled to the far right, the 单位 column is still there
    shoot(page, "11-review-phone-scrolled")


def test_an_unknown_page_is_answered_in_chinese(server, page):
    page.goto(f"{server}/no-such-page")
    assert "没有这个页面" in page.inner_text("body")
    response = httpx.get(f"{server}/no-such-page", headers={"accept": "application/json"})
    assert response.status_code == 404 and response.json()["error"]["message"] == "没有这个地址:/no-such-page"
