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
from .forms import Forms, form, read_forms

# Measure words a count can carry (data/vocabulary.toml [units]); "人数" asks for 人, "比例/率" for a percentage.
UNITS = vocab.units()["measure"] + vocab.units()["asked_only"]
LONG_UNITS = "|".join(vocab.units()["long"])
UNIT = rf"(?:个(?={LONG_UNITS}))?(?:{LONG_UNITS}|[{UNITS}])"
UNIT_GROUP = rf"(?:个(?={LONG_UNITS}))?({LONG_UNITS}|[{UNITS}])"  # the same, the measure word captured
# Words that end like a place name but are not one ("全市", "示范区", "城区"…).
AGENCY_END = re.compile(vocab.agency_ending())
NOT_AGENCY_END = re.compile(r"(?:^|[我本该其])(?:分局|局|委|厅|部|办|街道|镇|乡)$|(?:干部|全部|内部|外部|局部|各部|本部|支部|党委|市委|区委|县委|省委|镇委|乡镇|"
                            r"法治政府|数字政府|服务型政府|责任政府|廉洁政府|诚信政府|有限政府)$")
# Characters that cannot stand inside an agency's name: the name starts after the last of them.
# 和 stays inside a name (自然资源和规划局) unless it follows another organisation ("城管局和花都区").
NAME_BREAK = re.compile(r"(?<=[局厅部委府处])和|年度|属于|出自|来自|隶属|[的了在有已是与对由为把被将从向到给个几多少什么哪些年谁次\d,，、。?？\s]")
# Words that ask, or speak of the asking, never a topic (data/question_forms.toml [reading]).
QUESTION_WORDS = frozenset(form("reading.question_words"))
FUNCTION_CHARS = frozenset(form("reading.function_chars"))
AGGREGATE = re.compile(r"哪些|哪几|分别|列出|列举|各自|各单位|各报告|各份|各地|各部门|各区|对比|比较|所有报告|每个|每份|"
                       r"几份|几家|几个单位|多少个单位|多少份|都有|都是|都达到|都提到|"
                       r"哪个[^?？。]{0,20}?(?:更)?(?:多|少|高|低|大|小)|谁[^?？。]{0,10}?(?:更)?(?:多|少|高|低)")
METADATA = re.compile(r"哪个单位|什么单位|哪一年|哪年|哪个年度|什么年度|年度的报告|年的报告|报告分别是|有哪些报告|"
                      r"几份报告|多少份报告|报告.{0,4}(?:发布|印发)(?:时间|日期)|哪些单位的报告|报告的年度|"
                      r"哪些报告(?:是|属于)|报告.{0,2}(?:哪天|何时|什么时候)(?:发布|印发)")
GENERIC_MEASURES = {"指标", "数据", "数字", "数值", "比率", "比例", "情况", "哪项", "哪些项"}
# An author's name, not an office or centre the question asks about ("法治工作办公室").
AUTHOR_NAME = re.compile(rf"(?:{'|'.join(vocab.data()['agencies']['government'])}|局|厅|部|委员会|委|{vocab.place_ending()})$")
# "排名第几", "第几名": the answer is an ordinal in words (第二, 全国第四), not a count.
ORDINAL_ASK = re.compile(r"第几|排(?:名)?第?几|名次|位次")
# "请列出…的几项工作": the 几 says that several things are listed, it asks no count.
LISTED_SEVERAL = re.compile(r"(?:列出|列举|举出|说出)[^?？。,，]{0,24}?几")
RATE = re.compile(r"比例|比率|占比|百分之|百分比|率(?![先领])|%")  # 率先, 率领 are no rates
NUMBER_ASK = re.compile(rf"多少|(?<!哪)几[{UNITS}]|(?<!哪)几\b|数量|数额|数目|总数|规模|是几|有几|件数|宗数|人数|次数|场次|个数|"
                        rf"哪个[^?？。]{{0,20}}?(?:更)?(?:多|少|高|低)|谁[^?？。]{{0,10}}?(?:更)?(?:多|少|高|低)")
CONDITION = re.compile(r"(达到|达|超过|高于|大于|多于|以上|不低于|不少于|不足|低于|少于|小于|以下|不到|为|是)?"
                       r"\s{0,8}(\d+(?:\.\d+)?)\s*(%|％)?\s*(以上|以下)?")
OR_WORDS = re.compile(r"或者|或是|还是|或")
# "哪些报告没有写明…": the question asks for the reports that do not state something.
NOT_STATED = re.compile(r"(?:(?<!有)没有|未|并未|尚未|不曾)(?:写明|提到|提及|给出|公布|披露|说明|列出|报告|统计|涉及|写)|没有.{0,6}(?:数据|数字)")
# "几次", "多少件": the count asked, one word as jieba cuts it, never a topic word.
ASKED_COUNT = re.compile(rf"(?:几|多少){UNIT}?")
# "哪两天", "哪三项", "两次…分别在哪一天": that many things of one report are asked, each its own statement.
SEVERAL = re.compile(rf"哪([两{numerals.SMALL}])({UNIT})|([两{numerals.SMALL}])({UNIT})[^?？。,，]{{0,12}}分别")
RATE_FORMS = {"比率", "效率", "频率", "利率", "汇率", "概率"}  # "X率" words that name no measured rate


@dataclass(frozen=True)
class Item:
    """One of several things a question asks a figure of ("受理…、审结…以及纠错率分别是多少")."""
    words: tuple[str, ...]
    rate: bool = False
    unit: str = ""  # the measure word asked with it ("多少份")


@dataclass
class Question:
    text: str
    norm: str
    years: list[int] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # place-name candidates, e.g. 深圳市
    agency_mentions: list[str] = field(default_factory=list)  # e.g. 城管局 (place prefix removed)
    term_groups: list[list[str]] = field(default_factory=list)  # alternatives ("A或B"), each a list of terms
    object_terms: list[str] = field(default_factory=list)  # what is counted/measured
    head_term: str | None = None  # the word the asked number attaches to
    phrases: list[str] = field(default_factory=list)  # quoted in the question: must occur as written
    units: list[str] = field(default_factory=list)
    wants_number: bool = False
    wants_date: bool = False  # the figure asked is a date or a month (a page's date is the documents route's)
    wants_rate: bool = False
    condition: tuple[str, float, bool] | None = None  # (op, value, is_percent)
    aggregate: bool = False
    negated: bool = False  # asks which reports do not state it (the topic words are what they lack)
    metadata: bool = False
    items: list[Item] = field(default_factory=list)  # several figures asked at once, each its own thing
    several: int = 0  # "哪两天": how many things of one report are asked (each stated in a sentence of its own)
    forms: Forms = field(default_factory=Forms)  # what its form asks (forms.py): page fields, review, table
    report_set: object | None = None  # report_set.ReportSet: a question over the set of reports, read after targeting
    kinds: Kinds = field(default_factory=list)  # (named, other) wordings of each measure family it names (受理, not 审结)
    procedure: list[tuple[str, str]] = field(default_factory=list)  # adjacent words saying what was done to the counted thing (备案, 审查)

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
        head = re.findall(r"[\u4e00-\u9fff]+$", norm[name_start(norm, match.start(), places):match.start()])
        agency = vocab.read_agency(head[0] + match.group()) if head else None
        if agency:
            mentions.append(agency)
    return mentions


def name_start(norm: str, end: int, places: list[tuple[int, int]]) -> int:
    """Where an organisation's name ending at `end` starts: after the last break character that stands
    outside a place name (the 多 of 鄂尔多斯市, the 和 of 呼和浩特市 are the place's), 12 characters back at most."""
    start = max(0, end - 12)
    breaks = [m.end() for m in NAME_BREAK.finditer(norm, start, end)
              if not any(a <= m.start() < b for a, b in places)]
    return max(breaks, default=start)


def asked_units(norm: str) -> list[str]:
    """Measure words of the asked count: "多少名…", "…人数", or a threshold's own ("超过500件")."""
    units = re.findall(rf"(?:多少|几)\s*{UNIT_GROUP}(?!人|报告|材料)", norm)  # "几个人" counts people; "几份报告" no measure
    units += re.findall(rf"(?:达到|达|超过|高于|大于|多于|不低于|不少于|不足|低于|少于|小于|不到)\s*\d+(?:\.\d+)?\s*{UNIT_GROUP}", norm)
    if re.search(r"人数|人次|(?:多少|几)个?人", norm):
        units.append("人")
    return sorted(set(units))


def parse_condition(norm: str) -> tuple[str, float, bool] | None:
    """"达到100%" → (">=", 100, True); "超过90%" → (">", 90, True); "零…" → ("==", 0, False)."""
    for match in CONDITION.finditer(norm):
        word, value, pct, after = match.groups()
        if not (word or after or pct):
            continue
        if re.fullmatch(numerals.YEAR_NUMBER, value) and not pct:
            continue  # a year, not a threshold
        op = {"超过": ">", "高于": ">", "大于": ">", "多于": ">", "不足": "<", "低于": "<", "少于": "<",
              "小于": "<", "不到": "<"}.get(word or "", ">=")
        if after == "以下":
            op = "<="
        return op, float(value), bool(pct)
    if re.search(r"零(?:败诉|事故|投诉|差错|发生)", norm):
        return "==", 0.0, False
    return None


def counted_thing(norm: str, drop: list[str]) -> tuple[list[str], str | None]:
    """The words naming what is counted, and its head word (the noun the number attaches to).

    "多少名执法人员通过考试…" → head 执法人员 (first word after the measure word);
    "注册人数是多少" / "办理数量是多少" → head 注册 / 办理 (last word before the asking word).
    """
    rate = re.search(r"([^,，。?？!！]*?)([\u4e00-\u9fff]{2}率)(?![先领])", norm)
    if rate and rate.group(2) not in RATE_FORMS:
        return content_words(rate.group(1), drop) + [rate.group(2)], rate.group(2)
    after = re.search(rf"(?:多少|几)\s*(?:{UNIT})?([^,，。?？!！]+)", norm)
    words = content_words(after.group(1), drop) if after else []
    if words and not (len(words) == 1 and form("counting.taking_part").search(words[0])):  # "多少人参加"
        return words, words[0]
    before = re.search(rf"([^,，。?？!！]*?)(?:的)?(?:数量|总数|人数|人次|比例|比率|占比|是多少|为多少|有多少|多少|是几|几{UNIT}?(?=$|[,，。?？!！\s]))", norm)
    words = content_words(before.group(1), drop) if before else []
    while len(words) > 1 and form("counting.light_verbs").search(words[0]):
        words = words[1:]  # "共开展学法几次": what is counted is 学法
    return words, (words[-1] if words else None)


# A date or month asked ("几月份采购…", "哪一天召开…", "什么时候印发…"): the figure is a date.
DATE_ASK = re.compile(r"几月|哪个月|哪月|哪一?天|哪[两几三]天|几号|何日|哪日|什么时候|啥时候|何时|(?:具体)?日期")
# Several figures asked at once: "…分别是多少", "各有多少个", or one asking word per thing ("…多少份?…多少件?").
MULTI = re.compile(r"分别|各(?:自|是|有|为)?(?=多少|几|是|为|有|占)")
ASKING = re.compile(rf"多少\s*([{UNITS}])?|(?<!哪)几\s*([{UNITS}])")
CONJUNCTION = re.compile(r"、|以及|及|和|与|并且|同时")
CLAUSE = re.compile(r"[,，;；。?？!！]")


def asked_items(norm: str, drop: list[str]) -> list[Item]:
    """The things asked, when a question asks several figures; [] when it asks one."""
    asks = list(ASKING.finditer(norm))
    if len(asks) >= 2:
        parts, start = [], 0
        for m in asks:
            parts.append((norm[start:m.start()], m.group(1) or m.group(2) or ""))
            start = m.end()
    else:
        multi = MULTI.search(norm)
        if not multi:
            return []
        head = CLAUSE.split(norm[:multi.start()])[-1]
        parts = [(part, "") for part in CONJUNCTION.split(head)]
    items = []
    for text, unit in parts:
        words = item_words(CLAUSE.split(text)[-1], drop)
        if words:
            items.append(Item(tuple(words), bool(RATE.search(text)) and not unit, unit))
    return items if len(items) >= 2 else []


ITEM_TAIL = 3  # words of an asked thing kept from its end, where a Chinese noun phrase has its head (chosen)


def item_words(text: str, drop: list[str]) -> list[str]:
    """The words of one asked thing: the noun phrase after its last 的 ("…牵涉到的单位" → 单位), or before
    it when what follows only says "how many" ("审结案件的数量" → 审结, 案件), its rate word whole
    ("纠错率"), at most its last ITEM_TAIL words."""
    before, _, after = text.rpartition("的")
    if before and not [w for w in segment(after) if len(w) >= 2 and w not in GENERIC_MEASURES
                       and not re.fullmatch(r"[次份人件宗个项]数|数量|数目|总数", w)]:
        after = before
    rate = re.search(r"[\u4e00-\u9fff]{2}率(?![先领])", after)
    words = [w for w in segment(after) if len(w) >= 2 and w not in drop and not re.fullmatch(r"[\d.%年月日]+", w)
             and w not in GENERIC_MEASURES and not re.fullmatch(r"[次份人件宗个项]数|数量|数目|总数|多少|分别|请问", w)]
    words = [w for w in words if not rate or w not in rate.group()] + ([rate.group()] if rate else [])
    return words[-ITEM_TAIL:]


def join_single_characters(words: list[str]) -> list[str]:
    """Runs of single Chinese characters joined into one word: jieba cuts a compound its dictionary
    lacks into characters ("占道经营" → 占, 道, 经营), and dropping them would lose the very word that
    tells one measure from another. Question and function characters (了, 的, 几…) are not joined."""
    out: list[str] = []
    run = ""
    for word in words + [""]:
        if len(word) == 1 and "\u4e00" <= word <= "\u9fff" and word not in QUESTION_WORDS and word not in FUNCTION_CHARS:
            run += word
            continue
        if run:
            out.append(run)
            run = ""
        if word:
            out.append(word)
    return out


def cut_at_phrases(words: list[str]) -> list[str]:
    """Two neighbouring words that hold a domain wording across their boundary, with part of a word
    outside it, are cut around it ("集中学习" + "法律" → 集中, 学习法律), so the wording's synonyms (学法)
    are looked for; two words that make a wording whole stay two words (人大代表, 建议)."""
    from .evidence.lexicon import phrases  # data shared with the scorer

    out, i = list(words), 0
    while i < len(out) - 1:
        joined, cut = out[i] + out[i + 1], len(out[i])
        whole = joined in phrases()  # 人大代表 + 建议: the two words are the wording, and each finds more
        phrase = None if whole else next((p for p in phrases() if 0 <= joined.find(p) < cut < joined.find(p) + len(p)), None)
        if phrase:
            start = joined.find(phrase)
            out[i:i + 2] = [w for w in (joined[:start], phrase, joined[start + len(phrase):]) if w]
        i += 1
    return out


def content_words(norm: str, drop: list[str]) -> list[str]:
    """Words of the question that name the topic: no question words, entities, numbers or single characters."""
    for phrase in sorted(drop, key=len, reverse=True):
        norm = norm.replace(phrase, " ")
    words = []
    for word in join_single_characters(cut_at_phrases(segment(norm))):
        word = word.strip()
        if len(word) < 2 or word in QUESTION_WORDS or re.fullmatch(r"[\d.%年月日]+", word) or ASKED_COUNT.fullmatch(word):
            continue
        if not re.search(r"[\u4e00-\u9fffa-z]", word):
            continue
        if word not in words:
            words.append(word)
    return words


def several_asked(norm: str) -> tuple[int, str]:
    """How many things of one report are asked, and the words that say it ("哪两天" → 2, "两天": no topic word)."""
    m = SEVERAL.search(norm)
    if not m:
        return 0, ""
    count, unit = m.group(1) or m.group(3), m.group(2) or m.group(4)
    return int(numerals.value_of(count) or 0), count + unit


def shared_tail(groups: list[list[str]]) -> list[list[str]]:
    """"行政诉讼或者复议的案子": one word stands for each alternative before the last, and the last's
    other words are said of them all (诉讼的案子, 复议的案子)."""
    if len(groups) < 2 or len(groups[-1]) < 2 or any(len(g) != 1 for g in groups[:-1]):
        return groups
    return [g + groups[-1][1:] for g in groups[:-1]] + [groups[-1]]


def keyword_asks(norm: str) -> str:
    """A question typed as keywords, with no word that asks ("下陆区 2024 学法 次", "静海区司法局 2023
    受理行政复议申请 件 审结 件 纠错率", "房县 报告 年度"), asks with its bare measure words, the rate it
    ends with and the property keywords of data/question_forms.toml: read as "多少次", "纠错率多少",
    "哪个年度"."""
    if not re.search(r"\S\s+\S", norm) or form("asking.any").search(norm):
        return norm
    norm = re.sub(rf"(?<=\s)([{UNITS}])(?=\s|$)", r"多少\1", norm.strip())
    for keyword, wording in (pair.split() for pair in form("asking.keyword_words")):
        norm = re.sub(rf"(?<=\s){keyword}(?=\s|$)", wording, norm)
    return re.sub(r"率$", "率多少", norm)


def analyse(question: str, entity_phrases: list[str] = ()) -> Question:
    """Everything rolqa needs to know about a question before looking at the reports.

    `entity_phrases` are report names the caller found in the question (titles,
    agencies); they and the place/year mentions are not topic terms.
    """
    norm = keyword_asks(normalize(question.strip()))
    negation = NOT_STATED.search(norm)
    forms = read_forms(norm, question.strip(), negation, review_asks())
    published_year = (forms.published_in or (None,))[0]  # "2023年发布的": when, not which year's report
    years = [y for y in find_years(norm) if y != published_year]
    places = place_candidates(norm)
    mentions = agency_mentions(norm) + vocab.sector_mentions(norm)  # "人社系统": the author's field
    # An author's name is not a topic word; an office or centre the question asks about is ("法治工作办公室").
    authors = [m for m in mentions if AUTHOR_NAME.search(m) or vocab.sector_mentions(m)]
    several, several_words = several_asked(norm)
    drop = [several_words] * bool(several_words) + form("asking.figure_itself").findall(norm) + list(entity_phrases) \
        + authors + places + [f"{y}年度" for y in years] + [f"{y}年" for y in years] + ([negation.group()] if negation else [])
    # "A或B": each alternative is scored on its own and the better one counts.
    groups = shared_tail([g for g in (content_words(part, drop) for part in OR_WORDS.split(norm)) if g]) or [[]]
    condition = parse_condition(norm)
    if condition:  # "哪些报告里有达到100%的指标?": any figure meeting the condition, whatever it measures
        groups = [[t for t in g if t not in GENERIC_MEASURES] for g in groups]
    terms = [t for g in groups for t in g]
    objects, head = counted_thing(norm, drop)
    items = asked_items(norm, drop)
    if head and head not in terms and not (condition and head in GENERIC_MEASURES):  # "出庭率" is one asked thing
        groups = [g + [head] for g in groups]
        terms.append(head)
    wants_rate = bool(RATE.search(norm)) and not re.search(r"效率|频率|利率|汇率", norm)
    wants_date = bool(DATE_ASK.search(norm))
    return Question(
        text=question.strip(), norm=norm, years=years, places=places, agency_mentions=mentions,
        term_groups=groups, object_terms=[t for t in objects if t in terms], head_term=head,
        units=[u for u in asked_units(norm) if not (wants_date and u in "年月日天号")], wants_date=wants_date,
        wants_number=(bool(NUMBER_ASK.search(LISTED_SEVERAL.sub("", norm))) or wants_rate or wants_date or condition is not None)
        and not ORDINAL_ASK.search(norm), wants_rate=wants_rate,
        condition=condition, aggregate=bool(AGGREGATE.search(norm)), negated=bool(negation), items=items,
        phrases=[p.strip("…. ") for p in QUOTED.findall(norm) if p.strip("…. ")],
        metadata=bool(METADATA.search(norm)), several=several,
        forms=forms, kinds=named_kinds(norm), procedure=procedure_words(norm, terms, objects))


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
