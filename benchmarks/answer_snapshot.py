"""Store every answer of the eval sets, and diff two stored runs: a refactor must not change one.

    python benchmarks/answer_snapshot.py save OUT.json [--homes DIR] [--set GOLD REPORTS]...
    python benchmarks/answer_snapshot.py diff BEFORE.json AFTER.json
    python benchmarks/answer_snapshot.py score RUN.json [--set GOLD REPORTS]...

`save` indexes each set's reports in a home of its own (under `--homes`, kept
and reused when given, so a second run of the same code asks the same index)
and stores, per question, the status, answer text, citations and notes. Default
sets: dev_qa over data/reports, and the qa.jsonl and qa_reworded.jsonl of
../shared/eval/real, real2, real3 and real4 over their folders. `diff` prints each question whose answer differs
and exits 1 when any does. `score` grades a stored run with `rolqa eval`'s rule
(per set and question type), without asking again.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared" / "eval"
DEFAULT_SETS = [(SHARED / "dev_qa.jsonl", ROOT / "data" / "reports")] + \
    [(SHARED / name / gold, SHARED / name) for name in ("real", "real2", "real3", "real4")
     for gold in ("qa.jsonl", "qa_reworded.jsonl")]
KEPT = ("status", "answer", "citations", "notes")


def answers_of(gold: Path, reports: Path, home: Path) -> dict[str, dict]:
    from assistant.evaluate import load_gold
    from assistant.service import Assistant
    from index.config import Settings

    service = Assistant(Settings(home=home))
    service.ingest([reports])
    out = {}
    for item in load_gold(gold):
        answer = service.ask(item["question"]).to_dict()
        out[f"{item.get('id')}:{item['question']}"] = {k: answer.get(k) for k in KEPT}
    return out


def save(out: Path, sets, homes: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = homes or Path(tmp)
        data = {f"{reports.name}/{gold.name}": answers_of(gold, reports, base / reports.name)
                for gold, reports in sets}
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{sum(len(v) for v in data.values())} answers over {len(data)} sets -> {out}")


def diff(before: Path, after: Path) -> int:
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (before, after))
    changed = 0
    for name in sorted(set(a) | set(b)):
        left, right = a.get(name, {}), b.get(name, {})
        for key in sorted(set(left) | set(right)):
            if left.get(key) != right.get(key):
                changed += 1
                print(f"- {name} {key}\n  before: {json.dumps(left.get(key), ensure_ascii=False)[:400]}"
                      f"\n  after:  {json.dumps(right.get(key), ensure_ascii=False)[:400]}")
    total = sum(len(v) for v in b.values())
    print(f"{changed} of {total} answers differ" if changed else f"all {total} answers identical")
    return 1 if changed else 0


def score(run: Path, sets) -> None:
    """Each set of a stored run graded by `rolqa eval`'s rule, by question type."""
    from collections import defaultdict

    from assistant.evaluate import is_correct, load_gold

    data = json.loads(run.read_text(encoding="utf-8"))
    for gold, reports in sets:
        answers = data.get(f"{reports.name}/{gold.name}")
        if answers is None:
            continue
        by_type = defaultdict(lambda: [0, 0])
        for item in load_gold(gold):
            got = answers.get(f"{item.get('id')}:{item['question']}")
            by_type[item.get("type", "untyped")][0] += bool(got) and is_correct(item, got)
            by_type[item.get("type", "untyped")][1] += 1
        right, total = (sum(v[i] for v in by_type.values()) for i in (0, 1))
        kinds = ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(by_type.items()))
        print(f"{reports.name}/{gold.name}: {right}/{total} ({right / total:.1%}) — {kinds}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("save")
    s.add_argument("out", type=Path)
    s.add_argument("--homes", type=Path, help="keep (and reuse) the indexed homes here")
    s.add_argument("--set", nargs=2, action="append", metavar=("GOLD", "REPORTS"))
    d = sub.add_parser("diff")
    d.add_argument("before", type=Path)
    d.add_argument("after", type=Path)
    c = sub.add_parser("score")
    c.add_argument("run", type=Path)
    c.add_argument("--set", nargs=2, action="append", metavar=("GOLD", "REPORTS"))
    args = parser.parse_args()
    if args.command == "diff":
        sys.exit(diff(args.before, args.after))
    sets = [(Path(g), Path(r)) for g, r in args.set] if args.set else DEFAULT_SETS
    if args.command == "score":
        return score(args.run, sets)
    save(args.out, sets, args.homes)


if __name__ == "__main__":
    main()
