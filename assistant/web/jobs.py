"""Ingest jobs: uploads are indexed on one worker thread, off the request path.

Why: indexing a report (decoding, cleaning, embedding) takes seconds to
minutes; done inside a request it held a server thread and, with a bad
pattern, the whole process. A job returns at once with an id; `GET
/api/jobs/{id}` tells its status. One worker keeps this process to one
writer; other processes are serialised by the service's writer lock.
Jobs live in memory (the last MAX_JOBS), so a restart forgets finished ones.
"""
from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor

from index.errors import NotFound, RolqaError

log = logging.getLogger("rolqa.jobs")
MAX_JOBS = 500


class Jobs:
    def __init__(self, service):
        self.service = service
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="rolqa-ingest")
        self._jobs: OrderedDict[str, dict] = OrderedDict()
        self._futures: dict[str, Future] = {}
        self._lock = threading.Lock()

    def submit_upload(self, filename: str, data: bytes) -> dict:
        """Queue one uploaded file for indexing; returns the job's public view."""
        job_id = uuid.uuid4().hex
        job = {"job_id": job_id, "kind": "upload", "source": filename, "status": "queued",
               "created": time.time(), "finished": None, "result": None, "error": None}
        with self._lock:
            self._jobs[job_id] = job
            while len(self._jobs) > MAX_JOBS:
                old, _ = self._jobs.popitem(last=False)
                self._futures.pop(old, None)
            self._futures[job_id] = self._pool.submit(self._run, job, filename, data)
        return self.view(job_id)

    def _run(self, job: dict, filename: str, data: bytes) -> None:
        job["status"] = "running"
        try:
            job["result"] = self.service.ingest_upload(filename, data)
            job["status"] = "done"
        except RolqaError as exc:
            job["error"], job["status"] = exc, "failed"
        except Exception:  # a bug must still end the job, visibly, without internals
            log.exception("ingest job %s failed", job["job_id"])
            job["error"], job["status"] = RolqaError("索引失败:服务器内部错误,详见服务日志"), "failed"
        finally:
            job["finished"] = time.time()

    def view(self, job_id: str) -> dict:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFound(f"没有编号为 {job_id} 的任务(任务只保存在内存中,服务重启后清空)")
        error = job["error"]
        return {**job, "error": {"type": error.type, "message": error.message} if error else None}

    def wait(self, job_id: str, timeout: float | None = None) -> dict:
        """Block until the job ends; a failed job raises its error (for `?wait=true` callers)."""
        with self._lock:
            future = self._futures.get(job_id)
        if future is not None:
            future.result(timeout)
        job = self._jobs[job_id]
        if job["error"]:
            raise job["error"]
        return self.view(job_id)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
