"""A scan read into text: the pages to read, within the limits, cached, timed and reported page by page.

`read_pdf` takes a PDF's text layer page by page (from index.documents) and reads by OCR the pages
that have none; `read_images` reads image files and packed folders of page images. Both return a
LoadedText whose text is the layout's paragraphs, one per line, and whose `scan` keeps where each
paragraph lies on the pages (for citations) and the OCR share and confidence (for `rolqa reports`).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import TooLarge, UnsupportedFile
from ..model import LoadedText
from .cache import PageCache, cache_key
from .layout import lay_out
from .model import Line, Page, ScanLayout
from .pages import Limits, page_source
from .progress import Progress
from .rapid import RapidRecogniser

MIN_PAGE_TEXT = 10  # a PDF page whose text layer has fewer characters is read by OCR (chosen: a page number)
LOW_CONFIDENCE = 0.9  # a mean confidence below this is said in the report's warnings (chosen)


@dataclass(frozen=True)
class ScanOptions:
    """The limits and places of one read; `from_settings` takes them from rolqa's settings."""

    limits: Limits = field(default_factory=Limits)
    max_seconds: float = 1800.0
    threads: int = 0
    folder: Path | None = None  # $ROLQA_HOME/ocr: the page cache and the progress files; None keeps nothing
    source: str = ""

    @classmethod
    def from_settings(cls, settings, source: str = "") -> "ScanOptions":
        return cls(Limits(settings.ocr_max_pages, settings.ocr_max_pixels, settings.ocr_dpi),
                   settings.ocr_max_seconds, settings.ocr_threads, settings.ocr_path, source)


def recogniser(options: ScanOptions):
    """The recogniser (cheap to make: its models load once per process, on the first page it reads)."""
    return RapidRecogniser(options.threads)


def read_pdf(data: bytes, texts: list[str], options: ScanOptions | None = None) -> LoadedText:
    """A PDF whose pages `texts` (its text layer, page by page) lack text on some or all pages."""
    options = options or ScanOptions()
    pages = page_source(data, ".pdf", options.limits)
    given = {n: text for n, text in enumerate(texts, start=1) if len("".join(text.split())) >= MIN_PAGE_TEXT}
    return _read(data, pages, given, options, "pdf+ocr" if given else "ocr")


def read_images(data: bytes, suffix: str, options: ScanOptions | None = None) -> LoadedText:
    """An image file (a multi-page TIFF is several pages) or a packed folder of page images."""
    options = options or ScanOptions()
    pages = page_source(data, suffix, options.limits)
    return _read(data, pages, {}, options, "ocr")


def _read(data: bytes, source, given: dict[int, str], options: ScanOptions, encoding: str) -> LoadedText:
    """Every page of `source`: its text layer where `given` has it, else read by OCR."""
    need = [n for n in range(1, len(source) + 1) if n not in given]
    source.check(need)  # every limit before the first page is rendered
    cache = PageCache(options.folder, cache_key(data, options.limits.dpi, RapidRecogniser.name))
    progress = Progress(options.folder / "progress" if options.folder else None, options.source, len(need))
    started, pages = time.monotonic(), []
    try:
        for n in range(1, len(source) + 1):
            if n not in given:
                done = sum(p.source == "ocr" for p in pages)
                pages.append(cache.load(n) or _recognise(source, n, cache, started, options, done))
                progress.page(done + 1)
            else:
                pages.append(_text_page(n, given[n]))
    finally:
        progress.close()
    return _loaded(pages, cache.key if options.folder else None, encoding)


def _recognise(source, n: int, cache: PageCache, started: float, options: ScanOptions, done: int) -> Page:
    """Page `n` read by the recogniser (its models load on the first page not in the cache)."""
    if time.monotonic() - started >= options.max_seconds:
        raise TooLarge(f"识别用时超过每份报告的上限 {options.max_seconds:.0f} 秒(ocr_max_seconds),"
                       f"已识别 {done} 页;已识别的页面已缓存,调高上限后重新导入会接着识别")
    from .prepare import prepare, view_image

    array, straight = prepare(source.image(n))
    page = Page(n, straight.width, straight.height, "ocr", recogniser(options).read(array))
    cache.save(page, view_image(straight))
    return page


def _text_page(n: int, text: str) -> Page:
    return Page(n, 0, 0, "text", [Line(line) for line in text.splitlines() if line.strip()])


def _loaded(pages: list[Page], key: str | None, encoding: str) -> LoadedText:
    layout = ScanLayout(lay_out(pages), [{"n": p.n, "width": p.width, "height": p.height, "source": p.source}
                                         for p in pages], key)
    if not layout.text.strip():
        raise UnsupportedFile("扫描件中没有识别出文字(页面可能是空白的,或图像太模糊)")
    summary, warnings = layout.summary(), []
    if summary["mean_conf"] is not None and summary["mean_conf"] < LOW_CONFIDENCE:
        warnings.append(f"OCR 识别把握较低(平均置信度 {summary['mean_conf']:.0%}):数字请对照原页核实")
    return LoadedText(text=layout.text, encoding=encoding, warnings=warnings, scan=layout)
