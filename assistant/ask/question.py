"""Question analysis: what is asked, about which place/agency/year, in what shape.

Pure functions over the question text; matching the mentions against the
indexed reports happens in `targets.py`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from index import numerals
from index import vocabulary as vocab
from index.normalize import normalize, segment

from .evidence.lexicon import Kinds, named_kinds
from .figure_asked import (
    CLAUSE,
    DATE_ASK,
    Item,
    asked_items,
    asked_units,
    unit_phrases,
    counted_thing,
    parse_condition,
    several_asked,
)
from .forms import Forms, form, read_forms
from .question_words import DOC_NUMBER_WORDS, GENERIC_MEASURES, QUESTION_WORDS, RATE, UNIT, UNITS, content_words

# What ends an agency's name; and what ends like one but names none: a self-reference ("我局", "本部"), the
# vocabulary's not_names ("干部", "法治政府").
AGENCY_END = re.compile(vocab.agency_ending())
NOT_AGENCY_END = re.compile(rf"(?:^|[我本该其])(?:分局|局|委|厅|部|办|街道|镇|乡)$|(?:{'|'.join(vocab.data()['agencies']['not_names'])})$")
# Characters that cannot stand inside an agency's name: the name starts after the last of them.
# 和 stays inside a name (自然资源和规划局) unless it follows another organisation ("城管局和花都区"); an
# organisation's 党组 or 党委 follows its name ("自然资源部党组会").
NAME_BREAK = re.compile(r"(?<=[局厅部委府处])和|(?<=[局厅部委府处])党(?:组|委)|年度|属于|出自|来自|隶属|[的了在有已是与或以对由为把被将从向到给个几多少什么哪些年谁次\d,，、。?？\s]")
AGGREGATE = re.compile(r"哪些|哪几|分别|列出|列举|各自|各单位|各报告|各份|各地|各部门|各区|对比|比较|所有报告|每个|每份|"
                       r"几份|几家|几个单位|多少个单位|多少份|都有|都是|都达到|都提到|"
                       r"哪个[^?？。]{0,20}?(?:更)?(?:多|少|高|低|大|小)|谁[^?？。]{0,10}?(?:更)?(?:多|少|高|低)")
METADATA = re.compile(r"哪个单位|什么单位|哪一年|哪年|哪个年度|什么年度|年度的报告|年的报告|报告分别是|有哪些报告|"
                      r"几份报告|多少份报告|报告.{0,4}(?:发布|印发)(?:时间|日期)|哪些单位的报告|报告的年度|"
                      r"哪些报告(?:是|属于)|报告.{0,2}(?:哪天|何时|什么时候)(?:发布|印发)")
# An author's name, not an office or centre the question asks about ("法治工作办公室").
AUTHOR_NAME = re.compile(vocab.author_ending(places=True) + "$")
# "排名第几", "第几名": the answer is an ordinal in words (第二, 全国第四), not a count.
ORDINAL_ASK = re.compile(r"第几|排(?:名)?第?几|名次|位次|排名(?:是|为|情况)?(?:多少|怎样|如何)|排(?:在)?多少")
# "请列出…的几项工作": the 几 says that several things are listed, it asks no count.
LISTED_SEVERAL = re.compile(r"(?:列出|列举|举出|说出)[^?？。,，]{0,24}?几")
NUMBER_ASK = re.compile(rf"多少|(?<![哪这那])几{UNIT}|(?<![哪这那])几\b|数量|数额|金额|数目|总数|规模|是几|有几|人数|场次|天数|"
                        rf"哪个[^?？。]{{0,20}}?(?:更)?(?:多|少|高|低)(?:一些|一点|些)?(?![\u4e00-\u9fff])|"
                        rf"谁[^?？。]{{0,10}}?(?:更)?(?:多|少|高|低)(?:一些|一点|些)?(?![\u4e00-\u9fff])")  # not 高效
OR_WORDS = re.compile(r"或者|或是|还是|或")
# "哪些报告没有写明…": the question asks for the reports that do not state something.
NOT_STATED = re.compile(r"(?:(?<!有)没有|未|并未|尚未|不曾)(?:写明|提到|提及|给出|公布|披露|说明|列出|报告|统计|涉及|写)|没有.{0,6}(?:数据|数字)")


@dataclass
class Question:
    text: str
    norm: str
    years: list[int] = field(default_factory=list)
    year_span: tuple[int | None, int | None] | None = None  # "2021年以前": the years before it (its year is not in `years`)
    counts_reports: bool = False  # "有几份报告提到了述法": how many reports, not a figure of theirs
    span_year_taken: int | None = None  # "2024年以后": the bounding year, taken into the span without the question saying so
    places: list[str] = field(default_factory=list)  # place-name candidates, e.g. 深圳市
    agency_mentions: list[str] = field(default_factory=list)  # e.g. 城管局 (place prefix removed)
    term_groups: list[list[str]] = field(default_factory=list)  # alternatives ("A或B"), each a list of terms
    object_terms: list[str] = field(default_factory=list)  # what is counted/measured
    head_term: str | None = None  # the word the asked number attaches to
    phrases: list[str] = field(default_factory=list)  # quoted in the question: must occur as written
    units: list[str] = field(default_factory=list)
    unit_phrases: list[str] = field(default_factory=list)  # the asked measure word and what follows ("位一体")
    wants_number: bool = False
    wants_date: bool = False  # the figure asked is a date or a month (a page's date is the documents route's)
    wants_rate: bool = False
    wants_count: bool = False  # "案件数量是多少": a count, never a percentage ("100%出庭应诉" is no number of cases)
    negated_terms: list[str] = field(default_factory=list)  # "不予公开", "不合格": stated or not, never a paraphrase
    wants_ordinal: bool = False  # "排名第几": the answer is an ordinal (第10位, 全国第四), a text answer
    scopes: list[str] = field(default_factory=list)  # the jurisdictions named as a whole (全国, 全省): a rank's scope
    condition: tuple[str, float, bool] | None = None  # (op, value, is_percent)
    aggregate: bool = False
    negated: bool = False  # asks which reports do not state it (the topic words are what they lack)
    metadata: bool = False
    items: list[Item] = field(default_factory=list)  # several figures asked at once, each its own thing
    several: int = 0  # "哪两天": how many things of one report are asked (each stated in a sentence of its own)
    each: bool = False  # a figure of each of the several is asked ("两次培训各有多少人"): one total answers none
    stated: list[tuple[float, str]] = field(default_factory=list)  # figures the question gives ("742人中…有几个"): not its answer
    forms: Forms = field(default_factory=Forms)  # what its form asks (forms.py): page fields, review, table
    report_set: object | None = None  # report_set.ReportSet: a question over the set of reports, read after targeting
    kinds: Kinds = field(default_factory=list)  # (named, other) wordings of each measure family it names (受理, not 审结)
    procedure: list[tuple[str, str]] = field(default_factory=list)  # adjacent words saying what was done to the counted thing (备案, 审查)
    named_body: str | None = None  # the kind of body whose name is asked ("哪个律所": 律所)
    events: frozenset[int] = frozenset()  # the dated events it names, by family (data asking.dated_events: 通过, 施行)

    @property
    def terms(self) -> list[str]:
        seen: list[str] = []
        for group in self.term_groups:
            seen += [t for t in group if t not in seen]
        return seen


QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,30})[”\"」』]")


def find_years(norm: str) -> list[int]:
    """The years a question names, with or without 年 ("花都 2022 行政复议申请 多少宗"); a year inside
    words it quotes from a report ("开头写“2022年,我县…”") is the report's text, not the year asked."""
    return numerals.years_in(QUOTED.sub(" ", norm), bare=True)


def place_candidates(norm: str) -> list[str]:
    """Place names the question mentions ("深圳市", "石家庄市", "花都", "清波街道"), in the order they stand:
    the vocabulary's reading (vocabulary.place_units: the gazetteer's names and short forms, and towns
    and zones below it where a name starts). Generic words ("全市", "示范区") are never places."""
    return vocab.place_units(norm, loose=True)


def word_ends(norm: str) -> set[int]:
    ends, pos = set(), 0
    for word in segment(norm):
        pos += len(word)
        ends.add(pos)
    return ends


def agency_mentions(norm: str) -> list[str]:
    """Agency phrases ("城管局", "综合行政执法局", "司法局") ending where a word ends, read with the
    vocabulary (vocab.read_agency: "组织党工委" names 党工委, "百部" nothing).

    The word-end check keeps "委" in "政协委员" or "局" in "局面" from reading as an agency; a function
    character after it ends the name too, however the segmenter joined them ("交通运输局有几个": "局有").
    """
    mentions, ends = [], word_ends(norm)
    quoted = [m.span() for m in re.finditer(r"[“\"「『《][^”\"」』》]{1,40}[”\"」』》]", norm)]
    places = [(m.start, m.end) for m in vocab.place_mentions(norm, loose=True)]
    for match in AGENCY_END.finditer(norm):
        if (match.end() not in ends and not NAME_BREAK.match(norm, match.end())) or NOT_AGENCY_END.search(norm[:match.end()]) \
                or any(a < match.start() < b for a, b in quoted):
            continue  # a name inside quotes is a title or a slogan ("“百部安全生产技术标准计划”")
        head = re.findall(r"[\u4e00-\u9fff]+$", norm[name_start(norm, match.start(), places, ends):match.start()])
        agency = vocab.read_agency(from_its_place(without_asking(head[0])) + match.group()) if head else None
        if agency:
            mentions.append(agency)
    return mentions


def without_asking(text: str) -> str:
    """The text without the words that ask before a name ("请问河北唐山芦台…管委会": 请问 is no part of it)."""
    words = segment(text)
    while len(words) > 1 and words[0] in QUESTION_WORDS:
        words = words[1:]
    return "".join(words)


def from_its_place(head: str) -> str:
    """A name that holds a place starts at it, unless what stands before names a body ("中共", "国家税务总局"):
    "敬请告知十堰市人民政府" names 十堰市人民政府."""
    first = next(iter(vocab.place_mentions(head, loose=True)), None)
    if first is None or first.start == 0:
        return head
    before = head[:first.start]
    return head if AGENCY_END.search(before) or before.startswith(("中共", "中国共产党", "国家")) else head[first.start:]


def name_start(norm: str, end: int, places: list[tuple[int, int]], ends: set[int]) -> int:
    """Where an organisation's name ending at `end` starts: after the last break character that stands
    outside a place name (the 多 of 鄂尔多斯市, the 和 of 呼和浩特市 are the place's), 12 characters back at
    most, never from inside a word (the 问 of 请问; `ends`: where the question's words end)."""
    start = max(0, end - 12)
    if start:
        start = min((e for e in ends if e >= start), default=start)
    breaks = [m.end() for m in NAME_BREAK.finditer(norm, start, end)
              if not any(a <= m.start() < b for a, b in places)]
    return max(breaks, default=start)


def shared_tail(groups: list[list[str]]) -> list[list[str]]:
    """"行政诉讼或者复议的案子": one word stands for each alternative before the last, and the last's
    other words are said of them all (诉讼的案子, 复议的案子)."""
    if len(groups) < 2 or len(groups[-1]) < 2 or any(len(g) != 1 for g in groups[:-1]):
        return groups
    return [g + groups[-1][1:] for g in groups[:-1]] + [groups[-1]]


def keyword_asks(norm: str) -> str:
    """A question typed as keywords, with no word that asks ("下陆区 2024 学法 次", "静海区司法局 2023
    受理行政复议申请 件 审结 件 纠错率", "房县 报告 年度"), asks with its bare measure words, the rate,
    or amount it ends with ("纠错率", "办件量") and the property keywords of
    data/question_forms.toml: read as "多少次", "纠错率多少", "哪个年度"."""
    if form("asking.any").search(norm):
        return norm
    norm = norm.strip()
    if re.search(r"\S\s+\S", norm):
        norm = re.sub(rf"(?<=\s)([{UNITS}])(?=\s|$)", r"多少\1", norm)
        for keyword, wording in (pair.split() for pair in form("asking.keyword_words")):
            norm = re.sub(rf"(?<=\s){keyword}(?=\s|$)", wording, norm)
    return norm + "多少" if form("asking.ends_with_figure").search(norm) else norm  # "… 纠错率": its figure


def analyse(question: str, entity_phrases: list[str] = ()) -> Question:
    """Everything rolqa needs to know about a question before looking at the reports.

    `entity_phrases` are report names the caller found in the question (titles,
    agencies); they and the place/year mentions are not topic terms.
    """
    norm = keyword_asks(numerals.full_years(normalize(question.strip())))
    negation = NOT_STATED.search(norm)
    forms = read_forms(norm, question.strip(), negation, review_asks())
    published_year = (forms.published_in or (None,))[0]  # "2023年发布的": when, not which year's report
    span = numerals.year_span(norm)  # "2021年以前的年度": no report of 2021 is asked
    # "…报告 2024年4月 所属年度": a date's year is when it was written, not the year of the report asked
    dated = numerals.dated_years(norm) if forms.document.year else set()
    years = [y for y in find_years(norm) if y != published_year and y not in dated and not (span and y == span[2])]
    places = place_candidates(norm)
    bodies = vocab.sector_mentions(norm)  # "人社系统", "哪家城管": the author's field
    mentions = agency_mentions(norm) + bodies
    # An author's name is not a topic word; an office or centre the question asks about is ("法治工作办公室").
    authors = [m for m in mentions if AUTHOR_NAME.search(m) or m in bodies and not vocab.written_in_sentences(m)]
    several, several_words, each = several_asked(norm)
    drop = [several_words] * bool(several_words) + form("asking.figure_itself").findall(norm) + ORDINAL_ASK.findall(norm) \
        + form("asking.mention_place").findall(norm) \
        + list(entity_phrases) \
        + authors + places + [f"{y}年度" for y in years] + [f"{y}年" for y in years] + ([negation.group()] if negation else [])
    # "A或B": each alternative is scored on its own and the better one counts.
    groups = shared_tail([g for g in (content_words(part, drop) for part in OR_WORDS.split(norm)) if g]) or [[]]
    asking = norm[given_before(norm):]  # "一窗通办率达95.5%,全程网办率是多少?": the figure asked is the last clause's
    condition = parse_condition(asking)
    if condition:  # "哪些报告里有达到100%的指标?": any figure meeting the condition, whatever it measures
        groups = [[t for t in g if t not in GENERIC_MEASURES] for g in groups]
    groups += headed_groups(groups, forms, mentions, places)
    terms = [t for g in groups for t in g]
    objects, head = counted_thing(ORDINAL_ASK.sub(" ", asking), drop)  # "排第几" asks a rank, it counts nothing
    items = asked_items(norm, drop)
    if head and head not in terms and not (condition and head in GENERIC_MEASURES):  # "出庭率" is one asked thing
        groups = [g + [head] for g in groups]
        terms.append(head)
    wants_rate = bool(RATE.search(norm)) and not form("asking.not_rates").search(norm)
    wants_date = bool(DATE_ASK.search(norm))
    # "专题培训班 期数": the count in 期; not where alternatives ask each its own ("次数或检查企业数") or the
    # change or rate of the count is asked ("案件数同比上升的幅度")
    measured = form("asking.measure_count").findall(norm) \
        if len(groups) == 1 and not (wants_rate or forms.change) else []
    # "列出其中几项" lists; "有几份报告提到了述法" counts reports: neither asks a figure of theirs
    asks_number = bool(NUMBER_ASK.search(form("asking.reports_counted").sub("", LISTED_SEVERAL.sub("", norm)))
                       or form("asking.measure_count").search(norm) or form("asking.duration").search(norm))
    return Question(
        text=question.strip(), norm=norm, years=years, year_span=span[:2] if span else None,
        span_year_taken=span[2] if span and span[3] else None, places=places, agency_mentions=mentions,
        term_groups=groups, object_terms=[t for t in objects if t in terms], head_term=head,
        units=[u for u in sorted(set(asked_units(norm) + measured)) if not (wants_date and u in "年月日天号")],
        unit_phrases=unit_phrases(norm),
        wants_date=wants_date,
        wants_number=(asks_number or wants_rate or wants_date or condition is not None)
        and not ORDINAL_ASK.search(norm) and not any(w in norm for w in DOC_NUMBER_WORDS), wants_rate=wants_rate,
        wants_count=not (wants_rate or forms.change) and bool(form("asking.count_words").search(norm)),
        negated_terms=[t for t in terms if form("asking.negated_term").match(t)], wants_ordinal=bool(ORDINAL_ASK.search(norm)),
        scopes=[w for w in vocab.scope_words() if w in norm],
        condition=condition, aggregate=bool(AGGREGATE.search(norm)), negated=bool(negation), items=items,
        counts_reports=bool(form("asking.reports_counted").search(norm)),
        phrases=[p.strip("…. ") for p in QUOTED.findall(norm) if p.strip("…. ")],
        metadata=bool(METADATA.search(norm)), several=several, each=each,
        stated=[f for f in stated_figures(norm, condition) if f[0] not in years],  # "2023 人社部": a year
        forms=forms, kinds=named_kinds(norm), procedure=procedure_words(norm, terms, objects),
        named_body=body.group(1) if (body := form("asking.named_body").search(norm)) else None,
        events=frozenset(i for i, family in enumerate(form("asking.dated_events")) if any(w in norm for w in family)))


def given_before(norm: str) -> int:
    """Where the clause that asks a figure starts, when the clauses before it give a figure as known
    ("一窗通办率达95.5%,全程网办率是多少?", "清单扩充至31项,其中行政许可事项有多少项?"): the given figure is
    neither the condition nor the answer, and the measure asked is the asking clause's. 0 when the asking
    clause names nothing of its own ("出庭率达到100%的单位,有几家?": the first clause is the condition)."""
    from .evidence.figures import numbers  # the reports' figure reader (it reads Question: imported here, not above)

    ask = NUMBER_ASK.search(norm)
    cut = max((m.end() for m in CLAUSE.finditer(norm[:ask.start()])), default=0) if ask else 0
    if not cut or AGGREGATE.search(norm) or not content_words(norm[cut:ask.start()], []):
        return 0
    return cut if any(n.unit or n.percent for n in numbers(norm[:cut]) if norm[n.start].isdigit()) else 0


def stated_figures(norm: str, condition) -> list[tuple[float, str]]:
    """The figures a question gives as what it knows ("单独述法的742人中,乡镇一级有多少人"): the figure asked is
    another. Not where the question checks a figure ("是否达到100%", "达到100%的指标")."""
    from .evidence.figures import numbers  # the reports' figure reader (it reads Question: imported here, not above)

    if condition is not None or form("review.yes_no").search(norm):
        return []
    # in digits, outside a quoted name: "“高效办成一件事”" or "一站式" give no count
    return [(n.value, n.unit) for n in numbers(norm) if (n.unit or n.percent) and n.quoted_tail is None
            and norm[n.start].isdigit()]


def headed_groups(groups: list[list[str]], forms: Forms, mentions: list[str], places: list[str]) -> list[list[str]]:
    """A leader asked without a title ("应急管理局的一把手是谁"): each group again with the leader word in the
    title of who leads the body the question names (局长), as reports name that person ("局长姚涌同志…")."""
    head = vocab.head_title((mentions or places or [""])[-1]) if forms.needs_name else None
    leaders = vocab.data()["people"]["leaders"]
    return [[head if t in leaders else t for t in g] for g in groups if head and any(t in leaders for t in g)]


def procedure_words(norm: str, terms: list[str], objects: list[str]) -> list[tuple[str, str]]:
    """What the question says was done to the counted thing: two adjacent words outside it, neither a
    light verb (举办/开展 are paraphrased freely), four characters together ("备案审查…行政规范性文件").
    Whether the reports write them as one procedure is the evidence stage's to check."""
    if not objects:
        return []
    light = form("counting.light_verbs")
    words = [t for t in terms if t not in objects and not light.search(t)]
    return [(a, b) for a, b in zip(words, words[1:]) if a + b in norm and len(a + b) >= 4]


def review_asks() -> dict[str, re.Pattern]:
    """How a question names each content of the review (data/review.toml `ask`), in the review's order;
    none while the rules file does not parse (the review then answers nothing)."""
    from index.errors import ConfigError
    from index.review import PARTS, load_rules

    try:
        rules = load_rules()
    except ConfigError:
        return {}
    return {key: rules.parts[key].ask for key in PARTS if rules.parts[key].ask}
