"""The Gradio chat page (Chinese UI): layout and wiring only.

Every action calls the assistant service, the same one the CLI and the API
use; HTML comes from `assistant.web.webview` (which escapes all report text) and
admin keys are checked by `assistant.web.access`. `build_page(service, embed=True)`
is the iframe version: no header, no admin tools.
"""
from __future__ import annotations

import contextlib
import logging

import gradio as gr

from assistant.web import indicator_tab, review_tab, scan_view, webview
from assistant.web.access import check_admin, writing_enabled
from assistant.web.limits import Doors, client_of
from assistant.web.messages import for_people
from assistant.web.page_assets import ADMIN_UPLOAD_HTML, ADMIN_UPLOAD_JS, CHAT_JS, OPEN_REPORT_JS, VIEWER_JS
from index.errors import RolqaError

log = logging.getLogger("rolqa.ui")

TITLE = "法治政府建设年度报告问答"
EXAMPLES = ["哪些单位的行政机关负责人出庭率达到了100%?", "各份报告分别是哪个单位哪一年度的?",
            "各单位的行政复议案件数量分别是多少?"]
MODES = [("自动", "auto"), ("即时(摘录原文)", "extractive"), ("LLM(流式)", "llm")]
PRIVATE = {"api_visibility": "private"}  # page actions, not a second API: the JSON API is /api
VIEWER_HINT = '<div class="rq-empty">点击答案中的 [1] [2] … 或右侧报告名称,在此查看报告原文。</div>'


def history_of(turns: list[dict]) -> list[dict]:
    """Earlier answered turns as chat messages, for follow-up questions."""
    messages = []
    for t in turns:
        if t.get("answer"):
            messages += [{"role": "user", "content": t["question"]},
                         {"role": "assistant", "content": t["answer"]["answer"]}]
    return messages


class Page:
    """The handlers of one page; each is a thin call into the service, inside the server's doors
    (per-client question limits and counted admin keys, assistant/web/limits.py)."""

    def __init__(self, service, doors: Doors | None = None):
        self.service = service
        self.settings = service.settings
        self.doors = doors or Doors(service.settings)

    def ask(self, question, turns, mode, report_ids, agencies, years, request: gr.Request):
        """Stream one answer into the conversation: tokens as they come, then the verified answer."""
        self.service.audit(request.headers.get(self.settings.user_header) if request else None, question)
        turn = {"question": question or "", "partial": ""}
        turns = [*turns, turn]
        yield "", turns, webview.transcript_html(turns)
        filters = {"report_ids": report_ids, "agencies": agencies, "years": years}
        try:
            with self.doors.questions.slot(client_of(request)):
                self.doors.questions.charge(client_of(request), len(str(question or "")))
                for event in self.service.ask_stream(question, filters, mode, history_of(turns[:-1])):
                    if event["type"] == "token":
                        turn["partial"] += event["text"]
                        yield "", turns, webview.transcript_html(turns)
                    elif event["type"] == "final":
                        turn["answer"] = event["answer"]
        except Exception as exc:  # noqa: BLE001 - any failure ends the answering state with a message
            if not isinstance(exc, RolqaError):
                log.exception("question failed")
            turn["error"] = f"出错了:{for_people(exc)}"
        yield "", turns, webview.transcript_html(turns)

    def show_citation(self, turns, evt: gr.EventData):
        try:
            answer = turns[int(evt.turn)]["answer"]
            c = next(c for c in answer["citations"] if c["n"] == int(evt.n))
            return webview.context_html(self.service.paragraph(c["report_id"], c["paragraph"]), c["quote"]) + \
                scan_view.page_html(self.service.page_view(c["report_id"], c["paragraph"], c["quote"]))
        except (AttributeError, IndexError, KeyError, StopIteration, TypeError, ValueError):
            return VIEWER_HINT
        except RolqaError as exc:
            raise gr.Error(for_people(exc), title="出错了")

    def show_report(self, evt: gr.EventData):
        try:
            return webview.report_html(self.service.report(str(evt.report_id)))
        except RolqaError as exc:
            raise gr.Error(for_people(exc), title="出错了")

    def reports_view(self):
        """The report list and the choices of the three filters, read fresh from the index."""
        rows = self.service.reports()
        reports = [(f"{r['agency'] or '单位未知'} {r['year'] or ''} · {r['source']}", r["report_id"]) for r in rows]
        agencies = sorted({r["agency"] for r in rows if r["agency"]})
        years = sorted({str(r["year"]) for r in rows if r["year"]})
        return webview.reports_html(rows), gr.update(choices=reports), gr.update(choices=agencies), \
            gr.update(choices=years)

    def removal_choices(self):
        return gr.update(choices=[(f"{r['source']} ({r['agency'] or '单位未知'})", r["report_id"])
                                  for r in self.service.reports()], value=None)

    def remove(self, report_id, key, request: gr.Request):
        try:
            self.doors.keys.check(client_of(request), (key or "").strip() or None,
                                  lambda given: check_admin(self.settings, given))
            row = self.service.remove(report_id or "")
        except RolqaError as exc:
            raise gr.Error(for_people(exc), title="出错了")
        return f"已删除 {row['source']}"


def chat_column(page: Page, embed: bool):
    """Conversation, question box, mode and example questions; returns the components handlers need."""
    chat = gr.HTML(webview.transcript_html([]), js_on_load=CHAT_JS, max_height=620, autoscroll=True,
                   elem_id="rq-chat", padding=True, container=True)
    with gr.Row():
        question = gr.Textbox(placeholder="输入问题,例如:增城区城管局2023年新收行政一审案件多少宗?",
                              show_label=False, scale=5, max_lines=4, elem_id="rq-question")
        send = gr.Button("提问", variant="primary", scale=1, elem_id="rq-send")
    with gr.Row():
        mode = gr.Radio(MODES, value="auto", label="回答方式", visible=page.settings.llm_configured)
        clear = gr.Button("清空对话", size="sm")
    with gr.Row():
        examples = [gr.Button(text, size="sm", elem_classes="rq-example") for text in EXAMPLES[: 2 if embed else 3]]
    return chat, question, send, mode, clear, examples


def admin_tools(page: Page, refresh: list) -> gr.Dropdown:
    """Upload and remove reports; shown only when admin keys are configured. Returns the report picker."""
    with gr.Accordion("管理:上传或删除报告(需要管理员密钥)", open=False):
        key = gr.Textbox(label="管理员密钥", type="password", elem_id="rq-admin-key")
        gr.HTML(ADMIN_UPLOAD_HTML, js_on_load=ADMIN_UPLOAD_JS, elem_id="rq-admin-upload", padding=True)
        status = gr.Textbox(label="结果", interactive=False, lines=2, elem_id="rq-admin-status")
        target = gr.Dropdown(label="删除报告", choices=[])
        with gr.Row():
            remove = gr.Button("删除所选报告", variant="stop", size="sm")
            reload = gr.Button("刷新报告列表", size="sm", elem_id="rq-admin-refresh")
    removed = remove.click(page.remove, [target, key], status, **PRIVATE)
    for event in (removed, reload.click(lambda: None, None, None, **PRIVATE)):
        event.then(page.reports_view, None, refresh, **PRIVATE).then(page.removal_choices, None, target, **PRIVATE)
    return target


def build_page(service, embed: bool = False, doors: Doors | None = None) -> gr.Blocks:
    page = Page(service, doors)
    with gr.Blocks(title=TITLE, analytics_enabled=False, fill_width=True) as blocks:
        turns = gr.State([])
        if not embed:
            gr.HTML(f'<div class="rq-header"><h1>{TITLE}</h1><p>答案只来自已索引的报告,每个数字都附原文出处。</p></div>',
                    js_on_load=None)
        with gr.Tab("问答", elem_id="rq-tab-chat") if not embed else contextlib.nullcontext():
            with gr.Row():
                with gr.Column(scale=3):
                    chat, question, send, mode, clear, examples = chat_column(page, embed)
                with gr.Column(scale=2):
                    viewer = gr.HTML(VIEWER_HINT, js_on_load=VIEWER_JS, elem_id="rq-viewer", max_height=560,
                                     padding=True, container=True)
                    with gr.Accordion("报告与筛选", open=not embed):
                        report_filter = gr.CheckboxGroup(label="只在这些报告中查找", choices=[])
                        agency_filter = gr.CheckboxGroup(label="单位", choices=[])
                        year_filter = gr.CheckboxGroup(label="年度", choices=[])
                        report_list = gr.HTML(js_on_load=OPEN_REPORT_JS, elem_id="rq-reports")
                    refresh = [report_list, report_filter, agency_filter, year_filter]
                    target = admin_tools(page, refresh) if writing_enabled(page.settings) and not embed else None
        if not embed:
            with gr.Tab("指标对比", elem_id="rq-tab-indicators"):
                indicator_tab.build(service, blocks)
            with gr.Tab("报告审查", elem_id="rq-tab-review") as review:
                review_tab.build(service, blocks, review)
        ask_inputs = [question, turns, mode, report_filter, agency_filter, year_filter]
        for trigger in (question.submit, send.click):
            trigger(page.ask, ask_inputs, [question, turns, chat], **PRIVATE)
        for button in examples:
            button.click(lambda text=button.value: text, None, question, **PRIVATE).then(
                page.ask, ask_inputs, [question, turns, chat], **PRIVATE)
        clear.click(lambda: ([], webview.transcript_html([]), VIEWER_HINT), None, [turns, chat, viewer], **PRIVATE)
        chat.click(page.show_citation, turns, viewer, **PRIVATE)
        report_list.click(page.show_report, None, viewer, **PRIVATE)
        loaded = blocks.load(page.reports_view, None, refresh, **PRIVATE)
        if target is not None:
            loaded.then(page.removal_choices, None, target, **PRIVATE)
    return blocks
