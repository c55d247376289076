"""The answer contract of DESIGN.md, shared by the CLI (`--json`), the HTTP API and the UI.

Also the checks every answer passes before a user sees it, whatever wrote it:
markers and citations match one to one, and every figure in the answer text
occurs in a cited quote; and the checks of what a user may ask (question, mode, k).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import KW_ONLY, asdict, dataclass, field

from index.errors import BadInput
from index import vocabulary as vocab
from index.numerals import DIGITS, MEASURE_WORDS, to_arabic

MARKER = re.compile(r"\[(\d+)\]")
# Input limits, not tuned: k is a page of hits; the question limit in use is the setting
# max_question_chars (index/config.py), this is the default for callers without settings.
MAX_QUESTION_CHARS = 2000
MAX_K = 100
MODES = ("auto", "extractive", "llm")
# A figure as a reader checks it: the number, its magnitude (万, 亿), a % or ‰ sign, and the measure
# word it counts in ("786宗", "66876万", "68.67%"); read after Chinese numerals are written as digits.
FIGURE = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*([万亿])?\s*([%‰])?\s*(?:[余多])?\s*"
                    rf"([{MEASURE_WORDS}])?")
# Counts of reports the answer templates write ("共六份:", "其余十四份报告"): about the index, not a figure.
# The lookbehind starts a match only where a run of numerals starts, so a long run without 份
# is read once instead of once per position (quadratic).
REPORT_COUNT = re.compile(rf"(?<![{DIGITS}多])[{DIGITS}多]+份(?=报告|材料|[:：中]|$)")


@dataclass
class Citation:
    n: int
    report_id: str
    source: str
    title: str | None
    agency: str | None
    year: int | None
    section: str
    paragraph: int
    quote: str
    # A scanned report's citation (filled by assistant/scan_citations.py after the answer is made), by
    # keyword only: a subclass's own fields (verify.Block's sentences) follow `quote` by position.
    _: KW_ONLY
    page: int | None = None  # the page of the file the quote starts on
    ocr: bool = False  # the quote was read from the page image by OCR
    uncertain: list[str] = field(default_factory=list)  # numbers in the quote with a digit read with low confidence


SCAN_FIELDS = ("page", "ocr", "uncertain")  # in a citation's dict only when the quote is on a scanned page


@dataclass
class Answer:
    question: str
    status: str  # answered | not_found
    mode: str  # extractive | llm
    answer: str
    citations: list[Citation] = field(default_factory=list)
    timings_ms: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = asdict(self)
        if not self.notes:
            data.pop("notes")
        for c in data["citations"]:
            if c["page"] is None:  # a report read from text: the citation keeps the contract's fields only
                for key in SCAN_FIELDS:
                    c.pop(key)
        return data


def markers(text: str) -> list[int]:
    return [int(m) for m in MARKER.findall(text)]


@dataclass(frozen=True)
class Figure:
    number: str  # digits, no thousands separators: "786", "68.67"
    magnitude: str = ""  # 万 or 亿
    percent: str = ""  # % or ‰
    unit: str = ""  # the measure word it counts in

    def __str__(self) -> str:
        return f"{self.number}{self.magnitude}{self.percent}{self.unit}"

    def matches(self, other: "Figure") -> bool:
        """The same figure: number, magnitude and sign alike; a measure word, where both have one, of
        the same kind (786宗 is 786件, not 786人)."""
        return (self.number, self.magnitude, self.percent) == (other.number, other.magnitude, other.percent) \
            and (not self.unit or not other.unit or same_kind(self.unit, other.unit))


def same_kind(a: str, b: str) -> bool:
    """Measure words that count the same things (data/vocabulary.toml [units]); 个 is no wildcard here."""
    return a == b or any(a in group and b in group for group in vocab.units()["same_kind"])


def figure_text(text: str) -> str:
    """`text` as figures are read from it: markers and counts of reports blanked, NFKC (full-width,
    superscript and circled digits), Chinese numerals that count something as digits."""
    text = unicodedata.normalize("NFKC", MARKER.sub(" ", text))
    return to_arabic(REPORT_COUNT.sub(" ", text))


def figure_of(match: re.Match) -> Figure:
    return Figure(match.group(1).replace(",", ""), match.group(2) or "", match.group(3) or "", match.group(4) or "")


def figures(text: str) -> list[Figure]:
    """The figures a reader would check in `text`, however they are written: Chinese numerals
    (九千九百九十九, 百分之三百), full-width, superscript and circled digits are read as digits."""
    return [figure_of(m) for m in FIGURE.finditer(figure_text(text))]


def holds(stated: "list[Figure] | Stated", figure: Figure) -> bool:
    if isinstance(stated, Stated):
        return stated.holds(figure)
    return any(figure.matches(s) for s in stated)


class Stated:
    """The figures cited quotes state, looked up by value: an answer listing a thousand reports checks
    each of its figures at once, not against every quoted figure (that was quadratic: ~0.3 s at 10,000
    reports). Same test as `Figure.matches`."""

    def __init__(self, stated: list[Figure]):
        self.units: dict[tuple[str, str, str], set[str]] = {}
        for f in stated:
            self.units.setdefault((f.number, f.magnitude, f.percent), set()).add(f.unit)

    def holds(self, figure: Figure) -> bool:
        units = self.units.get((figure.number, figure.magnitude, figure.percent))
        return units is not None and (not figure.unit or "" in units or any(same_kind(u, figure.unit) for u in units))


def source_label(source: str) -> str:
    """A report named by its file: without the sorting number people put in front ("12_hangzhou…")."""
    return re.sub(r"^[\d_\-. ]+", "", source) or source


def report_name(row: dict) -> str:
    """How an answer names a report: its agency, else its title, else its file name in 《》 (a label, not a claim)."""
    return row.get("agency") or row.get("title") or f"《{source_label(row['source'])}》"


def who(row: dict) -> str:
    """A report's label in answer lines: "单位(2023年度)"."""
    name = report_name(row)
    return f"{name}({row['year']}年度)" if row.get("year") else name


def cite_row(n: int, row: dict, section: str, paragraph: int, quote: str) -> Citation:
    """Citation `n` of a quote from the report of catalog row `row`."""
    return Citation(n, row["report_id"], row["source"], row.get("title"), row.get("agency"), row.get("year"),
                    section, paragraph, quote)


def unsupported_figures(answer: Answer) -> list[str]:
    """Figures in the answer that no cited quote states (as number, magnitude and kind of unit).

    Allowed besides: the reporting years of cited reports ("(2023年度)"), the number of reports
    cited as a count of reports ("共11份"), and the
    user's own question where the answer repeats it word for word, and the years the question names
    (a refusal says which asked year states nothing).
    """
    from index.numerals import full_years, years_in

    support = Stated([f for c in answer.citations for f in figures(c.quote)])
    years = {str(c.year) for c in answer.citations if c.year} | {str(y) for y in years_in(full_years(answer.question or ""), bare=True)}
    listed = str(len({c.report_id for c in answer.citations}))  # "共11份": the reports the answer cites

    def unsupported(text: str) -> list[str]:
        return [str(f) for f in figures(text) if not holds(support, f)
                and not (f.number in years and not f.magnitude and not f.percent)
                and not (f.unit == "份" and f.number == listed and not f.magnitude and not f.percent)]

    text = answer.answer.replace(answer.question, " ") if answer.question else answer.answer
    if not unsupported(text):
        return []  # the usual case, decided without the name removal below (costly for long lists)
    # A label is not a claim: the names of cited reports (agency, title, file name) may carry digits.
    names = {t for c in answer.citations for t in (c.agency, c.title, c.source, source_label(c.source)) if t}
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    return unsupported(text)


def uncertain_figures(answer: Answer) -> list[str]:
    """Figures of the answer that only digits OCR read with low confidence support: every cited quote
    stating the figure has it among its `uncertain` numbers. Such an answer is not a verified one."""
    doubtful = {u.replace(",", "").replace("，", "") for c in answer.citations for u in c.uncertain}
    if not doubtful:
        return []
    sure = [f for c in answer.citations for f in figures(c.quote)
            if f.number not in {u.replace(",", "").replace("，", "") for u in c.uncertain}]
    unsure = [f for c in answer.citations for f in figures(c.quote) if f.number in doubtful]
    return list(dict.fromkeys(str(f) for f in figures(answer.answer) if holds(unsure, f) and not holds(sure, f)))


def check_answer(answer: Answer) -> list[str]:
    """Contract violations, empty when the answer may be shown.

    Figures are checked wherever the answer cites; a refusal without citations
    only names reports and years from the index, and makes no claim to check.
    """
    problems = []
    used, numbers = set(markers(answer.answer)), {c.n for c in answer.citations}
    if used - numbers:
        problems.append(f"引用标记没有对应的出处:{sorted(used - numbers)}")
    if numbers - used:
        problems.append(f"出处没有被答案引用:{sorted(numbers - used)}")
    if answer.status == "answered" and not answer.citations:
        problems.append("答案没有出处")
    bad = unsupported_figures(answer) if answer.citations else []
    if bad:
        problems.append(f"数字不在任何所引原文中:{bad}")
    return problems


# HTML or markdown a question was pasted in ("<p>…</p>", "**…**", "```…```", "> …"): not part of it.
_MARKUP = re.compile(r"<[^<>]{0,200}>|```+|\*\*|__|^[ \t]{0,3}(?:#{1,6}|>|[-*+])[ \t]+", re.M)
_MARKUP_HINT = re.compile(r"[<`*#>_&]")
MAX_HISTORY_TURNS = 50  # a conversation's earlier turns a follow-up may send (only the last few are read)


def plain_question(question: str) -> str:
    """The question without the markup around it, entities read ("&amp;" is "&")."""
    import html

    return html.unescape(_MARKUP.sub(" ", question)).strip()


def validate_history(history) -> list[dict] | None:
    """Earlier turns of a conversation: at most MAX_HISTORY_TURNS, each a question's length at most."""
    if history is None:
        return None
    if not isinstance(history, list) or len(history) > MAX_HISTORY_TURNS:
        raise BadInput(f"history 最多 {MAX_HISTORY_TURNS} 轮对话")
    if any(isinstance(t, dict) and len(str(t.get("content", ""))) > 10 * MAX_QUESTION_CHARS for t in history):
        raise BadInput(f"history 中的每轮内容最多 {10 * MAX_QUESTION_CHARS} 个字符")
    return history


def validate_question(question, limit: int = MAX_QUESTION_CHARS) -> str:
    if isinstance(question, str) and _MARKUP_HINT.search(question):
        question = plain_question(question)
    if not isinstance(question, str) or not question.strip():
        raise BadInput("问题为空:请输入一个问题")
    try:
        question.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ("\ud800") from a JSON body is not text
        raise BadInput("问题中含有无效字符(不是有效的 Unicode 文本)")
    if len(question) > limit:
        raise BadInput(f"问题太长({len(question)} 个字符;最多 {limit} 个):请只输入问题本身,不要粘贴大段原文")
    return question.strip()


def validate_mode(mode) -> str:
    if mode is not None and mode not in MODES:
        raise BadInput(f"回答方式 mode 只能是 {', '.join(MODES)} 之一")
    return mode or "auto"


def validate_k(k) -> int:
    if not isinstance(k, int) or isinstance(k, bool) or not 1 <= k <= MAX_K:
        raise BadInput(f"k 必须是 1 到 {MAX_K} 之间的整数")
    return k
