"""The event stage's word sets, read once from ``sitrep/data/event_words.tsv`` (versioned data,
through ``sitrep.wordlists``).

``words("light_verb")`` -> frozenset of words; ``values("anaphor_type")`` -> {word: value}.
"""

from __future__ import annotations

from functools import lru_cache

from ..wordlists import table

__all__ = ["words", "values"]


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for r in table("event_words.tsv"):
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
