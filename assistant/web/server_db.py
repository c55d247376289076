"""The server's own records in $ROLQA_HOME/server.sqlite3: ingest jobs and upload usage.

Why a file of its own rather than the catalog: the catalog is the index's commit
point and `index` knows nothing of servers, while jobs and quotas belong to the
doors. Both must outlive a restart, and several `rolqa serve` processes on one
home share them: SQLite's file locking serialises their writes, and a check
followed by a write (a quota, claiming a job) runs in one IMMEDIATE transaction.
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager

from index.catalog import use_wal
from index.config import Settings

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
  job_id TEXT PRIMARY KEY, kind TEXT NOT NULL, source TEXT NOT NULL, status TEXT NOT NULL,
  path TEXT, owner TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  created REAL NOT NULL, started REAL, finished REAL,
  result TEXT, error_type TEXT, error_message TEXT);
CREATE INDEX IF NOT EXISTS jobs_status ON jobs(status);
CREATE TABLE IF NOT EXISTS upload_usage (client TEXT NOT NULL, at REAL NOT NULL, bytes INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS upload_usage_client ON upload_usage(client, at);
"""  # CREATE ... IF NOT EXISTS is the migration, as in the catalog

_prepared: set[str] = set()  # database files whose schema this process has created


def _open(settings: Settings) -> sqlite3.Connection:
    settings.home.mkdir(parents=True, exist_ok=True)
    path = settings.server_db_path
    fresh = not path.exists()
    conn = sqlite3.connect(str(path), timeout=30, isolation_level=None)  # transactions are explicit below
    conn.row_factory = sqlite3.Row
    if fresh or str(path) not in _prepared:
        use_wal(conn)  # retried: two servers starting at once may race to create the file
        conn.executescript(SCHEMA)
        _prepared.add(str(path))
    return conn


@contextmanager
def transaction(settings: Settings, immediate: bool = False):
    """A connection inside one transaction, committed on success and rolled back on any error.

    `immediate` takes the write lock at once: use it when a read decides a write
    (two servers must not both pass a quota check or claim the same job).
    """
    conn = _open(settings)
    try:
        conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
