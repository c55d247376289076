"""GET /api/indicators and /api/indicators.csv|.xlsx: the indicator table (法治指标一览).

Included into the /api router by api.py (before its catch-all), so the API key
gate, error translation and OpenAPI listing are those of every other read.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from ..indicator_rows import EXPORT
from .exports import FILE_RESPONSES, FORMATS, download

router = APIRouter()

IndicatorIds = Annotated[list[str] | None, Query(description="indicator id, e.g. court_appearance_rate (repeatable)")]
Agencies = Annotated[list[str] | None, Query(description="only reports whose agency contains this (repeatable)")]
Years = Annotated[list[int] | None, Query(description="only reports of this year (repeatable)")]


def _rows(request: Request, indicator, agency, year) -> list[dict]:
    return request.app.state.assistant.indicators(indicator, agency, year)


@router.get("/indicators")
def indicators(request: Request, indicator: IndicatorIds = None, agency: Agencies = None, year: Years = None) -> dict:
    """One row per report and indicator: value, unit, the figure as written, its qualifier, the exact quote
    and its paragraph; `catalogue` lists the indicator ids and labels."""
    return {"indicators": _rows(request, indicator, agency, year),
            "catalogue": request.app.state.assistant.indicator_catalogue()}


def indicators_file(fmt: str):
    def route(request: Request, indicator: IndicatorIds = None, agency: Agencies = None, year: Years = None):
        return download(EXPORT, _rows(request, indicator, agency, year), fmt)
    return route


for _fmt in FORMATS:  # /api/indicators.csv and .xlsx: one route each, one export path for both
    router.add_api_route(f"/indicators.{_fmt}", indicators_file(_fmt), methods=["GET"], responses=FILE_RESPONSES,
                         name=f"indicators_{_fmt}", description=f"The same rows as {FORMATS[_fmt]}.")
