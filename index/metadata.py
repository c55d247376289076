"""What a report says about itself: title, agency, year, dates, region, level, kind, script.

Every rule reads something the report states, and `origin` records which:
the title line (or the organisation line above a title that names none), the
opening sentence's subject ("2023年,生态环境部坚持…", "现将江门市农业农村局2024年…
报告如下"), a self-reference (我局, 本街道) resolved by an organisation of the same
kind that the report names in a document title or its page's 发布机构, the
signature block, or the page's 来源. Addressee lines ("市委、市政府:") and
organisations in leadership or award phrases ("在市委…领导下", "市司法局的指导下")
name someone else and are skipped. Anything not stated stays None.

Patterns run over `normalize(text)` (same length as the original) so one rule
covers simplified and traditional reports and values are sliced from the
original text: traditional stays traditional.
"""
from __future__ import annotations

import re
from collections import Counter

from .model import Paragraph, ReportMeta
from .normalize import detect_script, normalize
from .orgnames import (ORG_END, ORG_SUFFIX, REGION, is_org_line, kind_of, level_of, org_end, pinyin_span,
                       region_of)
from .structure import SENTENCE_END, heading_level

_TITLE_WORDS = ("报告", "要点", "总结", "情况", "年度", "计划", "方案")
MAX_TITLE_CHARS = 80
HEAD_PARAGRAPHS = 6  # a title sits among the first lines

_SELF = re.compile(r"(?:我|本)(分局|局|委|厅|部|办|中心|街道|镇|乡|县|区|市)")
_SKIP_CLAUSE = re.compile(r"^(?:在|根据|按照|据|为|围绕|遵照|依据)|(?<!\d)\d{1,2}月\d{1,2}日电|消息$")  # a news dateline ("中新网 3月29日电 据…消息") is not the author
# "省农业农村厅的正确指导下": an adverbial about other organisations, the subject comes after it.
_OTHERS_LEAD = re.compile(r"(?:领导|指导|关心|支持|要求|部署)(?:下|和)")
_LEAD_YEAR = re.compile(r"^(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年(?:度)?(?:以来|是[^,，]*)?")
_REPORT_INTRO = re.compile(r"现将(.{2,30}?)(?:\d{4})\s*年")
_DOC_NAME = re.compile(r"[《〈]([^》〉]{3,40})[》〉]")
# An addressee line ("市委、市人民政府:") names the recipient, not the author.
ADDRESSEE = re.compile(r"^(?!.*(?:现将|如下))[^。!?,，]{2,30}[:：]$")

_CN_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0}
_DATE = re.compile(r"(\d{4}|[〇零一二三四五六七八九]{4})\s*[年\-/.]\s*"
                   r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[月\-/.]\s*"
                   r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日?")
_YEAR = re.compile(r"(\d{4}|[〇零一二三四五六七八九]{4})\s*年")
_OPENING_YEAR = re.compile(r"(\d{4})年(?!\d{1,2}月)")
_REPORT_YEAR = re.compile(r"(\d{4})\s*年(?:度)?[^,，。;；:：]{0,24}?(?:报告|总结)")
_PLANNING = re.compile(r"安排|计划|打算|思路|下一年|明年|将(?:继续|进一步|持续|坚持|着力)")
SIGNATURE_WINDOW = 8


def extract_meta(paragraphs: list[Paragraph], hints: dict) -> ReportMeta:
    """ReportMeta from the paragraphs and the container's hints; unknown stays None.

    hints: title, published, source_line (container or page chrome), page
    (page-information fields, see pageinfo.py).
    """
    hints = hints or {}
    page = list(hints.get("page") or [])
    title, org_line = _title(paragraphs, hints)
    origin: dict = {}
    signature_org, signature_date = _signature(paragraphs)
    agency = _first_known(origin, "agency", [
        ("title", lambda: org_line or _agency_from_title(title)),
        ("opening", lambda: _agency_from_opening(paragraphs)),
        ("self-reference", lambda: _agency_from_self_reference(paragraphs, page)),
        ("file name", lambda: _agency_from_file_name(paragraphs, hints.get("source"))),
        ("signature", lambda: signature_org),
        ("page", lambda: _agency_from_page(hints.get("source_line"), page))])
    year = _first_known(origin, "year", [
        ("title", lambda: _year_in(title) if title else None),
        ("opening", lambda: _year_from_opening(paragraphs)),
        ("heading", lambda: _year_from_headings(paragraphs)),
        ("deadline", lambda: _year_of_plan(title, paragraphs))])
    published = _first_known(origin, "published", [
        ("page", lambda: next((d for f in page if f["kind"] == "published" and (d := _iso_date(f["value"]))), None)
         or _iso_date(hints.get("published"))),
        ("signature", lambda: signature_date)])
    return ReportMeta(title=title, agency=agency, year=year, published=published, region=region_of(agency),
                      level=level_of(agency), script=detect_script("\n".join(p.text for p in paragraphs)),
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


def _title(paragraphs: list[Paragraph], hints: dict) -> tuple[str | None, str | None]:
    """(title line, organisation line above it when the title names no organisation)."""
    head = [p for p in paragraphs[:HEAD_PARAGRAPHS] if not p.is_heading]
    for i, p in enumerate(head):
        if len(p.text) > MAX_TITLE_CHARS and any(ch in SENTENCE_END for ch in p.text):
            break  # the body has begun
        if _looks_like_title(p.text):
            above = head[i - 1].text.strip() if i and is_org_line(head[i - 1].text) else None
            return p.text.strip(), (above if above and not _agency_from_title(p.text) else None)
    hinted = (hints.get("title") or "").strip()
    return hinted or None, None


def _slice(original: str, start: int, end: int) -> str:
    return original[start:end].strip()


def _agency_from_title(title: str | None) -> str | None:
    """The organisation a title starts with ("广州市司法局关于…", "【2022年】州生态环境局2022年度…")."""
    if not title:
        return None
    norm = normalize(title)
    start = len(re.match(r"^(?:【[^】]*】|\[[^\]]*\]|\s)*", norm).group())
    lead = _LEAD_YEAR.match(norm[start:])
    start += lead.end() if lead else 0
    prefix = re.match(r"(.{2,40}?)\s*(?:关于|(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年|依法行政|法治)", norm[start:])
    if prefix and ORG_END.search(prefix.group(1)[-4:]) and re.search(rf"(?:{ORG_SUFFIX})$", prefix.group(1)):
        return _slice(title, start, start + prefix.end(1))
    end = org_end(norm, start)
    return _slice(title, start, end) if end else None


def _clauses(sentence: str) -> list[tuple[int, str]]:
    """(offset, clause) of a normalised sentence, split at commas and colons."""
    out, pos = [], 0
    for part in re.split(r"([,，;；:：])", sentence):
        if part and part not in ",，;；:：":
            out.append((pos, part))
        pos += len(part)
    return out


def _opening_sentences(paragraphs: list[Paragraph]) -> list[str]:
    """The first two sentences of the body (after title, organisation and addressee lines)."""
    out = []
    for p in paragraphs[:HEAD_PARAGRAPHS + 2]:
        if p.is_heading or (len(p.text) <= MAX_TITLE_CHARS and not any(c in SENTENCE_END for c in p.text)
                            and (_looks_like_title(p.text) or is_org_line(p.text) or ADDRESSEE.match(p.text)
                                 or len(p.text) < 12)):
            continue
        out += p.sentences
        if len(out) >= 2:
            break
    return out[:2]


def _agency_from_opening(paragraphs: list[Paragraph]) -> str | None:
    """The subject of the opening sentence, or the organisation of "现将X2023年…报告如下"."""
    for sentence in _opening_sentences(paragraphs):
        norm = normalize(sentence)
        intro = _REPORT_INTRO.search(norm)
        if intro and not _SELF.match(intro.group(1)):
            end = org_end(norm, intro.start(1))
            if end:
                return _slice(sentence, intro.start(1), end)
        for offset, clause in _clauses(norm):
            if _SKIP_CLAUSE.search(clause):
                continue
            lead = _LEAD_YEAR.match(clause)
            start = offset + (lead.end() if lead else 0)
            if start >= offset + len(clause):
                continue
            if _SELF.match(norm, start):
                return None  # the report names itself only as 我局: resolved elsewhere, never by a later name
            end = org_end(norm, start)
            if end:
                return _slice(sentence, start, end)
            if not _OTHERS_LEAD.search(clause):
                break  # the first clause with a subject decides
    return None


def _agency_from_self_reference(paragraphs: list[Paragraph], page: list[dict]) -> str | None:
    """"我局" + an organisation of the same kind the report names as its own (a document title
    "《江门市交通运输局制定…规程》", or the page's 发布机构), most frequent first."""
    text = "\n".join(p.text for p in paragraphs)
    norm = normalize(text)
    kinds = {m.group(1) for m in _SELF.finditer(norm)}
    if not kinds:
        return None
    found: Counter = Counter()
    for match in _DOC_NAME.finditer(norm):
        end = org_end(norm, match.start(1))
        name = text[match.start(1):end] if end else ""
        if name and REGION.match(normalize(name)) and any(normalize(name).endswith(k) for k in kinds):
            found[name] += 1
    for field in page:
        value = field["value"]
        if field["kind"] in ("publisher", "source") and any(normalize(value).endswith(k) for k in kinds) \
                and is_org_line(value):
            found[value] += 1
    return found.most_common(1)[0][0] if found else None


def _agency_from_file_name(paragraphs: list[Paragraph], source) -> str | None:
    """A report that calls itself only 我局, in a file the user named in pinyin after it
    ("19_chongqing_rongchang_shengtaihuanjingju_2022.txt"): the name is taken when the text
    holds the words the file name spells (荣昌 + 区, 生态环境 + 局), never invented from the name alone."""
    if not isinstance(source, str):
        return None
    norm = normalize("\n".join(p.text for p in paragraphs[:60]))
    kinds = [k for k in ("局", "委", "厅", "办") if re.search(rf"(?:我|本|市|区|县|州){k}", norm)]
    tokens = [t for t in re.split(r"[^a-z]+", source.lower().rsplit(".", 1)[0]) if len(t) >= 4]
    if not kinds or not tokens:
        return None
    ending = {"局": "ju", "委": "wei", "厅": "ting", "办": "ban"}[kinds[0]]
    core = next((c for t in tokens if t.endswith(ending) and (c := pinyin_span(norm, t[:-len(ending)]))), None)
    if not core:
        return None
    places = [m.group() for t in tokens if (p := pinyin_span(norm, t, range(2, 4)))
              for m in [re.search(rf"{p}(?:区|县|市|州)", norm)] if m]
    local = sorted(places, key=lambda p: p[-1] not in "区县")  # the most local place the file names
    return f"{local[0] if local else ''}{core}{kinds[0]}"


def _agency_from_page(source_line, page: list[dict]) -> str | None:
    """The page's 发布机构/来源 when it names a placed organisation (not an office like 政策法规处)."""
    values = [f["value"] for f in page if f["kind"] in ("publisher", "source")] + [source_line]
    for value in values:
        if isinstance(value, str) and REGION.match(normalize(value)) and is_org_line(value) \
                and not re.search(r"(?:处|科|室)$", normalize(value)):
            return value.strip()
    return None


def _signature(paragraphs: list[Paragraph]) -> tuple[str | None, str | None]:
    """(organisation, ISO date) of a closing "楚雄市综合行政执法局 / 2024年11月26日" block."""
    tail = paragraphs[-SIGNATURE_WINDOW:]
    for i in range(len(tail) - 1, -1, -1):
        date = _date_line(tail[i].text)
        if not date:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(tail) and is_org_line(tail[j].text):
                return tail[j].text.strip(), date
        return None, date
    return None, None


def _date_line(text: str) -> str | None:
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
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _year_in(text: str) -> int | None:
    match = _YEAR.search(normalize(text))
    if not match:
        return None
    year = _number(match.group(1))
    return year if 1990 <= year <= 2100 else None


def _year_from_opening(paragraphs: list[Paragraph]) -> int | None:
    """"现将…2022年度…报告如下", "司法部发布2023年…年度报告", or an opening "2023年,"."""
    for sentence in _opening_sentences(paragraphs):
        norm = normalize(sentence)
        for pattern in (_REPORT_INTRO, _REPORT_YEAR):
            match = pattern.search(norm)
            if match and (year := _year_in(norm[match.start():])):
                return year
        match = _OPENING_YEAR.match(norm)
        if match and not _PLANNING.search(norm) and 1990 <= int(match.group(1)) <= 2100:
            return int(match.group(1))
    return None


_DEADLINE = re.compile(r"(?<!\d)((?:19|20)\d\d)年(?:底|年底|年内|上半年|下半年|\d{1,2}月(?:底)?)前")


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
            if year := _year_in(head):
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
            setattr(meta, field, overrides[field])
            meta.origin[field] = "override"
    if overrides.get("agency"):
        meta.region, meta.level, meta.kind = region_of(meta.agency), level_of(meta.agency), kind_of(meta.agency)
    return meta
