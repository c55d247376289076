"""Accepting an upload: the sender's daily quota, then the multipart body with the size limit
applied before and while reading.

The route reads the form itself (rather than declaring an UploadFile parameter)
so the admin check runs first, a sender without quota left and an oversized
request are refused before the body is parsed. `accept_upload` is the one
place every upload (the API's and the page's admin upload) passes.
"""
from __future__ import annotations

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from index.config import Settings
from index.errors import BadInput, TooLarge

from . import quota
from .access import bearer_token
from .uploads import check_upload

FORM_OVERHEAD = 64 * 1024  # multipart boundaries and part headers around the file
CHUNK = 1024 * 1024

UPLOAD_OPENAPI = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"],
    "properties": {"file": {"type": "string", "format": "binary",
                            "description": ".txt .md .html .htm .pdf .docx"}}}}}}}


def limit_bytes(settings: Settings) -> int:
    return settings.upload_max_mb * 1024 * 1024


def check_content_length(request: Request, settings: Settings) -> None:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit_bytes(settings) + FORM_OVERHEAD:
        raise TooLarge(f"上传内容太大(最多 {settings.upload_max_mb} MB)")


async def read_limited(upload: UploadFile, settings: Settings) -> bytes:
    """The file's bytes, stopping with TooLarge as soon as they pass the limit."""
    data, limit = bytearray(), limit_bytes(settings)
    while chunk := await upload.read(CHUNK):
        data += chunk
        if len(data) > limit:
            raise TooLarge(f"文件太大(最多 {settings.upload_max_mb} MB)")
    return bytes(data)


async def read_upload(request: Request, settings: Settings) -> tuple[str, bytes]:
    """(client file name, bytes) of the multipart field `file`, checked for size and type."""
    check_content_length(request, settings)
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise BadInput("请以 multipart/form-data 上传,文件放在字段 'file' 中")
    try:
        form = await request.form(max_files=1, max_fields=5)
    except Exception:  # starlette's MultiPartException and parser errors: a malformed body
        raise BadInput("无法读取上传的 multipart 内容")
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise BadInput("没有文件:请把报告放在 multipart 字段 'file' 中")
    check_upload(settings, upload.filename, upload.size or 1)  # type and declared size before reading
    try:
        return upload.filename or "", await read_limited(upload, settings)
    finally:
        await form.close()


async def accept_upload(request: Request, settings: Settings) -> tuple[str, bytes]:
    """(client file name, bytes) of an upload that passed every check: quota, size and type.

    The quota is checked before the body is read (nothing left today: refused at
    once) and charged with the real size after (QuotaExceeded, HTTP 429).
    """
    client = quota.client_of(bearer_token(request.headers.get("authorization")),
                             request.client.host if request.client else None)
    await run_in_threadpool(quota.charge, settings, client, 0)
    filename, data = await read_upload(request, settings)
    await run_in_threadpool(quota.charge, settings, client, len(data))
    return filename, data
