"""The recogniser adapter: RapidOCR, PaddleOCR's PP-OCRv4 detection and recognition models as ONNX,
run by onnxruntime on the CPU. The models ship inside the rapidocr-onnxruntime wheel, so nothing is
downloaded. Another engine would be another module with the same `read(image) -> list[Line]`.

Speed (a 150 dpi A4 page of about 28 lines, CPU seconds on this machine): detection ~1.2 s, recognition
~5 s, which grows with the characters on the page; about 3.5 s a page of wall time when both cores are
free (bench_ocr.py: 17 pages a minute). Measured and left at the library's choices: detection runs on
the page as rendered (this version sizes its input itself, whatever limit is passed), recognition in
batches of 6 lines (batches of 1-3 read the same text at the same cost within this machine's noise;
12 and 30 cost 1.4-2.5 times as much). The angle classifier is not run: pages are straightened
before (prepare.py), and a page upside down is not a report scan.
"""
from __future__ import annotations

import functools
import os

from .model import Line

MIN_LINE_SCORE = 0.5  # RapidOCR's own default: a line read with less is dropped as noise (chosen)


@functools.lru_cache(maxsize=2)
def _engine(threads: int):
    import logging

    from rapidocr_onnxruntime import RapidOCR

    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    logging.getLogger("OrtInferSession").setLevel(logging.ERROR)
    return RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1, use_cls=False, text_score=MIN_LINE_SCORE)


class RapidRecogniser:
    """Reads the lines of one page image (a numpy array, height × width × 3, BGR)."""

    name = "rapidocr-ppocrv4"

    def __init__(self, threads: int = 0):
        self.threads = min(threads or os.cpu_count() or 1, os.cpu_count() or 1)

    def read(self, image) -> list[Line]:
        result, _ = _engine(self.threads)(image, use_cls=False, return_word_box=True, text_score=MIN_LINE_SCORE)
        return [line for row in result or () if (line := _line(row)) is not None]


def _line(row) -> Line | None:
    """RapidOCR's [quad, text, score, word boxes, words, char confidences] as a Line: the quad's
    bounds, and each character's x extent (a word's box is shared evenly by its characters)."""
    quad, text, _score, word_boxes, words, conf = row[:6]
    if not text.strip() or "".join(words) != text or len(conf) != len(text):
        return None
    xs = [int(p[0]) for p in quad]
    ys = [int(p[1]) for p in quad]
    spans = []
    for word, box in zip(words, word_boxes):
        left, right = min(p[0] for p in box), max(p[0] for p in box)
        step = (right - left) / max(len(word), 1)
        spans += [(int(left + i * step), int(left + (i + 1) * step)) for i in range(len(word))]
    return Line(text, (min(xs), min(ys), max(xs), max(ys)), [float(c) for c in conf], spans)
