"""The answering numbers are data (prompts/thresholds.toml), loaded once into one frozen object."""
from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

import pytest

from assistant.ask.tuning import THRESHOLDS, load_tuning, parse
from index.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]


def test_the_file_loads_and_a_copy_changes_one_number():
    tuning = load_tuning()
    assert tuning.decide.number_coverage == 0.4 and tuning.link.words_share + tuning.link.head_share == 1.0
    other = tuning.with_value("decide.number_coverage", 0.3)
    assert other.value("decide.number_coverage") == 0.3 and tuning.decide.number_coverage == 0.4
    with pytest.raises(dataclasses.FrozenInstanceError):
        tuning.decide.number_coverage = 0.1


def test_every_number_says_whether_it_was_tuned_or_chosen():
    """Each number has a comment block above it (or shares the one of the number right above)."""
    block = ""
    for line in THRESHOLDS.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            block = block + line if block.endswith("\n") or not block else line
            block += "\n"
        elif re.match(r"^\w+\s*=", line):
            assert "Tuned" in block or "Chosen" in block, line
            block = block.rstrip("\n")  # the next number may share this comment
        else:
            block = ""


@pytest.mark.parametrize("change, message", [
    (lambda d: d["decide"].pop("near_best"), "正好包含"),
    (lambda d: d["decide"].update(extra=1), "正好包含"),
    (lambda d: d["link"].update(window=10.5), "应当是整数"),
    (lambda d: d["match"].update(synonym="0.9"), "应当是数字"),
    (lambda d: d.update(other={}), "未知的表"),
])
def test_a_broken_file_is_a_clear_error(change, message):
    data = tomllib.loads(THRESHOLDS.read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(ConfigError, match=message):
        parse(data, "thresholds.toml")


def test_no_module_level_tuned_number_in_the_answering_code():
    """Answering numbers live in the file: a module constant of a float in assistant/ask is one that escaped."""
    for path in (ROOT / "assistant" / "ask").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert not re.match(r"^[A-Z_]+\s*=\s*\d+\.\d+", line), (path.name, line)
