"""Files → decoded text: the first step of indexing.

`load_file` reads .txt/.md/.html/.htm/.pdf/.docx into a `LoadedText`, or raises
`UnsupportedFile` with a one-line reason a user can act on. Mojibake repair and
removal of site chrome come next (`index.mojibake`, `index.clean`).

Encoding: Chinese government files come as GB18030/GBK, Big5, UTF-16 or UTF-8
(with or without BOM). Detectors (charset-normalizer here) confuse GBK and Big5
on short texts, so every candidate is decoded strictly and the one whose text
reads most like Chinese (character statistics, `index.charstats`) wins. The
container formats (HTML, PDF, DOCX) are read in `index.documents`.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from .charstats import implausibility
from .documents import _normalise_newlines, load_docx, load_html, load_pdf
from .errors import NotFound, UnsupportedFile
from .model import LoadedText
from .ocr import IMAGE_SUFFIXES, PAGES_SUFFIX

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx", *IMAGE_SUFFIXES)
SCORE_SAMPLE = 20_000  # characters scored per candidate decoding
MAX_IMPLAUSIBLE = 0.5  # above: no decoding gives readable text
WARN_IMPLAUSIBLE = 0.15  # above: decoded, but say it may be wrong
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
# codec to decode with → narrower name to report when the bytes fit it
_FAMILIES = {"gb18030": "gbk", "big5hkscs": "big5"}
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "cp950": "big5hkscs"}
_ALLOWED_CONTROLS = set("\t\n\r\f\v\x1a")


MAX_BAD_BYTES = 20  # an export with a few stray bytes is still the report: they become � (chosen)
# ... and so is one with a stray byte every 50 (a damaged copy, ~5 % of its bytes unreadable in UTF-8):
# up to this share (chosen; the text must still read as Chinese, see _lenient_decoding).
MAX_BAD_SHARE = 0.1


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a text file's bytes; BOM stripped, newlines as \\n.

    Raises UnsupportedFile for empty, whitespace-only or binary data.
    """
    text, encoding, _ = decode_with_warnings(data)
    return text, encoding


def decode_with_warnings(data: bytes) -> tuple[str, str, list[str]]:
    """(text, encoding, warnings): a text that decodes but for a few stray bytes (one 0xFF, a cp1252
    quote, an encoded surrogate) is read with those bytes replaced by �, and says so."""
    if not data:
        raise UnsupportedFile("文件是空的")
    decoded = _decode_with_bom(data) or _plain_utf8(data)
    warnings: list[str] = []
    if decoded is None:
        try:
            decoded = _best_decoding(data)
        except UnsupportedFile:
            lenient = _lenient_decoding(data)
            if lenient is None:
                raise
            decoded, bad = lenient
            warnings.append(f"{bad} 个字节无法按 {decoded[1]} 解码,已替换为 �")
    text = _normalise_newlines(decoded[0])
    if not text.strip():
        raise UnsupportedFile("没有文字:文件里只有空白")
    return text, decoded[1], warnings


def _lenient_decoding(data: bytes) -> tuple[tuple[str, str], int] | None:
    """The best decoding that fails only on a few bytes, with their number; None when every one fails
    on many (then the file is not text in any of them, and the strict reason stands)."""
    found = []
    for order, codec in enumerate(("utf-8", "gb18030", "big5hkscs")):
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd") - data.decode(codec, errors="ignore").count("\ufffd")
        if 0 < bad <= max(MAX_BAD_BYTES, MAX_BAD_SHARE * len(data)) and not _has_binary_controls(text):
            found.append((implausibility(text[:SCORE_SAMPLE]), order, text, codec, bad))
    if not found:
        return None
    ratio, _, text, codec, bad = min(found)
    return ((text, codec), bad) if ratio <= MAX_IMPLAUSIBLE else None


def load_file(path: Path, scans=None) -> LoadedText:
    """Read one report file into text, encoding name and container hints."""
    path = Path(path)
    if not path.exists():
        raise NotFound(f"文件不存在:{path}")
    if not path.is_file():
        raise UnsupportedFile("不是普通文件")
    return load_bytes(path.read_bytes(), path.suffix, scans)


def check_suffix(suffix: str) -> None:
    if suffix.lower() not in SUPPORTED_SUFFIXES and suffix.lower() != PAGES_SUFFIX:
        raise UnsupportedFile(f"不支持的文件类型 {suffix or '(没有扩展名)'};"
                              f"支持:{' '.join(SUPPORTED_SUFFIXES)}")


def load_bytes(data: bytes, suffix: str, scans=None) -> LoadedText:
    """A file's bytes, already read (its content hash is taken from the same bytes), into text.

    Scans (image-only PDF pages, images, a packed folder of page images) are read by OCR with
    the limits, cache and progress of `scans` (an index.ocr.ScanOptions; None: defaults, no cache)."""
    check_suffix(suffix)
    if not data:
        raise UnsupportedFile("文件是空的")
    suffix = suffix.lower()
    if suffix == ".pdf":
        return load_pdf(data, scans)
    if suffix in IMAGE_SUFFIXES or suffix == PAGES_SUFFIX:
        from .ocr import read_images

        return read_images(data, suffix, scans)
    return _LOADERS[suffix](data)


def _decode_with_bom(data: bytes) -> tuple[str, str] | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec.removesuffix("-sig")), codec
            except UnicodeDecodeError:
                raise UnsupportedFile(f"{codec} 文本已损坏(以 BOM 开头,但内容无法按此编码解码)") from None
    return None


def _plain_utf8(data: bytes) -> tuple[str, str] | None:
    """Valid UTF-8 that reads well: other encodings almost never produce it."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if _has_binary_controls(text) or implausibility(text[:SCORE_SAMPLE]) > WARN_IMPLAUSIBLE:
        return None
    return text, "utf-8"


def _candidate_codecs(data: bytes) -> list[str]:
    """Encodings worth trying, most likely first (order breaks score ties)."""
    if b"\x00" in data:  # NUL bytes: UTF-16 or binary, never an 8-bit encoding
        odd_nuls = data[1::2].count(0)
        wide = ["utf-16-le", "utf-16-be"] if odd_nuls >= data[::2].count(0) else ["utf-16-be", "utf-16-le"]
        return wide
    names = ["utf-8", _detector_guess(data), "gb18030", "big5hkscs"]
    if len(data) % 2 == 0:
        names += ["utf-16-le", "utf-16-be"]
    return [n for n in dict.fromkeys(names) if n]


def _detector_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    name = codecs.lookup(best.encoding).name
    return _ALIASES.get(name, name)


def _best_decoding(data: bytes) -> tuple[str, str]:
    scored = []
    for order, codec in enumerate(_candidate_codecs(data)):
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if not _has_binary_controls(text):
            scored.append((implausibility(text[:SCORE_SAMPLE]), order, text, codec))
    if not scored:
        raise UnsupportedFile("是二进制数据,不是文本" if _looks_binary(data) else
                              "文本已损坏:有太多字节无法按任何编码(UTF-8、GBK、Big5)解码")
    ratio, _, text, codec = min(scored)
    if ratio > MAX_IMPLAUSIBLE:
        raise UnsupportedFile("无法识别的文本:没有哪种编码能读出通顺的中文")
    return text, _narrowest(data, codec)


def _narrowest(data: bytes, codec: str) -> str:
    """Report GBK rather than GB18030 (Big5 rather than HKSCS) when the bytes fit."""
    narrow = _FAMILIES.get(codec)
    if narrow:
        try:
            data.decode(narrow)
            return narrow
        except UnicodeDecodeError:
            pass
    return codec


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or control bytes beyond a text's share: a program or an image, not damaged text."""
    sample = data[:SCORE_SAMPLE]
    controls = sum(1 for b in sample if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D, 0x0B, 0x1A))
    return b"\x00" in sample or controls > 0.01 * len(sample)


def _has_binary_controls(text: str) -> bool:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
    return "\x00" in text or controls > 0.01 * len(text)


def _load_text(data: bytes) -> LoadedText:
    text, encoding, warnings = decode_with_warnings(data)
    if implausibility(text[:SCORE_SAMPLE]) > WARN_IMPLAUSIBLE:
        warnings.append(f"按 {encoding} 解码,但大部分文字像是乱码")
    return LoadedText(text=text, encoding=encoding, warnings=warnings)


def _load_markdown(data: bytes) -> LoadedText:
    loaded = _load_text(data)
    loaded.text = re.sub(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+", "", loaded.text)
    return loaded


def _load_html(data: bytes) -> LoadedText:
    text, encoding, warnings = decode_with_warnings(data)
    loaded = load_html(text, encoding)
    loaded.warnings = warnings + loaded.warnings
    return loaded


_LOADERS = {".txt": _load_text, ".md": _load_markdown, ".html": _load_html,
            ".htm": _load_html, ".pdf": load_pdf, ".docx": load_docx}
