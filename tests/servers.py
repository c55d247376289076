"""Helpers that start real servers on 127.0.0.1 for the tests and stop them afterwards."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

ADMIN = {"Authorization": "Bearer adm"}  # the admin key the server tests start rolqa with


CHROMIUM = Path("/usr/bin/chromium")


def require_chromium() -> Path:
    """Debian's chromium, or a loud failure saying how to get it: a browser test missing its browser is
    a failure, not a silent skip. ROLQA_TESTS_WITHOUT_BROWSER=1 skips them on purpose (and says so)."""
    import os

    if CHROMIUM.exists():
        return CHROMIUM
    if os.environ.get("ROLQA_TESTS_WITHOUT_BROWSER") == "1":
        pytest.skip("ROLQA_TESTS_WITHOUT_BROWSER=1: browser tests skipped on request")
    pytest.fail("the browser tests need Debian's chromium at /usr/bin/chromium and a CJK font: "
                "apt-get install chromium fonts-wqy-microhei (as .ci/run does), "
                "or set ROLQA_TESTS_WITHOUT_BROWSER=1 to skip them on purpose", pytrace=False)


def chroma_cli() -> str:
    """The `chroma` command beside this Python (the chromadb package installs it)."""
    found = Path(sys.executable).with_name("chroma")
    return str(found) if found.exists() else (shutil.which("chroma") or pytest.skip("chroma CLI not installed"))


def wait_for_job(http: httpx.Client, url: str, timeout: float = 300) -> dict:
    """Poll an ingest job until it is done or failed."""
    deadline = time.monotonic() + timeout
    while (job := http.get(url, headers=ADMIN).json())["status"] in ("queued", "running"):
        assert time.monotonic() < deadline, job
        time.sleep(0.5)
    return job


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(cmd: list[str], health_url: str, timeout: float = 60.0, env: dict | None = None,
            cwd: Path | None = None, log: Path | None = None):
    """Start `cmd`, wait until `health_url` answers below 500, yield the process, then stop it.

    Output goes to a log file (never an unread pipe, which a chatty server would fill and block on);
    its tail is shown if the server exits or does not answer in time.
    """
    log = log or Path(tempfile.mkstemp(prefix="server-", suffix=".log")[1])
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd)
    try:
        wait_until_up(proc, health_url, timeout, log)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def wait_until_up(proc: subprocess.Popen, url: str, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited early: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(url, timeout=2.0).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{proc.args[0]} did not answer at {url}: {log.read_text(errors='replace')[-2000:]}")
        time.sleep(0.3)
