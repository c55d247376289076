"""Near misses by a sibling measure: is a figure of one kind ever given for another?

    python benchmarks/bench_siblings.py [--homes DIR] [--only real,real2]

Every fact question of ../shared/eval/real … real4 that names a measure word of the list below has
that word swapped for a sibling of it (受理 → 审结, 行政复议 → 行政诉讼, 培训 → 考试 …). Nobody knows the
swapped question's answer, but one answer is surely wrong: the original gold figure quoted from the
original gold sentence whose quote lacks the sibling word (it states the original measure, not the
one now asked). The benchmark counts those; a refusal or another sentence is not graded.

The swaps are this file's own list, written from the domain, independent of prompts/contrasts.txt
(which the answerer reads), so the answerer is not graded by its own data.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from answer_snapshot import SHARED  # noqa: E402

SWAPS = [("受理", "审结"), ("审结", "受理"), ("行政复议", "行政诉讼"), ("行政诉讼", "行政复议"), ("出庭率", "胜诉率"),
         ("胜诉率", "出庭率"), ("纠错率", "胜诉率"), ("培训", "考试"), ("考试", "培训"), ("新收", "审结"), ("一审", "二审"),
         ("行政处罚", "行政许可"), ("行政许可", "行政处罚"), ("立案", "结案"), ("备案审查", "清理"), ("清理", "备案审查"),
         ("法律顾问", "公职律师"), ("学法", "培训"), ("普法", "调解"), ("调解", "普法"),
         ("规范性文件", "重大行政决策"), ("重大行政决策", "规范性文件"), ("复议", "诉讼"), ("诉讼", "复议"),
         ("申请", "决定"), ("人次", "场次"), ("讲座", "培训")]


def swapped(question: str) -> tuple[str, str] | None:
    """The question with its first swappable word swapped, and the sibling word; None if it has none."""
    for old, new in SWAPS:
        if old in question and new not in question:
            return question.replace(old, new, 1), new
    return None


def gives_original(answer, gold: dict, sibling: str) -> bool:
    """The answer quotes the gold sentence for the gold figure, and the quote does not name the sibling."""
    keys = gold["answer_keys"][0]
    heads = [s["quote"][:12] for s in gold["sources"]]
    return answer.status == "answered" and any(
        any(k in c.quote for k in keys) and any(h in c.quote for h in heads) and sibling not in c.quote
        for c in answer.citations)


def run_folder(folder: str, homes: Path) -> tuple[int, int, list[str]]:
    from assistant.service import Assistant
    from index.config import Settings

    assistant = Assistant(Settings(home=homes / folder))
    assistant.ingest([SHARED / folder])  # a kept home is reused: its reports are already indexed
    asked = wrong = 0
    lines = []
    for line in (SHARED / folder / "qa.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        swap = swapped(gold["question"]) if gold["type"] == "fact" and gold["answer_keys"] else None
        if swap is None:
            continue
        asked += 1
        answer = assistant.ask(swap[0])
        if gives_original(answer, gold, swap[1]):
            wrong += 1
            lines.append(f"{folder} {gold['id']} {swap[0]} | {answer.answer.splitlines()[0][:100]}")
    return asked, wrong, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--homes", type=Path, help="keep (and reuse) the indexed homes here")
    parser.add_argument("--only", default="real,real2,real3,real4", help="folders of ../shared/eval")
    args = parser.parse_args()
    homes = args.homes or Path(tempfile.mkdtemp(prefix="rolqa-siblings-"))
    total_asked = total_wrong = 0
    for folder in args.only.split(","):
        asked, wrong, lines = run_folder(folder, homes)
        print("\n".join(lines)) if lines else None
        print(f"{folder}: {wrong} of {asked} sibling questions answered with the original figure")
        total_asked, total_wrong = total_asked + asked, total_wrong + wrong
    print(f"all: {total_wrong} of {total_asked}")


if __name__ == "__main__":
    main()
