"""Strip the chrome that pages saved from government sites carry around a report.

Why: navigation ("• 长者助手", "【字号: 分享"), share bars, view counters, prev/next
links and site disclaimers are not report content; left in, they pollute
retrieval and can be quoted. The metadata lines among them (发布时间, 来源) are
read into hints first, because they are the best record of when and by whom a
report was published.

Rules are general patterns matched on a folded copy of each line (simplified
script, ASCII-width punctuation), never per-file strings. Lines are only ever
removed or stripped of surrounding whitespace; every kept character is the
original, so quotes stay exact substrings. Weak signals (a single "来源:" or
"作者:" line) count only above the first and below the last body paragraph;
strong ones (several metadata fields, "上一篇:", disclaimers) count anywhere.
"""
from __future__ import annotations

import datetime as dt
import re

from . import numerals
from .normalize import to_simplified

_NARROW = {c + 0xFEE0: c for c in range(0x21, 0x7F)} | {0x3000: 0x20}
_DATE = re.compile(rf"({numerals.YEAR_NUMBER})\s*[-/.年]\s*(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})")
_LEADING_DATETIME = re.compile(r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")
_DATE_LABELS = "发布时间|发布日期|发文日期|成文日期|更新时间|时间|日期"
_SOURCE_LABELS = "文章来源|信息来源|稿件来源|来源"
_OTHER_LABELS = ("浏览次数|浏览量|访问量|访问次数|点击数|点击量|阅读量|阅读次数|"
                 "责任编辑|作者|编辑|字号|字体|分享到")
_LABEL = re.compile(rf"({_DATE_LABELS}|{_SOURCE_LABELS}|{_OTHER_LABELS})\s*:")
_NAV_TOKEN = ("长者助手|长者模式|关怀版|适老化|无障碍浏览|无障碍阅读|无障碍|智能问答|繁体|简体|繁|简|"
              "English|登录|注册|网站首页|首页|网站地图|设为首页|加入收藏|收藏本页|收藏|打印本页|打印|"
              "关闭窗口|关闭本页|关闭|返回顶部|返回列表|返回|分享到|分享|相关附件|附件下载|相关新闻|"
              "相关链接|相关阅读|相关文章|相关信息|手机扫一扫|扫一扫|在手机上打开|手机阅读|当前页|本页|字号|字体|"
              "默认|大|中|小|访问量|浏览次数|浏览量|阅读量|阅读次数|点击数|点击量|微信|微博|QQ空间|QQ|"
              "我要纠错|纠错|保存|下载")
# Tokens and single digits under a possessive repeat: each position is matched once and never
# revisited, so the test is linear. (`(?:TOKEN|\d+)*` split a digit run like "1239228300…" in
# exponentially many ways before failing: one flattened table row froze an ingest for minutes.)
# Longest tokens first, so "收藏本页" is one token rather than "收藏" then a stranded "本页".
_LONGEST_FIRST = "|".join(sorted(set(_NAV_TOKEN.split("|")), key=len, reverse=True))
_NAV_ONLY = re.compile(rf"(?:{_LONGEST_FIRST}|\d)++")
_DIGITS = re.compile(r"\d+")
_NAV_SEPARATORS = re.compile(r"[\s•·●▪■□◆◇>»|/\\【】\[\]()<>:\-—_,、;.。!?'\"“”‘’]+")
_NAV_PREFIX = re.compile(r"^[\s•·\-—>»]*(?:您?当前的?位置|您现在的位置|您的位置|上一篇|下一篇|上一条|下一条)\s*:")
_DISCLAIMER = re.compile(r"不代表本(?:站|网|网站)(?:观点|立场)|来源于网友上传|若需要原创文章|版权归原作者|"
                         r"如有侵权|请联系删除|ICP备|公网安备|网站标识码|版权所有|Copyright|©")
# Leaked CSS/alt names ("headerBg"); the lookbehind starts a search only at the head of a word.
_CODE_ARTIFACT = re.compile(r"(?<![a-z])[a-z]+(?:[A-Z][a-z0-9]*)+")
MAX_CHROME_LINE = 200
MIN_BODY_LINE = 40


def iso_date(text: str) -> str | None:
    """First plausible date in `text` as yyyy-mm-dd (2024-01-09, 2024年1月9日, 2024/1/9)."""
    for match in _DATE.finditer(text):
        year, month, day = (int(g) for g in match.groups())
        try:
            if 1949 <= year <= 2100:
                return dt.date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


def fold(line: str) -> str:
    """Simplified script and ASCII-width punctuation, same length as `line`."""
    return to_simplified(line).translate(_NARROW)


def _metadata_fields(line: str, folded: str) -> list[tuple[str, str]]:
    """(label, original value) for each metadata label in the line."""
    matches = list(_LABEL.finditer(folded))
    ends = [m.start() for m in matches[1:]] + [len(line)] if matches else []
    return [(m.group(1), line[m.end():end].strip()) for m, end in zip(matches, ends, strict=True)]


def _is_strong_metadata(folded: str, fields: list) -> bool:
    """Several fields on a line, or a date-time followed by a field, or a lone date-time."""
    if "。" in folded or len(folded) > MAX_CHROME_LINE:
        return False
    lead = _LEADING_DATETIME.match(folded)
    if lead and (fields or ":" in lead.group()):
        return not folded[lead.end():].strip() or bool(fields)
    return len(fields) >= 2


def _is_weak_metadata(folded: str, fields: list) -> bool:
    """A line that starts with one metadata label ("来源: X", "作者: Y")."""
    stripped = folded.lstrip(" •·-—【[")
    return bool(fields) and "。" not in folded and len(folded) <= MAX_CHROME_LINE \
        and _LABEL.match(stripped) is not None


def _is_navigation(line: str, folded: str) -> bool:
    if len(folded) > MAX_CHROME_LINE:
        return False
    if _NAV_PREFIX.match(folded) or _DISCLAIMER.search(folded) or _CODE_ARTIFACT.fullmatch(line):
        return True
    bare = _NAV_SEPARATORS.sub("", folded)
    # Navigation tokens and numbers only, at least one token (a bare number is not navigation).
    return bool(bare) and _NAV_ONLY.fullmatch(bare) is not None and _DIGITS.fullmatch(bare) is None


def _classify(lines: list[str]) -> list[str]:
    """Per line: 'blank', 'chrome' (always removed), 'weak' (removed outside the
    body), 'body' (a long sentence-bearing line) or 'text'."""
    kinds = []
    for line in lines:
        folded = fold(line)
        fields = _metadata_fields(line, folded)
        if not line:
            kinds.append("blank")
        elif _is_navigation(line, folded) or _is_strong_metadata(folded, fields):
            kinds.append("chrome")
        elif _is_weak_metadata(folded, fields):
            kinds.append("weak")
        elif len(line) >= MIN_BODY_LINE and re.search(r"[。,，;；]", line):
            kinds.append("body")
        else:
            kinds.append("text")
    return kinds


def _read_hints(lines: list[str], removed: list[bool]) -> dict:
    """published and source_line from the removed metadata lines, first found wins."""
    hints: dict = {}
    for line, gone in zip(lines, removed, strict=True):
        if not gone:
            continue
        folded = fold(line)
        lead = _LEADING_DATETIME.match(folded)
        if lead and "published" not in hints and iso_date(lead.group()):
            hints["published"] = iso_date(lead.group())
        for label, value in _metadata_fields(line, folded):
            if re.fullmatch(_DATE_LABELS, label) and "published" not in hints and iso_date(value):
                hints["published"] = iso_date(value)
            source = re.split(r"[\s【\[|]", value)[0] if value else ""
            if re.fullmatch(_SOURCE_LABELS, label) and "source_line" not in hints \
                    and re.search(r"[\u4e00-\u9fff]", source):
                hints["source_line"] = source
    return hints


def _join_kept(lines: list[str], removed: list[bool]) -> str:
    """Kept lines with runs of blank lines collapsed to one, none at the ends."""
    out: list[str] = []
    for line, gone in zip(lines, removed, strict=True):
        if gone or (not line and (not out or not out[-1])):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def strip_chrome(text: str) -> tuple[str, dict]:
    """(body text with \\n-separated lines, hints {published, source_line}).

    Removes navigation and metadata lines, strips each line's surrounding
    whitespace and collapses blank runs; keeps title, body and signature as is.
    """
    lines = [line.strip() for line in text.split("\n")]
    kinds = _classify(lines)
    body = [i for i, kind in enumerate(kinds) if kind == "body"]
    first, last = (body[0], body[-1]) if body else (len(lines), -1)
    removed = [kind == "chrome" or (kind == "weak" and not first <= i <= last)
               for i, kind in enumerate(kinds)]
    return _join_kept(lines, removed), _read_hints(lines, removed)
