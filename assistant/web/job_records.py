"""Ingest jobs as rows of server.sqlite3: what `GET /api/jobs/{id}` reads, before and after a restart.

A row holds the job's id, source name, status (queued → running → done |
failed), the stored upload's path, the server process that owns it, how often
it was started, its times and its result or error. The owner is a random id per
server process (see jobs.py); a queued or running row whose owner is gone was
interrupted, and the next server to start claims it.
"""
from __future__ import annotations

import json
import time

from index.config import Settings
from index.ocr import progress as ocr_progress
from index.errors import NotFound

from .server_db import transaction

KEEP_FINISHED = 1000  # finished jobs kept for GET /api/jobs/{id}; older ones are pruned


def add(settings: Settings, job_id: str, source: str, path: str, owner: str) -> None:
    """A new queued upload job; finished jobs beyond the newest KEEP_FINISHED are pruned."""
    with transaction(settings) as db:
        db.execute("INSERT INTO jobs(job_id, kind, source, status, path, owner, created) "
                   "VALUES (?, 'upload', ?, 'queued', ?, ?, ?)", (job_id, source, path, owner, time.time()))
        db.execute("DELETE FROM jobs WHERE status IN ('done', 'failed') AND job_id NOT IN "
                   "(SELECT job_id FROM jobs ORDER BY created DESC LIMIT ?)", (KEEP_FINISHED,))


def start(settings: Settings, job_id: str) -> dict:
    """Mark the job running (one more attempt) and return its row."""
    with transaction(settings) as db:
        db.execute("UPDATE jobs SET status='running', started=?, attempts=attempts+1 WHERE job_id=?",
                   (time.time(), job_id))
        return dict(db.execute("SELECT * FROM jobs WHERE job_id=?", (job_id,)).fetchone())


def finish(settings: Settings, job_id: str, result: dict | None = None, error=None) -> None:
    """Record the end: `result` for done, `error` (a RolqaError) for failed."""
    status = "failed" if error is not None else "done"
    with transaction(settings) as db:
        db.execute("UPDATE jobs SET status=?, finished=?, result=?, error_type=?, error_message=? WHERE job_id=?",
                   (status, time.time(), json.dumps(result, ensure_ascii=False) if result is not None else None,
                    error.type if error is not None else None, error.message if error is not None else None, job_id))


def unfinished_of_others(settings: Settings, owner: str) -> list[dict]:
    """Queued or running jobs of other server processes, oldest first (the caller checks whether they are alive)."""
    with transaction(settings) as db:
        rows = db.execute("SELECT * FROM jobs WHERE status IN ('queued', 'running') AND owner != ? ORDER BY created",
                          (owner,))
        return [dict(r) for r in rows]


def claim(settings: Settings, job_id: str, old_owner: str, owner: str) -> bool:
    """Take over an interrupted job, queued again; False when another server claimed it first."""
    with transaction(settings, immediate=True) as db:
        taken = db.execute("UPDATE jobs SET owner=?, status='queued' WHERE job_id=? AND owner=? "
                           "AND status IN ('queued', 'running')", (owner, job_id, old_owner))
        return taken.rowcount == 1


def view(settings: Settings, job_id: str) -> dict:
    """The job as the API shows it (no server path, no owner), or NotFound."""
    with transaction(settings) as db:
        row = db.execute("SELECT * FROM jobs WHERE job_id=?", (job_id,)).fetchone()
    if row is None:
        raise NotFound(f"没有编号为 {job_id} 的任务(可能编号有误,或任务太早已被清理)")
    error = {"type": row["error_type"], "message": row["error_message"]} if row["error_type"] else None
    view = {"job_id": row["job_id"], "kind": row["kind"], "source": row["source"], "status": row["status"],
            "created": row["created"], "started": row["started"], "finished": row["finished"],
            "result": json.loads(row["result"]) if row["result"] else None, "error": error}
    if row["status"] == "running" and (ocr := ocr_progress.of_source(settings.ocr_path / "progress", row["source"])):
        view["ocr"] = {"page": ocr["page"], "pages": ocr["pages"]}  # a scan being read: pages done of pages
    return view


def activity(settings: Settings) -> dict:
    """What indexing is doing now, for /api/health (which every reader may call): how long each running
    job has run and how many wait behind them. No file names or job ids: an upload's name is its
    uploader's business (a job id would open /api/jobs/{id}, which names the file)."""
    now = time.time()
    with transaction(settings) as db:
        running = db.execute("SELECT source, started FROM jobs WHERE status='running' ORDER BY started").fetchall()
        queued = db.execute("SELECT COUNT(*) FROM jobs WHERE status='queued'").fetchone()[0]
    jobs = [{"source": r["source"], "seconds": round(now - (r["started"] or now), 1)} for r in running]
    reading = {o["source"]: o for o in ocr_progress.running(settings.ocr_path / "progress")}
    for job in jobs:  # a scan being read by OCR: pages done of pages (no file name is shown: see below)
        found = reading.get(job.pop("source"))
        if found:
            job["ocr"] = {"page": found["page"], "pages": found["pages"]}
    return {"busy": bool(jobs or queued), "running": jobs, "queued": queued}
