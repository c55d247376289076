"""Per-client limits at the server's doors: questions (at once and per minute) and wrong keys.

Why: answering shares two cores and one embedding engine among everyone, so one
client sending questions as fast as it can (or pasting paragraphs) must get 429
while the others keep being answered; and a key is guessed one try at a time,
so every door that takes a key (the login form, `Authorization: Bearer`, the
page's admin key) counts wrong ones per client. Counts are taken under one lock
when a request arrives, before its body is read, so a burst of concurrent
requests cannot all pass a count that none has yet raised.

The client is the connection's address, which `ProxyHeadersMiddleware` (see
server.py) takes from X-Forwarded-For only when the connection comes from a
configured trusted proxy (setting `trusted_proxies`).
"""
from __future__ import annotations

import math
import os
import threading
import time
from collections import deque
from contextlib import contextmanager

from index.config import Settings
from index.errors import TooManyRequests

WINDOW_S = 60.0
MAX_CLIENTS = 10_000  # clients remembered at once; the longest idle go first (bounded memory)
BUSY_PER_CORE = 4  # questions in flight per CPU core above which answering counts as saturated (chosen)
# A question counts one per this many characters begun against its client's minute: answering a long one
# costs more (its analysis and keyword search read all of it). Chosen: the longest of the 1,339 eval
# questions has 57 characters, so every ordinary question counts one.
CHARS_PER_QUESTION = 100


SLOW_REFUSAL_S = 2.0  # the longest a refusal (429) is held before it is sent (chosen)


async def slow_down(exc: TooManyRequests) -> None:
    """Hold a 429 for its Retry-After (at most SLOW_REFUSAL_S) before it is sent: a client that asks
    again as soon as it is answered then asks about once a second, not hundreds of times (the refusals
    themselves took the CPU: 8 such clients got 800 a second). Waiting costs the server nothing."""
    import asyncio

    await asyncio.sleep(min(exc.retry_after or 1, SLOW_REFUSAL_S))


def client_of(scope_or_request) -> str:
    """The client's address of an ASGI scope, a Starlette request or a Gradio request ("?" if unknown)."""
    client = scope_or_request.get("client") if isinstance(scope_or_request, dict) else \
        getattr(scope_or_request, "client", None)
    host = client[0] if isinstance(client, (tuple, list)) else getattr(client, "host", None)
    return host or "?"


def _wait(first: float, now: float) -> int:
    return max(1, math.ceil(first + WINDOW_S - now))


class _Recent:
    """Times of events per client within the window, bounded in clients."""

    def __init__(self):
        self.times: dict[str, deque[float]] = {}

    def of(self, client: str, now: float) -> deque[float]:
        times = self.times.pop(client, None) or deque()
        while times and times[0] <= now - WINDOW_S:
            times.popleft()
        self.times[client] = times  # re-inserted: the dict's order is least recently seen first
        while len(self.times) > MAX_CLIENTS:
            self.times.pop(next(iter(self.times)))
        return times


class QuestionLimits:
    """At most `concurrent` questions in flight and `per_minute` in any 60 s per client (0: no limit)."""

    def __init__(self, concurrent: int, per_minute: int):
        self.concurrent, self.per_minute = concurrent, per_minute
        self._lock = threading.Lock()
        self._in_flight: dict[str, int] = {}
        self._asked = _Recent()
        self._refused: deque[float] = deque()

    def enter(self, client: str, now: float | None = None) -> None:
        """Admit one question of `client`, or raise TooManyRequests (429) saying how long to wait."""
        now = now or time.monotonic()
        with self._lock:
            asked = self._asked.of(client, now)
            if self.concurrent and self._in_flight.get(client, 0) >= self.concurrent:
                self._refused.append(now)
                raise TooManyRequests(f"同一客户端最多同时提 {self.concurrent} 个问题:请等上一个问题答完再问", 1)
            if self.per_minute and len(asked) >= self.per_minute:
                self._refused.append(now)
                raise TooManyRequests(f"提问太频繁:每个客户端每分钟最多 {self.per_minute} 个问题(长问题每 "
                                      f"{CHARS_PER_QUESTION} 字算一个),请 {_wait(asked[0], now)} 秒后再问",
                                      _wait(asked[0], now))
            asked.append(now)
            self._in_flight[client] = self._in_flight.get(client, 0) + 1

    def charge(self, client: str, chars: int, now: float | None = None) -> None:
        """Once an admitted question's length is known: a long one counts for more of the minute (one
        per CHARS_PER_QUESTION characters begun), so the client's next questions wait accordingly."""
        extra = -(-chars // CHARS_PER_QUESTION) - 1
        if extra > 0 and self.per_minute:
            now = now or time.monotonic()
            with self._lock:
                self._asked.of(client, now).extend([now] * extra)

    def leave(self, client: str) -> None:
        with self._lock:
            left = self._in_flight.get(client, 0) - 1
            if left > 0:
                self._in_flight[client] = left
            else:
                self._in_flight.pop(client, None)

    @contextmanager
    def slot(self, client: str):
        self.enter(client)
        try:
            yield
        finally:
            self.leave(client)

    def load(self, now: float | None = None) -> dict:
        """For /api/health: questions in flight, clients refused in the last minute, and whether
        answering is saturated (more in flight than the cores answer promptly, or someone refused)."""
        now = now or time.monotonic()
        with self._lock:
            while self._refused and self._refused[0] <= now - WINDOW_S:
                self._refused.popleft()
            in_flight, refused = sum(self._in_flight.values()), len(self._refused)
        busy_at = BUSY_PER_CORE * (os.cpu_count() or 1)
        return {"in_flight": in_flight, "refused_last_minute": refused,
                "saturated": in_flight >= busy_at or refused > 0}


class KeyAttempts:
    """Wrong keys per client on every door: past `limit` in 60 s, every key from that client gets 429
    until the window has passed, the right one too (300 guesses then the right key must not open it).
    A try is reserved before its key is checked, so concurrent guesses count at once."""

    def __init__(self, limit: int):
        self.limit = limit
        self._lock = threading.Lock()
        self._failed = _Recent()
        self._pending: dict[str, int] = {}

    def reserve(self, client: str, now: float | None = None) -> None:
        """Take one try for `client`, or raise TooManyRequests while it has used up its tries."""
        now = now or time.monotonic()
        with self._lock:
            failed = self._failed.of(client, now)
            if self.limit and len(failed) + self._pending.get(client, 0) >= self.limit:
                wait = _wait(failed[0], now) if failed else 1
                raise TooManyRequests(f"输入错误的密钥次数过多,请 {wait} 秒后再试", wait)
            self._pending[client] = self._pending.get(client, 0) + 1

    def settle(self, client: str, ok: bool, now: float | None = None) -> None:
        """End a reserved try: a wrong key counts against the client for the next minute."""
        now = now or time.monotonic()
        with self._lock:
            pending = self._pending.get(client, 0) - 1
            if pending > 0:
                self._pending[client] = pending
            else:
                self._pending.pop(client, None)
            if not ok:
                self._failed.of(client, now).append(now)

    def check(self, client: str, token: str | None, check) -> None:
        """Run `check(token)` (a key check of access.py) as one counted try; no key offered is no try."""
        if token is None:
            return check(token)
        self.reserve(client)
        ok = False
        try:
            check(token)
            ok = True
        finally:
            self.settle(client, ok)


class Doors:
    """The limits of one server, shared by the API, the key gate and the page."""

    def __init__(self, settings: Settings):
        self.questions = QuestionLimits(settings.ask_concurrent, settings.ask_per_minute)
        self.keys = KeyAttempts(settings.key_failures)
