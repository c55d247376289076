"""The page's key prompt: a login form at /login that turns a valid API key into a signed session cookie.

Why a cookie: a browser cannot add `Authorization` to the page's own requests
(its HTML, scripts, and Gradio's calls), so the key is asked once and the page
then carries `rolqa_session`. The cookie holds no key, only an expiry and an
HMAC of it under a secret derived from the configured keys: rotating the keys
ends every session. Portals embedding /embed in an iframe send the key header
from their reverse proxy instead (see README), because third-party iframes do
not get first-party cookies.
"""
from __future__ import annotations

import hashlib
import hmac
import time
from html import escape
from urllib.parse import parse_qs

from index.config import Settings, split_list
from index.errors import RolqaError, TooManyRequests

from .access import check_reader
from .limits import KeyAttempts, client_of, slow_down

COOKIE = "rolqa_session"
SESSION_SECONDS = 12 * 3600
LOGIN_PATH = "/login"
MAX_FORM_BYTES = 4096


def _secret(settings: Settings) -> bytes:
    keys = sorted(split_list(settings.api_keys) + split_list(settings.admin_keys))
    return hashlib.sha256(("rolqa-session\n" + "\n".join(keys)).encode()).digest()


def make_session(settings: Settings, now: float | None = None) -> str:
    expires = str(int((now or time.time()) + SESSION_SECONDS))
    return f"{expires}.{hmac.new(_secret(settings), expires.encode(), hashlib.sha256).hexdigest()}"


def valid_session(settings: Settings, value: str | None) -> bool:
    expires, _, signature = (value or "").partition(".")
    if not expires.isdigit() or int(expires) < time.time():
        return False
    expected = hmac.new(_secret(settings), expires.encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(signature.encode(), expected.encode())


def cookie_value(headers: dict[str, str]) -> str | None:
    for part in headers.get("cookie", "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == COOKIE:
            return value
    return None


def safe_next(target: str | None) -> str:
    """Only a path of this site may follow the login: no "//evil.example" (another site), and no
    control character or space anywhere (browsers drop a tab: "/\t/evil.example" is "//evil.example";
    a newline would split the Location header)."""
    target = target or "/"
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7f for ch in target):
        return "/"
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


def login_page(root: str, target: str, failed: bool = False) -> bytes:
    note = '<p class="bad">密钥无效,请重新输入。</p>' if failed else ""
    return f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>请输入访问密钥</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:sans-serif;max-width:28rem;margin:12vh auto;padding:0 1rem}}
input{{width:100%;padding:.5rem;margin:.5rem 0;box-sizing:border-box}}.bad{{color:#b00}}</style></head>
<body><h1>法治政府建设年度报告问答</h1><p>此服务需要访问密钥。</p>{note}
<form method="post" action="{escape(root)}{LOGIN_PATH}"><input type="hidden" name="next" value="{escape(target)}">
<label>访问密钥 <input type="password" name="key" autofocus required></label>
<button type="submit">进入</button></form></body></html>""".encode()


def too_many_page(wait: int) -> bytes:
    return (f"<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>请稍后再试</title></head>"
            f"<body><p>输入错误的密钥次数过多,请 {wait} 秒后再试。</p></body></html>").encode()


async def read_form(receive) -> dict[str, str]:
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if len(body) > MAX_FORM_BYTES or not message.get("more_body"):
            break
    fields = parse_qs(body[:MAX_FORM_BYTES].decode("utf-8", "replace"))
    return {k: v[0] for k, v in fields.items()}


async def send_html(send, status: int, body: bytes, extra: list | None = None) -> None:
    headers = [(b"content-type", b"text/html; charset=utf-8"), (b"cache-control", b"no-store"), *(extra or [])]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def handle_login(scope, receive, send, settings: Settings, attempts: KeyAttempts) -> None:
    """GET shows the form; POST checks the key, sets the cookie and goes on to `next`. The try is
    reserved before the form is read, so concurrent wrong keys count at once; past the limit every
    key from that client gets 429 for a while (limits.KeyAttempts)."""
    root = scope.get("root_path", "").rstrip("/")
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    if scope.get("method") != "POST":
        return await send_html(send, 200, login_page(root, safe_next(query.get("next", ["/"])[0])))
    client = client_of(scope)
    try:
        attempts.reserve(client)
    except TooManyRequests as exc:
        await slow_down(exc)
        return await send_html(send, 429, too_many_page(exc.retry_after), [(b"retry-after", str(exc.retry_after).encode())])
    ok = False
    try:
        form = await read_form(receive)
        target = safe_next(form.get("next"))
        try:
            check_reader(settings, form.get("key", "").strip() or None)
            ok = True
        except RolqaError:
            return await send_html(send, 401, login_page(root, target, failed=True))
    finally:
        attempts.settle(client, ok)
    secure = "; Secure" if scope.get("scheme") == "https" else ""
    cookie = f"{COOKIE}={make_session(settings)}; Path={root or '/'}; Max-Age={SESSION_SECONDS}; HttpOnly; SameSite=Lax{secure}"
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", (root + target).encode()), (b"set-cookie", cookie.encode()),
                            (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": b""})
