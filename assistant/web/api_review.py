"""GET /api/review and /api/review.csv|.xlsx: the review table (报告审查).

Included into the /api router by api.py (before its catch-all), so the API key
gate, error translation and OpenAPI listing are those of every other read.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from ..review_rows import EXPORT, part_labels
from .api_indicators import Agencies, Years
from .exports import FILE_RESPONSES, FORMATS, download

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


def review_file(fmt: str):
    def route(request: Request, report: Reports = None, agency: Agencies = None, year: Years = None):
        return download(EXPORT, _rows(request, report, agency, year), fmt)
    return route


for _fmt in FORMATS:  # /api/review.csv and .xlsx (the workbook has a second sheet of every quote)
    router.add_api_route(f"/review.{_fmt}", review_file(_fmt), methods=["GET"], responses=FILE_RESPONSES,
                         name=f"review_{_fmt}", description=f"The same rows as {FORMATS[_fmt]}.")
