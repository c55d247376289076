"""The derived tables (indicator rows, reviews) follow their rules at ingest and start-up, under the
writer lock, and never from a question; rules that do not parse are one clear line, and everything
else goes on working. Real components: the sample reports in a tmp home, the CLI in-process."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest

from assistant.cli import main
from assistant.service import Assistant
from index import review as rules
from index.config import Settings
from index.locks import writer_lock

REVIEW_QUESTION = "哪份材料不是年度报告?"


@pytest.fixture
def home(sample_home):
    return sample_home


def stored_version(settings: Settings) -> str:
    with sqlite3.connect(settings.catalog_path) as db:
        return db.execute("SELECT value FROM meta WHERE key='review_version'").fetchone()[0]


def catalog_bytes(settings: Settings) -> str:
    files = sorted(settings.home.glob("catalog.sqlite3*"))
    return hashlib.sha256(b"".join(p.read_bytes() for p in files if not p.name.endswith("-shm"))).hexdigest()


def changed_rules(tmp_path, monkeypatch):
    """The review rules with another deadline: another version, as after an edit of data/review.toml."""
    edited = tmp_path / "review.toml"
    edited.write_text(rules.RULES_PATH.read_text(encoding="utf-8").replace('public_by = "04-01"', 'public_by = "05-01"'),
                      encoding="utf-8")
    monkeypatch.setattr(rules, "RULES_PATH", edited)
    return rules.load_rules().version


def test_start_up_brings_the_reviews_to_changed_rules(home, tmp_path, monkeypatch):
    version = changed_rules(tmp_path, monkeypatch)
    assert stored_version(home) != version
    Assistant(home)
    assert stored_version(home) == version


def test_a_question_answers_from_the_tables_as_they_are_and_writes_nothing(home, tmp_path, monkeypatch):
    """Another writer holds the lock at start-up, so the stale reviews stay; the question reads them."""
    old = stored_version(home)
    changed_rules(tmp_path, monkeypatch)
    with writer_lock(home):
        service = Assistant(home)
        before = catalog_bytes(home)
        answer = service.ask(REVIEW_QUESTION)
        assert answer.status == "answered" and answer.notes == ["根据报告审查作答(rolqa review)"]
        assert catalog_bytes(home) == before and stored_version(home) == old


def test_rules_that_do_not_parse_are_one_line_and_ask_still_answers(home, tmp_path, monkeypatch, capsys):
    broken = tmp_path / "review.toml"
    broken.write_text("[parts\nlabel = ", encoding="utf-8")
    monkeypatch.setattr(rules, "RULES_PATH", broken)
    home_flag = ["--home", str(home.home)]

    assert main([*home_flag, "review"]) != 0
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "审查规则" in err and str(broken) in err and "Traceback" not in err

    assert main([*home_flag, "ask", "增城区城管局2023年新收行政一审案件多少宗?"]) == 0
    assert "5宗" in capsys.readouterr().out

    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "jia-2023.txt").write_text("甲县司法局关于2023年度法治政府建设情况的报告\n2023年,甲县司法局办理行政复议案件3件。\n",
                                        encoding="utf-8")
    assert main([*home_flag, "ingest", str(extra)]) == 0
    out = capsys.readouterr()
    assert "新增 1 份" in out.out and "审查规则" in out.err
    assert stored_version(home) == "stale"  # computed for every report once the rules parse again
