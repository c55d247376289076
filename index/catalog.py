"""The catalog: reports, paragraphs and chunks in SQLite, the index's commit point.

A report exists for rolqa exactly when its catalog row is committed. Vectors
are written to the vector store *before* that commit and orphans (vectors whose
report has no row, left by a killed ingest) are ignored by search and swept by
the next ingest, so a crash never leaves half a report or duplicate chunks.
`generation` increases with every change so derived files (BM25) know when
they are stale.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import asdict
from pathlib import Path

from . import indicator_table
from .model import Chunk, Paragraph, Report, ReportMeta

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS reports (
  report_id TEXT PRIMARY KEY, source TEXT NOT NULL, content_hash TEXT NOT NULL,
  meta TEXT NOT NULL, text TEXT NOT NULL, warnings TEXT NOT NULL, ingested_at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE IF NOT EXISTS paragraphs (
  report_id TEXT NOT NULL, n INTEGER NOT NULL, text TEXT NOT NULL, section TEXT NOT NULL,
  is_heading INTEGER NOT NULL, sentences TEXT NOT NULL, PRIMARY KEY (report_id, n));
CREATE TABLE IF NOT EXISTS chunks (
  chunk_id TEXT PRIMARY KEY, report_id TEXT NOT NULL, seq INTEGER NOT NULL, text TEXT NOT NULL,
  norm TEXT NOT NULL, embed_text TEXT NOT NULL, section TEXT NOT NULL,
  para_start INTEGER NOT NULL, para_end INTEGER NOT NULL, tokens INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_report ON chunks(report_id);
"""


class Catalog:
    """One SQLite connection per thread: a reader in one thread never sees another
    thread's uncommitted ingest, and WAL lets readers go on while a writer commits."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._local = threading.local()
        self.db.executescript(SCHEMA)
        indicator_table.prepare(self)  # the indicator rows live beside the report (index/indicator_table.py)

    @property
    def db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(str(self.path), timeout=30)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # --- meta -----------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    @property
    def generation(self) -> int:
        return int(self.get_meta("generation", "0"))

    # --- writes ---------------------------------------------------------------
    def commit_report(self, report: Report, chunks: list[Chunk], embedder: str, replaces: list[str]) -> None:
        """Replace `replaces` by `report` in one transaction (the ingest's commit point)."""
        with self.db:
            for old in replaces:
                self._delete_rows(old)
            self.db.execute(
                "INSERT INTO reports(report_id, source, content_hash, meta, text, warnings) VALUES (?,?,?,?,?,?)",
                (report.report_id, report.source, report.content_hash, json.dumps(asdict(report.meta), ensure_ascii=False),
                 report.text, json.dumps(report.warnings, ensure_ascii=False)))
            self.db.executemany(
                "INSERT INTO paragraphs VALUES (?,?,?,?,?,?)",
                [(report.report_id, p.n, p.text, json.dumps(p.section, ensure_ascii=False), int(p.is_heading),
                  json.dumps(p.sentences, ensure_ascii=False)) for p in report.paragraphs])
            self.db.executemany(
                "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(c.chunk_id, c.report_id, i, c.text, c.norm, c.embed_text, json.dumps(c.section, ensure_ascii=False),
                  c.para_start, c.para_end, c.tokens) for i, c in enumerate(chunks)])
            indicator_table.save(self.db, report)
            self._set_meta("embedder", embedder)
            self._set_meta("generation", str(self.generation + 1))

    def remove_report(self, report_id: str) -> None:
        with self.db:
            self._delete_rows(report_id)
            self._set_meta("generation", str(self.generation + 1))

    def _delete_rows(self, report_id: str) -> None:
        for table in (*indicator_table.TABLES, "chunks", "paragraphs", "reports"):
            self.db.execute(f"DELETE FROM {table} WHERE report_id=?", (report_id,))

    # --- reads ----------------------------------------------------------------
    def report_ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT report_id FROM reports")}

    def find(self, *, content_hash: str | None = None, source: str | None = None) -> list[str]:
        column, value = ("content_hash", content_hash) if content_hash else ("source", source)
        return [r[0] for r in self.db.execute(f"SELECT report_id FROM reports WHERE {column}=?", (value,))]

    def reports(self) -> list[dict]:
        """One summary row per report, ordered by source."""
        rows = self.db.execute(
            "SELECT r.report_id, r.source, r.meta, r.warnings, r.content_hash, r.ingested_at,"
            " (SELECT COUNT(*) FROM paragraphs p WHERE p.report_id=r.report_id) AS paragraphs,"
            " (SELECT COUNT(*) FROM chunks c WHERE c.report_id=r.report_id) AS chunks"
            " FROM reports r ORDER BY r.source").fetchall()
        return [_report_row(r) for r in rows]

    def report(self, report_id: str) -> Report | None:
        row = self.db.execute("SELECT * FROM reports WHERE report_id=?", (report_id,)).fetchone()
        if row is None:
            return None
        return Report(report_id=row["report_id"], source=row["source"], content_hash=row["content_hash"],
                      meta=ReportMeta(**json.loads(row["meta"])), text=row["text"],
                      paragraphs=self.paragraphs(report_id), warnings=json.loads(row["warnings"]))

    def paragraphs(self, report_id: str) -> list[Paragraph]:
        rows = self.db.execute("SELECT * FROM paragraphs WHERE report_id=? ORDER BY n", (report_id,))
        return [Paragraph(n=r["n"], text=r["text"], section=json.loads(r["section"]), is_heading=bool(r["is_heading"]),
                          sentences=json.loads(r["sentences"])) for r in rows]

    def chunks(self) -> list[Chunk]:
        rows = self.db.execute("SELECT * FROM chunks ORDER BY report_id, seq")
        return [Chunk(chunk_id=r["chunk_id"], report_id=r["report_id"], text=r["text"], norm=r["norm"],
                      embed_text=r["embed_text"], section=json.loads(r["section"]), para_start=r["para_start"],
                      para_end=r["para_end"], tokens=r["tokens"]) for r in rows]


def _report_row(r: sqlite3.Row) -> dict:
    meta = json.loads(r["meta"])
    return {"report_id": r["report_id"], "source": r["source"], "title": meta.get("title"),
            "agency": meta.get("agency"), "year": meta.get("year"), "published": meta.get("published"),
            "script": meta.get("script"), "region": meta.get("region"), "level": meta.get("level"),
            "kind": meta.get("kind"), "origin": meta.get("origin") or {}, "page": meta.get("page") or [],
            "paragraphs": r["paragraphs"], "chunks": r["chunks"], "warnings": json.loads(r["warnings"])}
