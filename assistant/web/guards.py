"""Pure ASGI middlewares in front of the whole server: the key gate and the framing headers.

The key gate runs before any request body is read, so an unauthenticated
client cannot make the server parse (or spool to disk) a JSON body or an
upload. Both are plain ASGI so server-sent events and Gradio's own streams
pass through untouched.
"""
from __future__ import annotations

import json

from index.config import Settings, split_list
from index.errors import BadInput, Forbidden, RolqaError, StorageFull, TooManyRequests, disk_full_at

from .access import bearer_token, check_reader
from .limits import Doors, client_of, slow_down
from .sessions import (LOGIN_PATH, cookie_value, handle_login, login_page, send_html, too_many_page,
                       valid_session)

API_PREFIX = "/api"
OPEN_PATHS = {"/api/docs", "/api/docs/oauth2-redirect", "/api/openapi.json"}  # no data in them
OPEN_PREFIXES = ("/api/docs-static/",)  # the Swagger UI's own scripts and styles
EMBED_PREFIX = "/embed"


def local_path(scope) -> str:
    """The request path without the --root-path prefix (uvicorn keeps it in `path`)."""
    path, root = scope.get("path", ""), scope.get("root_path", "")
    if root and path.startswith(root):
        return path[len(root):] or "/"
    return path


def error_body(exc: RolqaError) -> bytes:
    return json.dumps({"error": {"type": exc.type, "message": exc.message}}, ensure_ascii=False).encode()


async def send_json_error(send, exc: RolqaError) -> None:
    headers = [(b"content-type", b"application/json")]
    if exc.http_status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    if getattr(exc, "retry_after", 0):
        headers.append((b"retry-after", str(exc.retry_after).encode()))
    await send({"type": "http.response.start", "status": exc.http_status, "headers": headers})
    await send({"type": "http.response.body", "body": error_body(exc)})


def is_gradio_upload(path: str) -> bool:
    """Gradio's own file upload routes under any page mount: off, the page uploads through /api/reports."""
    return path.rstrip("/").endswith(("/gradio_api/upload", "/gradio_api/upload_progress",
                                      "/gradio_api/process_recording"))


def is_open(path: str) -> bool:
    return path in OPEN_PATHS or path.startswith(OPEN_PREFIXES)


def wants_page(scope, headers: dict[str, str]) -> bool:
    """A browser navigating to a page (answered with the key prompt) rather than a script or an API call."""
    path = local_path(scope)
    return scope.get("method") == "GET" and not path.startswith(API_PREFIX + "/") and path != API_PREFIX \
        and "text/html" in headers.get("accept", "")


class KeyGate:
    """The server's door, before any route or body is read.

    With ROLQA_API_KEYS set every route needs a key: `Authorization: Bearer <key>`
    (the API, and portals whose reverse proxy adds the header) or the session
    cookie from /login (people on the page). Without a key, a page gets the key
    prompt (401), everything else a 401 JSON error, a websocket a close.
    Gradio's upload routes are refused for everyone: the page's admin upload
    sends the file's bytes to POST /api/reports with the admin key. Wrong keys count per client on
    both ways in (form and Bearer, limits.KeyAttempts): past the limit every key gets 429 for a while.
    """

    def __init__(self, app, settings: Settings, doors: Doors):
        self.app, self.settings, self.doors = app, settings, doors
        self.keys_set = bool(split_list(settings.api_keys))

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        path = local_path(scope)
        if is_gradio_upload(path):
            return await send_json_error(send, Forbidden("页面不接受匿名上传;请用管理员密钥通过 POST /api/reports 上传报告"))
        if not self.keys_set or scope.get("method") == "OPTIONS" or is_open(path):
            return await self.app(scope, receive, send)
        if path == LOGIN_PATH and scope["type"] == "http":
            return await handle_login(scope, receive, send, self.settings, self.doors.keys)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        try:
            if not valid_session(self.settings, cookie_value(headers)):
                self.doors.keys.check(client_of(scope), bearer_token(headers.get("authorization")),
                                      lambda key: check_reader(self.settings, key))
        except RolqaError as exc:
            if scope["type"] == "websocket":
                return await send({"type": "websocket.close", "code": 1008})
            if isinstance(exc, TooManyRequests):
                await slow_down(exc)
                if wants_page(scope, headers):
                    return await send_html(send, 429, too_many_page(exc.retry_after),
                                           [(b"retry-after", str(exc.retry_after).encode())])
            if wants_page(scope, headers):
                query = scope.get("query_string", b"").decode("latin-1")
                target = path + (f"?{query}" if query else "")
                return await send_html(send, 401, login_page(scope.get("root_path", "").rstrip("/"), target))
            return await send_json_error(send, exc)
        await self.app(scope, receive, send)


QUESTION_PATHS = ("/api/ask", "/api/ask/stream", "/api/search")  # the API's doors that run a question


async def refuse_slowly(send, exc: TooManyRequests) -> None:
    """A 429 JSON error, sent after the pause of limits.slow_down."""
    await slow_down(exc)
    await send_json_error(send, exc)


class QuestionGate:
    """Per-client question limits on the API (limits.QuestionLimits): counted when the request arrives,
    before its body is read, and held until the answer (a stream too) has been sent."""

    def __init__(self, app, doors: Doors):
        self.app, self.limits = app, doors.questions

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or local_path(scope).rstrip("/") not in QUESTION_PATHS \
                or scope.get("method") not in ("GET", "POST"):
            return await self.app(scope, receive, send)
        client = client_of(scope)
        try:
            self.limits.enter(client)
        except TooManyRequests as exc:
            return await refuse_slowly(send, exc)
        try:
            await self.app(scope, receive, send)
        finally:
            self.limits.leave(client)


class GradioRequestErrors:
    """A request Gradio's own routes cannot handle (a junk body, an unknown fn_index) is a 400 JSON error.

    Gradio answers such bodies with a 500 or an exception that also reset the next
    request on the keep-alive connection; they are the client's mistake, not ours,
    and no internals go out. Responses that already started streaming pass untouched.
    """

    def __init__(self, app, settings: Settings):
        self.app, self.home = app, settings.home

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or "/gradio_api/" not in local_path(scope):
            return await self.app(scope, receive, send)
        state = {"started": False, "replaced": False}

        async def send_checked(message):
            if state["replaced"]:
                return
            if message["type"] == "http.response.start" and message["status"] >= 500:
                state["replaced"] = True
                return await self._refuse(send, state)
            state["started"] = state["started"] or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, send_checked)
        except Exception:  # noqa: BLE001 - a body Gradio choked on; a started response cannot be replaced
            if state["started"]:
                raise
            if not state["replaced"]:
                await self._refuse(send, state)

    async def _refuse(self, send, state) -> None:
        """The page's request failed: on a full disk that is why (507), else the request was bad (400)."""
        state["replaced"] = True
        full = disk_full_at(self.home)
        await send_json_error(send, StorageFull("服务器磁盘已满,页面请求没有完成;请联系管理员清理磁盘") if full
                              else BadInput("页面请求无效(请刷新页面后重试)"))


NOT_FOUND_PAGE = ('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>没有这个页面</title></head>'
                  '<body><p>没有这个页面。<a href="{root}/">回到问答页面</a></p></body></html>')


class ChineseNotFound:
    """An unknown path outside /api (Gradio answers those with English JSON, {"detail": "Not Found"}) is
    a Chinese 404: the key prompt's kind of page for a browser, the API's JSON error for a script."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        path = local_path(scope)
        if scope["type"] != "http" or path == API_PREFIX or path.startswith(API_PREFIX + "/"):
            return await self.app(scope, receive, send)
        state = {"replaced": False}

        async def send_checked(message):
            if message["type"] == "http.response.start" and message["status"] == 404:
                state["replaced"] = True
                return await self._refuse(scope, send, path)
            if not state["replaced"]:
                await send(message)

        await self.app(scope, receive, send_checked)

    @staticmethod
    async def _refuse(scope, send, path: str) -> None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if wants_page(scope, headers):
            root = scope.get("root_path", "").rstrip("/")
            return await send_html(send, 404, NOT_FOUND_PAGE.format(root=root).encode())
        from index.errors import NotFound

        await send_json_error(send, NotFound(f"没有这个地址:{path[:200]}"))


def frame_ancestors(settings: Settings) -> str:
    """'self' plus the configured portal origins (comma- or space-separated)."""
    extra = [o for item in split_list(settings.frame_ancestors) for o in item.split()]
    return " ".join(["'self'"] + [o for o in extra if o != "'self'"])


class FrameHeaders:
    """Who may put our pages in an iframe: /embed the configured portals, every other page only ourselves."""

    def __init__(self, app, settings: Settings):
        self.app = app
        self.embed_policy = f"frame-ancestors {frame_ancestors(settings)}".encode()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = local_path(scope)
        embed = path == EMBED_PREFIX or path.startswith(EMBED_PREFIX + "/")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() not in (b"x-frame-options", b"content-security-policy")]
                if embed:
                    headers.append((b"content-security-policy", self.embed_policy))
                else:
                    headers += [(b"content-security-policy", b"frame-ancestors 'self'"),
                                (b"x-frame-options", b"SAMEORIGIN")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
