"""Who the opening sentences say did the year's work: the subject of the first clause that has one
("2023年,清波街道坚持…"), a party committee and its government named together ("云南省委、省政府"), whoever
works under the tier above ("万兴街在区委、区政府的正确领导下"), the organisation of "现将X2023年…报告如下".
One source of author candidates among several (authors.py asks them all and scores what they offer).
"""
from __future__ import annotations

import re

from . import numerals
from . import vocabulary as vocab
from .normalize import normalize
from .orgnames import ORG_END, org_end

# How a report names itself: 我局, 本委, 我县, 我街道.
SELF = re.compile(rf"(?:我|本)(分局|局|委|厅|部|办|中心|{'|'.join(vocab.data()['places']['town_endings'])}|[{vocab.tier_chars()}])")
# Clauses with no author for a subject: circumstances, news leads ("本站讯 近日"), a year that "是…之年".
_SKIP_CLAUSE = re.compile(r"^(?:在|根据|按照|据|为|围绕|遵照|依据|以及|本站讯|本报讯|本网讯|近日|日前|据悉|记者|"
                          r"(?:也|还|既|更|这|即)?是)|(?<!\d)\d{1,2}月\d{1,2}日电|消息$")
_OTHERS_LEAD = re.compile(r"(?:领导|指导|关心|支持|要求|部署)(?:下|和)")
LEAD_YEAR = re.compile(rf"^{numerals.WRITTEN_YEAR}\s*年(?:度)?(?:以来|是[^,，]*)?")
REPORT_INTRO = re.compile(r"现将(.{2,30}?)(?:\d{4})\s*年")


def span_text(original: str, start: int, end: int) -> str:
    """The name as the original text writes it (offsets of its normalised form are the original's)."""
    return original[start:end].strip()


def clauses(sentence: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for part in re.split(r"([,，;；:：])", sentence):
        if part and part not in ",，;；:：":
            out.append((pos, part))
        pos += len(part)
    return out


# A party committee and its government as one subject: "云南省委、省政府", "石家庄市委、市政府", "中共X县委 X县人民政府".
JOINT_SUBJECT = re.compile(r"(?:中共)?(?P<place>[\u4e00-\u9fff]{2,10}?)(?:党委|委员会|委)\s*[、和及与]?\s*"
                           rf"(?:中共)?(?:(?P=place)|[{vocab.tier_chars()}镇乡])?(?:人民)?政府")
# "2023年,万兴街在区委、区政府的正确领导下,…": whoever works under the tier above is the report's author.
LED_SUBJECT = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,10}?)在[^,，。;；]{0,30}?领导下")


def joint_subject(clause: str) -> str | None:
    """A party committee and its government named together at the head of a clause, as one joint name."""
    m = JOINT_SUBJECT.match(clause)
    place = m.group("place") if m else ""
    if not m or vocab.place_units(place) != [place]:
        return None
    return f"中共{place}委、{place}人民政府"


def led_subject(clause: str) -> str | None:
    """The subject of "X在…领导下" when X names a place or an organisation (万兴街 = a 街道's short form)."""
    m = LED_SUBJECT.match(clause)
    name = m.group("name") if m else ""
    if not name or SELF.match(name) or vocab.SELF_OR_ALL.match(name) or _PREDICATE_START.match(name):
        return None
    if vocab.place_units(name) == [name] or ORG_END.search(name[-3:]) and org_end(name, 0) == len(name):
        return name
    return name + "道" if re.fullmatch(r"[\u4e00-\u9fff]{2,4}街", name) else None  # "万兴街": a street office's short name


_PREDICATE_START = re.compile(r"^(?:全市|全区|全县|全省|各|我|本|该)")


def from_opening(sentences: list[str]) -> list[str]:
    """The subject of the opening sentences, or the organisation of "现将X2023年…报告如下"; also a
    whole organisation name (it starts with a gazetteer place) standing at the head of a later clause
    ("根据…,以及市、区…部署,2023年,清波街道以…")."""
    found = []
    for number, sentence in enumerate(sentences):
        norm = normalize(sentence)
        intro = REPORT_INTRO.search(norm)
        if intro and not SELF.match(intro.group(1)) and (end := org_end(norm, intro.start(1))):
            found.append(span_text(sentence, intro.start(1), end))
        subject_seen = False
        for offset, clause in clauses(norm):
            if _SKIP_CLAUSE.search(clause):
                continue
            lead = LEAD_YEAR.match(clause)
            start = offset + (lead.end() if lead else 0)
            if start >= offset + len(clause):
                continue
            if SELF.match(norm, start):
                return found  # it names itself 我局: resolved by what it calls its own, never by a later name
            named = joint_subject(norm[start:]) or led_subject(norm[start:offset + len(clause)])
            if named and not subject_seen:
                found.append(named)
                subject_seen = True
                continue
            end = org_end(norm, start)
            if end and (not subject_seen or (number == 0 and whole_name(norm[start:end]))):
                found.append(span_text(sentence, start, end))
                subject_seen = True
            elif not _OTHERS_LEAD.search(clause):
                subject_seen = True  # the first clause with a subject: later ones only by a whole name
        if found:
            break
    return found


def whole_name(name: str) -> bool:
    """A name that stands on its own: it starts with a gazetteer place, is a ministry, or is a
    government, street office or town (清波街道)."""
    starts = vocab.place_mentions(name)[:1]
    return bool(starts and starts[0].start == 0) or vocab.is_national(name) or vocab.is_government(name) \
        or bool(re.search(r"(?:街道|镇|乡)$", name))
