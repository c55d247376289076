"""`rolqa chat`: a conversation on stdin, each answer streamed, follow-ups understood (the service reads them)."""
from __future__ import annotations

import sys

import click

from index.errors import RolqaError

from ..service import Assistant
from .main import answer_options, filters_of, ready
from .output import print_answer
from .usage import ChineseCommand

EXIT_WORDS = {"exit", "quit", "退出", ":q"}


def stdin_lines(interactive: bool):
    """Questions from stdin, one per line, whether or not it is a terminal (EOF ends the chat)."""
    while True:
        if interactive:
            click.echo("问> ", nl=False, err=True)
        raw = sys.stdin.buffer.readline()
        if not raw:
            return
        yield raw.decode("utf-8", errors="replace").strip()


def chat_turn(service: Assistant, question: str, filters: dict, mode: str, history: list[dict]) -> dict:
    """Stream one answer to the terminal; print the verified text too when verification changed it."""
    streamed = []
    for event in service.ask_stream(question, filters, mode, history):
        if event["type"] == "token":
            streamed.append(event["text"])
            click.echo(event["text"], nl=False)
            sys.stdout.flush()
        else:
            answer = event["answer"]
    raw = "".join(streamed).strip()
    changed = bool(raw) and raw != answer["answer"].strip()
    if raw:
        click.echo()  # ends the streamed text
    if changed:
        click.echo(f"\n—— 核实后的答案({'LLM' if answer['mode'] == 'llm' else '抽取式'},以此为准) ——")
    print_answer(answer, text=not raw or changed)
    return answer


@click.command(cls=ChineseCommand, short_help="对话:逐行提问,理解追问,流式输出答案。",
             help="对话:从标准输入逐行读取问题,理解追问(如“那花都区呢?”),流式输出答案。"
                  "输入结束或输入 exit / quit / 退出 时结束。")
@answer_options
@click.pass_context
def chat(ctx, mode, reports_, agency, year):
    """A conversation on stdin; a bad question prints its error and the conversation goes on."""
    service, filters, history = ready(ctx, mode), filters_of(reports_, agency, year), []
    interactive = sys.stdin.isatty()
    for question in stdin_lines(interactive):
        if question.lower() in EXIT_WORDS:
            break
        if not question:
            continue
        if not interactive:  # piped in: show which question each answer belongs to
            click.echo(f"问: {question}")
        try:
            answer = chat_turn(service, question, filters, mode, history)
        except RolqaError as exc:  # one bad question does not end the conversation
            click.echo(f"错误:{exc.message}", err=True)
            continue
        history += [{"role": "user", "content": answer["question"]}, {"role": "assistant", "content": answer["answer"]}]
        click.echo()
