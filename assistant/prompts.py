"""Prompts and answer templates are data in prompts/, rendered with strict variables.

A template that names a variable the caller did not give is an error (never a
silent gap in an answer), and so is a missing template file.
"""
from __future__ import annotations

import functools
import string
import tomllib
from pathlib import Path

from index.errors import ConfigError, file_problem

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"


class _Strict(dict):
    def __missing__(self, key):
        raise ConfigError(f"提示模板中的变量 {{{key}}} 没有给出")


def render(template: str, **values) -> str:
    """str.format with every variable required and no attribute or index access."""
    for _, field, _, _ in string.Formatter().parse(template):
        if field is not None and not field.isidentifier():
            raise ConfigError(f"提示模板中的 {{{field}}} 不是简单的变量名")
    return template.format_map(_Strict(values))


@functools.cache
def templates(name: str) -> dict[str, str]:
    """The templates of prompts/NAME.toml."""
    path = PROMPTS_DIR / f"{name}.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"无法读取提示模板 {path}:{file_problem(exc)}")


def prompt_text(name: str) -> str:
    """A plain-text prompt, prompts/NAME.txt."""
    path = PROMPTS_DIR / f"{name}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"无法读取提示文件 {path}:{file_problem(exc)}")


def fill(name: str, key: str, **values) -> str:
    try:
        template = templates(name)[key]
    except KeyError:
        raise ConfigError(f"prompts/{name}.toml 中没有模板 {key!r}")
    return render(template, **values)
