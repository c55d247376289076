"""No pattern over report or question text may backtrack badly: every one runs in (near) linear time.

One flattened table row (`12392 28300 6381 2184 1497 2583 786`) once made a
cleaning pattern backtrack exponentially and froze the whole server. So this
test does not list patterns by hand: it imports every module of `index` and
`assistant` (sub-packages included) and collects every compiled pattern held at
module level, alone or inside a module-level tuple, list or dict. A pattern
someone adds later is covered without touching this file.

Each pattern gets adversarial lines of ~20,000 characters (long enough that a
quadratic search takes seconds, exponential ones never finish) with search,
match, fullmatch and an exhaustive scan (subn), and 1 MB single lines with
search and the scan. Then the functions that apply patterns to lines (cleaning,
structure, metadata, question analysis) get whole adversarial documents.
CPython's regex engine checks for signals, so a runaway match is interrupted
by a timer and reported by name instead of hanging CI.
"""
from __future__ import annotations

import gc
import importlib
import pkgutil
import re
import signal
import time
from contextlib import contextmanager

import pytest

LIMIT_S = 1.0
PACKAGES = ("index", "assistant")
SHORT = 20_000
HUGE = 1_000_000


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


# Shapes that trip backtracking: digit runs and table rows, runs of one separator, outline
# markers, place-name and navigation-word runs that almost match, traditional and mixed script.
UNITS = {
    "table row": "12392 28300 6381 2184 1497 2583 786 ",
    "digit run": "1",
    "decimals": "1.2.",
    "dashes": "-",
    "full stops": "。",
    "spaces": " ",
    "ideographic spaces": "\u3000",
    "bullets": "• ",
    "pipes": "| ",
    "colons": "来源:",
    "brackets": "(1)",
    "cn numerals": "一二三四五六七八九十",
    "place run": "甲乙州",
    "nested places": "广州市花都区",
    "nav words": "收藏本页打印本页",
    "years": "2023年",
    "lowercase": "a",
    "camel": "aB",
    "cjk": "行政机关负责人出庭率",
    "traditional": "行政機關負責人出庭應訴率達100%",
    "mixed scripts": "abcDef行政1.2.3%,，;；Ωж🙂",
    "prose": "2023年，广州市花都区人民政府新收行政复议案件126宗，同比增长12.5%。",
}
SHORT_LINES = {name: _repeat(unit, SHORT) + "X" for name, unit in UNITS.items()}
HUGE_LINES = {name: _repeat(UNITS[name], HUGE) for name in ("table row", "dashes", "mixed scripts", "prose")}


def _patterns_in(value, depth: int = 0):
    if isinstance(value, re.Pattern):
        yield value
    elif depth < 2 and isinstance(value, (tuple, list)):
        for item in value:
            yield from _patterns_in(item, depth + 1)
    elif depth < 2 and isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item, depth + 1)


def module_patterns() -> dict[str, re.Pattern]:
    """{"module.NAME": pattern} for every compiled pattern at module level in PACKAGES."""
    found = {}
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.walk_packages(package.__path__, package_name + "."):
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                for i, pattern in enumerate(_patterns_in(value)):
                    found.setdefault(f"{info.name}.{name}" + (f"[{i}]" if i else ""), pattern)
    return found


def data_patterns() -> dict[str, re.Pattern]:
    """{"data/question_forms.toml:table.key": pattern}: the question forms are data, compiled at run time."""
    from assistant.ask.forms import forms

    found = {}

    def walk(value, path: str) -> None:
        if isinstance(value, re.Pattern):
            found[f"question_forms:{path}"] = value
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else key)

    walk(forms(), "")
    return found


PATTERNS = module_patterns() | data_patterns()


@contextmanager
def deadline(what: str, seconds: float = LIMIT_S):
    """Fail with `what` when the block runs longer than `seconds` (interrupting a runaway match).

    The collector is off inside the block: in the whole suite's process a full collection of the
    heap once took over a second on CI, inside a 50 ms analysis, and the timer measured the
    collector, not the patterns. (It runs again when the block ends.)
    """
    def expired(signum, frame):
        raise TimeoutError

    gc.disable()
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.perf_counter()
    try:
        yield
    except TimeoutError:
        pytest.fail(f"{what} ran over {seconds} s (interrupted): a backtracking pattern", pytrace=False)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        gc.enable()
    elapsed = time.perf_counter() - started
    assert elapsed < seconds, f"{what} took {elapsed:.2f} s"


def test_discovery_finds_the_text_patterns():
    """The walk reaches every package, so a failure to import cannot silently shrink the test."""
    modules = {name.rsplit(".", 1)[0] for name in PATTERNS}
    for expected in ("index.clean", "index.metadata", "index.structure", "index.normalize", "assistant.ask.question"):
        assert expected in modules, f"no patterns found in {expected}"
    assert "index.clean._NAV_ONLY" in PATTERNS and len(PATTERNS) > 40
    assert "question_forms:report_set.levels.街道乡镇" in PATTERNS


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_linear_on_adversarial_lines(name):
    pattern = PATTERNS[name]
    as_bytes = isinstance(pattern.pattern, bytes)  # patterns over file bytes (index/zipbounds.py) get the UTF-8
    empty = b"" if as_bytes else ""
    for kind, line in SHORT_LINES.items():
        line = line.encode() if as_bytes else line
        with deadline(f"{name} on a {len(line)}-character line of {kind}"):
            pattern.search(line)
            pattern.match(line)
            pattern.fullmatch(line)
            pattern.subn(empty, line)
    for kind, line in HUGE_LINES.items():
        line = line.encode() if as_bytes else line
        with deadline(f"{name} on a 1 MB line of {kind}"):
            pattern.search(line)
            pattern.subn(empty, line)


def adversarial_documents() -> dict[str, str]:
    """Whole report texts: a title, chrome, body lines made of the adversarial units, a signature."""
    docs = {}
    for kind, unit in UNITS.items():
        lines = [_repeat(unit, n) for n in (7, 36, 200, 201, 2_000, 20_000)]
        docs[kind] = "\n".join(["广州市花都区人民政府关于2023年度法治政府建设情况的报告", "首页 > 收藏本页",
                                *lines, "广州市花都区人民政府", "2024年1月9日"])
    docs["1 MB line of digits"] = _repeat(UNITS["table row"], HUGE)
    docs["1 MB line of prose"] = _repeat(UNITS["prose"], HUGE)
    return docs


@pytest.mark.parametrize("kind", sorted(adversarial_documents()))
def test_cleaning_structure_and_metadata_are_fast(kind):
    from index.clean import strip_chrome
    from index.metadata import extract_meta
    from index.structure import split_paragraphs

    text = adversarial_documents()[kind]
    strip_chrome("warm-up 首页\n" + text[:100])  # OpenCC loads once, outside the timing
    with deadline(f"cleaning, structure and metadata of a document of {kind}", 3 * LIMIT_S):
        body, hints = strip_chrome(text)
        paragraphs = split_paragraphs(body)
        extract_meta(paragraphs, hints)


@pytest.mark.parametrize("kind", sorted(UNITS))
def test_question_analysis_is_fast(kind):
    from assistant.ask.followup import standalone
    from assistant.ask.tuning import load_tuning
    from assistant.ask.question import analyse
    from assistant.contract import MAX_QUESTION_CHARS

    question = _repeat(UNITS[kind], MAX_QUESTION_CHARS - 5) + "是多少?"
    analyse("预热")  # jieba's dictionary loads once, outside the timing
    with deadline(f"analysing a {len(question)}-character question of {kind}", 3 * LIMIT_S):
        analyse(question)
        standalone(question, [{"role": "user", "content": question}], load_tuning().followup)


def test_the_digit_row_that_froze_the_server_is_kept_as_text():
    """The row is report content (a flattened table), not navigation: it stays, quickly."""
    from index.clean import strip_chrome

    row = "12392 28300 6381 2184 1497 2583 786"
    with deadline("the digit row"):
        body, _ = strip_chrome(f"2023年行政复议情况如下。\n{row}\n首页 > 收藏本页 > 打印")
    assert row in body and "收藏本页" not in body
