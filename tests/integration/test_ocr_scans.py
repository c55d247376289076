"""Scanned reports end to end: rendered scans are read by the real recogniser, indexed, cited by page.

Kept to a few pages (OCR takes seconds a page on two cores): one two-page scan of a report made of
a sample report's own paragraphs, ingested once for the module; a rotated photo of one page; a
small mixed PDF; a folder of two small page images. The limits are checked in a child process so
its peak memory can be measured.
"""
from __future__ import annotations

import io
import re
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import scan_render  # noqa: E402

from assistant.service import Assistant  # noqa: E402
from assistant.web import scan_view  # noqa: E402
from index.config import load_settings  # noqa: E402
from index.errors import TooLarge  # noqa: E402
from index.loaders import load_bytes  # noqa: E402

pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(not any(Path(p).exists() for p in scan_render.FONT_PATHS),
                                 reason="needs the CJK font fonts-wqy-microhei (.ci/run installs it)")]

HUADU = ROOT / "data" / "reports" / "huadu-district-2023.txt"
HEADER = "内部资料注意保存"  # the running header on pages 2 and after
SEAL = "测试专用红色印章文字"  # the words on the seal's ring


def huadu_excerpt() -> str:
    """The sample report's title, its first body paragraphs and the paragraph on 学法用法示范户, signed:
    two pages."""
    lines = [line.strip() for line in HUADU.read_text(encoding="utf-8").splitlines() if line.strip()]
    title = next(line for line in lines if "法治政府建设情况的报告" in line)
    start = next(i for i, line in enumerate(lines) if line.startswith("2023年,花都区"))
    figures = next(line for line in lines if "学法用法示范户" in line)
    return "\n".join([title, *lines[start:start + 5], figures, "广州市花都区人民政府", "2024年1月4日"])


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    """The excerpt as a two-page image-only PDF, ingested into a home of its own; (service, report row)."""
    folder = tmp_path_factory.mktemp("scan")
    pdf = folder / "huadu-scan.pdf"
    pages = scan_render.render_pdf(huadu_excerpt(), pdf, scan_render.Style(header=HEADER, seal_text=SEAL))
    assert pages == 2 and scan_render.page_of(huadu_excerpt(), "培育认定71户学法用法示范户") == 2
    service = Assistant(load_settings({"home": str(folder / "home")}))
    summary = service.ingest([pdf])
    assert not summary.failed, summary.failed
    return service, service.reports()[0], pdf


def stored_text(service, row) -> str:
    return service.index.report(row["report_id"]).text


def test_agency_year_and_ocr_summary_are_read_from_the_scan(scanned):
    service, row, _ = scanned
    assert (row["agency"], row["year"]) == ("广州市花都区人民政府", 2023)
    assert row["ocr"]["pages"] == 2 and row["ocr"]["share"] == 1.0 and row["ocr"]["mean_conf"] > 0.9


def test_a_dev_question_is_answered_with_an_exact_quote_and_its_page(scanned):
    service, row, _ = scanned
    answer = service.ask("花都区培育认定了多少户学法用法示范户?").to_dict()
    assert answer["status"] == "answered" and "71" in answer["answer"]
    cited = [c for c in answer["citations"] if "71户" in c["quote"]]
    assert cited, answer
    text = stored_text(service, row)
    for c in cited:
        assert c["quote"] in text
        assert c["ocr"] is True and c["page"] == 2 and c["uncertain"] == []


def test_page_chrome_and_the_seal_are_not_in_the_body(scanned):
    service, row, _ = scanned
    text = stored_text(service, row)
    assert HEADER not in text and not re.search(r"[—-]\s*[12]\s*[—-]", text)
    assert not any(SEAL[i:i + 3] in text for i in range(len(SEAL) - 2))
    assert "2024年1月4日" in text  # the date under the seal is read


def test_the_viewer_gets_the_page_image_and_the_quote_boxes(scanned):
    service, row, _ = scanned
    answer = service.ask("花都区培育认定了多少户学法用法示范户?").to_dict()
    c = next(c for c in answer["citations"] if c["page"])
    view = service.page_view(c["report_id"], c["paragraph"], c["quote"])
    assert view["page"] == c["page"] and view["image"].is_file() and view["boxes"]
    x0, y0, x1, y1 = view["boxes"][0]
    assert 0 <= x0 < x1 <= view["width"] and 0 <= y0 < y1 <= view["height"]
    html = scan_view.page_html(view)
    assert 'src="data:image/jpeg;base64,' in html and html.count("<rect") == len(view["boxes"])
    assert f"第{c['page']}页" in html


def test_a_re_ingest_reuses_the_ocr_result(scanned, monkeypatch):
    import index.ocr.reader as reader

    service, row, pdf = scanned
    service.remove(row["report_id"])
    monkeypatch.setattr(reader, "recogniser", lambda options: pytest.fail("the cached pages were read again"))
    started = time.perf_counter()
    summary = service.ingest([pdf])
    assert summary.count("indexed") == 1 and time.perf_counter() - started < 20
    assert service.reports()[0]["agency"] == "广州市花都区人民政府"


def numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", text)


def test_a_photo_of_a_page_at_an_angle_reads_the_same_figures(tmp_path):
    page = scan_render.render_pages(huadu_excerpt(), scan_render.Style(skew=0, blur=0, seal=False))[1]
    straight = load_bytes(png(page), ".png").text
    photo = page.rotate(4, expand=True, fillcolor=(235, 235, 230))  # held at 4 degrees, a grey table around
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=85)
    tilted = load_bytes(buffer.getvalue(), ".jpg").text
    assert numbers(straight) and numbers(tilted) == numbers(straight)


def png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def small_page(lines: list[str]):
    return scan_render.render_pages("\n".join(lines), scan_render.Style(header="", seal=False))[0]


def test_a_mixed_pdf_reads_the_text_layer_and_ocrs_the_scanned_page():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595, 842))
    pdf.setFont("STSong-Light", 14)
    pdf.drawString(72, 760, "某县司法局关于2023年度法治政府建设情况的报告")
    pdf.drawString(72, 730, "全年办理行政复议案件15件。")
    pdf.showPage()
    pdf.drawImage(ImageReader(small_page(["全年开展普法宣传活动42场,覆盖群众3600人次。"])), 0, 0, 595, 842)
    pdf.showPage()
    pdf.save()
    loaded = load_bytes(buffer.getvalue(), ".pdf")
    assert "全年办理行政复议案件15件" in loaded.text and "42场" in loaded.text and "3600" in loaded.text
    sources = {p["n"]: p["source"] for p in loaded.scan.pages}
    assert sources == {1: "text", 2: "ocr"}


def test_a_folder_of_page_images_is_one_report_with_the_cli_flag(tmp_path):
    from assistant.cli.main import main

    folder = tmp_path / "某县扫描件"
    folder.mkdir()
    first = ["某县司法局关于2023年度法治政府建设情况的报告", "2023年,某县司法局全年办理行政复议案件15件。"]
    small_page(first).save(folder / "page1.png")
    small_page(["全年开展普法宣传活动42场。", "某县司法局", "2024年1月5日"]).save(folder / "page2.png")
    assert main(["ingest", str(folder), "--pages-as-one-report"]) == 0
    rows = Assistant(load_settings()).reports()
    assert [(r["source"], r["ocr"]["pages"]) for r in rows] == [("某县扫描件", 2)]


def run_refusal(tmp_path: Path, data: bytes, suffix: str) -> tuple[str, float, float]:
    """Load `data` in a child process: (its error line, seconds, peak RSS in MB)."""
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    # Peak memory from /proc (VmHWM): getrusage's ru_maxrss keeps the forking parent's peak across exec.
    code = ("import re, sys, time\nfrom index.loaders import load_file\nfrom index.errors import RolqaError\n"
            "t = time.perf_counter()\ntry:\n    load_file(sys.argv[1]); print('loaded')\n"
            "except RolqaError as exc:\n    print(type(exc).__name__, exc.message)\n"
            "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]\n"
            "print(time.perf_counter() - t, int(hwm) / 1024)")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=ROOT,
                         timeout=120).stdout.strip().splitlines()
    seconds, rss = (float(x) for x in out[-1].split())
    return out[-2], seconds, rss


def test_a_2000_page_scan_is_refused_in_seconds_with_little_memory(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(2000):
        writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    line, seconds, rss = run_refusal(tmp_path, buffer.getvalue(), ".pdf")
    assert line.startswith("TooLarge 扫描件有 2,000 页需要识别,超过上限")
    assert seconds < 10 and rss < 1024


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims width × height pixels and holds one compressed row (a decompression bomb's header)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * (width + 1))) \
        + chunk(b"IEND", b"")


def test_a_30000_by_30000_image_is_refused_in_seconds_with_little_memory(tmp_path):
    line, seconds, rss = run_refusal(tmp_path, png_header(30_000, 30_000), ".png")
    assert line.startswith("TooLarge ") and "解压炸弹" in line
    assert seconds < 10 and rss < 1024
    assert TooLarge.http_status == 413


def test_the_time_limit_stops_a_read_with_one_line(tmp_path):
    from index.ocr import ScanOptions

    page = png(small_page(["全年开展普法宣传活动42场。"]))
    with pytest.raises(TooLarge, match=r"^识别用时超过每份报告的上限 0 秒\(ocr_max_seconds\),已识别 0 页") as caught:
        load_bytes(page, ".png", ScanOptions(max_seconds=0, folder=tmp_path / "ocr"))
    assert "\n" not in caught.value.message and caught.value.http_status == 413
