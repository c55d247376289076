"""The indicator table (法治指标一览) for the front ends: filters checked, rows as CSV or Excel.

Extraction and storage live in `index` (indicators.py, indicator_table.py); this
module only validates what a user asked for and says how the rows are exported (table_export.py).
"""
from __future__ import annotations

from index.errors import BadInput
from index.indicator_table import query
from index.indicators import load_catalogue

from .table_export import Export, Sheet

COLUMNS = ("indicator", "label", "report_id", "source", "agency", "year", "value", "unit", "text", "qualifier",
           "quote", "paragraph", "section")
HEADERS = {"indicator": "指标ID", "label": "指标", "report_id": "报告ID", "source": "文件", "agency": "单位",
           "year": "年度", "value": "数值", "unit": "单位(计量)", "text": "原文数字", "qualifier": "限定",
           "quote": "原文", "paragraph": "段落", "section": "章节"}


def catalogue() -> list[dict]:
    """The indicators of the catalogue: id, label, kind, in catalogue order."""
    return [{"id": i.id, "label": i.label, "kind": i.kind, "units": list(i.units)} for i in load_catalogue().indicators]


def check_ids(ids) -> list[str]:
    known = {i.id for i in load_catalogue().indicators}
    unknown = [i for i in ids or () if i not in known]
    if unknown:
        raise BadInput(f"未知的指标 {', '.join(unknown)};可用的指标:{', '.join(sorted(known))}")
    return list(ids or ())


def rows(index, ids=None, agencies=None, years=None) -> list[dict]:
    """The table's rows for these indicators (default all), agencies (substring) and years."""
    ids = check_ids(ids)
    return query(index.catalog, ids or None, list(agencies or ()) or None, set(years or ()) or None)


def plain_value(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def sheets(table: list[dict]) -> list[Sheet]:
    """The rows as one sheet: Chinese headers in Excel, the column ids in CSV (scripts read those)."""
    rows = [[plain_value(r[c]) if c == "value" else r[c] for c in COLUMNS] for r in table]
    return [Sheet("法治指标一览", [HEADERS[c] for c in COLUMNS], rows, csv_header=list(COLUMNS),
                  widths=(24, 22, 18, 30, 30, 8, 10, 8, 12, 10, 60, 8, 40))]


EXPORT = Export("indicators", "法治指标一览", sheets)
