"""How rolqa opens SQLite: WAL for readers that never wait, retried when two processes race to switch a
new file; read-only for a home on a full disk. Shared by the catalog and the server's session store."""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from .errors import HomeUnusable


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that writes nothing, for a home on a full disk: mode=ro reads the WAL a running
    server left behind; a checkpointed file (no WAL) needs immutable=1, as mode=ro would first create
    the WAL's index file, which a full disk cannot hold."""
    for mode in ("mode=ro", "immutable=1"):
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:
            conn.close()
    raise HomeUnusable(f"无法读取状态目录 {path.parent} 中的数据库(磁盘已满,也无法只读打开)")


def use_wal(conn: sqlite3.Connection, wait_s: float = 30.0) -> None:
    """Switch to WAL (readers never wait for a writer). Two processes opening a new home at the same
    moment can get "database is locked" here at once: SQLite does not call the busy handler for this
    switch, so it is retried for up to `wait_s`."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
