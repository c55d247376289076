"""The .docx bombs that walked around the checks are refused by `rolqa ingest` in seconds under 1 GB:
a main part named `word/document.dat` (declared as XML in [Content_Types].xml) holding 190 MB of
<w:p/>, and 190 MB of XML with 21 M attributes; and the CLI ingest has the memory bound uploads have.
Real files, a real `rolqa ingest` in a subprocess whose peak memory is read from the kernel."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile

import pytest

from index.errors import TooLarge
from index.loaders import load_bytes
from tests.conftest import ROOT

pytestmark = pytest.mark.system

MB = 1024 * 1024
WORD = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def docx(main_name: str, body_unit: bytes, body_mb: int) -> bytes:
    """A package whose main part, `main_name`, is declared as Word's main document and holds `body_mb` MB
    of `body_unit` (a few hundred KB once compressed)."""
    types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             f'<Override PartName="/{main_name}" ContentType="{MAIN}"/></Types>')
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            f'officeDocument" Target="{main_name}"/></Relationships>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        with z.open(main_name, "w") as part:
            part.write(f"<w:document {WORD}><w:body>".encode())
            block = body_unit * (MB // len(body_unit))
            for _ in range(body_mb):
                part.write(block)
            part.write(b"</w:body></w:document>")
    return out.getvalue()


BOMBS = {
    "document.dat of empty paragraphs": lambda: docx("word/document.dat", b"<w:p/>", 190),
    "21 M attributes": lambda: docx("word/document.xml", b'<w:p w:a="1" w:b="2" w:c="3" w:d="4" w:e="5" w:f="6"/>', 190),
}


def ingest_measured(path, env: dict | None = None) -> tuple[subprocess.CompletedProcess, float, float]:
    """`rolqa ingest PATH` in a fresh process; (result, seconds, its peak resident memory in MB)."""
    # Its own VmHWM, not getrusage's RUSAGE_SELF: Linux keeps ru_maxrss across fork and exec, so a child
    # of a large pytest process would report its parent's size. Processes it starts count too.
    code = ("import re, resource, sys\nfrom assistant.cli import main\nrc = main(['ingest', sys.argv[1]])\n"
            "hwm = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n"
            "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
            "print('PEAK_KB', max(hwm, kids), file=sys.stderr)\nsys.exit(rc)")
    full = {**{k: v for k, v in os.environ.items() if not k.startswith("ROLQA_")}, "PYTHONPATH": str(ROOT),
            **(env or {})}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, env=full,
                          timeout=600, cwd=path.parent)
    peak = [int(line.split()[1]) / 1024 for line in done.stderr.splitlines() if line.startswith("PEAK_KB")]
    return done, time.monotonic() - started, peak[0] if peak else 0.0


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_a_docx_bomb_is_refused_in_seconds_under_a_gigabyte(tmp_path, name):
    bomb = BOMBS[name]()
    assert len(bomb) < 2 * MB
    with pytest.raises(TooLarge, match="压缩炸弹"):
        load_bytes(bomb, ".docx")
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb)
    done, seconds, peak_mb = ingest_measured(path, {"ROLQA_HOME": str(tmp_path / "home")})
    assert done.returncode == 1 and "压缩炸弹" in done.stdout, (done.stdout, done.stderr[-2000:])
    assert "Traceback" not in done.stderr
    assert peak_mb < 1024, peak_mb
    print(f"\n{name}: refused in {seconds:.1f} s, peak {peak_mb:.0f} MB")


def test_the_cli_ingest_has_the_memory_bound_of_uploads(tmp_path):
    """Past ingest_memory_mb the command stops, says why in one Chinese line, and exits 2, as an upload's
    job fails with TooLarge (the bound is set below what loading the embedding model takes)."""
    report = tmp_path / "yuquan-2023.txt"
    report.write_text("玉泉县司法局关于2023年度法治政府建设情况的报告\n\n全年共办理行政复议案件42宗。\n", encoding="utf-8")
    done, _, _ = ingest_measured(report, {"ROLQA_HOME": str(tmp_path / "home"), "ROLQA_INGEST_MEMORY_MB": "60"})
    assert done.returncode == 2, done.stderr[-2000:]
    said = [line for line in done.stderr.splitlines() if line.strip() and not line.startswith("PEAK_KB")]
    assert said[-1].startswith("错误:导入时内存超过上限") and "ingest_memory_mb" in said[-1]
    assert "Traceback" not in done.stderr
