"""Ingest: turn files into reports and chunks, and store them one report at a time.

Each file is processed in full in memory before anything is written, and
stored through `Index.add_report` (atomic per report), so a bad file fails
alone and a killed process loses at most the report in flight.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .chunking import make_chunks
from .clean import strip_chrome
from .errors import UnsupportedFile
from .loaders import SUPPORTED_SUFFIXES, load_bytes
from .metadata import extract_meta
from .model import Chunk, Report
from .mojibake import repair_mojibake
from .pageinfo import read_page_info, without_lines
from .structure import split_paragraphs


@dataclass
class FileResult:
    source: str
    status: str  # indexed | unchanged | replaced | failed
    report_id: str | None = None
    reason: str = ""


@dataclass
class IngestSummary:
    results: list[FileResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    def to_dict(self) -> dict:
        return {"counts": {s: self.count(s) for s in ("indexed", "unchanged", "replaced", "failed")},
                "files": [r.__dict__ for r in self.results]}


def content_id(data: bytes) -> tuple[str, str]:
    """(report_id, content_hash): the id is stable across re-ingests of the same bytes."""
    digest = hashlib.sha256(data).hexdigest()
    return digest[:16], digest


def collect_files(paths: list[Path]) -> tuple[list[Path], list[FileResult]]:
    """Supported files under the given files and folders (recursively); missing paths become failures."""
    files, missing = [], []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(FileResult(str(path), "failed", reason="no such file or folder"))
    return files, missing


def build_report(data: bytes, suffix: str, source: str, max_tokens: int = 384) -> tuple[Report, list[Chunk]]:
    """Every indexing stage for one file's bytes; pure."""
    loaded = load_bytes(data, suffix)
    report_id, digest = content_id(data)
    text, warnings = repair_mojibake(loaded.text)
    page, chrome_lines = read_page_info(text)
    body, hints = strip_chrome(without_lines(text, chrome_lines))
    paragraphs = split_paragraphs(body)
    if not any(not p.is_heading for p in paragraphs):
        raise UnsupportedFile("no text left after removing page navigation")
    meta = extract_meta(paragraphs, {**loaded.hints, **{k: v for k, v in hints.items() if v}, "page": page})
    report = Report(report_id, source, digest, meta, body, paragraphs, loaded.warnings + warnings)
    return report, make_chunks(report_id, paragraphs, meta, max_tokens)


def ingest_file(index, path: Path, source: str | None = None) -> FileResult:
    source = source or path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        return FileResult(source, "failed", reason=f"cannot read: {exc.strerror or exc}")
    existing = index.catalog.find(content_hash=content_id(data)[1])
    if existing:
        return FileResult(source, "unchanged", existing[0])
    try:
        report, chunks = build_report(data, path.suffix, source, index.settings.chunk_tokens)
    except UnsupportedFile as exc:
        return FileResult(source, "failed", reason=exc.message)
    replaces = index.catalog.find(source=source)
    index.add_report(report, chunks, replaces)
    return FileResult(source, "replaced" if replaces else "indexed", report.report_id)


def ingest_paths(index, paths: list[Path], progress=None) -> IngestSummary:
    """Index files and folders; `progress(done, total, name)` is called after each file."""
    files, summary = collect_files(paths)
    summary = IngestSummary(summary)
    for done, path in enumerate(files, start=1):
        # A store or embedder failure (RolqaError) concerns every file, so it is not caught here.
        summary.results.append(ingest_file(index, path))
        if progress:
            progress(done, len(files), path.name)
    if files:
        index.refresh_keyword()
    return summary
