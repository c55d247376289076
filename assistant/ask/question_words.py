"""The words of a question: the measure words a count carries, the words that ask or count nothing,
and the content words that name what is asked (jieba's words, rejoined where it cuts a domain word).

Part of the reading stage (question.py): pure functions over the normalised question text.
"""
from __future__ import annotations

import re

from index import vocabulary as vocab
from index.normalize import segment

from .forms import form

# Measure words a count can carry (data/vocabulary.toml [units]); "人数" asks for 人, "比例/率" for a percentage.
UNITS = vocab.units()["measure"] + vocab.units()["asked_only"]
LONG_UNITS = "|".join(vocab.units()["long"])
UNIT = rf"(?:个(?={LONG_UNITS}))?(?:{LONG_UNITS}|[{UNITS}])"
UNIT_GROUP = rf"(?:个(?={LONG_UNITS}))?({LONG_UNITS}|[{UNITS}])"  # the same, the measure word captured
# Words that ask, or speak of the asking, never a topic (data/question_forms.toml [reading]).
QUESTION_WORDS = frozenset(form("reading.question_words"))
FUNCTION_CHARS = frozenset(form("reading.function_chars"))
# A document number ("江法治办〔2024〕37号") is what these ask for: a name, not a count, though "多少" asks it.
DOC_NUMBER_WORDS = ("文号", "发文字号", "文件编号", "发文号")
GENERIC_MEASURES = {"指标", "数据", "数字", "数值", "比率", "比例", "情况", "哪项", "哪些项"}
RATE = re.compile(r"比例|比率|占比|百分之|百分比|率(?![先领])|%")  # 率先, 率领 are no rates
# "几次", "多少件": the count asked, one word as jieba cuts it, never a topic word.
ASKED_COUNT = re.compile(rf"(?:几|多少){UNIT}?")


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


# Negations jieba cuts off alone before a word ("不" + "合格"): the word they negate is another thing (data/question_forms.toml).
NEGATIONS = tuple(form("asking.negations"))


def with_negations(words: list[str]) -> list[str]:
    """A negation jieba cut off joined to the word after it ("不合格", "未结"): without it the question
    would ask the very thing it excludes ("不合格的案卷" is no 合格 案卷)."""
    out: list[str] = []
    for word in words:
        if out and out[-1] in NEGATIONS and word[:1] >= "\u4e00" and word[:1] <= "\u9fff":
            out[-1] += word
        else:
            out.append(word)
    return out


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
    are looked for; two words that make a wording whole stay two words (人大代表, 建议), unless one of
    them stands in none of the wording's synonyms (集体 + 学习: "集中学习" holds no 集体) and neither is a
    synonym alone (法治 + 讲座: 讲座 is one): then they are the wording, one word."""
    from .evidence.lexicon import phrases, variants  # data shared with the scorer

    out, i = list(words), 0
    while i < len(out) - 1:
        joined, cut = out[i] + out[i + 1], len(out[i])
        whole = joined in phrases()  # 人大代表 + 建议: the two words are the wording, and each finds more
        if whole and not set(out[i:i + 2]) & set(variants(joined)) \
                and any(not any(v in other for v in variants(w) for other in variants(joined)[1:]) for w in out[i:i + 2]):
            out[i:i + 2] = [joined]
            continue
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
    for word in join_single_characters(with_negations(cut_at_phrases(segment(norm)))):
        word = word.strip()
        if len(word) < 2 or word in QUESTION_WORDS or re.fullmatch(r"[\d.%年月日]+", word) or ASKED_COUNT.fullmatch(word):
            continue
        if not re.search(r"[\u4e00-\u9fffa-z]", word):
            continue
        if word not in words:
            words.append(word)
    return words
