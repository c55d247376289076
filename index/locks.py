"""One writer at a time per home, across processes: `rolqa ingest`, a server's upload child and a remove.

The lock is a file in $ROLQA_HOME (filelock), so two processes never write the
catalog and the vector store at once; the second waits, and says so once.
Readers take no lock: the SQLite catalog is the commit point, and a reader whose
vector handle is stale falls back to keyword retrieval for that query and
reopens it (index/store.py). Here in `index/` so that the upload child, which
needs the indexer only, takes the same lock as the service.
"""
from __future__ import annotations

from contextlib import contextmanager

from .config import Settings
from .errors import read_only_refusal

WRITER_LOCK = "writer.lock"


@contextmanager
def writer_lock(settings: Settings, on_wait=None, wait: bool = True):
    """Hold the home's writer lock; `on_wait()` is called once when another writer holds it. With
    `wait=False` the body is skipped (yielding False) instead of waiting."""
    from filelock import FileLock, Timeout

    if settings.read_only:  # `rolqa serve` on a full disk: questions only
        raise read_only_refusal()
    settings.home.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(settings.home / WRITER_LOCK))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if not wait:
            yield False
            return
        if on_wait:
            on_wait()
        lock.acquire()
    try:
        yield True
    finally:
        lock.release()
