"""A question over the set of reports ("哪些报告是县级的?"), read into what a report must be to be listed.

Part of the reading stage: the pipeline reads it once, after targeting (the
names the question matched are not conditions), into `ReportSet`, and the
listing route only compares the reports' rows with it. Levels, kinds, fields of
work, years, script and publication dates are what the catalog holds about each
report (index/metadata.py); the patterns are data (data/question_forms.toml [report_set]).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from index import vocabulary as vocab

from .agency_match import agency_words
from .forms import form, forms, page_asks
from .question import Question


@dataclass
class Condition:
    """One alternative of the question ("国务院部门" | "省级政府"): what a report must be."""
    levels: set[str] = field(default_factory=set)
    government: bool | None = None  # True: governments only; False: departments only
    sector: str | None = None
    place_kind: str | None = None
    zone: bool = False
    joint: bool = False
    town_kind: str | None = None  # "乡镇" ("乡或镇政府": not street offices) | "街道" (not townships)
    not_place_kind: str | None = None  # a kind of place set apart ("省级厅局,不算直辖市的")

    @property
    def empty(self) -> bool:
        return not (self.levels or self.government is not None or self.sector or self.place_kind or self.zone
                    or self.joint)


@dataclass
class ReportSet:
    alternatives: list[Condition]
    years: list[int]
    script: str | None
    negated: bool
    ranking: str | None  # earliest | latest
    months: bool
    agencies: list[str] = field(default_factory=list)  # agency words the reports must be by ("司法局")
    published_in: tuple[int | None, int | None] | None = None  # (year, month) of publication: "2023年3月发布的"
    titled: bool | None = None  # has a title of its own: "哪些报告没有标题?" → False
    year_span: tuple[int | None, int | None] | None = None  # the years of a span ("2021年以前的"), bounds included
    page_kinds: tuple[str, ...] = ()  # page fields a report must show ("哪些报告带有文号": doc_no)
    recipient: bool = False  # a report must say to whom it goes ("哪些报告开头写了主送机关")
    by_year: bool = False  # the ranking is by the year a report covers ("年度最早的一份"), not by its publication
    # (a ranking among the reports of years named, "2025年度的报告里最早的", is by publication)
    zone_words: list[str] = field(default_factory=list)  # the question's words for a zone ("开发区", "管委会")
    page_values: list[str] = field(default_factory=list)  # agency words a page field must hold ("来源写的是司法局")

    def covers(self, year: int | None) -> bool:
        """Is a report of this year one the set asks for (its years, or its span)?"""
        if self.year_span:
            first, last = self.year_span
            return year is not None and (first is None or year >= first) and (last is None or year <= last)
        return not self.years or year in self.years

    @property
    def dated(self) -> bool:
        return bool((self.ranking and not self.by_year) or self.months or self.published_in)


def condition(part: str, agencies: list[str]) -> Condition:
    """What one alternative of the question asks a report to be."""
    rs = forms()["report_set"]
    c = Condition()
    c.place_kind = next((kind for kind, pattern in rs["place_kinds"].items() if pattern.search(part)), None)
    # a kind of place is where a report comes from, not its level ("自治区的报告" holds 包头市's): a level only
    # where the question names one besides it ("省级 直辖市")
    leveled = rs["place_kinds"][c.place_kind].sub("", part) if c.place_kind else part
    c.levels = {level for level, pattern in rs["levels"].items() if pattern.search(leveled)}
    c.zone = bool(rs["zone"].search(part))
    c.joint = bool(rs["joint"].search(part))
    if "街道乡镇" in c.levels and bool(rs["towns"].search(part)) != bool(rs["streets"].search(part)):
        c.town_kind = "乡镇" if rs["towns"].search(part) else "街道"
    c.sector = vocab.field_of(rs["count_verb"].sub(" ", part))
    government, department = rs["government"], rs["department"]
    if c.place_kind == "直辖市" and "省" in c.levels:
        c.place_kind = None  # "省级 直辖市": the province level with the municipalities, not only them
    if rs["government_departments"].search(part):
        c.government = False
    elif government.search(part) and department.search(part) and not c.sector and not rs["negated"].search(part):
        c.government = None  # "政府 厅局" typed together: both
    elif government.search(part) and not c.sector:
        c.government = True
    elif c.sector or (department.search(part) and "部委" not in c.levels) or any(department.search(a) for a in agencies):
        c.government = False if not government.search(part) else None
    return c


def alternatives_of(norm: str, fields: list[str]) -> list[str]:
    """The question cut at 或/和/、, but never inside a field's name (人力资源和社会保障)."""
    inside = [(m.start(), m.end()) for f in fields for m in re.finditer(re.escape(f), norm)]
    cuts = [m for m in form("report_set.alternative").finditer(norm) if not any(a <= m.start() < b for a, b in inside)]
    bounds = [0] + [x for m in cuts for x in (m.start(), m.end())] + [len(norm)]
    return [norm[bounds[i]:bounds[i + 1]] for i in range(0, len(bounds), 2)]


def about_content(q: Question, norm: str, explained: list[str], df) -> bool:
    """Does a "which reports" question ask about what the reports say rather than what they are? It does
    when it asks for a figure or uses a content verb ("提到", "写明", "给出"), or when, besides what
    its conditions explain, it names a topic the reports speak of: two words, or one of three characters
    or more, that their sentences hold. A word the reading does not know ("这批", "层面", "出自") is never
    enough: it names no topic the reports hold, or too short a one."""
    rs = forms()["report_set"]
    # "哪份报告的发布日期最早?", "哪些报告是3月份发布的?" list the reports
    dates_of_reports = (q.wants_date or q.forms.published_in) and rs["dated"].search(norm)
    counted = rs["count"].search(norm)  # "几份报告": the reports are counted, not a figure of theirs
    # "哪些报告写了主送机关", "…写了文号": the content verb asks what the page or heading shows, a listing
    shown = q.forms.document.page_kinds or q.forms.document.recipient
    if (q.wants_number and not dates_of_reports and not counted) or (rs["content"].search(norm) and not shown):
        return True
    blanked = rs["report_words"].sub(" ", norm)
    # a one-character condition word ("委" of 部委) explains no longer topic word ("省委书记")
    topic = [t for t in q.terms if t in blanked and not any(t in e or (len(e) > 1 and e in t) for e in explained) and df(t)]
    return len(topic) >= 2 or any(len(t) >= 3 for t in topic)


def explained_words(norm: str, words: list[str], fields: list[str]) -> list[str]:
    """The parts of the question its conditions account for: the set's own words, agencies, fields."""
    rs = forms()["report_set"]
    found = [m.group() for key in ("which", "asks_reports", "zone", "government", "department", "government_departments",
                                   "joint", "negated",
                                   "dated", "months", "earliest", "latest", "tier_words", "covering", "span_words", "authorship", "body_words",
                                   "untitled", "titled")
             for m in rs[key].finditer(norm)]
    found += [m.group() for group in ("levels", "place_kinds", "script") for p in rs[group].values()
              for m in p.finditer(norm)]
    found += [m.group() for p in page_asks() + [form("documents.recipient")] for m in p.finditer(norm)]  # "带有文号", "主送"
    return [w for w in found + words + fields if w]


def asks_documents(q: Question, norm: str, phrases: list[str]) -> bool:
    """A quoted line, "那份报告" or a named report's page or author ("水利部 2021 报告 发布日期"): the documents
    route's; how many reports a place has, and by whom ("来自鞍山市的有几份?分别由哪个单位撰写?"), is a listing."""
    rs = forms()["report_set"]
    # "最早的那份", "中央部委那份": the one report a ranking or a level picks out of the set
    picked = rs["earliest"].search(norm) or rs["latest"].search(norm) or any(p.search(norm) for p in rs["levels"].values())
    over_set, counted = rs["which_reports"].search(norm), rs["count"].search(norm)  # "哪些报告…", "几份…"
    # "哪些报告…注明了该报告本身的文号": 该报告 is each of the reports asked for
    one = rs["one_report"].search(norm) and not over_set
    # a quoted word in a question over the set ("哪些报告提到了“放管服”", "几份报告的网页标注了“来源”") picks no report
    quoted = q.phrases and not (over_set or counted)
    named = [a for a in q.agency_mentions if not rs["set_agency"].search(a)]  # "市政府 报告 有标题": a kind of body, not one
    return bool(quoted or (one and not picked and not named and not phrases)
                or (((phrases and not over_set) or (named and not rs["which"].search(norm)))
                    and (q.forms.document.page_kinds or q.forms.document.who_or_when) and not counted))


def narrowed(norm: str) -> tuple[str, Condition | None]:
    """The question without what only widens a condition ("省级(含直辖市)政府" is 省级政府, "省、自治区一级" is
    省一级, "乡、镇、街道" is 乡镇街道) or sets its answer apart ("A而不是B", "…,不算市直部门", "设区的市(不含直辖市)…
    而不是区县的": every part set apart, read as one condition)."""
    rs = forms()["report_set"]
    norm = rs["province_kinds"].sub("省", rs["inclusion"].sub("", norm))
    norm = rs["town_kinds"].sub(lambda m: rs["alternative"].sub("", m.group()), norm)
    apart = []
    rather = rs["rather_than"].search(norm)
    if rather:
        norm, apart = norm[:rather.start()], [norm[rather.end():]]
    for key in ("set_apart_before", "set_apart_inside", "set_apart_after"):
        found = rs[key].search(norm)
        if found:
            norm, apart = norm[:found.start()] + norm[found.end():], apart + [found["apart"]]
    return norm, condition("、".join(apart), []) if apart else None


def alternatives_asked(norm: str, words: list[str], fields: list[str], excluded: Condition | None) -> list[Condition]:
    """What a report must be, one condition per alternative the question offers ("县人民政府和街道")."""
    rs = forms()["report_set"]
    parts = [p for p in alternatives_of(norm, fields) if p.strip()]
    conditions = [condition(p, words) for p in parts]
    if any(c.empty and rs["any_body"].search(p.strip()) for c, p in zip(conditions, parts)):
        conditions = []  # "广东境内的机关或街道": any body of the place is one of them
    alternatives = [c for c in conditions if not c.empty]
    if any(c.levels for c in alternatives):  # "省级政府 自治区": the region's own report, at its tier
        for c in alternatives:
            c.levels = c.levels or ({vocab.data()["places"]["tier_of_kind"][c.place_kind]} if c.place_kind else set())
    if len(alternatives) > 1 and not all(c.levels or c.sector or c.place_kind for c in alternatives):
        alternatives = [condition(norm, words)]  # "县人民政府和街道" yes; "司法局和政府" is one condition
    return set_apart(alternatives, excluded) if excluded is not None else alternatives


def set_apart(alternatives: list[Condition], excluded: Condition) -> list[Condition]:
    """What the question sets apart says what it asks: a level none of its alternatives names is left out
    ("不含部委", "不算…街镇的"), the other kind of body is asked ("地级市…不算市直部门": governments), and a kind
    of place set apart is none of the reports' ("除直辖市以外,省级厅局…")."""
    asked = set().union(*(c.levels for c in alternatives))
    alternatives = alternatives or [Condition()]
    for c in alternatives:
        if excluded.levels and not excluded.levels & asked:
            c.levels = (c.levels or set(vocab.TIERS)) - excluded.levels
        if excluded.government is not None and c.government is None:
            c.government = not excluded.government
        if excluded.place_kind and c.place_kind != excluded.place_kind:
            c.not_place_kind = excluded.place_kind
    return [c for c in alternatives if not c.empty]


def field_values(norm: str, words: list[str], page_kinds: tuple[str, ...]) -> list[str]:
    """The agency words a question says a page field holds ("页面来源标注为司法局的报告", "来源写的是司法局的"):
    shortly after the field's name in one clause, not a report named by its author and year ("哪家媒体发的稿:
    司法部2023年…报告")."""
    ends = [m.end() for p in page_asks() for m in p.finditer(norm)] if page_kinds else []

    def holds(w: str) -> bool:
        at = norm.find(w)
        return any(0 <= at - end <= 10 and not any(ch in ":：,，;；。?？" for ch in norm[end:at]) for end in ends) \
            and not norm[at + len(w):].lstrip()[:1].isdigit()
    return [w for w in words if holds(w)]


def read_report_set(q: Question, phrases: list[str], df) -> ReportSet | None:
    """The listing a question asks for, or None when it asks about the reports' content (`df(term)`:
    in how many sentences of the reports a term stands) or about one report."""
    rs = forms()["report_set"]
    norm = rs["not_governments"].sub(lambda m: "＿" * len(m.group()), q.norm)  # 法治政府建设报告 is no government's
    if not q.forms.lists_reports or asks_documents(q, norm, phrases):
        return None
    widened = "".join(rs["inclusion"].findall(norm))  # "省级(包括直辖市和省直厅局)": no agency asked
    words = [a for a in agency_words(q, phrases) if not rs["set_agency"].search(a) and a not in widened]
    fields = [f for f, _ in vocab.field_forms() if f in norm]  # "人力资源和社会保障部门": its words
    norm, excluded = narrowed(norm)
    words = [w for w in words if w in norm]  # an agency word of what is set apart ("不算厅局") is asked of no report
    valued = field_values(norm, words, q.forms.document.page_kinds)
    words = [w for w in words if w not in valued]
    for w in valued:  # what a page field holds is no condition on the author
        norm = norm.replace(w, " ")
    if about_content(q, norm, explained_words(norm, words + phrases, fields), df):
        return None
    dated = rs["dated"].search(norm)
    ranking = "earliest" if rs["earliest"].search(norm) else "latest" if rs["latest"].search(norm) else None
    listing = ReportSet(alternatives_asked(norm, words, fields, excluded), q.years,
                        next((s for s, pattern in rs["script"].items() if pattern.search(norm)), None),
                        bool(rs["negated"].search(norm)), ranking, bool(rs["months"].search(norm) and dated), words,
                        q.forms.published_in,
                        False if rs["untitled"].search(norm) else True if rs["titled"].search(norm) else None,
                        q.year_span, q.forms.document.page_kinds if not dated else (), q.forms.document.recipient,
                        bool(ranking) and not (rs["published_words"].search(norm) or q.years or q.year_span),
                        rs["zone"].findall(q.norm), valued)
    if not (listing.alternatives or listing.years or listing.year_span or listing.script or listing.dated or listing.by_year
            or listing.page_kinds or listing.recipient
            or listing.titled is not None or rs["count"].search(norm) or (phrases and rs["which_reports"].search(norm))):
        return None  # a place or name alone lists the reports it names ("哪些报告来自浙江?")
    return listing
