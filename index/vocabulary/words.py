"""The vocabulary's words from data/vocabulary.toml: measure words, the endings of places and organisations,
the tiers. Read once; every other part of the vocabulary builds on these."""
from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path


VOCABULARY = Path(__file__).resolve().parents[2] / "data" / "vocabulary.toml"
TIERS = ("部委", "省", "市", "区县", "街道乡镇")


@functools.cache
def data() -> dict:
    return tomllib.loads(VOCABULARY.read_text(encoding="utf-8"))


def units() -> dict:
    """Measure words ([units] of data/vocabulary.toml): what counts, what counts the same things."""
    return data()["units"]


def same_kind_units(unit: str) -> str:
    """The measure words counting what `unit` counts (件 → 件宗起例份条), with the general 个 for things
    ("几个案例" is answered by "7个", "多少条问题线索" by "120余个"; a person is never 个 in a report)."""
    u = units()
    if unit == u["general"]:
        return "".join(u["same_kind"])
    found = "".join(group for group in u["same_kind"] if unit in group) or unit
    return found + (u["general"] if any(unit in group for group in u["general_counts"]) else "")


@functools.cache
def tier_chars() -> str:
    """The one-character endings of places (省, 市, 州, 盟, 区, 县, 旗), from the data's endings."""
    return "".join(e for e in data()["places"]["endings"] if len(e) == 1)


@functools.cache
def place_ending() -> str:
    """A pattern for what ends a place's name: a town's ending (街道, 镇, 乡, 苏木) or a tier character."""
    towns = sorted(data()["places"]["town_endings"], key=len, reverse=True)
    return rf"(?:{'|'.join(towns)}|[{tier_chars()}])"


@functools.cache
def author_ending(places: bool = False) -> str:
    """A pattern for what ends the name of a body a question names as a report's author: a department that
    reports (局, 厅, 委员会…) or a government; with `places`, a place too (a place named as the author is its
    government)."""
    a = data()["agencies"]
    words = sorted(set(a["reporting"] + a["government"]), key=len, reverse=True)
    return f"(?:{'|'.join(words)}{'|' + place_ending() if places else ''})"


@functools.cache
def agency_ending() -> str:
    """A pattern for what ends an organisation's name: its departments', governments' and courts' endings,
    and the towns' (a 镇 is its government)."""
    a = data()["agencies"]
    words = set(a["department"] + a["government"] + a["judicial"] + data()["places"]["town_endings"])
    return "(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")"


def short_form(name: str, endings: list[str], peoples: list[str]) -> str | None:
    """广州市 → 广州; 恩施土家族苗族自治州 → 恩施; 彭水苗族土家族自治县 → 彭水; 赵县 → None (one character)."""
    stem = next((name[:-len(e)] for e in endings if name.endswith(e) and len(name) > len(e)), name)
    first = min((i for p in peoples for i in [stem.find(p + "族", 1)] if i > 0), default=len(stem))
    stem = stem[:first]
    return stem if len(stem) >= 2 and stem != name else None


# Words that start a town-like run without naming a town ("全街道", "各乡镇", "本镇").
SELF_OR_ALL = re.compile(r"^(?:全|本|我|各|该|其|每|所属|辖区|乡镇|城镇|街道)")


@functools.cache
def org_endings() -> re.Pattern:
    a = data()["agencies"]
    words = sorted(set(a["department"] + a["government"]), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, words)) + ")(?!门)")  # the 部 of 部门 ends no name


@functools.cache
def _title_words() -> re.Pattern:
    words = sorted(data()["report"]["title_words"], key=len, reverse=True)
    return re.compile(f"^(?:{'|'.join(words)})+$")


def generic_title(text: str) -> bool:
    """Is the (normalised) line only the words every report's title holds ("建设年度报告")?"""
    return bool(_title_words().match(re.sub(r"\s+", "", text)))


@functools.cache
def scope_words() -> tuple[str, ...]:
    """The words naming the whole of a jurisdiction (全国, 全省, 全市, 全县…): the scope of a rank."""
    places = data()["places"]
    return (places["nation_word"],) + tuple(w for words in places["self_words"].values() for w in words if w.startswith("全"))


@functools.cache
def _person() -> re.Pattern:
    people = data()["people"]
    titles, name = "|".join(people["titles"]), rf"[{people['surnames']}][\u4e00-\u9fff]{{1,2}}"
    return re.compile(rf"(?:{titles})(?:、[\u4e00-\u9fff]{{2,6}})?\s*{name}|{name}\s*(?:{titles})")


def names_person(text: str) -> bool:
    """Does the text name someone by a title ("局长姚涌同志", "蔡魏局长"), not only speak of an office?"""
    return bool(_person().search(text))


def head_title(name: str) -> str | None:
    """The title of who leads the body `name` names, by how it ends ("应急管理局" → 局长, "中原区人民政府" → 区长)."""
    body = name.removesuffix("人民政府").removesuffix("政府")
    return next((title for end, title in sorted(data()["people"]["heads"].items(), key=lambda kv: -len(kv[0]))
                 if body.endswith(end)), None)


def names_leader(text: str) -> bool:
    """Does the text speak of a body's leader without a title ("一把手", "主要负责人")?"""
    return any(word in text for word in data()["people"]["leaders"])


@functools.lru_cache(maxsize=4096)  # asked of one agency word once per report when a question is targeted
def departmental_committee(norm: str) -> bool:
    """A 管理委员会 named for a field of work ("北京市朝阳区城市管理委员会", not "芦台经济开发区管委会", "管委会") is a
    department, not the government of a zone: besides its places, its name says what it manages."""
    from .mentions import place_units  # the place reader is built on this module's words

    stem = next((norm[:-len(e)] for e in ("管理委员会", "管委会") if norm.endswith(e)), None)
    if not stem or any(z in stem for z in data()["places"]["zone_endings"]):
        return False
    for unit in place_units(stem):
        stem = stem.replace(unit, "")
    return len(stem) >= 2
