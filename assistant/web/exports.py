"""Downloads of table-shaped data (the indicator table, the review): one path for the API and the page.

The API answers `GET /api/<table>.csv|.xlsx` with `download`; a page tab writes the same bytes into
its `ExportFolder` for a download button. Which columns and sheets a table has is the table module's
business (`assistant.table_export.Export`), as is making every cell safe to open in Excel.
"""
from __future__ import annotations

import hashlib
import shutil
import tempfile
import weakref
from pathlib import Path
from fastapi.responses import Response

from ..table_export import XLSX_TYPE, Export

FORMATS = {"csv": "CSV (UTF-8 with BOM, so Excel reads the Chinese text)", "xlsx": "an Excel workbook"}
FILE_RESPONSES = {200: {"content": {"text/csv": {}, XLSX_TYPE: {}},
                        "description": "CSV (UTF-8 with BOM, header row) or an Excel workbook"}}


def file_bytes(export: Export, rows: list[dict], fmt: str) -> tuple[bytes, str]:
    """(body, media type) of the rows as `fmt`."""
    if fmt == "csv":
        return export.csv(rows).encode("utf-8"), "text/csv; charset=utf-8"
    return export.xlsx(rows), XLSX_TYPE


def download(export: Export, rows: list[dict], fmt: str) -> Response:
    body, media = file_bytes(export, rows, fmt)
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{export.name}.{fmt}"'})


class ExportFolder:
    """A tab's folder for download files: made on the first download, removed with the tab (every page
    built, one per test say, used to leave an empty folder in /tmp). Each file goes into a folder named
    after its content, so two people with different filters never overwrite each other's file."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self._path: Path | None = None

    @property
    def path(self) -> Path:
        if self._path is None:
            self._path = Path(tempfile.mkdtemp(prefix=self.prefix))
            weakref.finalize(self, shutil.rmtree, self._path, ignore_errors=True)
        return self._path

    def file(self, export: Export, rows: list[dict], fmt: str) -> Path:
        """The rows as `<label>.<fmt>` in this folder (for a gr.DownloadButton)."""
        body, _ = file_bytes(export, rows, fmt)
        folder = self.path / hashlib.sha256(body).hexdigest()[:16]
        folder.mkdir(exist_ok=True)
        path = folder / f"{export.label}.{fmt}"
        path.write_bytes(body)
        return path
