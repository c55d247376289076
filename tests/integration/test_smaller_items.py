"""Smaller items of issue 26, over the real index: a figure in hours in a traditional-script report is
the answer, a work plan has no publication deadline, the first run's progress moves report by report,
and the page points readers to nothing they cannot open."""
from __future__ import annotations

import shutil

import pytest

from assistant.service import Assistant
from assistant.web.webview import reports_html
from index.config import Settings
from tests.conftest import REPORTS

pytestmark = pytest.mark.integration

PLAN = "district-chengguan-yaodian-2022.txt"  # 區城管 依法行政要点: a 2013 plan on a 2022 page, traditional


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    root = tmp_path_factory.mktemp("plan")
    (root / "in").mkdir()
    shutil.copy(REPORTS / PLAN, root / "in")
    service = Assistant(Settings(home=root / "home"))
    assert service.ingest([root / "in"]).count("indexed") == 1
    return service


def test_hours_are_a_measure_word_in_either_script(plan):
    answer = plan.ask("区城管要求在多少小时内向区局分管局长报告?")
    assert answer.status == "answered" and "24小時" in answer.answer and "没有写明所问的数字" not in answer.answer


def test_a_work_plan_has_no_publication_deadline(plan):
    (row,) = plan.review([PLAN])
    assert row["kind"] == "plan" and row["deadline"] is None and row["on_time"] is None
    assert "详见管理接口" not in reports_html(plan.reports()) and "处问题" in reports_html(plan.reports())


def test_the_first_runs_progress_moves_report_by_report(tmp_path):
    """The five sample reports, as `rolqa ask` indexes them on a first run: progress comes after each
    batch of ~32 chunks, not once at the end (it sat at 0/5 for a minute, then jumped)."""
    seen = []
    summary = Assistant(Settings(home=tmp_path / "home")).ingest([REPORTS], lambda done, total, name: seen.append(done))
    assert summary.count("indexed") == 5
    assert seen[0] == 0 and seen[-1] == 5 and len({d for d in seen if 0 < d < 5}) >= 2, seen
