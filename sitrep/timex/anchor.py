"""Expressions anchored on the story's own timeline, not on the publication date.

"King and Weeks were abducted in August 2016. **The next year**, the Taliban released
two videos" means 2017, and "**a year later**" after "his 2018 physical" means 2019. TimeML
calls these anaphoric: their anchor is the last calendar date the text mentioned, which
is what this module uses (when there is none, the reference date keeps the say).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Optional

from .numbers import parse_number

_SEQ = re.compile(r"^the\s+(?P<which>next|following|previous|preceding|same|prior)\s+(?P<unit>day|week|month|year)$", re.I)
_LATER = re.compile(r"^(?P<n>.+?)\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>later|earlier|after|before|afterwards?)$", re.I)
_CAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def is_anaphoric(text: str) -> bool:
    t = text.strip().lower()
    return bool(_SEQ.match(t) or _LATER.match(t))


def anchored(text: str, anchor: Optional[str]) -> Optional[str]:
    """The value of an anaphoric expression given the last calendar value before it."""
    if anchor is None:
        return None
    m = _CAL.match(anchor)
    if not m:
        return None
    t = text.strip().lower()
    s = _SEQ.match(t)
    if s:
        unit = s["unit"].lower()
        step = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "prior": -1, "same": 0}[s["which"].lower()]
    else:
        s = _LATER.match(t)
        if not s:
            return None
        unit = s["unit"].lower()
        n = 1 if s["n"].lower() in ("a", "an", "one") else parse_number(s["n"])
        if n is None or not float(n).is_integer():
            return None
        step = int(n) * (1 if s["dir"].lower().startswith(("later", "after")) else -1)
    year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    if unit == "year":
        return str(year + step)
    if unit == "month" and month:
        idx = year * 12 + month - 1 + step
        return f"{idx // 12}-{idx % 12 + 1:02d}"
    if unit in ("day", "week") and day:
        d = date(year, month, day) + timedelta(days=step * (7 if unit == "week" else 1))
        if unit == "week":
            y, w, _ = d.isocalendar()
            return f"{y}-W{w:02d}"
        return d.isoformat()
    return None


def calendar_anchor(value: Optional[str]) -> Optional[str]:
    """The part of a TIMEX3 value usable as an anchor (2022-02-02T10:00 -> 2022-02-02)."""
    if not value:
        return None
    m = re.match(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T.*)?$", value)
    return m.group(1) if m else None
