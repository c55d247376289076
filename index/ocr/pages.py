"""The page images of a file: PDF pages rendered by pdfium, image files, a folder of page images.

Every size is checked before anything is decoded or rendered: a 30,000 × 30,000 PNG is a few
hundred kilobytes on disk and 2.7 GB in memory, a PDF page can claim to be 200 inches wide, and a
PDF or TIFF can hold thousands of pages. Each limit refuses the file with one Chinese line (TooLarge,
a 413 in the API) within seconds and without the memory the page would take.
"""
from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from ..errors import TooLarge, UnsupportedFile

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
PAGES_SUFFIX = ".pages"  # a folder of page images packed into one input (pack_folder)
_MAGIC = b"ROLQA-PAGES/1\n"


@dataclass(frozen=True)
class Limits:
    max_pages: int = 100
    max_pixels: int = 120_000_000
    dpi: int = 150

    def check_count(self, pages: int) -> None:
        if pages > self.max_pages:
            raise TooLarge(f"扫描件有 {pages:,} 页需要识别,超过上限 {self.max_pages} 页(ocr_max_pages);请拆分后再导入")

    def check_pixels(self, n: int, width: float, height: float) -> None:
        if width * height > self.max_pixels:
            raise TooLarge(f"第 {n} 页图像有 {int(width):,}×{int(height):,} 像素,超过每页上限 "
                           f"{self.max_pixels:,} 像素(ocr_max_pixels):可能是解压炸弹,已拒绝")


class PdfPages:
    """A PDF's pages as images, rendered at `limits.dpi` (pypdfium2: no system dependency)."""

    def __init__(self, data: bytes, limits: Limits):
        import pypdfium2 as pdfium

        try:
            self.pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            raise UnsupportedFile("PDF 文件已损坏,无法读取") from None
        self.limits, self.scale = limits, limits.dpi / 72

    def __len__(self) -> int:
        return len(self.pdf)

    def check(self, numbers: list[int]) -> None:
        """Refuse before rendering: too many pages to read, or a page too large to render."""
        self.limits.check_count(len(numbers))
        for n in numbers:
            width, height = self.pdf[n - 1].get_size()
            self.limits.check_pixels(n, width * self.scale, height * self.scale)

    def image(self, n: int):
        return self.pdf[n - 1].render(scale=self.scale, grayscale=False).to_pil()


class ImagePages:
    """Image files as pages: one file (a multi-page TIFF gives several) or a packed folder of them."""

    def __init__(self, files: list[tuple[str, bytes]], limits: Limits):
        self.limits, self.frames = limits, []
        for name, data in files:
            count = _frame_count(name, data)
            limits.check_count(len(self.frames) + count)
            self.frames += [(name, data, i) for i in range(count)]
        if not self.frames:
            raise UnsupportedFile("文件夹中没有图片(支持 " + " ".join(IMAGE_SUFFIXES) + ")")

    def __len__(self) -> int:
        return len(self.frames)

    def check(self, numbers: list[int]) -> None:
        self.limits.check_count(len(numbers))
        for n in numbers:
            with _opened(*self.frames[n - 1]) as image:
                self.limits.check_pixels(n, *image.size)

    def image(self, n: int):
        """Frame `n`, upright as its camera meant (a phone stores a portrait photo turned, with a tag saying so)."""
        from PIL import ImageOps

        from .prepare import WORK_LONG_SIDE

        with _opened(*self.frames[n - 1]) as image:
            if image.format == "JPEG":  # decoded at a reduced scale when large: less memory and time
                image.draft("RGB", (WORK_LONG_SIDE, WORK_LONG_SIDE))
            return ImageOps.exif_transpose(image).convert("RGB")


class _opened:
    """One frame of an image file, opened lazily (the header is read; no pixels are decoded)."""

    def __init__(self, name: str, data: bytes, frame: int):
        self.name, self.data, self.frame = name, data, frame

    def __enter__(self):
        from PIL import Image

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                self.image = Image.open(io.BytesIO(self.data))
                self.image.seek(self.frame)
        except Image.DecompressionBombError:
            raise TooLarge(f"图片 {self.name} 的像素数远超上限:可能是解压炸弹,已拒绝") from None
        except (OSError, ValueError, EOFError, SyntaxError):
            raise UnsupportedFile(f"图片 {self.name} 已损坏或不是支持的图片格式") from None
        return self.image

    def __exit__(self, *exc):
        self.image.close()


def _frame_count(name: str, data: bytes) -> int:
    with _opened(name, data, 0) as image:
        return getattr(image, "n_frames", 1)


def page_source(data: bytes, suffix: str, limits: Limits):
    """The pages of a PDF, an image file or a packed folder."""
    suffix = suffix.lower()
    if suffix == ".pdf":
        return PdfPages(data, limits)
    if suffix == PAGES_SUFFIX:
        return ImagePages(unpack_folder(data), limits)
    return ImagePages([(f"图片{suffix}", data)], limits)


def _natural(name: str) -> list:
    """Name order as people number pages: page2 before page10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name.lower())]


def folder_images(folder: Path) -> list[Path]:
    return sorted((p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES
                   and not p.name.startswith(".")), key=lambda p: _natural(p.name))


def pack_folder(folder: Path) -> bytes:
    """A folder's page images, in name order, as one input (its content hash covers every page)."""
    parts = [_MAGIC]
    for path in folder_images(folder):
        name, data = path.name.encode("utf-8"), path.read_bytes()
        parts += [f"{len(name)} {len(data)}\n".encode(), name, data]
    return b"".join(parts)


def unpack_folder(data: bytes) -> list[tuple[str, bytes]]:
    if not data.startswith(_MAGIC):
        raise UnsupportedFile("不是打包的页面图片")
    files, at = [], len(_MAGIC)
    while at < len(data):
        end = data.index(b"\n", at)
        name_len, size = (int(x) for x in data[at:end].split())
        at = end + 1 + name_len + size
        files.append((data[end + 1:end + 1 + name_len].decode("utf-8"), data[end + 1 + name_len:at]))
    return files
