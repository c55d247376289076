"""BM25 keyword indexes over the catalog's chunks, persisted beside Chroma.

Two tokenisations of the simplified text: jieba words (precise terms) and
character bigrams (robust where jieba splits a term differently in the question
and the report). Both are rebuilt from the catalog whenever its generation
moves, so they can never disagree with it for long.
"""
from __future__ import annotations

import json
import shutil
import time
import uuid
from pathlib import Path

import numpy as np

from .normalize import char_bigrams, tokenize

TOKENIZERS = {"jieba": tokenize, "bigram": char_bigrams}


class KeywordIndex:
    def __init__(self, ids: list[str], retrievers: dict, generation: int):
        self.ids = ids
        self.retrievers = retrievers
        self.generation = generation

    @classmethod
    def build(cls, ids: list[str], norms: list[str], generation: int,
              known: dict[str, list[list[str] | None]] | None = None) -> "KeywordIndex":
        """`known`: per tokenizer, each chunk's tokens if computed at ingest (None where not), so a
        rebuild after one more report does not run jieba over the whole corpus again. It is consumed
        (popped) tokenizer by tokenizer, so only one tokenisation of the corpus is in memory at a time."""
        import bm25s

        known = {} if known is None else known
        retrievers = {}
        for name, tokenizer in TOKENIZERS.items():
            given = known.pop(name, None) or [None] * len(norms)
            retriever = bm25s.BM25()
            if ids:
                retriever.index([(tokens if tokens is not None else tokenizer(text)) or [""]
                                 for text, tokens in zip(norms, given)], show_progress=False)
            retrievers[name] = retriever
            del given
        return cls(ids, retrievers, generation)

    def save(self, folder: Path) -> None:
        """Write into a fresh sub-folder, then point ids.json at it (an atomic rename).

        Several processes (a server, a CLI ingest) may save and load at once: none
        ever reads files another is still writing, or ids of one generation with
        the BM25 arrays of another.
        """
        folder.mkdir(parents=True, exist_ok=True)
        name = f"g{self.generation}-{uuid.uuid4().hex[:12]}"
        (folder / name).mkdir()
        if self.ids:
            for rname, retriever in self.retrievers.items():
                retriever.save(str(folder / name / rname), show_progress=False)
        tmp = folder / f"{name}.json.tmp"
        tmp.write_text(json.dumps({"generation": self.generation, "ids": self.ids, "dir": name}), encoding="utf-8")
        tmp.replace(folder / "ids.json")
        _prune(folder, keep=name)

    @classmethod
    def load(cls, folder: Path) -> "KeywordIndex | None":
        """The saved index, or None when there is none or it cannot be read (then it is rebuilt)."""
        import bm25s

        try:
            head = json.loads((folder / "ids.json").read_text(encoding="utf-8"))
            where = folder / head.get("dir", "")
            retrievers = {name: bm25s.BM25.load(str(where / name), show_progress=False, verbosity=0)
                          for name in TOKENIZERS} if head["ids"] else {}
        except Exception:  # noqa: BLE001 - missing, pruned meanwhile or unreadable: rebuilding is always safe
            return None
        return cls(head["ids"], retrievers, head["generation"])

    def scores(self, query: str, name: str) -> np.ndarray:
        """BM25 score of every chunk (in `ids` order) for one tokenisation."""
        if not self.ids:
            return np.zeros(0, dtype=np.float32)
        tokens = TOKENIZERS[name](query)
        if not tokens:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self.retrievers[name].get_scores(tokens), dtype=np.float32)


def _prune(folder: Path, keep: str, grace_s: float = 120.0) -> None:
    """Remove superseded sub-folders once they are old enough that no reader can still be loading them."""
    now = time.time()
    for old in folder.glob("g*-*"):
        try:
            if old.is_dir() and old.name != keep and now - old.stat().st_mtime > grace_s:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            continue
