"""Which reports are …: listings over what the reports state about themselves, complete, each line cited.

"哪些报告是县级的 / 乡镇的 / 开发区的 / 省级政府的 / 人社部门的 / 繁体字的 / 2024年度的?", "哪些是国务院
部门或省级政府的报告?", "哪些报告不是2023年度的?", "哪份报告发布得最早?", "各报告是几月份发布的?": the
catalog holds each report's level (from the gazetteer), kind, field of work, year, script and
publication date, so the answer lists every report that fits, never a sample, and each line cites
where the report states it (its title or opening line; the page field for a date). A question with a
topic word besides ("哪些县级报告提到了法律顾问?") is not a listing: the sentence route answers it.
"""
from __future__ import annotations

from index import vocabulary as vocab
from index.normalize import normalize

from ...contract import Answer, who
from ..agency_match import names_agency
from ..asked import Asked
from ..compose import Composer, cn_count, listed_count, naming_field, page_fields, uncited_name
from ..evidence.stating import (
    addressee,
    field_line,
    full_names,
    naming_line,
    own_place_line,
    recipient_lines,
    stating_sentences,
)
from ..forms import form
from ..report_set import Condition, ReportSet


def place_kinds(agency: str) -> set[str]:
    """The kinds of the places an agency's name states and of the places above them: "自治区的报告" holds 包头市's
    (内蒙古自治区), as "广东的报告" holds 深圳市龙华区's."""
    kinds = set()
    for place in vocab.resolve(vocab.place_mentions(agency)):
        kinds |= {place.kind} | {above.kind for name in place.parents for above in vocab.places().get(name, ())}
    return kinds


def fits(row: dict, c: Condition) -> bool:
    agency = vocab.normalize_name(row.get("agency") or "")
    if c.levels and row.get("level") not in c.levels:
        return False
    if c.government is not None and (row.get("kind") == "政府") != c.government:
        return False
    if c.sector and (row.get("sector") or vocab.field_of(agency)) != c.sector:
        return False
    if c.place_kind and c.place_kind not in place_kinds(agency):
        return False
    if c.not_place_kind and c.not_place_kind in place_kinds(agency):
        return False
    if c.town_kind and vocab.is_street_office(agency) != (c.town_kind == "街道"):
        return False
    if c.zone and not form("report_set.zone").search(agency):
        return False
    return not c.joint or len(row.get("authors") or []) > 1


def matches(row: dict, listing: ReportSet) -> bool:
    wanted = (not listing.alternatives or any(fits(row, c) for c in listing.alternatives)) \
        and listing.covers(row.get("year")) \
        and (not listing.script or row.get("script") == listing.script) \
        and (listing.titled is None or bool(row.get("title")) == listing.titled) \
        and (not (listing.page_kinds or listing.page_values)
             or shows_page_values(page_fields(row, listing.page_kinds), listing.page_values))
    return wanted != listing.negated


def shows_page_values(fields: list[dict], values: list[str]) -> bool:
    """The page shows a field of the kinds asked, holding every body the question says it holds ("来源写的是司法局")."""
    return bool(fields) and all(any(w in f["value"] for f in fields) for w in values)


def published_field(row: dict) -> dict | None:
    return next(iter(page_fields(row)), None)


def in_period(row: dict, listing: ReportSet) -> bool:
    """Published in the year and month the question names ("2023年发布的", "3月份发布的")."""
    year, month = listing.published_in or (None, None)
    date = row.get("published") or ""
    return (year is None or date[:4] == str(year)) and (month is None or date[5:7] == f"{month:02d}")


def report_line(out: Composer, row: dict, asked: Asked, listing: ReportSet) -> None:
    """A report of the listing, with the lines that state who wrote it and when, cited, and the lines that
    show what the listing asks of it where those do not (`shown_lines`)."""
    stated = stating_sentences(row, asked.bank, asked.index, asked.tuning.stating, bool(listing.years or listing.year_span))
    stated += shown_lines(row, asked, listing, stated)
    full = full_names(row)
    # "省生态环境厅坚持…" names no province; the page's "发布机构: 湖南省生态环境厅" does
    publisher = naming_field(row, full) if listing.alternatives and full and not names_any(stated, full) else None
    if stated:
        marks = out.marks(row["report_id"], stated)
        title = " ".join(line.text.strip() for line in stated).rstrip("。")
        if publisher:
            marks += f"[{out.cite_page(row['report_id'], publisher['quote'])}]"
            title += f" {publisher['label']} {publisher['value']}"
        out.item("extractive", "listing_line", who=who(row), marks=marks, title=title)


def shown_lines(row: dict, asked: Asked, listing: ReportSet, stated: list) -> list:
    """Lines showing what the listing asks of a report, each where the lines quoted so far do not: the place
    it names, its author's full name ("县林业局…" only), its field of work, its own place ("我市…" only: a
    line naming 宝鸡), the zone word asked ("开发区管委会写的", where the title says 高新区)."""
    w, bank, added = asked.tuning.stating, asked.bank, []

    def add(line, wanted: list[str]) -> None:
        if wanted and not names_any(stated + added, wanted) and line is not None and line not in stated + added:
            added.append(line)

    names = [normalize(p) for p in asked.targets.phrases]  # the place the listing names
    add(naming_line(row, bank, w, names) if names else None, names)
    full = full_names(row) if listing.alternatives else []
    add(naming_line(row, bank, w, full) if full else None, full)
    fields = vocab.forms_of_field(row.get("sector")) if any(c.sector for c in listing.alternatives) else []
    add(field_line(row, bank, w) if fields else None, fields)
    own = vocab.place_units(normalize(row.get("agency") or ""))[-1:]
    own += [vocab.short_or_self(p) for p in own]
    if stated or added:  # a report with no line quoted gets none of its place alone
        add(own_place_line(row, bank, w), own)
    zone = listing.zone_words if any(c.zone for c in listing.alternatives) else []
    add(naming_line(row, bank, w, zone) if zone else None, zone)
    return added


def names_any(lines: list, names: list[str]) -> bool:
    """Does one of the lines name one of `names`? Lines are sentences or a heading paragraph (the year
    heading stating_sentences adds), so each is read by its text."""
    return any(n in normalize(line.text) for n in names for line in lines)


def page_line(out: Composer, row: dict, f: dict) -> None:
    """One page field of a listed report ("文号 保政呈〔2025〕5号"), cited by the page line it stands in."""
    out.item("extractive", "page_line", who=who(row), label=f["label"], value=f["value"],
             n=out.cite_page(row["report_id"], f["quote"]))


def dated_answer(asked: Asked, listing: ReportSet, rows: list[dict]) -> Answer:
    """Rankings and months by the page's publication date; reports whose page states none are named."""
    dated = sorted((r for r in rows if published_field(r) and r.get("published")), key=lambda r: (r["published"], r["source"]))
    undated = [r for r in rows if r not in dated]
    out = Composer(asked.text, asked.rows, asked.index)
    if not dated:
        out.say("extractive", "no_published")
        return out.answer("not_found")
    dated = [r for r in dated if in_period(r, listing)]
    if not dated:
        out.say("extractive", "no_listing")
        return out.answer("not_found")
    if listing.ranking:
        edge = dated[0]["published"] if listing.ranking == "earliest" else dated[-1]["published"]
        out.say("extractive", "earliest_intro" if listing.ranking == "earliest" else "latest_intro",
                count=cn_count(len(dated)))
        chosen = [r for r in dated if r["published"] == edge]
    elif listing.published_in:  # the period is the question's own words: figures only in quotes
        out.say("extractive", "published_in_intro", count=listed_count(len(dated)))
        chosen = dated
    else:
        out.say("extractive", "published_intro")
        chosen = dated
    for row in chosen:
        page_line(out, row, published_field(row))
    if undated:
        out.say("extractive", "undated_line", names="、".join(uncited_name(r) for r in undated))
    return out.answer("answered")


def answer(asked: Asked) -> Answer | None:
    """The listing a "which reports are …" question asks for; None for any other question."""
    listing = asked.question.report_set
    if listing is None:
        return None
    # The reports a place or title names ("广州市的报告中哪些是…"); agency words are conditions of the listing itself.
    rows = asked.chosen if asked.targets.phrases and not listing.negated else list(asked.rows.values())
    if listing.dated:
        return dated_answer(asked, listing, [r for r in rows if matches(r, listing)])
    picked = [r for r in rows if matches(r, listing) and (listing.negated or not listing.agencies
                                                           or any(names_agency(m, r) for m in listing.agencies))]
    out = Composer(asked.text, asked.rows, asked.index)
    # "哪些报告开头写了主送机关": those that say to whom they go, each read once
    sent = {r["report_id"]: recipient_lines(r, asked.bank) for r in picked} if listing.recipient else {}
    if listing.recipient:
        picked = [r for r in picked if sent[r["report_id"]]]
    if listing.by_year:  # "年度最早的一份报告": those of the first (or last) year any report covers
        years = [r["year"] for r in picked if r.get("year")]
        edge = (min if listing.ranking == "earliest" else max)(years, default=None)
        picked = [r for r in picked if edge is not None and r.get("year") == edge]
    if not picked:
        out.say("extractive", "no_listing")
        return out.answer("not_found")
    if listing.by_year:
        out.say("extractive", f"{listing.ranking}_year_intro", year=picked[0]["year"])
    else:
        out.say("extractive", "listing_intro", count=listed_count(len(picked)))
        if asked.question.span_year_taken:  # "2024年以后": read with 2024 itself, and said so
            out.say("extractive", "span_year_taken", year=asked.question.span_year_taken)
    for row in sorted(picked, key=lambda r: (r.get("year") or 0, r["source"])):
        if listing.recipient:
            lines = sent[row["report_id"]]
            out.item("extractive", "recipient", who=who(row), to=addressee(lines[0]), marks=out.marks(row["report_id"], lines))
        elif listing.page_kinds:  # "哪些报告带有文号": each with the page's line that shows it
            for f in page_fields(row, listing.page_kinds):
                page_line(out, row, f)
        else:
            report_line(out, row, asked, listing)
    return out.answer("answered" if out.cites else "not_found")
