"""LLM mode end to end: the real langchain client against a scripted OpenAI-compatible server on 127.0.0.1.

The sample reports are indexed once for the module; each test scripts the
server's replies (reading the evidence blocks from the prompt it receives) and
checks what reaches the user: cited, verified, never an invented figure, and
the extractive answer with a notice whenever the endpoint fails.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from assistant.contract import check_answer
from assistant.service import Assistant
from index.chunking import count_tokens
from index.config import load_settings
from index.errors import BadInput
from index.store import Index
from tests.conftest import REPORTS, ROOT
from tests.fake_openai import FakeOpenAI, Reply, block_with, blocks_of, is_rewrite, prompt_of
from tests.servers import free_port

FACT = "增城区城管局2023年新收行政一审案件多少宗?"
FACT_QUOTE = "新收行政一审案件共5宗"
REVIEW = "增城区城管局2023年办理行政复议案件多少件?"
HUADU = "花都区2023年收到行政复议申请多少宗?"
HUADU_QUOTE = "收到行政复议申请786宗"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    home = tmp_path_factory.mktemp("llm") / "home"
    index = Index(load_settings({"home": str(home)}, env={}))
    summary = Assistant(index.settings, index).ingest([REPORTS])
    assert not summary.failed
    return home, index


@pytest.fixture(scope="module")
def server():
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture
def fake(server):
    server.requests.clear()
    server.headers.clear()
    server.errors.clear()
    server.script = lambda body: Reply("报告中未找到。")
    yield server
    assert not server.errors, server.errors  # the scripted replies found what they looked for


@pytest.fixture
def make(corpus, fake):
    """An Assistant over the shared index, configured for the fake endpoint (overrides allowed)."""
    def make(**overrides) -> Assistant:
        home, index = corpus
        values = {"home": str(home), "llm_base_url": fake.url, "llm_model": "fake", "llm_timeout": 2, **overrides}
        return Assistant(load_settings(values, env={}), index)
    return make


def answers(needle: str, text: str):
    """A script: cite the block holding `needle` after `text` (which may use {n})."""
    return lambda body: Reply(text.format(n=block_with(body, needle)))


def assert_valid(answer, index: Index) -> None:
    """The contract holds and every quote is an exact substring of the paragraph it names."""
    assert check_answer(answer) == []
    for c in answer.citations:
        paragraph = {p.n: p for p in index.catalog.paragraphs(c.report_id)}[c.paragraph]
        assert c.quote in paragraph.text


def assert_extractive_with_notice(answer, fragment: str, index: Index) -> None:
    assert answer.mode == "extractive" and answer.status == "answered"
    assert FACT_QUOTE in answer.citations[0].quote
    assert any(fragment in note for note in answer.notes), answer.notes
    assert all("\n" not in note and "Traceback" not in note for note in answer.notes)
    assert_valid(answer, index)


def test_a_correct_cited_answer(make, fake, corpus):
    fake.script = answers(FACT_QUOTE, "增城区城管局2023年新收行政一审案件5宗,行政机关负责人出庭率达100%[{n}]。")
    answer = make().ask(FACT, mode="llm")
    assert (answer.mode, answer.status) == ("llm", "answered")
    assert answer.answer == "增城区城管局2023年新收行政一审案件5宗,行政机关负责人出庭率达100%[1]。"
    (c,) = answer.citations
    assert c.source == "zengcheng-chengguan-2023.txt" and FACT_QUOTE in c.quote and not answer.notes
    assert_valid(answer, corpus[1])
    (body,) = fake.requests
    assert body["model"] == "fake" and body["temperature"] == 0 and not body.get("stream")
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert "[n]" in body["messages"][0]["content"] and "报告中未找到" in body["messages"][0]["content"]
    user = body["messages"][1]["content"]
    assert FACT in user and "\n[1]\n单位:广州市增城区城市管理和综合执法局 | 年度:2023年度 | 章节:" in user
    assert "第8段" in blocks_of(body)[1]  # the extractive answer's paragraph comes first


def test_auto_mode_uses_the_llm_only_when_configured(make, fake):
    fake.script = answers(FACT_QUOTE, "新收行政一审案件5宗[{n}]。")
    assert make().ask(FACT).mode == "llm"
    fake.requests.clear()
    plain = make(llm_base_url="", llm_model="").ask(FACT)
    assert plain.mode == "extractive" and not fake.requests and not plain.notes


def test_llm_mode_without_an_endpoint_is_a_clear_error(make):
    with pytest.raises(BadInput, match="ROLQA_LLM_BASE_URL"):
        make(llm_base_url="").ask(FACT, mode="llm")
    with pytest.raises(BadInput, match="回答方式 mode 只能是 auto, extractive, llm 之一"):
        make().ask(FACT, mode="gpt")


def test_the_evidence_respects_the_token_budget(make, fake):
    fake.script = answers(FACT_QUOTE, "新收行政一审案件5宗[{n}]。")
    make(llm_context_tokens=600).ask(FACT, mode="llm")
    blocks = blocks_of(fake.requests[-1])
    evidence = "\n\n".join(f"[{n}]{text}" for n, text in blocks.items()).split("==== 证据结束")[0]
    assert 1 <= len(blocks) and count_tokens(evidence) <= 600
    make().ask(FACT, mode="llm")
    assert len(blocks_of(fake.requests[-1])) > len(blocks)


def test_an_invented_figure_is_removed(make, fake, corpus):
    fake.script = answers(FACT_QUOTE, "增城区城管局新收行政一审案件5宗[{n}]。同比增长30%[{n}]。")
    answer = make().ask(FACT, mode="llm")
    assert answer.mode == "llm" and answer.answer == "增城区城管局新收行政一审案件5宗[1]。"
    assert "30%" not in answer.answer and not any("30%" in note for note in answer.notes)  # not even in a note
    assert answer.notes == ["核对时删除了 1 句没有依据的话:所引原文中没有的数字"]
    assert_valid(answer, corpus[1])


def test_an_answer_with_only_invented_figures_falls_back(make, fake, corpus):
    fake.script = answers(FACT_QUOTE, "增城区城管局新收行政一审案件7宗[{n}]。")
    answer = make().ask(FACT, mode="llm")
    assert "7宗" not in answer.answer
    assert_extractive_with_notice(answer, "LLM 的答案没有一句得到所引证据的支持", corpus[1])


def test_a_citation_to_a_missing_block_is_dropped(make, fake, corpus):
    fake.script = answers(FACT_QUOTE, "新收行政一审案件5宗[{n}][42]。")
    answer = make().ask(FACT, mode="llm")
    assert answer.mode == "llm" and answer.answer == "新收行政一审案件5宗[1]。" and len(answer.citations) == 1
    assert any("[42]" in note for note in answer.notes)
    fake.script = lambda body: Reply("新收行政一审案件5宗[42]。")
    assert_extractive_with_notice(make().ask(FACT, mode="llm"), "没有一句得到", corpus[1])


def test_an_uncited_sentence_is_removed(make, fake):
    fake.script = answers(FACT_QUOTE, "新收行政一审案件5宗[{n}]。另有行政复议案件9件。")
    answer = make().ask(FACT, mode="llm")
    assert answer.answer == "新收行政一审案件5宗[1]。" and "9件" not in answer.answer
    assert any("没有出处的数字" in note for note in answer.notes)


def test_a_not_found_reply(make, fake, corpus):
    fake.script = lambda body: Reply("报告中未找到增城区城管局的行政复议纠错率。")
    answer = make().ask("增城区城管局2023年行政复议纠错率是多少?", mode="llm")
    assert answer.status == "not_found" and "报告中未找到" in answer.answer
    assert_valid(answer, corpus[1])


def test_every_matching_report_is_listed_and_a_misattributed_line_removed(make, fake, corpus):
    def script(body):
        zc, hd = block_with(body, "行政机关负责人出庭率达100%"), block_with(body, "出庭应诉率达100%")
        return Reply(f"以下单位的行政机关负责人出庭率达到100%:\n1. 增城区城管局:出庭率达100%[{zc}]\n"
                     f"2. 花都区:出庭应诉率达100%[{zc}]\n3. 广州市花都区人民政府:出庭应诉率达100%[{hd}]")
    fake.script = script
    answer = make().ask("哪些单位的行政机关负责人出庭率达到了100%?", mode="llm")
    assert answer.answer.splitlines() == ["以下单位的行政机关负责人出庭率达到100%:", "- 增城区城管局:出庭率达100%[1]",
                                          "- 广州市花都区人民政府:出庭应诉率达100%[2]"]
    assert [c.source for c in answer.citations] == ["zengcheng-chengguan-2023.txt", "huadu-district-2023.txt"]
    assert answer.notes == ["核对时删除了 1 句没有依据的话:所引原文中没有提到的地方"]
    assert_valid(answer, corpus[1])


def test_a_place_no_report_covers_needs_no_llm(make, fake):
    answer = make().ask("天河区2023年新收行政一审案件多少宗?", mode="llm")
    assert (answer.status, answer.mode) == ("not_found", "extractive") and "天河区" in answer.answer
    assert not fake.requests and "不涉及所问的地方" in answer.notes[-1]


@pytest.mark.parametrize("reply, fragment, attempts", [
    (Reply(status=500), "HTTP 500", 2),  # one retry, then the extractive answer
    (Reply(status=429, headers={"Retry-After": "30"}), "429", 2),  # a long Retry-After is not honoured
    (Reply(status=401), "HTTP 401", 1),
])
def test_endpoint_errors_give_the_extractive_answer_fast(make, fake, corpus, reply, fragment, attempts):
    fake.script = lambda body: reply
    started = time.monotonic()
    answer = make().ask(FACT, mode="llm")
    assert time.monotonic() - started < 8
    assert_extractive_with_notice(answer, fragment, corpus[1])
    assert len(fake.requests) == attempts


def test_a_hanging_endpoint_times_out_fast(make, fake, corpus):
    fake.script = lambda body: Reply("新收行政一审案件5宗[1]。", hang=30)
    service = make(llm_timeout=1)
    service.ask(FACT, mode="extractive")  # warm the caches so the clock measures the LLM part
    started = time.monotonic()
    answer = service.ask(FACT, mode="llm")
    assert time.monotonic() - started < 5
    assert_extractive_with_notice(answer, "1 秒内没有回应", corpus[1])
    assert len(fake.requests) == 1  # a timeout is not retried …
    started = time.monotonic()
    again = service.ask(FACT, mode="llm")  # … and the next question does not wait for it again
    assert time.monotonic() - started < 1 and len(fake.requests) == 1
    assert_extractive_with_notice(again, "30 秒内不再重试", corpus[1])


def test_a_refused_connection_gives_the_extractive_answer(make, corpus):
    answer = make(llm_base_url=f"http://127.0.0.1:{free_port()}/v1").ask(FACT, mode="llm")
    assert_extractive_with_notice(answer, "连接被拒绝", corpus[1])


def follow_up_script(body):
    if is_rewrite(body):
        return Reply(HUADU)
    if HUADU in prompt_of(body):
        return Reply(f"花都区2023年收到行政复议申请786宗[{block_with(body, HUADU_QUOTE)}]。")
    return Reply(f"增城区城管局2023年办理行政复议案件12件[{block_with(body, '行政复议案件12件')}]。")


def test_a_follow_up_is_rewritten_then_answered(make, fake):
    fake.script = follow_up_script
    history = [{"role": "user", "content": REVIEW}, {"role": "assistant", "content": "增城区城管局2023年办理行政复议案件12件[1]。"}]
    answer = make().ask("那花都区呢?", mode="llm", history=history)
    rewrite, final = fake.requests
    assert is_rewrite(rewrite) and REVIEW in prompt_of(rewrite) and "那花都区呢?" in prompt_of(rewrite)
    assert HUADU in prompt_of(final) and answer.question == HUADU
    assert answer.mode == "llm" and "786宗" in answer.answer and HUADU_QUOTE in answer.citations[0].quote
    assert answer.notes == [f"追问理解为:{HUADU}"]


def test_a_follow_up_without_an_llm_is_rewritten_by_rule(make, fake):
    history = [{"role": "user", "content": "增城区城管局2023年新收行政一审案件多少宗?"}]
    answer = make(llm_base_url="").ask("那花都区呢?", history=history)
    assert answer.question == "花都区2023年新收行政一审案件多少宗?" and answer.mode == "extractive"
    assert not fake.requests


def test_streaming_tokens_arrive_before_the_final_answer(make, fake):
    fake.script = lambda body: Reply(f"增城区城管局2023年新收行政一审案件5宗[{block_with(body, FACT_QUOTE)}]。"
                                     "同比增长30%[1]。", pause=0.05, chunk=4)
    arrivals = [(time.monotonic(), event) for event in make().ask_stream(FACT, mode="llm")]
    kinds = [event["type"] for _, event in arrivals]
    assert kinds[-1] == "final" and set(kinds[:-1]) == {"token"} and len(kinds) > 5
    assert all(event["draft"] for _, event in arrivals[:-1])  # the unverified draft says so
    assert arrivals[-1][0] - arrivals[0][0] > 0.2  # the first token came well before the stream ended
    streamed = "".join(event["text"] for _, event in arrivals[:-1])
    final = arrivals[-1][1]["answer"]
    assert "30%" in streamed and "30%" not in final["answer"] and final["mode"] == "llm"
    assert final["answer"].startswith("增城区城管局2023年新收行政一审案件5宗[1]") and final["citations"]
    assert fake.requests[-1]["stream"] is True


def test_a_reasoning_models_thinking_is_neither_streamed_nor_verified(make, fake):
    fake.script = lambda body: Reply(f"<think>也许是99宗[1]?再看证据。</think>\n新收行政一审案件5宗[{block_with(body, FACT_QUOTE)}]。")
    events = list(make().ask_stream(FACT, mode="llm"))
    streamed = "".join(e["text"] for e in events[:-1])
    assert "99" not in streamed and "think" not in streamed and streamed.strip() == "新收行政一审案件5宗[1]。"
    assert events[-1]["answer"]["answer"] == "新收行政一审案件5宗[1]。" and "notes" not in events[-1]["answer"]
    assert make().ask(FACT, mode="llm").answer == "新收行政一审案件5宗[1]。"


def test_streaming_falls_back_when_the_endpoint_fails(make, fake):
    fake.script = lambda body: Reply(status=503)
    events = list(make().ask_stream(FACT, mode="llm"))
    assert [e["type"] for e in events] == ["final"] and events[0]["answer"]["mode"] == "extractive"
    assert any("HTTP 503" in note for note in events[0]["answer"]["notes"])


def test_ask_stream_rejects_bad_input_before_streaming(make):
    with pytest.raises(BadInput):
        make().ask_stream("   ", mode="llm")


def rolqa(args: list[str], env: dict, stdin: str = "") -> subprocess.CompletedProcess:
    full = {**{k: v for k, v in os.environ.items() if not k.startswith("ROLQA_")}, "PYTHONPATH": str(ROOT), **env}
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], input=stdin, capture_output=True,
                          text=True, env=full, timeout=300)


def test_rolqa_chat_streams_and_follows_up(corpus, fake):
    fake.script = lambda body: follow_up_script(body) if is_rewrite(body) or HUADU in prompt_of(body) else \
        Reply(f"增城区城管局办理行政复议案件12件[{block_with(body, '行政复议案件12件')}]。同比增长99%[1]。")
    env = {"ROLQA_HOME": str(corpus[0]), "ROLQA_LLM_BASE_URL": fake.url, "ROLQA_LLM_MODEL": "fake"}
    proc = rolqa(["chat"], env, stdin=f"{REVIEW}\n\n那花都区呢?\nexit\n{FACT}\n")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "同比增长99%" in out  # streamed as the model wrote it …
    verified = out.split("—— 核实后的答案(LLM,以此为准) ——")[1]
    assert "增城区城管局办理行政复议案件12件[1]。" in verified and "99%" not in verified.split("来源:")[0]
    assert "花都区2023年收到行政复议申请786宗[1]。" in out and HUADU_QUOTE in out and "来源:" in out
    assert any(is_rewrite(b) for b in fake.requests) and FACT not in out  # nothing after "exit" was asked
    assert "Traceback" not in proc.stderr


def test_cli_llm_flags_and_mode_errors(tmp_path, corpus, fake):
    fake.script = answers(FACT_QUOTE, "新收行政一审案件5宗[{n}]。")
    flags = ["--llm-base-url", fake.url, "--llm-model", "fake", "--llm-timeout", "3", "--llm-api-key", "sk-test"]
    proc = rolqa([*flags, "ask", "--mode", "llm", "--json", FACT], {"ROLQA_HOME": str(corpus[0])})
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["mode"] == "llm" and fake.requests[-1]["model"] == "fake"
    assert fake.headers[-1]["authorization"] == "Bearer sk-test"
    proc = rolqa(["ask", "--mode", "llm", FACT], {"ROLQA_HOME": str(tmp_path / "h")})
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert "ROLQA_LLM_BASE_URL" in proc.stderr and "Traceback" not in proc.stderr


def test_llm_settings_come_from_rolqa_toml_and_the_environment(tmp_path):
    config = tmp_path / "conf" / "rolqa.toml"  # not ./rolqa.toml: the working directory is tmp_path
    config.parent.mkdir()
    config.write_text('[rolqa]\nllm_base_url = "http://intranet:8000/v1"\nllm_model = "qwen"\n'
                                         'llm_timeout = 5\nllm_context_tokens = 2000\n', encoding="utf-8")
    settings = load_settings(env={"ROLQA_CONFIG": str(config), "ROLQA_LLM_MODEL": "deepseek"})
    assert settings.llm_configured and settings.llm_base_url == "http://intranet:8000/v1"
    assert (settings.llm_model, settings.llm_timeout, settings.llm_context_tokens) == ("deepseek", 5.0, 2000)
    assert not load_settings(env={}).llm_configured


def test_extractive_use_never_imports_langchain():
    code = ("import sys, assistant.cli, assistant.service, assistant.ask.llm_step\n"
            "assert not [m for m in sys.modules if m.startswith(('langchain', 'openai'))], 'langchain imported'")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_one_analysis_one_search_one_embedding_per_question(make, fake, corpus, monkeypatch):
    """In LLM mode a question is analysed once plus the deliberate second pass (with the matched report
    names out of its topic words), its reports targeted once, searched once and embedded once: every
    stage reads the one record the pipeline built. Counted by wrapping the real functions."""
    calls = {"analyse": 0, "resolve": 0, "search": 0, "embed_query": 0}

    def counting(name, fn):
        def wrapped(*args, **kwargs):
            calls[name] += 1
            return fn(*args, **kwargs)
        return wrapped

    for module in [m for name, m in sys.modules.items() if name.startswith("assistant.")]:
        for name in ("analyse", "resolve"):
            if callable(getattr(module, name, None)):
                monkeypatch.setattr(module, name, counting(name, getattr(module, name)))
    index = corpus[1]
    monkeypatch.setattr(index, "search", counting("search", index.search))
    monkeypatch.setattr(index.embedder, "embed_query", counting("embed_query", index.embedder.embed_query))
    scripts = {FACT: answers(FACT_QUOTE, "新收行政一审案件5宗[{n}]。"),  # the sentence route
               "增城区城管局的这份报告是哪一年度的?": lambda body: Reply("报告写明了所属年度[1]。")}  # documents
    for question, script in scripts.items():
        calls.update(dict.fromkeys(calls, 0))
        fake.requests.clear()
        fake.script = script
        answer = make().ask(question, mode="llm")
        assert (answer.mode, answer.status) == ("llm", "answered") and len(fake.requests) == 1
        assert calls == {"analyse": 2, "resolve": 1, "search": 1, "embed_query": 1}, (question, calls)
