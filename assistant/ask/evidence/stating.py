"""The lines where a report states who wrote it and for which year: what an answer about the report cites.

A report's agency and year are read at ingest (index/metadata.py); an answer that
names them ("这份报告是哪个单位哪一年的?", a listing of reports) cites the line of
the report that states them, so the reader can check it: the title (with an
organisation line above it), else the sentence that states most of them, else
the first sentence. The weights are data (prompts/thresholds.toml [stating]).
"""
from __future__ import annotations

import re

from index import vocabulary as vocab
from index.metadata import ADDRESSEE
from index.normalize import normalize
from index.numerals import years_in

from ..report_names import own_place_parents, report_places
from ..tuning import Stating

# The title of another document ("印发《X局2024年度学法计划》") does not state the report's year (it may be the
# next year's plan), though it may be the only line naming the author in full; a title naming a report
# or summary may be the report's own (文号《…关于2022年度…的报告》).
OTHER_DOCUMENT = re.compile(r"《(?:(?!报告|总结)[^《》])*》")


def recipient_lines(row: dict, bank) -> list:
    """The line before the text that says to whom the report goes ("省委、省政府:"), among its first lines: it
    names a body (a page's "今天是:" or "保护视力色:" names none)."""
    return [s for s in bank.of_report(row["report_id"])[:12]
            if ADDRESSEE.match(s.text.strip()) and vocab.org_endings().search(s.text)][:1]


def addressee(line) -> str:
    """Whom an addressee line names ("省委、省政府:" → 省委、省政府)."""
    return line.text.strip().rstrip(":：")


def stating_sentences(row: dict, bank, index, weights: Stating, with_year_heading: bool = False) -> list:
    """The lines that state the report's agency and year (`stating_lines`); with `with_year_heading`
    also the first heading naming the year ("一、2023年法治政府建设工作情况")."""
    lines = stating_lines(row, bank, weights, with_year_heading)
    heading = year_heading(row, index) if with_year_heading else None
    if heading is not None and all(heading.text not in line.text for line in lines):
        lines.append(heading)
    return lines


def stating_lines(row: dict, bank, w: Stating, about_year: bool) -> list:
    """The line that states most of who wrote the report and when: the author by name, else what
    shows it (its place, its field of work: "全市自然资源规划系统"), the year, and the report itself
    ("现将中原区2024年度…报告如下" over "2024年,中原区坚持…"); a title line counts extra when it names
    the author or the year is asked, and keeps the organisation line above it. Who matters most
    unless the year is asked."""
    sentences = opening(row, bank, w)
    agency = normalize(row.get("agency") or "\0")
    year = row.get("year")
    title = normalize(row.get("title") or "\0")
    titled = next((i for i, s in enumerate(sentences[:8]) if s.norm.strip() == title.strip()), None)
    names = [normalize(a) for a in row.get("authors") or []] + [agency]
    selves = self_forms(agency)  # "2023年,省生态环境厅坚持…" names it too, less fully
    parts = [p for p in report_places(row) if len(p) >= 2] + vocab.forms_of_field(row.get("sector"))
    by_name, by_year = (w.name_year_asked, w.year_year_asked) if about_year else (w.name, w.year)

    def names_author(i: int) -> bool:
        return any(n in sentences[i].norm for n in names)

    def states(item) -> int:
        i, s = item
        # a title naming no one speaks for the organisation line above it ("中共X乡委员会 X乡人民政府" / "关于…的报告")
        named = by_name if names_author(i) or (i == titled and i and names_author(i - 1)) else \
            min(by_name, w.self_name) if any(n in s.norm for n in selves) else \
            min(w.place_or_field_cap, w.place_or_field * sum(p in s.norm for p in parts))
        own = OTHER_DOCUMENT.sub("", s.norm)
        dated = by_year if year and re.search(rf"{year}年(?!\d{{1,2}}月)", own) else 0
        report = w.report_word if (named or dated) and re.search(r"报告|总结", s.norm) else 0
        return named + dated + report + (w.title if i == titled and (named or about_year) else 0)

    best = max(enumerate(sentences), key=states, default=None)  # ties: the earliest
    if best is None or not states(best):
        return sentences[:1]
    i, line = best
    if i == titled and i and names_author(i - 1) and not names_author(i):
        return [sentences[i - 1], line]  # the organisation line above a title that names none
    return [line]


def author_names(row: dict) -> list[str]:
    """The forms a line may name the report's author by: its full names and the agency's self-form."""
    return full_names(row) + self_forms(normalize(row.get("agency") or ""))


def full_names(row: dict) -> list[str]:
    """The report's author by its full names: its agency and each joint author."""
    return [normalize(a) for a in [row.get("agency"), *(row.get("authors") or [])] if a]


def self_forms(agency: str) -> list[str]:
    """How a report names its author without its place: "湖南省生态环境厅" → 省生态环境厅, "邻水县林业局" → 县林业局
    (the tier character stays: "生态环境厅" alone may be any province's)."""
    units = vocab.place_units(agency)
    rest = agency[agency.find(units[-1]) + len(units[-1]):] if units and agency.startswith(units[0]) else ""
    return [units[-1][-1] + rest] if len(rest) >= 3 and units[-1][-1] in "省市县区州旗" else []


def opening(row: dict, bank, w: Stating) -> list:
    """The report's sentences from its start, as far as a reader looks for who wrote it and where."""
    return bank.of_report(row["report_id"])[:w.scan_sentences]


def own_place_line(row: dict, bank, w: Stating):
    """The first line naming the author's own place (what its level rests on), or None."""
    units = vocab.place_units(normalize(row.get("agency") or ""))
    return first_naming(opening(row, bank, w), units[-1]) if units else None


def naming_line(row: dict, bank, w: Stating, names: list[str]):
    """The first line of the report's opening naming one of `names` (a place a listing asks for), or None."""
    lines = opening(row, bank, w)
    return next((line for name in names if (line := first_naming(lines, name)) is not None), None)


def year_heading(row: dict, index):
    """The first heading that names a year: where the report states its year once more, or the year
    of the work it reports when that differs ("2025年…报告" over "一、2024年法治政府建设基本情况")."""
    if not row.get("year"):
        return None
    return next((p for p in index.paragraphs(row["report_id"])
                 if p.is_heading and any(abs(y - row["year"]) <= 1 for y in years_in(normalize(p.text)))), None)


def place_above(row: dict, bank, tier: str, w: Stating):
    """(the place of `tier` above the report's own, the line of the report that names it, whether that
    line names the place above), or None. From the author's name when it holds that place (鲤城区人民政府
    金龙街道办事处 → 鲤城区), else from the gazetteer's parents of its own place: the one the report names
    (城中区 with 西宁 → 西宁市), else the only one the map gives (济南市 → 山东省), cited with the first
    line naming the report's own place, since the report never names the place above."""
    units = vocab.place_units(normalize(row.get("agency") or row.get("region") or ""))
    places = {u: p for u in units if (p := vocab.by_name(u) or next(iter(vocab.places().get(u, ())), None))}
    named = [u for u in units[:-1] if u in places and of_tier(places[u], tier)]
    candidates = list(dict.fromkeys(named or parents_of(units, tier)))
    lines = opening(row, bank, w)
    for name in candidates:
        line = first_naming(lines, name)
        if line is not None:
            return name, line, True
    own = first_naming(lines, units[-1]) if len(candidates) == 1 and units else None
    return (candidates[0], own, False) if own is not None else None


def parents_of(units: list[str], tier: str) -> list[str]:
    """The gazetteer's places of `tier` above the last of `units`, read with the others (白云区 after
    广州市 is 广州's; report_names.own_place_parents): several when the name is ambiguous (龙华区 alone
    is 深圳's or 海口's)."""
    chain = own_place_parents("".join(units))
    readings = [chain] if chain else [p.parents for u in units[-1:] for p in vocab.places().get(u, ())]
    return [parent for parents in readings for parent in parents if (found := vocab.by_name(parent)) and of_tier(found, tier)]


def of_tier(place, tier: str) -> bool:
    """Is the place of the tier asked? A 直辖市 (北京市) is the province and the city both: "西城区是哪个市的"."""
    return place.tier == tier or (tier == "市" and place.kind == "直辖市")


def first_naming(lines: list, name: str):
    """The first line naming the place in full ("江西省"), else the first naming its short form ("考察江西"):
    the full name says which place it is."""
    forms = [f for f in dict.fromkeys((name, vocab.short_or_self(name))) if len(f) >= 2]
    return next((s for f in forms for s in lines if f in s.norm), None)


def place_named(row: dict, bank, tier: str, w: Stating):
    """(a place of `tier`, the first line naming it or the place below it that leads there, that place)
    for a place the gazetteer does not know (a town): of the places the report names, the one of `tier`
    it names most, counting a more local place for the place of `tier` above it (下蜀镇's report names
    句容市: 江苏省). The answer says which place the report names, and that the map puts it there."""
    counts: dict = {}
    own = set(vocab.place_units(normalize(row.get("agency") or "")))
    for s in opening(row, bank, w):
        for p in vocab.resolve(vocab.place_mentions(s.norm)):
            if p.name in own or p.short in own:
                continue
            above = p.name if of_tier(p, tier) else next((a for a in p.parents if (f := vocab.by_name(a)) and of_tier(f, tier)), None)
            if above:
                counts.setdefault(above, [0, s, p.name])[0] += 1
    if not counts:
        return None
    name, (_, line, via) = max(counts.items(), key=lambda item: item[1][0])
    return name, line, via


def field_line(row: dict, bank, w: Stating):
    """The first line of the report that names its author's field of work (生态环境…), or None."""
    forms = vocab.forms_of_field(row.get("sector"))
    return next((s for s in opening(row, bank, w) if any(f in s.norm for f in forms)), None)
