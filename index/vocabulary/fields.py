"""Fields of government work (司法, 市场监督管理 = 市场监管 = 市监…) and their short forms, from
data/vocabulary.toml: what an agency's name says it does."""
from __future__ import annotations

import functools
import re

from .words import data


@functools.cache
def field_words() -> frozenset[str]:
    return frozenset(form for form, _ in field_forms())


@functools.cache
def field_forms() -> list[tuple[str, str]]:
    """(form, the field's usual full form), longest form first."""
    pairs = [(form, f["forms"][0]) for f in data()["field"] for form in f["forms"]]
    return sorted(pairs, key=lambda p: -len(p[0]))


def forms_of_field(field: str | None) -> list[str]:
    """How a field of work, named by its usual full form (a report's sector), is written: all its forms."""
    return next((f["forms"] for f in data()["field"] if f["forms"][0] == field), [])


def sector_mentions(norm: str) -> list[str]:
    """A field of work named as a whole system ("人社系统", "全市公安系统", "教育部门"): who the question speaks of,
    the author's sector, not a word the answering sentence must hold."""
    found = _sector_pattern().findall(norm)
    return found + [f for f in _asked_body_pattern().findall(norm) if not any(f in m for m in found)]


def names_field(mention: str) -> bool:
    """Is a question's mention a field's bodies as a whole ("人社系统", or "城管" of "哪家城管"), not one body?"""
    return bool(_sector_pattern().fullmatch(mention)) or any(mention == form for form, _ in field_forms())


def written_in_sentences(mention: str) -> bool:
    """Is a field's bodies named as reports' sentences name them too ("教育部门"), not only as whose report it is?"""
    return mention.endswith(tuple(data()["agencies"]["written_system_words"]))


@functools.cache
def _sector_pattern() -> re.Pattern:
    forms = "|".join(re.escape(form) for form, _ in field_forms())
    return re.compile(rf"(?:{forms})(?:{'|'.join(data()['agencies']['system_words'])})")


@functools.cache
def _asked_body_pattern() -> re.Pattern:
    forms = "|".join(re.escape(form) for form, _ in field_forms())
    return re.compile(rf"(?:{'|'.join(data()['agencies']['body_askers'])})({forms})")


def field_of(norm: str) -> str | None:
    """The field of government work a name or phrase names, as its usual full form
    ("上城区人力社保局" → 人力资源和社会保障; "市监局" → 市场监督管理); None when it names none
    (a government: 人民政府 holds 民政 but is not the 民政 field)."""
    norm = re.sub("|".join(data()["agencies"]["government"]), " ", norm)
    return next((full for form, full in field_forms() if form in norm), None)
