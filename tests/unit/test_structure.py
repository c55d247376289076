"""split_sentences / heading_level / split_paragraphs, by hand and over the sample reports."""
from __future__ import annotations

from pathlib import Path

import pytest

from index.structure import heading_level, split_paragraphs, split_sentences

REPORTS = sorted((Path(__file__).resolve().parents[2] / "data" / "reports").glob("*.txt"))


def _paragraphs(name: str):
    return split_paragraphs((REPORTS[0].parent / name).read_text(encoding="utf-8"))


def _find(paragraphs, prefix: str):
    return next(p for p in paragraphs if p.text.startswith(prefix))


# --- sentences ---------------------------------------------------------------

def test_split_sentences_on_delimiters_with_closers():
    text = "严格落实“第一议题”制度。”他说:“好！”真的？？是;完善机制；结尾没有句号"
    assert split_sentences(text) == [
        "严格落实“第一议题”制度。”", "他说:“好！”", "真的？？", "是;", "完善机制；", "结尾没有句号"]


def test_split_sentences_keeps_numbers_and_dates_whole():
    text = "增长3.5%,共68.67万元,2024.1.9召开会议。时间:2022-09-08 10:52:42"
    assert split_sentences(text) == ["增长3.5%,共68.67万元,2024.1.9召开会议。", "时间:2022-09-08 10:52:42"]


def test_split_sentences_does_not_split_enumerations_or_first():
    text = "主要抓好两方面工作:一是严格落实第一责任人职责;二是严禁执法。"
    assert split_sentences(text) == ["主要抓好两方面工作:一是严格落实第一责任人职责;", "二是严禁执法。"]


def test_split_sentences_trims_whitespace_and_breaks_lines():
    assert split_sentences("  第一句。  第二句!\n第三行") == ["第一句。", "第二句!", "第三行"]
    assert split_sentences("") == [] and split_sentences(" \n ") == []


def _assert_covers(text: str, sentences: list[str]) -> None:
    """Sentences are substrings of text, in order, with only whitespace between them."""
    position = 0
    for sentence in sentences:
        start = text.find(sentence, position)
        assert start >= 0 and not text[position:start].strip(), sentence
        position = start + len(sentence)
    assert not text[position:].strip()


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_sentences_are_ordered_substrings_covering_the_text(path):
    text = path.read_text(encoding="utf-8")
    sentences = split_sentences(text)
    _assert_covers(text, sentences)
    position = 0
    for sentence, following in zip(sentences, sentences[1:]):
        end = text.find(sentence, position) + len(sentence)
        position = text.find(following, end)
        ends_sentence = sentence.rstrip("”’」』)）\"'》】〕")[-1] in "。！？；!?;"
        assert ends_sentence or "\n" in text[end:position], sentence


# --- headings ----------------------------------------------------------------

@pytest.mark.parametrize("line, level", [
    ("一、主要举措和成效", 1), ("十一、其他", 1), ("  三、下一年度的主要安排", 1),
    ("(一)强化党对法治工作的领导", 2), ("（二）强化内部法治建设管理", 2), ("二)系统推进行业地方立法", 2),
    ("1.学习贯彻党的二十大精神", 3), ("2、严格履行职责", 3), ("3．加强培训", 3), ("10.加大监督力度", 3),
    ("(1)建立台账", 4), ("（2）完善制度", 4), ("①规范执法", 4),
    ("2024年,在市委的领导下", None), ("1310", None), ("12345热线受理", None), ("3.5万元", None),
    ("一是严格落实", None), ("第一议题", None), ("一、", None), ("", None), ("正文。", None),
])
def test_heading_level(line, level):
    assert heading_level(line) == level


# --- paragraphs ----------------------------------------------------------------

def test_split_paragraphs_heading_paths():
    body = ("广州市某局关于2023年度法治政府建设情况的报告\n\n"
            "  一、本年度推进法治政府建设的主要举措和成效\n"
            "(一)强化党对法治工作的领导\n"
            "1.学习贯彻党的二十大精神\n"
            "一是严格落实制度。二是学习。\n"
            "2.严格履行法治建设第一责任人职责\n"
            "正文甲。\n"
            "(二)坚持以习近平法治思想为指导,深入学习。一是严格落实。\n"
            "正文乙。\n"
            "二、存在不足\n"
            "正文丙。\n")
    paragraphs = split_paragraphs(body)
    assert [p.n for p in paragraphs] == list(range(1, 12))
    assert [p.is_heading for p in paragraphs] == [
        False, True, True, True, False, True, False, False, False, True, False]
    assert paragraphs[0].section == []
    assert " › ".join(paragraphs[6].section) == (
        "一、本年度推进法治政府建设的主要举措和成效 › (一)强化党对法治工作的领导 › "
        "2.严格履行法治建设第一责任人职责")
    assert paragraphs[7].section == ["一、本年度推进法治政府建设的主要举措和成效",
                                     "(二)坚持以习近平法治思想为指导,深入学习"]
    assert paragraphs[8].section == paragraphs[7].section  # unmarked prose stays under it
    assert paragraphs[10].section == ["二、存在不足"]
    assert paragraphs[1].text == "一、本年度推进法治政府建设的主要举措和成效"  # stripped
    assert paragraphs[4].sentences == ["一是严格落实制度。", "二是学习。"]


def test_one_sentence_marker_line_is_heading_unless_it_states_a_figure():
    paragraphs = split_paragraphs("(六)健全行政决策机制,全面提升政务服务水平。\n1.全年办结案件5宗。")
    assert paragraphs[0].is_heading and paragraphs[0].section == ["(六)健全行政决策机制,全面提升政务服务水平"]
    assert not paragraphs[1].is_heading
    assert paragraphs[1].section[-1] == "1.全年办结案件5宗"


def test_long_marker_line_without_full_stop_is_body():
    line = "(一)" + "加强执法队伍建设," * 12
    assert not split_paragraphs(line)[0].is_heading


def test_zengcheng_sections():
    paragraphs = _paragraphs("zengcheng-chengguan-2023.txt")
    body = _find(paragraphs, "一是充分发挥领导干部")
    assert " › ".join(body.section) == (
        "一、本年度推进法治政府建设的主要举措和成效 › (一)强化党对法治工作的领导 › "
        "2.严格履行法治建设第一责任人职责")
    heading = _find(paragraphs, "(一)强化党对法治工作的领导")
    assert heading.is_heading and heading.section[-1] == heading.text


def test_chuxiong_inline_headings():
    paragraphs = _paragraphs("chuxiong-zonghe-zhifa-2024.txt")
    first = _find(paragraphs, "(一)坚持以习近平")
    assert not first.is_heading
    assert first.section == ["一、2024年度推进法治政府建设的主要举措和成效",
                             "(一)坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想"]
    assert first.sentences[1].startswith("一是严格落实“第一议题”制度。")
    signature = paragraphs[-2]
    assert signature.text == "楚雄市综合行政执法局" and not signature.is_heading


def test_traditional_numbered_points_are_body_with_heading_part():
    paragraphs = _paragraphs("district-chengguan-yaodian-2022.txt")
    point = _find(paragraphs, "1.加強憲法宣傳教育")
    assert not point.is_heading
    assert point.section == ["一、著力強化依法行政意識", "1.加強憲法宣傳教育"]


def test_hangzhou_heading_missing_its_opening_parenthesis():
    paragraphs = _paragraphs("hangzhou-chengguan-2023.txt")
    assert _find(paragraphs, "二)系统推进").section == ["一、主要举措和成效", "二)系统推进行业地方立法"]


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_paragraph_invariants_on_reports(path):
    text = path.read_text(encoding="utf-8")
    paragraphs = split_paragraphs(text)
    assert [p.text for p in paragraphs] == [line.strip() for line in text.splitlines() if line.strip()]
    assert [p.n for p in paragraphs] == list(range(1, len(paragraphs) + 1))
    for paragraph in paragraphs:
        _assert_covers(paragraph.text, paragraph.sentences)
        if paragraph.is_heading:
            assert paragraph.section and paragraph.section[-1] == paragraph.text.rstrip("。")
    assert sum(p.is_heading for p in paragraphs) >= 4
