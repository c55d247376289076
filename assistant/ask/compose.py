"""The one answer writer every route uses: lines, [n] markers and their citations, numbered as written.

A route decides what to say; `Composer` writes it: each line from a template
(prompts/extractive.toml, prompts/table.toml), each citation built from the
report's catalog row with its section, paragraph and exact quote, numbered in
the order it is cited, so markers and citations match one to one by
construction. The helpers several routes share (counts in words, a report named
without a citation, the refusal for a place, agency or year no report is about)
live here too, so no route imports another.
"""
from __future__ import annotations

from index import numerals
from index import vocabulary as vocab
from index.normalize import normalize
from index.clean import iso_date
from index.chunking import SECTION_SEPARATOR

from ..contract import Answer, Citation, cite_row, report_name, source_label, who
from ..prompts import fill

PAGE_SECTION = "页面信息"  # the section a page field (发布日期, 索引号…) is cited under, as paragraph 0


def cn_count(n: int) -> str:
    """份数 in Chinese numerals (an answer's own digits would have to stand in a quote)."""
    return numerals.count_words(n)


def listed_count(n: int) -> str:
    """How many reports a listing names, in digits as counts are written ("共11份"): every one is cited
    below it, so the figure is the answer's own citations' (the contract allows a 份 count equal to the
    reports cited)."""
    return str(n)


def page_fields(row: dict, kinds: tuple[str, ...] = ("published",)) -> list[dict]:
    """The page fields of `kinds`; for a publication date on a page that labels none so, the field the
    index took the report's publication date from (a CMS's 生成日期), and for a date of writing on a page
    that shows none, its publication date: each shown under its own label."""
    fields = [f for f in row.get("page") or [] if f["kind"] in kinds]
    if "published" in kinds and row.get("published") and not any(f["kind"] == "published" for f in fields):
        fields += [f for f in row.get("page") or [] if f["kind"] == "written"
                   and iso_date(f["value"]) == row["published"]][:1]
    if "signed" in kinds and not fields:  # a page's 成文日期 is the date the report was signed
        fields += [f for f in row.get("page") or [] if f["kind"] == "written"][:1]
    if "written" in kinds and not any(f["kind"] in ("written", "signed") for f in fields):  # "哪天印发的": the page's 发文日期
        page = row.get("page") or []
        fields += ([f for f in page if f["kind"] == "signed"] or [f for f in page if f["kind"] == "published"])[:1]
    return fields


def naming_field(row: dict, names: list[str]) -> dict | None:
    """The page's publisher or source field where it names one of `names` ("发布机构: 湖南省生态环境厅")."""
    return next((f for f in page_fields(row, ("publisher", "source")) if any(n in normalize(f["value"]) for n in names)), None)


def uncited_name(row: dict) -> str:
    """A report named without a citation, so without figures: its agency, else its file name
    without the sorting number (a title would carry the year, which no quote would support)."""
    return row.get("agency") or source_label(row["source"])


class Composer:
    """Answer lines and their citations for one question; `rows` are the catalog rows by report id."""

    def __init__(self, question: str, rows: dict[str, dict], index=None):
        self.question, self.rows, self.index = question, rows, index
        self.lines: list[str] = []
        self.cites: list[Citation] = []

    # --- lines ----------------------------------------------------------------------
    def say(self, group: str, key: str, **values) -> None:
        """A line from template `key` of prompts/`group`.toml."""
        self.lines.append(fill(group, key, **values))

    def item(self, group: str, key: str, **values) -> None:
        """A list item ("- …") from a template."""
        self.lines.append("- " + fill(group, key, **values))

    def add(self, line: str) -> None:
        self.lines.append(line)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    # --- citations ------------------------------------------------------------------
    def cite(self, report_id: str, section: str, paragraph: int, quote: str, reuse: bool = False) -> int:
        """The number of a new citation (with `reuse`, of the same one cited before)."""
        if reuse:
            for c in self.cites:
                if (c.report_id, c.section, c.paragraph, c.quote) == (report_id, section, paragraph, quote):
                    return c.n
        self.cites.append(cite_row(len(self.cites) + 1, self.rows[report_id], section, paragraph, quote))
        return len(self.cites)

    def cite_line(self, report_id: str, line) -> int:
        """A bank sentence (evidence/bank.py) or a catalog paragraph (a heading) cited as it stands."""
        if hasattr(line, "section_display"):
            return self.cite(report_id, line.section_display, line.paragraph, line.text)
        return self.cite(report_id, SECTION_SEPARATOR.join(line.section), line.n, line.text)

    def marks(self, report_id: str, lines) -> str:
        """"[1][2]": each line cited."""
        return "".join(f"[{self.cite_line(report_id, line)}]" for line in lines)

    def cite_evidence(self, ev) -> int:
        """A scored sentence (evidence/scoring.py `Evidence`) cited by its chosen quote."""
        s = ev.sentence
        return self.cite(s.report_id, s.section_display, s.paragraph, ev.quote)

    def cite_page(self, report_id: str, quote: str) -> int:
        """A page line (paragraph 0), cited once however many of its fields are shown."""
        return self.cite(report_id, PAGE_SECTION, 0, quote, reuse=True)

    def cite_paragraph(self, report_id: str, paragraph: int, quote: str) -> int:
        """A quote of paragraph `paragraph` (0: the page information), its section read from the index."""
        section = PAGE_SECTION if paragraph == 0 else self.index.section_of(report_id, paragraph)
        return self.cite(report_id, section, paragraph, quote)

    def cite_opening(self, report_id: str) -> int | None:
        """The line that names the report (its title, else its first sentence), or None."""
        found = self.index.opening(report_id, self.rows[report_id].get("title"))
        return self.cite(report_id, found[1], found[0], found[2]) if found else None

    def placeless_note(self, report_ids: list[str], places: list[str]) -> None:
        """Said of reports answered for a place their text never states: their place cannot be checked."""
        if report_ids:
            self.say("extractive", "placeless_note", who="、".join(sorted({report_name(self.rows[r]) for r in report_ids})),
                     places="、".join(places))

    # --- the answer -----------------------------------------------------------------
    def answer(self, status: str, notes: list[str] | None = None, timings: dict | None = None) -> Answer:
        return Answer(self.question, status, "extractive", self.text, self.cites, dict(timings or {}),
                      list(notes or []))


def target_refusal(question: str, targets, rows: dict, chosen: list[dict]) -> Answer | None:
    """A place, agency or year the question names that no report is about: say which reports exist."""
    if targets.unknown_places:
        agencies = "、".join(sorted({report_name(r) for r in rows.values()}))
        text = fill("extractive", "unknown_place", places="、".join(targets.unknown_places), agencies=agencies)
    elif targets.unknown_agency and vocab.is_national(targets.unknown_agency):  # no place: the ministries' reports
        ministries = "、".join(sorted({who(r) for r in rows.values() if vocab.is_national(vocab.normalize_name(r.get("agency") or ""))}))
        text = fill("extractive", "unknown_ministry" if ministries else "no_ministry", agency=targets.unknown_agency,
                    agencies=ministries)
    elif targets.unknown_agency and vocab.names_field(targets.unknown_agency) and not targets.phrases:  # "哪家城管…"
        text = fill("extractive", "no_field_body", agency=targets.unknown_agency)
    elif targets.unknown_agency:
        agencies = "、".join(sorted({who(r) for r in chosen}))
        text = fill("extractive", "unknown_agency", agency=targets.unknown_agency, agencies=agencies)
    elif targets.missing_year and not targets.other_years:
        years = "、".join(sorted({str(r["year"]) for r in chosen if r.get("year")}))
        text = fill("extractive", "missing_year", year=targets.missing_year, years=years or "未知")
    else:
        return None
    return Answer(question, "not_found", "extractive", text)
