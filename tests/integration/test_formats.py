"""Every supported format through the whole pipeline into a real Chroma store, then found by search."""
from __future__ import annotations

import pytest

from assistant.service import Assistant
from index.config import load_settings

BODY = ["某某县司法局关于2023年度法治政府建设情况的报告",
        "一、主要举措和成效",
        "2023年,某某县司法局坚持依法行政,全年办理行政复议案件{n}件,行政机关负责人出庭应诉率达100%。",
        "某某县司法局", "2024年1月15日"]


def text(n: int) -> str:
    return "\n".join(BODY).format(n=n)


def traditional(content: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(content)


def write_pdf(path, content: str) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 11)
    for i, line in enumerate(content.splitlines()):
        c.drawString(40, 800 - 18 * i, line)
    c.save()


def write_docx(path, content: str) -> None:
    import docx

    document = docx.Document()
    for line in content.splitlines():
        document.add_paragraph(line)
    document.save(str(path))


@pytest.fixture
def folder(tmp_path):
    f = tmp_path / "mixed"
    (f / "sub").mkdir(parents=True)
    (f / "gbk.txt").write_bytes(text(11).encode("gbk"))
    (f / "big5.txt").write_bytes(traditional(text(12)).encode("big5"))
    (f / "utf16.txt").write_bytes(text(13).encode("utf-16"))
    (f / "bom.md").write_bytes(text(14).encode("utf-8-sig"))
    page = "<html><head><title>某某县司法局</title></head><body><nav>• 长者助手 • 无障碍</nav>" \
           "<div>发布时间:2024-01-16 来源:某某县司法局</div>" + \
           "".join(f"<p>{line}</p>" for line in text(15).splitlines()) + "<div>分享到:</div></body></html>"
    (f / "sub" / "page.html").write_text(page, encoding="utf-8")
    write_pdf(f / "sub" / "report.pdf", text(16))
    write_docx(f / "sub" / "report.docx", text(17))
    (f / "empty.txt").write_bytes(b"")
    (f / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (f / "notes.xls").write_bytes(b"ignored: not a supported type, not collected from folders")
    return f


def test_every_format_is_indexed_and_searchable(folder):
    a = Assistant(load_settings())
    summary = a.ingest([folder])
    assert summary.count("indexed") == 7, summary.to_dict()
    assert {r.source for r in summary.failed} == {"empty.txt", "binary.txt"}
    rows = {r["source"]: r for r in a.reports()}
    assert rows["big5.txt"]["script"] == "traditional"
    assert rows["page.html"]["published"] == "2024-01-16"
    assert all(r["agency"] and r["agency"].startswith("某某") and r["year"] == 2023 for r in rows.values())
    page = a.index.report(rows["page.html"]["report_id"]).text
    assert "长者助手" not in page and "分享到" not in page
    for n, source in zip(range(11, 18), ["gbk.txt", "big5.txt", "utf16.txt", "bom.md", "page.html", "report.pdf", "report.docx"]):
        report_text = a.index.report(rows[source]["report_id"]).text
        assert f"{n}件" in report_text, source
    hits = a.search("辦理行政復議案件", k=10)
    assert {h["source"] for h in hits} >= {"big5.txt", "gbk.txt", "report.pdf"}
