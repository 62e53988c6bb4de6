"""The time and quantity word lists: the sets of ``sitrep/data/timex_words.tsv``, read once."""

from __future__ import annotations

from functools import lru_cache

from ..wordlists import table

__all__ = ["timex_words", "timex_phrases"]


@lru_cache(maxsize=None)
def timex_phrases(which: str) -> tuple[str, ...]:
    """The words (or phrases) of one set, in the table's order (order matters where a list is matched in turn)."""
    return tuple(r["word"] for r in table("timex_words.tsv") if r["set"] == which)


@lru_cache(maxsize=None)
def timex_words(which: str) -> frozenset[str]:
    """One set of the table: stative, era_noun, future_head, schedule, percent, ... (see its header)."""
    return frozenset(timex_phrases(which))
