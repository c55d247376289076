"""Text forms for matching: simplified, width-folded, lower-cased; tokens for BM25.

`normalize` is length-preserving character for character, so a match found in
the normalised form can be quoted from the original at the same offsets —
traditional stays traditional in citations while matching happens in
simplified. Heavy libraries (OpenCC, jieba) load lazily, once, on first use.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

# Function words that occur in nearly every paragraph of these reports. BM25's
# IDF already makes them almost worthless, but they still lengthen documents
# and add noise to short questions ("…的…是多少"), so they are dropped. Kept
# deliberately tiny: 和/与/及 separate list items, never carry a figure.
STOP_WORDS = frozenset("的 了 和 与 及 等 在 是 对".split())
# Raise when `normalize`'s output changes: sentence forms stored by the catalog under an
# older version are then normalised again when read, never matched stale.
NORMALIZE_VERSION = 1

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{_CJK}]+")
# CJK runs, or numbers (decimals and a trailing % stay whole: "68.67%"), or words.
_BIGRAM_UNITS = re.compile(f"[{_CJK}]+|[0-9]+(?:\\.[0-9]+)?%?|[a-z]+")


@functools.cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@functools.cache
def _width_table() -> dict[int, str]:
    """Fullwidth/small forms → ASCII, ideographic space → space, A–Z → a–z.

    Built from Unicode NFKC over the fullwidth and small-form blocks, keeping
    only one-to-one mappings, so the table can never change the text's length
    (NFKC over the whole string would: "㈠" → "(一)", "ﬁ" → "fi").
    """
    table: dict[int, str] = {0x3000: " "}
    for lo, hi in ((0xFE50, 0xFE6B), (0xFF01, 0xFF5E), (0xFFE0, 0xFFE6)):
        for code in range(lo, hi + 1):
            folded = unicodedata.normalize("NFKC", chr(code))
            if len(folded) == 1:
                table[code] = folded
    for code, char in list(table.items()):
        if "A" <= char <= "Z":
            table[code] = char.lower()
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    return table


def to_simplified(text: str) -> str:
    """OpenCC t2s, per line; a line whose length changes is converted char by char.

    OpenCC's t2s dictionaries map equal lengths today, but nothing promises it;
    per-line checking keeps a future length-changing phrase from shifting the
    offsets of everything after it.
    """
    converter = _t2s()
    out = []
    for line in text.splitlines(keepends=True):
        converted = converter.convert(line)
        if len(converted) != len(line):
            converted = "".join(_convert_char(converter, ch) for ch in line)
        out.append(converted)
    return "".join(out)


def _convert_char(converter, char: str) -> str:
    converted = converter.convert(char)
    return converted if len(converted) == 1 else char


def normalize(text: str) -> str:
    """Simplified, width-folded, lower-cased `text`; len(out) == len(text)."""
    if not text:
        return ""
    return to_simplified(text).translate(_width_table())


def detect_script(text: str) -> str:
    """"traditional" when t2s changes at least 5% of the CJK characters.

    Simplified text changes almost never (a stray 著/乾), traditional reports
    change around a quarter of their characters, so 5% separates them widely.
    """
    cjk = "".join(_CJK_RUN.findall(text))
    if not cjk:
        return "simplified"
    converted = to_simplified(cjk)
    changed = sum(a != b for a, b in zip(cjk, converted))
    return "traditional" if changed / len(cjk) >= 0.05 else "simplified"


@functools.cache
def _jieba():
    """A private jieba.Tokenizer, so other users of jieba.dt are unaffected.

    jieba logs its dictionary load at DEBUG on its own logger; raised to WARNING.
    """
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    load_jieba_cache(tokenizer)
    tokenizer.initialize()  # builds (and caches) the prefix dictionary when it was not loaded above
    return tokenizer


def load_jieba_cache(tokenizer) -> None:
    """Load the prefix dictionary jieba cached in the temp dir (as jieba itself would), but from bytes.

    jieba reads it with `marshal.load(file)`, which reads a file object in tiny pieces:
    0.6 s of a 0.2 s load, a quarter of a cold first answer. Anything unexpected leaves
    the tokenizer to jieba's own initialize().
    """
    import marshal
    import tempfile

    try:
        data = (Path(tempfile.gettempdir()) / "jieba.cache").read_bytes()  # jieba's name for its default dictionary
        freq, total = marshal.loads(data)
    except (OSError, ValueError, EOFError, TypeError):
        return
    if isinstance(freq, dict) and isinstance(total, int) and freq:
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True


def _is_noise(token: str) -> bool:
    """Whitespace, punctuation and symbol tokens, and stop words."""
    if token in STOP_WORDS:
        return True
    return all(ch.isspace() or unicodedata.category(ch)[0] in "PSZ" for ch in token)


def tokenize(text: str) -> list[str]:
    """jieba search-mode tokens of normalize(text), without punctuation or stop words.

    Search mode (`lcut_for_search`) adds the short words inside long ones
    ("执法人员" → 执法, 人员, 执法人员), so a question's shorter wording still
    matches. Numbers and percentages stay whole ("66876", "100%").
    """
    if not text:
        return []
    tokens = _jieba().lcut_for_search(normalize(text))
    return [tok for tok in (t.strip() for t in tokens) if tok and not _is_noise(tok)]


def char_bigrams(text: str) -> list[str]:
    """CJK character bigrams plus alphanumeric tokens of normalize(text).

    A lone CJK character (a run of one) is kept as a unigram so it is not lost.
    Bigrams need no dictionary, so they match names and terms jieba splits oddly.
    """
    grams: list[str] = []
    for unit in _BIGRAM_UNITS.findall(normalize(text)):
        if len(unit) > 1 and _CJK_RUN.fullmatch(unit):
            grams.extend(unit[i:i + 2] for i in range(len(unit) - 1))
        else:
            grams.append(unit)
    return grams


def segment(text: str) -> list[str]:
    """jieba's precise-mode words of normalize(text): one reading, no overlapping sub-words.

    Questions are analysed word by word (topic terms must not be counted twice),
    unlike BM25, which profits from search mode's extra sub-words.
    """
    return _jieba().lcut(normalize(text)) if text else []


@functools.cache
def _place_words() -> frozenset[str]:
    """The words jieba's dictionary tags as place names (`ns`).

    Read straight from the dictionary file (~0.1 s): jieba.posseg's tagger would
    load every word's tag first (~1 s), the largest part of a cold first answer.
    """
    import jieba

    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as f:
        return frozenset(line.split(" ", 1)[0] for line in f if line.endswith(" ns\n"))


def is_place_word(word: str) -> bool:
    """Does jieba's dictionary know this word as a place name?"""
    return word in _place_words()
