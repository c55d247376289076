"""Shared fixtures: every test gets its own ROLQA_HOME and runs from a tmp working directory.

Tests live by kind, and each kind is a marker given by its folder (so `pytest -m unit` runs the fast
part in seconds): tests/unit (pure functions and small objects, no index), tests/integration (real
components, a real index in a tmp home, the CLI as a subprocess), tests/system (servers started on
127.0.0.1: the HTTP API, Chroma, a scripted LLM endpoint, the browser)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"


KINDS = ("unit", "integration", "system")


def pytest_collection_modifyitems(items):
    """Each test gets the marker of the folder it lives in."""
    for item in items:
        kind = next((k for k in KINDS if k in Path(str(item.fspath)).parts), None)
        if kind:
            item.add_marker(getattr(pytest.mark, kind))


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


@pytest.fixture(scope="session")
def sample_service(tmp_path_factory):
    """The five sample reports indexed once for the session, in a home of their own. For tests that
    only read (ask, look up): a test that writes makes its own home."""
    from assistant.service import Assistant
    from index.config import Settings

    service = Assistant(Settings(home=tmp_path_factory.mktemp("samples") / "home"))
    assert service.ingest([REPORTS]).count("indexed") == 5
    return service


@pytest.fixture(scope="session")
def asking(sample_service):
    """`asking(question, scope=None)`: the pipeline's record of a question over the sample reports,
    for calling one route directly."""
    from assistant.ask.asked import build

    def build_for(question: str, scope: set[str] | None = None):
        return build(question, sample_service.index, sample_service.bank.refresh(), sample_service.tuning, scope)
    return build_for


@pytest.fixture
def sample_home(tmp_path, sample_service):
    """Settings of a home holding the five samples that a test may write to: a copy of the session's
    indexed home (indexing again would cost the embedding of every chunk)."""
    from index.config import Settings

    target = tmp_path / "samples-home"
    shutil.copytree(sample_service.settings.home, target)
    return Settings(home=target)


def ask_checked(service, question: str):
    """The answer to a question, asserted to keep the answer contract (assistant/contract.py)."""
    from assistant.contract import check_answer

    answer = service.ask(question)
    assert not check_answer(answer), answer.answer
    return answer


def index_written(tmp_path_factory, files: dict[str, str], *folders: Path, indexed: int):
    """A service over reports written for a test, file name → text, beside the folders given, in a home
    of its own, asserted to have indexed `indexed` reports. For module fixtures whose tests only read."""
    from assistant.service import Assistant
    from index.config import Settings

    written = tmp_path_factory.mktemp("written")
    for name, text in files.items():
        (written / name).write_text(text, encoding="utf-8")
    service = Assistant(Settings(home=tmp_path_factory.mktemp("home") / "home"))
    summary = service.ingest([*folders, written])
    assert summary.count("indexed") == indexed, summary
    return service
