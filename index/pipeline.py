"""Ingest: turn files into reports and chunks, and store them one report at a time.

Each file is processed in full in memory before anything is written, and
stored through `Index.add_reports` (embedded in batches, committed atomically
per report), so a bad file fails alone and a killed process loses at most the
batch in flight.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .chunking import make_chunks
from .clean import strip_chrome
from .errors import TooLarge, UnsupportedFile, file_problem
from .loaders import SUPPORTED_SUFFIXES, load_bytes
from .metadata import OVERRIDABLE, apply_overrides, extract_meta
from .model import Chunk, Report
from .mojibake import repair_mojibake
from .ocr import PAGES_SUFFIX, ScanOptions
from .ocr.pages import pack_folder
from .pageinfo import read_page_info, without_lines
from .structure import split_paragraphs


@dataclass
class FileResult:
    source: str
    status: str  # indexed | unchanged | replaced | failed
    report_id: str | None = None
    reason: str = ""
    error: str = ""  # the error's type when it failed (UnsupportedFile, TooLarge): the API's status follows it


@dataclass
class IngestSummary:
    results: list[FileResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what concerns the index, not a file (unreadable rules)

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    def to_dict(self) -> dict:
        data = {"counts": {s: self.count(s) for s in ("indexed", "unchanged", "replaced", "failed")},
                "files": [r.__dict__ for r in self.results]}
        return {**data, "notes": self.notes} if self.notes else data


def content_id(data: bytes, overrides: dict | None = None) -> tuple[str, str]:
    """(report_id, content_hash): the id is stable across re-ingests of the same bytes (and the same
    metadata corrections: a new correction re-indexes the file)."""
    extra = json.dumps(overrides, sort_keys=True, ensure_ascii=False).encode("utf-8") if overrides else b""
    digest = hashlib.sha256(data + extra).hexdigest()
    return digest[:16], digest


SIDECAR_SUFFIX = ".meta.json"


def read_overrides(path: Path, given: dict | None = None) -> dict:
    """Metadata corrections for one file: its sidecar `<file>.meta.json` ({"agency", "year", "title"}),
    then the ones given on the command line, which win. Raises UnsupportedFile for a bad sidecar."""
    found: dict | None = {}
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if sidecar.is_file():
        try:
            found = json.loads(sidecar.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found = None
        if not isinstance(found, dict):
            raise UnsupportedFile(f"{sidecar.name} 不是形如 {{\"agency\": \"…\", \"year\": 2023}} 的 JSON 对象")
    found = {k: v for k, v in {**found, **(given or {})}.items() if v is not None}
    unknown = sorted(set(found) - set(OVERRIDABLE))
    if unknown:
        raise UnsupportedFile(f"未知的元数据字段 {', '.join(unknown)}:只能更正 {', '.join(OVERRIDABLE)}")
    year = found.get("year")
    if year is not None and not (isinstance(year, int) and not isinstance(year, bool) and 1900 <= year <= 2100):
        raise UnsupportedFile(f"year 必须是 1900 到 2100 之间的整数,而不是 {year!r}")
    if any(not isinstance(found.get(k), str) or not found[k].strip() for k in ("agency", "title") if k in found):
        raise UnsupportedFile("agency 和 title 必须是非空的文字")
    return found


# A folder's own documentation, not a report: skipped when a folder is walked (named alone, it is indexed).
FOLDER_DOCS = re.compile(r"^(?:readme|license|licence|changelog|contributing)(?:\.[a-z]+)?$", re.I)


def collect_files(paths: list[Path], folders_as_reports: bool = False) -> tuple[list[Path], list[FileResult]]:
    """Supported files under the given files and folders (recursively), without hidden files and the
    folder's own README/LICENSE; missing paths become failures. With `folders_as_reports` a folder
    given is itself one item: a scanned report whose page images it holds (see read_input)."""
    files, missing = [], []
    for path in paths:
        if path.is_dir() and folders_as_reports:
            files.append(path)
        elif path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                            and not any(part.startswith(".") for part in p.relative_to(path).parts)
                            and not FOLDER_DOCS.match(p.name))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(FileResult(str(path), "failed", reason="文件或文件夹不存在"))
    return files, missing


def build_report(data: bytes, suffix: str, source: str, max_tokens: int = 384,
                 overrides: dict | None = None, max_chars: int | None = None,
                 scans: ScanOptions | None = None) -> tuple[Report, list[Chunk]]:
    """Every indexing stage for one file's bytes; pure but for the OCR page cache of `scans`. A text
    longer than `max_chars` is refused before the costly stages (a 5,000-page PDF under the size
    limit would build 150,000 chunks)."""
    loaded = load_bytes(data, suffix, scans)
    if max_chars and len(loaded.text) > max_chars:
        raise TooLarge(f"正文有 {len(loaded.text):,} 个字符,超过单份报告的上限 {max_chars:,}"
                       "(max_report_chars);请拆分后再导入")
    report_id, digest = content_id(data, overrides)
    text, warnings = repair_mojibake(loaded.text)
    page, chrome_lines = read_page_info(text)
    body, hints = strip_chrome(without_lines(text, chrome_lines))
    paragraphs = split_paragraphs(body)
    if not any(not p.is_heading for p in paragraphs):
        raise UnsupportedFile("去掉网页导航等内容后没有剩下正文")
    meta = extract_meta(paragraphs, {**loaded.hints, **{k: v for k, v in hints.items() if v}, "page": page,
                                     "source": source})
    meta = apply_overrides(meta, overrides or {})
    if loaded.scan is not None:
        meta.ocr = loaded.scan.summary()
    report = Report(report_id, source, digest, meta, body, paragraphs, loaded.warnings + warnings, loaded.scan)
    return report, make_chunks(report_id, paragraphs, meta, max_tokens)


@dataclass
class Prepared:
    """A file built into a report, waiting to be embedded and stored."""
    report: Report
    chunks: list[Chunk]
    replaces: list[str]
    result: FileResult


def prepare_file(index, path: Path, source: str | None = None, overrides: dict | None = None) -> Prepared | FileResult:
    """Everything before embedding: read, build, look up what it replaces; a FileResult when
    nothing is to be stored (failed, or unchanged)."""
    source = source or path.name
    try:
        data, suffix = read_input(path)
        overrides = read_overrides(path, overrides)
    except OSError as exc:
        return FileResult(source, "failed", reason=f"无法读取:{file_problem(exc)}")
    except UnsupportedFile as exc:
        return FileResult(source, "failed", reason=exc.message)
    existing = index.catalog.find(content_hash=content_id(data, overrides)[1])
    if existing:
        return FileResult(source, "unchanged", existing[0])
    try:
        report, chunks = build_report(data, suffix, source, index.settings.chunk_tokens, overrides,
                                      index.settings.max_report_chars, ScanOptions.from_settings(index.settings, source))
    except (UnsupportedFile, TooLarge) as exc:
        return FileResult(source, "failed", reason=exc.message, error=exc.type)
    replaces = index.catalog.find(source=source)
    return Prepared(report, chunks, replaces,
                    FileResult(source, "replaced" if replaces else "indexed", report.report_id))


def read_input(path: Path) -> tuple[bytes, str]:
    """(bytes, suffix) of a file, or of a folder of page images packed as one scanned report."""
    if path.is_dir():
        return pack_folder(path), PAGES_SUFFIX
    return path.read_bytes(), path.suffix


def ingest_file(index, path: Path, source: str | None = None, overrides: dict | None = None) -> FileResult:
    """Index one file (the caller holds the writer lock); the derived tables are brought to their rules first."""
    index.update_derived()
    prepared = prepare_file(index, path, source, overrides)
    if isinstance(prepared, FileResult):
        return prepared
    index.add_report(prepared.report, prepared.chunks, prepared.replaces)
    return prepared.result


# Chunks embedded per call. Tuned on the 148 chunks of data/reports (two shared cores): one call 37.6 s,
# calls of 20 36.8 s, calls of 5 48.8 s; so calls of ~32 cost nothing over one, and the progress bar
# moves every report or two (the five sample reports, 148 chunks, were one batch and a bit with 128).
BATCH_CHUNKS = 32


def ingest_paths(index, paths: list[Path], progress=None, overrides: dict | None = None,
                 pages_as_one_report: bool = False) -> IngestSummary:
    """Index files and folders; `progress(done, total, name)` is called after each file.

    Files are built one by one and embedded in batches of about BATCH_CHUNKS chunks;
    each report is still committed on its own. `overrides` ({"agency", "year",
    "title"}) correct the metadata of every file given. With `pages_as_one_report` each
    folder given is one scanned report: its page images in name order."""
    files, missing = collect_files(paths, pages_as_one_report)
    summary = IngestSummary(list(missing), index.update_derived())  # the caller holds the writer lock; a copy of
    # the missing files: progress counts the files done beyond them
    if progress and files:
        progress(0, len(files), "")  # the bar shows before the first batch is embedded
    batch: list[Prepared] = []  # built, waiting to be embedded
    queue: list[tuple[Prepared | FileResult, str]] = []  # every file since the last batch, in file order

    def flush() -> None:
        # A store or embedder failure (RolqaError) concerns every file, so it is not caught here.
        if batch:
            index.add_reports([(p.report, p.chunks, p.replaces) for p in batch])
        for item, name in queue:
            summary.results.append(item.result if isinstance(item, Prepared) else item)
            if progress:
                progress(len(summary.results) - len(missing), len(files), name)
        batch.clear()
        queue.clear()

    for path in files:
        item = prepare_file(index, path, overrides=overrides)
        if isinstance(item, Prepared):
            if any(p.report.content_hash == item.report.content_hash for p in batch):
                item = FileResult(item.result.source, "unchanged", item.report.report_id)  # a copy within the batch
            else:
                batch.append(item)
        queue.append((item, path.name))
        if sum(len(p.chunks) for p in batch) >= BATCH_CHUNKS:
            flush()
    flush()
    if files:
        index.refresh_keyword()
    return summary
