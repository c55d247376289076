"""Files → decoded text: the first step of indexing.

`load_file` reads .txt/.md/.html/.htm/.pdf/.docx into a `LoadedText`, or raises
`UnsupportedFile` with a one-line reason a user can act on. Mojibake repair and
removal of site chrome come next (`index.mojibake`, `index.clean`).

Encoding: Chinese government files come as GB18030/GBK, Big5, UTF-16 or UTF-8
(with or without BOM). Detectors (charset-normalizer here) confuse GBK and Big5
on short texts, so every candidate is decoded strictly and the one whose text
reads most like Chinese (character statistics, `index.mojibake`) wins.
"""
from __future__ import annotations

import codecs
import io
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from .clean import iso_date
from .errors import NotFound, UnsupportedFile
from .model import LoadedText
from .mojibake import implausibility, is_cjk

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
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


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a text file's bytes; BOM stripped, newlines as \\n.

    Raises UnsupportedFile for empty, whitespace-only or binary data.
    """
    if not data:
        raise UnsupportedFile("empty file")
    text, encoding = _decode_with_bom(data) or _plain_utf8(data) or _best_decoding(data)
    text = _normalise_newlines(text)
    if not text.strip():
        raise UnsupportedFile("no text: the file holds only whitespace")
    return text, encoding


def load_file(path: Path) -> LoadedText:
    """Read one report file into text, encoding name and container hints."""
    path = Path(path)
    if not path.exists():
        raise NotFound(f"no such file: {path}")
    if not path.is_file():
        raise UnsupportedFile("not a regular file")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFile(f"unsupported file type {suffix or '(no suffix)'}; "
                              f"supported: {' '.join(SUPPORTED_SUFFIXES)}")
    data = path.read_bytes()
    if not data:
        raise UnsupportedFile("empty file")
    return _LOADERS[suffix](data)


def _decode_with_bom(data: bytes) -> tuple[str, str] | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec.removesuffix("-sig")), codec
            except UnicodeDecodeError:
                raise UnsupportedFile(f"broken {codec} text (starts with a BOM)") from None
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
        raise UnsupportedFile("binary data, not text")
    ratio, _, text, codec = min(scored)
    if ratio > MAX_IMPLAUSIBLE:
        raise UnsupportedFile("unreadable text: no encoding gives readable Chinese text")
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


def _has_binary_controls(text: str) -> bool:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
    return "\x00" in text or controls > 0.01 * len(text)


def _normalise_newlines(text: str) -> str:
    text = text.removeprefix("\ufeff")
    return re.sub(r"\r\n?|[\u2028\u2029\x85]", "\n", text)


def _one_line(exc: Exception) -> str:
    message = " ".join(str(exc).split()) or type(exc).__name__
    return message[:200]


def _load_text(data: bytes) -> LoadedText:
    text, encoding = decode_bytes(data)
    warnings = []
    if implausibility(text[:SCORE_SAMPLE]) > WARN_IMPLAUSIBLE:
        warnings.append(f"decoded as {encoding}, but much of the text looks garbled")
    return LoadedText(text=text, encoding=encoding, warnings=warnings)


def _load_markdown(data: bytes) -> LoadedText:
    loaded = _load_text(data)
    loaded.text = re.sub(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+", "", loaded.text)
    return loaded


_HTML_DROP = ("head", "title", "script", "style", "noscript", "template", "nav", "header", "footer", "aside",
              "iframe", "select", "button")
_HTML_BLOCKS = ("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
                "table", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "center", "main")
_DATE_META = {"pubdate", "publishdate", "article:published_time", "firstpublishedtime",
              "publishtime", "dc.date", "dcterms.issued"}
_SOURCE_META = {"contentsource", "source"}
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML whitespace only: \u3000 is text


def _load_html(data: bytes) -> LoadedText:
    """Visible text, one block element per line, without page chrome elements."""
    from bs4 import BeautifulSoup, Comment

    markup, encoding = decode_bytes(data)
    soup = BeautifulSoup(markup, _html_parser())
    hints = _html_hints(soup)
    for element in soup.find_all(_HTML_DROP):
        element.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    text = _html_block_text(soup)
    if not text:
        raise UnsupportedFile("HTML page has no visible text")
    return LoadedText(text=text, encoding=encoding, hints=hints)


@lru_cache(maxsize=1)
def _html_parser() -> str:
    try:
        import lxml  # noqa: F401

        return "lxml"
    except ImportError:
        return "html.parser"


def _html_block_text(soup) -> str:
    from bs4 import NavigableString

    for string in soup.find_all(string=True):
        if type(string) is NavigableString:
            string.replace_with(_HTML_SPACE.sub(" ", string))
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for block in soup.find_all(_HTML_BLOCKS):
        block.insert_before("\n")
        block.insert_after("\n")
    for cell in soup.find_all(["td", "th"]):
        cell.insert_after(" ")
    lines = (line.strip() for line in soup.get_text().split("\n"))
    return "\n".join(line for line in lines if line)


def _html_hints(soup) -> dict:
    """title, published and source_line as the page's own markup states them."""
    metas = {}
    for meta in soup.find_all("meta"):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        if key and meta.get("content") and key not in metas:
            metas[key] = meta["content"].strip()
    hints = {}
    title = metas.get("articletitle") or _page_title(soup)
    if title:
        hints["title"] = title
    published = next((iso_date(v) for k, v in metas.items() if k in _DATE_META and iso_date(v)), None)
    if published:
        hints["published"] = published
    source = next((v for k, v in metas.items() if k in _SOURCE_META and v), None)
    if source:
        hints["source_line"] = source
    return hints


def _page_title(soup) -> str | None:
    """<h1> when <title> repeats it (titles carry site suffixes), else <title>'s
    longest part, else <h1>."""
    title = " ".join(soup.title.get_text().split()) if soup.title else ""
    h1 = soup.find("h1")
    heading = " ".join(h1.get_text().split()) if h1 else ""
    if heading and heading in title:
        return heading
    if title:
        return max(re.split(r"\s*[_|｜]\s*|\s+-\s+", title), key=len)
    return heading or None


def _load_pdf(data: bytes) -> LoadedText:
    """The PDF's text layer, pages joined by newlines."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            _open_encrypted(reader)
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata or {}).get("/Title")
    except UnsupportedFile:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files; all mean "broken"
        raise UnsupportedFile(f"broken PDF: {_one_line(exc)}") from None
    text = _fold_radicals(_normalise_newlines("\n".join(pages)))
    if not text.strip():
        raise UnsupportedFile("PDF has no text layer (scanned?)")
    hints = {"title": t} if (t := _clean_doc_title(title)) else {}
    return LoadedText(text=text, encoding="pdf", hints=hints)


def _open_encrypted(reader) -> None:
    """Many published PDFs are encrypted with an empty user password; others are closed."""
    try:
        opened = reader.decrypt("")
    except Exception as exc:  # e.g. AES without the optional `cryptography` package
        raise UnsupportedFile(f"encrypted PDF: {_one_line(exc)}") from None
    if not opened:
        raise UnsupportedFile("encrypted PDF (needs a password)")


@lru_cache(maxsize=1)
def _radical_table() -> dict[int, str]:
    """Kangxi/CJK radicals → the ideographs they stand for (NFKC).

    Some PDF fonts map common characters to radicals (⽂ for 文), which pypdf
    then extracts; folded back, quotes match what readers see.
    """
    table = {}
    for code in range(0x2E80, 0x2FE0):
        folded = unicodedata.normalize("NFKC", chr(code))
        if len(folded) == 1 and is_cjk(folded):
            table[code] = folded
    return table


def _fold_radicals(text: str) -> str:
    return text.translate(_radical_table())


def _clean_doc_title(title) -> str | None:
    """A document property title, minus the 'Microsoft Word - x.docx' wrapping."""
    title = " ".join(str(title or "").split())
    title = re.sub(r"^Microsoft Word\s*-\s*|\.(docx?|wps|pdf)$", "", title, flags=re.I).strip()
    return title or None


def _load_docx(data: bytes) -> LoadedText:
    """Paragraphs and table cells in document order, one per line."""
    import zipfile

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnsupportedFile("broken DOCX: not a ZIP package")
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
        lines = list(_docx_lines(document))
        title = document.core_properties.title
    except Exception as exc:  # python-docx/lxml raise many types on damaged parts
        raise UnsupportedFile(f"broken DOCX: {_one_line(exc)}") from None
    text = _normalise_newlines("\n".join(lines))
    if not text.strip():
        raise UnsupportedFile("DOCX has no text")
    hints = {"title": t} if (t := _clean_doc_title(title)) else {}
    return LoadedText(text=text, encoding="docx", hints=hints)


def _docx_lines(document):
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            yield from _table_lines(block)
        elif block.text.strip():
            yield block.text


def _table_lines(table):
    """One line per distinct cell paragraph; merged cells repeat, so skip repeats."""
    seen = set()
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            yield from (line for line in cell.text.split("\n") if line.strip())


_LOADERS = {".txt": _load_text, ".md": _load_markdown, ".html": _load_html,
            ".htm": _load_html, ".pdf": _load_pdf, ".docx": _load_docx}
