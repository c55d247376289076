"""What a report says about itself: title, agency, year, dates, region, level, kind, script.

Every value reads something the report states, and `origin` records which. The
author is chosen among scored candidates (authors.py): the title line or the
organisation lines around it, the opening sentence's subject ("2023年,生态环境部坚持…",
"现将江门市农业农村局2024年…报告如下"), a self-reference (我局, 我县, 本街道) resolved by
what the report names as its own, the signature block, the page's 发布机构/来源.
Addressee lines ("市委、市政府:") and organisations in leadership or award phrases
("在市委…领导下", "市司法局的指导下") name someone else and are skipped. Level comes
from the gazetteer (index/vocabulary/). Anything not stated stays None.

Patterns run over `normalize(text)` (same length as the original) so one rule
covers simplified and traditional reports and values are sliced from the
original text: traditional stays traditional.
"""
from __future__ import annotations

import re
from collections import Counter

from . import authors, numerals
from . import vocabulary as vocab
from .model import Paragraph, ReportMeta
from .normalize import detect_script, normalize
from .opening_subjects import REPORT_INTRO
from .orgnames import is_org_line, kind_of, level_of, region_of, seat_of
from .structure import SENTENCE_END, heading_level

_TITLE_WORDS = ("报告", "要点", "总结", "情况", "年度", "计划", "方案")
MAX_TITLE_CHARS = 80
HEAD_PARAGRAPHS = 6  # a title sits among the first lines
HEAD_CHARS = 20_000  # where a report names itself and its place: the rest is read for nothing

# An addressee line ("市委、市人民政府:") names the recipient, not the author.
ADDRESSEE = re.compile(r"^(?!.*(?:现将|如下))[^。!?,，]{2,30}[:：]$")

_DATE = re.compile(rf"({numerals.WRITTEN_YEAR})\s*[年\-/.]\s*"
                   rf"(\d{{1,2}}|[{numerals.SMALL}]{{1,3}})\s*[月\-/.]\s*"
                   rf"(\d{{1,2}}|[{numerals.SMALL}]{{1,3}})\s*日?")
_YEAR = re.compile(rf"({numerals.WRITTEN_YEAR})\s*年")
_OPENING_YEAR = re.compile(r"(\d{4})年(?!\d{1,2}月)")
_REPORT_YEAR = re.compile(r"(\d{4})\s*年(?:度)?[^,，。;；:：]{0,24}?(?:报告|总结)")
_PLANNING = re.compile(r"安排|计划|打算|思路|下一年|明年|将(?:继续|进一步|持续|坚持|着力)")
SIGNATURE_WINDOW = 8
# An opening "2025年,…" is next year's plan when a planning word stands this close to the year
# ("2025年,我局将…", "2025年工作安排"); later in the sentence it is the year's own work ("…按照市委安排部署"). Chosen.
PLAN_WINDOW = 30


# What a spreadsheet would start a formula with ("=己县司法局关于…", "=HYPERLINK(…)"): never the start of a
# name, so a read or corrected agency or title does not keep it (exports neutralise every cell too).
FORMULA_START = re.compile(r"^[\s=+\-@]+")


def plain_name(text: str | None) -> str | None:
    """An agency or title without a leading formula character; None when nothing else is left."""
    if not text:
        return text
    return FORMULA_START.sub("", text) or None


def extract_meta(paragraphs: list[Paragraph], hints: dict) -> ReportMeta:
    """ReportMeta from the paragraphs and the container's hints; unknown stays None.

    hints: title, published, source_line (container or page chrome), page
    (page-information fields, see pageinfo.py).
    """
    hints = hints or {}
    page = list(hints.get("page") or [])
    title, org_line = _title(paragraphs, hints)
    title = plain_name(title)
    origin: dict = {}
    signature_org, signature_date = _signature(paragraphs)
    text = "\n".join(p.text for p in paragraphs)
    head_text = normalize(text[:HEAD_CHARS])
    author = authors.choose(authors.gather(
        title, org_line, [p for p in paragraphs[:HEAD_PARAGRAPHS + 2] if not p.is_heading], _opening_sentences(paragraphs),
        text[:HEAD_CHARS], signature_org, page, hints.get("source_line"),
        authors.from_file_name(paragraphs, hints.get("source"))), head_text)
    agency = plain_name(author.agency)
    if agency:
        origin["agency"] = author.origin
    published = _first_known(origin, "published", [
        ("page", lambda: next((d for f in page if f["kind"] == "published" and (d := _iso_date(f["value"]))), None)
         or _iso_date(hints.get("published"))
         or next((d for f in page if f["label"] == "生成日期" and (d := _iso_date(f["value"]))), None)),
        ("signature", lambda: signature_date)])
    # A report is never about a year after it was published.
    latest = int(published[:4]) if published else 2100
    possible = lambda year: year if year and year <= latest else None  # noqa: E731
    year = _first_known(origin, "year", [
        ("title", lambda: possible(_year_in(title)) if title else None),
        ("opening", lambda: possible(_year_from_opening(paragraphs))),
        ("heading", lambda: possible(_year_from_headings(paragraphs))),
        ("deadline", lambda: possible(_year_of_plan(title, paragraphs))),
        ("text", lambda: possible(_year_most_stated(head_text)))])
    level = level_of(agency) or (vocab.tier_words(head_text) if agency else None)
    return ReportMeta(title=title, agency=agency, year=year, published=published, region=region_of(agency),
                      seat=seat_of(agency, head_text) if level == "街道乡镇" else None,
                      level=level,
                      script=detect_script(text), confidence=author.confidence, authors=author.authors,
                      sector=vocab.field_of(normalize(agency)) if agency else None,
                      kind=kind_of(agency), origin=origin, page=page)


def _first_known(origin: dict, field: str, rules) -> object:
    """The value of the first rule that finds one, noting which rule it was."""
    for name, rule in rules:
        value = rule()
        if value:
            origin[field] = name
            return value
    return None


def _looks_like_title(text: str) -> bool:
    """Short, no sentence end, no outline marker, not an addressee or intro line, and a title word."""
    norm = normalize(text)
    return (0 < len(text) <= MAX_TITLE_CHARS and not any(ch in SENTENCE_END for ch in text)
            and heading_level(text) is None and not ADDRESSEE.match(norm) and "现将" not in norm
            and "如下" not in norm and not norm.startswith("根据") and any(w in norm for w in _TITLE_WORDS))


def _continues(above: str, line: str) -> bool:
    """Is `line` the end of a title whose start is the line `above` (broken inside its words: "X局2025年
    法治政府" / "建设年度报告")?"""
    start = normalize(above.strip())
    return vocab.generic_title(normalize(line)) and not any(ch in SENTENCE_END for ch in start) \
        and 0 < len(start) + len(line.strip()) <= MAX_TITLE_CHARS and heading_level(above) is None \
        and bool(re.search(r"(?:\d{4}年度?)$", start) or vocab.generic_title(start[-2:]))


def _title(paragraphs: list[Paragraph], hints: dict) -> tuple[str | None, str | None]:
    """(title line, organisation line above it when the title names no organisation)."""
    head = [p for p in paragraphs[:HEAD_PARAGRAPHS] if not p.is_heading]
    for i, p in enumerate(head):
        if len(p.text) > MAX_TITLE_CHARS and any(ch in SENTENCE_END for ch in p.text):
            break  # the body has begun
        if _looks_like_title(p.text):
            above = head[i - 1].text.strip() if i and is_org_line(head[i - 1].text) else None
            if i and not above and _continues(head[i - 1].text, p.text):
                return head[i - 1].text.strip() + p.text.strip(), None
            return p.text.strip(), (above if above and not authors.from_title(p.text) else None)
    hinted = (hints.get("title") or "").strip()
    return hinted or None, None


def _opening_sentences(paragraphs: list[Paragraph]) -> list[str]:
    """The first two sentences of the body (after title, organisation and addressee lines, and page
    lines without a punctuation mark: a site's name and slogan are no sentences)."""
    out = []
    for p in paragraphs[:HEAD_PARAGRAPHS + 2]:
        if p.is_heading or (len(p.text) <= MAX_TITLE_CHARS and not any(c in SENTENCE_END for c in p.text)
                            and (_looks_like_title(p.text) or is_org_line(p.text) or ADDRESSEE.match(p.text)
                                 or len(p.text) < 12 or not re.search(r"[，,；;：:、]", normalize(p.text)))):
            continue
        out += p.sentences
        if len(out) >= 2:
            break
    return out[:2]


def _signature(paragraphs: list[Paragraph]) -> tuple[str | None, str | None]:
    """(organisation, ISO date) of a closing "楚雄市综合行政执法局 / 2024年11月26日" block."""
    tail = paragraphs[-SIGNATURE_WINDOW:]
    for i in range(len(tail) - 1, -1, -1):
        date = date_line(tail[i].text)
        if not date:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(tail) and is_org_line(tail[j].text):
                return tail[j].text.strip(), date
        return None, date
    return None, None


def date_line(text: str) -> str | None:
    """The ISO date when the whole line is a date ("2024年11月26日"), else None."""
    match = _DATE.fullmatch(normalize(text).strip())
    return _iso_from_match(match) if match else None


def _iso_date(value) -> str | None:
    """A hint's date ("2024-01-09", "2024-01-09 16:49", "2024年1月9日") as ISO, else None."""
    if not isinstance(value, str):
        return None
    match = _DATE.search(normalize(value))
    return _iso_from_match(match) if match else None


def _iso_from_match(match: re.Match) -> str | None:
    year, month, day = (_number(g) for g in match.groups())
    if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _number(text: str) -> int:
    """Arabic or Chinese numerals: "2024", "二〇二四" (digit by digit), "二十六"."""
    value = numerals.value_of(text)
    return int(value) if value is not None else -1


def _year_in(text: str) -> int | None:
    match = _YEAR.search(normalize(text))
    if not match:
        return None
    year = _number(match.group(1))
    return year if 1990 <= year <= 2100 else None


_DOCUMENT_OR_RANGE = re.compile(rf"《[^》]{{0,80}}》|{numerals.YEAR_NUMBER}\s*[—–\-~至到]+\s*(?:19|20)?\d\d\s*年?")


def _masked(norm: str) -> str:
    """The text with document names and year ranges blanked (same length): "《…纲要(2023—2027年)》" names
    another document's period, not the year reported on."""
    return _DOCUMENT_OR_RANGE.sub(lambda m: " " * len(m.group()), norm)


def _year_most_stated(norm: str) -> int | None:
    """The year the text states most ("2022年…", outside document names, ranges and plans), when it leads:
    the last resort of a report that starts mid-way ("一、基本情况")."""
    stated = [s for s in re.split(r"[。!?！？\n]", _masked(norm)) if not _PLANNING.search(s)]
    counts = Counter(int(m.group(1)) for s in stated for m in numerals.YEAR.finditer(s)
                     if not re.match(r"\s*(?:底|前|内)", s[m.end():]))
    ranked = counts.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _year_from_opening(paragraphs: list[Paragraph]) -> int | None:
    """"现将…2022年度…报告如下", "司法部发布2023年…年度报告", or an opening "2023年,"."""
    for sentence in _opening_sentences(paragraphs):
        norm = _masked(normalize(sentence))
        for pattern in (REPORT_INTRO, _REPORT_YEAR):
            match = pattern.search(norm)
            if match and (year := _year_in(norm[match.start():])):
                return year
        match = _OPENING_YEAR.match(norm)
        if match and not _PLANNING.search(norm[:PLAN_WINDOW]) and 1990 <= int(match.group(1)) <= 2100:
            return int(match.group(1))
    return None


_DEADLINE = re.compile(rf"(?<!\d)({numerals.YEAR_NUMBER})年(?:底|年底|年内|上半年|下半年|\d{{1,2}}月(?:底)?)前")


def _year_of_plan(title: str | None, paragraphs: list[Paragraph]) -> int | None:
    """A work plan (要点, 计划) that names no year plans for the year its deadlines fall in
    ("2013年底前完成…"): the first deadline's year."""
    if not title or not re.search(r"要点|计划|安排", normalize(title)):
        return None
    for paragraph in paragraphs:
        match = _DEADLINE.search(normalize(paragraph.text))
        if match:
            return int(match.group(1))
    return None


def _year_from_headings(paragraphs: list[Paragraph]) -> int | None:
    for paragraph in paragraphs:
        if heading_level(paragraph.text) == 1 and not _PLANNING.search(normalize(paragraph.text)):
            head = paragraph.section[-1] if paragraph.section else paragraph.text
            if year := _year_in(_masked(normalize(head))):
                return year
    return None


OVERRIDABLE = ("agency", "year", "title")


def apply_overrides(meta: ReportMeta, overrides: dict) -> ReportMeta:
    """The user's corrections (a sidecar file or `rolqa ingest --agency/--year`) win over the rules;
    region, level and kind follow the corrected agency, and `origin` says "override"."""
    if not overrides:
        return meta
    for field in OVERRIDABLE:
        if overrides.get(field) is not None:
            setattr(meta, field, plain_name(overrides[field]) if field != "year" else overrides[field])
            meta.origin[field] = "override"
    if overrides.get("agency") and meta.agency:
        meta.region, meta.level, meta.kind = region_of(meta.agency), level_of(meta.agency), kind_of(meta.agency)
        meta.seat = meta.seat if meta.level == "街道乡镇" and not vocab.place_mentions(normalize(meta.agency)) else None
        meta.sector, meta.confidence, meta.authors = vocab.field_of(normalize(meta.agency)), 1.0, []
    return meta
