"""A scanned report's layout in the catalog: written with its report, removed with it.

One row per scanned report holds its ScanLayout as JSON (paragraphs, the lines they are made of,
boxes and confidence per character: ~15 bytes a character). It is saved in the transaction that
commits the report (`save`, called by the catalog like the indicator and review tables) and read
back only for the reports a citation names, so listing reports never parses it.
"""
from __future__ import annotations

import json

from .model import ScanLayout

SCHEMA = "CREATE TABLE IF NOT EXISTS scan_layouts (report_id TEXT PRIMARY KEY, layout TEXT NOT NULL);"
TABLES = ("scan_layouts",)  # deleted with a report


def prepare(catalog) -> None:
    """Create the table (an additive migration: a catalog from before scans gains it on open)."""
    catalog.db.executescript(SCHEMA)


def save(db, report) -> None:
    """The report's layout, if it is a scan (inside the caller's transaction)."""
    if getattr(report, "scan", None) is not None:
        db.execute("INSERT OR REPLACE INTO scan_layouts(report_id, layout) VALUES (?, ?)",
                   (report.report_id, json.dumps(report.scan.to_json(), ensure_ascii=False)))


def layout(catalog, report_id: str) -> ScanLayout | None:
    """The layout of a scanned report; None for a report read from text."""
    row = catalog.db.execute("SELECT layout FROM scan_layouts WHERE report_id=?", (report_id,)).fetchone()
    return ScanLayout.from_json(json.loads(row[0])) if row else None


def paragraph_text(catalog, report_id: str, n: int) -> str | None:
    """Paragraph `n` of a report as stored (the text a citation's quote comes from)."""
    row = catalog.db.execute("SELECT text FROM paragraphs WHERE report_id=? AND n=?", (report_id, n)).fetchone()
    return row[0] if row else None
