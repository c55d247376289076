"""Helpers that start real servers on 127.0.0.1 for the tests and stop them afterwards."""
from __future__ import annotations

import socket
import subprocess
import time
from contextlib import contextmanager

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(cmd: list[str], health_url: str, timeout: float = 60.0, env: dict | None = None):
    """Start `cmd`, wait until `health_url` answers, yield the process, then terminate it."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited early: {proc.stderr.read().decode()[-2000:]}")
            try:
                if httpx.get(health_url, timeout=1.0).status_code < 500:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{cmd[0]} did not answer at {health_url}")
            time.sleep(0.2)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
