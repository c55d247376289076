"""The catalog: reports, paragraphs and chunks in SQLite, the index's commit point.

A report exists for rolqa exactly when its catalog row is committed. Vectors
are written to the vector store *before* that commit, so the catalog keeps a
journal, `pending_vectors`: the ids of vectors that may be in the store without
a committed chunk. Ids go in before their vectors are written and leave with
the commit; a remove or replace moves the old chunk ids in, in the same
transaction that drops their rows, until their vectors are deleted. So every
vector in this home's collection is a committed chunk or a pending id, and the
sweep (store.py) deletes exactly the pending ids, by id: it never reads the
collection and never touches a vector this journal did not write. Search
ignores vectors without a chunk, so a crash never shows half a report.
`generation` increases with every change so derived files (BM25) know when
they are stale.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import asdict
from pathlib import Path

from . import authors, indicator_table, review_table
from .ocr import table as scan_table
from .chunking import SECTION_SEPARATOR
from .errors import ConfigError, HomeUnusable, StorageFull, file_problem, is_disk_full
from .sqlite_conn import read_only_connection, use_wal
from .model import Chunk, Paragraph, Report, ReportMeta
from .normalize import NORMALIZE_VERSION, normalize

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
CREATE TABLE IF NOT EXISTS pending_vectors (chunk_id TEXT PRIMARY KEY);
CREATE INDEX IF NOT EXISTS reports_hash ON reports(content_hash);
CREATE INDEX IF NOT EXISTS reports_source ON reports(source);
CREATE TABLE IF NOT EXISTS chunk_terms (chunk_id TEXT PRIMARY KEY, jieba TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS paragraph_norms (
  report_id TEXT NOT NULL, n INTEGER NOT NULL, version INTEGER NOT NULL, section TEXT NOT NULL,
  sentences TEXT NOT NULL, PRIMARY KEY (report_id, n));
"""  # CREATE ... IF NOT EXISTS is the migration: a catalog from before a table gains it on open


class Catalog:
    """One SQLite connection per thread: a reader in one thread never sees another
    thread's uncommitted ingest, and WAL lets readers go on while a writer commits."""

    def __init__(self, path: Path, read_only: bool = False):
        self.path, self.read_only = path, read_only
        self._local = threading.local()
        if read_only:  # a full disk: read as it is, write nothing (not even SQLite's WAL files)
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db.executescript(SCHEMA)
            indicator_table.prepare(self)  # the indicator rows live beside the report (index/indicator_table.py)
            review_table.prepare(self)  # so does its review (index/review_table.py)
            scan_table.prepare(self)  # and a scan's layout (index/ocr/table.py)
        except (OSError, sqlite3.OperationalError) as exc:
            if is_disk_full(exc, path.parent):
                raise StorageFull(f"磁盘已满,无法写入状态目录 {path.parent}") from None
            reason = file_problem(exc) if isinstance(exc, OSError) else "无法打开其中的数据库文件"
            raise HomeUnusable(f"无法使用状态目录 {path.parent}(ROLQA_HOME):{reason}") from None

    @property
    def db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            if self.read_only:
                conn = read_only_connection(self.path)
            else:
                conn = sqlite3.connect(str(self.path), timeout=30)
                use_wal(conn)
            conn.row_factory = sqlite3.Row
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

    def set_meta(self, key: str, value: str) -> None:
        with self.db:
            self._set_meta(key, value)

    def claim_meta(self, key: str, value: str) -> str:
        """Set `key` unless it is set, and return what is stored: the first of several processes wins."""
        with self.db:
            self.db.execute("INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)", (key, value))
        return self.get_meta(key)

    @property
    def generation(self) -> int:
        return int(self.get_meta("generation", "0"))

    # --- writes ---------------------------------------------------------------
    def add_pending(self, chunk_ids: list[str]) -> None:
        """Journal vector ids about to be written (committed before the first vector is)."""
        with self.db:
            self._add_pending(chunk_ids)

    def _add_pending(self, chunk_ids: list[str]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO pending_vectors VALUES (?)", [(i,) for i in chunk_ids])

    def clear_pending(self, chunk_ids: list[str]) -> None:
        with self.db:
            self._clear_pending(chunk_ids)

    def _clear_pending(self, chunk_ids: list[str]) -> None:
        self.db.executemany("DELETE FROM pending_vectors WHERE chunk_id=?", [(i,) for i in chunk_ids])

    def _journal_report(self, report_id: str) -> list[str]:
        """Journal a report's chunk ids and drop their terms, before its rows go (in the caller's transaction)."""
        ids = [r[0] for r in self.db.execute("SELECT chunk_id FROM chunks WHERE report_id=?", (report_id,))]
        self._add_pending(ids)
        self.db.executemany("DELETE FROM chunk_terms WHERE chunk_id=?", [(i,) for i in ids])
        return ids

    def pending(self) -> list[str]:
        """Journaled vector ids that no committed chunk owns: the only vectors the sweep may delete."""
        return [r[0] for r in self.db.execute(
            "SELECT chunk_id FROM pending_vectors WHERE chunk_id NOT IN (SELECT chunk_id FROM chunks)")]

    def commit_report(self, report: Report, chunks: list[Chunk], embedder: str, replaces: list[str],
                      terms: list[list[str]] | None = None) -> list[str]:
        """Replace `replaces` by `report` in one transaction (the ingest's commit point).

        `terms` are the chunks' jieba tokens, kept so BM25 rebuilds need not tokenize again.
        Returns the replaced reports' chunk ids, now pending until the caller deletes their vectors."""
        with self.db:
            stale = [cid for old in replaces for cid in self._journal_report(old)]
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
            self.db.executemany("INSERT INTO paragraph_norms VALUES (?,?,?,?,?)",
                                [(report.report_id, *paragraph_norms(p)) for p in report.paragraphs if not p.is_heading])
            self.db.executemany(
                "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(c.chunk_id, c.report_id, i, c.text, c.norm, c.embed_text, json.dumps(c.section, ensure_ascii=False),
                  c.para_start, c.para_end, c.tokens) for i, c in enumerate(chunks)])
            indicator_table.save(self.db, report)
            review_table.save(self.db, report)
            scan_table.save(self.db, report)
            self._set_meta("embedder", embedder)
            self._set_meta("generation", str(self.generation + 1))
            self._clear_pending([c.chunk_id for c in chunks])
            self.db.executemany("INSERT OR REPLACE INTO chunk_terms VALUES (?,?)",
                                [(c.chunk_id, json.dumps(t, ensure_ascii=False)) for c, t in zip(chunks, terms or [])])
        return stale

    def update_derived(self) -> list[str]:
        """Bring the derived tables (indicator rows, reviews) to their current rules; the caller holds the
        writer lock. Returns what could not be updated (a rules file that does not parse), one line each:
        the other table and the rest of the index work as before."""
        problems = []
        for table in (indicator_table, review_table):
            try:
                table.ensure_current(self)
            except ConfigError as exc:
                problems.append(exc.message)
        return problems

    def remove_report(self, report_id: str) -> list[str]:
        """Drop a report; returns its chunk ids, pending until the caller deletes their vectors."""
        with self.db:
            stale = self._journal_report(report_id)
            self._delete_rows(report_id)
            self._set_meta("generation", str(self.generation + 1))
        return stale

    def _delete_rows(self, report_id: str) -> None:
        for table in (*indicator_table.TABLES, *review_table.TABLES, *scan_table.TABLES, "chunks", "paragraph_norms", "paragraphs", "reports"):
            self.db.execute(f"DELETE FROM {table} WHERE report_id=?", (report_id,))

    # --- reads ----------------------------------------------------------------
    def report_ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT report_id FROM reports")}

    def first_chunk_id(self) -> str | None:
        row = self.db.execute("SELECT chunk_id FROM chunks LIMIT 1").fetchone()
        return row[0] if row else None

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

    def sentence_forms(self, report_id: str | None = None):
        """(report_id, normalised section, normalised sentences) of every body paragraph (of one report, or
        of all in one query), in report and paragraph order: all answering searches, without the text.
        Forms stored by another NORMALIZE_VERSION (or before they were stored) are normalised here."""
        rows = self.db.execute(
            "SELECT p.report_id, pn.section, pn.sentences, CASE WHEN pn.sentences IS NULL THEN p.section END,"
            " CASE WHEN pn.sentences IS NULL THEN p.sentences END FROM paragraphs p"
            " LEFT JOIN paragraph_norms pn ON pn.report_id=p.report_id AND pn.n=p.n AND pn.version=?"
            " WHERE p.is_heading=0 AND (? IS NULL OR p.report_id=?) ORDER BY p.report_id, p.n",
            (NORMALIZE_VERSION, report_id, report_id))
        for rid, section_norm, norms, section, sentences in rows:
            if norms is None:
                yield rid, normalize(SECTION_SEPARATOR.join(json.loads(section))), \
                    [normalize(t) for t in json.loads(sentences)]
            else:
                yield rid, section_norm, json.loads(norms)

    def body_paragraphs(self, report_id: str):
        """(n, text, section path, sentences) of a report's body paragraphs, in order (as sentence_forms)."""
        rows = self.db.execute("SELECT n, text, section, sentences FROM paragraphs WHERE report_id=? AND is_heading=0"
                               " ORDER BY n", (report_id,))
        for n, text, section, sentences in rows:
            yield n, text, json.loads(section), json.loads(sentences)

    def chunks(self, chunk_ids: list[str] | None = None) -> list[Chunk]:
        """Every chunk in report order, or the ones with these ids (in no particular order)."""
        if chunk_ids is None:
            rows = self.db.execute("SELECT * FROM chunks ORDER BY report_id, seq")
        else:
            rows = self.db.execute(f"SELECT * FROM chunks WHERE chunk_id IN ({','.join('?' * len(chunk_ids))})",
                                   chunk_ids)
        return [Chunk(chunk_id=r["chunk_id"], report_id=r["report_id"], text=r["text"], norm=r["norm"],
                      embed_text=r["embed_text"], section=json.loads(r["section"]), para_start=r["para_start"],
                      para_end=r["para_end"], tokens=r["tokens"]) for r in rows]

    def chunk_reports(self) -> dict[str, str]:
        """Report id by chunk id, in report order: all a search needs to filter and check hits."""
        return dict(self.db.execute("SELECT chunk_id, report_id FROM chunks ORDER BY report_id, seq"))

    def chunk_texts(self, chunk_ids: list[str]) -> dict[str, tuple[str, list[str] | None]]:
        """(normalised text, jieba tokens kept at ingest or None) by chunk id, of those of these chunks the
        catalog holds: what BM25 indexes."""
        found: dict[str, tuple[str, list[str] | None]] = {}
        for start in range(0, len(chunk_ids), 500):
            part = chunk_ids[start:start + 500]
            rows = self.db.execute("SELECT c.chunk_id, c.norm, t.jieba FROM chunks c LEFT JOIN chunk_terms t"
                                   f" ON t.chunk_id=c.chunk_id WHERE c.chunk_id IN ({','.join('?' * len(part))})", part)
            found.update((cid, (norm, json.loads(terms) if terms else None)) for cid, norm, terms in rows)
        return found


def paragraph_norms(p: Paragraph) -> tuple:
    """What answering matches against, computed once at ingest: (n, version, section, sentences), normalised."""
    return (p.n, NORMALIZE_VERSION, normalize(SECTION_SEPARATOR.join(p.section)),
            json.dumps([normalize(s) for s in p.sentences], ensure_ascii=False))


def _report_row(r: sqlite3.Row) -> dict:
    meta = json.loads(r["meta"])
    return {"report_id": r["report_id"], "source": r["source"], "title": meta.get("title"),
            "agency": meta.get("agency"), "year": meta.get("year"), "published": meta.get("published"),
            "script": meta.get("script"), "region": meta.get("region"), "seat": meta.get("seat"), "level": meta.get("level"),
            "kind": meta.get("kind"), "sector": meta.get("sector"), "authors": meta.get("authors") or [],
            "confidence": meta.get("confidence"), "origin": meta.get("origin") or {}, "page": meta.get("page") or [],
            "unsure": bool(meta.get("agency")) and authors.unsure(meta.get("confidence"), (meta.get("origin") or {}).get("agency")),
            "ocr": meta.get("ocr") or None,
            "paragraphs": r["paragraphs"], "chunks": r["chunks"], "warnings": json.loads(r["warnings"])}
