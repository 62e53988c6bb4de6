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
from .words import timex_values

_SEQ = re.compile(r"^the\s+(?P<which>next|following|previous|preceding|same|prior)\s+(?P<unit>day|week|month|year)$", re.I)
_AFTER = re.compile(r"^the\s+(?P<unit>day|week|month|year)\s+(?P<dir>after|before)$", re.I)
_LEAD = re.compile(r"^(?:nearly|almost|about|some|roughly|around|more than|less than|barely)\s+", re.I)
_LATER = re.compile(r"^(?P<n>.+?)\s+(?P<unit>day|week|month|year|decade)s?\s+(?P<dir>later|earlier|after|before|afterwards?)$", re.I)
# Parts of the story's day: "that night", "later that day", "the same morning".
_PART = re.compile(r"^(?:(?:later|earlier|early|late)\s+)?(?:(?:that|the same)\s+(?P<part>morning|afternoon|evening|night|day)"
                   r"|the\s+(?P<part2>morning|afternoon|evening|night))$", re.I)
# "that night" -> TNI: the codes of the normaliser's parts of the day ("tonight" never matches _PART).
PART_CODE = timex_values("part_of_day")
STEPS = timex_values("step")  # "the following day" +1 (sitrep/data/timex_values.tsv)
_CAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _bare(text: str) -> str:
    return _LEAD.sub("", text.strip().lower())


def is_anaphoric(text: str) -> bool:
    t = _bare(text)
    return bool(_SEQ.match(t) or _AFTER.match(t) or _LATER.match(t) or _PART.match(t))


def anchored(text: str, anchor: Optional[str]) -> Optional[str]:
    """The value of an anaphoric expression given the last calendar value before it."""
    if anchor is None:
        return None
    m = _CAL.match(anchor)
    if not m:
        return None
    t = _bare(text)
    part = _PART.match(t)
    if part:  # "that night" after "on March 3": 2023-03-03TNI; needs a day to count from
        if not m[3]:
            return None
        code = PART_CODE.get((part["part"] or part["part2"]).lower())
        return anchor + (f"T{code}" if code else "")
    s = _SEQ.match(t)
    a = _AFTER.match(t)
    if s:
        unit = s["unit"].lower()
        step = STEPS[s["which"].lower()]
    elif a:  # "the day after": one unit on from the date the story is at
        unit, step = a["unit"].lower(), (1 if a["dir"].lower() == "after" else -1)
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
    if unit == "decade":
        return str((year + 10 * step) // 10)  # "two decades later" after 2004: the 2020s
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


_CLAUSE_BREAK = re.compile(r"[;.!?]|,?\s+(?:and|but|while|whereas|although|though)\s+|\s[—-]\s", re.I)


def story_year(text: str, start: int, frame: Optional[dict], sent_start: int, prev_sent_start: Optional[int]) -> Optional[str]:
    """The year a yearless month or day ("in April", "March 29") takes from the story's own
    reference time instead of the publication date, or None to keep the publication date.

    ``frame`` is the last explicit year-bearing date before it (keys ``value``, ``start``,
    ``end``, ``text``). It sets the scope when it stands in the same clause ("visited
    Beijing in 2016, in October" -> 2016-10) or opens the previous sentence as a framing
    adverbial ("In 2012, ... . In May, ..." -> 2012-05).
    """
    if not frame:
        return None
    year = frame["value"][:4]
    if frame["start"] >= sent_start:  # same sentence: no clause break in between
        if _CLAUSE_BREAK.search(text[frame["end"]:start]):
            return None
        return year
    if prev_sent_start is None or not (prev_sent_start <= frame["start"] < sent_start):
        return None
    opening = text[prev_sent_start:frame["start"]].strip().lower()
    if opening in ("", "in", "by", "during", "throughout") and text[frame["end"]:frame["end"] + 1] == ",":
        return year
    return None
