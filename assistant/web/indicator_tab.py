"""The page's "指标对比" tab: one indicator across all reports as a table and a bar chart.

Layout and wiring only; rows come from the service (`Assistant.indicators`), the
cited paragraph from `Assistant.paragraph`, its HTML (escaped, quote marked) from
`webview.context_html`, as for a citation in the chat. Gradio's own components
draw the table (gr.Dataframe) and the chart (gr.BarPlot).
"""
from __future__ import annotations


import gradio as gr

from index.errors import RolqaError

from . import webview
from .exports import ExportFolder
from .messages import for_people
from ..indicator_rows import EXPORT, catalogue
from .page_assets import VIEWER_JS

COLUMNS = ["单位", "年度", "数值", "原文数字", "限定", "原文"]
HINT = '<div class="rq-empty">点击表格中的一行,在此查看原文段落。</div>'
PRIVATE = {"api_visibility": "private"}


def place(row: dict) -> str:
    """The chart's category: the agency (or file) and year, unique per report."""
    return f"{row['agency'] or row['source']} {row['year'] or ''}".strip()


def table_rows(rows: list[dict]) -> list[list]:
    return [[r["agency"] or r["source"], r["year"] or "", r["value"], r["text"], r["qualifier"], r["quote"]]
            for r in rows]


def chart_frame(rows: list[dict]):
    import pandas as pd

    return pd.DataFrame({"单位": [place(r) for r in rows], "数值": [r["value"] for r in rows]})


class IndicatorTab:
    def __init__(self, service):
        self.service = service
        self.exports = ExportFolder("rolqa-indicators-")  # where the download files are written

    def show(self, indicator_id):
        """Rows of one indicator, high to low, as table, chart and the state a row click reads."""
        try:
            rows = self.service.indicators([indicator_id]) if indicator_id else []
        except RolqaError as exc:
            raise gr.Error(for_people(exc), title="出错了")
        label = next((i["label"] for i in catalogue() if i["id"] == indicator_id), "")
        unit = rows[0]["unit"] if rows else ""
        top = max((r["value"] for r in rows), default=1) or 1
        # The axis first, the bars after (`bars`, chained with .then): one update that changed both drew
        # the previous indicator's bars under the new axis.
        axis = gr.update(y_title=f"{label}({unit})" if unit else label, y_lim=[0, top * 1.1])
        summary = f"{len(rows)} 份报告写明了“{label}”。" if rows else f"已索引的报告都没有写明“{label}”。"
        return table_rows(rows), axis, rows, summary, HINT

    @staticmethod
    def bars(rows):
        """The chart's values alone, after its axis was set (see `show`)."""
        return gr.update(value=chart_frame(rows or []))

    def open_row(self, rows, evt: gr.SelectData):
        try:
            row = rows[evt.index[0]]
            return webview.context_html(self.service.paragraph(row["report_id"], row["paragraph"]), row["quote"])
        except (IndexError, KeyError, TypeError):
            return HINT
        except RolqaError as exc:
            raise gr.Error(for_people(exc), title="出错了")

    def downloads(self):
        """The whole table (every indicator) as CSV and Excel files for the two download buttons."""
        rows = self.service.indicators()
        return str(self.exports.file(EXPORT, rows, "csv")), str(self.exports.file(EXPORT, rows, "xlsx"))


def build(service, blocks: gr.Blocks) -> None:
    """The tab's components and events (call inside a `gr.Tab`)."""
    tab = IndicatorTab(service)
    indicators = catalogue()  # the catalogue file (data/indicators.toml), the same the service reads
    choices = [(i["label"], i["id"]) for i in indicators]
    with gr.Row():
        indicator = gr.Dropdown(choices, value=indicators[0]["id"], label="指标", scale=3, elem_id="rq-ind-pick")
        csv_button = gr.DownloadButton("下载全部指标 CSV", scale=1, elem_id="rq-ind-csv")
        xlsx_button = gr.DownloadButton("下载全部指标 Excel", scale=1, elem_id="rq-ind-xlsx")
    summary = gr.Markdown(elem_id="rq-ind-summary")
    with gr.Row():
        with gr.Column(scale=3):
            chart = gr.BarPlot(x="单位", y="数值", sort="-y", x_title="单位", height=320, x_label_angle=-30,
                               label="各单位对比", elem_id="rq-ind-chart")
            table = gr.Dataframe(headers=COLUMNS, datatype=["str", "str", "number", "str", "str", "str"],
                                 interactive=False, wrap=True, label="按数值从高到低(点击一行查看原文)",
                                 elem_id="rq-ind-table")
        with gr.Column(scale=2):
            viewer = gr.HTML(HINT, js_on_load=VIEWER_JS, elem_id="rq-ind-viewer", max_height=560, padding=True,
                             container=True)
    rows = gr.State([])
    outputs = [table, chart, rows, summary, viewer]
    table.select(tab.open_row, rows, viewer, **PRIVATE)
    for event in (indicator.change, blocks.load):  # the files follow the index (reports added or removed)
        event(tab.show, indicator, outputs, **PRIVATE).then(tab.bars, rows, chart, **PRIVATE) \
            .then(tab.downloads, None, [csv_button, xlsx_button], **PRIVATE)
