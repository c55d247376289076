"""index.loaders: real files written to tmp_path, decoded and read back."""
from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

from index.errors import NotFound, UnsupportedFile
from index.loaders import SUPPORTED_SUFFIXES, decode_bytes, load_file

REPORTS = Path(__file__).resolve().parents[2] / "data" / "reports"
SIMPLIFIED = ("广州市增城区城市管理和综合执法局关于2023年度法治政府建设情况的报告\n"
              "新收行政一审案件共5宗，行政机关负责人出庭率达100%。\n")
TRADITIONAL = ("區城管依法行政要點\n"
               "加強城市管理行政執法規範化建設，樹立良好的城市管理行政執法隊伍形象。\n")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("data, text, encoding", [
    (SIMPLIFIED.encode("gbk"), SIMPLIFIED, "gbk"),
    ((SIMPLIFIED + "䶮𠀀\n").encode("gb18030"), SIMPLIFIED + "䶮𠀀\n", "gb18030"),
    (TRADITIONAL.encode("big5"), TRADITIONAL, "big5"),
    (b"\xff\xfe" + SIMPLIFIED.encode("utf-16-le"), SIMPLIFIED, "utf-16-le"),
    (b"\xfe\xff" + SIMPLIFIED.encode("utf-16-be"), SIMPLIFIED, "utf-16-be"),
    (SIMPLIFIED.encode("utf-16-le"), SIMPLIFIED, "utf-16-le"),
    (b"\xef\xbb\xbf" + SIMPLIFIED.encode("utf-8"), SIMPLIFIED, "utf-8-sig"),
    (SIMPLIFIED.encode("utf-8"), SIMPLIFIED, "utf-8"),
    (TRADITIONAL.encode("utf-8"), TRADITIONAL, "utf-8"),
], ids=["gbk", "gb18030", "big5", "utf16le-bom", "utf16be-bom", "utf16le-nobom",
        "utf8-bom", "utf8", "utf8-traditional"])
def test_text_file_encodings(tmp_path, data, text, encoding):
    loaded = load_file(write(tmp_path, "report.txt", data))
    assert loaded.text == text
    assert loaded.encoding == encoding
    assert not loaded.text.startswith("\ufeff")
    assert loaded.warnings == []


@pytest.mark.parametrize("text, codec", [
    ("执法局", "gbk"), ("中文", "gbk"), ("行政執法", "big5"), ("法治", "big5"),
])
def test_short_texts_are_not_confused_between_gbk_and_big5(text, codec):
    assert decode_bytes(text.encode(codec)) == (text, codec)


def test_line_endings_are_normalised(tmp_path):
    data = "第一行\r\n第二行\r第三行\n".encode("gbk")
    assert load_file(write(tmp_path, "a.txt", data)).text == "第一行\n第二行\n第三行\n"


def test_markdown_heading_marks_are_dropped(tmp_path):
    data = "# 年度报告\n\n## 一、主要举措\n正文 #3 保留。\n".encode()
    assert load_file(write(tmp_path, "a.md", data)).text == "年度报告\n\n一、主要举措\n正文 #3 保留。\n"


@pytest.mark.parametrize("name", sorted(p.name for p in REPORTS.glob("*.txt")))
def test_sample_reports_load_unchanged(name):
    loaded = load_file(REPORTS / name)
    assert loaded.encoding == "utf-8"
    assert loaded.text == (REPORTS / name).read_bytes().decode("utf-8").replace("\r\n", "\n")


HTML_PAGE = """<!DOCTYPE html>
<html><head>
<meta charset="{charset}">
<title>广州市花都区人民政府关于2023年度法治政府建设情况的报告_花都区人民政府门户网站</title>
<meta name="PubDate" content="2024-01-04 16:49">
<meta name="ContentSource" content="花都区司法局">
<script>var tip = "脚本内容";</script>
<style>.nav {{ color: red }}</style>
</head><body>
<header><div class="logo">花都区人民政府门户网站</div></header>
<nav><ul><li><a href="/">首页</a></li><li>政务公开</li></ul></nav>
<div class="main">
  <h1>广州市花都区人民政府关于2023年度法治政府建设情况的报告</h1>
  <!-- 注释不应出现 -->
  <p>　　2023年，花都区全面推进
     依法行政。<br>行政机关负责人出庭率达100%。</p>
  <ul><li>新华街获评法治镇街</li><li>狮岭司法所获评示范司法所</li></ul>
  <table><tr><td>行政复议</td><td>120宗</td></tr><tr><td>行政诉讼</td><td>80宗</td></tr></table>
</div>
<aside>热点推荐</aside>
<footer>版权所有 花都区人民政府</footer>
</body></html>
"""


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_html_page_text_and_hints(tmp_path, charset):
    html = HTML_PAGE.format(charset=charset)
    loaded = load_file(write(tmp_path, "page.html", html.encode(charset)))
    lines = loaded.text.split("\n")
    assert lines == [
        "广州市花都区人民政府关于2023年度法治政府建设情况的报告",
        "2023年，花都区全面推进 依法行政。",
        "行政机关负责人出庭率达100%。",
        "新华街获评法治镇街",
        "狮岭司法所获评示范司法所",
        "行政复议 120宗",
        "行政诉讼 80宗",
    ]
    for chrome in ("脚本内容", "color", "首页", "政务公开", "门户网站", "注释", "热点推荐", "版权所有"):
        assert chrome not in loaded.text
    assert loaded.hints == {"title": "广州市花都区人民政府关于2023年度法治政府建设情况的报告",
                            "published": "2024-01-04", "source_line": "花都区司法局"}
    assert loaded.encoding == ("utf-8" if charset == "utf-8" else "gbk")


def test_html_open_graph_date_and_title_fallback(tmp_path):
    html = ('<html><head><title>杭州市城管局2023年法治政府建设年度报告 | 杭州市城市管理局</title>'
            '<meta property="article:published_time" content="2023-12-20T10:27:00+08:00"></head>'
            '<body><div>正文第一段。</div></body></html>')
    loaded = load_file(write(tmp_path, "page.htm", html.encode()))
    assert loaded.text == "正文第一段。"
    assert loaded.hints == {"title": "杭州市城管局2023年法治政府建设年度报告", "published": "2023-12-20"}


def make_pdf(lines: list[str], title: str | None = None) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    if title:
        pdf.setTitle(title)
    for page_lines in (lines[:2], lines[2:]):
        pdf.setFont("STSong-Light", 12)
        for i, line in enumerate(page_lines):
            pdf.drawString(72, 720 - 20 * i, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_pdf_with_chinese_text_layer(tmp_path):
    lines = ["楚雄市综合行政执法局2024年法治政府建设年度报告", "一、主要举措和成效",
             "全年办理行政处罚案件1250件。", "楚雄市综合行政执法局"]
    loaded = load_file(write(tmp_path, "report.pdf", make_pdf(lines, title="年度报告")))
    assert [line for line in loaded.text.split("\n") if line.strip()] == lines
    assert loaded.encoding == "pdf"
    assert loaded.hints == {"title": "年度报告"}


def test_pdf_without_text_layer_or_legible_text(tmp_path):
    """A page without a text layer is read by OCR (index/ocr); a page with nothing to read says so."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(72, 72, 300, 400, fill=1)  # a "scanned" page: graphics, no text
    pdf.save()
    with pytest.raises(UnsupportedFile, match=r"^扫描件中没有识别出文字"):
        load_file(write(tmp_path, "scan.pdf", buffer.getvalue()))


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(make_pdf(["机密报告"])))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(UnsupportedFile, match="^PDF 已加密"):
        load_file(write(tmp_path, "locked.pdf", buffer.getvalue()))


def test_pdf_with_empty_user_password_opens(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(make_pdf(["公开的年度报告"])))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert load_file(write(tmp_path, "open.pdf", buffer.getvalue())).text.strip() == "公开的年度报告"


def test_pdf_radical_characters_are_folded(tmp_path):
    # some PDF fonts map 文/人 to the Kangxi radicals ⽂/⼈; readers see 文/人
    loaded = load_file(write(tmp_path, "radicals.pdf", make_pdf(["⽂化执法⼈员"])))
    assert loaded.text.strip() == "文化执法人员"


def test_broken_pdf_is_one_line(tmp_path):
    with pytest.raises(UnsupportedFile) as caught:
        load_file(write(tmp_path, "broken.pdf", b"%PDF-1.7\n1 0 obj <<< garbage\n"))
    assert caught.value.message == "PDF 文件已损坏,无法读取", "the reader's own exception text stays in the log"


def test_docx_paragraphs_tables_and_title(tmp_path):
    import docx

    document = docx.Document()
    document.core_properties.title = "花都区2023年度法治政府建设情况报告"
    document.add_heading("一、主要举措和成效", level=1)
    document.add_paragraph("行政机关负责人出庭率达100%。")
    document.add_paragraph("   ")
    table = document.add_table(rows=2, cols=2)
    for (r, c), value in {(0, 0): "类别", (0, 1): "数量", (1, 0): "行政复议", (1, 1): "120宗"}.items():
        table.cell(r, c).text = value
    merged = document.add_table(rows=1, cols=2)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "合并单元格"
    document.add_paragraph("二、存在的不足")
    path = tmp_path / "report.docx"
    document.save(path)
    loaded = load_file(path)
    assert loaded.text.split("\n") == ["一、主要举措和成效", "行政机关负责人出庭率达100%。",
                                       "类别", "数量", "行政复议", "120宗", "合并单元格", "二、存在的不足"]
    assert loaded.hints == {"title": "花都区2023年度法治政府建设情况报告"}


def test_broken_docx(tmp_path):
    with pytest.raises(UnsupportedFile, match="^DOCX 文件已损坏:不是 ZIP 格式的文档包$"):
        load_file(write(tmp_path, "a.docx", b"this is not a zip"))
    import zipfile

    path = tmp_path / "b.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "no word document here")
    with pytest.raises(UnsupportedFile) as caught:
        load_file(path)
    assert caught.value.message == "DOCX 文件已损坏,无法读取"


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "^文件是空的$"),
    ("blank.txt", b"  \r\n\t\n   ", "只有空白"),
    ("blank16.txt", b"\xff\xfe" + " \n\u3000\n".encode("utf-16-le"), "只有空白"),
    ("noise.txt", random.Random(7).randbytes(4096), "^是二进制数据,不是文本"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)), "^是二进制数据"),
    ("sheet.xls", "报告".encode(), r"^不支持的文件类型 \.xls"),
    ("README", "报告".encode(), r"^不支持的文件类型 \(没有扩展名\)"),
])
def test_unsupported_files_have_one_line_reasons(tmp_path, name, data, reason):
    with pytest.raises(UnsupportedFile, match=reason) as caught:
        load_file(write(tmp_path, name, data))
    assert "\n" not in caught.value.message
    assert caught.value.http_status == 415


def test_missing_file_is_not_found(tmp_path):
    with pytest.raises(NotFound):
        load_file(tmp_path / "nope.txt")


def test_supported_suffixes_are_the_six_text_formats_and_the_scanned_images():
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".png", ".jpg", ".jpeg", ".tif",
                                  ".tiff")


def test_a_few_stray_bytes_are_replaced_and_said():
    """Exports with one bad byte (0xFF, a cp1252 quote, an encoded surrogate) are still the report:
    read with the bytes replaced by �, with a warning; binary data keeps its true reason."""
    from index.loaders import load_bytes

    base = (REPORTS / "huadu-district-2023.txt").read_bytes()
    for bad in (b"\xff", b"\x93", "\ud800".encode("utf-8", "surrogatepass")):
        loaded = load_bytes(base[:3000] + bad + base[3000:], ".txt")
        assert loaded.encoding == "utf-8" and "已替换为 �" in loaded.warnings[0]
        assert "收到行政复议申请786宗" in loaded.text
    with pytest.raises(UnsupportedFile, match="二进制"):
        load_bytes(bytes(range(256)) * 40, ".txt")
