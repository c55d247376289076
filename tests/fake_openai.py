"""A scripted OpenAI-compatible chat endpoint on 127.0.0.1, for testing LLM mode through the real client.

It speaks POST /v1/chat/completions both ways (a JSON completion, or SSE
`data: {...}` chunks ending with `data: [DONE]`), can fail with any HTTP status
or hang, and records every request. A test sets `script`: a function from the
request body to a `Reply`; helpers read the prompt the client sent (which [n]
block holds which paragraph) so replies can cite realistically.
"""
from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    content: str = ""
    status: int = 200
    hang: float = 0.0  # seconds to wait before answering (ended early when the server stops)
    pause: float = 0.0  # seconds between streamed chunks
    chunk: int = 6  # characters per streamed chunk
    headers: dict = field(default_factory=dict)


def prompt_of(body: dict) -> str:
    return "\n".join(str(m.get("content", "")) for m in body.get("messages", []))


def blocks_of(body: dict) -> dict[int, str]:
    """Evidence blocks of an answer prompt: number → the block's text (header and paragraph)."""
    parts = re.split(r"(?m)^\[(\d+)\]$", prompt_of(body))
    return {int(parts[i]): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def block_with(body: dict, needle: str) -> int:
    """The number of the evidence block that contains `needle` (the test fails loudly if none does)."""
    found = [n for n, text in blocks_of(body).items() if needle in text]
    assert found, f"no evidence block contains {needle!r}; blocks: {list(blocks_of(body))}"
    return found[0]


def is_rewrite(body: dict) -> bool:
    return "追问" in prompt_of(body)


def _chunk(content: str | None, finish: str | None = None) -> bytes:
    delta = {} if content is None else {"role": "assistant", "content": content}
    data = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": "fake", "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return f"data: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


def _completion(content: str) -> dict:
    return {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": "fake",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def do_POST(self):
        fake: FakeOpenAI = self.server.fake
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        fake.requests.append(body)
        fake.headers.append({k.lower(): v for k, v in self.headers.items()})
        try:
            reply = fake.script(body) if self.path.endswith("/chat/completions") else Reply(status=404)
        except Exception as exc:  # a script bug: the test sees it in fake.errors, the client a 500
            fake.errors.append(f"{type(exc).__name__}: {exc}")
            reply = Reply(status=500)
        if reply.hang:
            fake.stopping.wait(reply.hang)
        try:
            self._send(reply, body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (its timeout): fine
            pass

    def _send(self, reply: Reply, body: dict) -> None:
        if reply.status != 200:
            return self._json(reply.status, {"error": {"message": f"scripted {reply.status}", "type": "fake"}},
                              reply.headers)
        if not body.get("stream"):
            return self._json(200, _completion(reply.content), reply.headers)
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        for i in range(0, len(reply.content), reply.chunk):
            self.wfile.write(_chunk(reply.content[i:i + reply.chunk]))
            self.wfile.flush()
            time.sleep(reply.pause)
        self.wfile.write(_chunk(None, "stop") + b"data: [DONE]\n\n")

    def _json(self, status: int, data: dict, headers: dict) -> None:
        raw = json.dumps(data, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(raw)


class FakeOpenAI:
    """Start with `with FakeOpenAI() as fake:`; `fake.url` is the base URL (…/v1)."""

    def __init__(self):
        self.requests: list[dict] = []
        self.headers: list[dict] = []  # request headers, lower-case names, in step with `requests`
        self.errors: list[str] = []  # exceptions raised by the script
        self.script = lambda body: Reply("报告中未找到。")
        self.stopping = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.fake = self
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> "FakeOpenAI":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()

    def answer_requests(self) -> list[dict]:
        return [b for b in self.requests if not is_rewrite(b)]
