"""What a report says about itself: title, agency, year, dates, region, level, script.

Every rule reads something the report states (its title line, its signature
block, its opening sentence) or a hint its container stated; anything else stays
None. Patterns run over `normalize(text)` so one rule covers simplified and
traditional reports, and because `normalize` preserves length, the value is
sliced from the original text at the same offsets (traditional stays traditional).
"""
from __future__ import annotations

import re

from .model import Paragraph, ReportMeta
from .normalize import detect_script, normalize
from .structure import SENTENCE_END, heading_level

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
# Words a report title carries ("…年度报告", "…依法行政要点", "…工作总结").
_TITLE_WORDS = ("报告", "要点", "总结", "情况", "年度", "工作", "计划", "方案")
MAX_TITLE_CHARS = 80

_PLACE_SUFFIX = "自治区|自治州|自治县|地区|省|市|州|盟|区|县|旗"
# A place name is 2–8 characters that are neither place suffixes nor the
# words that precede names in prose ("在市委市政府的领导下", "2023年度南京市…").
_NAME_CHAR = rf"[^\W\d_省市区县旗委年度的以在是了将把为从向我坚持领导]"
_PLACE = rf"{_NAME_CHAR}{{2,8}}?(?:{_PLACE_SUFFIX})"
_SUBDISTRICT = rf"{_NAME_CHAR}{{2,6}}?(?:街道|镇|乡)"
# At most four nested places (省 › 市 › 区 › 街道), taken atomically: unbounded, "甲乙州丙丁州…"
# splits in exponentially many ways and a search restarts the whole run at every character.
_PLACES = rf"(?>(?:{_PLACE}){{1,4}})"
_REGION = re.compile(rf"(?:中共)?({_PLACES}(?:{_SUBDISTRICT})?)")
_ORG_SUFFIX = ("人民政府|政府|委员会|办公室|办事处|管委会|中心|法院|检察院|司法所|"
               "大队|支队|局|厅|委|办|署|街道")
_ORG_MIDDLE = rf"[^\W\d_的以在是了将把为从向我坚持领导]{{0,20}}?"
# An organisation named with its place: "楚雄市综合行政执法局", "广州市花都区人民政府",
# "东湖街道办事处" (a subdistrict may stand alone: its district is often left out).
_PLACED_ORG = re.compile(rf"(?:中共)?(?:{_PLACES}(?:{_SUBDISTRICT})?|{_SUBDISTRICT}){_ORG_MIDDLE}(?:{_ORG_SUFFIX})")
# A signature line may omit the place ("区城管局"): a short name ending in a suffix.
_SIGNATURE_ORG = re.compile(rf"[{_CJK}、()（）]{{2,40}}(?:{_ORG_SUFFIX})")
_TITLE_PREFIX = re.compile(r"^(.{2,40}?)(?:关于|(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年)")

_CN_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0}
_DATE = re.compile(r"(\d{4}|[〇零一二三四五六七八九]{4})\s*[年\-/.]\s*"
                   r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[月\-/.]\s*"
                   r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日?")
_YEAR = re.compile(r"(\d{4}|[〇零一二三四五六七八九]{4})\s*年")
_OPENING_YEAR = re.compile(r"(\d{4})年(?!\d{1,2}月)")
# A paragraph about next year's plans names that year, not the reported one.
_PLANNING = re.compile(r"安排|计划|打算|思路|下一年|明年|将(?:继续|进一步|持续|坚持|着力)")
SIGNATURE_WINDOW = 8  # the signature block sits in the last few paragraphs


def extract_meta(paragraphs: list[Paragraph], hints: dict) -> ReportMeta:
    """ReportMeta from the paragraphs and the container's hints; unknown stays None."""
    hints = hints or {}
    title = _title(paragraphs, hints)
    signature_org, signature_date = _signature(paragraphs)
    agency = (_agency_from_title(title) or signature_org or _agency_from_opening(paragraphs)
              or _agency_from_source_line(hints.get("source_line")))
    return ReportMeta(
        title=title,
        agency=agency,
        year=_reported_year(title, paragraphs),
        published=_iso_date(hints.get("published")) or signature_date,
        region=_region(agency),
        level=_level(agency),
        script=detect_script("\n".join(p.text for p in paragraphs)),
    )


def _looks_like_title(text: str) -> bool:
    """Short, no sentence end, no outline marker, and a word titles use."""
    norm = normalize(text)
    return (0 < len(text) <= MAX_TITLE_CHARS and not any(ch in SENTENCE_END for ch in text)
            and heading_level(text) is None and any(word in norm for word in _TITLE_WORDS))


def _title(paragraphs: list[Paragraph], hints: dict) -> str | None:
    if paragraphs and _looks_like_title(paragraphs[0].text):
        return paragraphs[0].text
    hinted = (hints.get("title") or "").strip()
    return hinted or None


def _slice(original: str, match: re.Match, group: int = 0) -> str:
    """The original-script text at a match found in normalize(original)."""
    return original[match.start(group):match.end(group)]


def _agency_from_title(title: str | None) -> str | None:
    """"X关于2023年度…的报告" / "X2023年…报告" → X; else a placed organisation in it.

    A title with neither ("区城管依法行政要点") gives None: without 关于 or a
    year nothing marks where the agency's name ends.
    """
    if not title:
        return None
    norm = normalize(title)
    prefix = _TITLE_PREFIX.match(norm)
    if prefix and re.search(rf"(?:{_ORG_SUFFIX}|{_PLACE_SUFFIX})$", prefix.group(1).strip()):
        start, end = prefix.span(1)
        return title[start:end].strip()
    found = _PLACED_ORG.search(norm)
    return _slice(title, found) if found else None


def _signature(paragraphs: list[Paragraph]) -> tuple[str | None, str | None]:
    """(organisation, ISO date) of a closing "楚雄市综合行政执法局 / 2024年11月26日" block."""
    tail = paragraphs[-SIGNATURE_WINDOW:]
    for i in range(len(tail) - 1, -1, -1):
        date = _date_line(tail[i].text)
        if not date:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(tail) and _SIGNATURE_ORG.fullmatch(normalize(tail[j].text)):
                return tail[j].text, date
        return None, date
    return None, None


def _date_line(text: str) -> str | None:
    """ISO date when the whole line is a date ("2024年1月9日", "二〇二四年一月九日")."""
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


def _first_body(paragraphs: list[Paragraph]) -> Paragraph | None:
    """The first paragraph that is neither the title nor a heading."""
    for index, paragraph in enumerate(paragraphs):
        if paragraph.is_heading or (index == 0 and _looks_like_title(paragraph.text)):
            continue
        return paragraph
    return None


def _agency_from_opening(paragraphs: list[Paragraph]) -> str | None:
    """"2024年,在…领导下,楚雄市综合行政执法局坚持…" → 楚雄市综合行政执法局."""
    first = _first_body(paragraphs)
    if not first or not first.sentences:
        return None
    sentence = first.sentences[0]
    found = _PLACED_ORG.search(normalize(sentence))
    return _slice(sentence, found) if found else None


def _agency_from_source_line(source_line) -> str | None:
    if not isinstance(source_line, str) or not source_line.strip():
        return None
    text = source_line.strip()
    return text if _PLACED_ORG.fullmatch(normalize(text)) else None


def _year_in(text: str) -> int | None:
    match = _YEAR.search(normalize(text))
    if not match:
        return None
    year = _number(match.group(1))
    return year if 1990 <= year <= 2100 else None


def _reported_year(title: str | None, paragraphs: list[Paragraph]) -> int | None:
    """The year reported on: title, else a level-1 heading, else the opening "2023年,".

    Never the publication year: a report on 2023 is often published in 2024.
    """
    if title and (year := _year_in(title)):
        return year
    for paragraph in paragraphs:
        norm = normalize(paragraph.text)
        if heading_level(paragraph.text) == 1 and not _PLANNING.search(norm):
            if year := _year_in(_heading_head(paragraph)):
                return year
    first = _first_body(paragraphs)
    if first and first.sentences:
        sentence = normalize(first.sentences[0])
        match = _OPENING_YEAR.match(sentence)
        if match and not _PLANNING.search(sentence) and 1990 <= int(match.group(1)) <= 2100:
            return int(match.group(1))
    return None


def _heading_head(paragraph: Paragraph) -> str:
    """A heading's own words: the whole line, or the title part of a prose line."""
    return paragraph.section[-1] if paragraph.section else paragraph.text


def _region(agency: str | None) -> str | None:
    """Leading place names of the agency: "广州市增城区城市管理…局" → "广州市增城区"."""
    if not agency:
        return None
    match = _REGION.match(normalize(agency))
    return _slice(agency, match, 1) if match else None


def _level(agency: str | None) -> str | None:
    """省 | 市 | 区县 | 部门 | 街道, as far as the agency's name states it.

    Townships (镇/乡人民政府) count as 街道: the same tier as a subdistrict.
    """
    if not agency:
        return None
    norm = normalize(agency)
    if re.search(r"(?:街道办事处|街道办|街道|镇人民政府|乡人民政府|镇政府|乡政府)$", norm):
        return "街道"
    region = _REGION.match(norm)
    if re.search(r"政府$", norm) or (region and region.end() == len(norm)):
        return _place_level(region.group(1)) if region else None
    if re.search(r"(?:局|委员会|委|办公室|办|厅|署|中心|大队|支队|司法所)$", norm):
        return "部门"
    return None


def _place_level(region: str) -> str | None:
    """Level of a government named by its last place: …省 → 省, …区/县 → 区县, …市/州 → 市."""
    if re.search(r"(?:省|自治区)$", region):
        return "省"
    if re.search(r"(?:区|县|旗|自治县)$", region):
        return "区县"
    if re.search(r"(?:市|州|自治州|盟|地区)$", region):
        return "市"
    return None
