"""OCR results kept by content hash, so a re-ingest of the same file reads no page twice.

$ROLQA_HOME/ocr/<key>/p0001.json holds what the recogniser read on page 1 (lines, boxes, confidence
per character) and p0001.jpg the straightened page a reader sees beside a citation. The key covers
the file's bytes, the rendering resolution, the recogniser and OCR_VERSION, so a change to any of
them reads the pages again. Pages are written one by one as they are read: an ingest stopped by the
time limit or a crash resumes where it stopped. Deleting the folder is safe; only the page images
beside citations go with it (until the file is ingested again).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from .model import Page

OCR_VERSION = 1  # raise when page preparation or the recogniser's settings change what a page reads


def cache_key(data: bytes, dpi: int, recogniser: str) -> str:
    return hashlib.sha256(data + f"|{dpi}|{recogniser}|{OCR_VERSION}".encode()).hexdigest()[:32]


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all: a reader never sees half a page."""
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


class PageCache:
    """The pages of one file under `root` (no root: nothing is kept)."""

    def __init__(self, root: Path | None, key: str):
        self.folder = root / key if root else None
        self.key = key

    def load(self, n: int) -> Page | None:
        if self.folder is None:
            return None
        try:
            return Page.from_json(json.loads((self.folder / f"p{n:04d}.json").read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, page: Page, image: bytes) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _write(self.folder / f"p{page.n:04d}.jpg", image)
            _write(self.folder / f"p{page.n:04d}.json", json.dumps(page.to_json(), ensure_ascii=False).encode())
        except OSError:
            pass  # a cache that cannot be written costs a re-read next time, nothing else


def page_image(root: Path, key: str | None, n: int) -> Path | None:
    """The stored image of page `n`, if it is still kept."""
    if not key or not re.fullmatch(r"[0-9a-f]{32}", key):
        return None
    path = root / key / f"p{n:04d}.jpg"
    return path if path.is_file() else None

