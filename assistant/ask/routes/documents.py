"""Questions about the reports as documents, answered from their metadata and page information.

"这份报告是哪个单位哪一年的?", "发布日期是哪天?", "索引号是什么?", "报给谁的?",
"各份报告分别是哪个单位哪一年度的?": the answer is the
metadata the index extracted, and each line cites where the report states it (the
title, the organisation line, the opening sentence, the addressee line, or a page
field quoted as published: paragraph 0, section 页面信息). Page information is
never evidence for a fact about the report's content.
"""
from __future__ import annotations

from index import vocabulary as vocab
from index.normalize import normalize

from ...contract import Answer, report_name, who
from ...prompts import fill
from ..asked import Asked
from ..compose import Composer, listed_count, naming_field, page_fields
from ..evidence.stating import (
    addressee,
    author_names,
    field_line,
    full_names,
    opening,
    own_place_line,
    place_above,
    place_named,
    recipient_lines,
    stating_sentences,
)
from ..forms import form
from ..question import Question

SEVERAL_NAMED = 10  # chosen: more reports than this answer as the listing of all reports does


def page_lines(out: Composer, q: Question, rows: list[dict]) -> bool:
    """发布日期/来源/索引号… of the named report(s), quoted from the page; False when not asked or
    the page states none of it (the text may: a 文号 quoted in the body)."""
    kinds = q.forms.document.page_kinds
    if not kinds or len(rows) > 3:
        return False
    shown, missing = False, []
    for row in rows:
        fields = page_fields(row, kinds)
        for field in fields:
            n = out.cite_page(row["report_id"], field["quote"])  # one citation per page line, however many fields
            out.say("extractive", "page_line", who=who(row), label=field["label"], value=field["value"], n=n)
        shown, missing = shown or bool(fields), missing + ([] if fields else [row])
    if shown and missing:  # "大连市2023年和2024年的报告分别是什么时候发布的?": one page dates itself
        out.say("extractive", "page_missing", names="、".join(report_name(row) for row in missing))  # uncited: no year
    return shown


def who_lines(out: Composer, q: Question, rows: list[dict], asked: Asked) -> bool:
    """Which agency / which year / which place / to whom: one named report, from its metadata."""
    if not q.forms.document.who_or_when or len(rows) != 1:
        return False
    row, recipient = rows[0], q.forms.document.recipient
    if not recipient and not (row.get("agency") or row.get("year")):
        return False
    sent = recipient_lines(row, asked.bank) if recipient else []
    stated = stating_sentences(row, asked.bank, asked.index, asked.tuning.stating, q.forms.document.year) \
        if not recipient or q.forms.document.author else []  # "以谁的名义写的?报给谁?": who wrote it, too
    if not (sent if recipient else stated):
        return False
    if sent:
        out.say("extractive", "recipient", who=who(row), to=addressee(sent[0]),
                marks=out.marks(row["report_id"], sent))
    if stated:
        out.say("extractive", "who_when", who=who(row), statement=" ".join(s.text.strip() for s in stated),
                marks=out.marks(row["report_id"], stated))
        author_line(out, row, stated, asked)
    where_lines(out, q, row, asked)
    page_lines(out, q, rows)  # "属于哪个区、什么时候发布的?": the page field too
    return True


def author_line(out: Composer, row: dict, stated: list, asked: Asked) -> None:
    """A line naming the author, when the lines quoted for who wrote the report name it nowhere (a title
    "关于2023年度…的报告"): the first line of the opening with its full name, else the page's publisher field
    ("发布机构: 湖南省生态环境厅"), else the first line naming its place ("我市…" quoted: "《保定市…办法》")."""
    names, quoted, full = author_names(row), [normalize(line.text) for line in stated], full_names(row)
    if any(n in text for n in full for text in quoted):  # its self-form alone ("省生态环境厅…") is not its full name
        return
    line = next((s for s in opening(row, asked.bank, asked.tuning.stating) if any(n in s.norm for n in full)), None)
    if line is not None:
        out.say("extractive", "author_named", statement=line.text.strip(), n=out.cite_line(row["report_id"], line))
        return
    field = naming_field(row, names)
    if field is not None:
        out.say("extractive", "page_line", who=who(row), label=field["label"], value=field["value"],
                n=out.cite_page(row["report_id"], field["quote"]))
        return
    place = own_place_line(row, asked.bank, asked.tuning.stating)  # "我市…" quoted: where 我 is, in the report's words
    if place is not None and place.norm not in quoted:
        out.say("extractive", "author_place", statement=place.text.strip(), n=out.cite_line(row["report_id"], place))


def where_lines(out: Composer, q: Question, row: dict, asked: Asked) -> None:
    """The place above the report's own ("是哪个市的") and its author's field ("哪个领域"), each with the
    line of the report that names it."""
    ask = q.forms.document
    for tier in ask.above:
        if tier != row.get("level"):  # "哪个县的报告" of a county's own report: the line above names it
            above_line(out, row, asked, tier)
    if ask.script and row.get("script"):
        first = asked.bank.of_report(row["report_id"])[:1]
        if first:
            key = "script_is" if ask.script == "either" else "script_yes" if row["script"] == ask.script else "script_no"
            out.say("extractive", key, who=row.get("agency") or who(row),
                    script=fill("extractive", f"script_{row['script']}"), statement=first[0].text.strip(),
                    n=out.cite_line(row["report_id"], first[0]))
    if ask.level and row.get("level"):
        level_lines(out, row, asked)
    if ask.title:
        title_line(out, row, asked)
    line = field_line(row, asked.bank, asked.tuning.stating) if ask.field and row.get("sector") else None
    if line is not None:
        out.say("extractive", "field_of_work", who=who(row), field=row["sector"], statement=line.text.strip(),
                n=out.cite_line(row["report_id"], line))


def above_line(out: Composer, row: dict, asked: Asked, tier: str) -> None:
    """The place of `tier` above the report's own, with the line of the report that names it (or leads there)."""
    above = place_above(row, asked.bank, tier, asked.tuning.stating)
    named = place_named(row, asked.bank, tier, asked.tuning.stating) if not above else None
    if above or named:
        name, line, stated_or_via = above or named
        place = vocab.place_units(normalize(row.get("agency") or ""))[-1:] or [who(row)]
        template = ("place_above" if stated_or_via else "place_above_map") if above else \
            "place_named" if stated_or_via == name else "place_named_via"
        out.say("extractive", template, place=place[0], above=name, via=stated_or_via, statement=line.text.strip(),
                n=out.cite_line(row["report_id"], line))
    else:
        out.say("extractive", "place_unknown", place=row.get("agency") or who(row), tier=tier)


def title_line(out: Composer, row: dict, asked: Asked) -> None:
    """Whether the report has a title of its own (the catalog's), cited with its title line, else with the
    line it opens with."""
    lines = opening(row, asked.bank, asked.tuning.stating)
    title = normalize(row.get("title") or "").strip()
    line = next((s for s in lines if title and title in s.norm), None)
    if line is not None:
        out.say("extractive", "title_yes", who=row.get("agency") or who(row), title=line.text.strip(),
                n=out.cite_line(row["report_id"], line))
    elif lines and not title:
        out.say("extractive", "title_no", who=row.get("agency") or who(row), statement=lines[0].text.strip(),
                n=out.cite_line(row["report_id"], lines[0]))


def level_lines(out: Composer, row: dict, asked: Asked) -> None:
    """The level of the report's author, read from its name and the map, cited with the first line of
    the report naming its own place (what the level rests on), when one does."""
    line = own_place_line(row, asked.bank, asked.tuning.stating)
    values = {"who": row.get("agency") or who(row), "level": fill("extractive", f"level_{row['level']}")}
    if line is None:
        out.say("extractive", "level_line", **values)
    else:
        out.say("extractive", "level_line_named", statement=line.text.strip(),
                n=out.cite_line(row["report_id"], line), **values)


def holding_line(bank, row: dict, words: list[str]):
    """The report's first line holding every one of the words, or None."""
    return next((s for s in bank.of_report(row["report_id"]) if all(normalize(w) in s.norm for w in words)), None)


def phrase_lines(out: Composer, groups: list[list[str]], row: dict, bank) -> None:
    """For each group of words, the first line holding them all: the words the question quotes ("开头写“2022年,
    我县…”的那份报告", one group each) or says of the report's content (one group): what found it."""
    for words in groups:
        line = holding_line(bank, row, words)
        if line is not None and not any(line.text.strip() in said for said in out.lines):
            out.say("extractive", "phrase_line", who=who(row), statement=line.text.strip(),
                    n=out.cite_line(row["report_id"], line))


def report_lines(out: Composer, rows: list[dict], asked: Asked, intro: str = "metadata_intro",
                 found_by: list[list[str]] = (), **values) -> None:
    """One line per report with its label and the lines that state who wrote it and when, each cited, and
    under it the first line holding each group of words that found it."""
    out.say("extractive", intro, count=listed_count(len(rows)), **values)
    for row in rows:
        stated = stating_sentences(row, asked.bank, asked.index, asked.tuning.stating)
        if stated:
            marks = out.marks(row["report_id"], stated)
            out.item("extractive", "listing_line", who=who(row),
                     title=" ".join(line.text.strip() for line in stated).rstrip("。"), marks=marks)
        for words in found_by:
            line = holding_line(asked.bank, row, words)
            if line is not None and line not in stated:
                out.add("  " + fill("extractive", "holding_line", statement=line.text.strip(),
                                    n=out.cite_line(row["report_id"], line)))


def holding_lines(asked: Asked, rows: list[dict], intro: str = "phrase_in_several", found_by: list[list[str]] = ()) -> Answer:
    """Every report the question points at (holding the words it quotes or says of their content, or by
    the agency it names), with who wrote it and when, and where the words stand, each cited: none is guessed."""
    out = Composer(asked.text, asked.rows, asked.index)
    report_lines(out, rows, asked, intro, found_by, words="、".join(w for g in found_by for w in g))
    return out.answer("answered" if out.cites else "not_found")


def content_words(asked: Asked) -> list[str]:
    """What the question says of a report's content, not its words for a report or its metadata
    ("清单制+责任制+销号制 2023 法治政府建设报告 哪个市": 清单, 责任制, 销号), as far as the reports use them."""
    q = asked.question
    content = form("report_set.report_words").sub(" ", q.norm)
    return [t for t in q.terms if t in content and t not in form("documents.meta_words") and asked.bank.df(t)]


def holding(bank, rows: list[dict], words: list[str]) -> list[dict]:
    """The reports whose text (headings included) holds every one of the words."""
    return [r for r in rows if all(bank.in_reports(w, [r["report_id"]], headings=True) for w in words)]


def is_metadata_question(q: Question) -> bool:
    """Who wrote each report and when, with no topic word besides the listing's own."""
    return q.metadata and not q.condition and all(t in form("documents.meta_words") for t in q.terms)


def answer(asked: Asked) -> Answer | None:
    """Metadata and page-information questions; None for questions about the reports' content."""
    q, chosen, bank, targets = asked.question, asked.chosen, asked.bank, asked.targets
    named, found_by = bool(targets.phrases) or len(chosen) == 1, [[p] for p in q.phrases]
    if not named and q.phrases and q.forms.document.who_or_when:  # "开头写“…”、自称“我委”的那份报告": the one holding them
        quoting = holding(bank, chosen, q.phrases)
        if len(quoting) > 1:  # the quoted words stand in several reports: each is named, none is guessed
            return holding_lines(asked, quoting, found_by=found_by)
        chosen, named = (quoting, True) if quoting else (chosen, False)
    by_name = asked.targets.report_ids is not None and (targets.phrases or q.agency_mentions)  # not by a year alone
    if not named and by_name and 1 < len(chosen) <= SEVERAL_NAMED \
            and q.forms.document.who_or_when:  # "乙区司法局的报告是哪一年的?" of its two reports: each
        words = content_words(asked)  # "…由省长毛伟明带头履职的省政府报告": the one of them saying so
        saying = holding(bank, chosen, words) if words else []
        if len(saying) != 1:
            return holding_lines(asked, saying or chosen, "named_several")
        chosen, named = saying, True
    if not named and not q.aggregate and q.forms.document.who_or_when:  # "中新网转发的那份报告是哪个部门的?": find it by content
        words, script = content_words(asked), q.forms.script_named  # "繁体字的…报告": the script says which, too
        saying = [r for r in holding(bank, chosen, words) if not script or r.get("script") == script] if words else []
        if len(saying) > 1:
            return holding_lines(asked, saying, "words_in_several", [words])
        found = [saying[0]["report_id"]] if saying else [h.report_id for h in asked.hits()[:1]]
        chosen, named = ([row for row in chosen if row["report_id"] in found], True) if found else (chosen, False)
        found_by += [words] if saying else []
    out = Composer(asked.text, asked.rows, asked.index)
    if named and (who_lines(out, q, chosen, asked) or page_lines(out, q, chosen)):
        if len(chosen) == 1:
            phrase_lines(out, found_by, chosen[0], bank)
        out.placeless_note([r["report_id"] for r in chosen if r["report_id"] in targets.placeless], q.places)
        return out.answer("answered")
    if is_metadata_question(q):
        report_lines(out, chosen, asked)
        return out.answer("answered" if out.cites else "not_found")
    return None
