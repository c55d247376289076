"""The last step of answering: citations of scanned reports say their page, that OCR read them, and
which of their figures were read with low confidence.

Why after the answer is made: the routes cite paragraphs and quotes the same way for every report;
where a quote lies on a page image is a fact about the file, looked up once for the final citations
(index/ocr/spans.py) instead of in every route. An answer whose figure rests only on digits the
recogniser was unsure of keeps its answer but says so in a note, with the page to check against.
"""
from __future__ import annotations

from index.ocr import table as scan_table
from index.ocr.spans import locate

from .contract import Answer, uncertain_figures


def add_pages(answer: Answer, index) -> Answer:
    """Fill `page`, `ocr` and `uncertain` of the citations from scanned reports; note uncertain figures."""
    layouts: dict = {}
    low = index.settings.ocr_low_confidence
    for c in answer.citations:
        if c.report_id not in layouts:
            layouts[c.report_id] = scan_table.layout(index.catalog, c.report_id)
        layout = layouts[c.report_id]
        if layout is None:
            continue
        found = locate(layout, c.quote, scan_table.paragraph_text(index.catalog, c.report_id, c.paragraph), low)
        if found:
            c.page, c.ocr, c.uncertain = found.page, found.ocr, found.uncertain
    doubtful = uncertain_figures(answer)
    if doubtful:
        pages = "、".join(f"[{c.n}] 第{c.page}页" for c in answer.citations if c.uncertain)
        answer.notes.append(f"未经核实:{'、'.join(doubtful)} 是从扫描件中识别的,识别把握较低,请对照原页核对({pages})")
    return answer


def page_view(index, report_id: str, paragraph: int, quote: str) -> dict | None:
    """The page a scanned report's quote is on, for the viewer: {"page", "ocr", "width", "height",
    "image" (the stored page image's path, or None), "boxes" [(x0, y0, x1, y1)] on that page}; None
    for a report read from text or a quote not found on its pages."""
    from index.ocr.cache import page_image

    layout = scan_table.layout(index.catalog, report_id)
    found = layout and locate(layout, quote, scan_table.paragraph_text(index.catalog, report_id, paragraph),
                              index.settings.ocr_low_confidence)
    if not found:
        return None
    size = next((p for p in layout.pages if p["n"] == found.page), {})
    return {"page": found.page, "ocr": found.ocr, "width": size.get("width"), "height": size.get("height"),
            "image": page_image(index.settings.ocr_path, layout.cache_key, found.page) if found.ocr else None,
            "boxes": [box[1:] for box in found.boxes if box[0] == found.page], "uncertain": found.uncertain}
