"""The `rolqa` command as a user runs it: a real subprocess, real files, real exit codes."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def rolqa(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True,
                          env=full_env, timeout=600, stdin=subprocess.DEVNULL)


def assert_one_line_error(proc: subprocess.CompletedProcess, code: int, fragment: str) -> None:
    assert proc.returncode == code, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.fixture
def indexed(sample_reports):
    proc = rolqa("ingest", str(sample_reports))
    assert proc.returncode == 0, proc.stderr
    assert "5 indexed" in proc.stdout
    return sample_reports


def test_ingest_reports_search_remove(indexed):
    again = rolqa("ingest", str(indexed))
    assert again.returncode == 0 and "5 unchanged" in again.stdout
    rows = json.loads(rolqa("reports", "--json").stdout)
    assert len(rows) == 5 and {"report_id", "agency", "year", "published", "script", "chunks"} <= set(rows[0])
    text = rolqa("reports").stdout
    assert "广州市花都区人民政府" in text and "2023" in text
    hits = json.loads(rolqa("search", "行政机关负责人出庭率", "-k", "2", "--json").stdout)
    assert len(hits) == 2 and all("text" in h and "section" in h for h in hits)
    plain = rolqa("search", "行政机关负责人出庭率")
    assert plain.returncode == 0 and "1." in plain.stdout
    dev = str(ROOT / "tests" / "data" / "dev_qa.jsonl")
    scored = rolqa("eval", dev, "--min-accuracy", "1", "--json")
    assert scored.returncode == 0, scored.stdout[-2000:]
    result = json.loads(scored.stdout)
    assert result["accuracy"] == 1.0 and result["citation_validity"] == 1.0
    assert set(result["latency_ms"]) == {"p50", "p95"} and set(result["by_type"]) >= {"fact", "refusal", "aggregate"}
    removed = rolqa("remove", "huadu-district-2023.txt")
    assert removed.returncode == 0 and "removed" in removed.stdout
    assert len(json.loads(rolqa("reports", "--json").stdout)) == 4
    below = rolqa("eval", dev, "--min-accuracy", "1")  # a report is gone: some gold items now fail
    assert below.returncode == 1 and "accuracy" in below.stdout


def test_failed_files_give_exit_1_and_a_reason(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "ok.txt").write_text("某县人民政府2023年度法治政府建设情况的报告\n2023年,全县办理行政复议案件8件。\n", encoding="utf-8")
    proc = rolqa("ingest", str(tmp_path / "empty.txt"), str(tmp_path / "ok.txt"))
    assert proc.returncode == 1
    assert "failed    empty.txt: empty file" in proc.stdout and "1 indexed" in proc.stdout
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("args, code, fragment", [
    (("search", "   "), 2, "empty"),
    (("search", "出庭率", "-k", "0"), 2, "k must be"),
    (("search", "问" * 2001), 2, "too long"),
    (("remove", "no-such-report"), 2, "no report"),
    (("ingest",), 2, "Missing argument"),
    (("frobnicate",), 2, "No such command"),
])
def test_bad_input_is_one_line_and_exit_2(args, code, fragment):
    assert_one_line_error(rolqa(*args), code, fragment)


def test_bad_setting_is_one_line_error():
    assert_one_line_error(rolqa("reports", env={"ROLQA_CHUNK_TOKENS": "lots"}), 2, "chunk_tokens")


def test_first_ask_on_an_empty_index_uses_the_bundled_reports():
    """The README's first command: `rolqa ask` before any ingest."""
    proc = rolqa("ask", "哪些单位的行政机关负责人出庭率达到了100%?", "--json")
    assert proc.returncode == 0, proc.stderr
    assert "索引为空" in proc.stderr
    answer = json.loads(proc.stdout)
    assert answer["status"] == "answered" and {c["source"] for c in answer["citations"]} >= {
        "zengcheng-chengguan-2023.txt", "huadu-district-2023.txt"}
    questions = rolqa("ask", "-f", str(write_questions()), "--json")
    lines = [json.loads(line) for line in questions.stdout.splitlines()]
    assert [a["status"] for a in lines] == ["answered", "not_found"] and "索引为空" not in questions.stderr


def write_questions():
    from pathlib import Path

    path = Path("questions.txt")
    path.write_text("花都区培育认定了多少户学法用法示范户?\n\n深圳市2023年收到多少宗行政复议申请?\n", encoding="utf-8")
    return path.resolve()
