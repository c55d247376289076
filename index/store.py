"""`Index`: the one read/write API over the catalog, the vector store and BM25.

The answering side only talks to this class. Parts are opened lazily so a
command that only lists reports never loads an embedding model.

Writes (add, remove, sweep) hold a lock file in the home as well as a thread
lock, so several processes serving one home take turns; embedding, the slow
part, happens outside it. Each home writes to a Chroma collection of its own,
named on first use and recorded in the catalog (see `collection`).
"""
from __future__ import annotations

import fcntl
import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog
from .chunking import SECTION_SEPARATOR
from .config import Settings
from .errors import RolqaError, StorageFull, is_disk_full
from .fusion import ranking, rrf
from .lexical import TOKENIZERS, KeywordIndex
from .model import Chunk, Report
from .dense import DEPTH, DenseParts
from .reads import IndexReads

log = logging.getLogger("rolqa.index")


@dataclass
class Hit:
    chunk_id: str
    report_id: str
    source: str
    agency: str | None
    year: int | None
    section: list[str]
    paragraph: int
    para_end: int
    text: str
    score: float

    def to_dict(self) -> dict:
        return {"chunk_id": self.chunk_id, "report_id": self.report_id, "source": self.source,
                "agency": self.agency, "year": self.year, "section": SECTION_SEPARATOR.join(self.section),
                "paragraph": self.paragraph, "para_end": self.para_end, "text": self.text,
                "score": round(self.score, 6)}


class Index(IndexReads, DenseParts):
    def __init__(self, settings: Settings, embedder=None):
        self.settings = settings
        self.catalog = Catalog(settings.catalog_path, settings.read_only)
        self._embedder = embedder
        self._vectors = None
        self._keyword: KeywordIndex | None = None
        self._chunk_reports: dict[str, str] | None = None
        self._report_chunks: dict[str, list[str]] | None = None
        self._rows: dict[str, dict] | None = None
        self._lock = threading.RLock()  # readers rebuild derived state under it; writers hold it too (see _writing)
        self._degraded = threading.local()
        self._asked = threading.local()  # this thread's last question and its vector (a question is embedded once)
        self._vectors_generation: int | None = None  # catalog generation the vector handle has seen

    def keyword(self) -> KeywordIndex:
        """The BM25 index, caught up when the catalog moved: segments other processes saved are read,
        chunks none holds are indexed (only those), removed ones are no longer scored."""
        with self._lock:
            generation = self.catalog.generation
            if self._keyword is None or self._keyword.generation != generation:
                folder = self.settings.bm25_path
                keyword = KeywordIndex.load(folder, self._keyword.segments if self._keyword else ())
                live = self.catalog.chunk_reports()  # another process may still commit after this,
                if keyword.catch_up(live, generation, self.catalog.chunk_texts):  # so search skips ids not in it
                    self._save_keyword(keyword, folder)
                self._keyword, self._chunk_reports, self._report_chunks, self._rows = keyword, live, None, None
            return self._keyword

    @staticmethod
    def _save_keyword(keyword: KeywordIndex, folder: Path) -> None:
        """Save the caught-up segments for the next process; a read never fails for want of disk (the
        segments stay in memory, and the next catch-up saves them)."""
        try:
            keyword.save(folder)
        except OSError as exc:
            log.warning("BM25 segments not saved (%s); kept in memory", exc.strerror or exc)

    def chunk_reports(self) -> dict[str, str]:
        """Report id by chunk id, read with the keyword index. Only the hits a search returns are
        read in full (reading every chunk took half a second of a cold answer at 1,000 reports)."""
        with self._lock:
            self.keyword()
            return self._chunk_reports

    def chunks_of(self, report_ids: set[str]) -> set[str]:
        """The chunk ids of these reports."""
        with self._lock:
            self.keyword()
            if self._report_chunks is None:
                self._report_chunks = {}
                for cid, rid in self._chunk_reports.items():
                    self._report_chunks.setdefault(rid, []).append(cid)
            return {cid for rid in report_ids for cid in self._report_chunks.get(rid, ())}

    # --- writes ---------------------------------------------------------------------
    @contextmanager
    def _writing(self):
        """One writer per home, across threads and processes: each call opens the lock file anew, so
        flock excludes other threads too. It is released when the file closes, or when the process
        dies, even by kill -9. Taken before the thread lock, so readers never wait on another process."""
        self.settings.home.mkdir(parents=True, exist_ok=True)
        with open(self.settings.home / "commit.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            with self._lock:
                yield

    def add_report(self, report: Report, chunks: list[Chunk], replaces: list[str]) -> None:
        """Embed and store one report atomically (see catalog.py for the protocol)."""
        self.add_reports([(report, chunks, replaces)])

    def add_reports(self, items: list[tuple[Report, list[Chunk], list[str]]]) -> None:
        """Embed the chunks of several reports in one call, then store each report atomically.

        One call per batch keeps the encoder busy (the bundled e5 streams its weights once
        per call) and an embedding server gets fewer, fuller requests; each report is
        still committed on its own, so a failure or a kill loses at most this batch.
        """
        self.check_embedder()
        self.vectors  # opened, and its collection checked, before the slow part
        vectors = self.embedder.embed_passages([c.embed_text for _, chunks, _ in items for c in chunks])
        start = 0
        for report, chunks, replaces in items:
            self._store(report, chunks, replaces, vectors[start:start + len(chunks)])
            start += len(chunks)

    def _store(self, report: Report, chunks: list[Chunk], replaces: list[str], vectors) -> None:
        """Store one report atomically; a full disk is one clear error, and leaves no half report (the
        journal of pending vectors is swept on the next write)."""
        try:
            self._store_report(report, chunks, replaces, vectors)
        except RolqaError:
            raise
        except Exception as exc:  # noqa: BLE001 - SQLite, Chroma and the OS report a full disk each their way
            if is_disk_full(exc):
                raise StorageFull(f"磁盘已满,报告 {report.source} 没有写入(已写入的其他报告不受影响);"
                                  "请清理 ROLQA_HOME 所在磁盘后重试") from None
            raise

    def _store_report(self, report: Report, chunks: list[Chunk], replaces: list[str], vectors) -> None:
        meta = report.meta
        metadatas = [{k: v for k, v in {"report_id": report.report_id, "source": report.source,
                                        "agency": meta.agency, "year": meta.year,
                                        "para_start": c.para_start, "para_end": c.para_end}.items()
                      if v is not None} for c in chunks]
        ids = [c.chunk_id for c in chunks]
        terms = [TOKENIZERS["jieba"](c.norm) for c in chunks]  # BM25's tokens, once per chunk (see lexical.py)
        with self._writing():
            if self.catalog.find(content_hash=report.content_hash):
                return  # another process sharing this home committed the same file meanwhile
            replaces = sorted(set(replaces) | set(self.catalog.find(source=report.source)))  # and the same name
            store = self._current_vectors()  # reopened first if another process wrote since
            self._sweep()
            self.catalog.add_pending(ids)  # journaled before the first vector is written
            if chunks:
                store.add(ids, vectors, metadatas)
            self._drop(self.catalog.commit_report(report, chunks, self.embedder.name, replaces, terms))
            self._vectors_generation = self.catalog.generation  # our own write: the handle is current

    def remove(self, report_id: str) -> None:
        with self._writing():
            self._current_vectors()
            self._drop(self.catalog.remove_report(report_id))
            self._vectors_generation = self.catalog.generation

    def sweep_orphans(self) -> int:
        """Delete the vectors a killed ingest or remove left behind; returns how many ids were swept."""
        with self._writing():
            self._current_vectors()
            return self._sweep()

    def _sweep(self) -> int:
        pending = self.catalog.pending()
        self._drop(pending)
        return len(pending)

    def _drop(self, chunk_ids: list[str]) -> None:
        """Delete pending vectors by id, then strike them from the journal."""
        if chunk_ids:
            self.vectors.delete(chunk_ids)
            self.catalog.clear_pending(chunk_ids)

    def refresh_keyword(self) -> None:
        self.keyword()

    # --- reads ----------------------------------------------------------------------
    def reports(self) -> list[dict]:
        return self.catalog.reports()

    def report(self, report_id: str) -> Report | None:
        return self.catalog.report(report_id)

    def allowed_reports(self, report_ids=None, agencies=None, years=None) -> set[str] | None:
        """Report ids passing the filters, or None when there is no filter."""
        if not (report_ids or agencies or years):
            return None
        rows = self.catalog.reports()
        return {r["report_id"] for r in rows
                if (not report_ids or r["report_id"] in report_ids or r["source"] in report_ids)
                and (not agencies or any(a in (r["agency"] or "") for a in agencies))
                and (not years or r["year"] in years)}

    def search(self, query: str, k: int = 5, allowed: set[str] | None = None,
               retrievers: tuple[str, ...] = ("jieba", "bigram", "dense")) -> list[Hit]:
        """Hybrid retrieval: BM25 (jieba, bigrams) and dense, fused by reciprocal rank."""
        from .normalize import normalize

        if not self.report_rows():
            return []
        self.check_embedder()
        keyword, chunks = self.keyword(), self.chunk_reports()
        if allowed is not None and allowed >= self.report_rows().keys():
            allowed = None  # every report: no filter (a filter of every id makes the vector query slow)
        allowed_chunks = None if allowed is None else self.chunks_of(allowed)
        allowed_mask = None if allowed_chunks is None else keyword.mask(allowed_chunks)
        rankings = [ranking(keyword.scores(query, name), keyword.ids, allowed_mask, DEPTH)
                    for name in retrievers if name != "dense"]
        self._degraded.failed = False
        if "dense" in retrievers:
            dense = self._dense(normalize(query), allowed, allowed_chunks)
            if dense is not None:
                rankings.append([cid for cid, _ in dense if cid in chunks])
        rows = self.report_rows()
        fused = [(cid, score) for cid, score in rrf(rankings) if chunks.get(cid) in rows][:k]
        found = {c.chunk_id: c for c in self.catalog.chunks([cid for cid, _ in fused])}
        return [self._hit(found[cid], score) for cid, score in fused if cid in found]

    def _hit(self, chunk: Chunk, score: float) -> Hit:
        meta = self._meta(chunk.report_id)
        return Hit(chunk.chunk_id, chunk.report_id, meta["source"], meta["agency"], meta["year"], chunk.section,
                   chunk.para_start, chunk.para_end, chunk.text, score)

    def report_rows(self) -> dict[str, dict]:
        """Summary rows by report id, cached until the catalog changes."""
        with self._lock:
            self.keyword()
            if self._rows is None:
                self._rows = {r["report_id"]: r for r in self.catalog.reports()}
            return self._rows

    def _meta(self, report_id: str) -> dict:
        return self.report_rows()[report_id]
