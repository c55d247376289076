"""Assemble the blind sets into folders rolqa can ingest: each set's reports are files of
../shared/eval/meta_dev, or of the folder its MANIFEST.json entry names (setK, setL: real … real4),
copied beside its question files.

    python benchmarks/blind_sets/assemble.py OUT_DIR
    (export ROLQA_HOME=$(mktemp -d); rolqa ingest OUT_DIR/setA && rolqa eval OUT_DIR/setA/qa.jsonl)
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVAL = HERE.parents[2] / "shared" / "eval"


def assemble(out: Path) -> None:
    for manifest in sorted(HERE.glob("set*/MANIFEST.json")):
        target = out / manifest.parent.name
        target.mkdir(parents=True, exist_ok=True)
        for entry in json.loads(manifest.read_text(encoding="utf-8")):
            shutil.copyfile(EVAL / entry.get("folder", "meta_dev") / entry["file"], target / entry["file"])
        for question_file in [manifest, *sorted(manifest.parent.glob("*.jsonl"))]:  # qa, rewordings, probe sets
            shutil.copyfile(question_file, target / question_file.name)
        print(target)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("用法:python benchmarks/blind_sets/assemble.py 输出目录")
    assemble(Path(sys.argv[1]))
