"""TIMEX3 ``mod`` from the words around a time expression ("mid-2018" -> MID).

ISO-TimeML keeps such modifiers out of the value: "mid-2018" is value 2018 with mod MID,
"about two years" P2Y with APPROX, "more than a decade ago" 2012 with BEFORE (the point lies
before the one named), "more than two years" P2Y with MORE_THAN (the stretch is longer).
The extent includes the modifier; :data:`LEADING` lists the words that join a span when they
stand right before it ("late Tuesday", "nearly five years later").
"""

from __future__ import annotations

import re
from typing import Optional

_APPROX = r"about|around|approximately|roughly|nearly|almost|some|circa|close to|an estimated"
_RULES = [
    (re.compile(rf"^(?:{_APPROX})\b"), "APPROX"),
    (re.compile(r"^(?:more than|over|upwards of|well over|longer than)\b"), "MORE_THAN"),
    (re.compile(r"^(?:less than|under|fewer than|just under|shorter than|within)\b"), "LESS_THAN"),
    (re.compile(r"^(?:at least|no less than|no fewer than)\b"), "EQUAL_OR_MORE"),
    (re.compile(r"^(?:up to|no more than|at most|barely)\b"), "EQUAL_OR_LESS"),
    (re.compile(r"^(?:the\s+)?(?:very\s+)?(?:early|beginning of|start of|dawn of|first half of)\b"), "START"),
    (re.compile(r"^(?:the\s+)?(?:mid\b|mid-|middle of)"), "MID"),
    (re.compile(r"^(?:the\s+)?(?:very\s+)?(?:late|end of|close of|second half of|latter part of)\b"), "END"),
]
# Modifiers that join the span when they stand right before it (prepositions never do:
# "over the past decade" keeps "over" outside, "the past decade" is the expression).
LEADING = re.compile(
    r"(?:\b(?:[Aa]bout|[Aa]round|[Aa]pproximately|[Rr]oughly|[Nn]early|[Aa]lmost|[Bb]arely|"
    r"[Mm]ore than|[Ll]ess than|[Aa]t least|[Uu]p to|[Nn]o more than|[Ee]arly|[Ll]ate)\s+)$")


def mod_of(text: str, kind: str) -> Optional[str]:
    """The TIMEX3 mod stated inside an expression's own text, or None."""
    t = re.sub(r"\s+", " ", text.strip().lower().replace("\u2013", "-"))
    for pat, mod in _RULES:
        if pat.search(t):
            if t.endswith(" ago") and mod in ("MORE_THAN", "EQUAL_OR_MORE"):
                return "BEFORE"  # "more than a decade ago": earlier than ten years back
            if t.endswith(" ago") and mod in ("LESS_THAN", "EQUAL_OR_LESS"):
                return "AFTER"
            if kind in ("DATE", "TIME") and mod in ("MORE_THAN", "LESS_THAN") and not t.endswith(("later", "earlier")):
                return None  # "over 2019" / "under Monday" are not TimeML mods of a point
            return mod
    return None
