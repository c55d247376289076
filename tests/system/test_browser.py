"""The chat page in a real browser: `rolqa serve` in a subprocess, driven by headless Chromium.

Asks a question, opens a citation, opens a report whose text holds <script> and
<img onerror> and checks they show as text and never run. Screenshots go to
the test's tmp dir and are copied to /tmp/rolqa-shots/ for a person to look at.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT
from tests.servers import free_port, require_chromium, running

SHOTS = Path("/tmp/rolqa-shots")
ADMIN_KEY = "browser-test-admin"
XSS_PARAGRAPH = ('系统测试段落:<script>window.__pwned=1</script> 与 <img src=x onerror="window.__pwned=2"> '
                 '以及 ${window.__pwned=3} 和 {{constructor}} 应当原样显示。')
XSS_REPORT = ("安宁县司法局关于2023年度法治政府建设情况的报告\n\n2023年,安宁县司法局全面推进依法行政。\n\n"
              "一、主要举措和成效\n\n(一)规范行政执法\n\n全年共办理行政复议案件12宗。\n\n"
              f"{XSS_PARAGRAPH}\n\n二、存在的不足\n\n执法队伍专业化水平仍需提高。\n")


@pytest.fixture(scope="module", autouse=True)
def chromium() -> Path:
    return require_chromium()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`rolqa serve --root-path /rolqa` on a fresh home; the XSS report is added through the upload API."""
    tmp = tmp_path_factory.mktemp("browser")
    port, log = free_port(), tmp / "serve.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROLQA_")}
    env.update(ROLQA_HOME=str(tmp / "home"), ROLQA_ADMIN_KEYS=ADMIN_KEY, PYTHONPATH=str(ROOT),
               ROLQA_UPLOAD_QUOTA_MB="1")  # small reports fit; the quota test's 1.2 MB file does not
    cmd = [sys.executable, "-m", "assistant.web.server", "--host", "127.0.0.1", "--port", str(port), "--root-path", "/rolqa"]
    base = f"http://127.0.0.1:{port}/rolqa"
    # The server first indexes the sample reports (its index is empty), which takes a while.
    with running(cmd, f"{base}/api/health", timeout=300, env=env, cwd=tmp, log=log):
        files = {"file": ("anning-xss-2023.txt", XSS_REPORT.encode(), "text/plain")}
        added = httpx.post(f"{base}/api/reports?wait=true", files=files, headers={"Authorization": f"Bearer {ADMIN_KEY}"},
                           timeout=120)
        assert added.status_code == 201, added.text
        yield {"base": base, "xss_id": added.json()["report_id"], "log": log}


@pytest.fixture
def page(tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(require_chromium()), headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        yield context.new_page()
        browser.close()


def shoot(page, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SHOTS / path.name)


def ask(page, question: str) -> None:
    page.fill("#rq-question textarea", question)
    page.click("#rq-send")


def test_ask_cite_and_escape(server, page, tmp_path):
    page.goto(f"{server['base']}/")
    page.wait_for_selector(f'.rq-open[data-report="{server["xss_id"]}"]', timeout=60_000)
    ask(page, "哪些单位的行政机关负责人出庭率达到了100%?")
    page.wait_for_selector(".rq-answered .rq-text .rq-cite", timeout=60_000)
    answer = page.inner_text(".rq-answered .rq-text")
    assert "100%" in answer and "[1]" in answer
    shoot(page, tmp_path, "1-answer")

    page.click('.rq-text .rq-cite[data-n="1"]')
    mark = page.wait_for_selector("#rq-viewer .rq-cited mark", timeout=30_000)
    quote = page.inner_text(".rq-sources li:first-child .rq-quote")
    assert mark.inner_text().strip() in quote and "100%" in mark.inner_text()
    assert "年度" in page.inner_text("#rq-viewer .rq-facts") and page.inner_text("#rq-viewer .rq-section")
    shoot(page, tmp_path, "2-citation")

    page.click(f'.rq-open[data-report="{server["xss_id"]}"]')
    page.wait_for_selector("#rq-viewer .rq-title:has-text('安宁县司法局')", timeout=30_000)
    shown = page.inner_text("#rq-viewer")
    assert XSS_PARAGRAPH in shown.replace("\n", "")
    assert page.evaluate("window.__pwned") is None
    assert page.query_selector("#rq-viewer img") is None and page.query_selector("#rq-viewer script") is None
    shoot(page, tmp_path, "3-escaped-report")

    ask(page, '<img src=x onerror="window.__pwned=4">安宁县办理行政复议案件多少宗?')
    page.wait_for_selector(".rq-turn:nth-child(2) .rq-a:not(.rq-pending)", timeout=60_000)
    assert '<img src=x onerror="window.__pwned=4">' in page.inner_text(".rq-turn:nth-child(2) .rq-q")
    assert page.evaluate("window.__pwned") is None
    shoot(page, tmp_path, "4-escaped-question")


def test_embed_page_has_no_header_and_copies_plain_text(server, page, tmp_path):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{server['base']}/embed/")
    page.wait_for_selector("#rq-question textarea", timeout=60_000)
    assert page.query_selector(".rq-header") is None
    page.click(".rq-example >> nth=1")  # 各份报告分别是哪个单位哪一年度的?
    page.wait_for_selector(".rq-a:not(.rq-pending)", timeout=60_000)
    page.click(".rq-copy")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("问:各份报告") and "答:" in copied
    shoot(page, tmp_path, "5-embed")


def test_admin_uploads_a_report_from_the_page(server, page, tmp_path):
    report = tmp_path / "pinghe-2023.txt"
    report.write_text(XSS_REPORT.replace("安宁县", "平和县").replace(XSS_PARAGRAPH, "全年办结案件30宗。"),
                      encoding="utf-8")
    page.goto(f"{server['base']}/")
    page.wait_for_selector(".rq-open", timeout=60_000)
    page.click("text=管理:上传或删除报告")
    page.fill("#rq-admin-key input", ADMIN_KEY)
    page.set_input_files("#rq-admin-upload input.rq-files", str(report))
    page.click("#rq-admin-upload button.rq-up")  # the page posts the bytes to /api/reports, then follows the job
    page.wait_for_function("() => document.querySelector('#rq-admin-upload .rq-up-status')?.textContent.includes('✓')",
                           timeout=120_000)
    assert "✓ pinghe-2023.txt:已索引" in page.text_content("#rq-admin-upload .rq-up-status")
    page.wait_for_selector(".rq-open:has-text('平和县司法局')", timeout=30_000)
    shoot(page, tmp_path, "6-admin-upload")


def test_the_page_says_why_an_upload_over_the_quota_is_refused(server, page, tmp_path):
    big = tmp_path / "big-2023.txt"
    big.write_bytes(("法治政府建设。" * 60000).encode())  # 1.2 MB: under the size limit, over the daily quota
    page.goto(f"{server['base']}/")
    page.wait_for_selector(".rq-open", timeout=60_000)
    page.click("text=管理:上传或删除报告")
    page.fill("#rq-admin-key input", ADMIN_KEY)
    page.set_input_files("#rq-admin-upload input.rq-files", str(big))
    page.click("#rq-admin-upload button.rq-up")
    page.wait_for_function("() => document.querySelector('#rq-admin-upload .rq-up-status')?.textContent.includes('✗')",
                           timeout=60_000)
    status = page.text_content("#rq-admin-upload .rq-up-status")
    assert "✗ big-2023.txt:文件(1.2 MB)超过了每天 1 MB 的上传额度" in status, status
    shoot(page, tmp_path, "8-quota")


def test_indicator_tab_chart_quote_and_csv(server, page, tmp_path):
    """The 指标对比 tab: a bar per report, a row click shows the quote marked, the CSV download opens in Excel."""
    page.goto(f"{server['base']}/")
    page.click("button[role=tab]:has-text('指标对比')")
    page.wait_for_selector("#rq-ind-table [role=gridcell]", timeout=60_000)
    page.wait_for_selector("#rq-ind-chart svg .mark-rect path", timeout=30_000)
    assert page.locator("#rq-ind-chart svg .mark-rect path").count() == 2  # 出庭率: 花都 and 增城
    assert "2 份报告写明" in page.inner_text("#rq-ind-summary")
    quote = page.locator("#rq-ind-table [role=gridcell]").nth(5)
    quoted = quote.inner_text().strip()
    quote.click()
    mark = page.wait_for_selector("#rq-ind-viewer .rq-cited mark", timeout=30_000)
    assert mark.inner_text().strip() == quoted and "100%" in quoted
    shoot(page, tmp_path, "7-indicators")

    # Switching the indicator redraws the bars with its own values (they used to show the previous ones).
    page.click("#rq-ind-pick input")
    page.click("ul[role=listbox] li:has-text('行政复议案件数')")
    page.wait_for_function("document.querySelector('#rq-ind-summary').innerText.includes('行政复议案件数')",
                           timeout=30_000)
    page.wait_for_function("[...document.querySelectorAll('#rq-ind-chart svg .mark-rect path')]"
                           ".some(p => (p.getAttribute('aria-label') || '').includes('786'))", timeout=30_000)
    labels = page.eval_on_selector_all("#rq-ind-chart svg .mark-rect path", "ps => ps.map(p => p.getAttribute('aria-label'))")
    assert not any((label or "").endswith(": 100") for label in labels), labels  # no 出庭率 bar left
    shoot(page, tmp_path, "7b-indicator-switched")

    with page.expect_download(timeout=30_000) as download:
        page.click("#rq-ind-csv")
    assert download.value.suggested_filename.endswith(".csv")
    data = Path(download.value.path()).read_bytes()
    assert data.startswith("\ufeffindicator,label,report_id".encode())
    assert "全区现有公职律师68名" in data.decode("utf-8-sig")


def test_review_tab_table_quote_phone_and_excel(server, page, tmp_path):
    """The 报告审查 tab: a row per report with symbol-and-word checks, a ◐ cell opens its quote marked,
    a phone's width scrolls the table inside its box (never the page), the Excel download is a workbook."""
    page.goto(f"{server['base']}/")
    page.click("button[role=tab]:has-text('报告审查')")
    table = "#rq-rv-table table.rq-rv"
    page.wait_for_selector(f"{table} tbody tr", timeout=60_000)
    settled = "!document.querySelector('#rq-rv-table').classList.contains('pending')"  # the tab's own refresh
    page.wait_for_function(settled, timeout=30_000)
    huadu = page.locator(f"{table} tbody tr:has-text('huadu-district-2023.txt')")
    chuxiong = page.locator(f"{table} tbody tr:has-text('chuxiong-zonghe-zhifa-2024.txt')")
    assert "广州市花都区人民政府" in huadu.inner_text() and "2023" in huadu.inner_text()
    leaders = huadu.locator("td[data-part=leaders]")
    assert leaders.inner_text().strip() == "◐ 小节内" and "rq-rv-inside" in leaders.get_attribute("class")
    assert chuxiong.locator("td.rq-rv-part:has-text('✔ 单独成部分')").count() == 4
    assert chuxiong.locator("td[data-part=other]").inner_text().strip() == "✘ 缺少"
    shoot(page, tmp_path, "9-review")

    leaders.locator("button").click()
    mark = page.wait_for_selector("#rq-rv-para .rq-cited mark", timeout=30_000)
    assert "严格落实《党政主要负责人履行推进法治建设第一责任人职责规定》" in mark.inner_text()
    assert "花都区" in page.inner_text("#rq-rv-para .rq-facts")

    page.fill("#rq-rv-agency textarea, #rq-rv-agency input", "楚雄")  # the agency filter: a substring
    page.wait_for_function("document.querySelectorAll('#rq-rv-table tbody tr').length === 1", timeout=30_000)
    assert "楚雄市综合行政执法局" in page.inner_text(f"{table} tbody")
    page.fill("#rq-rv-agency textarea, #rq-rv-agency input", "没有这个单位")
    page.wait_for_selector("#rq-rv-table .rq-rv-empty", timeout=30_000)
    assert "没有符合筛选条件的报告" in page.inner_text("#rq-rv-table")
    page.fill("#rq-rv-agency textarea, #rq-rv-agency input", "")
    page.wait_for_selector(f"{table} tbody tr:has-text('huadu-district-2023.txt')", timeout=30_000)

    page.wait_for_function(settled, timeout=30_000)
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(500)
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    wrap = page.eval_on_selector("#rq-rv-table .rq-rv-wrap", "w => [w.scrollWidth, w.clientWidth]")
    assert wrap[0] > wrap[1]  # the table is wider than a phone: it scrolls inside its box
    shoot(page, tmp_path, "9b-review-phone")

    with page.expect_download(timeout=30_000) as download:
        page.click("#rq-rv-xlsx")
    assert download.value.suggested_filename.endswith(".xlsx")
    assert Path(download.value.path()).read_bytes().startswith(b"PK")
