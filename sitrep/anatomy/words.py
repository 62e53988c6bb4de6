"""The page-anatomy word lists (``sitrep/data/anatomy_words.tsv``) and the regex alternations
the line model and the credits reader compile from them."""

from __future__ import annotations

from functools import lru_cache

from ..wordlists import alternation as _alternate
from ..wordlists import members

__all__ = ["anatomy_words", "alternation", "ANATOMY_WORDS"]

ANATOMY_WORDS = "anatomy_words.tsv"


def anatomy_words(which: str) -> frozenset[str]:
    """One set of the table: chrome, byline, month_prefix, comment_head, credit_noun, ... (see its header)."""
    return members(ANATOMY_WORDS, "set", which, key="word")


@lru_cache(maxsize=None)
def alternation(*sets: str) -> str:
    """The words of ``sets`` as one regex alternation (``a|b|c``, no group; longest first, see
    :func:`sitrep.wordlists.alternation`)."""
    words = set().union(*(anatomy_words(s) for s in sets))
    if not words:
        raise ValueError(f"{ANATOMY_WORDS}: no words in {sets}")  # an empty alternation would match everywhere
    return _alternate(words)
