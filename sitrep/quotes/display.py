"""How a quote is shown to a reader (pages, CLI tables, CSV): only verbatim words in
quotation marks. A direct or partial quote is the speaker's own words and is shown in
“…” (pieces joined by " … "); an indirect or mixed one is a report in the writer's words
and is shown bare (a mixed one keeps the article's own marks around its verbatim
fragments). Works on ``Quote`` objects and on their JSON dicts alike.
"""

from __future__ import annotations

from typing import Any

VERBATIM_KINDS = frozenset({"direct", "partial"})


def _get(q: Any, key: str):
    return q.get(key) if isinstance(q, dict) else getattr(q, key, None)


def is_verbatim(q: Any) -> bool:
    return _get(q, "kind") in VERBATIM_KINDS


def shown_text(q: Any) -> str:
    """The quote as a reader sees it: “…” around verbatim words only."""
    text = _get(q, "text") or ""
    return f"“{text}”" if is_verbatim(q) else text
