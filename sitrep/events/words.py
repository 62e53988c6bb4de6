"""The event stage's word sets, read once from ``sitrep/data/event_words.tsv`` (versioned data).

``words("light_verb")`` -> frozenset of words; ``values("anaphor_type")`` -> {word: value}.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

__all__ = ["words", "values"]


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    with resources.files("sitrep").joinpath("data", "event_words.tsv").open(encoding="utf-8") as fh:
        for r in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            out.setdefault(r["set"], {})[r["word"]] = r["value"] or ""
    return out


@lru_cache(maxsize=None)
def words(name: str) -> frozenset:
    if name not in _table():
        raise KeyError(f"event_words.tsv has no set {name!r}")
    return frozenset(_table()[name])


def values(name: str) -> dict[str, str]:
    if name not in _table():
        raise KeyError(f"event_words.tsv has no set {name!r}")
    return dict(_table()[name])
