"""The terminal's progress bars for long ingests (tqdm on stderr): one for files, one for a scan's pages.

Kept apart from main.py so the command definitions read without the drawing; tqdm is imported only
when a bar is drawn.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager


@contextmanager
def file_progress():
    """A tqdm bar on stderr for long ingests; yields the service's progress(done, total, name) callback."""
    from tqdm import tqdm

    bar = tqdm(total=0, unit="份", file=sys.stderr, disable=None, leave=False)

    def progress(done, total, name):
        bar.total = total
        bar.set_postfix_str(name[-40:])
        bar.update(done - bar.n)

    try:
        yield progress
    finally:
        bar.close()


@contextmanager
def page_progress():
    """A second tqdm bar for the pages of a scan being read by OCR (shown only while one is)."""
    from tqdm import tqdm

    bars: dict = {}

    def progress(done, total, name):
        bar = bars.get(name)
        if bar is None:
            bar = bars[name] = tqdm(total=total, unit="页", desc="OCR", file=sys.stderr, disable=None,
                                    leave=False, position=1)
        bar.set_postfix_str(name[-30:])
        bar.update(done - bar.n)
        if done >= total:
            bars.pop(name).close()

    try:
        yield progress
    finally:
        for bar in bars.values():
            bar.close()
