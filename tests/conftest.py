"""Shared fixtures: every test gets its own ROLQA_HOME and runs from a tmp working directory."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"


@pytest.fixture(autouse=True)
def rolqa_home(tmp_path, monkeypatch):
    """Isolate state: ROLQA_HOME in tmp, no stray ROLQA_* settings, no ./rolqa.toml from the checkout."""
    import os

    for key in list(os.environ):
        if key.startswith("ROLQA_"):
            monkeypatch.delenv(key)
    home = tmp_path / "home"
    monkeypatch.setenv("ROLQA_HOME", str(home))
    monkeypatch.chdir(tmp_path)
    return home


@pytest.fixture
def sample_reports(tmp_path) -> Path:
    """A copy of the bundled sample reports that a test may modify."""
    target = tmp_path / "reports"
    shutil.copytree(REPORTS, target)
    return target
