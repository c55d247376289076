"""Indicator extraction (法治指标): the standard figures a report states, found once at ingest.

The catalogue (data/indicators.toml) names each indicator's wordings, units and
disqualifying words; this module only applies it. A figure belongs to an
indicator when it follows one of its wordings closely in the same clause
("收到行政复议申请786宗"), or directly precedes it ("16场法治宣传活动"), carries
one of its units, and nothing between or around says it is another quantity
(a change, a share, a breakdown, a plan, another year). Matching runs on the
normalised sentence, which has the original's length, so the quote and the
figure as written are cut from the original text: traditional stays traditional.
"""
from __future__ import annotations

import functools
import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from . import numerals
from . import vocabulary as vocab
from .chunking import SECTION_SEPARATOR
from .errors import ConfigError, file_problem
from .model import Report
from .normalize import normalize

CATALOGUE_PATH = Path(__file__).resolve().parent.parent / "data" / "indicators.toml"
EXTRACTOR_VERSION = "8"  # bump when the rules below change, so stored rows are re-extracted
MIN_QUOTE = 12  # a shorter clause is quoted with the clause before it, for context
MULTIPLIERS = {"万": 10_000, "亿": 100_000_000}
UNITS = tuple(vocab.units()["indicator"])
PERIOD = re.compile(r"\d{1,2}\s*[-—–~至到]\s*\d{1,2}\s*月(?:份)?|截至\s*\d{1,2}\s*月(?:底|末)?|截至目前|上半年|前三季度")
YEAR = numerals.YEAR
TITLE = re.compile(r"《[^》]*》")


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    kind: str  # rate | count | amount
    units: tuple[str, ...]
    terms: tuple[str, ...]  # normalised, in catalogue order
    context: tuple[str, ...] = ()
    context_in_sentence: bool = False  # look for the context in the sentence only, not the paragraph
    exclude: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    zero_terms: tuple[str, ...] = ()  # wordings a "none" statement uses ("全年无诉讼、无复议案件")


@dataclass(frozen=True)
class Catalogue:
    indicators: tuple[Indicator, ...]
    max_gap: int
    max_gap_before: int
    sentence_chars: int
    change_words: tuple[str, ...]
    gap_starts: tuple[str, ...]
    qualifiers_before: tuple[str, ...]
    qualifiers_after: tuple[str, ...]
    not_this_year: tuple[str, ...]
    version: str

    def get(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    @functools.cached_property
    def figure_pattern(self) -> re.Pattern:
        alt = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
        return re.compile(
            rf"(?P<pre>{alt(self.qualifiers_before)})?(?<![\d.第])(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)\s*"
            rf"(?P<mult>[万亿])?(?P<approx>余|多)?\s*(?P<unit>{alt(UNITS)})(?P<after>{alt(self.qualifiers_after)})?")


def _words(values, normalise: bool = True) -> tuple[str, ...]:
    return tuple(normalize(v) if normalise else v for v in values or ())


def load_catalogue(path: Path | None = None) -> Catalogue:
    """The catalogue file (data/indicators.toml, looked up at call time), checked: every indicator
    needs an id, label, kind, units and terms."""
    return _load_catalogue(path or CATALOGUE_PATH)


@functools.cache
def _load_catalogue(path: Path) -> Catalogue:
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"无法读取指标目录 {path}:{file_problem(exc)}")
    indicators = []
    for item in data.get("indicator", []):
        missing = [k for k in ("id", "label", "kind", "units", "terms") if not item.get(k)]
        if missing or item["kind"] not in ("rate", "count", "amount"):
            raise ConfigError(f"{path}:指标 {item.get('id', '?')!r} 需要 id、label、kind"
                              f"(rate|count|amount)、units 和 terms")
        in_sentence = item.get("context_scope", "paragraph") == "sentence"
        indicators.append(Indicator(item["id"], item["label"], item["kind"], tuple(item["units"]),
                                    _words(item["terms"]), _words(item.get("context")), in_sentence,
                                    _words(item.get("exclude")), _words(item.get("avoid")),
                                    _words(item.get("zero_terms"))))
    rules = data.get("extraction", {})
    version = hashlib.sha256(raw + EXTRACTOR_VERSION.encode()).hexdigest()[:16]
    return Catalogue(tuple(indicators), int(rules.get("max_gap", 12)), int(rules.get("max_gap_before", 8)),
                     int(rules.get("quote_sentence_chars", 0)),
                     _words(rules.get("change_words")), _words(rules.get("gap_starts")),
                     _words(rules.get("qualifiers_before")), _words(rules.get("qualifiers_after")),
                     _words(rules.get("not_this_year")), version)


@dataclass
class Figure:
    start: int  # with a leading qualifier ("约500人")
    num_start: int
    end: int  # with a trailing qualifier ("95%以上")
    value: float
    unit: str
    qualifiers: list[str]


def figures(norm: str, catalogue: Catalogue) -> list[Figure]:
    found = []
    for m in catalogue.figure_pattern.finditer(norm):
        value = float(m["num"].replace(",", "")) * MULTIPLIERS.get(m["mult"] or "", 1)
        unit = m["unit"]
        if m["mult"] and unit in ("元",):
            unit = m["mult"] + unit
            value /= MULTIPLIERS[m["mult"]]
        qualifiers = [q for q in (m["pre"], m["approx"], m["after"]) if q]
        found.append(Figure(m.start(), m.start("num"), m.end(), value, unit, qualifiers))
    return found


def clause_bounds(norm: str) -> list[tuple[int, int]]:
    """Clauses of a sentence: split at , ; : and sentence ends (a thousands comma "1,234" is no break)."""
    cuts = [i for i, ch in enumerate(norm) if ch in ";:!?。；：！？" or
            (ch == "," and not (i and norm[i - 1].isdigit() and re.match(r"\d{3}(?!\d)", norm[i + 1:])))]
    starts = [0] + [c + 1 for c in cuts]
    ends = cuts + [len(norm)]
    return [(s, e) for s, e in zip(starts, ends) if e >= s]


def term_spans(norm: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Occurrences of the wordings, a shorter one inside a longer match dropped."""
    spans: list[tuple[int, int]] = []
    for term in sorted(terms, key=len, reverse=True):
        for m in re.finditer(re.escape(term), norm):
            if not any(s <= m.start() and m.end() <= e for s, e in spans):
                spans.append((m.start(), m.end()))
    return sorted(spans)


def _clause_of(bounds, pos: int) -> tuple[int, int]:
    return next(((s, e) for s, e in bounds if s <= pos <= e), (0, 0))


@dataclass
class Sentence:
    """One sentence in its paragraph, with the paragraph's normalised text before it (for context)."""

    text: str
    norm: str
    before: str  # normalised paragraph text before this sentence
    paragraph: int
    section: str
    year: int | None


def candidates(s: Sentence, span: tuple[int, int], figs: list[Figure], bounds, cat: Catalogue) -> list[Figure]:
    """Figures a wording occurrence may state, best first: one right before it ("16场法治宣传活动"),
    the next one after it in its clause ("收到行政复议申请786宗"), one a few characters before it."""
    ts, te = span
    cs, ce = _clause_of(bounds, ts)
    before = next((f for f in reversed(figs) if f.end <= ts), None)
    before = before if before and before.start >= cs and _gap_ok(s.norm[before.end:ts], cat, cat.max_gap_before) \
        else None
    after = next((f for f in figs if f.start >= te), None)
    after = after if after and after.start <= ce and _gap_ok(s.norm[te:after.num_start], cat, cat.max_gap) else None
    if before and not s.norm[before.end:ts].strip():  # "18件规范性文件、68件上会文件": the count right before
        return [f for f in (before, after) if f]
    return [f for f in (after, before) if f]


def _gap_ok(gap: str, cat: Catalogue, limit: int) -> bool:
    return (len(gap) <= limit and not re.search(r"\d", gap) and not any(w in gap for w in cat.change_words)
            and not gap.startswith(cat.gap_starts))


def valid(ind: Indicator, s: Sentence, span: tuple[int, int], fig: Figure, bounds, cat: Catalogue) -> bool:
    """Unit, disqualifying words, context and year: is this the indicator's own figure for the report year?"""
    if fig.unit not in ind.units:
        return False
    cs, _ = _clause_of(bounds, min(span[0], fig.start))
    _, ce = _clause_of(bounds, max(span[1], fig.end))
    upto = s.before + s.norm[:fig.end]
    if any(w in s.norm[cs:ce] for w in ind.exclude) or any(w in s.norm[:fig.end] for w in ind.avoid):
        return False
    scope = s.norm[:fig.end] if ind.context_in_sentence else upto
    if ind.context and not any(w in scope for w in ind.context):
        return False
    lead = TITLE.sub("", s.norm[:fig.start])
    if any(re.search(re.escape(w) + r"(?![,;:。；：、)）]|$)", lead) for w in cat.not_this_year):
        return False  # "计划开展…" is a plan; a "学习计划," ending its clause is a thing the report names
    return not (s.year and any(int(y) != s.year for y in YEAR.findall(lead)))


def quote_span(s: Sentence, bounds, start: int, end: int) -> tuple[int, int]:
    """Whole clauses covering [start, end), one more before when that is too short to read alone."""
    first = next(i for i, (cs, ce) in enumerate(bounds) if cs <= start <= ce)
    last = next(i for i, (cs, ce) in enumerate(bounds) if cs <= end <= ce)
    if first and bounds[last][1] - bounds[first][0] < MIN_QUOTE:
        first -= 1
    return bounds[first][0], bounds[last][1]


def row(ind: Indicator, s: Sentence, span, fig: Figure, bounds, sentence_chars: int = 0) -> dict:
    qualifiers = list(fig.qualifiers)
    start, end = min(span[0], fig.start), max(span[1], fig.end)
    period = list(PERIOD.finditer(s.norm[:fig.start]))
    if period:
        qualifiers.insert(0, s.text[period[-1].start():period[-1].end()])
        start = min(start, period[-1].start())
    qs, qe = quote_span(s, bounds, start, end)
    lead = [m.start() for w in ind.context for m in re.finditer(re.escape(w), s.norm[:qs])]
    if lead and not any(w in s.norm[qs:qe] for w in ind.context):  # show what it is of ("学法考试…,参加率…")
        qs, qe = quote_span(s, bounds, max(lead), end)
    quote = s.text[qs:qe].strip().rstrip("。;；,，")
    if len(s.text.strip()) <= sentence_chars:  # a short sentence is quoted whole, as a reader finds it
        quote = s.text.strip()
    return {"indicator": ind.id, "label": ind.label, "value": fig.value, "unit": fig.unit,
            "text": s.text[fig.start:fig.end], "qualifier": "、".join(qualifiers), "quote": quote,
            "paragraph": s.paragraph, "section": s.section}


def sentences(report: Report):
    for p in report.paragraphs:
        if p.is_heading:
            continue
        section, before = SECTION_SEPARATOR.join(p.section), ""
        for text in p.sentences:
            norm = normalize(text)
            yield Sentence(text, norm, before, p.n, section, report.meta.year)
            before += norm


ZERO = re.compile(r"(?:无|未发生|没有发生|未出现|零)$")


def zero_row(ind: Indicator, s: Sentence, sentence_chars: int = 0) -> dict | None:
    """A count the report states as none, written in words ("全年无诉讼、无复议案件"): value 0, the
    figure as written ("无"); only a count, and only where nothing says it is another year's."""
    if ind.kind != "count":
        return None
    bounds = clause_bounds(s.norm)
    for span in term_spans(s.norm, ind.terms + ind.zero_terms):
        word = ZERO.search(s.norm[max(0, span[0] - 4):span[0]])
        start = span[0] - len(word.group()) if word else 0
        if word and not any(w in s.norm[start:span[1] + 2] for w in ind.exclude):
            fig = Figure(start, start, span[0], 0.0, ind.units[0], [])
            zero = row(ind, s, span, fig, bounds, sentence_chars)
            return {**zero, "unit": ind.units[0], "text": s.text[start:span[0]]}
    return None


def extract(report: Report, catalogue: Catalogue | None = None) -> list[dict]:
    """One row per indicator the report states: its first statement in reading order (a figure;
    else a "none" statement in words)."""
    cat = catalogue or load_catalogue()
    found: dict[str, dict] = {}
    zeros: dict[str, dict] = {}
    for s in sentences(report):
        for ind in cat.indicators:
            if ind.id not in zeros and (zero := zero_row(ind, s, cat.sentence_chars)):
                zeros[ind.id] = zero
        figs = figures(s.norm, cat)
        if not figs:
            continue
        bounds = clause_bounds(s.norm)
        for ind in cat.indicators:
            if ind.id in found:
                continue
            for span in term_spans(s.norm, ind.terms):
                fig = next((f for f in candidates(s, span, figs, bounds, cat) if valid(ind, s, span, f, bounds, cat)),
                           None)
                if fig:
                    found[ind.id] = row(ind, s, span, fig, bounds, cat.sentence_chars)
                    break
    found = {**zeros, **found}
    order = {ind.id: i for i, ind in enumerate(cat.indicators)}
    return sorted(found.values(), key=lambda r: order[r["indicator"]])
