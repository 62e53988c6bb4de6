"""Word lists as versioned data: one loader for every TSV table under ``sitrep/data/``.

Rule code never spells out a word list inline: each stage reads its lists from a table in
``sitrep/data/`` (diffable, one entry a line, commented header) through :func:`table`, so a
user can read, extend or replace them without touching the rules, and a test can check them.

Format: UTF-8, tab-separated, ``#`` starts a comment line, the first non-comment line names
the columns. Multi-valued cells are comma-separated. A table of values (word -> number or code)
has the columns ``word``, ``table``, ``value`` and ``type`` and is read with :func:`values`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["table", "members", "values", "data_path", "alternation"]


def data_path(name: str) -> Path:
    """The path of a shipped data file (``sitrep/data/NAME``)."""
    return Path(str(resources.files("sitrep") / "data" / name))


@lru_cache(maxsize=None)
def table(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``sitrep/data/NAME`` as dicts keyed by the header's column names."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for lineno, line in enumerate(data_path(name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            raise ValueError(f"sitrep/data/{name}:{lineno}: {len(cells)} cells, header has {len(header)}")
        rows.append(dict(zip(header, cells)))
    return tuple(rows)


@lru_cache(maxsize=None)
def members(name: str, column: str, value: str, key: str | None = None) -> frozenset[str]:
    """The ``key`` cells (default: the first column) of the rows whose comma-separated
    ``column`` cell contains ``value``: ``members("title_words.tsv", "set", "female", key="word")``."""
    rows = table(name)
    if not rows:
        return frozenset()
    key = key or next(iter(rows[0]))
    return frozenset(r[key] for r in rows if value in r[column].split(","))


# How a ``type`` cell reads its ``value``: the values keep the type the rules use (an int count, a
# float lower bound, a string code), since a float and an int print differently in the record.
_TYPES = {"int": int, "float": float, "str": str}


@lru_cache(maxsize=None)
def values(name: str, which: str) -> dict[str, int | float | str]:
    """``{word: value}`` of the rows of ``sitrep/data/NAME`` whose ``table`` cell is ``which``,
    in the table's order, each value read as its ``type`` cell says (``int``, ``float``, ``str``).
    A caller that changes the dict changes it for every other one: copy it first."""
    out: dict[str, int | float | str] = {}
    for r in table(name):
        if r["table"] == which:
            if r["word"] in out:
                raise ValueError(f"sitrep/data/{name}: {r['word']!r} twice in table {which}")
            out[r["word"]] = _TYPES[r["type"]](r["value"])
    return out


def alternation(words: Iterable[str]) -> str:
    """``words`` as one regex alternation (``a|b|c``, no group), each escaped. Longest first, so
    that where a caller's pattern does not pin the word's end a longer word is tried before its
    prefix ("march" before "mar"); then alphabetically, so the pattern is the same on every run
    (a set's order is not)."""
    words = set(words)
    if not words:
        raise ValueError("no words to alternate")  # an empty alternation would match everywhere
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
