"""normalize / detect_script / tokenize / char_bigrams, by hand and over the sample reports."""
from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from index import normalize as normalize_module
from index.normalize import char_bigrams, detect_script, normalize, tokenize

REPORTS = sorted((Path(__file__).resolve().parents[2] / "data" / "reports").glob("*.txt"))
TRADITIONAL = "district-chengguan-yaodian-2022.txt"


def test_samples_present():
    assert len(REPORTS) == 5


def test_traditional_to_simplified():
    assert normalize("區城管依法行政要點") == "区城管依法行政要点"
    assert normalize("行政機關負責人出庭率") == "行政机关负责人出庭率"


def test_width_folding_and_lowercase():
    assert normalize("（一）ＡＢＣ１２３％　，：") == "(一)abc123% ,:"
    assert normalize("BM25 Chroma") == "bm25 chroma"
    assert normalize("") == ""


def test_simplified_text_unchanged():
    text = "新收行政一审案件共5宗,行政机关负责人出庭率达100%。"
    assert normalize(text) == text


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_length_preserved_on_reports(path):
    text = path.read_text(encoding="utf-8")
    out = normalize(text)
    assert len(out) == len(text)
    for original, folded in zip(text, out):
        if original in "\n\r\t":
            assert folded == original  # line structure kept in place
        if original.isascii() and not original.isalpha():
            assert folded == original


def test_length_preserved_on_random_text():
    """Many random mixes of traditional, simplified, fullwidth, ASCII, emoji, combining marks."""
    alphabet = ("區點時間導語來網後發體臺灣乾隆著於瞭髮麵隻個們這說"
                "区点时间新收案件的了和" "ＡＢＣａｂｃ１２３（）％，。　" "ABCxyz019 .,;:%\n\t"
                "😀𠀀\u0301\u200bİﬁ①㈠")
    rng = random.Random(20240109)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert len(normalize(text)) == len(text), text


def test_offsets_map_back_to_original():
    """What the answerer does: find in the normalised form, quote the original."""
    original = "導語:行政機關負責人出庭率達１００％。"
    needle = "负责人出庭率达100%"
    start = normalize(original).index(needle)
    assert original[start:start + len(needle)] == "負責人出庭率達１００％"


def test_length_changing_conversion_falls_back_per_character(monkeypatch):
    class Lengthening:
        def convert(self, text):
            return text.replace("後來", "后来了") if len(text) > 1 else {"後": "后"}.get(text, text)

    monkeypatch.setattr(normalize_module, "_t2s", lambda: Lengthening())
    assert normalize("後來\n後來") == "后來\n后來"


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_detect_script_on_reports(path):
    expected = "traditional" if path.name == TRADITIONAL else "simplified"
    assert detect_script(path.read_text(encoding="utf-8")) == expected


def test_detect_script_edge_cases():
    assert detect_script("") == "simplified"
    assert detect_script("2024-01-09 abc") == "simplified"
    assert detect_script("加強憲法宣傳教育") == "traditional"
    assert detect_script("加强宪法宣传教育") == "simplified"


def test_tokenize_keeps_numbers_and_drops_punctuation():
    tokens = tokenize("新收行政一审案件共5宗,行政机关负责人出庭率达100%。12345热线受理66876件")
    assert "100%" in tokens and "5" in tokens and "66876" in tokens and "12345" in tokens
    assert "出庭" in tokens and "案件" in tokens
    assert not any(tok in {",", "。", " "} for tok in tokens)


def test_tokenize_search_mode_adds_inner_words():
    tokens = tokenize("12名执法人员通过考试")
    assert {"执法人员", "执法", "人员"} <= set(tokens)


def test_tokenize_drops_stop_words_and_is_script_blind():
    assert not set(tokenize("行政复议的案件和诉讼是在对")) & normalize_module.STOP_WORDS
    assert tokenize("行政機關負責人出庭率") == tokenize("行政机关负责人出庭率")
    assert tokenize("") == [] and tokenize(" ，。") == []


def test_char_bigrams():
    assert char_bigrams("出庭率达１００％,12345热线ABC 是") == [
        "出庭", "庭率", "率达", "100%", "12345", "热线", "abc", "是"]
    assert char_bigrams("導語") == ["导语"]
    assert char_bigrams("") == []


def test_whole_corpus_is_fast():
    corpus = "\n".join(path.read_text(encoding="utf-8") for path in REPORTS) * 3
    tokenize("预热")  # jieba's one-off dictionary load is not what we time
    started = time.perf_counter()
    tokens = tokenize(corpus)
    grams = char_bigrams(corpus)
    assert time.perf_counter() - started < 2.0
    assert len(tokens) > 10_000 and len(grams) > 10_000


def test_jieba_cache_is_loaded_from_bytes_as_jieba_would_load_it(tmp_path, monkeypatch):
    """rolqa reads jieba's prefix-dictionary cache itself (jieba's file reads are slow); the result is
    the dictionary jieba builds, and a missing or broken cache is left to jieba's own initialize()."""
    import tempfile

    import jieba

    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    empty = jieba.Tokenizer()
    normalize_module.load_jieba_cache(empty)
    assert not empty.initialized  # no cache yet
    (tmp_path / "jieba.cache").write_bytes(b"not marshal data")
    normalize_module.load_jieba_cache(empty)
    assert not empty.initialized
    (tmp_path / "jieba.cache").unlink()
    built = jieba.Tokenizer()
    built.initialize()  # builds the dictionary and writes tmp_path/jieba.cache
    loaded = jieba.Tokenizer()
    normalize_module.load_jieba_cache(loaded)
    assert loaded.initialized and loaded.FREQ == built.FREQ and loaded.total == built.total
    assert loaded.lcut("增城区办理行政复议案件") == built.lcut("增城区办理行政复议案件")
