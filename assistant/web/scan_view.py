"""A scanned report's page beside a citation: the page image with the quote's boxes drawn over it.

The image is the straightened page kept in the OCR cache (index/ocr/cache.py), inlined as a data
URI so the viewer needs no route of its own; the boxes are an SVG over it in the page's pixels.
Nothing from the report goes into the markup unescaped.
"""
from __future__ import annotations

import base64

from .webview import e


def page_html(view: dict | None) -> str:
    """The page and the quote's boxes, or a line saying which page (and that OCR read it) when the image
    is no longer kept; empty for a report read from text."""
    if not view:
        return ""
    label = f"第{view['page']}页" + ("(扫描件,OCR 识别;框出的是所引原文)" if view["ocr"] else "(文字层)")
    if view.get("uncertain"):
        label += f";识别把握低的数字:{'、'.join(view['uncertain'])},请对照图片核对"
    if not view.get("image") or not view.get("width"):
        return f'<div class="rq-scan"><div class="rq-section">{e(label)}</div></div>'
    data = base64.b64encode(view["image"].read_bytes()).decode("ascii")
    w, h = int(view["width"]), int(view["height"])
    rects = "".join(f'<rect x="{x0 - 4}" y="{y0 - 4}" width="{x1 - x0 + 8}" height="{y1 - y0 + 8}" '
                    'fill="rgba(255,210,0,0.28)" stroke="#d97706" stroke-width="3"/>'
                    for x0, y0, x1, y1 in view["boxes"])
    return (f'<div class="rq-scan"><div class="rq-section">{e(label)}</div>'
            f'<div style="position:relative;width:100%"><img src="data:image/jpeg;base64,{data}" alt="{e(label)}" '
            f'style="width:100%;display:block"><svg viewBox="0 0 {w} {h}" preserveAspectRatio="none" '
            f'style="position:absolute;left:0;top:0;width:100%;height:100%">{rects}</svg></div></div>')
