"""The read view of an index: what answering, the service and the evaluation read, and nothing that writes.

Routes see an index only through `ReadView`: the reports' rows, a report's
paragraphs, the derived tables as they stand (indicator rows, reviews), the
hybrid search. None of these calls writes: the derived tables are brought to
their rules at ingest and start-up (`Catalog.update_derived`), so a question
against a read-only home is answered from the tables as they are. `Index`
takes these methods from `IndexReads`; the catalog's SQL stays in `index/`.
"""
from __future__ import annotations

import json
from typing import Protocol

from . import indicator_table, review_table
from .chunking import SECTION_SEPARATOR
from .errors import ConfigError
from .model import Paragraph, Report
from .review import Rules, load_rules


class ReadView(Protocol):
    """The index as the answering pipeline reads it (implemented by `index.store.Index`)."""

    @property
    def generation(self) -> int: ...
    def report_rows(self) -> dict[str, dict]: ...
    def report(self, report_id: str) -> Report | None: ...
    def paragraphs(self, report_id: str) -> list[Paragraph]: ...
    def body_paragraphs(self, report_id: str): ...
    def sentence_forms(self, report_id: str | None = None): ...
    def section_of(self, report_id: str, n: int) -> str: ...
    def opening(self, report_id: str, title: str | None) -> tuple[int, str, str] | None: ...
    def indicator_rows(self, indicators=None, agencies=None, years=None) -> list[dict]: ...
    def review_rows(self, report_ids=None, agencies=None, years=None) -> list[dict]: ...
    def review_rules(self) -> Rules | None: ...
    def search(self, query: str, k: int = 5, allowed: set[str] | None = None): ...
    def dense_failed(self) -> bool: ...
    def similarities(self, query: str, passages: list[str]) -> list[float] | None: ...


class IndexReads:
    """The catalog reads of `ReadView`; the class using it has a `catalog`."""

    catalog = None  # set by Index

    @property
    def generation(self) -> int:
        """Increases with every committed change: caches keyed by it know when they are stale."""
        return self.catalog.generation

    def report_ids(self) -> set[str]:
        return self.catalog.report_ids()

    def paragraphs(self, report_id: str) -> list[Paragraph]:
        return self.catalog.paragraphs(report_id)

    def body_paragraphs(self, report_id: str):
        return self.catalog.body_paragraphs(report_id)

    def sentence_forms(self, report_id: str | None = None):
        return self.catalog.sentence_forms(report_id)

    def section_of(self, report_id: str, n: int) -> str:
        """The section path of paragraph `n` as citations show it ("" when there is no such paragraph)."""
        found = self.catalog.db.execute("SELECT section FROM paragraphs WHERE report_id=? AND n=?",
                                        (report_id, n)).fetchone()
        return SECTION_SEPARATOR.join(json.loads(found["section"])) if found else ""

    def opening(self, report_id: str, title: str | None) -> tuple[int, str, str] | None:
        """(paragraph, section, quote) naming a report: its title's paragraph, else its first sentence."""
        return indicator_table.opening(self.catalog, report_id, title)

    def indicator_rows(self, indicators=None, agencies=None, years=None) -> list[dict]:
        """Indicator rows as stored (see indicator_table.query)."""
        return indicator_table.query(self.catalog, indicators, agencies, years)

    def review_rows(self, report_ids=None, agencies=None, years=None) -> list[dict]:
        """Review rows as stored, joined with the deadline rules (see review_table.query)."""
        return review_table.query(self.catalog, report_ids, agencies, years)

    @staticmethod
    def review_rules() -> Rules | None:
        """The review rules, or None when data/review.toml does not parse (questions then skip the review;
        `rolqa review` says why)."""
        try:
            return load_rules()
        except ConfigError:
            return None

    def update_derived(self) -> list[str]:
        """Bring the derived tables to their rules (the caller holds the writer lock); see Catalog.update_derived."""
        return self.catalog.update_derived()
