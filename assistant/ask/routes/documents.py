"""Questions about the reports as documents, answered from their metadata and page information.

"这份报告是哪个单位哪一年的?", "发布日期是哪天?", "索引号是什么?", "报给谁的?",
"各份报告分别是哪个单位哪一年度的?": the answer is the
metadata the index extracted, and each line cites where the report states it (the
title, the organisation line, the opening sentence, the addressee line, or a page
field quoted as published: paragraph 0, section 页面信息). Page information is
never evidence for a fact about the report's content.
"""
from __future__ import annotations

import re

from index.chunking import SECTION_SEPARATOR
from index.metadata import ADDRESSEE
from index import vocabulary as vocab
from index.normalize import normalize

from ...contract import Answer, Citation, cite_row, who
from ...prompts import fill
from ..asked import Asked
from ..question import Question
from ..targets import report_places

PAGE_SECTION = "页面信息"
PAGE_ASKS = {
    "published": r"发布(?:日期|时间)|(?:哪天|何时|何日|什么时候|哪一天|几号)(?:发布|公开|发的)|发布于",
    "written": r"成文(?:日期|时间)|生成(?:日期|时间)|印发日期|(?:哪天|何时|什么时候)(?:成文|印发)",
    "source": r"来源|(?:哪个|什么)(?:处室|科室|部门|单位)?[^,，。?？]{0,6}发布|由(?:哪个|谁).{0,4}发布|发布(?:机构|单位)|谁发布",
    "publisher": r"发布(?:机构|单位)|(?:哪个|什么)(?:处室|科室|部门|单位)?[^,，。?？]{0,6}发布",
    "index_no": r"索引号",
    "doc_no": r"发文字号|文件编号|(?<!通知)(?<!的)文号",
}
DOCUMENT = re.compile(r"这份|该报告|此报告|这篇|报告|材料|总结")
WHO_WHEN = re.compile(r"哪个(?:部门|单位|机关|系统|领域)|什么(?:部门|单位|领域|系统|名义)|哪家单位|谁写的|哪一年|哪个年度|"
                      r"哪个(?:省|市|县|区|州|镇|乡|街道)(?:政府|人民政府)?的|哪年|什么年度|"
                      r"哪一年度|属于哪个(?:区|县|市|省|州)|报(?:送)?给(?:谁|哪)|报送给|报给谁|主送")
YEAR_ASK = re.compile(r"哪一年|哪个年度|哪年|什么年度|哪一年度")
RECIPIENT_ASK = re.compile(r"报(?:送)?给(?:谁|哪)|报送给|报给谁|主送")
# Words of a "which reports are …" question that are about the listing itself, not a topic.
META_WORDS = set("各份 份 哪一 一年 发布 时间 日期 印发 名称 标题 哪些 单位 年度 报告 分别 有哪些 属于".split())


def page_kinds(q: Question) -> list[str]:
    return [kind for kind, pattern in PAGE_ASKS.items() if re.search(pattern, q.norm)]


def line_citation(n: int, row: dict, line) -> Citation:
    """A citation of a bank sentence or of a catalog paragraph (a heading)."""
    if hasattr(line, "section_display"):
        return cite_row(n, row, line.section_display, line.paragraph, line.text)
    return cite_row(n, row, SECTION_SEPARATOR.join(line.section), line.n, line.text)


def stating_sentences(row: dict, bank, with_year_heading: bool = False) -> list:
    """The lines that state the report's agency and year: the title (with an organisation line above
    it), else the sentence that states most of them (`_stating_lines`), else the first sentence;
    with `with_year_heading` also the first heading naming the year ("一、2023年法治政府建设工作情况")."""
    lines = _stating_lines(row, bank, with_year_heading)
    heading = year_heading(row, bank) if with_year_heading else None
    if heading is not None and all(heading.text not in line.text for line in lines):
        lines.append(heading)
    return lines


def _stating_lines(row: dict, bank, about_year: bool) -> list:
    """The line that states most of who wrote the report and when (chosen weights): the author by
    name, else what shows it (its place, its field of work: "全市自然资源规划系统"), the year, and
    the report itself ("现将中原区2024年度…报告如下" over "2024年,中原区坚持…"); a title line counts
    extra when it names the author or the year is asked, and keeps the organisation line above it.
    Who matters most unless the year is asked."""
    sentences = bank.of_report(row["report_id"])[:400]
    agency = normalize(row.get("agency") or "\0")
    year = f"{row['year']}年" if row.get("year") else "\0"
    title = normalize(row.get("title") or "\0")
    titled = next((i for i, s in enumerate(sentences[:8]) if s.norm.strip() == title.strip()), None)
    names = [normalize(a) for a in row.get("authors") or []] + [agency]
    sector = row.get("sector")
    parts = [p for p in report_places(row) if len(p) >= 2] + \
        next((f["forms"] for f in vocab.data()["field"] if f["forms"][0] == sector), [])
    by_name, by_part, by_year = (2, 1, 3) if about_year else (4, 1, 2)

    def states(item) -> int:
        i, s = item
        named = by_name if any(n in s.norm for n in names) else min(2, by_part * sum(p in s.norm for p in parts))
        dated = by_year if year in s.norm else 0
        report = 1 if (named or dated) and re.search(r"报告|总结", s.norm) else 0
        return named + dated + report + (2 if i == titled and (named or about_year) else 0)

    best = max(enumerate(sentences), key=states, default=None)  # ties: the earliest
    if best is None or not states(best):
        return sentences[:1]
    i, line = best
    if i == titled and i and agency in sentences[i - 1].norm and agency not in title:
        return [sentences[i - 1], line]  # the organisation line above a title that names none
    return [line]


def page_answer(q: Question, rows: list[dict]) -> Answer | None:
    """发布日期/来源/索引号… of the named report(s), quoted from the page; None when not asked."""
    kinds = page_kinds(q)
    if not kinds or len(rows) > 3:
        return None
    cites, lines, numbers = [], [], {}  # one citation per page line, however many fields it holds
    for row in rows:
        for field in (f for f in row.get("page") or [] if f["kind"] in kinds):
            key = (row["report_id"], field["quote"])
            if key not in numbers:
                numbers[key] = len(cites) + 1
                cites.append(cite_row(numbers[key], row, PAGE_SECTION, 0, field["quote"]))
            lines.append(fill("extractive", "page_line", who=who(row), label=field["label"], value=field["value"],
                              n=numbers[key]))
    if not cites:
        return None  # the page states none of it: the text may (a 文号 quoted in the body)
    return Answer(q.text, "answered", "extractive", "\n".join(lines), cites)


def recipient_lines(row: dict, bank) -> list:
    return [s for s in bank.of_report(row["report_id"])[:12] if ADDRESSEE.match(s.text.strip())][:1]


def year_heading(row: dict, bank):
    """The first heading that names the report's year, a place where the report states it too."""
    if not row.get("year"):
        return None
    return next((p for p in bank.index.catalog.paragraphs(row["report_id"])
                 if p.is_heading and f"{row['year']}年" in normalize(p.text)), None)


def asks_who_or_when(q: Question) -> bool:
    return bool(WHO_WHEN.search(q.norm) and DOCUMENT.search(q.norm))


def who_answer(q: Question, rows: list[dict], bank) -> Answer | None:
    """Which agency / which year / which place / to whom: one named report, from its metadata."""
    if not asks_who_or_when(q) or len(rows) != 1:
        return None
    row, recipient = rows[0], bool(RECIPIENT_ASK.search(q.norm))
    if not recipient and not (row.get("agency") or row.get("year")):
        return None
    wanted = recipient_lines(row, bank) if recipient else stating_sentences(row, bank, bool(YEAR_ASK.search(q.norm)))
    if not wanted:
        return None
    cites = [line_citation(i + 1, row, line) for i, line in enumerate(wanted)]
    marks = "".join(f"[{c.n}]" for c in cites)
    if recipient:
        text = fill("extractive", "recipient", who=who(row), to=wanted[0].text.strip().rstrip(":："), marks=marks)
    else:
        text = fill("extractive", "who_when", who=who(row), statement=" ".join(s.text.strip() for s in wanted),
                    marks=marks)
    page = page_answer(q, rows)
    if page:  # "属于哪个区、什么时候发布的?": the page field too
        shift = len(cites)
        cites += [Citation(**{**c.__dict__, "n": c.n + shift}) for c in page.citations]
        text += "\n" + re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + shift}]", page.answer)
    return Answer(q.text, "answered", "extractive", text, cites)


def list_reports(q: Question, rows: list[dict], bank, with_year_heading: bool = False) -> Answer:
    """One line per report with its label and the lines that state who wrote it and when, each cited."""
    cites, lines = [], [fill("extractive", "metadata_intro")]
    for row in rows:
        stated = stating_sentences(row, bank, with_year_heading)
        if not stated:
            continue
        marks = ""
        for line in stated:
            cites.append(line_citation(len(cites) + 1, row, line))
            marks += f"[{len(cites)}]"
        lines.append("- " + fill("extractive", "listing_line", who=who(row),
                                 title=" ".join(line.text.strip() for line in stated).rstrip("。"), marks=marks))
    return Answer(q.text, "answered" if cites else "not_found", "extractive", "\n".join(lines), cites)


def is_metadata_question(q: Question) -> bool:
    return q.metadata and all(t in META_WORDS for t in q.terms)


def answer(asked: Asked) -> Answer | None:
    """Metadata and page-information questions; None for questions about the reports' content."""
    q, chosen, bank, targets = asked.question, asked.chosen, asked.bank, asked.targets
    named = bool(targets.phrases) or len(chosen) == 1
    if not named and q.phrases and asks_who_or_when(q):  # "开头写“…”、自称“我委”的那份报告": the one holding them
        holding = [r for r in chosen if all(bank.in_reports(p, [r["report_id"]], headings=True) for p in q.phrases)]
        chosen, named = (holding, True) if len(holding) == 1 else (chosen, False)
    if not named and not q.aggregate and asks_who_or_when(q):  # "中新网转发的那份报告是哪个部门的?": find it by content
        found = asked.hits()[:1]
        chosen, named = ([row for row in chosen if row["report_id"] == found[0].report_id], True) if found else (chosen, False)
    return ((who_answer(q, chosen, bank) if named else None)
            or (page_answer(q, chosen) if named else None)
            or (list_reports(q, chosen, bank) if is_metadata_question(q) else None))
