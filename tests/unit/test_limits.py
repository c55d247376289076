"""Per-client limits at the doors (assistant/web/limits.py) on their own: questions at once and per
minute, wrong keys, counted under one lock so concurrent arrivals cannot all pass."""
from __future__ import annotations

import threading

import pytest

from assistant.web.limits import KeyAttempts, QuestionLimits
from index.errors import TooManyRequests, Unauthorized

pytestmark = pytest.mark.unit


def test_questions_at_once_and_per_minute_are_per_client():
    limits = QuestionLimits(concurrent=2, per_minute=3)
    limits.enter("a", now=100.0)
    limits.enter("a", now=100.1)
    with pytest.raises(TooManyRequests, match="同时") as refused:
        limits.enter("a", now=100.2)
    assert refused.value.http_status == 429 and refused.value.retry_after >= 1
    limits.enter("b", now=100.2)  # another client is not held back
    limits.leave("a")
    limits.enter("a", now=100.3)  # the third of the minute
    limits.leave("a")
    limits.leave("a")
    with pytest.raises(TooManyRequests, match="每分钟最多 3 个") as refused:
        limits.enter("a", now=101.0)
    assert 58 <= refused.value.retry_after <= 60
    limits.enter("a", now=160.5)  # the first two left the window
    load = limits.load(now=160.6)
    assert load["in_flight"] == 2 and load["refused_last_minute"] == 1 and load["saturated"]
    assert not limits.load(now=300.0)["refused_last_minute"]


def test_zero_turns_a_limit_off():
    limits = QuestionLimits(concurrent=0, per_minute=0)
    for i in range(100):
        limits.enter("a", now=float(i) / 100)
    assert limits.load(now=1.0)["in_flight"] == 100


def test_a_wrong_key_counts_and_then_even_the_right_one_waits():
    attempts = KeyAttempts(limit=3)

    def check(key):
        if key != "right":
            raise Unauthorized("密钥无效")

    for _ in range(3):
        with pytest.raises(Unauthorized):
            attempts.check("a", "guess", check)
    with pytest.raises(TooManyRequests, match="密钥"):
        attempts.check("a", "right", check)
    attempts.check("b", "right", check)  # another client is not locked out
    attempts.check("a", None, lambda key: None)  # no key offered is no try (the login page, a browser)


def test_concurrent_tries_are_counted_before_any_is_decided():
    """500 guesses arriving at once: each reserves its try before its key is checked, so no more than
    the limit are ever checked (the others get 429 at once)."""
    attempts, checked, gate = KeyAttempts(limit=10), [], threading.Barrier(50)

    def slow_wrong(key):
        checked.append(key)
        raise Unauthorized("密钥无效")

    def guess(i):
        gate.wait()
        try:
            attempts.check("a", f"guess{i}", slow_wrong)
        except (Unauthorized, TooManyRequests):
            pass

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(checked) <= 10


def test_a_long_question_counts_for_more_of_the_minute():
    limits = QuestionLimits(concurrent=0, per_minute=30)
    limits.enter("a", now=10.0)
    limits.charge("a", 2000, now=10.0)  # 2,000 characters: twenty questions' worth
    for i in range(10):
        limits.enter("a", now=11.0 + i)
    with pytest.raises(TooManyRequests, match="长问题每 100 字算一个"):
        limits.enter("a", now=30.0)
    limits.charge("b", 57, now=10.0)  # an ordinary question counts one
    for i in range(30):
        limits.enter("b", now=11.0 + i / 10)


def test_a_file_the_os_cannot_read_is_said_in_chinese_whatever_the_locale():
    import errno

    from index.errors import file_problem

    assert file_problem(FileNotFoundError(errno.ENOENT, "No such file or directory")) == "文件不存在"
    assert file_problem(PermissionError(errno.EACCES, "Permission denied")) == "没有读取权限"
    assert file_problem(OSError(errno.EIO, "Input/output error")) == "Input/output error"  # a rare one: the OS's words
