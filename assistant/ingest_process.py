"""An upload indexed in a child process at the lowest CPU priority, watched for memory.

Why: indexing computes on the two cores that answering needs (decoding, cleaning, the embedding
model, BM25 terms), and done in a thread of the server it shared that process's interpreter and
its one embedding engine: a 900-chunk upload made questions wait minutes. A child process at
nice 19 with its own engine leaves the CPU to the questions whenever they want it (the operating
system's scheduler does the preempting) and takes what is left. It writes through the same
atomic ingest as `rolqa ingest`, which the server already reads as another process's writes.
A file that would take more memory than `ingest_memory_mb` (a .docx zip bomb) ends only the
child, and its job fails at once with a reason.

The child is `python -m index.upload` (it imports the indexer, never this service); it sets its own
priority, so it is started with `start_new_session` rather than a `preexec_fn`.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from index import errors
from index.config import Settings
from index.errors import RolqaError, TooLarge

from .memory_watch import resident_mb


def run(settings: Settings, path: Path, source: str) -> dict:
    """Index one stored upload in a child process; its result, or its error raised here."""
    request = json.dumps({"settings": {**asdict(settings), "home": str(settings.home)}, "path": str(path),
                          "source": source}, ensure_ascii=False)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:  # a file: a pipe could fill and stall the child
        child = subprocess.Popen([sys.executable, "-m", "index.upload"], stdin=subprocess.PIPE,
                                 stdout=out, stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
                                 start_new_session=True)
        child.stdin.write(request)
        child.stdin.close()
        while child.poll() is None:
            if resident_mb(child.pid) > settings.ingest_memory_mb:
                child.kill()
                child.wait()
                raise TooLarge(f"{source}:处理这个文件需要的内存超过上限({settings.ingest_memory_mb} MB),"
                               "可能是压缩炸弹或过大的文件;已停止处理")
            time.sleep(settings.ingest_poll_s)
        out.seek(0)
        out = out.read()
    try:
        reply = json.loads(out.strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise RolqaError(f"{source}:索引进程意外退出(代码 {child.returncode}),详见服务日志") from None
    if "error" in reply:
        kind = getattr(errors, reply["error"]["type"], RolqaError)
        raise (kind if isinstance(kind, type) and issubclass(kind, RolqaError) else RolqaError)(reply["error"]["message"])
    return reply["result"]
