"""Every API failure as `{"error": {"type", "message"}}` with a fitting status, never a traceback.

RolqaErrors carry their own status; FastAPI's validation errors become 400
(unparsable JSON) or 422 (well-formed JSON of the wrong shape); other HTTP
errors keep their status; anything unexpected is a 500 with no internals.
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from index.errors import RolqaError

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


def validation_message(errors: list[dict]) -> str:
    """`body.filters.years.0: Input should be a valid integer; …`, one line."""
    parts = []
    for err in errors[:5]:
        where = ".".join(str(x) for x in err.get("loc", ()))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else err.get("msg", "invalid"))
    return "; ".join(parts) or "invalid request"


async def on_rolqa_error(request: Request, exc: RolqaError) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if exc.http_status == 401 else None
    if isinstance(exc, MethodNotAllowed):
        headers = {"Allow": exc.allow}
    return error_response(exc.http_status, exc.type, exc.message, headers)


async def on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = list(exc.errors())
    if any(err.get("type") == "json_invalid" for err in errors):
        return error_response(400, "BadJSON", "the request body is not valid JSON")
    return error_response(422, "ValidationError", validation_message(errors))


async def on_http_error(request: Request, exc: HTTPException) -> JSONResponse:
    kind = {404: "NotFound", 405: "MethodNotAllowed"}.get(exc.status_code, "HTTPError")
    return error_response(exc.status_code, kind, str(exc.detail), getattr(exc, "headers", None))


async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(500, "InternalError", "internal error; see the server log")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RolqaError, on_rolqa_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(Exception, on_unexpected)
