"""Zipped formats (.docx, and any other package of XML parts) bounded before anything is parsed.

Why: a parser's memory follows what it builds, not the file's size. An 8.9 MB .docx bomb grew past
12 GB unpacked; 190 MB of empty paragraphs (<w:p/>) took python-docx to 4.3 GB, and 190 MB with 21 M
attributes to 5.5 GB; naming the main part `word/document.dat` (declared as XML in
[Content_Types].xml) walked around a check that read only `*.xml` parts. So: the parts' declared
sizes are summed first (zipfile never unpacks more than a part declares), then every part that is,
or may be, XML (by what [Content_Types].xml declares, whatever its name; a part it does not declare
counts as XML) is read 1 MB at a time and its elements, attributes and text are counted, stopping at
the first bound passed. Only then may a parser see it.
"""
from __future__ import annotations

import io
import re
import zipfile

from .errors import TooLarge, UnsupportedFile

MAX_ZIP_ENTRIES = 2000  # a report's .docx holds tens of parts; thousands mean something else (chosen)
MAX_UNZIPPED_MB = 200  # its parts unpacked: a few MB for a long report, with images tens (chosen)
# Elements and attributes together: each is a node of the parser (~250 bytes in lxml with
# python-docx, measured: 21 M attributes took 5.5 GB). Word writes about 0.05-0.5 elements and
# 1-3 attributes per character, so a long report (several hundred thousand characters) fits. Chosen.
MAX_XML_NODES = 2_000_000
MAX_XML_TEXT_MB = 64  # text between the tags: a report at max_report_chars is ~9 MB of UTF-8 (chosen)
MAX_TYPES_BYTES = 1 << 20  # [Content_Types].xml lists a few dozen types: a few KB (chosen)
CHUNK = 1 << 20
TAG = re.compile(rb"<[^<>]{0,65536}>")
TYPE_ENTRY = re.compile(rb"<(Default|Override)\b([^<>]{0,4096})>")
ATTRIBUTE = re.compile(rb'(?<!\w)(\w{1,64})\s{0,8}=\s{0,8}"([^"]{0,1024})"')


def check_zip(data: bytes, kind: str) -> None:
    """Refuse (TooLarge) a package whose parts would unpack, or parse, into more than the bounds above;
    a broken one is UnsupportedFile. Nothing is parsed here but [Content_Types].xml's entries."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UnsupportedFile(f"{kind} 文件已损坏,无法读取") from None
    unpacked = sum(e.file_size for e in entries)
    if len(entries) > MAX_ZIP_ENTRIES or unpacked > MAX_UNZIPPED_MB * 1024 * 1024:
        raise TooLarge(f"{kind} 文件解压后有 {len(entries)} 个部分、{unpacked / 1024 / 1024:,.0f} MB,"
                       f"超过上限({MAX_ZIP_ENTRIES} 个、{MAX_UNZIPPED_MB} MB):可能是压缩炸弹,已拒绝")
    xml = declared_xml(archive, kind)
    try:
        count_xml(archive, [e for e in entries if not e.is_dir() and xml(e.filename)], kind)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):  # zlib errors and bad CRCs among them
        raise UnsupportedFile(f"{kind} 文件已损坏,无法读取") from None


def declared_xml(archive: zipfile.ZipFile, kind: str):
    """name -> may this part be XML, by the package's own [Content_Types].xml: an Override for the
    part's name, else the Default for its extension; a part it does not declare counts as XML."""
    try:
        info = archive.getinfo("[Content_Types].xml")
    except KeyError:
        return lambda name: True
    if info.file_size > MAX_TYPES_BYTES:
        raise TooLarge(f"{kind} 文件的 [Content_Types].xml 有 {info.file_size:,} 字节:不是正常的文档包,已拒绝")
    defaults, overrides = {}, {}
    for element, attributes in TYPE_ENTRY.findall(archive.read(info)):
        values = {k.lower(): v.decode("utf-8", "replace") for k, v in ATTRIBUTE.findall(attributes)}
        if element == b"Default" and "extension" in values:
            defaults[values["extension"].lower()] = values.get("contenttype", "")
        elif element == b"Override" and "partname" in values:
            overrides[values["partname"].lstrip("/").lower()] = values.get("contenttype", "")

    def is_xml(name: str) -> bool:
        declared = overrides.get(name.lower())
        if declared is None:
            declared = defaults.get(name.rpartition(".")[2].lower() if "." in name else "")
        return declared is None or "xml" in declared.lower()

    return is_xml


def count_xml(archive: zipfile.ZipFile, entries, kind: str) -> None:
    """Elements, attributes and text of these parts, read 1 MB at a time; TooLarge at the first bound
    passed (the bombs above are refused after reading a few MB)."""
    nodes = text = 0
    for entry in entries:
        with archive.open(entry) as part:
            while chunk := part.read(CHUNK):
                nodes += chunk.count(b"<") + chunk.count(b'="') + chunk.count(b"='")
                text += len(TAG.sub(b"", chunk))
                if nodes > MAX_XML_NODES:
                    raise TooLarge(f"{kind} 文件的 XML 部分有超过 {MAX_XML_NODES:,} 个元素和属性:"
                                   "可能是压缩炸弹,已拒绝")
                if text > MAX_XML_TEXT_MB * 1024 * 1024:
                    raise TooLarge(f"{kind} 文件的 XML 部分有超过 {MAX_XML_TEXT_MB} MB 的文字:可能是压缩炸弹,已拒绝")
