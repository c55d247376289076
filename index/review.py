"""报告审查: one report checked against what an annual rule-of-law report must contain.

Pure functions of a report and the rules in data/review.toml: the document kind,
each of the five basic contents as a part of its own (a top-level heading),
inside another part (a sub-heading or a sentence) or missing, whether the text
looks whole, and the publication date against its deadline. Headings are read
by the words of a content, not one wording, in simplified script, so 存在不足和原因,
存在的問題和不足 and 问题与不足 are one content. A text that may have been cut calls
what it does not show 未知 (unknown), never missing.
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from . import numerals
from . import vocabulary as vocab
from .errors import ConfigError, file_problem
from .metadata import date_line
from .model import Paragraph, Report
from .normalize import normalize
from .orgnames import is_org_line
from .structure import heading_level

RULES_PATH = Path(__file__).resolve().parent.parent / "data" / "review.toml"
REVIEW_VERSION = "1"  # bump when the functions below change, so stored reviews are recomputed
PARTS = ("measures", "shortcomings", "leaders", "next_year", "other")
# A heading read as more than one content goes to the most specific one.
PRIORITY = ("leaders", "other", "shortcomings", "next_year", "measures")
KINDS = {"annual": "年度报告", "plan": "工作要点·计划", "other": "其他"}
_YEAR = re.compile(rf"(?<!\d)({numerals.YEAR_NUMBER})(?!\d)")  # any year of the title, 年 or not
_PLAN_OPENING = re.compile(r"制定本(?:要点|计划|方案)|特制定|现提出如下|(?:要点|计划|方案)如下")
_REPORT_OPENING = re.compile(r"现将.{0,30}(?:报告|汇报)如下|年度报告|工作情况报告|建设情况的?报告")


@dataclass(frozen=True)
class PartRule:
    key: str
    label: str
    heading: tuple[str, ...]
    avoid: tuple[str, ...]
    sentence: tuple[str, ...]
    ask: re.Pattern | None  # how a question names this content


@dataclass(frozen=True)
class Rules:
    parts: dict[str, PartRule]
    plan_words: tuple[str, ...]
    annual_words: tuple[str, ...]
    closing_parts: tuple[str, ...]
    ends_with: tuple[str, ...]
    should_state: tuple[str, ...]
    deadline: dict
    version: str


def _words(items) -> tuple[str, ...]:
    return tuple(normalize(w) for w in items or ())


def load_rules(path: Path | None = None) -> Rules:
    """The rules of data/review.toml (or `path`), read once; a file that does not parse is a ConfigError
    naming it. The default path is looked up at call time, so a test can point RULES_PATH elsewhere."""
    return _load_rules(path or RULES_PATH)


@lru_cache(maxsize=4)
def _load_rules(path: Path) -> Rules:
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"无法读取审查规则 {path}:{file_problem(exc) if isinstance(exc, OSError) else exc}")
    parts = {}
    for key in PARTS:
        item = data.get("parts", {}).get(key)
        if not item or not item.get("label") or not item.get("heading"):
            raise ConfigError(f"{path}:[parts.{key}] 需要 label 和 heading")
        parts[key] = PartRule(key, item["label"], _words(item["heading"]), _words(item.get("avoid")),
                              _words(item.get("sentence")), re.compile(item["ask"]) if item.get("ask") else None)
    kinds, whole = data.get("kinds", {}), data.get("completeness", {})
    version = hashlib.sha256(raw + REVIEW_VERSION.encode()).hexdigest()[:16]
    return Rules(parts, _words(kinds.get("plan")), _words(kinds.get("annual")),
                 tuple(whole.get("closing_parts", ("next_year", "other"))), tuple(whole.get("ends_with", ("。",))),
                 tuple(data.get("should_state", {}).get("indicators", ())), data.get("deadline", {}), version)


# --- the document kind --------------------------------------------------------------
def document_kind(report: Report, rules: Rules) -> tuple[str, str]:
    """(annual | plan | other, the reason): by the title's words, else by how the text opens (a
    plan says it sets tasks, a report tells the year's work), else by a heading of a report's part."""
    title = normalize(report.meta.title or "")
    if title:
        if (word := _first(title, rules.plan_words)) and "报告" not in title:
            return "plan", f"标题含“{word}”"
        if word := _first(title, rules.annual_words):
            return "annual", f"标题含“{word}”"
    opening = normalize("\n".join(p.text for p in report.paragraphs[:4]))
    if match := _PLAN_OPENING.search(opening):
        return "plan", f"开头称“{match.group()}”"
    if _REPORT_OPENING.search(opening):
        return "annual", f"开头称“{_REPORT_OPENING.search(opening).group()}”"
    year = report.meta.year
    if year and re.search(rf"(?:^|\n){year}年(?:以来|度)?[,，]", opening):  # "2023年,我局…": the year told
        return "annual", f"开头叙述{year}年的工作"
    for p in report.paragraphs:
        if p.is_heading and heading_parts(p.text, year, rules) in ("measures", "shortcomings", "leaders"):
            return "annual", f"有“{heading_text(p)}”这样的年度报告部分"
    return "other", "标题和开头都不像年度报告"


def _first(text: str, words) -> str | None:
    return next((w for w in words if w in text), None)


# --- the five contents --------------------------------------------------------------
def heading_text(p: Paragraph) -> str:
    """The heading line as written (its first 80 characters: a heading never runs longer)."""
    return p.text.strip()[:80]


def heading_parts(title: str, year: int | None, rules: Rules) -> str | None:
    """Which content a heading names, if any (most specific first); a heading of the next year's
    number ("2025年度…主要安排" in a 2024 report) is the next year's plan."""
    norm = normalize(title)
    if year and f"{year + 1}年" in norm and not _first(norm, rules.parts["next_year"].avoid):
        return "next_year"
    for key in PRIORITY:
        rule = rules.parts[key]
        if _first(norm, rule.heading) and not _first(norm, rule.avoid):
            return key
    return None


def find_parts(report: Report, kind: str, rules: Rules) -> dict[str, dict]:
    """Each content's status (part | inside | missing) with its quote and paragraph."""
    headings = [p for p in report.paragraphs if p.is_heading]
    levels = [heading_level(p.text) or 9 for p in headings]
    top = min(levels, default=None)
    found: dict[str, dict] = {}
    for p, level in zip(headings, levels):
        key = heading_parts(p.text, report.meta.year, rules)
        if key and (key not in found or (found[key]["status"] == "inside" and level == top)):
            found[key] = _cell("part" if level == top else "inside", heading_text(p), p.n)
    for key in PARTS:
        if key not in found and (cell := _sentence_cell(report.paragraphs, rules.parts[key].sentence)):
            found[key] = cell
    if "measures" not in found and kind == "annual":
        found["measures"] = _measures_by_topics(report.paragraphs, headings, levels, top, found)
    return {key: found.get(key) or _cell("missing") for key in PARTS}


def _measures_by_topics(paragraphs, headings, levels, top, found) -> dict:
    """An annual report laid out by its measures ("一、加强组织领导 二、…"): its first topical
    top-level heading is the part; without headings, its first sentence holds them inside."""
    taken = {c["paragraph"] for c in found.values()}
    first = next((p for p, level in zip(headings, levels) if level == top and p.n not in taken), None)
    if first is not None:
        return _cell("part", heading_text(first), first.n)
    body = next((p for p in paragraphs if not p.is_heading and p.sentences), None)
    return _cell("inside", body.sentences[0], body.n) if body else _cell("missing")


def _sentence_cell(paragraphs: list[Paragraph], words) -> dict | None:
    for p in paragraphs:
        if p.is_heading:
            continue
        for sentence in p.sentences:
            if _first(normalize(sentence), words):
                return _cell("inside", sentence, p.n)
    return None


def _cell(status: str, quote: str | None = None, paragraph: int | None = None) -> dict:
    return {"status": status, "quote": quote, "paragraph": paragraph}


# --- whole or cut -------------------------------------------------------------------
def completeness(report: Report, parts: dict[str, dict], kind: str, rules: Rules) -> tuple[bool, str]:
    """(whole, why): the last paragraph ends a sentence (or is a date or signature line), and an
    annual report also shows a closing part (下一年度安排, 其他) or a date line."""
    paragraphs = [p for p in report.paragraphs if p.text.strip()]
    if not paragraphs:
        return False, "没有正文"
    last = paragraphs[-1].text.strip()
    dated = any(date_line(p.text) for p in paragraphs[-3:])
    if "\ufffd" in last[-5:] or not (last.endswith(rules.ends_with) or dated or is_org_line(last)):
        return False, "正文在句中结束,可能不完整"
    closing = any(parts[key]["status"] != "missing" for key in rules.closing_parts)
    if kind == "annual" and not (closing or dated):
        return False, "没有下一年度安排等结尾部分,也没有落款日期,正文可能不完整"
    return True, "正文完整" if dated or closing else "正文以完整句子结束"


# --- year and publication -----------------------------------------------------------
def publication(report: Report) -> tuple[str | None, str | None]:
    """(ISO date, the page line that says it) when the page information says when it was published;
    a date under the signature is when it was signed, not published."""
    meta = report.meta
    if (meta.origin or {}).get("published") != "page" or not meta.published:
        return None, None
    quote = next((f.get("quote") for f in meta.page or [] if f.get("kind") == "published"), None)
    return meta.published, quote


def year_check(report: Report, published: str | None) -> dict:
    """The reported year against the title's year and the publication date."""
    meta = report.meta
    title_year = next((int(y) for y in _YEAR.findall(normalize(meta.title or ""))), None)
    notes = []
    if title_year and meta.year and title_year != meta.year:
        notes.append(f"标题写 {title_year} 年,正文为 {meta.year} 年")
    if published and meta.year and int(published[:4]) < meta.year:
        notes.append(f"发布日期 {published} 早于报告年度 {meta.year}")
    elif published and meta.year and int(published[:4]) - meta.year > 1:
        notes.append(f"发布日期 {published} 比报告年度 {meta.year} 晚一年以上,年度可能读错")
    return {"year": meta.year, "title_year": title_year, "ok": not notes, "note": ";".join(notes)}


def province_of(agency: str | None) -> str | None:
    """The province an agency's place lies in (from the gazetteer), for the province's deadline."""
    for place in vocab.resolve(vocab.place_mentions(normalize(agency or ""))):
        return place.parents[0] if place.parents else (place.name if place.tier == "省" else None)
    return None


def deadline_for(row: dict, rules: Rules) -> tuple[str | None, str]:
    """(the ISO date by which the report must be public, where the rule comes from): a report's own
    rule (by file name or id), else its province's, else the default; None without a year, and for a
    document that is no annual report (a 2013 工作要点 on a 2022 page has no "2014-04-01" to meet)."""
    rule = rules.deadline
    own = (rule.get("reports") or {}).get(row.get("source")) or (rule.get("reports") or {}).get(row.get("report_id"))
    chosen = own or (rule.get("provinces") or {}).get(province_of(row.get("agency")) or "") or rule
    public_by = chosen.get("public_by") or rule.get("public_by") or "04-01"
    source = chosen.get("source") or rule.get("source") or ""
    if not row.get("year") or row.get("kind", "annual") != "annual":
        return None, source
    month, day = (int(x) for x in public_by.split("-"))
    return date(row["year"] + 1, month, day).isoformat(), source


# --- one report ---------------------------------------------------------------------
def review_report(report: Report, rules: Rules | None = None) -> dict:
    """What ingest stores per report; the deadline and the indicators are joined when it is read."""
    rules = rules or load_rules()
    kind, why = document_kind(report, rules)
    parts = find_parts(report, kind, rules)
    whole, whole_why = completeness(report, parts, kind, rules)
    if not whole:
        parts = {k: c if c["status"] != "missing" else _cell("unknown") for k, c in parts.items()}
    published, quote = publication(report)
    return {"kind": kind, "kind_label": KINDS[kind], "kind_reason": why, "parts": parts, "complete": whole,
            "complete_reason": whole_why, "published": published, "published_quote": quote,
            "year_check": year_check(report, published)}
