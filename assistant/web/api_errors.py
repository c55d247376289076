"""Every API failure as `{"error": {"type", "message"}}` with a fitting status, never a traceback.

RolqaErrors carry their own status; FastAPI's validation errors become 400
(unparsable JSON) or 422 (well-formed JSON of the wrong shape); other HTTP
errors keep their status; anything unexpected is a 500 with no internals.
`type` stays a stable English code; `message` is Chinese, also for pydantic's
and Starlette's own errors, whose English text is replaced here.
"""
from __future__ import annotations

import logging
import sqlite3

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from index.errors import RolqaError, storage_problem

log = logging.getLogger("rolqa.api")
MAX_MESSAGE = 500


class MethodNotAllowed(RolqaError):
    """A known route called with the wrong method (GET /api/ask): 405 with an Allow header."""

    http_status = 405

    def __init__(self, message: str, allow: str):
        super().__init__(message)
        self.allow = allow


def error_dict(exc: RolqaError) -> dict:
    return {"error": {"type": exc.type, "message": exc.message}}


def error_response(status: int, kind: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": {"type": kind, "message": message[:MAX_MESSAGE]}}, status, headers=headers)


# pydantic's error types, said in Chinese; others fall back to a general "wrong value".
VALIDATION_WORDS = {
    "missing": "缺少这一项", "extra_forbidden": "不认识这一项(拼写错误?)", "string_type": "应为字符串",
    "int_type": "应为整数", "int_parsing": "应为整数", "int_from_float": "应为整数", "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false", "list_type": "应为列表(JSON 数组)", "literal_error": "取值不在允许的范围内",
    "model_attributes_type": "应为 JSON 对象", "dict_type": "应为 JSON 对象", "float_type": "应为数字",
    "float_parsing": "应为数字", "string_too_long": "太长", "too_long": "太长", "enum": "取值不在允许的范围内",
}


def validation_message(errors: list[dict]) -> str:
    """`body.filters.years.0:应为整数;…`, one line: where in the request, and what is wrong there."""
    parts = []
    for err in errors[:5]:
        where = ".".join(str(x) for x in err.get("loc", ()))
        said = VALIDATION_WORDS.get(err.get("type", ""), "取值无效")
        parts.append(f"{where}:{said}" if where else said)
    return ";".join(parts) or "请求无效"


async def on_rolqa_error(request: Request, exc: RolqaError) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if exc.http_status == 401 else None
    if isinstance(exc, MethodNotAllowed):
        headers = {"Allow": exc.allow}
    if getattr(exc, "retry_after", 0):  # QuotaExceeded, TooManyRequests
        headers = {"Retry-After": str(exc.retry_after)}
    return error_response(exc.http_status, exc.type, exc.message, headers)


async def on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = list(exc.errors())
    if any(err.get("type") == "json_invalid" for err in errors):
        return error_response(400, "BadJSON", "请求内容不是有效的 JSON")
    return error_response(422, "ValidationError", validation_message(errors))


async def on_http_error(request: Request, exc: HTTPException) -> JSONResponse:
    kind = {404: "NotFound", 405: "MethodNotAllowed"}.get(exc.status_code, "HTTPError")
    said = {404: "没有这个地址", 405: "这个地址不接受这种请求方法"}.get(exc.status_code, f"请求失败(HTTP {exc.status_code})")
    return error_response(exc.status_code, kind, said, getattr(exc, "headers", None))


def _storage(request: Request, exc: Exception) -> RolqaError | None:
    return storage_problem(exc, request.app.state.assistant.settings.home)


async def on_storage_error(request: Request, exc: Exception) -> JSONResponse:
    """An OS or SQLite failure: on a full disk 507, on an unusable home 503, one log line and no
    traceback; anything else is unexpected."""
    problem = _storage(request, exc)
    if problem is None:
        return await on_unexpected(request, exc)
    log.warning("%s %s: %s (%s)", request.method, request.url.path, problem.type, str(exc)[:200])
    return error_response(problem.http_status, problem.type, problem.message)


async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    problem = _storage(request, exc)  # a store's own error type (Chroma's) on a full disk
    if problem is not None:
        return error_response(problem.http_status, problem.type, problem.message)
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(500, "InternalError", "服务器内部错误,详见服务日志")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RolqaError, on_rolqa_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(OSError, on_storage_error)  # handled here, not re-raised: no traceback
    app.add_exception_handler(sqlite3.Error, on_storage_error)
    app.add_exception_handler(Exception, on_unexpected)
