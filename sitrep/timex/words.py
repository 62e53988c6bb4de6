"""The time and quantity word lists: the sets of ``sitrep/data/timex_words.tsv`` and the
word -> value tables of ``sitrep/data/timex_values.tsv``, read once."""

from __future__ import annotations

from functools import lru_cache

from ..wordlists import table, values

__all__ = ["timex_words", "timex_phrases", "timex_values", "TIMEX_VALUES"]

TIMEX_VALUES = "timex_values.tsv"


@lru_cache(maxsize=None)
def timex_phrases(which: str) -> tuple[str, ...]:
    """The words (or phrases) of one set, in the table's order (order matters where a list is matched in turn)."""
    return tuple(r["word"] for r in table("timex_words.tsv") if r["set"] == which)


@lru_cache(maxsize=None)
def timex_words(which: str) -> frozenset[str]:
    """One set of the table: stative, era_noun, future_head, schedule, percent, ... (see its header)."""
    return frozenset(timex_phrases(which))


def timex_values(which: str) -> dict[str, int | float | str]:
    """One table of ``timex_values.tsv`` as ``{word: value}``: month, weekday, unit, season,
    part_of_day, set_adverb, ref, deictic, number_unit, currency_noun, vague, ... (see its header).
    The dict is shared by every caller (read once): do not change it."""
    return values(TIMEX_VALUES, which)
