"""Is a figure of the kind asked? A sentence may hold the asked words and a number, and the number still
count something else: another kind of the measure (审结 for 受理: prompts/contrasts.txt), another item of
an enumeration ("集中学习20次、专题学习6次、培训"), a thing its clause goes on to name, or a level where a
change is asked ("累计归集45.6亿条" for 增长了多少). Read in the figure's own clause and the one before,
where its subject stands."""
from __future__ import annotations

import re

from index import vocabulary as vocab
from index.charstats import is_cjk

from ..forms import form
from ..question import Question
from .clauses import clause_bounds, clause_window, clauses_between, item_bounds, items_between
from .figures import NumberHit, fits, numbers
from .lexicon import names_other_kind, one_of_several
from .matching import stands


def other_kind_figure(q: Question, norm: str, n: NumberHit) -> bool:
    """Does the figure count another kind of the measure asked (prompts/contrasts.txt)? Read in its own
    clause and the one before, where its subject stands: in "集体学法6次,举办…法治培训、讲座2期" the 6 is of
    学法 and the 2 of 培训; what the sentence says elsewhere does not make it the asked kind."""
    if counts_other_item(q, norm, n) or (q.forms.change and not stated_as_change(norm, n)) or another_rate(q, norm, n) \
            or (not q.forms.new and added_only(norm, n)) or (not q.forms.change and change_of_rate(norm, n)) \
            or another_event(q, norm, n):
        return True
    if not q.kinds:
        return False
    before, _ = clause_window(norm, n.start)
    own = norm[before:clause_bounds(norm, n.start)[1]]
    listed = norm[:n.start].endswith("等")  # "包含行政许可、行政处罚等10项": the figure counts the list
    return names_other_kind(q.kinds, own) or one_of_several(q.kinds, "" if listed else own, norm)


# A rate or ratio a report names before its figure ("入驻率达到96.4%", "参考率、通过率和优秀率100%", "时限压缩比达到95%"),
# up to four characters before 率/比; 占比, 比例, 比重 name no rate of their own, 同比, 环比, 相比, 对比 compare.
RATE_NAME = re.compile(r"[\u4e00-\u9fff]{1,4}(?:率|(?<![占同环相对])比(?![例重]))")


def another_rate(q: Question, norm: str, n: NumberHit) -> bool:
    """Is the percentage named, in its own clause, as another rate than the one the question names ("政务服务事项
    入驻率达到96.4%" for 网上可办率; 胜诉率 for 纠错率)? A rate named in words no report uses is still not another's;
    one asked without a name of its own ("减少了百分之几", "…的比例") may be any the sentence names ("缩减率")."""
    if not (n.percent and q.head_term and q.head_term.endswith("率")):
        return False
    lo, _ = clause_bounds(norm, n.start)
    named = RATE_NAME.findall(norm[lo:n.start])
    # "街道领导及时出庭应诉,应诉率达100%": the clause before may name the asked one in full
    said_before = stands(q.head_term[:-1], norm[clause_window(norm, n.start)[0]:lo]) if len(q.head_term) > 2 else False
    return bool(named) and not said_before and not any(stands(q.head_term, name) for name in named)


def added_only(norm: str, n: NumberHit) -> bool:
    """Does the figure count only what was added ("新增持证执法人员3名")? Not a total ("一共有多少名持证执法人员")."""
    lo, _ = clause_bounds(norm, n.start)
    return bool(form("compare.added").search(norm[lo:n.start]))


def another_event(q: Question, norm: str, n: NumberHit) -> bool:
    """Is the date asked that of another event than the one its own clause names ("哪一天…通过的?":
    "2024年1月1日公布施行" dates the entry into force)?"""
    if not (q.wants_date and q.events):
        return False
    lo, hi = clause_bounds(norm, n.start)
    own = {i for i, family in enumerate(form("asking.dated_events")) if any(w in norm[lo:hi] for w in family)}
    return bool(own) and not q.events & own


def change_of_rate(norm: str, n: NumberHit) -> bool:
    """Is the percentage the change of what it follows, not its level ("参学率同比增长12.2%" states no 参学率)?
    Right after a verb of change, in its own clause."""
    lo, _ = clause_bounds(norm, n.start)
    return n.percent and form("compare.change_before").search(norm[lo:n.start]) is not None


def stated_as_change(norm: str, n: NumberHit) -> bool:
    """Is the figure stated as a change ("同比增长20%", "比上年减少12件"), in its own clause?"""
    lo, hi = clause_bounds(norm, n.start)
    return bool(form("compare.changed").search(norm[lo:hi]))


def counts_other_item(q: Question, norm: str, n: NumberHit) -> bool:
    """Does the figure count the thing of its own item or clause, while the asked thing stands, figureless,
    beside it? In "集中学习20次、专题学习6次、培训" no figure is the 培训's (an item of the same enumeration
    writes the asked kind and states no figure); in "下放118项市级行政权力,向城市副中心下放第二批赋权事项"
    the 118 is not the 赋权事项's (the next clause names the asked thing, with more of its words, and no
    figure). A figure said of the items together ("参考率、合格率均达100%") is every item's."""
    if not q.head_term:
        return False
    lo, hi = item_bounds(norm, n.start)
    clo, chi = clause_bounds(norm, n.start)
    if names_asked(q, norm[lo:hi]) or any(w in norm[clo:chi] for w in vocab.units()["said_of_all"]):
        return False
    if enumerated_elsewhere(q, norm, n, (lo, hi), (clo, chi)):
        return True
    if not names_own_thing(q, norm, n):
        return False
    wlo, whi = clause_window(norm, n.start)
    own = sum(stands(t, norm[clo:chi]) for t in q.object_terms)
    return any(stands(q.head_term, norm[a:b]) and sum(stands(t, norm[a:b]) for t in q.object_terms) > own
               and not any(fits(q, m) for m in numbers(norm[a:b]))
               for a, b in clauses_between(norm, wlo, whi) if (a, b) != (clo, chi))


def names_own_thing(q: Question, norm: str, n: NumberHit) -> bool:
    """Does the figure's clause go on to name what it counts, in none of the question's words ("118项市级行政权力",
    "聘任27名…交通运输行业指导员" for 法律顾问)?"""
    tail = "".join(ch for ch in norm[n.end:item_bounds(norm, n.start)[1]] if is_cjk(ch))  # not the next item's
    return len(tail) >= 2 and not any(stands(term, tail) for term in q.terms)


def enumerated_elsewhere(q: Question, norm: str, n: NumberHit, item: tuple[int, int], clause: tuple[int, int]) -> bool:
    """Is the figure one "thing + figure" item of an enumeration ("集中学习20次、专题学习6次、培训") whose item
    naming the asked thing states no figure? Only when the items each state their own figure or the asked
    item comes after (a figure before "、及时率100%" may be said of both: "覆盖率、及时率100%")."""
    lo, hi = item
    if norm[n.end:hi].strip("余多 "):
        return False  # the figure does not end its item ("全年5次主持召开部党组会、部常务会"): no enumeration of figures
    items = items_between(norm, *clause)
    figured = [(a, b) for a, b in items if numbers(norm[a:b])]
    return any(names_asked(q, norm[a:b]) and (a > lo or len(figured) > 1)
               for a, b in items if (a, b) != item and not numbers(norm[a:b]))


def names_asked(q: Question, text: str) -> bool:
    """Does `text` name the thing asked: the question's head word, or a kind of measure it names (培训)?"""
    return stands(q.head_term, text) or any(w in text for named, _, _ in q.kinds for w in named)


def only_counts_named(q: Question, norm: str) -> bool:
    """Does the sentence only count the things whose names are asked ("西宁市城中区督察的4家单位是哪几家?":
    "对4家单位开展法治政府建设督察")? The question gives the count; a clause that states it without listing
    anything ("、") names none of them."""
    if not q.stated or q.wants_number or not form("asking.names_asked").search(q.norm):
        return False
    given = [n for n in numbers(norm) if (n.value, n.unit) in q.stated and n.quoted_tail is None]
    return bool(given) and not any("、" in norm[slice(*clause_bounds(norm, n.start))] for n in given)


def states_given(q: Question, ev) -> bool:
    """A part of a total the question gives ("17件复议案件中,信息公开类有多少件?") is answered only where the
    report states that total (in the sentence or the one before it): "其中…信息公开类案件22件" after another total
    is a part of that one."""
    if not q.stated:
        return True
    text = ev.sentence.previous_norm + ev.sentence.lead_norm + ev.sentence.norm
    return any((n.value, n.unit) in q.stated for n in numbers(text))
