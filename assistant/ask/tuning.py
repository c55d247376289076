"""The numbers the answering pipeline decides with, as data (prompts/thresholds.toml).

Loaded once into one frozen object that the pipeline hands to every stage, so a
benchmark can try other values by passing another object (`Tuning.with_value`)
instead of patching module globals, and each number's comment in the file says
whether it was tuned (on what) or chosen.
"""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from index.errors import ConfigError, file_problem

from ..prompts import PROMPTS_DIR

THRESHOLDS = PROMPTS_DIR / "thresholds.toml"


@dataclass(frozen=True)
class Decide:
    number_coverage: float
    text_coverage: float
    topic_coverage: float
    object_coverage: float
    near_best: float
    complete_near: float
    retrieval_bonus: float


@dataclass(frozen=True)
class Match:
    synonym: float
    abbreviation: float
    context: float
    unknown_word: float


@dataclass(frozen=True)
class Link:
    window: int
    figure_share: float
    words_share: float
    head_share: float
    unlinked_cap: float
    unknown_link: float


@dataclass(frozen=True)
class Quote:
    max_chars: int
    intro_chars: int
    lead_chars: int


@dataclass(frozen=True)
class Search:
    boost_hits: int
    llm_hits: int


@dataclass(frozen=True)
class AnswerShape:
    listed_missing: int


@dataclass(frozen=True)
class FollowUp:
    max_chars: int
    history_turns: int
    history_chars: int


@dataclass(frozen=True)
class Stating:
    scan_sentences: int
    name: int
    name_year_asked: int
    self_name: int
    place_or_field: int
    place_or_field_cap: int
    year: int
    year_year_asked: int
    report_word: int
    title: int


@dataclass(frozen=True)
class Paraphrase:
    similarity: float
    margin: float
    min_link: float
    candidates: int
    max_reports: int


@dataclass(frozen=True)
class Tuning:
    decide: Decide
    match: Match
    link: Link
    quote: Quote
    search: Search
    answer: AnswerShape
    followup: FollowUp
    stating: Stating
    paraphrase: Paraphrase

    def with_value(self, dotted: str, value) -> "Tuning":
        """A copy with one number changed: `with_value("decide.number_coverage", 0.3)`."""
        table, _, key = dotted.partition(".")
        part = getattr(self, table)
        return replace(self, **{table: replace(part, **{key: value})})

    def value(self, dotted: str):
        table, _, key = dotted.partition(".")
        return getattr(getattr(self, table), key)


def parse(data: dict, where: str) -> Tuning:
    """A Tuning from the file's tables; a missing, unknown or non-numeric entry is a ConfigError."""
    parts = {}
    for table in fields(Tuning):
        given = data.get(table.name)
        cls = globals()[table.type]  # annotations are strings here (from __future__ import annotations)
        names = {f.name: f.type for f in fields(cls)}
        if not isinstance(given, dict) or set(given) != set(names):
            raise ConfigError(f"{where}:[{table.name}] 应当正好包含 {', '.join(names)}")
        for key, value in given.items():
            whole = names[key] == "int"
            if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)):
                raise ConfigError(f"{where}:[{table.name}] {key} 应当是{'整数' if whole else '数字'}")
        parts[table.name] = cls(**given)
    unknown = set(data) - set(parts)
    if unknown:
        raise ConfigError(f"{where}:未知的表 {', '.join(sorted(unknown))}")
    return Tuning(**parts)


@functools.cache
def load_tuning(path: Path = THRESHOLDS) -> Tuning:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"无法读取阈值文件 {path}:{file_problem(exc)}")
    return parse(data, str(path))
