"""Who wrote a report: every author the text offers, scored, the best kept with its origin and a confidence.

A cascade of rules ("the title, else the opening sentence, else…") fits the reports it was
written from: on others the first rule that fires wins even when it read a fragment ("关于华容县",
"一是我委") and a better name stood two lines below. Here every source is asked (the title and the
organisation lines around it, the opening sentences, "现将X…报告如下", a self-reference 我局/我县
resolved with what the report names as its own, the signature, the page's 发布机构/来源, the file
name), and each candidate is scored on features that say why: where it stands, whether it is a whole
organisation name whose place the gazetteer knows, whether other sources name the same organisation,
whether it fits how the report names itself (我局 is a 局, 我县 a county). A name that leaves out its
place ("市市场监管局") takes the place of its tier that the report itself names most (绍兴市), never
one from the file name. Joint authors (中共华容县委 / 华容县人民政府) stay joint; a party body
writing for its organisation (…交通运输局党组) is the organisation's report.
"""
from __future__ import annotations

import functools
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import numerals
from . import vocabulary as vocab
from .model import Paragraph
from .normalize import normalize
from .opening_subjects import LEAD_YEAR, SELF, from_opening, span_text, whole_name
from .orgnames import ORG_END, ORG_SUFFIX, REGION, is_org_line, org_end, pinyin_span
from .structure import SENTENCE_END

NUMBERS = Path(__file__).resolve().parent.parent / "data" / "metadata.toml"  # the weights, as data

_DOC_NAME = re.compile(r"[《〈]([^》〉]{3,40})[》〉]")
_BAD_START = re.compile(rf"^(?:关于|[{numerals.SMALL}]+是|[\d(（]|我|本|各|全|该)")
_JOINT_SPLIT = re.compile(r"[、\s]+")


@dataclass
class Candidate:
    name: str  # as written, in the report's own script
    origin: str
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)

    @property
    def norm(self) -> str:
        return re.sub(r"\s+", "", normalize(self.name))


@dataclass
class Author:
    agency: str | None
    origin: str | None
    confidence: float
    authors: list[str] = field(default_factory=list)  # as written: joint authors, or the party body


def from_title(title: str | None) -> str | None:
    """The organisation a title starts with ("广州市司法局关于…", "【2022年】州生态环境局2022年度…")."""
    if not title:
        return None
    norm = normalize(title)
    start = len(re.match(r"^(?:【[^】]*】|\[[^\]]*\]|\s)*", norm).group())
    lead = LEAD_YEAR.match(norm[start:])
    start += lead.end() if lead else 0
    prefix = re.match(rf"(.{{2,40}}?)\s*(?:关于|{numerals.WRITTEN_YEAR}\s*年|依法行政|法治)", norm[start:])
    if prefix and ORG_END.search(prefix.group(1)[-4:]) and re.search(rf"(?:{ORG_SUFFIX})$", prefix.group(1)):
        return span_text(title, start, start + prefix.end(1))
    if prefix and "".join(vocab.place_units(prefix.group(1))) == prefix.group(1):
        return span_text(title, start, start + prefix.end(1))  # a place named as the author: its government (黑龙江省…)
    end = org_end(norm, start)
    return span_text(title, start, end) if end else None


PLACE_KINDS = {"县", "区", "市", "街道", "镇", "乡"}


def from_self_reference(text: str, page: list[dict], opening: list[str]) -> list[str]:
    """"我局" + an organisation of the same kind the report names as its own (a document title
    "《江门市交通运输局制定…规程》", the page's 发布机构), most frequent first; a report whose
    opening speaks as "我县/我区/本街道" (and not as a department, 我局) is its place's government,
    the place of that tier the report names most ("房县人民政府")."""
    norm = normalize(text)
    kinds = {m.group(1) for m in SELF.finditer(norm)} - PLACE_KINDS
    opening_kinds = {m.group(1) for s in opening for m in SELF.finditer(normalize(s))}
    found: Counter = Counter()
    for match in _DOC_NAME.finditer(norm):
        end = org_end(norm, match.start(1))
        name = text[match.start(1):end] if end else ""
        if name and REGION.match(normalize(name)) and any(normalize(name).endswith(k) for k in kinds):
            found[name] += 1
    for f in page:
        value = f["value"]
        if f["kind"] in ("publisher", "source") and any(normalize(value).endswith(k) for k in kinds) and is_org_line(value):
            found[value] += 1
    speaks_as_place = opening_kinds & PLACE_KINDS if not opening_kinds - PLACE_KINDS else set()
    for kind in speaks_as_place:
        place = own_place(norm, kind)
        if place:
            found[place + ("街道办事处" if kind == "街道" else "人民政府")] += 1
    return [name for name, _ in found.most_common()]


def own_place(norm: str, ending: str) -> str | None:
    """The place with this ending (县, 区, 市, 街道…) that a text names most, when one clearly leads:
    a report's own place is the one it keeps naming."""
    if ending in ("街道", "镇", "乡"):
        counts = Counter(m.group() for m in re.finditer(rf"[\u4e00-\u9fff]{{2,4}}?{ending}", norm)
                         if not vocab.SELF_OR_ALL.match(m.group()))
    else:
        counts = Counter(p.name for p in vocab.resolve(vocab.place_mentions(norm)) if p.name.endswith(ending))
    ranked = counts.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def from_file_name(paragraphs: list[Paragraph], source) -> str | None:
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


def from_page(source_line, page: list[dict]) -> list[str]:
    """The page's 发布机构/来源 when it names a placed organisation (not an office like 政策法规处)."""
    values = [f["value"] for f in page if f["kind"] in ("publisher", "source")] + [source_line]
    return [value.strip() for value in values if isinstance(value, str) and REGION.match(normalize(value))
            and is_org_line(value) and not re.search(r"(?:处|科|室)$", normalize(value))]


def head_org_lines(head: list[Paragraph]) -> list[str]:
    """Organisation lines among the first lines, before the body begins; consecutive ones (a party
    committee over its government) as one joint name."""
    out, run = [], []
    for p in head + [None]:
        if p is not None and len(p.text) <= 30 and is_org_line(p.text) and not re.search(r"[:：]$", p.text.strip()):
            run.append(p.text.strip())
            continue
        if len(run) > 1 and any(vocab.is_party(normalize(r)) for r in run):
            out.append("、".join(run))
        out += run
        run = []
        if p is not None and len(p.text) > 80 and any(ch in SENTENCE_END for ch in p.text):
            break
    return out


_GLUED_TITLE = re.compile(rf"关于\s*{numerals.WRITTEN_YEAR}\s*年")


def from_glued_title(first: str) -> str | None:
    """A title run into other text on one line ("…www.mishuzj.com湖北省人民政府关于2023年度…的报告2023年,
    省政府坚持…"): the whole organisation name that ends right before its 关于."""
    norm = normalize(first[:400])
    for match in _GLUED_TITLE.finditer(norm):
        for m in vocab.place_mentions(norm[:match.start()]):
            if org_end(norm, m.start) == match.start():
                return span_text(first, m.start, match.start())
    return None


def gather(title: str | None, org_line: str | None, head: list[Paragraph], opening: list[str], text: str,
           signature: str | None, page: list[dict], source_line, file_name: str | None) -> list[Candidate]:
    """Every author candidate the report offers, each with its source."""
    out = [Candidate(org_line, "title")] if org_line else []
    if title and (name := from_title(title)):
        out.append(Candidate(name, "title"))
    if head and (name := from_glued_title(head[0].text)):
        out.append(Candidate(name, "title"))
    out += [Candidate(name, "organisation line") for name in head_org_lines(head)]
    out += [Candidate(name, "opening") for name in from_opening(opening)]
    out += [Candidate(name, "self-reference") for name in from_self_reference(text, page, opening)]
    if signature:
        out.append(Candidate(signature, "signature"))
    out += [Candidate(name, "page") for name in from_page(source_line, page)]
    if file_name:
        out.append(Candidate(file_name, "file name"))
    out = [c for c in out if c.name]
    if not out and (place := vocab.jurisdiction(normalize(text))):
        out.append(Candidate(place, "jurisdiction"))  # no author named: the place it calls its own (全市…上海)
    return out


def same_organisation(a: str, b: str) -> bool:
    """Two names of one organisation: equal, or one holds the other's organisation word and no
    place the other contradicts (广州市司法局 / 司法局; 中共华容县委、华容县人民政府 / 华容县人民政府)."""
    if a == b or (len(a) >= 3 and a in b) or (len(b) >= 3 and b in a):
        return True
    core_a, core_b = vocab.strip_places(a), vocab.strip_places(b)
    return bool(core_a) and core_a == core_b and not vocab.places_conflict(a, b)


@functools.cache
def weights() -> dict:
    """The [authors] table of data/metadata.toml: source priors, feature weights, thresholds."""
    return tomllib.loads(NUMBERS.read_text(encoding="utf-8"))["authors"]


def unsure(confidence: float | None, origin: str | None) -> bool:
    """A reading to be marked as possibly wrong: below the threshold of data/metadata.toml, not corrected."""
    return origin != "override" and (confidence or 0) < weights()["unsure"]


def score(c: Candidate, others: list[Candidate], self_kinds: set[str]) -> None:
    """The candidate's score, with the reasons that make it up."""
    w = weights()
    norm = re.sub(r"^中共", "", c.norm)
    c.score = w["prior"][c.origin]
    if _BAD_START.match(norm):
        c.score += w["fragment"]
        c.reasons.append("fragment")
    elif whole_name(norm):
        c.score += w["whole"]
        c.reasons.append("whole name")
    else:
        c.score += w["placeless"]
        c.reasons.append("no place")
    agreeing = {o.origin for o in others if o is not c and o.origin != c.origin and same_organisation(o.norm, c.norm)}
    if agreeing:
        c.score += w["agreement"] * len(agreeing)
        c.reasons.append("agrees with " + ", ".join(sorted(agreeing)))
    if self_kinds and any(norm.endswith(k) or (k in "县区市" and vocab.is_government(norm)) for k in self_kinds):
        c.score += w["fits_self"]
        c.reasons.append("fits how it names itself")


def complete(name: str, norm_text: str) -> str:
    """A name that leaves out its place ("市市场监管局") with the place of that tier the report names
    most ("绍兴市市场监管局"); unchanged when the report names none clearly."""
    norm = normalize(name)
    if vocab.drop_tier_char(norm) == norm or vocab.place_mentions(norm)[:1]:
        return name  # no tier character to complete (市场监管局 starts with a field, not 市)
    place = own_place(norm_text, norm[0])
    return place + name[1:] if place else name


def choose(candidates: list[Candidate], norm_text: str) -> Author:
    """The best candidate, completed with its place, and how sure the choice is (0–1). Among the
    candidates that score within one agreement of the best and name the same organisation, the
    most complete name is kept (中共华容县委、华容县人民政府 over 华容县)."""
    for c in candidates:
        c.name = complete(c.name, norm_text)
    if not candidates:
        return Author(None, None, 0.0)
    self_kinds = {m.group(1) for m in SELF.finditer(norm_text)}
    for c in candidates:
        score(c, candidates, self_kinds)
    best = max(candidates, key=lambda c: c.score)  # ties: the earlier source (gather's order)
    if best.score <= 0:
        return Author(None, None, 0.0)
    agreement, confident = weights()["agreement"], weights()["confident"]
    near = [c for c in candidates if c.score >= best.score - agreement and "fragment" not in c.reasons
            and same_organisation(c.norm, best.norm)]
    chosen = max(near or [best], key=lambda c: (len(c.norm), c.score))
    name = chosen.name
    authors = [a for a in _JOINT_SPLIT.split(name.strip()) if a]
    agency = "、".join(authors) if len(authors) > 1 else vocab.without_author_label(name)
    listed = authors if len(authors) > 1 else ([name] if agency != name else [])
    return Author(agency, chosen.origin, round(min(1.0, best.score / (confident + agreement)), 2), listed)
