"""The one place rolqa talks to a chat model: langchain-openai's ChatOpenAI on any OpenAI-compatible endpoint.

vLLM, Ollama (/v1), Xinference and the DeepSeek/Qwen APIs all speak this
protocol. Only LLM mode imports this module, so extractive use never loads
langchain. Every endpoint failure becomes one `LLMUnavailable` with a one-line
reason, raised quickly: the caller then shows the extractive answer instead.
"""
from __future__ import annotations

import time
from collections.abc import Iterator

import openai
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI

from index.config import Settings
from index.errors import BackendError

USER_MARK = "==== 用户消息 ===="  # in a prompt file: system text above this line, user text below
RETRY_PAUSE = 0.5  # seconds before the first retry; doubled after each


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


def describe(exc: BaseException, settings: Settings) -> str:
    """One line a user can act on, without a traceback."""
    if isinstance(exc, openai.APITimeoutError):
        return f"the LLM endpoint did not answer within {settings.llm_timeout:g} s"
    if isinstance(exc, openai.APIConnectionError):
        cause = exc.__cause__ or exc.__context__
        detail = f" ({str(cause).splitlines()[0][:120]})" if cause and str(cause) else ""
        return f"cannot reach the LLM endpoint {settings.llm_base_url}{detail}"
    if isinstance(exc, openai.RateLimitError):
        return "the LLM endpoint is rate-limiting requests (HTTP 429)"
    if isinstance(exc, openai.APIStatusError):
        return f"the LLM endpoint answered HTTP {exc.status_code}" + \
            (f" for model {settings.llm_model!r}" if exc.status_code == 404 else "")
    text = str(exc).splitlines()[0][:160] if str(exc) else ""
    return f"the LLM call failed: {type(exc).__name__}" + (f": {text}" if text else "")


class LLMClient:
    """prompt | ChatOpenAI | text parser, with bounded retries and one-line failures."""

    def __init__(self, settings: Settings):
        self.settings = settings
        # No max_tokens: langchain sends it as max_completion_tokens, which older servers reject.
        self.model = ChatOpenAI(model=settings.llm_model, base_url=settings.llm_base_url,
                                api_key=settings.llm_api_key or "EMPTY", temperature=0,
                                timeout=settings.llm_timeout, max_retries=0)

    def chain(self, system: str):
        """The runnable: messages from the (already rendered) prompt text → model → plain text.

        The texts pass as template *values*, so braces inside report text are never parsed.
        """
        messages = ([("system", "{system}")] if system else []) + [("human", "{user}")]
        return ChatPromptTemplate.from_messages(messages) | self.model | StrOutputParser()

    def complete(self, prompt: str) -> str:
        """The model's whole reply to a rendered prompt file."""
        system, user = split_prompt(prompt)
        runnable = self.chain(system).with_retry(
            retry_if_exception_type=transient, stop_after_attempt=1 + max(0, self.settings.llm_max_retries),
            exponential_jitter_params={"initial": RETRY_PAUSE, "max": 2.0, "jitter": 0.1})
        try:
            return runnable.invoke({"system": system, "user": user})
        except Exception as exc:  # any failure of the endpoint or the client: one line, extractive fallback
            raise LLMUnavailable(describe(exc, self.settings)) from exc

    def stream(self, prompt: str) -> Iterator[str]:
        """The reply as text pieces while the model writes it.

        Retried only before the first piece arrives: a retry after that would repeat text.
        """
        system, user = split_prompt(prompt)
        attempts = 1 + max(0, self.settings.llm_max_retries)
        for attempt in range(attempts):
            started = False
            try:
                for piece in self.chain(system).stream({"system": system, "user": user}):
                    started = True
                    if piece:
                        yield piece
                return
            except Exception as exc:
                if started or attempt + 1 >= attempts or not transient(exc):
                    raise LLMUnavailable(describe(exc, self.settings)) from exc
                time.sleep(RETRY_PAUSE * 2 ** attempt)
