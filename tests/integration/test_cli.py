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
    """Exit code, then one Chinese line `错误:…` holding the fragment, and no traceback."""
    assert proc.returncode == code, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误:") and fragment in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.fixture
def indexed(sample_reports):
    proc = rolqa("ingest", str(sample_reports))
    assert proc.returncode == 0, proc.stderr
    assert "新增 5 份" in proc.stdout
    return sample_reports


def test_ingest_reports_search_remove(indexed):
    again = rolqa("ingest", str(indexed))
    assert again.returncode == 0 and "未变 5 份" in again.stdout
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
    assert removed.returncode == 0 and removed.stdout.startswith("已删除 ")
    assert len(json.loads(rolqa("reports", "--json").stdout)) == 4
    below = rolqa("eval", dev, "--min-accuracy", "1")  # a report is gone: some gold items now fail
    assert below.returncode == 1 and "准确率 " in below.stdout and "引用有效率" in below.stdout


def test_failed_files_give_exit_1_and_a_reason(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "ok.txt").write_text("某县人民政府2023年度法治政府建设情况的报告\n2023年,全县办理行政复议案件8件。\n", encoding="utf-8")
    proc = rolqa("ingest", str(tmp_path / "empty.txt"), str(tmp_path / "ok.txt"))
    assert proc.returncode == 1
    assert "失败  empty.txt:文件是空的" in proc.stdout and "新增 1 份" in proc.stdout and "失败 1 份" in proc.stdout
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("args, code, fragment", [
    (("search", "   "), 2, "问题为空"),
    (("search", "出庭率", "-k", "0"), 2, "k 必须是 1 到 100 之间的整数"),
    (("search", "出庭率", "-k", "many"), 2, "'-k' 的值无效:应为整数(见 'rolqa search --help')"),
    (("search", "问" * 501), 2, "问题太长(501 个字符;最多 500 个)"),
    (("remove", "no-such-report"), 2, "没有报告 'no-such-report':用 `rolqa reports` 查看编号和文件名"),
    (("ingest",), 2, "缺少参数 'PATHS...'"),
    (("ingest", "--year", "3000", "x.txt"), 2, "'--year' 的值无效:应为 1900 到 2100 之间的整数"),
    (("frobnicate",), 2, "没有命令 'frobnicate'"),
    (("ask", "--jsn", "问题"), 2, "没有选项 --jsn(是不是想用 --json?)"),
    (("ask",), 2, "请给出一个问题,或用 -f 文件 每行一个问题"),
    (("ask", "-f", "no-such-questions.txt"), 2, "无法读取问题文件 no-such-questions.txt:"),
    (("indicators", "--json", "--csv"), 2, "--json 和 --csv 只能选一个"),
])
def test_bad_input_is_one_line_and_exit_2(args, code, fragment):
    assert_one_line_error(rolqa(*args), code, fragment)


def test_bad_setting_is_one_line_error():
    assert_one_line_error(rolqa("reports", env={"ROLQA_CHUNK_TOKENS": "lots"}), 2, "设置 chunk_tokens 的值 'lots' 无效(应为整数)")


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
