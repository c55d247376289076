"""index.mojibake: garbled spans made the way real pipelines make them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from index.charstats import implausibility
from index.mojibake import repair_mojibake

REPORTS = Path(__file__).resolve().parents[2] / "data" / "reports"
NARROW = {c + 0xFEE0: c for c in range(0x21, 0x7F)}  # what site width-normalisers do
BEFORE, AFTER = "三、大力加强行政执法规范化建设\n5.严格落实制度。", "加强城市管理。\n"
SENTENCES = [
    "推动法治政府建设各项工作落实到位",
    "杭州市综合行政执法行政处罚裁量权实施规定",
    "广州市花都区突发事件总体应急预案",
    "加強城市管理行政執法規範化建設",
    "樹立良好的城市管理行政執法隊伍形象",
]


def shifted_lossless(sentence: str) -> str:
    """GBK bytes decoded one byte late by a lossless decoder (GB18030, like browsers)."""
    return sentence.encode("gbk")[1:].decode("gb18030", "replace").translate(NARROW)


def shifted_lossy(sentence: str) -> str:
    """The same, after a later step dropped what GBK leaves undefined (the sample's case)."""
    garbled = sentence.encode("gbk")[1:].decode("gb18030", "replace")
    return "".join(ch for ch in garbled if ch.encode("gbk", "ignore")).translate(NARROW)


def in_context(garbled: str) -> str:
    return f"{BEFORE}?{garbled}?{AFTER}"


def middle(text: str) -> str:
    assert text.startswith(BEFORE) and text.endswith(AFTER), "repair touched the clean text"
    return text[len(BEFORE):-len(AFTER)]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_lossless_shift_is_repaired_exactly(sentence):
    garbled = shifted_lossless(sentence)
    assert re.search(r"[\ue000-\uf8ff\u3400-\u4dbf]", garbled), "test needs a lossless marker"
    text, warnings = repair_mojibake(in_context(garbled))
    repaired = middle(text)
    assert repaired in sentence and len(repaired) >= len(sentence) - 2
    assert warnings == [f"第 2 行:修复了一段乱码(GBK 错位一个字节):{repaired[:16]}"
                        + ("…" if len(repaired) > 16 else "")]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_lossy_shift_is_removed_not_guessed(sentence):
    garbled = shifted_lossy(sentence)
    text, warnings = repair_mojibake(in_context(garbled))
    assert len(warnings) == 1 and warnings[0].startswith("第 2 行:删除了 ")
    assert middle(text) == ""


def test_sample_garbled_span_is_the_only_finding():
    findings = {}
    for path in sorted(REPORTS.glob("*.txt")):
        original = path.read_text(encoding="utf-8")
        text, warnings = repair_mojibake(original)
        findings[path.name] = warnings
        if not warnings:
            assert text == original
    yaodian = "district-chengguan-yaodian-2022.txt"
    assert {name: w for name, w in findings.items() if w} == {yaodian: findings[yaodian]}
    [warning] = findings[yaodian]
    assert warning.startswith("第 11 行:删除了 30 个乱码字符:?!妒〕鞘泄芾硇")


def test_sample_span_removal_keeps_the_surrounding_text():
    original = (REPORTS / "district-chengguan-yaodian-2022.txt").read_text(encoding="utf-8")
    text, _ = repair_mojibake(original)
    assert "5.嚴格落實《省城市管理行政執法規范》(試行),加強城市管理行政執法規范化建設" in text
    assert not re.search("[妒鞘泄芾硇谭ㄒ幏罚囆┦徊恳]", text.split("\n")[10])
    assert original.replace("?!妒〕鞘泄芾硇姓谭ㄒ幏丁罚ㄔ囆校┦且徊恳幏冻鞘泄芾硇姓谭?", "") == text


def test_lossy_garble_of_the_sample_sentence_is_not_turned_into_wrong_chinese():
    # The sample's bytes lost 政執 (FE 88 is undefined in GBK); a naive shift gives 行仗法.
    sentence = "。《省城市管理行政執法規范》（試行）是一部規范城市管理行政執法"
    text, warnings = repair_mojibake(in_context(shifted_lossy(sentence)))
    assert "仗" not in text and "删除了" in warnings[0]


def test_big5_read_as_gbk_is_repaired():
    sentence = "加強城市管理行政執法規範化建設"
    garbled = sentence.encode("big5").decode("gb18030", "replace")
    text, warnings = repair_mojibake(in_context(garbled))
    assert middle(text) == sentence
    assert warnings == ["第 2 行:修复了一段乱码(Big5 误按 GBK 解码):加強城市管理行政執法規範化建設"]


def test_utf8_read_as_gbk_is_repaired():
    sentence = "二是加快推进社会信用体系建设，全面提升行政执法水平"
    garbled = sentence.encode("utf-8").decode("gb18030", "replace")
    text, warnings = repair_mojibake(f"正文：{garbled}。\n")
    assert text.startswith("正文：二是加快推进社会信用体系建设，全面提升行政执法") and text.endswith("。\n")
    assert warnings[0].startswith("第 1 行:修复了一段乱码(UTF-8 误按 GBK 解码)")


def test_utf8_read_as_latin1_is_repaired_with_ftfy():
    sentence = "新收行政一审案件共5宗，行政机关负责人出庭率达100%。"
    text, warnings = repair_mojibake("标题\n" + sentence.encode("utf-8").decode("latin-1") + "\n")
    assert text == "标题\n" + sentence + "\n"
    assert warnings == [f"第 2 行:修复了误按 latin-1 解码的 UTF-8 文字:{sentence[:16]}…"]


def test_lost_byte_runs_are_removed():
    text, warnings = repair_mojibake("依法行政锟斤拷锟斤拷工作。\n烫烫烫烫正文")
    assert text == "依法行政工作。\n正文"
    assert warnings == ["第 1 行:删除了 6 个乱码字符(锟斤拷锟斤拷)",
                        "第 2 行:删除了 4 个乱码字符(烫烫烫烫)"]


@pytest.mark.parametrize("text", [
    "南星、上塘、翠苑、盈丰等一批特色基层“一支队伍管执法”品牌示范点。",
    "赤坭镇竹洞村获评第三批全国民主法治示范村(社区),聂宗林同志获表彰。",
    "2023年共办理案件1,250件,同比增长12.5%,罚没款3,456.78万元。",
    "Rule of law government construction report (2023), ISO 9001:2015, www.gov.cn?",
    "加強憲法宣傳教育。認真組織學習黨的十八大報告,樹立忠于憲法、遵守憲法、維護憲法的自覺意識。",
    "执法人员是否按规定亮证执法?是否做到文明执法?如何进一步规范?",
    "（一）深入学习贯彻习近平法治思想——推进“大综合一体化”改革…",
    "①制定学法计划；②组织旁听庭审；③开展以案释法×3次·累计2,000人次。",
])
def test_normal_text_is_left_alone(text):
    assert repair_mojibake(text) == (text, [])


def test_no_repair_is_garbage():
    """Every repaired span over many real sentences is a piece of the original."""
    original = (REPORTS / "hangzhou-chengguan-2023.txt").read_text(encoding="utf-8")
    fragments = [f for f in re.split(r"[\x00-\x7f。，、；：“”《》（）]+", original) if 8 <= len(f) <= 40]
    repaired = 0
    for fragment in fragments[:150]:
        for garble in (shifted_lossless, shifted_lossy):
            text, warnings = repair_mojibake(in_context(garble(fragment)))
            if any("修复了" in w for w in warnings):
                repaired += 1
                assert middle(text).strip("?") in fragment
    assert repaired >= 50  # the lossless half is mostly repairable


@pytest.mark.parametrize("name", sorted(p.name for p in REPORTS.glob("*.txt")))
def test_implausibility_separates_text_from_wrong_decodings(name):
    clean = (REPORTS / name).read_text(encoding="utf-8")
    assert implausibility(clean) < 0.05
    assert implausibility(clean.encode("utf-8").decode("gb18030", "replace")) > 0.3
    assert implausibility(clean.encode("utf-8").decode("cp1252", "replace")) > 0.3
    native = "big5hkscs" if name.startswith("district") else "gbk"
    wrong = "gb18030" if native == "big5hkscs" else "big5hkscs"
    assert implausibility(clean.encode(native, "ignore").decode(wrong, "replace")) > 0.3
