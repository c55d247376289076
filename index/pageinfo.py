"""Page information: the fields a government web page prints around a report.

Why: 发布日期, 成文日期, 信息来源/发布机构, 索引号 and 文号 are what people ask
about a report as a document ("哪天发布的?", "索引号是什么?"), yet they are page
chrome, not report content. They are read here from the lines above the body,
kept with the report as citable page information (the quote is the whole line
as published), and those lines, with breadcrumbs and view counters, are taken
out of the body so they are never evidence for facts.

Four layouts occur on real pages, the first three handled by the same label list:
"发布日期:2026-02-24 浏览次数:" or "发布时间 2025年09月05日" (label: value pairs on a
line), flattened tables "| [ 成文日期 ] | 2026-01-30 |" or "| 生成日期 | 2026-03-18 |",
bullet lists with the label on one line and its value on the next ("• 索引号" /
"• lsx31/2025-00001"); and a date line without labels under the title, with the
office or site that posted it ("政策法规科 2023-12-29", "2026-01-20 17:01 | 武汉市水务局").
"""
from __future__ import annotations

import re

from .charstats import is_cjk
from .clean import fold
from .numerals import DATE

# The labels, longest first so "信息来源" wins over "来源". Kinds group what people ask for.
LABEL_KINDS = {
    "published": "发布时间 发布日期 发文日期 公开日期 信息提供日期 提供日期 发布于 时间 日期 更新时间",
    "written": "成文日期 生成日期 印发日期",
    "source": "信息来源 文章来源 稿件来源 来源",
    "publisher": "发布机构 发文机关 发文单位 发布单位 名称",
    "index_no": "索引号",
    "doc_no": "发文字号 文件编号 文号",
    "other": "主题分类 体裁分类 主题词 关键词 服务对象 有效性 是否有效 责任部门 公开形式 公开范围 公开方式 浏览次数 浏览量 访问量 "
             "点击率 点击量 点击数 阅读量 阅读次数 浏览 阅读 点击 访问 字体大小 字号 字体 作者 责任编辑 编辑 分享到",
}
KIND_OF = {label: kind for kind, labels in LABEL_KINDS.items() for label in labels.split()}
# Pages space out short labels ("名 称:"): any label may have spaces between its characters.
_LABELS = "|".join(r"\s*".join(label) for label in sorted(KIND_OF, key=len, reverse=True))
# A label ends at a colon, a table bar, a space before a digit, or two spaces of a flattened table
# ("文  号  西政〔2021〕5号  公开日期  2021-02-26").
_PAIR = re.compile(rf"(?:\[\s*)?({_LABELS})(?:\s*(?:\]\s*\|?|[:：]|\|)|\s+(?=\d)|\s{{2,}}(?=\S))")
# A date as pages print it, with or without its time ("2026-01-20 17:01", "2023年12月29日").
_DATE = DATE
_NAME = r"[\u4e00-\u9fffA-Za-z0-9()（）·]{2,24}"
# An unlabelled date line: the date, and beside it (either side) the office or site that posted it.
_DATELINE = re.compile(rf"^\s*(?:(?P<date>{_DATE})\s*[|｜]?\s*(?P<after>{_NAME})?|(?P<before>{_NAME})\s*[|｜]?\s*(?P<date2>{_DATE}))\s*$")
_BARE_LABEL = re.compile(rf"^[\s•·\-]*({_LABELS})\s*[:：]?\s*$")
_BULLET = re.compile(r"^\s*(?:[•·●▪]|-(?=\s))\s*")
_BREADCRUMB = re.compile(r"(?:您?(?:当前|现在)?(?:所在)?的?位置|当前位置)\s*[:：]|^\s*首页\s*>|(?:>[^>]{1,40}){2,}")
_BODY = re.compile(r"[。；;]|[,，].{20,}")
# Buttons a page prints after a field's value ("打印", "关闭", "【打印】").
PAGE_BUTTONS = frozenset("打印 关闭 收藏 分享 打印本页 关闭窗口 【打印】 【关闭】 【收藏】".split())
HEAD_LINES = 40  # page information sits above the body
MAX_FIELD_LINE = 200


def _fields_on_line(line: str) -> list[tuple[str, str]]:
    """(label, value) pairs of a "label: value label: value" or "| [label] | value |" line; a date the
    line starts with ("2022-03-29 17:13:17 来源: 海口市司法局"), or that follows a source's name
    ("来源:陕西日报 2026-03-16 08:15"), is the page's date."""
    folded = fold(line)
    matches = list(_PAIR.finditer(folded))
    out = []
    lead = re.fullmatch(rf"\s*({_DATE})\s*", folded[:matches[0].start()]) if matches else None
    if lead:
        out.append(("日期", lead.group(1)))
    for m, nxt in zip(matches, matches[1:] + [None]):
        end = nxt.start(1) if nxt else len(line)
        value = re.sub(r"^[\s|\]]+|[\s|\[【]+$", "", line[m.end():end]).strip("| ").strip()
        value = without_buttons(value)  # "来源: 海口市司法局 打印": the print button is no part of it
        label = re.sub(r"\s+", "", m.group(1))
        dated = re.fullmatch(rf"({_NAME})\s+({_DATE})", fold(value)) if KIND_OF.get(label) in ("source", "publisher") else None
        out += [(label, dated.group(1)), ("日期", dated.group(2))] if dated else [(label, value)]
    return out


def without_buttons(value: str) -> str:
    """The value without the buttons after it, word by word from the end (no pattern to backtrack)."""
    parts = value.rsplit(None, 1)
    while len(parts) == 2 and parts[1] in PAGE_BUTTONS:
        value = parts[0]
        parts = value.rsplit(None, 1)
    return value


def _is_field_line(line: str) -> bool:
    folded = fold(line)
    if not line or len(line) > MAX_FIELD_LINE or "。" in folded:
        return False
    stripped = _BULLET.sub("", folded).lstrip("|[ 【")
    dated = re.match(rf"\s*{_DATE}\s+", stripped)  # "2022-03-29 17:13:17 来源: …"
    return bool(_PAIR.match(stripped, dated.end() if dated else 0)) or bool(_BARE_LABEL.match(folded)) \
        or bool(_DATELINE.match(folded))


def _dateline_fields(line: str) -> list[tuple[str, str]]:
    """("日期", date) and ("来源", office or site) of an unlabelled date line; [] for any other line."""
    m = _DATELINE.match(fold(line))
    if not m:
        return []
    date, name = m.group("date") or m.group("date2"), m.group("after") or m.group("before")
    return [("日期", date.strip())] + ([("来源", name)] if name else [])


def is_chrome_line(line: str) -> bool:
    """A page line that is not report text: a field line, a breadcrumb, a bare bullet value."""
    folded = fold(line.strip())
    if not folded:
        return False
    if _is_field_line(line) or (len(folded) <= MAX_FIELD_LINE and _BREADCRUMB.search(folded) and "。" not in folded):
        return True
    return bool(_BULLET.match(folded)) and len(folded) <= 40 and not _BODY.search(folded)


def _head(lines: list[str]) -> int:
    """Index of the first body line (a long sentence-bearing line that is not page chrome)."""
    for i, line in enumerate(lines[:HEAD_LINES]):
        if len(line.strip()) >= 40 and _BODY.search(line) and not is_chrome_line(line):
            return i
    return min(len(lines), HEAD_LINES)


# A title line that carries its publication date in brackets: "2024年上海市司法局…报告 (2025-03-26)".
_TITLE_DATE = re.compile(rf"^.{{4,80}}?\s*[(（]\s*({_DATE})\s*[)）]\s*$")


def read_page_info(text: str) -> tuple[list[dict], set[int]]:
    """(fields, chrome line numbers) of the page head.

    Each field is {"label", "kind", "value", "quote"}; `quote` is the line as
    published (two lines joined by a space for a bullet label and its value), so
    it is found with Ctrl-F. The first value of a label wins; empty values are kept
    out of the fields but their lines still count as chrome.
    """
    lines = text.split("\n")
    fields, chrome, seen = [], set(), set()
    head = _head(lines)
    for i in range(head):
        line = lines[i].strip()
        dated_title = _TITLE_DATE.match(fold(line)) if line and "日期" not in seen else None
        if dated_title:  # the line stays: it is the title
            seen.add("日期")
            fields.append({"label": "日期", "kind": "published", "value": dated_title.group(1), "quote": line})
        if not line or not is_chrome_line(line):
            continue
        chrome.add(i)
        pairs = _fields_on_line(line) or _dateline_fields(line)
        bare = _BARE_LABEL.match(fold(line))
        if bare and i + 1 < head and lines[i + 1].strip() and not _is_field_line(lines[i + 1]) \
                and is_chrome_line(lines[i + 1]):
            value = _BULLET.sub("", lines[i + 1].strip())
            pairs, line = [(re.sub(r"\s+", "", bare.group(1)), value)], f"{line} {lines[i + 1].strip()}"
        for label, value in pairs:
            if value and label not in seen and KIND_OF.get(label) != "other":
                seen.add(label)
                fields.append({"label": label, "kind": KIND_OF.get(label, "published"), "value": value, "quote": line})
    kinds = {f["kind"] for f in fields}
    # "来源: sp20241118" names no office or medium: a news dateline the text opens with does
    named = any(f["kind"] == "source" and names_something(f["value"]) for f in fields)
    sourced = ([] if named else read_dateline(lines[head:head + 2])) or ([] if "source" in kinds else read_site_mark(lines[:head + 1]))
    return fields + read_document_fields(text, kinds) + sourced, chrome


def names_something(value: str) -> bool:
    """Does a 来源 value name an office, a medium or a site (a Chinese character, or a web address), not a
    code of the site's ("sp20241118")?"""
    return any(is_cjk(ch) for ch in value) or "." in value


# A news agency's dateline opening the text ("中新网 3月29日电 据司法部网站消息,…。", "新华社北京3月1日电"): the medium
# that published the report, quoted with the sentence it opens.
_NEWS_DATELINE = re.compile(r"^\s*(?P<medium>[\u4e00-\u9fff]{1,8}?(?:网|社|报|台|客户端))\s*(?:[\u4e00-\u9fff]{0,6}?\s*)?"
                            r"\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯)[^。]*。?")


def read_dateline(lines: list[str]) -> list[dict]:
    """The medium of a news dateline the text opens with, as the page's 来源."""
    found = next((m for line in lines if (m := _NEWS_DATELINE.match(line))), None)
    return [{"label": "电头", "kind": "source", "value": found["medium"], "quote": found.group().strip()}] if found else []


# A site's banner before the text it reposts ("秘书之家—全网资源每日更新www.mishuzj.com湖北省人民政府关于…"): its
# name and web address, where the report was found when the page labels no 来源.
_SITE_MARK = re.compile(r"^\s*([\u4e00-\u9fff][^\s,，。:：]{1,30}?(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|cn))(?![a-z0-9.])")


def read_site_mark(head: list[str]) -> list[dict]:
    """The site banner a head line starts with, as the page's 来源 (the quote is the banner as printed)."""
    found = next((m for line in head if (m := _SITE_MARK.match(line))), None)
    return [{"label": "网站", "kind": "source", "value": found.group(1), "quote": found.group(1)}] if found else []


# The report's own document number on a line of its own or before its title ("浙卫〔2024〕3号",
# "浙卫〔2024〕3号《…的报告》"), and a date line alone after a short signature line ("浙江省卫生健康委" /
# "2024年3月8日"): the 文号 and 落款日期 people ask of the document, stated in its text, not on the page.
_DOC_NO = re.compile(r"^\s*([\u4e00-\u9fff]{1,8}\s*[〔\[［(（]\s*(?:19|20)\d\d\s*[〕\]］)）]\s*\d{1,4}\s*号)\s*(?:《.{4,80}》)?\s*$")


def is_signature(line: str) -> bool:
    """A short line of a name alone (the signing body): Chinese characters, no punctuation of a sentence."""
    return 3 <= len(line) <= 40 and all(is_cjk(ch) or ch in "()（）、 " for ch in line)


def is_signing_date(line: str) -> bool:
    """A date alone on its line, written in characters ("2024年3月8日")."""
    return "年" in line and "日" in line and re.fullmatch(_DATE, fold(line)) is not None


def read_document_fields(text: str, seen: set[str]) -> list[dict]:
    """The 文号 and 落款日期 the report's text states (`seen`: the kinds the page already gives)."""
    lines = [line.strip() for line in text.split("\n")]
    fields = []
    number = next(((line, m) for line in lines[:HEAD_LINES] if (m := _DOC_NO.match(fold(line)))), None)
    if number and "doc_no" not in seen:
        line, m = number
        value = line[m.start(1):m.end(1)] if len(line) == len(m.string) else m.group(1)  # as written (鄭政文〔2023〕37號)
        fields.append({"label": "文号", "kind": "doc_no", "value": "".join(value.split()), "quote": line})
    signed = next((line for above, line in zip(lines, lines[1:]) if is_signature(above) and is_signing_date(line)), None)
    if signed and "signed" not in seen:
        fields.append({"label": "落款日期", "kind": "signed", "value": "".join(signed.split()), "quote": signed})
    return fields


def without_lines(text: str, drop: set[int]) -> str:
    """The text with the given lines emptied (line numbers stay valid, characters stay original)."""
    if not drop:
        return text
    return "\n".join("" if i in drop else line for i, line in enumerate(text.split("\n")))
