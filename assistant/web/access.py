"""Who may read and who may write: the key checks shared by the HTTP API and the admin part of the page.

Keys come from settings (ROLQA_API_KEYS, ROLQA_ADMIN_KEYS, comma-separated).
Reading is open when no API keys are set; writing (upload, delete) is closed
when no admin keys are set, so a fresh install exposes nothing it can change.
"""
from __future__ import annotations

import hmac

from index.config import Settings, split_list
from index.errors import Forbidden, Unauthorized, read_only_refusal


def bearer_token(authorization: str | None) -> str | None:
    """The key from an `Authorization: Bearer <key>` header, or None."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def _matches(token: str | None, keys: list[str]) -> bool:
    """Constant-time comparison against every key, so timing does not reveal a key's prefix."""
    if not token:
        return False
    return any(hmac.compare_digest(token.encode(), key.encode()) for key in keys)


def writing_enabled(settings: Settings) -> bool:
    """Admin keys are set, and the server did not start read-only (a full disk)."""
    return bool(split_list(settings.admin_keys)) and not settings.read_only


def check_reader(settings: Settings, token: str | None) -> None:
    """Raise Unauthorized unless reading is open or the token is an API (or admin) key."""
    api_keys = split_list(settings.api_keys)
    if not api_keys:
        return
    if not _matches(token, api_keys + split_list(settings.admin_keys)):
        raise Unauthorized("需要有效的访问密钥:请发送 'Authorization: Bearer <密钥>'")


def check_admin(settings: Settings, token: str | None) -> None:
    """Raise Forbidden when writing is disabled or the key is wrong, Unauthorized when none was given."""
    admin_keys = split_list(settings.admin_keys)
    if admin_keys and settings.read_only:
        raise read_only_refusal()
    if not admin_keys:
        raise Forbidden("上传和删除报告未开启:没有设置管理员密钥(ROLQA_ADMIN_KEYS)")
    if not token:
        raise Unauthorized("需要管理员密钥:请发送 'Authorization: Bearer <管理员密钥>'")
    if not _matches(token, admin_keys):
        raise Forbidden("这个密钥不能上传或删除报告")
