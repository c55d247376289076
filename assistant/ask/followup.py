"""Follow-up questions ("那花都区呢?") turned into standalone ones before retrieval.

Retrieval and the extractive answerer see one question at a time, so a
follow-up must carry its whole context. With an LLM the rewrite prompt does
this (`llm_rewrite`, prompts/rewrite.txt); without one, `standalone` substitutes
the new place, agency or year into the previous question: small, predictable
rules that cover the common "那X呢?" turn and leave anything else unchanged.
`standalone_question` is the one entry the pipeline calls: it picks the way and says what it did.
"""
from __future__ import annotations

import re

from index import numerals
from index import vocabulary as vocab
from index.normalize import normalize

from ..contract import MARKER, MAX_QUESTION_CHARS
from ..prompts import prompt_text, render
from .llm_step import SHOWN
from .question import place_candidates
from .question_words import UNIT
from .tuning import FollowUp

# A place, an agency of it, or a body named alone ("那花都区呢?", "那市司法局呢?"), by the vocabulary's endings.
PLACE = rf"[\u4e00-\u9fff]{{1,6}}?{vocab.place_ending()}"
AGENCY = rf"[\u4e00-\u9fff]{{0,10}}?{vocab.agency_ending()}"
ENTITY = re.compile(rf"(?>(?:{PLACE}){{1,4}})(?:{AGENCY})?|[\u4e00-\u9fff]{{1,8}}?{vocab.author_ending()}")
YEAR = re.compile(rf"({numerals.YEAR_NUMBER})\s*年(度)?")
LEAD = re.compile(r"^(?:那么|那如果是|如果是|那在|那|还有|另外|换成|再看看?|再问一下|同样地?)\s*")
# Bounded runs: a search restarts at every character, and unbounded runs made that quadratic.
TAIL = re.compile(r"(?:的情况|情况|的|又|是)?(?:呢|吗|怎么样|如何)?\s{0,8}[?？。!！]{0,8}\s{0,8}$")
ASK_TAIL = re.compile(r"(?:是多少|有多少|多少\w{0,2}|几\w?|是否\w*|有哪些|哪些\w*|是什么|如何)\s*[?？]?\s*$")
ASKS = re.compile(r"多少|几|哪|是否|什么|如何|怎样")
AMOUNT_END = re.compile(r"(?:率|数|数量|金额|比例|比重)$")  # "…的出庭率": asks a figure, not a list
# What a count question counts, when it follows the measure word: "收到多少宗行政许可申请?" → 行政许可申请.
COUNTED_AFTER = re.compile(rf"(?:多少|几)\s{{0,4}}(?:{UNIT})([\u4e00-\u9fff]{{2,16}})\s{{0,4}}[?？]?\s{{0,4}}$")
COUNT_ONLY = re.compile(rf"(?:多少|几)\s{{0,4}}(?:{UNIT})?$")  # "受理了多少宗": asks a count, names nothing counted


def core(question: str) -> str:
    """The follow-up without "那…呢?": the new thing the user names."""
    return TAIL.sub("", LEAD.sub("", question.strip())).strip()


def is_follow_up(question: str, f: FollowUp) -> bool:
    """Short (`f.max_chars` once stripped) and shaped like a follow-up: starts with 那/还有… or ends with 呢."""
    text = question.strip()
    shaped = bool(LEAD.match(text)) or bool(re.search(r"呢\s*[?？]?\s*$", text))
    return shaped and 0 < len(core(text)) <= f.max_chars


def _replace_year(previous: str, year: str) -> str:
    if YEAR.search(previous):
        return YEAR.sub(lambda m: f"{year}年" + (m.group(2) or ""), previous, count=1)
    return f"{year}年{previous}"


def _replace_entity(previous: str, entity: str) -> str:
    match = ENTITY.search(previous)
    if match:
        return previous[:match.start()] + entity + previous[match.end():]
    return entity + previous


def rule_rewrite(question: str, previous: str, f: FollowUp) -> str:
    """`question` as a standalone question, given the previous standalone question."""
    if not previous or not is_follow_up(question, f):
        return question.strip()
    rest = core(question)
    year = YEAR.search(rest)
    rest = YEAR.sub("", rest).strip()
    entity = ENTITY.fullmatch(rest)
    if not year and not entity:
        return new_topic(rest, previous)
    if rest and not entity:
        return question.strip()  # more than a name and a year: not a rule's job
    rewritten = _replace_year(previous, year.group(1)) if year else previous
    return _replace_entity(rewritten, rest) if entity else rewritten


def new_topic(rest: str, previous: str) -> str:
    """A follow-up on another topic. "那增城区城管局的问题和不足呢?" names its own subject: it stands alone
    (the previous place and year are not its), asked "有哪些" (or "是多少" for a rate or a count). "那行政复议案件呢?" keeps the previous subject and asks the
    same way; "那受理了多少宗呢?" keeps it and the thing counted (多少宗行政许可申请)."""
    if place_candidates(normalize(rest)):  # asked as a question of its own: a figure, or the items of a topic
        return rest + ("?" if ASKS.search(rest) else "是多少?" if AMOUNT_END.search(rest) else "有哪些?")
    subject = "".join(m.group() for m in [ENTITY.search(previous), YEAR.search(previous)] if m)
    if not ASKS.search(rest):
        ask = ASK_TAIL.search(previous)
        return f"{subject}{rest}{ask.group().strip() if ask else '?'}"
    counted = COUNTED_AFTER.search(previous)
    carried = counted.group(1) if counted and COUNT_ONLY.search(rest) else ""
    return f"{subject}{rest}{carried}?"


def user_turns(history: list[dict] | None) -> list[str]:
    return [str(t.get("content", "")).strip() for t in history or []
            if isinstance(t, dict) and t.get("role") == "user" and str(t.get("content", "")).strip()]


def standalone(question: str, history: list[dict] | None, f: FollowUp) -> str:
    """Rule-based rewrite through the whole conversation, so a chain of follow-ups keeps its context."""
    previous = ""
    for turn in user_turns(history):
        previous = rule_rewrite(turn, previous, f)
    return rule_rewrite(question, previous, f)


def history_text(history: list[dict] | None, f: FollowUp) -> str:
    """The last turns for the rewrite prompt, answers shortened and without citation markers."""
    lines = []
    for turn in (history or [])[-f.history_turns:]:
        if not isinstance(turn, dict) or turn.get("role") not in ("user", "assistant"):
            continue
        text = MARKER.sub("", str(turn.get("content", ""))).strip().replace("\n", " ")
        if len(text) > f.history_chars:
            text = text[:f.history_chars] + "…"
        lines.append(("用户: " if turn["role"] == "user" else "助手: ") + text)
    return "\n".join(lines) or "(无)"


def clean_rewrite(reply: str, question: str, limit: int = 300) -> str:
    """The model's rewrite as one question; the original when the reply is empty or runs on."""
    lines = [ln.strip() for ln in reply.strip().splitlines() if ln.strip()]
    if not lines:
        return question
    text = re.sub(r"^(?:改写后的问题|问题|改写)\s*[:：]\s*", "", lines[0]).strip().strip("\"'“”「」")
    return text if 0 < len(text) <= limit else question


def llm_rewrite(client, question: str, history: list[dict], f: FollowUp) -> str:
    """A follow-up as a standalone question, through prompts/rewrite.txt."""
    prompt = render(prompt_text("rewrite"), history=history_text(history, f), question=question)
    return clean_rewrite(client.complete(prompt), question)


def standalone_question(question: str, history, mode: str, llm_client, f: FollowUp) -> tuple[str, str, list[str]]:
    """(standalone question, mode, notes): a follow-up rewritten with the LLM in LLM mode, else by rule;
    an LLM that cannot be reached answers nothing this turn (the mode goes extractive, with a note)."""
    if not user_turns(history):
        return question, mode, []
    notes = []
    if mode == "llm":
        from ..llm import LLMUnavailable
        try:
            rewritten = llm_rewrite(llm_client(), question, history, f)
        except LLMUnavailable as exc:  # the answer call would fail the same way: go extractive now
            rewritten, mode = standalone(question, history, f), "extractive"
            notes.append(f"{exc.message};{SHOWN}")
    else:
        rewritten = standalone(question, history, f)
    if rewritten != question and len(rewritten) <= MAX_QUESTION_CHARS:
        notes.insert(0, f"追问理解为:{rewritten}")
        return rewritten, mode, notes
    return question, mode, notes
