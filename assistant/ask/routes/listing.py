"""Which reports are …: listings over what the reports state about themselves, complete, each line cited.

"哪些报告是县级的 / 乡镇的 / 开发区的 / 省级政府的 / 人社部门的 / 繁体字的 / 2024年度的?", "哪些是国务院
部门或省级政府的报告?", "哪些报告不是2023年度的?", "哪份报告发布得最早?", "各报告是几月份发布的?": the
catalog holds each report's level (from the gazetteer), kind, field of work, year, script and
publication date, so the answer lists every report that fits, never a sample, and each line cites
where the report states it (its title or opening line; the page field for a date). A question with a
topic word besides ("哪些县级报告提到了法律顾问?") is not a listing: the sentence route answers it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from index import vocabulary as vocab

from ...contract import Answer, who
from ..asked import Asked
from ..compose import PAGE_SECTION, Composer, cn_count, uncited_name
from ..evidence.stating import stating_sentences
from ..question import Question
from ..targets import agency_words, names_agency

LEVEL_WORDS = {
    "部委": r"部委|国务院(?:组成)?部门|中央(?:国家机关|部门)|国家部委|国家机关",
    "省": r"省级|省直|省(?:人民)?政府|省厅|自治区|直辖市",
    "市": r"市级|市直|地市|地级市|(?<![县区])市(?:人民)?政府|设区的市",
    "区县": r"区县|县级|区级|县区|县直|县(?:人民)?政府|区(?:人民)?政府|县(?:市、?区)",
    "街道乡镇": r"街道|乡镇|镇(?:人民)?政府|乡(?:人民)?政府|乡级|镇级|镇的|乡的",
}
PLACE_KINDS = {"直辖市": r"直辖市", "自治区": r"自治区"}
ZONE = re.compile(r"开发区|管委会|高新区|新区|园区")
GOVERNMENT = re.compile(r"政府|办事处")
DEPARTMENT = re.compile(r"部门|局|厅|委(?!会)|系统")
JOINT = re.compile(r"联合|共同|两家|党委和政府|党政(?:联合)?")
SCRIPT = {"traditional": re.compile(r"繁体|繁體|正体"), "simplified": re.compile(r"简体")}
NEGATED = re.compile(r"不是|并非|非(?=[\u4e00-\u9fff]{2})|不属于|除了")
EARLIEST = re.compile(r"最早|最先|最久")
LATEST = re.compile(r"最晚|最新|最近|最迟")
DATED = re.compile(r"发布|公开|印发|发出|上网|日期|时间")
MONTHS = re.compile(r"几月|哪个月|哪月|什么月")
NOT_GOVERNMENTS = re.compile(r"法治政府|数字政府|服务型政府|责任政府|廉洁政府|诚信政府|有限政府|法治建设")
ONE_REPORT = re.compile(r"那份|这份|该报告|此报告|那篇|这篇")
ALTERNATIVE = re.compile(r"或者|或是|还是|或|以及|和|及|、")
ASKS_REPORTS = re.compile(r"报告|材料|总结|哪些单位|哪几家|哪份|哪一份|哪家")
WHICH = re.compile(r"哪些|有哪些|哪几|哪份|哪一份|哪家|哪个单位|各(?:份)?报告|分别")
# Words of a listing question that are about the listing itself, not a topic.
LISTING_WORDS = re.compile(r"报告|哪些|年度|单位|材料|这批|这些|地方|国务院|部门|办事处|街道办|法治政府|建设|法治|政府|"
                           r"分别|一年|哪一年|哪年|哪个|年份|是不是|属于|份|各自|情况|工作|发布|公开|日期|时间|最早|最晚|"
                           r"最新|繁体|繁體|简体|繁体字|简体字|字|写|用|月份|几月|哪份|来自|系统|联合|共同|不是|并非|一份|之中|其中|中有|"
                           r"写成|行文|部委|国家|中央|级别|层级|省级|市级|县级|区级|乡镇|街道|直辖市|自治区|开发区|管委会")


@dataclass
class Condition:
    """One alternative of the question ("国务院部门" | "省级政府"): what a report must be."""
    levels: set[str] = field(default_factory=set)
    government: bool | None = None  # True: governments only; False: departments only
    sector: str | None = None
    place_kind: str | None = None
    zone: bool = False
    joint: bool = False

    @property
    def empty(self) -> bool:
        return not (self.levels or self.government is not None or self.sector or self.place_kind or self.zone
                    or self.joint)


@dataclass
class Listing:
    alternatives: list[Condition]
    years: list[int]
    script: str | None
    negated: bool
    ranking: str | None  # earliest | latest
    months: bool

    @property
    def dated(self) -> bool:
        return bool(self.ranking or self.months)


def condition(part: str, agencies: list[str]) -> Condition:
    """What one alternative of the question asks a report to be."""
    c = Condition(levels={level for level, pattern in LEVEL_WORDS.items() if re.search(pattern, part)})
    c.place_kind = next((kind for kind, pattern in PLACE_KINDS.items() if re.search(pattern, part)), None)
    c.zone = bool(ZONE.search(part))
    c.joint = bool(JOINT.search(part))
    c.sector = vocab.field_of(part)
    if GOVERNMENT.search(part) and not c.sector:
        c.government = True
    elif c.sector or (DEPARTMENT.search(part) and "部委" not in c.levels) or any(DEPARTMENT.search(a) for a in agencies):
        c.government = False if not GOVERNMENT.search(part) else None
    return c


def alternatives_of(norm: str, fields: list[str]) -> list[str]:
    """The question cut at 或/和/、, but never inside a field's name (人力资源和社会保障)."""
    inside = [(m.start(), m.end()) for f in fields for m in re.finditer(re.escape(f), norm)]
    cuts = [m for m in ALTERNATIVE.finditer(norm) if not any(a <= m.start() < b for a, b in inside)]
    bounds = [0] + [x for m in cuts for x in (m.start(), m.end())] + [len(norm)]
    return [norm[bounds[i]:bounds[i + 1]] for i in range(0, len(bounds), 2)]


def parse(q: Question, agencies: list[str]) -> Listing | None:
    """The listing a question asks for, or None when it asks about the reports' content."""
    norm = NOT_GOVERNMENTS.sub(lambda m: "＿" * len(m.group()), q.norm)  # 法治政府建设报告 is no government's
    if not (WHICH.search(norm) and ASKS_REPORTS.search(norm)) or q.phrases or ONE_REPORT.search(norm):
        return None  # a quoted line or "那份报告" picks one report by its content: the documents route
    words = [a for a in agencies if not re.search(r"国务院|部门$", a)]
    fields = [form for form, _ in vocab.field_forms() if form in norm]  # "人力资源和社会保障部门": its words
    leftover = [t for t in q.terms if t not in words and not LISTING_WORDS.fullmatch(t)
                and not any(re.search(p, t) for p in LEVEL_WORDS.values()) and not any(t in f for f in fields)]
    if leftover:
        return None
    parts = [p for p in alternatives_of(norm, fields) if p.strip()]
    alternatives = [c for c in (condition(p, words) for p in parts) if not c.empty] or []
    if len(alternatives) > 1 and not all(c.levels or c.sector or c.place_kind for c in alternatives):
        alternatives = [condition(norm, words)]  # "县人民政府和街道" yes; "司法局和政府" is one condition
    script = next((s for s, pattern in SCRIPT.items() if pattern.search(norm)), None)
    ranking = ("earliest" if EARLIEST.search(norm) else "latest" if LATEST.search(norm) else None) \
        if DATED.search(norm) else None
    listing = Listing(alternatives, q.years, script, bool(NEGATED.search(norm)), ranking,
                      bool(MONTHS.search(norm) and DATED.search(norm)))
    if not (alternatives or listing.years or script or listing.dated):
        return None
    return listing


def fits(row: dict, c: Condition) -> bool:
    agency = vocab.normalize_name(row.get("agency") or "")
    if c.levels and row.get("level") not in c.levels:
        return False
    if c.government is not None and (row.get("kind") == "政府") != c.government:
        return False
    if c.sector and (row.get("sector") or vocab.field_of(agency)) != c.sector:
        return False
    if c.place_kind and not any(p.kind == c.place_kind for p in vocab.resolve(vocab.place_mentions(agency))):
        return False
    if c.zone and not ZONE.search(agency):
        return False
    return not c.joint or len(row.get("authors") or []) > 1


def matches(row: dict, listing: Listing) -> bool:
    wanted = (not listing.alternatives or any(fits(row, c) for c in listing.alternatives)) \
        and (not listing.years or row.get("year") in listing.years) \
        and (not listing.script or row.get("script") == listing.script)
    return wanted != listing.negated


def published_field(row: dict) -> dict | None:
    return next((f for f in row.get("page") or [] if f["kind"] == "published"), None)


def report_line(out: Composer, row: dict, asked: Asked, with_year: bool) -> None:
    """A report of the listing, with the lines that state who wrote it and when, cited."""
    stated = stating_sentences(row, asked.bank, asked.index, asked.tuning.stating, with_year)
    if stated:
        marks = out.marks(row["report_id"], stated)
        out.item("extractive", "listing_line", who=who(row), marks=marks,
                 title=" ".join(line.text.strip() for line in stated).rstrip("。"))


def published_line(out: Composer, row: dict) -> None:
    f = published_field(row)
    out.item("extractive", "page_line", who=who(row), label=f["label"], value=f["value"],
             n=out.cite(row["report_id"], PAGE_SECTION, 0, f["quote"]))


def dated_answer(asked: Asked, listing: Listing, rows: list[dict]) -> Answer:
    """Rankings and months by the page's publication date; reports whose page states none are named."""
    dated = sorted((r for r in rows if published_field(r) and r.get("published")), key=lambda r: (r["published"], r["source"]))
    undated = [r for r in rows if r not in dated]
    out = Composer(asked.text, asked.rows, asked.index)
    if not dated:
        out.say("extractive", "no_published")
        return out.answer("not_found")
    if listing.ranking:
        edge = dated[0]["published"] if listing.ranking == "earliest" else dated[-1]["published"]
        out.say("extractive", "earliest_intro" if listing.ranking == "earliest" else "latest_intro",
                count=cn_count(len(dated)))
        chosen = [r for r in dated if r["published"] == edge]
    else:
        out.say("extractive", "published_intro")
        chosen = dated
    for row in chosen:
        published_line(out, row)
    if undated:
        out.say("extractive", "undated_line", names="、".join(uncited_name(r) for r in undated))
    return out.answer("answered")


def answer(asked: Asked) -> Answer | None:
    """The listing a "which reports are …" question asks for; None for any other question."""
    q = asked.question
    listing = parse(q, agency_words(q, asked.targets.phrases))
    if listing is None:
        return None
    # The reports a place or title names ("广州市的报告中哪些是…"); agency words are conditions of the listing itself.
    rows = asked.chosen if asked.targets.phrases and not listing.negated else list(asked.rows.values())
    if listing.dated:
        return dated_answer(asked, listing, [r for r in rows if matches(r, listing)])
    agency_named = [a for a in agency_words(q, asked.targets.phrases) if not re.search(r"国务院|部门$", a)]
    picked = [r for r in rows if matches(r, listing) and (listing.negated or not agency_named
                                                           or any(names_agency(m, r) for m in agency_named))]
    out = Composer(asked.text, asked.rows, asked.index)
    if not picked:
        out.say("extractive", "no_listing")
        return out.answer("not_found")
    out.say("extractive", "listing_intro", count=cn_count(len(picked)))
    for row in sorted(picked, key=lambda r: (r.get("year") or 0, r["source"])):
        report_line(out, row, asked, bool(listing.years))
    return out.answer("answered" if out.cites else "not_found")
