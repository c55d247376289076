"""How the command line's results look on a terminal: Chinese labels around the service's dicts.

`--json` prints the dicts themselves (English keys, the API's contract); these
functions are the human-readable form of the same data, one per command.
"""
from __future__ import annotations

import re

import click

NO_REPORTS = "还没有索引任何报告:请运行 rolqa ingest data/reports"
STATUS_WORDS = {"indexed": "新增", "unchanged": "未变", "replaced": "替换", "failed": "失败"}


def print_ingest_summary(summary) -> None:
    """One line per file that changed (with the reason of a failure), then the counts."""
    for r in summary.results:
        if r.status != "unchanged":
            click.echo(f"{STATUS_WORDS[r.status]}  {r.source}" + (f":{r.reason}" if r.reason else ""))
    counts = summary.to_dict()["counts"]
    click.echo(",".join(f"{STATUS_WORDS[status]} {n} 份" for status, n in counts.items()))
    for note in summary.notes:
        click.echo(f"⚠ {note}", err=True)


ORIGINS = {"title": "标题", "organisation line": "单位行", "opening": "开头一句", "signature": "落款", "jurisdiction": "所称本地",
           "self-reference": "“我局”等自称", "page": "页面信息", "file name": "文件名"}


def first_warning(text: str) -> str:
    """An ingest warning without the garbled characters it removed (they are unreadable by definition;
    `rolqa reports --json` keeps them)."""
    return re.sub(r"(删除了 \d+ 个乱码字符)[::(].*$", r"\1", text)


def print_report_rows(rows: list[dict]) -> None:
    """One line per report, with the first ingest warning (a repaired or removed garbled span) if any."""
    if not rows:
        click.echo(NO_REPORTS)
    for r in rows:
        warn = f"  ⚠ {len(r['warnings'])} 条导入提示:{first_warning(r['warnings'][0])}" if r["warnings"] else ""
        doubt = f"  ⚠ 单位读取不确定(把握 {r.get('confidence') or 0:.0%},来自{ORIGINS.get(r['origin']['agency'], r['origin']['agency'])})" \
            if r.get("unsure") else ""
        click.echo(f"{r['report_id']}  {r['source']}  {r['agency'] or '单位未知'}  {r.get('level') or '层级未知'}  "
                   f"{r['year'] or '年度未知'}  发布 {r['published'] or '未知'}  {r['script']}  "
                   f"{r['paragraphs']}段/{r['chunks']}块{scan_summary(r.get('ocr'))}{doubt}{warn}")


def scan_summary(ocr: dict | None) -> str:
    """"  扫描件 6页:OCR 识别 100%,平均置信度 99%" for a scanned report, else nothing."""
    if not ocr:
        return ""
    conf = f",平均置信度 {ocr['mean_conf']:.0%}" if ocr.get("mean_conf") is not None else ""
    return f"  扫描件 {ocr['pages']}页:OCR 识别 {ocr['share']:.0%}{conf}"


def print_hits(hits: list[dict]) -> None:
    """Each retrieved passage: where it is, its score and report id, then its first 300 characters."""
    if not hits:
        click.echo("没有找到相关段落(索引是否为空?可运行 rolqa ingest data/reports)")
    for i, h in enumerate(hits, start=1):
        click.echo(f"{i}. {h['agency'] or h['source']} {h['year'] or ''} · {h['section']} · 第{h['paragraph']}段"
                   f"  (得分 {h['score']:.4f},{h['report_id']})")
        click.echo("   " + h["text"][:300] + ("…" if len(h["text"]) > 300 else ""))


def print_answer(answer: dict, text: bool = True) -> None:
    """The answer (unless it was streamed already), its numbered sources with their quotes, and its notes."""
    if text:
        click.echo(answer["answer"])
    if answer["citations"]:
        click.echo("\n来源:")
    for c in answer["citations"]:
        page = (f"第{c['page']}页" + ("(OCR 识别)" if c.get("ocr") else "")) if c.get("page") else None
        unsure = f"识别把握低的数字:{'、'.join(c['uncertain'])}" if c.get("uncertain") else None
        where = " · ".join(str(x) for x in (c["agency"] or c["source"], f"{c['year']}年度" if c["year"] else None,
                                            c["section"] or None, f"第{c['paragraph']}段" if c["paragraph"] else None,
                                            page, unsure) if x)
        click.echo(f"[{c['n']}] {where}\n    “{c['quote']}”")
    for note in answer.get("notes", []):
        click.echo(f"注: {note}")


def print_scores(result: dict) -> None:
    """Each item (✓/✗, the answer of a wrong one), then accuracy per type, citations, recall and latency."""
    for item in result["items"]:
        mark = "✓" if item["correct"] else "✗"
        click.echo(f"{mark} {item['id']} [{item['type']}] {item['question']}")
        if not item["correct"]:
            click.echo("    → " + item["answer"].replace("\n", "\n      "))
    click.echo(f"\n准确率 {result['correct']}/{result['total']} = {result['accuracy']:.1%}")
    for kind, v in result["by_type"].items():
        click.echo(f"  {kind:12} {v['correct']}/{v['total']}")
    recall = ",".join(f"{k} {v:.1%}" for k, v in result["retrieval_recall"].items() if v is not None)
    click.echo(f"引用有效率 {result['citation_validity']:.1%}(共 {result['citations']} 条);"
               f"检索召回率 {recall};耗时 p50 {result['latency_ms']['p50']} ms,"
               f"p95 {result['latency_ms']['p95']} ms")


def print_indicator_rows(rows: list[dict], indexed: bool) -> None:
    """The indicator table grouped by indicator: the figure as written, who, which year, where, the quote."""
    if not rows:
        click.echo("已索引的报告中没有找到指标数据" if indexed else NO_REPORTS)
    label = None
    for r in rows:
        if r["label"] != label:
            label = r["label"]
            click.echo(f"\n{label} ({r['indicator']})")
        qualifier = f" [{r['qualifier']}]" if r["qualifier"] else ""
        click.echo(f"  {r['text']:>10}{qualifier}  {r['agency'] or r['source']} {r['year'] or ''} · 第{r['paragraph']}段"
                   f"  “{r['quote']}”")


def print_review_rows(rows: list[dict], indexed: bool) -> None:
    """One block per report: its kind, the five contents (✔ part, ◐ inside, ✘ missing, ? unknown, each
    with its paragraph), publication against the deadline, indicators not stated, whole or cut."""
    from ..review_rows import SHORT_LABELS, STATUS, indicator_names, on_time_text

    if not rows:
        click.echo("没有可审查的报告" if indexed else NO_REPORTS)
    for r in rows:
        click.echo(f"\n{r['agency'] or r['source']} {r['year'] or ''}  [{r['kind_label']}:{r['kind_reason']}]  {r['source']}")
        for key, label in SHORT_LABELS.items():
            cell = r["parts"][key]
            where = f"  第{cell['paragraph']}段 “{cell['quote'][:40]}”" if cell["quote"] else ""
            click.echo(f"  {label:<8} {STATUS[cell['status']]}{where}")
        click.echo(f"  公开     {r['published'] or '页面未注明'}(期限 {r['deadline'] or '未知'}):{on_time_text(r)}")
        if r["indicators_missing"]:
            click.echo(f"  未列指标 {indicator_names(r['indicators_missing'])}")
        if not r["complete"]:
            click.echo(f"  ⚠ {r['complete_reason']}:未见的内容记为“未知”而不是“缺少”")
