"""One stored upload indexed: in the server's process, or as the low-priority child the server starts.

    python -m index.upload    (reads {"settings", "path", "source"} as JSON on stdin, prints the result)

The child needs the indexer only, so it imports nothing of `assistant` (the
service imports this module, not the other way round). It lowers its own CPU
priority first thing in `main`: the parent starts it with `start_new_session`,
never with a `preexec_fn`, which is unsafe in a threaded server (the child may
deadlock before exec). The parent's side (start, memory watch, errors) is
assistant/ingest_process.py.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .config import Settings
from .errors import RolqaError, TooLarge, UnsupportedFile
from .locks import writer_lock
from .pipeline import ingest_file

LOWEST_PRIORITY = 19  # nice value of the child: the scheduler gives questions the CPU first


def index_upload(index, path: Path, source: str) -> dict:
    """Index an upload stored under $ROLQA_HOME/uploads through the same atomic ingest as `rolqa ingest`;
    a file that cannot be indexed (or changed nothing) is deleted again, a failure raised as
    UnsupportedFile (TooLarge for a file over the limits)."""
    with writer_lock(index.settings):
        result = ingest_file(index, path, source=source)
    if result.status in ("failed", "unchanged"):
        path.unlink(missing_ok=True)
    if result.status == "failed":
        raise (TooLarge if result.error == "TooLarge" else UnsupportedFile)(f"{source}:{result.reason}")
    return dict(result.__dict__)


def main() -> None:
    """The child: lower its priority, index the upload it is given, print the result (or error) as JSON."""
    from .store import Index

    os.nice(LOWEST_PRIORITY)
    request = json.loads(sys.stdin.read())
    settings = Settings(**{**request["settings"], "home": Path(request["settings"]["home"])})
    try:
        result = index_upload(Index(settings), Path(request["path"]), request["source"])
        print(json.dumps({"result": result}, ensure_ascii=False, default=str))
    except RolqaError as exc:
        print(json.dumps({"error": {"type": exc.type, "message": exc.message}}, ensure_ascii=False))


if __name__ == "__main__":
    main()
