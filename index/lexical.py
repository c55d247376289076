"""BM25 keyword indexes over the catalog's chunks, kept in segments that grow with the corpus.

Two tokenisations of the simplified text: jieba words (precise terms) and character bigrams
(robust where jieba splits a term differently in the question and the report).

Written here rather than taken from bm25s (which rolqa used before): bm25s builds a static
index, every score precomputed with the whole corpus's idf, so one more report meant
tokenising and indexing every chunk again: 70 s and 6.7 GB for one upload at 10,000 reports.
Here each catch-up adds a segment of raw term frequencies for the new chunks only (built
SEGMENT_CHUNKS at a time, so memory is bounded by that, not by the corpus). idf, the average
length and removed chunks are applied when a question is scored, with bm25s's formula and
defaults (the "lucene" variant, k1 1.5, b 0.75, float32 scores), so rankings are the same.
"""
from __future__ import annotations

import json
import math
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .normalize import char_bigrams, tokenize

TOKENIZERS = {"jieba": tokenize, "bigram": char_bigrams}
K1, B = 1.5, 0.75
SEGMENT_CHUNKS = 10_000  # chunks tokenised at once
MAX_SEGMENTS = 16  # past this, the smaller half is merged into one


@dataclass(eq=False)
class Postings:
    """One tokenisation of a segment: token t (column vocab[t]) occurs in docs[indptr[c]:indptr[c+1]]
    with those term frequencies; `lengths` are the documents' token counts."""
    tokens: list[str]
    indptr: np.ndarray
    docs: np.ndarray
    tfs: np.ndarray
    lengths: np.ndarray

    def __post_init__(self):
        self.vocab = {t: i for i, t in enumerate(self.tokens)}

    def find(self, token: str) -> tuple[np.ndarray, np.ndarray]:
        col = self.vocab.get(token)
        if col is None:
            return np.zeros(0, np.int32), np.zeros(0, np.float32)
        lo, hi = self.indptr[col], self.indptr[col + 1]
        return self.docs[lo:hi], self.tfs[lo:hi]


def postings(token_lists: list[list[str]]) -> Postings:
    """Postings of documents given as token lists (an empty document counts as one empty token, as before)."""
    vocab: dict[str, int] = {}
    docs, cols, tfs, lengths = [], [], [], []
    for d, tokens in enumerate(token_lists):
        tokens = tokens or [""]
        counts = Counter(tokens)
        lengths.append(len(tokens))
        cols.append(np.fromiter((vocab.setdefault(t, len(vocab)) for t in counts), np.int32, len(counts)))
        tfs.append(np.fromiter(counts.values(), np.float32, len(counts)))
        docs.append(np.full(len(counts), d, np.int32))
    return from_triples(list(vocab), np.concatenate(cols or [np.zeros(0, np.int32)]),
                        np.concatenate(docs or [np.zeros(0, np.int32)]),
                        np.concatenate(tfs or [np.zeros(0, np.float32)]), np.array(lengths, np.int32))


def from_triples(tokens: list[str], cols: np.ndarray, docs: np.ndarray, tfs: np.ndarray,
                 lengths: np.ndarray) -> Postings:
    """Postings from (column, doc, tf) triples in any order (docs stay ascending within a column)."""
    order = np.lexsort((docs, cols))
    indptr = np.zeros(len(tokens) + 1, np.int64)
    np.cumsum(np.bincount(cols, minlength=len(tokens)), out=indptr[1:])
    return Postings(tokens, indptr, docs[order], tfs[order], lengths)


@dataclass(eq=False)
class Segment:
    name: str
    ids: list[str]  # chunk ids, one per document
    parts: dict[str, Postings]  # per tokenizer


def build_segment(ids: list[str], norms: list[str], known: list[list[str] | None]) -> Segment:
    """A segment of these chunks; `known` are jieba tokens computed at ingest (None: tokenise now)."""
    jieba = [tokens if tokens is not None else tokenize(norm) for norm, tokens in zip(norms, known)]
    parts = {"jieba": postings(jieba)}
    del jieba
    parts["bigram"] = postings([char_bigrams(norm) for norm in norms])
    return Segment(new_name(), list(ids), parts)


def merge(segments: list[Segment], live: Container[str]) -> Segment:
    """One segment holding the live documents of these (removed chunks are dropped here)."""
    ids, keep = [], []
    for s in segments:
        mask = np.fromiter((cid in live for cid in s.ids), bool, len(s.ids))
        ids += [cid for cid, alive in zip(s.ids, mask) if alive]
        keep.append(mask)
    parts = {}
    for name in TOKENIZERS:
        vocab: dict[str, int] = {}
        cols, docs, tfs, lengths, offset = [], [], [], [], 0
        for s, mask in zip(segments, keep):
            p = s.parts[name]
            renumber = np.cumsum(mask) - 1 + offset  # old doc -> new doc (for live ones)
            remap = np.fromiter((vocab.setdefault(t, len(vocab)) for t in p.tokens), np.int64, len(p.tokens))
            col_of = np.repeat(remap, np.diff(p.indptr))
            alive = mask[p.docs]
            cols.append(col_of[alive])
            docs.append(renumber[p.docs[alive]].astype(np.int32))
            tfs.append(p.tfs[alive])
            lengths.append(p.lengths[mask])
            offset += int(mask.sum())
        parts[name] = from_triples(list(vocab), np.concatenate(cols), np.concatenate(docs), np.concatenate(tfs),
                                   np.concatenate(lengths))
    return Segment(new_name(), ids, parts)


def new_name() -> str:
    return f"s{time.time_ns():x}-{uuid.uuid4().hex[:8]}"


class KeywordIndex:
    """Segments, the chunks of them that are live in the catalog, and BM25 scores over all of them."""

    def __init__(self, segments: list[Segment], generation: int):
        self.generation = generation
        self._lay_out(segments)

    def _lay_out(self, segments: list[Segment]) -> None:
        """Documents are numbered through the segments in order; `ids` and `scores` follow that order."""
        self.segments = segments
        self.ids = [cid for s in segments for cid in s.ids]
        self.live = np.ones(len(self.ids), bool)
        self.offsets = np.cumsum([0] + [len(s.ids) for s in segments])
        self._stats: dict[str, tuple[int, float]] = {}

    def covered(self) -> set[str]:
        return set(self.ids)

    def mask(self, chunk_ids: set[str]) -> np.ndarray:
        """A boolean mask over the positions of these chunks: a restricted search filters scores with it
        instead of testing every scored chunk's id (a Python loop over thousands at 1,000 reports)."""
        if not hasattr(self, "_position"):
            self._position = {cid: i for i, cid in enumerate(self.ids)}
        out = np.zeros(len(self.ids), bool)
        out[[self._position[c] for c in chunk_ids if c in self._position]] = True
        return out

    def restrict(self, live: set[str] | dict) -> None:
        """Score only chunks the catalog holds, each once (a chunk two racing processes indexed twice)."""
        seen: set[str] = set()
        for i, cid in enumerate(self.ids):
            self.live[i] = cid in live and cid not in seen
            seen.add(cid)
        self._stats = {}

    def scores(self, query: str, name: str) -> np.ndarray:
        """BM25 score of every chunk (in `ids` order) for one tokenisation; removed chunks score 0."""
        out = np.zeros(len(self.ids), np.float32)
        tokens = TOKENIZERS[name](query)
        if not tokens or not self.live.any():
            return out
        n, avg = self._corpus_stats(name)
        found = {t: self._find(t, name) for t in set(tokens)}
        for token in tokens:  # repeated tokens count again, as in bm25s
            df = sum(len(docs) for docs, _, _ in found[token])
            if not df:
                continue
            idf = np.float32(math.log(1 + (n - df + 0.5) / (df + 0.5)))
            for docs, tfs, lengths in found[token]:
                tfc = tfs / (K1 * ((1 - B) + B * lengths / avg) + tfs)
                out[docs] += (idf * tfc).astype(np.float32)
        return out

    def _find(self, token: str, name: str) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """(global positions, term frequencies, document lengths) of a token's live postings, per segment."""
        found = []
        for s, offset in zip(self.segments, self.offsets):
            p = s.parts[name]
            docs, tfs = p.find(token)
            alive = self.live[docs + offset]
            if alive.any():
                docs, tfs = docs[alive], tfs[alive]
                found.append((docs + offset, tfs, p.lengths[docs].astype(np.float64)))
        return found

    def _corpus_stats(self, name: str) -> tuple[int, float]:
        """Live documents and their average length, for idf and length normalisation."""
        if name not in self._stats:
            lengths = np.concatenate([s.parts[name].lengths for s in self.segments])[self.live]
            self._stats[name] = (int(self.live.sum()), float(lengths.mean()))
        return self._stats[name]

    # --- keeping up with the catalog ------------------------------------------------
    def catch_up(self, live: dict[str, str], generation: int, read) -> bool:
        """Index the catalog's chunks no segment holds (`read(ids)` gives {id: (norm, jieba tokens)}),
        merge when segments pile up, and score only live chunks. Returns whether segments changed."""
        covered = self.covered()
        missing = [cid for cid in live if cid not in covered]
        segments = list(self.segments)
        for start in range(0, len(missing), SEGMENT_CHUNKS):
            part = missing[start:start + SEGMENT_CHUNKS]
            texts = read(part)  # a chunk removed meanwhile is not there
            if texts:
                ids = [cid for cid in part if cid in texts]
                segments.append(build_segment(ids, [texts[c][0] for c in ids], [texts[c][1] for c in ids]))
        if len(segments) > MAX_SEGMENTS:
            small = {id(s) for s in sorted(segments, key=lambda s: len(s.ids))[:len(segments) // 2]}
            segments = [s for s in segments if id(s) not in small] + \
                [merge([s for s in segments if id(s) in small], live)]
        changed = segments != self.segments  # segments compare by identity
        if changed:
            self._lay_out(segments)
        self.generation = generation
        self.restrict(live)
        return changed

    # --- files ----------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        """Write the segments not yet on disk, then point manifest.json at this list (an atomic rename).

        Several processes (a server, a CLI ingest) may save and load at once: none ever
        reads a segment another is still writing. A segment the last manifest lost in a race
        is built again by the next catch-up.
        """
        folder.mkdir(parents=True, exist_ok=True)
        for s in self.segments:
            if not (folder / f"{s.name}.json").exists():
                save_segment(folder, s)
        tmp = folder / f"manifest-{uuid.uuid4().hex[:8]}.tmp"
        tmp.write_text(json.dumps({"generation": self.generation, "segments": [s.name for s in self.segments]}),
                       encoding="utf-8")
        tmp.replace(folder / "manifest.json")
        _prune(folder, keep={s.name for s in self.segments})

    @classmethod
    def load(cls, folder: Path, loaded: list[Segment] = ()) -> "KeywordIndex":
        """The saved segments (those in `loaded` are not read again), or none when they cannot be read:
        then everything is indexed again."""
        have = {s.name: s for s in loaded}
        try:
            head = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            return cls([have.get(name) or load_segment(folder, name) for name in head["segments"]], head["generation"])
        except Exception:  # noqa: BLE001 - missing, pruned meanwhile, an older format or unreadable
            return cls([], -1)


def save_segment(folder: Path, s: Segment) -> None:
    arrays = {f"{name}_{key}": getattr(p, key) for name, p in s.parts.items()
              for key in ("indptr", "docs", "tfs", "lengths")}
    np.savez(folder / f"{s.name}.npz", **arrays)
    tokens = {name: p.tokens for name, p in s.parts.items()}
    (folder / f"{s.name}.json").write_text(json.dumps({"ids": s.ids, "tokens": tokens}, ensure_ascii=False),
                                           encoding="utf-8")  # written last: its presence marks the segment whole


def load_segment(folder: Path, name: str) -> Segment:
    head = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    with np.load(folder / f"{name}.npz") as arrays:
        parts = {t: Postings(head["tokens"][t], *(arrays[f"{t}_{key}"] for key in ("indptr", "docs", "tfs", "lengths")))
                 for t in TOKENIZERS}
    return Segment(name, head["ids"], parts)


def _prune(folder: Path, keep: set[str], grace_s: float = 120.0) -> None:
    """Remove files no manifest names once they are old enough that no reader can still be loading them
    (and the folders of the bm25s indexes before segments)."""
    now = time.time()
    for old in folder.iterdir():
        stem = old.name.split(".")[0]
        try:
            if stem in keep or old.name == "manifest.json" or now - old.stat().st_mtime <= grace_s:
                continue
            shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)
        except OSError:
            continue
