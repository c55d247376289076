"""GET /api/indicators, /api/indicators.csv and /api/indicators.xlsx: the indicator table (法治指标一览).

Included into the /api router by api.py (before its catch-all), so the API key
gate, error translation and OpenAPI listing are those of every other read.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ..indicator_rows import to_csv, to_xlsx

router = APIRouter()

IndicatorIds = Annotated[list[str] | None, Query(description="indicator id, e.g. court_appearance_rate (repeatable)")]
Agencies = Annotated[list[str] | None, Query(description="only reports whose agency contains this (repeatable)")]
Years = Annotated[list[int] | None, Query(description="only reports of this year (repeatable)")]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _rows(request: Request, indicator, agency, year) -> list[dict]:
    return request.app.state.assistant.indicators(indicator, agency, year)


@router.get("/indicators")
def indicators(request: Request, indicator: IndicatorIds = None, agency: Agencies = None, year: Years = None) -> dict:
    """One row per report and indicator: value, unit, the figure as written, its qualifier, the exact quote
    and its paragraph; `catalogue` lists the indicator ids and labels."""
    return {"indicators": _rows(request, indicator, agency, year),
            "catalogue": request.app.state.assistant.indicator_catalogue()}


@router.get("/indicators.csv", response_class=Response,
            responses={200: {"content": {"text/csv": {}}, "description": "CSV, UTF-8 with BOM, header row"}})
def indicators_csv(request: Request, indicator: IndicatorIds = None, agency: Agencies = None,
                   year: Years = None) -> Response:
    """The same rows as CSV (UTF-8 with BOM so Excel reads the Chinese text)."""
    body = to_csv(_rows(request, indicator, agency, year)).encode("utf-8")
    return Response(body, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="indicators.csv"'})


@router.get("/indicators.xlsx", response_class=Response,
            responses={200: {"content": {XLSX: {}}, "description": "an Excel workbook"}})
def indicators_xlsx(request: Request, indicator: IndicatorIds = None, agency: Agencies = None,
                    year: Years = None) -> Response:
    """The same rows as an Excel workbook."""
    return Response(to_xlsx(_rows(request, indicator, agency, year)), media_type=XLSX,
                    headers={"Content-Disposition": 'attachment; filename="indicators.xlsx"'})
