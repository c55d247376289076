"""The indicator rows in the catalog: written with their report, removed with it, read as one table.

Rows are extracted in the same transaction that commits a report (`save`), and
deleted with the report's other rows (`TABLES`). The catalogue's version is kept
in the catalog's meta table; when the catalogue or the extractor changes, or an
index predates indicators, `ensure_current` re-extracts every report once from
its stored paragraphs (regular expressions only: about a millisecond a report),
at the next ingest or start-up under the writer lock, never from a question.
"""
from __future__ import annotations

import json

from . import derived
from .chunking import SECTION_SEPARATOR
from .indicators import extract, load_catalogue
from .model import Report

SCHEMA = """
CREATE TABLE IF NOT EXISTS indicators (
  report_id TEXT NOT NULL, indicator TEXT NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL,
  text TEXT NOT NULL, qualifier TEXT NOT NULL, quote TEXT NOT NULL, paragraph INTEGER NOT NULL,
  section TEXT NOT NULL, PRIMARY KEY (report_id, indicator));
CREATE INDEX IF NOT EXISTS indicators_by_indicator ON indicators(indicator, value);
"""
TABLES = ("indicators",)  # deleted with a report
COLUMNS = ("report_id", "indicator", "value", "unit", "text", "qualifier", "quote", "paragraph", "section")
VERSION_KEY = "indicators_version"


def prepare(catalog) -> None:
    """Create the table (an additive migration); a new, empty index is current from the start."""
    catalog.db.executescript(SCHEMA)
    derived.mark_new_index(catalog, VERSION_KEY, lambda: load_catalogue().version)


def save(db, report: Report) -> None:
    """Insert the report's indicator rows (inside the caller's transaction)."""
    derived.save_rows(db, VERSION_KEY, lambda: db.executemany(
        f"INSERT OR REPLACE INTO indicators({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
        [(report.report_id, *(r[c] for c in COLUMNS[1:])) for r in extract(report)]))


def ensure_current(catalog) -> None:
    """Re-extract all reports when the stored rows come from another catalogue version (or none)."""
    derived.ensure_version(catalog, VERSION_KEY, load_catalogue().version, "indicators", save)


def query(catalog, indicators=None, agencies=None, years=None) -> list[dict]:
    """Rows joined with their report's source, agency and year, by indicator then value (high first).

    Filtering happens in SQL over the table's index, so the cost follows the rows asked for,
    not the size of the reports.
    """
    cat = load_catalogue()
    labels, order = {i.id: i.label for i in cat.indicators}, {i.id: n for n, i in enumerate(cat.indicators)}
    where, args = [], []
    if indicators:
        where.append(f"i.indicator IN ({', '.join('?' * len(indicators))})")
        args += list(indicators)
    if agencies:
        where.append("(" + " OR ".join("instr(coalesce(agency, ''), ?) > 0" for _ in agencies) + ")")
        args += list(agencies)
    if years:
        where.append(f"year IN ({', '.join('?' * len(years))})")
        args += list(years)
    sql = ("SELECT i.*, r.source, json_extract(r.meta, '$.agency') AS agency, json_extract(r.meta, '$.year') AS year"
           " FROM indicators i JOIN reports r ON r.report_id = i.report_id"
           + (" WHERE " + " AND ".join(where) if where else ""))
    out = [{"indicator": row["indicator"], "label": labels.get(row["indicator"], row["indicator"]),
            "report_id": row["report_id"], "source": row["source"], "agency": row["agency"], "year": row["year"],
            "value": row["value"], "unit": row["unit"], "text": row["text"], "qualifier": row["qualifier"],
            "quote": row["quote"], "paragraph": row["paragraph"], "section": row["section"]}
           for row in catalog.db.execute(sql, args)]
    return sorted(out, key=lambda r: (order.get(r["indicator"], len(order)), -r["value"], r["source"]))


def opening(catalog, report_id: str, title: str | None) -> tuple[int, str, str] | None:
    """(paragraph, section, quote) naming a report: the paragraph holding its title, else its first sentence.

    One indexed lookup per report, so listing the reports that do not state an
    indicator costs no more for long reports than for short ones.
    """
    row = None
    if title:
        row = catalog.db.execute("SELECT n, section, sentences FROM paragraphs WHERE report_id=? "
                                 "AND instr(text, ?) > 0 ORDER BY n LIMIT 1", (report_id, title)).fetchone()
        if row:
            return row["n"], SECTION_SEPARATOR.join(json.loads(row["section"])), title
    row = catalog.db.execute("SELECT n, section, sentences FROM paragraphs WHERE report_id=? AND sentences != '[]' "
                             "ORDER BY n LIMIT 1", (report_id,)).fetchone()
    return (row["n"], SECTION_SEPARATOR.join(json.loads(row["section"])), json.loads(row["sentences"])[0]) if row else None
