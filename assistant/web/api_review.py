"""GET /api/review, /api/review.csv and /api/review.xlsx: the review table (报告审查).

Included into the /api router by api.py (before its catch-all), so the API key
gate, error translation and OpenAPI listing are those of every other read.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ..review_rows import part_labels, to_csv, to_xlsx
from .api_indicators import XLSX, Agencies, Years

router = APIRouter()

Reports = Annotated[list[str] | None, Query(description="only this report, by id or file name (repeatable)")]


def _rows(request: Request, report, agency, year) -> list[dict]:
    return request.app.state.assistant.review(report, agency, year)


@router.get("/review")
def review(request: Request, report: Reports = None, agency: Agencies = None, year: Years = None) -> dict:
    """One row per report: its kind, each of the five basic contents (part | inside | missing | unknown,
    with the exact quote and its paragraph), publication date against the deadline, the catalogue
    indicators it states and, of the should-state list, does not, and whether the text looks whole."""
    return {"reviews": _rows(request, report, agency, year), "parts": part_labels()}


@router.get("/review.csv", response_class=Response,
            responses={200: {"content": {"text/csv": {}}, "description": "CSV, UTF-8 with BOM, Chinese header row"}})
def review_csv(request: Request, report: Reports = None, agency: Agencies = None, year: Years = None) -> Response:
    """The same rows as CSV (UTF-8 with BOM so Excel reads the Chinese text)."""
    body = to_csv(_rows(request, report, agency, year)).encode("utf-8")
    return Response(body, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="review.csv"'})


@router.get("/review.xlsx", response_class=Response,
            responses={200: {"content": {XLSX: {}}, "description": "an Excel workbook: the table and its quotes"}})
def review_xlsx(request: Request, report: Reports = None, agency: Agencies = None, year: Years = None) -> Response:
    """The same rows as an Excel workbook, with a second sheet of every quote."""
    return Response(to_xlsx(_rows(request, report, agency, year)), media_type=XLSX,
                    headers={"Content-Disposition": 'attachment; filename="review.xlsx"'})
