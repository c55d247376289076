"""Page-by-page progress of an OCR read, for whoever is watching.

Two watchers, each without the reader knowing it: the CLI's bar (a callback set for the duration of
an ingest with `listening`, a context variable, so nothing in between passes it on) and the server,
whose upload is read in a child process: the child writes $ROLQA_HOME/ocr/progress/<source>.json
after each page, and /api/health and the upload's status read it (`running`, `of_source`).
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

_listener: ContextVar = ContextVar("rolqa_ocr_progress", default=None)


@contextmanager
def listening(callback):
    """Call `callback(done, total, source)` after each page read by OCR while the block runs."""
    token = _listener.set(callback)
    try:
        yield
    finally:
        _listener.reset(token)


def _file(folder: Path, source: str) -> Path:
    return folder / f"{hashlib.sha1(source.encode('utf-8')).hexdigest()[:16]}.json"


class Progress:
    """One read's progress: told after each page, removed when the read ends."""

    def __init__(self, folder: Path | None, source: str, total: int):
        self.path = _file(folder, source) if folder else None
        self.source, self.total, self.started = source, total, time.time()
        self.page(0)

    def page(self, done: int) -> None:
        callback = _listener.get()
        if callback:
            callback(done, self.total, self.source)
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps({"source": self.source, "page": done, "pages": self.total,
                                             "pid": os.getpid(), "started": self.started}, ensure_ascii=False))
        except OSError:
            pass

    def close(self) -> None:
        if self.path is not None:
            self.path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def running(folder: Path) -> list[dict]:
    """The OCR reads under way: {"source", "page", "pages", "seconds"} each (a killed reader's file is removed)."""
    found = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not _alive(int(entry.get("pid", 0))):
            path.unlink(missing_ok=True)
            continue
        found.append({"source": entry["source"], "page": entry["page"], "pages": entry["pages"],
                      "seconds": round(time.time() - entry["started"], 1)})
    return found


def of_source(folder: Path, source: str) -> dict | None:
    return next((entry for entry in running(folder) if entry["source"] == source), None)
