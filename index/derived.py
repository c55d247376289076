"""Tables derived from each report (the indicator rows, the reviews), kept at the version of their rules.

Both are written in the transaction that commits a report and recomputed from
the stored reports when their rules file or extractor changes; the version in
force is kept in the catalog's meta table under the table's own key.
"""
from __future__ import annotations


def mark_new_index(catalog, key: str, version: str) -> None:
    """A new, empty index is current from the start (nothing to recompute)."""
    if not catalog.report_ids() and catalog.get_meta(key) != version:
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
