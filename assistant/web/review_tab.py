"""The page's "报告审查" tab: one row per report, each basic content checked, its quote one click away.

Layout and wiring only; rows come from the service (`Assistant.review`), their Chinese words from
`assistant.review_rows` (STATUS, SHORT_LABELS, on_time_text, EXPORT), the quoted paragraph from
`Assistant.paragraph` and its HTML (escaped, quote marked) from `webview.context_html`, as for a
citation in the chat. The table is plain HTML (a symbol and a word per check, and a colour by CSS
class) so every cell can carry its own click: a part cell with a quote is a button whose data
attributes (report id, part key, never HTML) the page script forwards as a Gradio click event.
"""
from __future__ import annotations

from html import escape

import gradio as gr

from index.errors import RolqaError
from index.review import PARTS

from . import webview
from .exports import ExportFolder
from .messages import for_people
from ..review_rows import EXPORT, SHORT_LABELS, STATUS, on_time_text
from .page_assets import REVIEW_TABLE_JS, VIEWER_JS

HINT = '<div class="rq-empty">点击表格中带下划线的格子,在此查看它所依据的原文段落;点击单位名称查看整份报告。</div>'
EMPTY_INDEX = ('<div class="rq-empty rq-rv-empty">还没有索引任何报告,所以没有可审查的内容。'
               '请先在“问答”页的管理工具中上传报告(或用命令行 rolqa ingest 导入),再回到这里查看。</div>')
NO_MATCH = '<div class="rq-empty rq-rv-empty">没有符合筛选条件的报告。请修改或清空“单位”和“年度”筛选。</div>'
LEGEND = ('<div class="rq-rv-legend">✔ 单独成部分 · ◐ 在其他部分的小节内 · ✘ 缺少 · ? 未知(正文可能不完整)'
          '</div>')
ALL_YEARS = ("全部年度", "")
PRIVATE = {"api_visibility": "private"}


def e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def part_cell(row: dict, key: str) -> str:
    """One content's check: symbol and word, coloured by status; a button when a quote backs it."""
    cell = row["parts"][key]
    status = cell["status"] if cell["status"] in STATUS else "unknown"
    text = e(STATUS[status])
    if cell.get("quote") and cell.get("paragraph") is not None:
        text = (f'<button type="button" class="rq-rv-open" data-report="{e(row["report_id"])}" data-part="{e(key)}"'
                f' title="查看原文:{e(cell["quote"])}">{text}</button>')
    return f'<td class="rq-rv-cell rq-rv-{status}" data-part="{e(key)}">{text}</td>'


def published_cell(row: dict) -> str:
    tone = {True: "good", False: "bad"}.get(row.get("on_time"), "na")
    date = e(row.get("published") or "无公开日期")
    deadline = f' title="公开期限:{e(row["deadline"])}"' if row.get("deadline") else ""
    return (f'<td class="rq-rv-cell rq-rv-{tone}"{deadline}><span class="rq-rv-date">{date}</span>'
            f'<span class="rq-rv-note">{e(on_time_text(row))}</span></td>')


def complete_cell(row: dict) -> str:
    if row.get("complete"):
        return f'<td class="rq-rv-cell rq-rv-good" title="{e(row.get("complete_reason"))}">✔ 完整</td>'
    return (f'<td class="rq-rv-cell rq-rv-na">? 可能不完整'
            f'<span class="rq-rv-note">{e(row.get("complete_reason"))}</span></td>')


def row_html(row: dict) -> str:
    name = row.get("agency") or row["source"]
    source = f'<span class="rq-rv-note">{e(row["source"])}</span>' if row.get("agency") else ""
    check = row.get("year_check") or {}
    year = e(row.get("year") or "未知")
    if check.get("note"):
        year += f' <span class="rq-rv-warn" title="{e(check["note"])}">⚠</span>'
    return (f'<tr data-report="{e(row["report_id"])}"><th scope="row" class="rq-rv-name">'
            f'<button type="button" class="rq-rv-open rq-rv-report" data-report="{e(row["report_id"])}"'
            f' title="查看整份报告">{e(name)}</button>{source}</th>'
            f'<td>{year}</td><td title="{e(row.get("kind_reason"))}">{e(row.get("kind_label"))}</td>'
            + "".join(part_cell(row, key) for key in PARTS) + published_cell(row) + complete_cell(row) + "</tr>")


def table_html(rows: list[dict], filtered: bool) -> str:
    """The review table, or a hint when there is nothing to show (an empty index, or filters that match nothing)."""
    if not rows:
        return NO_MATCH if filtered else EMPTY_INDEX
    head = "".join(f"<th scope=\"col\">{e(label)}</th>" for label in
                   ("单位", "年度", "类型", *(SHORT_LABELS[key] for key in PARTS), "公开日期/按时", "正文完整"))
    return (f'<div class="rq-rv-summary">共 {len(rows)} 份报告。</div>{LEGEND}'
            f'<div class="rq-rv-wrap"><table class="rq-rv"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(row_html(r) for r in rows)}</tbody></table></div>')


def filters(agency, year) -> dict:
    """The two boxes as the service takes them (it drops blanks and reads the year)."""
    return {"agencies": agency or None, "years": year or None}


class ReviewTab:
    def __init__(self, service):
        self.service = service
        self.exports = ExportFolder("rolqa-review-")  # where the download files are written

    def rows(self, agency=None, year=None) -> list[dict]:
        try:
            return self.service.review(**filters(agency, year))
        except RolqaError as exc:
            raise gr.Error(for_people(exc), title="出错了")

    def year_choices(self, year):
        """The year filter's choices, from every indexed report (kept when the chosen one is still there)."""
        years = sorted({str(r["year"]) for r in self.rows() if r["year"]}, reverse=True)
        return gr.update(choices=[ALL_YEARS, *[(f"{y}年度", y) for y in years]],
                         value=year if year in years else "")

    def show(self, agency, year):
        """The table for the filters, and the Excel file of the same rows for the download button."""
        rows = self.rows(agency, year)
        path = self.exports.file(EXPORT, rows, "xlsx")
        filtered = any(v for v in filters(agency, year).values())
        return table_html(rows, filtered), gr.update(value=str(path), interactive=bool(rows))

    def open_cell(self, evt: gr.EventData):
        """A part cell: its paragraph with the quote marked; a report's name: the whole report."""
        try:
            report_id, part = str(evt.report_id), str(getattr(evt, "part", "") or "")
            if not part:
                return webview.report_html(self.service.report(report_id))
            cell = self.service.review([report_id])[0]["parts"][part]
            if cell.get("paragraph") is None:
                return HINT
            return webview.context_html(self.service.paragraph(report_id, int(cell["paragraph"])), cell["quote"])
        except (AttributeError, IndexError, KeyError, TypeError, ValueError):
            return HINT
        except RolqaError as exc:
            raise gr.Error(for_people(exc), title="出错了")


def build(service, blocks: gr.Blocks, tab: gr.Tab | None = None) -> None:
    """The tab's components and events (call inside a `gr.Tab`; pass it to refresh when it is opened)."""
    view = ReviewTab(service)
    with gr.Row(equal_height=True):
        agency = gr.Textbox(label="单位(包含即可)", placeholder="例如:花都", scale=2, max_lines=1,
                            elem_id="rq-rv-agency")
        year = gr.Dropdown([ALL_YEARS], value="", label="年度", scale=1, elem_id="rq-rv-year")
        xlsx_button = gr.DownloadButton("下载审查表 Excel", scale=1, elem_id="rq-rv-xlsx")
    table = gr.HTML(js_on_load=REVIEW_TABLE_JS, elem_id="rq-rv-table", padding=False)
    para = gr.HTML(HINT, js_on_load=VIEWER_JS, elem_id="rq-rv-para", max_height=560, padding=True, container=True)
    table.click(view.open_cell, None, para, **PRIVATE)
    shown = [table, xlsx_button]
    agency.change(view.show, [agency, year], shown, trigger_mode="always_last", **PRIVATE)
    year.change(view.show, [agency, year], shown, trigger_mode="always_last", **PRIVATE)
    # The rows follow the index (reports added or removed): read again on load and when the tab is opened.
    for event in (blocks.load, *((tab.select,) if tab is not None else ())):
        event(view.year_choices, year, year, **PRIVATE).then(view.show, [agency, year], shown, **PRIVATE)
