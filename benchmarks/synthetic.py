"""Shared by the benchmarks: synthetic corpora built from the sample reports, a free
embedding server, and small measuring helpers.

Synthetic corpus (`write_corpus`): report i is a variant of sample i % 5 with
- its place renamed to a synthetic name of its own (three rare characters, e.g.
  岚峪溪区; the traditional-script sample, which names no place, gets one before
  every 區城管),
- its years shifted by 0 to -4 (every year in the text, so dates stay consistent),
- one planted sentence, the only one in the corpus with its figure:
  "本年度共办理{measure}事项{figure}件。" (measure: one of MEASURES, figure: unique),
  appended to one of its body paragraphs (in traditional script in that sample),
- for the two samples that state 行政机关负责人出庭(应诉)率 100%, a known rate instead,
- in the district government's sample, a sentence about one of its departments, with a unique
  figure: "{年}年,{地}区司法局共办理国家赔偿案件{figure}件。" (asked by the department's name).
Every variant's truth (`Variant`) is returned and written to MANIFEST.json beside the files.

Hash-vector embedding server (`python benchmarks/synthetic.py --serve-hash`): an
OpenAI-compatible POST /v1/embeddings on 127.0.0.1 answering with deterministic
feature-hashed vectors of each text's characters and character bigrams: cheap, and
lexically meaningful, so a retriever over them still finds things. rolqa reaches it
with ROLQA_EMBEDDER=openai; it prints its port as its first line of output.
"""
from __future__ import annotations

import functools
import json
import math
import re
import subprocess
import sys
from dataclasses import asdict, dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = ROOT / "data" / "reports"

# Characters of synthetic place names: rare in the reports, none a tier word (市区县…) nor
# one the place-name rules exclude. Three of them make 27,000 names.
NAME_CHARS = "岚峪嵩渚汀沅澧湄涞滁泗濮漯邕郴岑婺衢瓯蓟岱崂沭洮睢蕲"
MEASURES = ("渣土运输车辆专项核查", "户外广告设施安全巡查", "共享单车违规停放劝导", "瓶装燃气安全检查",
            "夜间施工噪声投诉处置", "占道经营柔性劝导", "餐厨垃圾收运核查", "违法建设拆除复核")
FIGURE_BASE, FIGURE_STEP = 1003, 7  # planted figures 1003, 1010, 1017, …
DEPARTMENT_BASE = 300_001  # planted department figures 300001, 300008, … (above every other figure)
RATES = (100, 100, 98.5, 96, 92.3, 88)  # 出庭率 of successive variants of the samples that state one
YEAR_SHIFTS = 5  # a variant's years: its sample's, or up to four years earlier
YEAR = re.compile(r"(?<!\d)(?:19[89]\d|20[0-3]\d)(?!\d)")


@dataclass(frozen=True)
class Sample:
    """How a sample report is varied: the place stem to rename, how a question names its author, its year."""
    file: str
    stem: str | None  # replaced everywhere by the synthetic name; None: the name goes before `anchor`
    name: str  # how questions name the author; {S} is the synthetic name
    year: int  # the year the report is about
    rate: str | None = None  # the phrase stating 出庭率 100%, rewritten with the variant's rate
    anchor: str | None = None
    traditional: bool = False
    department: bool = False  # a government's report: plant a sentence about its 司法局


SAMPLES = (
    Sample("chuxiong-zonghe-zhifa-2024.txt", "楚雄", "{S}市综合行政执法局", 2024),
    # A 2013 document (2013年6月…, 2013年底前) published in 2022, titled 區城管依法行政要點: no place.
    Sample("district-chengguan-yaodian-2022.txt", None, "{S}区城管", 2013, anchor="區城管", traditional=True),
    Sample("hangzhou-chengguan-2023.txt", "杭州", "{S}市城管局", 2023),
    Sample("huadu-district-2023.txt", "花都", "{S}区", 2023, rate="出庭应诉率达100%", department=True),
    Sample("zengcheng-chengguan-2023.txt", "增城", "{S}区城管局", 2023, rate="负责人出庭率达100%"),
)


@dataclass
class Variant:
    """The truth about one synthetic report."""
    i: int
    file: str
    sample: str
    place: str  # its synthetic place name (without 市/区)
    name: str  # how questions name its author
    year: int
    measure: str
    figure: int
    sentence: str  # the planted sentence, as written in the report
    rate: float | None  # its 出庭率, where its sample states one
    chars: int = 0
    department: str | None = None  # the department a planted sentence speaks of ("岚峪溪区司法局")
    department_figure: int | None = None
    department_sentence: str | None = None


def place_name(i: int) -> str:
    """The i-th synthetic place name: three NAME_CHARS, a distinct one for every i < 27,000."""
    base = len(NAME_CHARS)
    if not 0 <= i < base ** 3:
        raise ValueError(f"no synthetic place name number {i}")
    return NAME_CHARS[i // base ** 2] + NAME_CHARS[i // base % base] + NAME_CHARS[i % base]


def planted_sentence(measure: str, fig: int) -> str:
    return f"本年度共办理{measure}事项{fig}件。"


@functools.cache
def _opencc(config: str):
    import opencc

    return opencc.OpenCC(config)


def to_traditional(text: str) -> str:
    return _opencc("s2t").convert(text)


@functools.cache
def sample_texts() -> dict[str, str]:
    texts = {s.file: (SAMPLES_DIR / s.file).read_text(encoding="utf-8") for s in SAMPLES}
    taken = {int(n) for text in texts.values() for n in re.findall(r"(\d+)\s*件", text)}
    clash = sorted(taken & {FIGURE_BASE + FIGURE_STEP * i for i in range(30000)})
    if clash:  # a planted figure would not be unique
        raise RuntimeError(f"sample reports already state the figures {clash}: change FIGURE_BASE")
    return texts


def plant(text: str, sentence: str, k: int) -> str:
    """Append `sentence` to the k-th (modulo) long body line that ends a sentence."""
    lines = text.split("\n")
    spots = [n for n, line in enumerate(lines) if len(line.strip()) >= 60 and line.rstrip().endswith("。")]
    n = spots[k % len(spots)]
    lines[n] = lines[n].rstrip() + sentence
    return "\n".join(lines)


def make_variant(i: int) -> tuple[Variant, str]:
    """Report i of every synthetic corpus (the same for every corpus size), and its text."""
    sample = SAMPLES[i % len(SAMPLES)]
    place, shift = place_name(i), -((i // len(SAMPLES)) % YEAR_SHIFTS)
    text = sample_texts()[sample.file]
    text = text.replace(sample.stem, place) if sample.stem else text.replace(sample.anchor, place + sample.anchor)
    text = YEAR.sub(lambda m: str(int(m.group()) + shift), text)
    rate = None
    if sample.rate:
        rate = RATES[(i // len(SAMPLES)) % len(RATES)]
        text = text.replace(sample.rate, sample.rate.replace("100", f"{rate:g}"))
    measure, fig = MEASURES[i % len(MEASURES)], FIGURE_BASE + FIGURE_STEP * i
    sentence = planted_sentence(measure, fig)
    sentence = to_traditional(sentence) if sample.traditional else sentence
    text = plant(text, sentence, 3 * (i // len(SAMPLES)))
    department = department_figure = department_sentence = None
    if sample.department:
        department, department_figure = f"{place}区司法局", DEPARTMENT_BASE + FIGURE_STEP * i
        department_sentence = f"{sample.year + shift}年,{department}共办理国家赔偿案件{department_figure}件。"
        text = plant(text, department_sentence, 3 * (i // len(SAMPLES)) + 1)
    file = f"r{i:05d}-{sample.file}"
    variant = Variant(i, file, sample.file, place, sample.name.format(S=place), sample.year + shift, measure, fig,
                      sentence, rate, len(text), department, department_figure, department_sentence)
    return variant, text


def write_corpus(folder: Path, n: int) -> list[Variant]:
    """Write reports 0..n-1 into `folder` (created), with MANIFEST.json (not a report: rolqa skips .json)."""
    folder.mkdir(parents=True)
    variants = []
    for i in range(n):
        variant, text = make_variant(i)
        (folder / variant.file).write_text(text, encoding="utf-8")
        variants.append(variant)
    (folder / "MANIFEST.json").write_text(json.dumps([asdict(v) for v in variants], ensure_ascii=False, indent=0),
                                          encoding="utf-8")
    return variants


# --- measuring ------------------------------------------------------------------------------

def pct(values: list[float], q: float) -> float:
    """The q-quantile (0..1) by nearest rank (p95 of 20 values is the 19th), rounded to 0.1."""
    values = sorted(values)
    return round(values[max(0, math.ceil(q * len(values)) - 1)], 1) if values else float("nan")


def disk_usage(path: Path) -> int:
    """Bytes allocated on disk under `path` (what du counts, not the files' apparent sizes)."""
    return sum(p.stat().st_blocks * 512 for p in path.rglob("*") if p.is_file())


# --- the hash-vector embedding server -----------------------------------------------------

DIM = 384


def hash_vectors(texts: list[str], dim: int = DIM) -> np.ndarray:
    """Feature hashing of characters and character bigrams into `dim` signed buckets, L2-normalised."""
    out = np.zeros((len(texts), dim), dtype=np.float32)
    for row, text in enumerate(texts):
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        grams = np.concatenate([codes, codes[:-1] * np.uint64(1_000_003) + codes[1:]]) if len(codes) else codes
        mixed = grams * np.uint64(0x9E3779B97F4A7C15)  # wraps mod 2**64: a fixed, cheap integer hash
        buckets = (mixed >> np.uint64(40)) % np.uint64(dim)
        signs = np.where((mixed >> np.uint64(20)) & np.uint64(1), 1.0, -1.0)
        vec = np.bincount(buckets.astype(np.int64), weights=signs, minlength=dim)
        norm = np.linalg.norm(vec)
        out[row] = vec / norm if norm else np.eye(1, dim, dtype=np.float32)[0]
    return out


class _EmbeddingsHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # readiness
        self._json(200, {"object": "list", "data": [{"id": "hash-384", "object": "model"}]})

    def do_POST(self):
        if not self.path.rstrip("/").endswith("/embeddings"):
            return self._json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        texts = body.get("input", [])
        texts = [texts] if isinstance(texts, str) else texts
        vectors = np.round(hash_vectors(texts).astype(np.float64), 6).tolist()  # short JSON numbers, made in C
        data = [{"object": "embedding", "index": i, "embedding": v} for i, v in enumerate(vectors)]
        self._json(200, {"object": "list", "data": data, "model": body.get("model", "hash-384"),
                         "usage": {"prompt_tokens": 0, "total_tokens": 0}})

    def _json(self, status: int, data: dict) -> None:
        raw = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)


def serve_hash(port: int = 0) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", port), _EmbeddingsHandler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


class HashServer:
    """`with HashServer() as url:` runs the hash-vector server in a process of its own; url ends in /v1."""

    def __enter__(self) -> str:
        self.proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--serve-hash"],
                                     stdout=subprocess.PIPE, text=True)
        port = self.proc.stdout.readline().strip()
        if not port.isdigit():
            self.proc.kill()
            raise RuntimeError(f"the hash-vector server did not start (said {port!r})")
        return f"http://127.0.0.1:{port}/v1"

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve-hash"]:
        serve_hash()
    else:
        sys.exit("usage: python benchmarks/synthetic.py --serve-hash")
