"""A tab's folder for download files (CSV, Excel): made on the first download, removed with the tab.

Every page built (one per test, say) used to leave an empty folder in /tmp; the
folder is made lazily and removed when its owner is collected or the process exits.
"""
from __future__ import annotations

import shutil
import tempfile
import weakref
from pathlib import Path


class ExportFolder:
    def __init__(self, prefix: str):
        self.prefix = prefix
        self._path: Path | None = None

    @property
    def path(self) -> Path:
        if self._path is None:
            self._path = Path(tempfile.mkdtemp(prefix=self.prefix))
            weakref.finalize(self, shutil.rmtree, self._path, ignore_errors=True)
        return self._path
