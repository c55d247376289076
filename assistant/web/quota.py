"""The upload quota: each key (or, without a key, each client address) may upload at most
`upload_quota_mb` (ROLQA_UPLOAD_QUOTA_MB, default 200) in any 24 hours; 0 turns it off.

Why: every upload is stored under $ROLQA_HOME/uploads and indexed on the
server's one ingest worker, so a leaked admin key or a script in a loop could
fill the disk and keep the worker busy. The size limit bounds one file; this
bounds a day. Usage lives in server.sqlite3 (it survives a restart and is
shared by servers on one home) and is checked and recorded in one IMMEDIATE
transaction, so two concurrent uploads cannot both pass. Every accepted upload
counts, also one that then fails to index: it was stored and worked on.
"""
from __future__ import annotations

import hashlib
import math
import time

from index.config import Settings
from index.errors import QuotaExceeded

from .server_db import transaction

DAY = 24 * 3600
MB = 1024 * 1024


def client_of(token: str | None, address: str | None) -> str:
    """Whose quota: the key (only a hash of it is stored), else the client's address."""
    if token:
        return "key:" + hashlib.sha256(token.encode()).hexdigest()[:16]
    return "addr:" + (address or "unknown")


def _usage(db, client: str, now: float) -> list[tuple[float, int]]:
    """(time, bytes) of this client's uploads in the last 24 hours, oldest first; older rows are dropped."""
    db.execute("DELETE FROM upload_usage WHERE at < ?", (now - DAY,))
    rows = db.execute("SELECT at, bytes FROM upload_usage WHERE client=? ORDER BY at", (client,))
    return [(r["at"], r["bytes"]) for r in rows]


def _seconds_until_room(usage: list[tuple[float, int]], size: int, limit: int, now: float) -> int:
    """How long until enough of the day's uploads have aged out for `size` more bytes."""
    used = sum(b for _, b in usage)
    for at, count in usage:
        used -= count
        if used + size <= limit:
            return max(1, math.ceil(at + DAY - now))
    return DAY


def _wait_words(seconds: int) -> str:
    return f"{math.ceil(seconds / 60)} 分钟" if seconds < 3600 else f"{math.ceil(seconds / 3600)} 小时"


def _refusal(settings: Settings, usage: list[tuple[float, int]], size: int, now: float) -> QuotaExceeded:
    """The 429 with its Chinese reason and how long to wait (Retry-After)."""
    limit, used = settings.upload_quota_mb * MB, sum(b for _, b in usage)
    if size > limit:
        return QuotaExceeded(f"文件({size / MB:.1f} MB)超过了每天 {settings.upload_quota_mb} MB 的上传额度", DAY)
    wait = _seconds_until_room(usage, max(size, 1), limit, now)
    return QuotaExceeded(f"超出上传额度:过去 24 小时已上传 {used / MB:.1f} MB,每天最多 "
                         f"{settings.upload_quota_mb} MB;约 {_wait_words(wait)}后可以再上传这个文件", wait)


def charge(settings: Settings, client: str, size: int, now: float | None = None) -> None:
    """Record an upload of `size` bytes, or raise QuotaExceeded (HTTP 429) when it would pass the quota.

    `size` 0 only checks that some room is left (before a request body is read).
    """
    limit, now = settings.upload_quota_mb * MB, now or time.time()
    if limit <= 0:
        return
    with transaction(settings, immediate=True) as db:
        usage = _usage(db, client, now)
        used = sum(b for _, b in usage)
        if used + size > limit or (size == 0 and used >= limit):
            raise _refusal(settings, usage, size, now)
        if size:
            db.execute("INSERT INTO upload_usage(client, at, bytes) VALUES (?, ?, ?)", (client, now, size))
