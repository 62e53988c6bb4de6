"""TIMEX3 values for English time expressions, against a reference (publication) date.

``normalise("last month", date(2022, 2, 3))`` -> ``("DATE", "2022-01")``.

Rules (news is past-leaning: a story mostly reports what already happened):

* a bare month ("in December") is the most recent such month on or before the reference
  month, unless the clause is in the future (``direction="future"``) -> the next one;
* a month and day without a year ("February 2") is the nearest such day to the
  reference; past/future direction forces on-or-before / on-or-after;
* a weekday is the most recent such day on or before the reference, the next one after
  it in a future clause; "last"/"next"/"this" say it explicitly;
* "this/last/next week|month|year" are calendar units (ISO weeks: 2022-W05);
* "the past two weeks", "two years", "weeks" are durations: P2W, P2Y, PXW (X = unknown);
  "in recent days|weeks|months" is read as a vague duration PXD/PXW/PXM;
* "now", "recently", "the future" are TIMEX3 PRESENT_REF / PAST_REF / FUTURE_REF;
* without a reference date only what the text says is kept: XXXX-02-02, XXXX-12,
  XXXX-WXX-3; relative expressions ("last month") get no value. Today's date is never used.

Modifiers ("early", "late", "mid-", "the end of", "earlier this") do not change the value
(TIMEX3 keeps them in a separate ``mod`` attribute, which the record does not carry).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal, Optional

from ..dates import MONTH_RE, MONTHS, real_day  # MONTHS: the month table anatomy shares
from ..wordlists import alternation
from .numbers import parse_number
from .words import timex_values, timex_words

Direction = Optional[Literal["past", "future"]]
Result = Optional[tuple[str, Optional[str]]]

WEEKDAYS = timex_values("weekday")  # the word tables: sitrep/data/timex_values.tsv
# unit word -> (TIMEX3 duration letter, is a time-of-day unit: PT2H, not P2H)
UNIT = {w: (letter, w in timex_words("clock_unit")) for w, letter in timex_values("unit").items()}
SEASONS = timex_values("season")
PARTS_OF_DAY = timex_values("part_of_day")
VAGUE_COUNT = set(timex_words("vague_count"))  # sitrep/data/timex_words.tsv
_STEPS = timex_values("step")  # "last" -1, "the following" +1, "the same" 0
_QUARTERS = timex_values("quarter")  # "third" quarter -> 3 (digits and Q3 are read off the text)


def _direction(word: Optional[str]) -> Direction:
    """Which way a sequence word ("last", "coming") points from the reference: its step's sign."""
    step = _STEPS.get(word or "")
    return None if not step else ("past" if step < 0 else "future")


_MONTH_RE = MONTH_RE
_DAY_RE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>1[5-9]\d\d|20\d\d)"
_WD_RE = rf"(?P<wd>{alternation(WEEKDAYS)})\.?"  # every word it matches is a key of WEEKDAYS

# Words that only colour the value (TIMEX3 "mod"): stripped before reading.
_MODS = re.compile(
    r"^(?:(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle of|end of|beginning of|start of|turn of|"
    r"first half of|second half of|latter part of|earlier|later|around|about|approximately|"
    r"roughly|nearly|almost|some|more than|over|less than|under|at least|up to|until|till|since|"
    r"by|as of|from|through|to|before|after|during|in|on|at|of)\b[\s-]*)+"
)
_AGE = re.compile(r"\b(year|month|week|day)s?[\s-]old\b|\baged\b")


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + delta
    return idx // 12, idx % 12 + 1


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _pick_year(ref: date, month: int, day: Optional[int], direction: Direction) -> int:
    """The year a yearless month(/day) refers to, seen from the reference date."""
    day_ = day or 1
    cands = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cands.append(date(y, month, min(day_, 28) if day is None else day_))
        except ValueError:
            continue
    if not cands:
        return ref.year
    if day is None:
        # A month is "on or before" the reference when it starts on or before the
        # reference month (the current month counts as past).
        ref_m = date(ref.year, ref.month, 1)
        cands = [date(c.year, c.month, 1) for c in cands]
        if direction == "future":
            after = [c for c in cands if c > ref_m]
            return min(after).year if after else ref.year
        before = [c for c in cands if c <= ref_m]
        return max(before).year if before else ref.year
    if direction == "past":
        before = [c for c in cands if c <= ref]
        return max(before).year if before else ref.year
    if direction == "future":
        after = [c for c in cands if c >= ref]
        return min(after).year if after else ref.year
    return min(cands, key=lambda c: (abs((c - ref).days), c > ref)).year


def _weekday(ref: date, wd: int, which: Optional[str], direction: Direction) -> date:
    delta = (ref.isoweekday() - wd) % 7  # days back to the most recent such weekday (0 = today)
    back = ref - timedelta(days=delta)
    fwd = ref + timedelta(days=(wd - ref.isoweekday()) % 7)
    if which == "last":
        return back if delta else ref - timedelta(days=7)
    if which in ("next", "coming"):
        return fwd if fwd != ref else ref + timedelta(days=7)
    if which == "this":
        return ref + timedelta(days=wd - ref.isoweekday())
    if direction == "future":
        return fwd
    return back


def _count(words: str) -> Optional[str]:
    """'two' -> '2', 'several' -> 'X', '2.5' -> '2.5'; None when not a count."""
    words = re.sub(r"\s+more$", "", words.strip())  # "several more years", "two more weeks"
    if words in timex_words("couple"):
        return "2"  # TimeML: "a couple of weeks" is P2W
    if not words or words in VAGUE_COUNT:
        return "X"
    if words.endswith(" and a half"):
        base = parse_number(words[: -len(" and a half")])
        return None if base is None else _fmt(base + 0.5)
    n = parse_number(words)
    return None if n is None else _fmt(n)


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def _duration(count: str, unit: str) -> str:
    letter, tod = UNIT[unit]
    if unit == "fortnight":
        count = "X" if count == "X" else _fmt(float(count) * 2)
    return f"PT{count}{letter}" if tod else f"P{count}{letter}"


def _unit_of(word: str) -> Optional[str]:
    w = word.lower()
    if w in UNIT:
        return w
    if w.endswith("ies") and w[:-3] + "y" in UNIT:
        return w[:-3] + "y"
    if w.endswith("s") and w[:-1] in UNIT:
        return w[:-1]
    return None


def _relative_unit(ref: Optional[date], unit: str, offset: int) -> Optional[str]:
    """'this|last|next <unit>' as a calendar value (offset 0, -1, +1)."""
    if ref is None:
        return None
    if unit == "day":
        return (ref + timedelta(days=offset)).isoformat()
    if unit in ("week", "weekend"):
        wk = _iso_week(ref + timedelta(weeks=offset))
        return wk + "-WE" if unit == "weekend" else wk
    if unit == "month":
        y, m = _shift_month(ref.year, ref.month, offset)
        return f"{y}-{m:02d}"
    if unit == "year":
        return str(ref.year + offset)
    if unit == "decade":
        return str(ref.year // 10 + offset)
    if unit == "century":
        return str(ref.year // 100 + offset)
    if unit == "quarter":
        q = (ref.month - 1) // 3 + offset
        return f"{ref.year + q // 4}-Q{q % 4 + 1}"
    return None


def _weekend_offset(ref: Optional[date], unit: str, direction: Direction) -> int:
    """'(this|the) weekend' seen from a weekday: the one just past, unless the clause is future."""
    if unit != "weekend" or ref is None or direction == "future" or ref.isoweekday() >= 6:
        return 0
    return -1


def _ago(ref: Optional[date], n: float, unit: str, sign: int) -> Optional[str]:
    if ref is None or not float(n).is_integer():
        return None
    n = int(n) * sign
    if unit == "day":
        return (ref + timedelta(days=n)).isoformat()
    if unit == "week":
        return _iso_week(ref + timedelta(weeks=n))
    if unit == "month":
        y, m = _shift_month(ref.year, ref.month, n)
        return f"{y}-{m:02d}"
    if unit == "year":
        return str(ref.year + n)
    if unit == "decade":
        return str(ref.year + 10 * n)  # "a decade ago" -> the year ten years back
    return None


_SET = re.compile(r"^(?:every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<n>\w+)\s+)?(?P<unit>\w+)$")
_SET_ADV = timex_values("set_adverb")  # "daily" -> P1D
_REFS = timex_values("ref")  # "now" -> PRESENT_REF


def _clean(text: str) -> str:
    t = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    t = re.sub(r"\s+", " ", t).strip(" ,.;:()\"'")
    return t


def normalise(text: str, ref: Optional[date], direction: Direction = None) -> Result:
    """``(type, value)`` for a time expression, ``(type, None)`` when it is one but cannot be
    resolved, or ``None`` when the text is not a time expression at all ("65-year-old")."""
    t = _clean(text)
    if not t or _AGE.search(t):
        return None
    base = _MODS.sub("", t).strip()
    base = re.sub(r"^the\s+", "", base)
    if not base:
        return None
    res = _elapsed(base)  # a race time "3:07:35" is how long something took, not a clock time
    if res is not None:
        return res
    # A trailing time of day ("Wednesday at 10 a.m.") makes the whole a TIME.
    res = _time_of_day(base, ref, direction)
    if res is not None:
        return res
    for rule in (_explicit, _relative, _durations, _others):
        res = rule(base, t, ref, direction)
        if res is not None:
            return res
    return None


# -- explicit calendar dates -------------------------------------------------------------
_ISO = re.compile(r"^(?P<year>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[t ](?P<time>\d{2}:\d{2}))?")
_SLASH = re.compile(r"^(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4}|\d{2})$")
_MDY = re.compile(rf"^(?:{_WD_RE},?\s+)?{_MONTH_RE}\s+{_DAY_RE}(?:,?\s+{_YEAR_RE})?$")
_DMY = re.compile(rf"^(?:{_WD_RE},?\s+)?(?:the\s+)?{_DAY_RE}(?:\s+of)?\s+{_MONTH_RE}(?:,?\s+{_YEAR_RE})?$")
_MY = re.compile(rf"^{_MONTH_RE}(?:,?\s+(?:of\s+)?{_YEAR_RE})?$")
_YEAR = re.compile(rf"^(?:the\s+year\s+)?{_YEAR_RE}$")
_DECADE = re.compile(r"^(?:(?P<cent>1[5-9]|20)(?P<dec>\d)0s|'?(?P<short>[1-9])0s)$")
_CENTURY = re.compile(r"^(?P<n>\d{1,2})(?:st|nd|rd|th) century$")
_SEASON = re.compile(rf"^(?P<which>this|last|next|past|coming)?\s*(?P<season>spring(?:time)?|summer(?:time)?|autumn|fall|winter(?:time)?)(?:\s+(?:of\s+)?{_YEAR_RE})?$")
_QUARTER = re.compile(rf"^(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|q[1-4])(?:\s+quarter)?(?:\s+(?:of\s+)?{_YEAR_RE})?$")
_WEEKDAY = re.compile(rf"^(?P<which>last|next|this|coming|past)?\s*{_WD_RE}(?:\s+(?P<part>morning|afternoon|evening|night))?$")


def names_no_real_day(text: str) -> bool:
    """True when ``text`` states a calendar day that does not exist ("June 31",
    "February 30", "2025-02-30", "2/30/2025")."""
    base = re.sub(r"^the\s+", "", _MODS.sub("", _clean(text)).strip())
    m = _ISO.match(base)
    if m:
        return not real_day(int(m["year"]), int(m["m"]), int(m["d"]))
    m = _SLASH.match(base)
    if m:
        mo, d = int(m["a"]), int(m["b"])
        if mo > 12 >= d:
            mo, d = d, mo
        return not real_day(int(m["year"]) + (2000 if len(m["year"]) == 2 else 0), mo, d)
    m = _MDY.match(base) or _DMY.match(base)
    if m:
        d = int(m["day"])
        return 1 <= d <= 31 and not real_day(int(m["year"]) if m["year"] else None, MONTHS[m["mon"]], d)
    return False


def _explicit(base: str, full: str, ref: Optional[date], direction: Direction) -> Result:
    # A day that does not exist ("June 31", "February 30", "2025-02-30") is still a time
    # expression the text states: it keeps its span and type with no value (find_times
    # adds a note), and never becomes an impossible date downstream.
    m = _ISO.match(base)
    if m:
        v = f"{m['year']}-{m['m']}-{m['d']}"
        if not real_day(int(m["year"]), int(m["m"]), int(m["d"])):
            return ("TIME" if m["time"] else "DATE"), None
        return ("TIME", f"{v}T{m['time']}") if m["time"] else ("DATE", v)
    m = _SLASH.match(base)
    if m:  # US order (month/day), the common form in English-language news
        y = int(m["year"]) + (2000 if len(m["year"]) == 2 else 0)
        mo, d = int(m["a"]), int(m["b"])
        if mo > 12 >= d:
            mo, d = d, mo
        if not real_day(y, mo, d):
            return "DATE", None
        return "DATE", f"{y:04d}-{mo:02d}-{d:02d}"
    m = _MDY.match(base) or _DMY.match(base)
    if m:
        mo, d = MONTHS[m["mon"]], int(m["day"])
        if not 1 <= d <= 31:
            return None
        if m["year"]:
            if not real_day(int(m["year"]), mo, d):
                return "DATE", None
            return "DATE", f"{m['year']}-{mo:02d}-{d:02d}"
        if not real_day(None, mo, d):
            return "DATE", None
        if ref is None:
            return "DATE", f"XXXX-{mo:02d}-{d:02d}"
        y = _pick_year(ref, mo, d, direction)
        if not real_day(y, mo, d):  # February 29 with no leap year near the reference
            return "DATE", None
        return "DATE", f"{y}-{mo:02d}-{d:02d}"
    m = re.match(rf"^(?P<which>last|next|this|past|coming)\s+{_MONTH_RE}$", base)
    if m:
        mo = MONTHS[m["mon"]]
        if ref is None:
            return "DATE", f"XXXX-{mo:02d}"
        dirn = _direction(m["which"])
        if dirn == "past" and mo == ref.month:
            return "DATE", f"{ref.year - 1}-{mo:02d}"
        return "DATE", f"{_pick_year(ref, mo, None, dirn)}-{mo:02d}"
    m = _MY.match(base)
    if m:
        mo = MONTHS[m["mon"]]
        if m["year"]:
            return "DATE", f"{m['year']}-{mo:02d}"
        if ref is None:
            return "DATE", f"XXXX-{mo:02d}"
        return "DATE", f"{_pick_year(ref, mo, None, direction)}-{mo:02d}"
    m = _YEAR.match(base)
    if m:
        return "DATE", m["year"]
    m = _DECADE.match(base)
    if m:
        if m["short"]:
            return "DATE", f"19{m['short']}"
        return "DATE", f"{m['cent']}{m['dec']}"
    m = _CENTURY.match(base)
    if m:
        return "DATE", f"{int(m['n']) - 1:02d}"
    m = _SEASON.match(base)
    if m:
        s = SEASONS[m["season"]]
        if m["year"]:
            return "DATE", f"{m['year']}-{s}"
        if ref is None:
            return "DATE", f"XXXX-{s}"
        y = ref.year + _STEPS.get(m["which"] or "", 0)
        if m["which"] in (None, "this") and s == "WI" and ref.month <= 3:
            y -= 1  # the winter of early-year months began the previous December
        return "DATE", f"{y}-{s}"
    m = _QUARTER.match(base)
    if m and ("quarter" in base or m["ord"].startswith("q")):
        q = _QUARTERS.get(m["ord"]) or int(m["ord"][-1] if m["ord"].startswith("q") else m["ord"][0])
        if m["year"]:
            return "DATE", f"{m['year']}-Q{q}"
        return "DATE", (f"{ref.year}-Q{q}" if ref else f"XXXX-Q{q}")
    m = _WEEKDAY.match(base)
    if m:
        wd = WEEKDAYS[m["wd"].rstrip(".")]
        part = f"T{PARTS_OF_DAY[m['part']]}" if m["part"] else ""
        kind = "TIME" if part else "DATE"
        if ref is None:
            return kind, f"XXXX-WXX-{wd}{part}"
        which = m["which"] or None
        if which == "past":
            which = "last"
        return kind, _weekday(ref, wd, which, direction).isoformat() + part
    return None


# -- deictic: today, last month, three days ago -----------------------------------------
_DEICTIC = timex_values("deictic")  # days from the reference date
_THIS_UNIT = re.compile(r"^(?P<which>this|last|next|past|coming|previous|current|following|same)\s+(?P<unit>week|weekend|month|year|decade|century|quarter|day)$")
_AGO = re.compile(r"^(?P<n>.+?)\s+(?P<unit>\w+)\s+(?P<dir>ago|earlier|before|later|from now|hence)$")
_PART = re.compile(r"^(?P<day>today|yesterday|tomorrow|this|last)\s+(?P<part>morning|afternoon|evening|night)$")


def _relative(base: str, full: str, ref: Optional[date], direction: Direction) -> Result:
    if base in timex_words("the_unit") and re.search(r"\bthe\s+" + base + "$", full):
        return "DATE", _relative_unit(ref, base, _weekend_offset(ref, base, direction))  # "the end of the year": the current one
    if base in _DEICTIC:
        kind = "TIME" if base == "tonight" else "DATE"
        if ref is None:
            return kind, None
        v = (ref + timedelta(days=_DEICTIC[base])).isoformat()
        return kind, v + ("TNI" if base == "tonight" else "")
    m = _PART.match(base)
    if m:
        if ref is None:
            return "TIME", None
        off = _DEICTIC.get(m["day"], _STEPS.get(m["day"], 0))  # "yesterday evening" -1, "last night" -1, "this morning" 0
        return "TIME", (ref + timedelta(days=off)).isoformat() + "T" + PARTS_OF_DAY[m["part"]]
    m = _THIS_UNIT.match(base)
    if m:
        which, unit = m["which"], m["unit"]
        if which == "past" and not full.startswith("past") and unit != "weekend":
            # "the past week" is the seven days up to now: a duration (TimeML).
            return "DURATION", _duration("1", unit)
        if which == "same":
            return "DATE", None  # "the same week" names the week of another event, not of the reference
        off = _STEPS.get(which)
        if off is None:  # "this", "current": the reference's own unit
            off = _weekend_offset(ref, unit, direction)
        return "DATE", _relative_unit(ref, unit, off)
    m = _AGO.match(base)
    if m:
        unit = _unit_of(m["unit"])
        n = _count(m["n"])
        if unit is None or n is None:
            return None
        if m["dir"] in timex_words("anchored_dir") and not full.endswith("ago"):
            return "DATE", None  # anchored on another event, not on the reference date
        sign = 1 if m["dir"] in timex_words("forward_dir") else -1
        if n == "X" or ref is None:
            return "DATE", None
        return "DATE", _ago(ref, float(n), unit, sign)
    return None


# -- durations: two years, the past 24 hours, weeks, recent days ------------------------
_DUR = re.compile(
    r"^(?:(?:the\s+)?(?P<lead>past|last|next|coming|previous|first|final|recent|following|remaining|entire|whole|full)\s+)?"
    r"(?P<n>.*?)\s*(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies))$"
)


def _durations(base: str, full: str, ref: Optional[date], direction: Direction) -> Result:
    b = re.sub(r"(\d+|\w+)-(year|month|week|day|hour|minute|decade)(?:-long)?$", r"\1 \2", base)
    b = re.sub(r"^(decades|years|months|weeks|days|hours)-long$", r"\1", b)
    b = re.sub(r"\b(?:full|whole|entire|straight|consecutive)\s+(?=\w+$)", "", b)  # "one full day"
    half = re.match(r"^(.*?)\s*(\w+) and a half$", b)
    if half and _unit_of(half.group(2)):
        count = _count(half.group(1) or "a")
        if count not in (None, "X"):
            return "DURATION", _duration(_fmt(float(count) + 0.5), _unit_of(half.group(2)))
    m = _DUR.match(b)
    if not m:
        return None
    unit = _unit_of(m["unit"])
    if unit is None:
        return None
    n = m["n"].strip()
    plural = m["unit"].endswith("s") and unit != "century" or m["unit"].endswith("ies")
    if not n:
        if plural:
            return "DURATION", _duration("X", unit)
        if m["lead"]:
            return "DURATION", _duration("1", unit)
        return "DURATION", _duration("1", unit) if unit not in ("day", "night") else None
    count = _count(n)
    if count is None:
        return None
    return "DURATION", _duration(count, unit)


def _set_value(m: re.Match) -> Result:
    """'every week' P1W, 'every other week' P2W, 'each year' P1Y, 'every morning' XXXX-XX-XXTMO,
    'every Monday' XXXX-WXX-1, 'every summer' XXXX-SU, 'each season' P3M (a calendar season)."""
    word = m["unit"]
    unit = _unit_of(word)
    step = 2 if m["other"] else 1
    if unit:
        n = _count(m["n"]) if m["n"] else "1"
        if n is None or n == "X":
            return None
        return "SET", _duration(_fmt(float(n) * step), unit)
    if m["n"]:
        return None
    if word in PARTS_OF_DAY:
        return "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[word]}"
    if word.rstrip("s") in SEASONS:
        return "SET", f"XXXX-{SEASONS[word.rstrip('s')]}"
    if word in ("season", "seasons"):
        return "SET", "P3M"
    wd = WEEKDAYS.get(word.rstrip("s"))
    if wd:
        return "SET", f"XXXX-WXX-{wd}"
    return None


def _others(base: str, full: str, ref: Optional[date], direction: Direction) -> Result:
    if full in _REFS or base in _REFS:
        return "DATE", _REFS.get(full) or _REFS[base]
    if base in _SET_ADV:
        return "SET", _SET_ADV[base]
    m = _SET.match(base)
    if m:
        return _set_value(m)
    m = re.match(r"^(?P<freq>once|twice|thrice|\w+ times)\s+(?:a|an|per|every|each)\s+(?P<unit>\w+)$", base)
    if m:
        unit = _unit_of(m["unit"])
        if unit:
            return "SET", _duration("1", unit)
    if base.startswith("recent ") or base in ("recent", "recently"):
        return "DATE", "PAST_REF"
    return None


# -- elapsed times: 3:07:35, 2:05.3 ----------------------------------------------------
_ELAPSED = re.compile(r"^(?:(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?:\.(?P<f>\d+))?|(?P<m2>\d{1,2}):(?P<s2>[0-5]\d)\.(?P<f2>\d+))$")


def _elapsed(base: str) -> Result:
    m = _ELAPSED.match(base)
    if not m:
        return None
    h, mi, sec, frac = (m["h"] or "0"), (m["m"] or m["m2"]), (m["s"] or m["s2"]), (m["f"] or m["f2"])
    out = "PT" + (f"{int(h)}H" if int(h) else "") + (f"{int(mi)}M" if int(mi) else "")
    secs = f"{int(sec)}" + (f".{frac}" if frac else "")
    if int(sec) or frac or out == "PT":
        out += secs + "S"
    return "DURATION", out


# -- times of day ---------------------------------------------------------------------
_CLOCK = re.compile(
    r"^(?:(?P<pre>.*?)\s+(?:at\s+)?)?(?:(?P<h>\d{1,2})(?::(?P<mi>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)|"
    r"(?P<h24>[0-2]?\d):(?P<mi24>\d{2})|(?P<word>noon|midday|midnight))"
    r"(?:\s+(?:\(?(?P<tz>gmt|utc|est|edt|cet|cest|bst|msk|et|pt|local time)\)?))?$"
)


def _time_of_day(base: str, ref: Optional[date], direction: Direction) -> Result:
    m = _CLOCK.match(base)
    if not m:
        return None
    if m["word"]:
        hh, mi = (0, 0) if m["word"] == "midnight" else (12, 0)
    elif m["h24"]:
        hh, mi = int(m["h24"]), int(m["mi24"])
    else:
        hh, mi = int(m["h"]) % 12, int(m["mi"] or 0)
        if m["ampm"].startswith("p"):
            hh += 12
    if hh > 23 or mi > 59:
        return None
    day: Optional[str] = None
    if m["pre"]:
        pre = normalise(m["pre"], ref, direction)
        if pre is None:
            return None  # "10:30 p.m. Aug. 9 to 6:30 a.m." is a range: the caller splits it
        if pre[1] is None or pre[0] not in ("DATE", "TIME"):
            day = "XXXX-XX-XX"
        else:
            day = re.sub(r"T\w+$", "", pre[1])
    elif ref is not None:
        day = ref.isoformat()
    clock = f"T{hh:02d}:{mi:02d}"
    return "TIME", (day or "XXXX-XX-XX") + clock
