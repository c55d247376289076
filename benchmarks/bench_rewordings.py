"""Mechanical rewordings of every handed question: does the answer hold however a question is typed?

    python benchmarks/bench_rewordings.py [--homes DIR] [--out DIR] [--only real,real2]

Each `qa.jsonl` of ../shared/eval/real … real4 is reworded by rule, gold kept, into five sets
written under --out (default: a temp dir) and answered over the folder's reports (homes kept under
--homes and reused when given, as `answer_snapshot.py` does):

- `kw`: keywords: question words and function words dropped, years without 年 ("花都 2022 行政复议申请 宗");
- `short`: places by their short forms, years without 年 ("浚县2023县政府常务会…");
- `trad`: the question in traditional script;
- `reordered`: the author moved to the end ("2023年…多少件?静海区司法局");
- `nearmiss`: every fact question with its year moved five years back, as asked and without 年, and
  one year back where no report of that agency and year is listed (a report compares with that year):
  the gold is a refusal (an answer is a figure of another year).

The rules are this file's, not rolqa's reading (only its segmenter and gazetteer are used to cut
and shorten), so the product does not grade itself. Rewordings a rule spoils (a name cut in two)
count as failures all the same: compare runs, not absolute figures.
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
sys.path.insert(0, str(ROOT / "benchmarks"))

from answer_snapshot import SHARED, save, score  # noqa: E402

ASKING = set("多少 几 几个 哪些 哪个 哪 哪几 什么 是否 吗 呢 请问 是 的 了 在 对 和 与 及 共 一共 总共 分别 各".split())
YEAR = re.compile(r"((?:19|20)\d\d)年度?")
AUTHOR_FIRST = re.compile(r"^(.{2,14}?(?:人民政府|政府|街道办事处|街道|局|厅|部|委|镇|乡|区|县|市))(.{6,}?)([?？。]?)$")


def keywords(question: str) -> str:
    from index.normalize import segment

    text = YEAR.sub(r" \1 ", question)
    kept = [w if w.strip() and w not in ASKING and not re.fullmatch(r"[?？。,，、!！\s“”\"]+", w) else " "
            for w in segment(text)]
    return re.sub(r"\s+", " ", "".join(kept)).strip()


def short_places(question: str) -> str:
    from index import vocabulary as vocab

    for m in sorted(vocab.place_mentions(question), key=lambda m: -m.start):
        short = vocab.short_or_self(m.form)
        if len(short) >= 2:
            question = question[:m.start] + short + question[m.end:]
    return re.sub(r"((?:19|20)\d\d)年(?!度)", r"\1", question)


def traditional(question: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(question)


def reordered(question: str) -> str | None:
    m = AUTHOR_FIRST.match(question)
    return f"{m.group(2).lstrip('的,，')},{m.group(1)}{m.group(3) or '?'}" if m else None


def near_misses(item: dict, manifest: dict[str, tuple[str, int]]) -> list[dict]:
    """The year moved five back, as asked and without 年; and one back (the year a report compares with:
    "1882件,比2023年上升2.8%") unless the folder's MANIFEST lists a report of that agency and year."""
    if item.get("type") not in ("fact", "paraphrase") or not re.search(r"20\d\d年", item["question"]):
        return []
    moved = re.sub(r"(20\d\d)(?=年)", lambda m: str(int(m.group(1)) - 5), item["question"])
    variants = [("y", moved), ("yb", YEAR.sub(r"\1", moved))]
    year = int(re.search(r"(20\d\d)年", item["question"]).group(1))
    agencies = {manifest[s["report"]][0] for s in item.get("sources") or [] if s["report"] in manifest}
    if agencies and not any((agency, year - 1) in manifest.values() for agency in agencies):
        variants.append(("p", re.sub(r"(20\d\d)(?=年)", lambda m: str(int(m.group(1)) - 1), item["question"])))
    return [{"id": f"{item['id']}-{k}", "type": "refusal", "question": q, "answer_keys": [], "sources": []}
            for k, q in variants]


def rewordings(items: list[dict], manifest: dict[str, tuple[str, int]]) -> dict[str, list[dict]]:
    sets: dict[str, list[dict]] = {"kw": [], "short": [], "trad": [], "reordered": [], "nearmiss": []}
    for item in items:
        for name, rule in (("kw", keywords), ("short", short_places), ("trad", traditional), ("reordered", reordered)):
            if name == "reordered" and item.get("type") not in ("fact", "paraphrase", "refusal"):
                continue
            text = rule(item["question"])
            if text and text != item["question"]:
                sets[name].append({**item, "id": f"{item['id']}-{name}", "question": text})
        sets["nearmiss"] += near_misses(item, manifest)
    return sets


def write_sets(out: Path, folders: list[str]) -> list[tuple[Path, Path]]:
    from assistant.evaluate import load_gold

    pairs = []
    for folder in folders:
        listed = json.loads((SHARED / folder / "MANIFEST.json").read_text(encoding="utf-8"))
        made = rewordings(load_gold(SHARED / folder / "qa.jsonl"), {r["file"]: (r["agency"], r["year"]) for r in listed})
        for name, items in made.items():
            path = out / folder / f"qa_{name}.jsonl"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
            pairs.append((path, SHARED / folder))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--homes", type=Path, help="keep (and reuse) the indexed homes here")
    parser.add_argument("--out", type=Path, help="where the reworded sets and the answers are written")
    parser.add_argument("--only", default="real,real2,real3,real4", help="folders of ../shared/eval")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        sets = write_sets(out, args.only.split(","))
        save(out / "answers.json", sets, args.homes)
        score(out / "answers.json", sets)


if __name__ == "__main__":
    main()
