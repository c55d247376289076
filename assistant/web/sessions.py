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

from .access import check_reader

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


class LoginAttempts:
    """Failed key attempts per client: past MAX_FAILURES in WINDOW_S seconds the form answers 429 until
    the window has passed (200 wrong keys in 3 s are a guess, not a typo)."""

    MAX_FAILURES, WINDOW_S = 10, 60.0

    def __init__(self):
        self._failures: dict[str, list[float]] = {}

    def blocked(self, client: str, now: float | None = None) -> float:
        """Seconds until this client may try again (0: it may)."""
        now = now or time.time()
        recent = [t for t in self._failures.get(client, []) if t > now - self.WINDOW_S]
        self._failures[client] = recent
        return (recent[0] + self.WINDOW_S - now) if len(recent) >= self.MAX_FAILURES else 0.0

    def failed(self, client: str, now: float | None = None) -> None:
        self._failures.setdefault(client, []).append(now or time.time())
        if len(self._failures) > 10_000:  # bounded: the oldest clients go first
            self._failures.pop(next(iter(self._failures)))


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


def too_many_page(wait: float) -> bytes:
    return (f"<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>请稍后再试</title></head>"
            f"<body><p>输入错误的密钥次数过多,请 {int(wait) + 1} 秒后再试。</p></body></html>").encode()


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


async def handle_login(scope, receive, send, settings: Settings, attempts: LoginAttempts) -> None:
    """GET shows the form; POST checks the key, sets the cookie and goes on to `next`; too many wrong
    keys from one client get 429 for a while."""
    root = scope.get("root_path", "").rstrip("/")
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    if scope.get("method") != "POST":
        return await send_html(send, 200, login_page(root, safe_next(query.get("next", ["/"])[0])))
    client = (scope.get("client") or ("?",))[0]
    wait = attempts.blocked(client)
    if wait:
        return await send_html(send, 429, too_many_page(wait), [(b"retry-after", str(int(wait) + 1).encode())])
    form = await read_form(receive)
    target = safe_next(form.get("next"))
    try:
        check_reader(settings, form.get("key", "").strip() or None)
    except Exception:
        attempts.failed(client)
        return await send_html(send, 401, login_page(root, target, failed=True))
    secure = "; Secure" if scope.get("scheme") == "https" else ""
    cookie = f"{COOKIE}={make_session(settings)}; Path={root or '/'}; Max-Age={SESSION_SECONDS}; HttpOnly; SameSite=Lax{secure}"
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", (root + target).encode()), (b"set-cookie", cookie.encode()),
                            (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": b""})
