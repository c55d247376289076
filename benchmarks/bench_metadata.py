"""Who wrote each report, for which year, at which level: `rolqa reports` against the MANIFESTs.

    python benchmarks/bench_metadata.py [FOLDER]... [--homes DIR] [--json]

Default folders: data/reports (no manifest: printed only) and ../shared/eval/real, real2,
real3, real4 and meta_dev. Each is indexed in a home of its own (kept under --homes and reused when given).
The manifest is a measure, never an input. The comparison is written here on purpose
with plain string rules, not with rolqa's own name matching, so the product cannot grade
itself:

- agency: both names simplified, without spaces, "中华人民共和国" and the manifest's notes in
  brackets. Right when equal, or when (a) the organisation word is the same or one is an
  abbreviation of the other (市场监管局 ⊑ 市场监督管理局, 政府 ⊑ 人民政府; a place named alone is
  its government, a 街道 its 办事处), (b) every place the found name states is one of the
  manifest's, and (c) the manifest's most local place is in the found name whenever the report
  text states that place (玉林市应急管理局 is wrong as "应急管理局" when the text says 玉林).
  A manifest of joint authors ("中共华容县委、华容县人民政府") needs both; alternatives
  separated by " / " are each accepted.
  A manifest that gives the agency as the text states it and an inferred full name (meta_dev:
  "agency", "agency_full") accepts either.
- level: the manifest's level (English, or already 部委 / 省 / 市 / 区县 / 街道乡镇) mapped to those five.
- year: equal.
- published: where the manifest gives the page's publication date, the same day.
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

from index.normalize import normalize  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"
DEFAULT_FOLDERS = [ROOT / "data" / "reports"] + [SHARED / name for name in ("real", "real2", "real3", "real4", "meta_dev")]
LEVEL_NAMES = ("部委", "省", "市", "区县", "街道乡镇")
PLACE_UNIT = re.compile(r"(?:中共)?([\u4e00-\u9fff]{1,9}?(?:自治区|自治州|自治县|特别行政区|省|市|州|盟|区|县|旗|街道|镇|乡))")
NOT_PLACES = ("城市", "市场", "社区", "街道办", "地区")
LEVELS = (("ministry", "部委"), ("street", "街道乡镇"), ("township", "街道乡镇"), ("province", "省"),
          ("municipality", "省"), ("district", "区县"), ("county", "区县"), ("city", "市"), ("prefecture", "市"))


def clean(name: str) -> str:
    name = re.sub(r"[(（][^)）]*[)）]", "", name or "")
    return re.sub(r"[\s,，·]|^中华人民共和国", "", normalize(name))


def places_and_core(name: str) -> tuple[list[str], str]:
    """Leading place units of an official name and the organisation word after them (a 街道办事处 written
    under its district's government, "鲤城区人民政府金龙街道办事处", is the district's 街道办事处)."""
    name = re.sub(r"^中共", "", name)
    name = re.sub(r"人民政府(?=.+(?:街道办事处|街道|镇|乡)(?:人民政府)?$)", "", name)
    places, pos = [], 0
    while (m := PLACE_UNIT.match(name, pos)) and len(m.group(1)) >= 2 and not m.group(1).startswith(NOT_PLACES):
        places.append(m.group(1))
        pos = m.end()
    return places, name[pos:]


def short(place: str) -> str:
    for suffix in ("自治州", "自治县", "街道", "省", "市", "州", "区", "县", "旗", "镇", "乡"):
        if place.endswith(suffix) and len(place) - len(suffix) >= 2:
            return place[:-len(suffix)]
    return place


def in_order(a: str, b: str) -> bool:
    rest = iter(b)
    return bool(a) and all(ch in rest for ch in a)


def same_core(found: str, true: str) -> bool:
    gov = ("人民政府", "政府", "")
    if found in gov and true.endswith("政府") or found == true:
        return True
    if found in ("", "办事处") and true in ("街道办事处", "办事处", "人民政府"):
        return True
    return in_order(found, true) or in_order(true, found)


def one_author(found: str, true: str, text: str) -> bool:
    found, true = clean(found), clean(true)
    if found == true:
        return True
    f_places, f_core = places_and_core(found)
    t_places, t_core = places_and_core(true)
    t_shorts = {short(p) for p in t_places}
    if not all(short(p) in t_shorts or p in true or any(t.startswith(short(p)) for t in t_shorts) for p in f_places):
        return False  # a place the organisation is not in
    local = t_places[-1] if t_places else None
    if local and short(local) in text and short(local) not in found:
        return False  # the text states the place, the name leaves it out
    return same_core(re.sub(r"党组$|党委$", "", f_core), re.sub(r"党组$|党委$", "", t_core))


def same_agency(found: str | None, true: str, text: str) -> bool:
    if not found:
        return False
    for alternative in true.split(" / "):
        alternative = re.sub(r"[(（][^)）]*[)）]", "", alternative)  # notes and other names in brackets are no authors
        wanted = [a for a in re.split(r"[、]", alternative) if a.strip()]
        given = [g for g in re.split(r"[、\s]+", found) if g.strip()]
        if all(any(one_author(g, w, text) for g in given) for w in wanted):
            return True
    return False


def level_of(text: str) -> str | None:
    if text in LEVEL_NAMES:
        return text
    text = text.lower()
    return next((level for key, level in LEVELS if key in text), None)


def compare(folder: Path, home: Path) -> list[dict]:
    from assistant.service import Assistant
    from index.config import Settings

    service = Assistant(Settings(home=home))
    service.ingest([folder])
    manifest = folder / "MANIFEST.json"
    truth = {r["file"]: r for r in json.loads(manifest.read_text(encoding="utf-8"))} if manifest.is_file() else {}
    rows = []
    for report in sorted(service.reports(), key=lambda r: r["source"]):
        true = truth.get(report["source"], {})
        text = normalize(service.index.report(report["report_id"]).text)
        row = {"set": folder.name, "source": report["source"], "agency": report["agency"], "year": report["year"],
               "level": report["level"], "origin": report.get("origin") or {}, "confidence": report.get("confidence")}
        if true:
            names = [true["agency"]] + ([true["agency_full"]] if true.get("agency_full") else [])
            row.update(true_agency=true["agency"], true_year=true["year"], true_level=level_of(true["level"]),
                       agency_ok=any(same_agency(report["agency"], name, text) for name in names),
                       year_ok=report["year"] == true["year"], level_ok=report["level"] == level_of(true["level"]))
            if true.get("published"):
                row.update(true_published=true["published"], published=report.get("published"),
                           published_ok=(report.get("published") or "")[:10] == true["published"][:10])
        rows.append(row)
    return rows


def summary(rows: list[dict]) -> dict:
    judged = [r for r in rows if "agency_ok" in r]
    n = len(judged) or 1
    dated = [r for r in judged if "published_ok" in r]
    return {k: round(sum(r[f"{k}_ok"] for r in judged) / n, 3) for k in ("agency", "year", "level")} | \
        {"reports": len(judged), "published": round(sum(r["published_ok"] for r in dated) / (len(dated) or 1), 3),
         "dated": len(dated)}


def print_table(rows: list[dict]) -> None:
    print("| set | file | agency (origin) | year | level | manifest |\n|---|---|---|---|---|---|")
    for r in rows:
        mark = lambda key: "" if r.get(f"{key}_ok", True) else " ✗"  # noqa: E731
        truth = f"{r['true_agency']} {r['true_year']} {r['true_level']}" if "true_agency" in r else ""
        published = f" {r.get('published')}{mark('published')}" if "published_ok" in r else ""
        print(f"| {r['set']} | {r['source']} | {r['agency']} ({r['origin'].get('agency', '-')}){mark('agency')} "
              f"| {r['year']}{mark('year')} | {r['level']}{mark('level')}{published} | {truth} |")
    sets = list(dict.fromkeys(r["set"] for r in rows))
    print("\n| set | reports | agency | year | level | published (pages with a date) |\n|---|---|---|---|---|---|")
    for name in sets + ["all"]:
        s = summary([r for r in rows if name in ("all", r["set"])])
        if s["reports"]:
            dated = f"{s['published']:.1%} of {s['dated']}" if s["dated"] else "–"
            print(f"| {name} | {s['reports']} | {s['agency']:.1%} | {s['year']:.1%} | {s['level']:.1%} | {dated} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--homes", type=Path, help="keep (and reuse) the indexed homes here")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    folders = args.folders or DEFAULT_FOLDERS
    with tempfile.TemporaryDirectory() as tmp:
        base = args.homes or Path(tmp)
        rows = [row for folder in folders for row in compare(folder, base / folder.name)]
    if args.json:
        print(json.dumps({"rows": rows, "summary": summary(rows)}, ensure_ascii=False, indent=1))
    else:
        print_table(rows)


if __name__ == "__main__":
    main()
