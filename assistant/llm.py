"""The one place rolqa talks to a chat model: langchain-openai's ChatOpenAI on any OpenAI-compatible endpoint.

vLLM, Ollama (/v1), Xinference and the DeepSeek/Qwen APIs all speak this
protocol. Only LLM mode imports this module, so extractive use never loads
langchain. Every endpoint failure becomes one `LLMUnavailable` with a one-line
reason, raised quickly: the caller then shows the extractive answer instead.
"""
from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator

import openai
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI

from index.config import Settings
from index.errors import BackendError

log = logging.getLogger("rolqa.llm")
USER_MARK = "==== 用户消息 ===="  # in a prompt file: system text above this line, user text below
RETRY_PAUSE = 0.5  # seconds before the first retry; doubled after each
COOL_DOWN = 30.0  # after a timeout or an unreachable endpoint, answer extractively this long without trying


class LLMUnavailable(BackendError):
    """The endpoint failed, refused, timed out or rate-limited us; the message is one line."""


def split_prompt(text: str) -> tuple[str, str]:
    """A rendered prompt file → (system message, user message)."""
    system, mark, user = text.partition(USER_MARK)
    return (system.strip(), user.strip()) if mark else ("", text.strip())


def transient(exc: BaseException) -> bool:
    """Worth one more try: the server erred (5xx) or asked us to slow down (429).

    A timeout or a refused connection is not retried: the user would wait
    another full timeout for what is most likely the same result.
    """
    return isinstance(exc, (openai.InternalServerError, openai.RateLimitError))


def root_cause(exc: BaseException) -> str:
    """The innermost reason ("Connection refused"), not the wrappers' "Connection error."."""
    seen = []
    while exc is not None and exc not in seen:
        seen.append(exc)
        exc = exc.__cause__ or exc.__context__
    text = str(seen[-1]).splitlines()[0] if str(seen[-1]) else type(seen[-1]).__name__
    return re.sub(r"^\[Errno -?\d+\]\s*", "", text)[:120]


NETWORK_REASONS = (("refused", "连接被拒绝"), ("not known", "找不到这个主机"), ("resolution", "找不到这个主机"),
                   ("unreachable", "网络不可达"), ("timed out", "连接超时"), ("reset", "连接被重置"))


def network_reason(exc: BaseException) -> str:
    """Why a connection failed, in Chinese; the library's own words go to the log only."""
    cause = root_cause(exc)
    log.warning("LLM endpoint connection failed: %s", cause)
    return next((said for word, said in NETWORK_REASONS if word in cause.lower()), "网络错误")


def describe(exc: BaseException, settings: Settings) -> str:
    """One line a user can act on, without a traceback."""
    if isinstance(exc, openai.APITimeoutError):
        return f"LLM 服务在 {settings.llm_timeout:g} 秒内没有回应"
    if isinstance(exc, openai.APIConnectionError):
        return f"无法连接 LLM 服务 {settings.llm_base_url}({network_reason(exc)})"
    if isinstance(exc, openai.RateLimitError):
        return "LLM 服务正在限流(HTTP 429)"
    if isinstance(exc, openai.APIStatusError):
        hint = {401: "(请检查 ROLQA_LLM_API_KEY)", 403: "(请检查 ROLQA_LLM_API_KEY)",
                404: f"(请确认地址以 /v1 结尾,且模型 {settings.llm_model!r} 存在)"}
        return f"LLM 服务返回 HTTP {exc.status_code}{hint.get(exc.status_code, '')}"
    log.warning("LLM call failed: %s: %s", type(exc).__name__, str(exc)[:300])
    return "LLM 调用失败(详见服务日志)"


THINK_OPEN, THINK_CLOSE = "<think>", "</think>"


def without_thinking(text: str) -> str:
    """The reply without a reasoning model's leading <think>…</think> (Qwen3, DeepSeek-R1 on vLLM/Ollama)."""
    if THINK_CLOSE in text and (text.lstrip().startswith(THINK_OPEN) or THINK_OPEN not in text):
        return text.split(THINK_CLOSE, 1)[1].lstrip()
    return text


def drop_thinking(pieces: Iterator[str]) -> Iterator[str]:
    """The streamed counterpart: pieces inside a leading <think> block are not passed on."""
    buffer, thinking = "", None  # None: too early to tell whether the reply opens with <think>
    for piece in pieces:
        buffer += piece
        if thinking is None:
            head = buffer.lstrip()
            if THINK_OPEN.startswith(head):
                continue
            thinking = head.startswith(THINK_OPEN)
        if thinking:
            if THINK_CLOSE not in buffer:
                continue
            buffer, thinking = buffer.split(THINK_CLOSE, 1)[1].lstrip(), False
        if buffer:
            yield buffer
            buffer = ""
    if buffer and not thinking:
        yield buffer


class LLMClient:
    """prompt | ChatOpenAI | text parser, with bounded retries and one-line failures."""

    def __init__(self, settings: Settings):
        self.settings = settings
        # No max_tokens: langchain sends it as max_completion_tokens, which older servers reject.
        self.model = ChatOpenAI(model=settings.llm_model, base_url=settings.llm_base_url,
                                api_key=settings.llm_api_key or "EMPTY", temperature=0,
                                timeout=settings.llm_timeout, max_retries=0)
        self._down_until, self._down_reason = 0.0, ""

    def _check_up(self) -> None:
        """Fail at once while a recent timeout or refused connection is fresh, so a dead endpoint
        does not make every question wait a full timeout."""
        if time.monotonic() < self._down_until:
            raise LLMUnavailable(f"{self._down_reason}({COOL_DOWN:g} 秒内不再重试)")

    def _failed(self, exc: Exception) -> LLMUnavailable:
        reason = describe(exc, self.settings)
        if isinstance(exc, openai.APIConnectionError):  # timeouts included
            self._down_until, self._down_reason = time.monotonic() + COOL_DOWN, reason
        return LLMUnavailable(reason)

    def chain(self, system: str):
        """The runnable: messages from the (already rendered) prompt text → model → plain text.

        The texts pass as template *values*, so braces inside report text are never parsed.
        """
        messages = ([("system", "{system}")] if system else []) + [("human", "{user}")]
        return ChatPromptTemplate.from_messages(messages) | self.model | StrOutputParser()

    def complete(self, prompt: str) -> str:
        """The model's whole reply to a rendered prompt file."""
        self._check_up()
        system, user = split_prompt(prompt)
        runnable = self.chain(system).with_retry(
            retry_if_exception_type=transient, stop_after_attempt=1 + max(0, self.settings.llm_max_retries),
            exponential_jitter_params={"initial": RETRY_PAUSE, "max": 2.0, "jitter": 0.1})
        try:
            return without_thinking(runnable.invoke({"system": system, "user": user}))
        except Exception as exc:  # any failure of the endpoint or the client: one line, extractive fallback
            raise self._failed(exc) from exc

    def stream(self, prompt: str) -> Iterator[str]:
        """The reply as text pieces while the model writes it.

        Retried only before the first piece arrives: a retry after that would repeat text.
        """
        self._check_up()
        system, user = split_prompt(prompt)
        attempts = 1 + max(0, self.settings.llm_max_retries)
        for attempt in range(attempts):
            started = False
            try:
                for piece in drop_thinking(self.chain(system).stream({"system": system, "user": user})):
                    started = True
                    if piece:
                        yield piece
                return
            except Exception as exc:
                if started or attempt + 1 >= attempts or not transient(exc):
                    raise self._failed(exc) from exc
                time.sleep(RETRY_PAUSE * 2 ** attempt)
