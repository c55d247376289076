"""Container formats → text: HTML pages, PDF text layers, DOCX documents.

Each reader returns a `LoadedText` with the hints the container states itself
(a page's <title> and publish-date <meta>, a document's title property) or
raises `UnsupportedFile` with a one-line reason. Plain-text decoding and the
choice of reader by suffix live in `index.loaders`.
"""
from __future__ import annotations

import io
import logging
import re
import unicodedata
from functools import lru_cache

from .charstats import is_cjk
from .clean import iso_date
from .errors import UnsupportedFile
from .model import LoadedText
from .zipbounds import check_zip

log = logging.getLogger("rolqa.index")


def _damaged(kind: str, exc: Exception) -> UnsupportedFile:
    """A reader's own exception (English, internal) goes to the log; the user reads a Chinese reason."""
    log.info("cannot read %s: %s: %s", kind, type(exc).__name__, " ".join(str(exc).split())[:200])
    return UnsupportedFile(f"{kind} 文件已损坏,无法读取")


def _normalise_newlines(text: str) -> str:
    text = text.removeprefix("\ufeff")
    return re.sub(r"\r\n?|[\u2028\u2029\x85]", "\n", text)


_HTML_DROP = ("head", "title", "script", "style", "noscript", "template", "nav", "header", "footer", "aside",
              "iframe", "select", "button")
_HTML_BLOCKS = ("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
                "table", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "center", "main")
_DATE_META = {"pubdate", "publishdate", "article:published_time", "firstpublishedtime",
              "publishtime", "dc.date", "dcterms.issued"}
_SOURCE_META = {"contentsource", "source"}
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML whitespace only: \u3000 is text


def load_html(markup: str, encoding: str) -> LoadedText:
    """Visible text of a decoded page, one block element per line, without page chrome elements."""
    from bs4 import BeautifulSoup, Comment

    soup = BeautifulSoup(markup, _html_parser())
    hints = _html_hints(soup)
    for element in soup.find_all(_HTML_DROP):
        element.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    text = _html_block_text(soup)
    if not text:
        raise UnsupportedFile("HTML 页面没有可见的文字")
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


def load_pdf(data: bytes, scans=None) -> LoadedText:
    """The PDF's text layer, pages joined by newlines; a scan's pages without one are read by OCR
    (index.ocr, with the limits and cache of `scans`, an index.ocr.ScanOptions)."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its English warnings ("EOF marker not found") are not for users
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            _open_encrypted(reader)
        if not reader.pages:
            raise UnsupportedFile("PDF 文件没有页面(可能已损坏)")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata or {}).get("/Title")
    except UnsupportedFile:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files; all mean "broken"
        raise _damaged("PDF", exc) from None
    hints = {"title": t} if (t := _clean_doc_title(title)) else {}
    pages = [_fold_radicals(_normalise_newlines(page)) for page in pages]
    if _has_scanned_pages(pages):
        from .ocr import read_pdf

        loaded = read_pdf(data, pages, scans)
        loaded.hints = hints
        return loaded
    return LoadedText(text="\n".join(pages), encoding="pdf", hints=hints)


def _has_scanned_pages(pages: list[str]) -> bool:
    """A page with (almost) no text layer is a scanned page: all of them in a scan, some in a mixed PDF."""
    from .ocr.reader import MIN_PAGE_TEXT

    return any(len("".join(page.split())) < MIN_PAGE_TEXT for page in pages)


def _open_encrypted(reader) -> None:
    """Many published PDFs are encrypted with an empty user password; others are closed."""
    try:
        opened = reader.decrypt("")
    except Exception as exc:  # e.g. AES without the optional `cryptography` package
        log.info("cannot decrypt PDF: %s: %s", type(exc).__name__, str(exc)[:200])
        raise UnsupportedFile("PDF 已加密,无法打开") from None
    if not opened:
        raise UnsupportedFile("PDF 已加密(需要密码)")


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


def load_docx(data: bytes) -> LoadedText:
    """Paragraphs and table cells in document order, one per line."""
    import zipfile

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnsupportedFile("DOCX 文件已损坏:不是 ZIP 格式的文档包")
    check_zip(data, "DOCX")
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
        lines = list(_docx_lines(document))
        title = document.core_properties.title
    except Exception as exc:  # python-docx/lxml raise many types on damaged parts
        raise _damaged("DOCX", exc) from None
    text = _normalise_newlines("\n".join(lines))
    if not text.strip():
        raise UnsupportedFile("DOCX 文档中没有文字")
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
