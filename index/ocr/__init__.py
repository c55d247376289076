"""Scanned reports: image-only PDF pages, photos and folders of page images read by OCR.

The stages, one module each: pages.py (the page images of a file, within the limits) →
prepare.py (the red seal taken out, the page straightened) → rapid.py (the recogniser: lines,
boxes, confidence per character) → layout.py (lines into paragraphs by the page's geometry;
headers, footers and page numbers dropped) → reader.py (which pages need OCR, the cache, the
time limit, progress) → a LoadedText whose `scan` keeps where each paragraph lies on its pages.
table.py stores that layout beside the report; spans.py finds a quote's page, boxes and
confidence in it, for citations. Heavy libraries (rapidocr, onnxruntime, pypdfium2, PIL) are
imported inside the function that uses them, never when this package is imported.
"""
from .pages import IMAGE_SUFFIXES, PAGES_SUFFIX
from .reader import ScanOptions, read_images, read_pdf

__all__ = ["IMAGE_SUFFIXES", "PAGES_SUFFIX", "ScanOptions", "read_images", "read_pdf"]
