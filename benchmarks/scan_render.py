"""Render a text report as a scanned paper report: the OCR benchmark's and tests' input.

Why a renderer of our own: the held-out check scans reports we have not seen, so the
benchmark needs scans whose original text is known exactly. Each page looks like a
printed government report run through an office scanner: A4 at 150 dpi, a CJK font
(WenQuanYi Micro Hei, Debian's fonts-wqy-microhei), titles centred, paragraphs with a
two-character first-line indent, a running header and a page number ("— 3 —"), the
agency's red seal over the signature on the last page, then a slight skew, a slight
blur and JPEG compression, as scanners save pages.

    python benchmarks/scan_render.py data/reports/huadu-district-2023.txt out.pdf
"""
from __future__ import annotations

import math
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

FONT_PATHS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc")
DPI = 150
PAGE = (1240, 1754)  # A4 at 150 dpi
MARGIN = (150, 170, 150, 170)  # left, top, right, bottom (about 2.5–2.9 cm)
BODY_PX, TITLE_PX, SMALL_PX = 30, 40, 22  # about 14.5 pt body, 19 pt title, 10.5 pt header and footer
PITCH = 1.75  # line pitch as a multiple of the font size
RED = (215, 30, 35)
_END = "。！？；!?;:："


def font(size: int) -> ImageFont.FreeTypeFont:
    for path in FONT_PATHS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    raise SystemExit("需要中文字体 fonts-wqy-microhei(apt-get install fonts-wqy-microhei)")


@dataclass
class Style:
    header: str = "法治政府建设年度报告"  # running header from page 2 on; "" for none
    skew: float = 0.6  # degrees; the sign alternates per page
    blur: float = 0.7  # Gaussian radius in pixels
    seal: bool = True
    seal_text: str | None = None  # the words along the seal's ring; default the signing agency
    jpeg_quality: int = 75
    seed: int = 7


def blocks(text: str) -> list[tuple[str, str]]:
    """(kind, text) per non-empty line: title (short, no end mark, before the first paragraph),
    sign (short lines after the last paragraph: the signature and its date) or para."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    prose = [i for i, line in enumerate(lines) if len(line) > 40 or line[-1] in _END]
    first, last = (prose[0], prose[-1]) if prose else (len(lines), len(lines))
    kinds = []
    for i, line in enumerate(lines):
        if i < first and len(line) <= 40:
            kinds.append(("title", line))
        elif i > last and len(line) <= 30:
            kinds.append(("sign", line))
        else:
            kinds.append(("para", line))
    return kinds


def wrap(line: str, face: ImageFont.FreeTypeFont, width: int, indent: int) -> list[str]:
    """Lines of at most `width` pixels, the first indented by `indent` pixels."""
    rows, row = [], ""
    for ch in line:
        limit = width - (indent if not rows else 0)
        if row and face.getlength(row + ch) > limit:
            rows.append(row)
            row = ""
        row += ch
    return rows + [row] if row else rows


class Typesetter:
    """Places blocks on A4 pages; each page is a list of (x, y, text, size, colour) draws."""

    def __init__(self, style: Style):
        self.style, self.pages, self.y = style, [[]], MARGIN[1]
        self.width = PAGE[0] - MARGIN[0] - MARGIN[2]

    def _room(self, height: float) -> None:
        if self.y + height > PAGE[1] - MARGIN[3]:
            self.pages.append([])
            self.y = MARGIN[1]

    def put(self, kind: str, text: str) -> None:
        size = TITLE_PX if kind == "title" else BODY_PX
        face = font(size)
        indent = 2 * size if kind == "para" else 0
        for i, row in enumerate(wrap(text, face, self.width, indent)):
            self._room(size * PITCH)
            length = face.getlength(row)
            x = {"title": MARGIN[0] + (self.width - length) / 2, "sign": PAGE[0] - MARGIN[2] - length - 2 * size}.get(
                kind, MARGIN[0] + (indent if i == 0 else 0))
            self.pages[-1].append((x, self.y, row, size, (0, 0, 0)))
            self.y += size * PITCH
        if kind == "title":
            self.y += size * 0.5


def draw_seal(draw: ImageDraw.ImageDraw, centre: tuple[float, float], name: str) -> None:
    """A round red seal: a ring, a star and the agency's name along the upper arc."""
    cx, cy = centre
    r = 120
    for w in range(5):
        draw.ellipse((cx - r + w, cy - r + w, cx + r - w, cy + r - w), outline=RED)
    star = [(cx + 34 * math.cos(math.radians(-90 + k * 36)) * (1 if k % 2 == 0 else 0.4),
             cy + 34 * math.sin(math.radians(-90 + k * 36)) * (1 if k % 2 == 0 else 0.4)) for k in range(10)]
    draw.polygon(star, fill=RED)
    face = font(26)
    chars = name[:16]
    span = 220
    for k, ch in enumerate(chars):
        angle = math.radians(-90 - span / 2 + span * (k + 0.5) / len(chars))
        x, y = cx + (r - 32) * math.cos(angle), cy + (r - 32) * math.sin(angle)
        glyph = Image.new("L", (30, 30), 0)
        ImageDraw.Draw(glyph).text((2, 0), ch, font=face, fill=255)
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.BICUBIC)
        draw.bitmap((x - 15, y - 15), glyph, fill=RED)


def paint(page: list, number: int, total: int, style: Style, seal_name: str | None) -> Image.Image:
    image = Image.new("RGB", PAGE, "white")
    draw = ImageDraw.Draw(image)
    for x, y, text, size, colour in page:
        draw.text((x, y), text, font=font(size), fill=colour)
    small = font(SMALL_PX)
    if style.header and number > 1:
        length = small.getlength(style.header)
        draw.text((PAGE[0] - MARGIN[2] - length, MARGIN[1] - 70), style.header, font=small, fill=(60, 60, 60))
        draw.line((MARGIN[0], MARGIN[1] - 38, PAGE[0] - MARGIN[2], MARGIN[1] - 38), fill=(60, 60, 60), width=2)
    folio = f"— {number} —"
    draw.text(((PAGE[0] - small.getlength(folio)) / 2, PAGE[1] - MARGIN[3] + 70), folio, font=small, fill=(0, 0, 0))
    if seal_name and style.seal:  # stamped ink: the page shows through it (multiply), as on paper
        signs = [d for d in page if d[3] == BODY_PX and d[0] > PAGE[0] / 2]
        anchor = signs[0] if signs else page[-1]
        seal = Image.new("RGB", PAGE, "white")
        draw_seal(ImageDraw.Draw(seal), (PAGE[0] - MARGIN[2] - 200, anchor[1] + 30), seal_name)
        image = ImageChops.multiply(image, seal)
    return image


def scan(image: Image.Image, number: int, style: Style) -> Image.Image:
    """What the scanner does to a page: a slight skew, a slight blur."""
    rng = random.Random(style.seed * 1000 + number)
    angle = style.skew * (1 if number % 2 else -1) * (0.7 + 0.6 * rng.random())
    image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor="white")
    return image.filter(ImageFilter.GaussianBlur(style.blur)) if style.blur else image


def seal_name(kinds: list[tuple[str, str]]) -> str | None:
    """The signature line that names an organisation, else the first title line."""
    names = [t for k, t in kinds if k == "sign" and not re.search(r"\d", t)]
    names += [t for k, t in kinds if k == "title"]
    return names[0][:16] if names else None


def render_pages(text: str, style: Style | None = None) -> list[Image.Image]:
    """The scanned pages of a report's text."""
    style = style or Style()
    setter = Typesetter(style)
    kinds = blocks(text)
    for kind, line in kinds:
        setter.put(kind, line)
    total = len(setter.pages)
    name = style.seal_text or seal_name(kinds)
    return [scan(paint(page, i + 1, total, style, name if i + 1 == total else None), i + 1, style)
            for i, page in enumerate(setter.pages)]


def page_of(text: str, needle: str, style: Style | None = None) -> int | None:
    """The page (from 1) on which `needle` is printed when `text` is rendered; None if it is not on one page."""
    setter = Typesetter(style or Style())
    for kind, line in blocks(text):
        setter.put(kind, line)
    return next((i + 1 for i, page in enumerate(setter.pages) if needle in "".join(d[2] for d in page)), None)


def save_pdf(pages: list[Image.Image], path: Path, quality: int = 75) -> list[Image.Image]:
    """An image-only PDF of `pages` at `path`: one JPEG per page at 150 dpi, no text layer."""
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=DPI, quality=quality)
    return pages


def render_pdf(text: str, path: Path, style: Style | None = None) -> int:
    """Render `text` as an image-only PDF at `path`; returns its page count."""
    style = style or Style()
    pages = render_pages(text, style)
    save_pdf(pages, Path(path), style.jpeg_quality)
    return len(pages)


if __name__ == "__main__":
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    print(render_pdf(source.read_text(encoding="utf-8"), target), "pages")
