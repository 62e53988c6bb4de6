"""Time expressions in the languages dateparser knows (BSD-3-Clause, 200+ locales).

``find_times(text, lang, published)`` returns ``TimeExpr`` records with TIMEX3 values at
the granularity the expression states (a day, a month, a year). dateparser's
``search_dates`` finds candidates; a candidate is kept only when it names a date the way
the language's own dateparser locale does — a month or weekday name, "yesterday"/"today"/
"tomorrow", a year, a numeric date, or CJK 年/月/日 — so a bare count ("3 semaines") or a
short word that happens to abbreviate a weekday ("die" in German) is not a date. Words
that dateparser swallows at the edges of a match ("le 15 mars 2022 à") are trimmed while
the date stays the same. Relative expressions need the publication date; without it they
are dropped (never resolved against today).
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from typing import Optional

from ..record import TimeExpr

_NUMERIC_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_CJK_DATE = re.compile(r"\d+\s*[年月日]|[年月日]")
_WORD = re.compile(r"\w+", re.U)
# Words that name a date in a dateparser locale.
_NAME_KEYS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
)
_RELATIVE_KEYS = ("1 day ago", "0 day ago", "in 1 day")


@lru_cache(maxsize=64)
def _locale_words(lang: str) -> Optional[tuple[frozenset, frozenset]]:
    """(date-naming words, relative day words) of a dateparser locale, lower-cased; None
    when dateparser has no locale for the language."""
    try:
        from dateparser.languages.loader import default_loader

        info = default_loader.get_locale(lang).info
    except Exception:  # noqa: BLE001 - an unknown locale: dateparser cannot read it
        return None
    # Each key's longest name ("dienstag", "mai") and every name of 4+ characters: the
    # short abbreviations ("di", "die", "ma") are ordinary words too often.
    names = set()
    for k in _NAME_KEYS:
        forms = [w.lower() for w in info.get(k, [])]
        if forms:
            names.add(max(forms, key=len))
            names.update(w for w in forms if len(w) >= 4 or not w.isascii())
    rel = {w.lower() for k in _RELATIVE_KEYS for w in info.get("relative-type", {}).get(k, [])}
    return frozenset(names), frozenset(rel)


def supported(lang: str) -> bool:
    return bool(lang) and lang != "und" and _locale_words(lang) is not None


def _names_date(s: str, lang: str) -> tuple[bool, bool]:
    """(names a date, is relative to the publication date)."""
    names, rel = _locale_words(lang) or (frozenset(), frozenset())
    low = s.lower()
    words = set(_WORD.findall(low))
    relative = any(r in low for r in rel) or bool(words & names) and not _YEAR.search(s) and not re.search(r"\d", s)
    if _NUMERIC_DATE.search(s) or _YEAR.search(s) or _CJK_DATE.search(s):
        return True, False
    if words & names or any(n in low for n in names if not n.isascii() and not n.isalpha()):
        return True, relative
    if any(r in low for r in rel):
        return True, True
    return False, False


_DAY_NUMBER = re.compile(r"(?<!\d)(0?[1-9]|[12]\d|3[01])(?!\d)")


def _period(s: str, lang: str) -> str:
    """The granularity an expression states: day, month or year."""
    names, rel = _locale_words(lang) or (frozenset(), frozenset())
    low = s.lower()
    words = set(_WORD.findall(low))
    no_year = _YEAR.sub(" ", s)
    if "年" in s and "月" not in s and "日" not in s:
        return "year"  # 今年, 2022年
    if _NUMERIC_DATE.search(s) or "日" in s or any(r in low for r in rel) or _DAY_NUMBER.search(no_year):
        return "day"
    months = _month_names(lang)
    if words & months or any(m in low for m in months if not m.isascii()) or "月" in s:
        return "month" if not (words & (names - months)) else "day"
    if _YEAR.search(s):
        return "year"
    return "day"  # a weekday name


@lru_cache(maxsize=64)
def _month_names(lang: str) -> frozenset:
    from dateparser.languages.loader import default_loader

    info = default_loader.get_locale(lang).info
    return frozenset(w.lower() for k in _NAME_KEYS[:12] for w in info.get(k, []) if len(w) >= 3)


def _value(d: _dt.datetime, period: str) -> str:
    if period == "year":
        return f"{d.year:04d}"
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.strftime("%Y-%m-%d")


def _trim(s: str, lang: str) -> str:
    """Drop the short words dateparser swallows at a match's edges ("le", "à", "в", "في")."""
    names, rel = _locale_words(lang) or (frozenset(), frozenset())
    words = s.split()

    def edge(w: str) -> bool:
        return len(w) <= 3 and not any(c.isdigit() for c in w) and w.lower() not in names and w.lower() not in rel

    while len(words) > 1 and edge(words[0]):
        words.pop(0)
    while len(words) > 1 and edge(words[-1]):
        words.pop()
    return " ".join(words)


@lru_cache(maxsize=64)
def _settings(published: Optional[str]) -> dict:
    settings = {"PREFER_DATES_FROM": "current_period"}
    if published:
        settings["RELATIVE_BASE"] = _dt.datetime.strptime(published, "%Y-%m-%d")
    return settings


def find_times(text: str, lang: str, published: Optional[str] = None) -> list[TimeExpr]:
    """Dates in ``text`` (language ``lang``, ISO 639-1), anchored on ``published``."""
    if not supported(lang):
        return []
    from dateparser.search import search_dates

    settings = _settings(published)
    base = settings.get("RELATIVE_BASE")
    try:
        found = search_dates(text, languages=[lang], settings=settings) or []
    except Exception:  # noqa: BLE001 - dateparser chokes on odd input; the record goes on without times
        return []
    out: list[TimeExpr] = []
    pos = 0
    for surface, when in found:
        at = text.find(surface, pos)
        if at < 0:
            continue
        pos = at + len(surface)
        ok, relative = _names_date(surface, lang)
        if not ok or (relative and base is None):
            continue
        trimmed = _trim(surface, lang)
        value = _value(when, _period(trimmed, lang))
        start = at + surface.find(trimmed)
        out.append(TimeExpr(start=start, end=start + len(trimmed), text=trimmed, value=value, type="DATE"))
    return out
