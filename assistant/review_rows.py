"""The review table (报告审查) for the front ends: one row per report as text cells, CSV or Excel.

The checks live in `index` (review.py, review_table.py); this module only says
them in Chinese, with a symbol per status so a colour-blind reader tells them
apart without colour (✔ 单独成部分, ◐ 小节内, ✘ 缺少, ? 未知).
"""
from __future__ import annotations

from index.indicators import load_catalogue
from index.review import PARTS, load_rules

from .table_export import Export, Sheet

STATUS = {"part": "✔ 单独成部分", "inside": "◐ 小节内", "missing": "✘ 缺少", "unknown": "? 未知"}
SHORT_LABELS = {"measures": "主要举措和成效", "shortcomings": "不足和原因", "leaders": "第一责任人职责",
                "next_year": "下一年度安排", "other": "其他情况"}
COLUMNS = ("报告ID", "文件", "单位", "年度", "类型", *SHORT_LABELS.values(), "公开日期", "公开期限", "按时公开",
           "已列指标", "未列指标", "正文完整")


def part_labels() -> dict[str, str]:
    """Each content's full label, from the rules file (data/review.toml)."""
    rules = load_rules()
    return {key: rules.parts[key].label for key in PARTS}


def on_time_text(row: dict) -> str:
    if row["on_time"] is None and row["kind"] != "annual":
        return "不适用(不是年度报告)"
    if row["on_time"] is None:
        return "未知(页面无公开日期)" if not row.get("published") else "未知(无年度)"
    return "✔ 按时" if row["on_time"] else "✘ 逾期"


def indicator_names(ids: list[str]) -> str:
    labels = {i.id: i.label for i in load_catalogue().indicators}
    return "、".join(labels.get(i, i) for i in ids)


def cells(row: dict) -> list:
    """The row as the table shows it: one text per column of COLUMNS."""
    return [row["report_id"], row["source"], row["agency"] or "", row["year"] or "", row["kind_label"],
            *(STATUS[row["parts"][key]["status"]] for key in PARTS), row["published"] or "", row["deadline"] or "",
            on_time_text(row), indicator_names(row["indicators_stated"]), indicator_names(row["indicators_missing"]),
            "✔" if row["complete"] else f"? {row['complete_reason']}"]


def sheets(rows: list[dict]) -> list[Sheet]:
    """The table (the CSV), and a second sheet with every quote (what each cell rests on)."""
    labels = part_labels()
    quotes = [[row["report_id"], row["source"], labels[key], STATUS[row["parts"][key]["status"]],
               row["parts"][key]["paragraph"], row["parts"][key]["quote"] or ""] for row in rows for key in PARTS]
    return [Sheet("报告审查", list(COLUMNS), [cells(row) for row in rows], freeze="C2"),
            Sheet("依据原文", ["报告ID", "文件", "内容", "情况", "段落", "原文"], quotes)]


EXPORT = Export("review", "报告审查", sheets)
