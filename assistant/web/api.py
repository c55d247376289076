"""The portal's JSON API under /api: thin routes over the service, the answer contract of DESIGN.md.

Answering endpoints are plain `def`s (FastAPI runs them in its thread pool) or
hand their work to `run_in_threadpool`, so a slow answer never blocks the event
loop; uploads are indexed by the ingest worker (jobs.py), never in the request.
Errors become `{"error": {"type", "message"}}` in `api_errors.py`; the key gate
for every route lives in `guards.py`; admin keys are checked here per writing
route, before any upload body is read.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, StrictInt, StrictStr
from starlette.concurrency import run_in_threadpool

from index.errors import NotFound, RolqaError, read_only_refusal, storage_problem

from .api_errors import MethodNotAllowed

from .access import bearer_token, check_admin, writing_enabled
from .api_errors import error_dict
from .api_indicators import router as indicator_routes
from .api_review import router as review_routes
from .api_upload import UPLOAD_OPENAPI, accept_upload
from .limits import client_of
from ..service import Assistant


def get_service(request: Request) -> Assistant:
    return request.app.state.assistant


Service = Annotated[Assistant, Depends(get_service)]


def require_admin(request: Request, service: Service) -> None:
    """The admin key, as one counted try of this client (limits.KeyAttempts)."""
    request.app.state.doors.keys.check(client_of(request), bearer_token(request.headers.get("authorization")),
                                       lambda key: check_admin(service.settings, key))


class Turn(BaseModel):
    role: Literal["user", "assistant"]
    content: StrictStr


class Filters(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a misspelt filter must not silently widen the search
    report_ids: list[StrictStr] | None = None
    agencies: list[StrictStr] | None = None
    years: list[StrictInt] | None = None



class AskRequest(BaseModel):
    question: StrictStr
    history: list[Turn] | None = None
    filters: Filters | None = None
    mode: StrictStr | None = None

    def service_args(self) -> tuple:
        history = [t.model_dump() for t in self.history] if self.history else None
        return self.question, self.filters.model_dump() if self.filters else None, self.mode, history


router = APIRouter(prefix="/api")


def api_root() -> JSONResponse:
    """GET /api is no route of its own: a shaped 404 that says where the routes are."""
    return JSONResponse({"error": {"type": "NotFound", "message": "没有这个接口:/api;接口列表见 /api/docs"}},
                        status_code=404)


@router.get("/health")
def health(request: Request, service: Service):
    """Each dependency (catalog, vectors, embedder, LLM endpoint) with its state, 503 when one is down;
    `answering`: questions in flight and clients refused, `status` "busy" while answering is saturated;
    where uploads are enabled, how many ingest jobs run and wait (`indexing`, without file names)."""
    report = service.health()
    report["answering"] = request.app.state.doors.questions.load()
    if report["status"] == "ok" and report["answering"]["saturated"]:
        report["status"] = "busy"  # answering, but slowly or refusing someone: still 200
    report["uploads"] = writing_enabled(service.settings)
    if report["uploads"]:  # answering goes on while reports are indexed; this says what is being indexed
        from .job_records import activity
        try:
            report["indexing"] = activity(service.settings)
        except (OSError, sqlite3.Error) as exc:  # the server's records unreadable (a full disk): said, not a 500
            problem = storage_problem(exc, service.settings.home)
            if problem is None:
                raise
            report["indexing"] = {"ok": False, "error": problem.message}
            report["status"] = "degraded"
    return JSONResponse(report, status_code=503 if report["status"] == "degraded" else 200)


def charge(request: Request, question: str) -> None:
    """A long question counts for more of its client's per-minute share (limits.QuestionLimits.charge)."""
    request.app.state.doors.questions.charge(client_of(request), len(question))


@router.post("/ask")
def ask(body: AskRequest, request: Request, service: Service) -> dict:
    """One answer with verified citations (the answer contract)."""
    charge(request, body.question)
    service.audit(request.headers.get(service.settings.user_header), body.question)
    return service.ask(*body.service_args()).to_dict()


@router.post("/ask/stream")
async def ask_stream(body: AskRequest, request: Request, service: Service):
    """Server-sent events: `token` events while an LLM writes, then one `final` event with the verified answer.

    The first event is computed before the response starts, so bad input still gets a 4xx JSON error.
    """
    charge(request, body.question)
    service.audit(request.headers.get(service.settings.user_header), body.question)
    events = service.ask_stream(*body.service_args())
    first = await run_in_threadpool(next, events, None)
    return StreamingResponse(sse_stream(first, events), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def sse_event(event: dict) -> str:
    return f"event: {event.get('type', 'message')}\ndata: {json.dumps(event, ensure_ascii=False)}\n\n"


def sse_stream(first: dict | None, events):
    """Starlette iterates this in its thread pool; a failure mid-stream becomes an `error` event."""
    if first is not None:
        yield sse_event(first)
    try:
        for event in events:
            yield sse_event(event)
    except RolqaError as exc:
        yield sse_event({"type": "error", **error_dict(exc)})


@router.get("/search")
def search(request: Request, service: Service, q: Annotated[str, Query(description="the query")],
           k: Annotated[int | None, Query(description="how many passages (1–100)")] = None) -> dict:
    charge(request, q)
    return {"query": q, "hits": service.search(q, k if k is not None else service.settings.top_k)}


@router.get("/reports")
def reports(service: Service) -> dict:
    return {"reports": service.reports()}


@router.get("/reports/{report_id}")
def report(report_id: str, service: Service) -> dict:
    """A report's summary and all its paragraphs."""
    return service.report(report_id)


@router.get("/reports/{report_id}/paragraphs/{n}")
def paragraph(report_id: str, n: int, service: Service) -> dict:
    """Paragraph n with two neighbours on each side: the context of a citation."""
    return service.paragraph(report_id, n)


def get_jobs(request: Request):
    if request.app.state.jobs is None:  # started read-only on a full disk
        raise read_only_refusal()
    return request.app.state.jobs


@router.post("/reports", status_code=202, dependencies=[Depends(require_admin)], openapi_extra=UPLOAD_OPENAPI)
async def upload(request: Request, service: Service, jobs=Depends(get_jobs),
                 wait: Annotated[bool, Query(description="wait for the indexing and return its result (201)")] = False):
    """Upload one report file (multipart field `file`): 202 with a job to follow at /api/jobs/{id}.

    Indexing runs on the server's ingest worker, never in this request; the
    report replaces one of the same name atomically. `?wait=true` answers 201
    with the result once indexed (for scripts), or the indexing error.
    """
    filename, data = await accept_upload(request, service.settings)
    job = await run_in_threadpool(jobs.submit_upload, filename, data)  # writes the file and the job row
    if not wait:
        return {**job, "url": f"{request.scope.get('root_path', '')}/api/jobs/{job['job_id']}"}
    done = await run_in_threadpool(jobs.wait, job["job_id"])
    return JSONResponse(done["result"], status_code=201)


@router.get("/jobs/{job_id}")
def job(job_id: str, jobs=Depends(get_jobs)) -> dict:
    """An ingest job: status queued | running | done | failed, with its result or error."""
    return jobs.view(job_id)


@router.delete("/reports/{report_id}", dependencies=[Depends(require_admin)])
def delete_report(report_id: str, service: Service) -> dict:
    return {"removed": service.remove(report_id)}


router.include_router(indicator_routes)  # GET /api/indicators, .csv, .xlsx (api_indicators.py)
router.include_router(review_routes)  # GET /api/review, .csv, .xlsx (api_review.py)
ROUTE_METHODS = {"/api/ask": "POST", "/api/ask/stream": "POST"}


@router.api_route("/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
def unknown(path: str):
    """Without this the page mounted at / would answer unknown /api paths with its own 404."""
    allowed = ROUTE_METHODS.get(f"/api/{path}".rstrip("/"))
    if allowed:
        raise MethodNotAllowed(f"/api/{path} 只接受 {allowed} 请求", allowed)
    raise NotFound(f"没有这个接口:/api/{path}")
