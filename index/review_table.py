"""The review rows in the catalog (报告审查): written with their report, removed with it, read as one table.

The part of a review that reads the text (kind, the five contents, whole or cut,
publication) is computed in the transaction that commits a report (`save`). What
depends on rules that change without the text (the deadline, the indicators a
report should state) is joined when the table is read, so editing
data/review.toml or the indicator catalogue needs no re-ingest: a changed
rules file recomputes the stored part once from the stored paragraphs, at the
next ingest or start-up (`ensure_current`, under the writer lock), never from a
question.
"""
from __future__ import annotations

import json

from . import derived
from .indicators import load_catalogue
from .model import Report
from .review import deadline_for, load_rules, review_report

SCHEMA = "CREATE TABLE IF NOT EXISTS reviews (report_id TEXT PRIMARY KEY, review TEXT NOT NULL);"
TABLES = ("reviews",)  # deleted with a report
VERSION_KEY = "review_version"


def prepare(catalog) -> None:
    """Create the table (an additive migration); a new, empty index is current from the start."""
    catalog.db.executescript(SCHEMA)
    derived.mark_new_index(catalog, VERSION_KEY, lambda: load_rules().version)


def save(db, report: Report) -> None:
    """Insert the report's review (inside the caller's transaction)."""
    derived.save_rows(db, VERSION_KEY, lambda: db.execute(
        "INSERT OR REPLACE INTO reviews VALUES (?, ?)",
        (report.report_id, json.dumps(review_report(report), ensure_ascii=False))))


def ensure_current(catalog) -> None:
    """Recompute every stored review when they come from other rules (or an index from before reviews)."""
    derived.ensure_version(catalog, VERSION_KEY, load_rules().version, "reviews", save)


def query(catalog, report_ids=None, agencies=None, years=None) -> list[dict]:
    """One row per report (by source): its stored review, the deadline and whether it was met, and
    the indicators it states and, of the should-state list, does not. Reads only: rules that do
    not parse are a ConfigError naming their file."""
    rules, labels = load_rules(), {i.id: i.label for i in load_catalogue().indicators}
    stated: dict[str, list[str]] = {}
    for row in catalog.db.execute("SELECT report_id, indicator FROM indicators ORDER BY rowid"):
        stated.setdefault(row["report_id"], []).append(row["indicator"])
    rows = catalog.db.execute(
        "SELECT r.report_id, r.source, json_extract(r.meta, '$.agency') AS agency,"
        " json_extract(r.meta, '$.year') AS year, v.review FROM reviews v JOIN reports r ON r.report_id = v.report_id"
        " ORDER BY r.source").fetchall()
    out = []
    for row in rows:
        if report_ids is not None and row["report_id"] not in report_ids:
            continue
        if agencies and not any(a in (row["agency"] or "") for a in agencies):
            continue
        if years and row["year"] not in years:
            continue
        base = {"report_id": row["report_id"], "source": row["source"], "agency": row["agency"], "year": row["year"]}
        out.append(review_row(base, json.loads(row["review"]), stated.get(row["report_id"], []), rules, labels))
    return out


def review_row(base: dict, review: dict, stated: list[str], rules, labels: dict[str, str]) -> dict:
    """A stored review with what is joined at reading: the deadline met or not (None when the page
    gives no publication date, or it is no annual report), and indicator ids stated and, of the should-state list, not stated."""
    deadline, rule_source = deadline_for({**base, "kind": review["kind"]}, rules)
    published = review.get("published")
    on_time = (published <= deadline) if published and deadline and review["kind"] == "annual" else None
    missing = [i for i in rules.should_state if i in labels and i not in stated]
    return {**base, **review, "deadline": deadline, "deadline_rule": rule_source, "on_time": on_time,
            "indicators_stated": list(stated), "indicators_missing": missing}
