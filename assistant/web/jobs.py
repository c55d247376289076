"""Ingest jobs: uploads are indexed on one worker thread, off the request path, and survive a restart.

Why a worker: indexing a report (decoding, cleaning, embedding) takes seconds
to minutes; done inside a request it held a server thread and, with a bad
pattern, the whole process. A job returns at once with an id; `GET
/api/jobs/{id}` tells its status. One worker keeps this process to one writer;
other processes are serialised by the service's writer lock.

Why persisted: a restart (a deploy, a crash, kill -9) must not lose a queued
upload or its status. The bytes are stored under $ROLQA_HOME/uploads before the
job is queued, and the job is a row of server.sqlite3 (job_records.py). Each
server process holds a lock file named after its owner id while it lives; at
start a server claims the queued or running jobs whose owner's lock is free
(that process is gone) and runs them again: ingest is idempotent and atomic per
report, so a job cut off halfway is safe to repeat. A job whose stored file is
gone, or that was cut off MAX_ATTEMPTS times (a file that kills the server must
not do so at every start), fails with a Chinese reason instead.
"""
from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from index.errors import RolqaError

from . import job_records
from .uploads import store_upload

log = logging.getLogger("rolqa.jobs")
MAX_FUTURES = 500  # jobs of this process that `wait` can still follow
MAX_ATTEMPTS = 2
OWNERS = "job-owners"  # folder of $ROLQA_HOME holding one lock file per living server process


class Jobs:
    """One server process's ingest worker; its jobs are rows any server on the home can read."""

    def __init__(self, service):
        from filelock import FileLock

        self.service, self.settings = service, service.settings
        self.owner = uuid.uuid4().hex
        owners = self.settings.home / OWNERS
        owners.mkdir(parents=True, exist_ok=True)
        self._alive = FileLock(str(owners / f"{self.owner}.lock"))
        self._alive.acquire(timeout=0)  # held until this process ends: others see this server is alive
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="rolqa-ingest")
        self._futures: OrderedDict[str, Future] = OrderedDict()
        self._lock = threading.Lock()

    def submit_upload(self, filename: str, data: bytes) -> dict:
        """Store the uploaded bytes, record the job and queue it; returns the job's public view."""
        path, source = store_upload(self.settings, filename, data)
        job_id = uuid.uuid4().hex
        job_records.add(self.settings, job_id, source, str(path), self.owner)
        self._queue(job_id)
        return job_records.view(self.settings, job_id)

    def _queue(self, job_id: str) -> None:
        with self._lock:
            self._futures[job_id] = self._pool.submit(self._run, job_id)
            while len(self._futures) > MAX_FUTURES:
                self._futures.popitem(last=False)

    def _run(self, job_id: str) -> dict:
        """Index the job's stored file; the job's row records the end, the future keeps the error for `wait`."""
        row = job_records.start(self.settings, job_id)
        try:
            result = self.service.ingest_stored(Path(row["path"]), row["source"])
        except RolqaError as exc:
            Path(row["path"]).unlink(missing_ok=True)  # a failed upload's bytes are not kept
            job_records.finish(self.settings, job_id, error=exc)
            raise
        except Exception as exc:  # a bug must still end the job, visibly, without internals
            log.exception("ingest job %s failed", job_id)
            Path(row["path"]).unlink(missing_ok=True)
            error = RolqaError("索引失败:服务器内部错误,详见服务日志")
            job_records.finish(self.settings, job_id, error=error)
            raise error from exc
        job_records.finish(self.settings, job_id, result=result)
        return result

    def view(self, job_id: str) -> dict:
        return job_records.view(self.settings, job_id)

    def wait(self, job_id: str, timeout: float | None = None) -> dict:
        """Block until this process's job ends; a failed job raises its error (for `?wait=true` callers)."""
        with self._lock:
            future = self._futures.get(job_id)
        if future is not None:
            future.result(timeout)
        return self.view(job_id)

    # --- after a restart -----------------------------------------------------------------
    def resume(self) -> list[str]:
        """Claim the jobs that a server which is gone left queued or running; run them again, or fail them
        with a reason. Returns the ids claimed."""
        claimed = []
        for row in job_records.unfinished_of_others(self.settings, self.owner):
            if self._owner_alive(row["owner"]) or not job_records.claim(self.settings, row["job_id"], row["owner"],
                                                                         self.owner):
                continue
            claimed.append(row["job_id"])
            reason = self._cannot_rerun(row)
            if reason:
                job_records.finish(self.settings, row["job_id"], error=RolqaError(reason))
            else:
                log.info("re-running ingest job %s (%s) left unfinished by a stopped server", row["job_id"], row["source"])
                self._queue(row["job_id"])
        self._sweep_owner_files()
        return claimed

    @staticmethod
    def _cannot_rerun(row: dict) -> str | None:
        if not row["path"] or not Path(row["path"]).is_file():
            return "服务重启时没有找到这次上传保存的文件,无法继续索引;请重新上传"
        if row["attempts"] >= MAX_ATTEMPTS:
            return f"索引这个文件时服务已中断 {row['attempts']} 次,不再重试;请检查文件后重新上传"
        return None

    def _owner_alive(self, owner: str) -> bool:
        """Whether the server process `owner` still lives: it holds its lock file until it ends."""
        from filelock import FileLock, Timeout

        path = self.settings.home / OWNERS / f"{owner}.lock"
        probe = FileLock(str(path))
        try:
            probe.acquire(timeout=0)
        except Timeout:
            return True
        probe.release()
        path.unlink(missing_ok=True)
        return False

    def _sweep_owner_files(self, min_age: float = 60.0) -> None:
        """Remove the lock files of servers that ended (one is left per clean stop). A file younger than
        `min_age` is left alone: its server may be starting and not yet hold its lock."""
        for path in (self.settings.home / OWNERS).glob("*.lock"):
            try:
                old = path.stat().st_mtime < time.time() - min_age
            except OSError:
                continue
            if old and path.stem != self.owner:
                self._owner_alive(path.stem)

    def shutdown(self) -> None:
        """Stop taking work; queued jobs stay queued in server.sqlite3 for the next start."""
        self._pool.shutdown(wait=False, cancel_futures=True)
