"""The memory bound of an ingest in this process: `rolqa ingest` stops past ingest_memory_mb, as an
upload's indexing process is stopped (ingest_process.py).

Why: a file whose parsing takes gigabytes (a zip bomb the checks before parsing did not catch, a PDF
built to blow up) must not take the machine with it. A parser deep in C cannot be interrupted, so the
bound ends the process, saying why in Chinese; ingest is atomic per report, so every report committed
before stays whole, and the next ingest sweeps what the stopped one left half written.
"""
from __future__ import annotations

import os
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

POLL_S = 0.2  # how often the resident memory is read; a bomb grows by at most ~100 MB meanwhile (chosen)
EXIT_CODE = 2  # as TooLarge, the error an upload gets for the same reason


def resident_mb(pid: int | str = "self") -> float:
    """Resident memory of a process (Linux /proc), 0 when it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


@contextmanager
def memory_bound(limit_mb: int, doing: str = "导入"):
    """Within the block, past `limit_mb` of resident memory the process says so on stderr and exits."""
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(POLL_S):
            used = resident_mb()
            if used > limit_mb:
                sys.stderr.write(f"错误:{doing}时内存超过上限({used:,.0f} MB > {limit_mb} MB,ingest_memory_mb),"
                                 "可能是压缩炸弹或过大的文件;已停止。此前导入完成的报告都已完整保存。\n")
                sys.stderr.flush()
                os._exit(EXIT_CODE)

    watcher = threading.Thread(target=watch, name="rolqa-memory-bound", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        stop.set()
