"""Answer quality on every eval set, metadata accuracy, and a cross-check of the answer thresholds.

For each gold set (default: ../shared/eval/dev_qa.jsonl over data/reports, and
../shared/eval/real/qa.jsonl over ../shared/eval/real) the reports are indexed in a
home of their own and `rolqa eval` is run; one table prints accuracy per question
type. Where a MANIFEST.json lies beside the reports, the extracted agency and year
are compared with it (the manifest is a measure, never an input).

Agency comparison: both names are simplified, stripped of spaces, punctuation,
"中华人民共和国" and the manifest's notes in brackets. A name is right when it equals
the manifest's, or names the same organisation as written in the report: the same
organisation word (an abbreviation counts: 市场监管局 ⊑ 市场监督管理局) with no place
the manifest lacks. A report may leave out its city (龙华区司法局 for 深圳市龙华区司法局):
rolqa adds a place only when the report states it. A place named as the author
(通州区) is its government, a 街道 named alone its 街道办事处.

`--thresholds` re-runs both sets with the decision thresholds of prompts/thresholds.toml
swept over a grid (each value passed in as another Tuning, nothing patched), picks the
best value on one half of the questions and reports it on the other half (and the
reverse), so a threshold that only fits one half shows.

    python benchmarks/bench_answers.py [--set GOLD REPORTS]... [--thresholds] [--json]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.evaluate import evaluate, load_gold  # noqa: E402
from assistant.service import Assistant  # noqa: E402
from assistant.ask.targets import agency_core, is_abbreviation, place_units  # noqa: E402
from index.config import Settings  # noqa: E402
from index.normalize import normalize  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"
DEFAULT_SETS = [(SHARED / "dev_qa.jsonl", ROOT / "data" / "reports"), (SHARED / "real" / "qa.jsonl", SHARED / "real")]
GRID = {"decide.number_coverage": [0.3, 0.4, 0.5], "decide.text_coverage": [0.5, 0.55, 0.6, 0.65, 0.7]}


def clean_name(name: str) -> str:
    name = re.sub(r"[(（][^)）]*[)）]", "", name or "")
    return re.sub(r"[\s、,，·]|^中华人民共和国", "", normalize(name))


def same_agency(found: str | None, true: str) -> bool:
    """Does the extracted agency name the manifest's organisation (see the module docstring)?"""
    if not found:
        return False
    found, true = clean_name(found), clean_name(true)
    if found == true:
        return True
    if re.fullmatch(r"[\u4e00-\u9fff]{2,8}(?:区|县|市)", found):
        found += "人民政府"  # a place named as the author is its government
    if re.fullmatch(r"[\u4e00-\u9fff]{2,8}街道", found):
        found += "办事处"  # and a 街道 named alone is its office
    core_found, core_true = agency_core(found), agency_core(true)
    places_ok = all(unit in true for unit in place_units(found))
    return places_ok and bool(core_found) and (core_found == core_true or is_abbreviation(core_found, core_true)
                                               or is_abbreviation(core_true, core_found))


def metadata_accuracy(service: Assistant, manifest: Path) -> dict:
    truth = {row["file"]: row for row in json.loads(manifest.read_text(encoding="utf-8"))}
    rows = []
    for report in service.reports():
        true = truth.get(report["source"])
        if true:
            rows.append({"source": report["source"], "agency": report["agency"], "year": report["year"],
                         "true_agency": true["agency"], "true_year": true["year"],
                         "agency_ok": same_agency(report["agency"], true["agency"]),
                         "year_ok": report["year"] == true["year"], "origin": report.get("origin")})
    n = len(rows) or 1
    return {"agency": sum(r["agency_ok"] for r in rows) / n, "year": sum(r["year_ok"] for r in rows) / n,
            "reports": len(rows), "rows": rows}


def indexed(reports: Path, home: Path) -> Assistant:
    service = Assistant(Settings(home=home))
    service.ingest([reports])
    return service


def run_sets(sets, workdir: Path) -> list[dict]:
    results = []
    for i, (gold, reports) in enumerate(sets):
        service = indexed(reports, workdir / f"home{i}")
        result = {"gold": str(gold), "reports": str(reports), "eval": evaluate(service, load_gold(gold)),
                  "service": service}
        if (reports / "MANIFEST.json").is_file():
            result["metadata"] = metadata_accuracy(service, reports / "MANIFEST.json")
        results.append(result)
    return results


def accuracy_with(services_items, name: str, value: float) -> list[list[bool]]:
    """Per set, per question: correct with the threshold `name` (table.key) set to `value`."""
    from assistant.evaluate import is_correct
    flags = []
    for service, items in services_items:
        tuned = Assistant(service.settings, service.index, service.tuning.with_value(name, value))
        flags.append([is_correct(item, tuned.ask(item["question"]).to_dict()) for item in items])
    return flags


def cross_check(results: list[dict]) -> dict:
    """Best grid value on the even-numbered questions, scored on the odd ones, and the reverse."""
    services_items = [(r["service"], load_gold(Path(r["gold"]))) for r in results]
    out = {}
    for name, grid in GRID.items():
        current = results[0]["service"].tuning.value(name)
        scores = {v: [x for flags in accuracy_with(services_items, name, v) for x in flags] for v in grid}
        halves = {"even": lambda i: i % 2 == 0, "odd": lambda i: i % 2 == 1}
        picks = {}
        for tune, held in (("even", "odd"), ("odd", "even")):
            def acc(v, half):
                flags = [x for i, x in enumerate(scores[v]) if halves[half](i)]
                return sum(flags) / len(flags)
            best = max(grid, key=lambda v: (acc(v, tune), -abs(v - current)))
            picks[f"tuned on {tune}"] = {"value": best, "tuned": round(acc(best, tune), 3),
                                         "held out": round(acc(best, held), 3),
                                         "current on held out": round(acc(current, held), 3)}
        out[name] = {"current": current, **picks,
                     "all": {v: round(sum(s) / len(s), 3) for v, s in scores.items()}}
    return out


def print_tables(results: list[dict], thresholds: dict | None) -> None:
    types = sorted({t for r in results for t in r["eval"]["by_type"]})
    print("| set | " + " | ".join(types) + " | all | citations valid | p50 / p95 ms |")
    print("|---|" + "---|" * (len(types) + 3))
    for r in results:
        e = r["eval"]
        cells = [f"{e['by_type'][t]['correct']}/{e['by_type'][t]['total']}" if t in e["by_type"] else "" for t in types]
        print(f"| {Path(r['gold']).name} ({Path(r['reports']).name}) | " + " | ".join(cells)
              + f" | {e['correct']}/{e['total']} ({e['accuracy']:.1%}) | {e['citation_validity']:.1%}"
              f" | {e['latency_ms']['p50']} / {e['latency_ms']['p95']} |")
    for r in results:
        if "metadata" in r:
            m = r["metadata"]
            print(f"\nmetadata vs {Path(r['reports']).name}/MANIFEST.json: agency {m['agency']:.1%}, "
                  f"year {m['year']:.1%} of {m['reports']} reports")
            print("| file | agency (origin) | year | manifest |\n|---|---|---|---|")
            for row in m["rows"]:
                mark = lambda ok: "" if ok else " ✗"  # noqa: E731
                print(f"| {row['source']} | {row['agency']} ({(row['origin'] or {}).get('agency', '-')}){mark(row['agency_ok'])}"
                      f" | {row['year']}{mark(row['year_ok'])} | {row['true_agency']} {row['true_year']} |")
    if thresholds:
        print("\nthresholds (tuned on one half of the questions, scored on the other):")
        for name, data in thresholds.items():
            print(f"- {name} = {data['current']}: " + "; ".join(
                f"{k}: best {v['value']} ({v['tuned']:.1%} there, {v['held out']:.1%} held out; "
                f"current {v['current on held out']:.1%} held out)" for k, v in data.items() if k.startswith("tuned"))
                  + f"; whole grid {data['all']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", nargs=2, action="append", metavar=("GOLD", "REPORTS"), help="a gold set and its reports")
    parser.add_argument("--thresholds", action="store_true", help="cross-check the decision thresholds")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sets = [(Path(g), Path(r)) for g, r in args.set] if args.set else DEFAULT_SETS
    missing = [str(p) for pair in sets for p in pair if not p.exists()]
    if missing:
        sys.exit(f"bench_answers: not found: {', '.join(missing)}")
    with tempfile.TemporaryDirectory() as tmp:
        results = run_sets(sets, Path(tmp))
        thresholds = cross_check(results) if args.thresholds else None
        if args.json:
            print(json.dumps({"sets": [{k: v for k, v in r.items() if k != "service"} for r in results],
                              "thresholds": thresholds}, ensure_ascii=False, indent=1))
        else:
            print_tables(results, thresholds)


if __name__ == "__main__":
    main()
