"""The command line's own words in Chinese: usage errors, and the frame of `--help`.

Why here and not in click: click writes its messages in English (through
gettext, with no Chinese catalogue shipped), and a user of `rolqa` reads
Chinese everywhere else. The usage errors are rebuilt from what the exception
knows (which parameter, which command), never by translating click's sentence,
so a click upgrade cannot leak English; flags, commands and paths stay literal.
"""
from __future__ import annotations

import re

import click

_CJK = re.compile(r"[\u4e00-\u9fff]")
HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}
HELP_OPTION = "显示本帮助并退出。"
PARAM_KINDS = {"argument": "参数", "option": "选项"}
NO_ARGS = getattr(click.exceptions, "NoArgsIsHelpError", ())  # click >= 8.2: `rolqa` alone shows the help


class ChineseFormatter(click.HelpFormatter):
    """`用法:` and Chinese section headings; the help texts themselves are given in Chinese by each command."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "用法:" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(HEADINGS.get(heading, heading))


class ChineseContext(click.Context):
    formatter_class = ChineseFormatter


class ChineseHelp:
    """Mixin for click commands and groups: the help frame, the usage line and the help option in Chinese."""

    context_class = ChineseContext

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION
        return option


class ChineseCommand(ChineseHelp, click.Command):
    pass


def _hint(exc: click.BadParameter) -> str:
    if exc.param_hint:
        return exc.param_hint if isinstance(exc.param_hint, str) else " / ".join(exc.param_hint)
    return exc.param.get_error_hint(exc.ctx) if exc.param is not None else "参数"


def expected(kind: click.ParamType) -> str:
    """What a parameter of this type accepts, in Chinese."""
    if isinstance(kind, (click.IntRange, click.FloatRange)):
        word = "整数" if isinstance(kind, click.IntRange) else "数"
        low, high = kind.min, kind.max
        if low is not None and high is not None:
            return f"应为 {low} 到 {high} 之间的{word}"
        return f"应为不小于 {low} 的{word}" if low is not None else f"应为不大于 {high} 的{word}"
    if isinstance(kind, click.Choice):
        return "可选:" + ", ".join(str(c) for c in kind.choices)
    if isinstance(kind, click.Path):
        return "应为文件,不能是文件夹" if not kind.dir_okay else "应为文件夹" if not kind.file_okay else "路径无效"
    return {"integer": "应为整数", "float": "应为数字", "boolean": "应为是或否"}.get(kind.name, "格式不对")


def _did_you_mean(possibilities) -> str:
    return f"(是不是想用 {', '.join(sorted(possibilities))}?)" if possibilities else ""


def usage_message(exc: click.UsageError) -> str:
    """One Chinese line for a usage error, built from the exception's parameter or command."""
    if isinstance(exc, click.MissingParameter):
        kind = PARAM_KINDS.get(exc.param_type or (exc.param.param_type_name if exc.param else ""), "参数")
        return f"缺少{kind} {_hint(exc)}"
    if isinstance(exc, click.BadParameter):
        detail = exc.message if _CJK.search(exc.message) or exc.param is None else expected(exc.param.type)
        return f"{_hint(exc)} 的值无效:{detail}"
    if isinstance(exc, click.NoSuchOption):
        return f"没有选项 {exc.option_name}{_did_you_mean(exc.possibilities)}"
    no_such_command = getattr(click.exceptions, "NoSuchCommand", None)  # click >= 8.4
    if no_such_command and isinstance(exc, no_such_command):
        return f"没有命令 {exc.command_name!r}{_did_you_mean(exc.possibilities)}"
    if isinstance(exc, click.BadOptionUsage):
        return f"选项 {exc.option_name} 的用法不对(缺少它的值,或给了它不接受的值)"
    if _CJK.search(exc.message):
        return exc.message
    return "命令用法不对"
