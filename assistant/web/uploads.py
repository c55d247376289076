"""Where uploaded report files land: $ROLQA_HOME/uploads/<random name><suffix>.

The client's file name never chooses a path (a name like ../../x cannot escape
the folder); it survives only as the report's `source`, reduced to a plain
base name. Size and type are checked before anything is written.
"""
from __future__ import annotations

import re
import uuid
from pathlib import Path, PurePosixPath

from index.config import Settings
from index.errors import TooLarge, UnsupportedFile
from index.loaders import SUPPORTED_SUFFIXES

MAX_NAME_CHARS = 120
_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"|?*]")


def safe_source_name(filename: str | None) -> str:
    """A display-safe base name: no folders (either slash), no control characters, no leading dots."""
    name = PurePosixPath(str(filename or "").replace("\\", "/")).name
    name = _UNSAFE.sub("_", name).strip().lstrip(".").strip()
    if len(name) > MAX_NAME_CHARS:
        stem, dot, suffix = name.rpartition(".")
        name = stem[: MAX_NAME_CHARS - len(suffix) - 1] + dot + suffix if dot and len(suffix) <= 8 else name[:MAX_NAME_CHARS]
    return name


def check_upload(settings: Settings, filename: str | None, size: int) -> str:
    """The sanitised source name, or TooLarge / UnsupportedFile before any byte is stored."""
    limit = settings.upload_max_mb * 1024 * 1024
    if size > limit:
        raise TooLarge(f"文件太大({size / 1048576:.1f} MB;最多 {settings.upload_max_mb} MB)")
    source = safe_source_name(filename)
    suffix = PurePosixPath(source).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFile(f"不支持的文件类型 {suffix or '(没有扩展名)'};"
                              f"支持:{' '.join(SUPPORTED_SUFFIXES)}")
    if size == 0:
        raise UnsupportedFile("文件是空的")
    return source


def store_upload(settings: Settings, filename: str | None, data: bytes) -> tuple[Path, str]:
    """Write the bytes under a generated name; returns (stored path, sanitised source name)."""
    source = check_upload(settings, filename, len(data))
    folder = settings.uploads_path
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}{PurePosixPath(source).suffix.lower()}"
    path.write_bytes(data)
    return path, source
