"""Questions about the reports themselves, asked of reports no question was written for.

    python benchmarks/bench_meta_questions.py [FOLDER]... [--homes DIR] [--out DIR]

Default folder: ../shared/eval/meta_dev (80 real openings with a MANIFEST and no qa.jsonl). For
every report the manifest describes, questions are built by rule from its fields, gold kept from
the manifest and cited by its evidence strings, in several user styles:

- `year`: which year a report is of ("X的法治政府建设报告是哪一年度的?", "X报告 哪年", ...);
- `published`: when the page was published, where the manifest gives a date;
- `level`: the level of the author ("X是什么级别的单位?");
- `who`: whose report holds a line quoted from it that does not name the author;
- `province`: which province the author belongs to (ministries and provinces themselves skipped),
  cited by any line naming the author's place (its first two characters) or the province;
- listings: which reports are of one level, of one year, in traditional script, without a title,
  from one province,
  published in one month (where two or more were).

The gold comes from the manifest, never from rolqa; the questions name the agency as the text
states it (the manifest's `agency`). Graded with `rolqa eval`'s rule (answer keys in the answer,
a cited line of the right report matching the evidence; the evidence is one line of several
that state a year, so compare runs, not absolute figures). Listings are graded apart, by the
reports they cite.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from answer_snapshot import SHARED, save, score  # noqa: E402

YEAR_FORMS = ("{a}的法治政府建设报告是哪一年度的?", "{a}这份报告写的是哪一年的工作?", "{a} 报告 哪年")
PUBLISHED_FORMS = ("{a}{y}年度法治政府建设报告是什么时候发布的?", "{a}的{y}年报告哪天发的?", "{a} {y} 报告 发布日期")
PROVINCE_FORMS = ("{a}是哪个省的?", "{a}这份报告的单位属于哪个省份?")
LEVEL_WORDS = {"部委": "国务院部门", "省": "省级", "市": "市级", "区县": "县级", "街道乡镇": "街道或乡镇"}
LEVEL_SAID = {"部委": "国务院部门", "省": "省级", "市": "市级", "区县": "县", "街道乡镇": "乡镇"}
LEVELS = {"province": "省", "municipality": "省", "city": "市", "prefecture": "市", "district": "区县",
          "county": "区县", "street": "街道乡镇", "township": "街道乡镇", "省": "省", "市": "市", "区县": "区县",
          "县": "区县", "区": "区县", "街道乡镇": "街道乡镇", "部委": "部委", "ministry": "部委", "街道": "街道乡镇", "乡镇": "街道乡镇", "镇": "街道乡镇", "乡": "街道乡镇"}


def date_forms(day: str) -> list[str]:
    """A page date as pages write it: 2023-02-15, 2023年02月15日, 2023年2月15日."""
    y, m, d = day[:10].split("-")
    return [day[:10], f"{y}年{m}月{d}日", f"{y}年{int(m)}月{int(d)}日"]


def item(qid: str, kind: str, question: str, keys: list[list[str]], sources: list[tuple[str, str]]) -> dict:
    return {"id": qid, "type": kind, "question": question, "answer_keys": keys,
            "sources": [{"report": f, "quote": q} for f, q in sources if q]}


def asked_name(report: dict) -> str:
    """The agency as the text states it, unless that names no place ("市政府", "省农业农村厅"): then the
    manifest's full name, its notes in brackets left out, as a user who knows the report would name it."""
    name = report["agency"]
    if name[0] in "市县区省州我" or len(name) < 3:
        name = re.sub(r"[(（][^)）]*[)）]", "", report.get("agency_full") or name)
    return name


def questions_of(report: dict, n: int) -> list[dict]:
    a, y, ev, f = asked_name(report), report["year"], report.get("evidence") or {}, report["file"]
    out = [item(f"m{n}-year{k}", "metadata", form.format(a=a), [[str(y)]], [(f, ev.get("year"))])
           for k, form in enumerate(YEAR_FORMS)]
    if report.get("published") and ev.get("published"):
        out += [item(f"m{n}-pub{k}", "metadata", form.format(a=a, y=y), [date_forms(report["published"])],
                     [(f, ev["published"])]) for k, form in enumerate(PUBLISHED_FORMS)]
    level = LEVELS.get(report.get("level", ""))
    if level:  # "X是什么级别的单位?": the level in the answer, the line naming the author cited
        out.append(item(f"m{n}-lvl0", "metadata", f"{a}是什么级别的单位?", [[LEVEL_SAID[level]]],
                        [(f, re.sub(r"^中共", "", a)[:2])]))
    line = (ev.get("year") or "").strip()
    if line and report["agency"] not in line and len(line) >= 10:  # "写有“2022年,我县…”的那份报告": whose?
        names = [report["agency"], asked_name(report)]
        out.append(item(f"m{n}-who0", "metadata", f"写有“{line[:14]}……”的那份报告是哪个单位的?", [names], [(f, line)]))
    province = report.get("province")
    if province and LEVELS.get(report.get("level", "")) not in ("省", "部委", None) and province not in a:
        place = re.sub(r"^中共", "", a)[:2]  # any line of the report naming its place will do
        out += [item(f"m{n}-prov{k}", "metadata", form.format(a=a), [[province]], [(f, place), (f, province)])
                for k, form in enumerate(PROVINCE_FORMS)]
    return out


def listings(reports: list[dict]) -> list[dict]:
    """One listing per level, per year and per script the folder has ("哪些报告是县级单位的?"), and per
    province of two reports or more, whatever their level ("哪些报告来自浙江?")."""
    asked = [(f"哪些报告是{word}单位的?", lambda r, level=level: LEVELS.get(r.get("level", "")) == level)
             for level, word in LEVEL_WORDS.items()]
    asked += [(f"哪些报告是{year}年度的?", lambda r, year=year: r["year"] == year)
              for year in sorted({r["year"] for r in reports})]
    asked += [("哪些报告是繁体字的?", lambda r: r.get("script") == "traditional"),
              ("哪些报告没有标题?", lambda r: r.get("title_present") is False)]
    months = Counter((r.get("published") or "")[:7] for r in reports if r.get("published"))
    asked += [(f"哪些报告是{m[:4]}年{int(m[5:7])}月发布的?", lambda r, m=m: (r.get("published") or "")[:7] == m)
              for m, n in sorted(months.items()) if n >= 2]
    counts = Counter(r.get("province") for r in reports if LEVELS.get(r.get("level", "")) != "部委")
    asked += [(f"哪些报告来自{p}?", lambda r, p=p: r.get("province") == p and LEVELS.get(r.get("level", "")) != "部委")
              for p, n in sorted(counts.items()) if p and n >= 2]
    out = []
    for n, (question, wanted) in enumerate(asked):
        members = [r for r in reports if wanted(r)]
        if members:
            out.append(item(f"list{n}", "listing", question, [], [(r["file"], r["evidence"].get("agency")) for r in members]))
    return out


def write_set(folder: Path, out: Path) -> Path:
    reports = json.loads((folder / "MANIFEST.json").read_text(encoding="utf-8"))
    items = [q for n, r in enumerate(reports) for q in questions_of(r, n)] + listings(reports)
    path = out / folder.name / "qa_meta.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--homes", type=Path, help="keep (and reuse) the indexed homes here")
    parser.add_argument("--out", type=Path, help="where the question sets and the answers are written")
    args = parser.parse_args()
    folders = args.folders or [SHARED / "meta_dev"]
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        sets = [(write_set(folder, out), folder) for folder in folders]
        save(out / "answers.json", sets, args.homes)
        score(out / "answers.json", sets)
        listing_scores(out / "answers.json", sets)


def listing_scores(run: Path, sets) -> None:
    """A listing over many reports graded by the reports it cites: found of the level's, and others."""
    data = json.loads(run.read_text(encoding="utf-8"))
    found = wanted_all = others = 0
    for path, folder in sets:
        answers = data[f"{folder.name}/{path.name}"]
        for line in path.read_text(encoding="utf-8").splitlines():
            q = json.loads(line)
            if q["type"] != "listing":
                continue
            cited = {c["source"] for c in answers[f"{q['id']}:{q['question']}"]["citations"]}
            wanted = {s["report"] for s in q["sources"]}
            print(f"{folder.name} {q['question']} {len(cited & wanted)}/{len(wanted)} found, {len(cited - wanted)} others")
            found, wanted_all, others = found + len(cited & wanted), wanted_all + len(wanted), others + len(cited - wanted)
    print(f"listings: {found}/{wanted_all} reports found, {others} listed wrongly")


if __name__ == "__main__":
    main()
