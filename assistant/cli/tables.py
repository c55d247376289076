"""`rolqa indicators` and `rolqa review`: the two tables, as text, JSON or CSV (for Excel)."""
from __future__ import annotations

import sys

import click

from index.errors import BadInput

from .main import _json, assistant
from .output import print_indicator_rows, print_review_rows
from .usage import ChineseCommand

def print_table_data(rows: list[dict], as_json: bool, to_csv) -> bool:
    """Rows as a JSON array (--json) or CSV bytes (--csv, `to_csv` given); False when neither was asked."""
    if as_json:
        _json(rows)
    elif to_csv:
        sys.stdout.buffer.write(to_csv(rows).encode("utf-8"))
        sys.stdout.flush()
    return bool(as_json or to_csv)


@click.command(cls=ChineseCommand, help="法治指标一览:每份报告的标准指标数字,附所依据的原文。")
@click.option("--indicator", "ids", multiple=True, help="只看这个指标编号(见 --list);可重复。")
@click.option("--agency", multiple=True, help="只查单位名称包含此文字的报告;可重复。")
@click.option("--year", multiple=True, type=int, help="只查这一年度的报告;可重复。")
@click.option("--json", "as_json", is_flag=True, help="以一个 JSON 数组输出各行。")
@click.option("--csv", "as_csv", is_flag=True, help="以带表头的 CSV 输出(UTF-8 带 BOM,Excel 可直接打开)。")
@click.option("--list", "as_list", is_flag=True, help="列出指标目录中的指标编号和名称。")
@click.pass_context
def indicators(ctx, ids, agency, year, as_json, as_csv, as_list):
    """The indicator table, as text, JSON or CSV (for Excel)."""
    from ..indicator_rows import EXPORT

    if as_json and as_csv:
        raise BadInput("--json 和 --csv 只能选一个")
    service = assistant(ctx)
    if as_list:
        for ind in service.indicator_catalogue():
            click.echo(f"{ind['id']:34} {ind['label']}  ({ind['kind']}: {' '.join(ind['units'])})")
        return
    rows = service.indicators(ids, agency, year)
    if not print_table_data(rows, as_json, as_csv and EXPORT.csv):
        print_indicator_rows(rows, bool(service.reports()))


@click.command(cls=ChineseCommand, help="报告审查:逐份检查年度报告应有的五项内容、公开期限和应列指标。")
@click.argument("refs", nargs=-1, metavar="[报告编号或文件名]...")
@click.option("--agency", multiple=True, help="只查单位名称包含此文字的报告;可重复。")
@click.option("--year", multiple=True, type=int, help="只查这一年度的报告;可重复。")
@click.option("--json", "as_json", is_flag=True, help="以一个 JSON 数组输出各行(含每项的原文和段落)。")
@click.option("--csv", "as_csv", is_flag=True, help="以带中文表头的 CSV 输出(UTF-8 带 BOM,Excel 可直接打开)。")
@click.pass_context
def review(ctx, refs, agency, year, as_json, as_csv):
    """The review table, as text, JSON or CSV (for Excel)."""
    from ..review_rows import EXPORT

    if as_json and as_csv:
        raise BadInput("--json 和 --csv 只能选一个")
    service = assistant(ctx)
    rows = service.review(list(refs), agency, year)
    if not print_table_data(rows, as_json, as_csv and EXPORT.csv):
        print_review_rows(rows, bool(service.reports()))
