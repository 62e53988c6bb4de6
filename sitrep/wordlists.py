"""Word lists as versioned data: one loader for every TSV table under ``sitrep/data/``.

Rule code never spells out a word list inline: each stage reads its lists from a table in
``sitrep/data/`` (diffable, one entry a line, commented header) through :func:`table`, so a
user can read, extend or replace them without touching the rules, and a test can check them.

Format: UTF-8, tab-separated, ``#`` starts a comment line, the first non-comment line names
the columns. Multi-valued cells are comma-separated.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["table", "members", "data_path"]


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
