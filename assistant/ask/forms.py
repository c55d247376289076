"""What a question asks, read from its form: the patterns of data/question_forms.toml, matched once.

Part of the reading stage (question.py calls `read_forms`): every pattern over the
question text is matched here or in question.py, and the routes read the typed
records this module fills (`DocumentAsk`, `ReviewAsk`, `TableAsk`). A route never
matches the question again.
"""
from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from index import numerals
from index import vocabulary as vocab
from index.errors import ConfigError

FORMS = Path(__file__).resolve().parents[2] / "data" / "question_forms.toml"


@functools.cache
def forms() -> dict:
    """The tables of data/question_forms.toml with every pattern compiled (lists stay lists)."""
    try:
        data = tomllib.loads(FORMS.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"无法读取问题句式文件 {FORMS}:{exc}")
    return _compiled(data)


def _compiled(value):
    if isinstance(value, dict):
        return {k: _compiled(v) for k, v in value.items()}
    return re.compile(value) if isinstance(value, str) else value


def form(path: str) -> re.Pattern:
    """One pattern by its dotted name ("review.late")."""
    found = forms()
    for key in path.split("."):
        found = found[key]
    return found


@dataclass(frozen=True)
class DocumentAsk:
    """A question about a report as a document: its page fields, who wrote it, for which year, to whom."""
    page_kinds: tuple[str, ...] = ()
    who_or_when: bool = False
    year: bool = False
    recipient: bool = False
    above: tuple[str, ...] = ()  # the tiers of the places above the report's own asked (市, 省, 区县)
    field: bool = False  # its author's field of work asked
    level: bool = False  # its author's level asked ("是什么级别的单位")
    script: str | None = None  # its script asked: "是繁体的吗?" → traditional; "简体还是繁体" → either
    title: bool = False  # whether it has a title, or what it is ("正文前有没有标题?")
    author: bool = False  # who wrote it (or when) asked besides whom it goes to ("谁写的,交给谁")


@dataclass(frozen=True)
class ReviewAsk:
    """A question over the review (报告审查): which reports lack a part, are late, are no annual report."""
    which: bool = False  # asks which reports
    not_annual: bool = False
    plan: bool = False
    publication: str | None = None  # "late" | "on_time": which reports were made public after/before the deadline
    deadline_day: tuple[int, int] | None = None  # "4月1日以后": the deadline the question states (month, day)
    part: str | None = None  # the content named (data/review.toml `ask` patterns)
    separate: bool = False  # "单独写"
    absent: bool = False  # "没有/缺少"
    yes_no: bool = False
    describe: bool = False  # "有哪些…": the part's items


@dataclass(frozen=True)
class TableAsk:
    """An aggregate over a catalogue indicator."""
    indicator: object | None = None  # index.indicators.Indicator the question names
    most: bool = False
    least: bool = False
    negated_condition: bool = False  # "没有达到100%"
    data_words: bool = False  # "数据", "数字"


@dataclass(frozen=True)
class Forms:
    document: DocumentAsk = field(default_factory=DocumentAsk)
    review: ReviewAsk = field(default_factory=ReviewAsk)
    table: TableAsk = field(default_factory=TableAsk)
    negated_topic: str = ""  # "哪些报告没有写存在的不足?" → 存在的不足
    compared: bool = False  # compares (or lists) the years it names: "2023年比2022年多还是少"
    lists_reports: bool = False  # "哪些报告…", "哪几份材料…": asks which reports (what they are or say)
    previous_year: bool = False  # "较上年", "比上一年": the year before the one named is compared
    which_year: bool = False  # "哪一年…更多": the years of the agency's reports compared
    published_in: tuple[int | None, int | None] | None = None  # (year, month) of publication: "2023年3月发布的"
    change: bool = False  # asks how much a figure changed ("比上年增长了多少"): a figure stated as a change
    person: bool = False  # asks who a person is ("一把手是谁", "组长是哪位")
    needs_name: bool = False  # a leader asked without a title ("一把手是谁") or a name outright ("领导叫什么名字",
    # "姓名"): only a sentence naming someone answers (a role, "主要领导带头讲法", does for "是谁" alone)
    new: bool = False  # asks of something new ("新增了几个", "新建", "新收"): a figure of what was added answers it
    script_named: str | None = None  # the script it names a report by ("繁体字的那份报告"): traditional | simplified


def has(path: str, norm: str) -> bool:
    return bool(form(path).search(norm))


@functools.cache
def page_labels() -> dict[str, re.Pattern]:
    """The labels pages print for each kind of page field (index/pageinfo.py), of three characters or more
    ("发文日期", "信息来源", "发文机关"): a question naming one asks that field, as the page calls it."""
    from index.pageinfo import LABEL_KINDS

    return {kind: re.compile("|".join(label for label in labels.split() if len(label) >= 3))
            for kind, labels in LABEL_KINDS.items() if kind != "other"}


def page_asks() -> list[re.Pattern]:
    """How a question names the page's fields (文号, 索引号, 来源…): by the documents' words or the page's labels."""
    return list(forms()["documents"]["page"].values()) + list(page_labels().values())


DATED_KINDS = {"published", "written", "signed"}  # the page fields that are dates


def document_ask(norm: str) -> DocumentAsk:
    d = forms()["documents"]
    labels = page_labels()
    pages = tuple(kind for kind, pattern in d["page"].items()
                  if pattern.search(norm) or (kind in labels and labels[kind].search(norm)))
    if set(pages) - DATED_KINDS and has("documents.date_too", norm):  # "文号 日期": its page's and its signature's
        pages += tuple(k for k in ("published", "signed") if k not in pages)
    above = tuple(tier for tier, pattern in d["above"].items() if pattern.search(norm))  # "哪个省哪个市": both
    field = has("documents.field", norm)
    recipient = has("documents.recipient", norm)  # "报送给谁": 报送 is said of the report itself
    level = has("documents.level", norm)
    scripts = [s for s, p in forms()["report_set"]["script"].items() if p.search(norm)] \
        if has("documents.script_asked", norm) and has("documents.document", norm) else []
    script = scripts[0] if len(scripts) == 1 else "either" if scripts else None  # "简体还是繁体": no yes or no
    who = (has("documents.who_when", norm) or bool(above) or field) and has("documents.document", norm) or recipient \
        or bool(above) and has("documents.belongs", norm) or level or bool(script)
    title = has("documents.title", norm)
    return DocumentAsk(pages, who or title, has("documents.year", norm), recipient, above, field, level, script, title,
                       has("documents.who_when", form("documents.recipient").sub(" ", norm)))


def review_ask(norm: str, text: str, part_patterns: dict[str, re.Pattern]) -> ReviewAsk:
    which = has("review.which", norm) and has("review.about_reports", norm)
    late, on_time = has("review.late", norm), has("review.on_time", norm)
    publication = None
    if which and has("review.public", norm) and (late or on_time):
        publication = "late" if not on_time or late else "on_time"
    day = form("review.day").search(text)
    return ReviewAsk(which, which and has("review.not_annual", norm), which and has("review.plan", norm), publication,
                     (int(day.group(1)), int(day.group(2))) if day else None,
                     next((key for key, pattern in part_patterns.items() if pattern.search(norm)), None),
                     has("review.separate", norm), has("review.absent", norm), has("review.yes_no", norm),
                     has("review.describe", norm))


def named_indicator(norm: str):
    """The catalogue indicator a question names by one of its wordings or its label (longest match)."""
    from index.indicators import load_catalogue
    from index.normalize import normalize

    best, length = None, 0
    for ind in load_catalogue().indicators:
        for wording in (*ind.terms, normalize(ind.label)):
            if wording in norm and len(wording) > length:
                best, length = ind, len(wording)
    return best


def table_ask(norm: str) -> TableAsk:
    return TableAsk(named_indicator(norm), has("table.most", norm), has("table.least", norm),
                    has("table.negated_condition", norm), has("table.data_words", norm))


def negated_topic(norm: str, negation: re.Match | None) -> str:
    """The asked thing in the question's own words after "没有写…" ("存在的不足")."""
    return form("topic.tail").sub("", norm[negation.end():]).strip() if negation else ""


def lists_reports(norm: str) -> bool:
    """Asks which reports: "哪些报告…", the first or last of them ("年度最早的一份报告"), reports and no
    word that asks at all, typed as keywords ("报告 2024", "这批材料中 县人民政府 报告"), or the reports of a
    span of years ("2021年以前 报告 年份")."""
    return has("report_set.ranked_report", norm) or has("report_set.asks_reports", norm) and (
        has("report_set.which", norm) or has("report_set.count", norm) or not has("asking.any", norm)
        or has("report_set.year_span", norm))


def publication_period(norm: str) -> tuple[int | None, int | None] | None:
    """(year, month) a question says the reports were published in ("2023年发布的", "3月份公开的"), or None."""
    m = form("report_set.published_in").search(norm) or form("report_set.published_dated").search(norm)
    if not m:
        return None
    year, month = m.group(1), m.group(2)
    value = int(numerals.value_of(month) or 0) if month else None
    period = (int(year) if year else None, value if value and 1 <= value <= 12 else None)
    return period if period != (None, None) else None


def read_forms(norm: str, text: str, negation: re.Match | None, part_patterns: dict[str, re.Pattern]) -> Forms:
    """Everything the question's form says it asks, read once."""
    return Forms(document_ask(norm), review_ask(norm, text, part_patterns), table_ask(norm), negated_topic(norm, negation),
                 has("compare.years", norm), lists_reports(norm),
                 has("compare.previous_year", norm), has("compare.which_year", norm), publication_period(norm),
                 has("compare.change", norm), has("asking.person", norm),
                 has("asking.person", norm) and (vocab.names_leader(norm) or has("asking.name_asked", norm)),
                 has("asking.new", norm), next((s for s, p in forms()["report_set"]["script"].items() if p.search(norm)), None))
