"""Pure ASGI middlewares in front of the whole server: the API key gate and the framing headers.

The key gate runs before any request body is read, so an unauthenticated
client cannot make the server parse (or spool to disk) a JSON body or an
upload. Both are plain ASGI so server-sent events and Gradio's own streams
pass through untouched.
"""
from __future__ import annotations

import json

from index.config import Settings, split_list
from index.errors import RolqaError

from .access import bearer_token, check_reader

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
    await send({"type": "http.response.start", "status": exc.http_status, "headers": headers})
    await send({"type": "http.response.body", "body": error_body(exc)})


class ApiKeyGate:
    """Every /api call needs a valid bearer key when ROLQA_API_KEYS is set (401 JSON otherwise)."""

    def __init__(self, app, settings: Settings):
        self.app, self.settings = app, settings

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope.get("method") != "OPTIONS":
            path = local_path(scope)
            if (path == API_PREFIX or path.startswith(API_PREFIX + "/")) and path not in OPEN_PATHS \
                    and not path.startswith(OPEN_PREFIXES):
                headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
                try:
                    check_reader(self.settings, bearer_token(headers.get("authorization")))
                except RolqaError as exc:
                    return await send_json_error(send, exc)
        await self.app(scope, receive, send)


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
