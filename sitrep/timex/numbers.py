"""Reading numbers written in digits or words: "13,000", "2.5", "two", "twenty-one", "a dozen".

Shared by the time normaliser ("two years" -> P2Y) and the quantity reader
("two brigades" -> 2). Vague counts ("several", "thousands") are handled by the callers,
because what they mean depends on the use (an unknown duration vs. a lower bound).
"""

from __future__ import annotations

import re
from typing import Optional

from .words import timex_values, timex_words

UNITS = timex_values("number_unit")  # "seven" -> 7 (sitrep/data/timex_values.tsv)
TENS = timex_values("number_ten")  # "forty" -> 40
SCALES = timex_values("number_scale")  # "million", "mn", "m" -> 1000000

_DIGITS = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_DIGITS_SCALE = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|bn|b|tn)$", re.I)


def parse_number(text: str) -> Optional[float]:
    """The value of a number written in digits and/or words, or None.

    >>> parse_number("13,000"), parse_number("two"), parse_number("2.5 million")
    (13000.0, 2.0, 2500000.0)
    """
    words = re.split(r"[\s-]+", text.strip().lower().replace(" and ", " "))
    words = [w for w in words if w and w != "and"]
    if not words:
        return None
    total = 0.0
    current: Optional[float] = None
    for w in words:
        if _DIGITS.match(w):
            if current is not None:
                return None  # "2 3": two numbers, not one
            current = float(w.replace(",", ""))
            continue
        m = _DIGITS_SCALE.match(w)
        if m:
            current = float(m.group(1)) * SCALES[m.group(2).lower()]
            continue
        if w in UNITS:
            current = (current or 0) + UNITS[w]
        elif w in TENS:
            current = (current or 0) + TENS[w]
        elif w in ("a", "an") and current is None:
            current = 1
        elif w in ("dozen",):
            current = (current or 1) * 12
        elif w == "half" and current is None:
            current = 0.5
        elif w in SCALES and w not in timex_words("scale_letter"):
            scale = SCALES[w]
            current = (current if current is not None else 1) * scale
            if scale >= 1000:
                total += current
                current = None
        else:
            return None
    return total + (current or 0)


def is_number_word(word: str) -> bool:
    w = word.lower()
    return bool(_DIGITS.match(w)) or w in UNITS or w in TENS or w in SCALES or w == "dozen"
