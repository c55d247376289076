"""Tables derived from each report (the indicator rows, the reviews), kept at the version of their rules.

Both are written in the transaction that commits a report and recomputed from
the stored reports when their rules file or extractor changes; the version in
force is kept in the catalog's meta table under the table's own key. Recomputing
is a write: it happens at ingest and at start-up under the writer lock
(Catalog.update_derived), never while a question is answered, which reads the
table as it is.
"""
from __future__ import annotations

from collections.abc import Callable

from .errors import ConfigError

STALE = "stale"  # the version recorded when a report was committed without its rows (rules unreadable)


def mark_new_index(catalog, key: str, version_of: Callable[[], str]) -> None:
    """A new, empty index is current from the start (nothing to recompute). Rules that do not parse
    leave the version unset: the table is computed once they do."""
    if catalog.report_ids():
        return
    try:
        version = version_of()
    except ConfigError:
        return
    if catalog.get_meta(key) != version:
        with catalog.db:
            catalog.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, version))


def ensure_version(catalog, key: str, version: str, table: str, save) -> None:
    """Recompute `table` for every report with `save(db, report)` when it comes from another version."""
    if catalog.get_meta(key) == version:
        return
    with catalog.db:
        catalog.db.execute(f"DELETE FROM {table}")
        for report_id in catalog.report_ids():
            report = catalog.report(report_id)
            if report is not None:
                save(catalog.db, report)
        catalog.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, version))


def save_rows(db, key: str, write: Callable[[], None]) -> None:
    """Write a report's rows inside the commit; when the rules do not parse, commit the report without
    them and mark the table stale, so the next update computes every report's rows again."""
    try:
        write()
    except ConfigError:
        db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, STALE))
