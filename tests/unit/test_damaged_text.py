"""A text with a stray byte every 50 is a damaged text, read with its bad bytes replaced and a warning;
only binary data is called binary."""
from __future__ import annotations

import os

import pytest

from index.errors import UnsupportedFile
from index.loaders import load_bytes
from tests.conftest import REPORTS

pytestmark = pytest.mark.unit


def every_50(data: bytes) -> bytes:
    return b"".join(data[i:i + 50] + b"\xff" for i in range(0, len(data), 50))


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_stray_byte_every_50_bytes_is_read_with_a_warning(encoding):
    text = (REPORTS / "huadu-district-2023.txt").read_text(encoding="utf-8")
    loaded = load_bytes(every_50(text.encode(encoding)), ".txt")
    assert loaded.encoding == encoding and "广州市花都区人民政府" in loaded.text
    assert any("无法按" in w and "已替换为" in w for w in loaded.warnings)


def test_only_binary_data_is_called_binary():
    with pytest.raises(UnsupportedFile, match="二进制"):
        load_bytes(os.urandom(4000) + b"\x00" * 10, ".txt")
    with pytest.raises(UnsupportedFile, match="二进制"):
        load_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, ".txt")
