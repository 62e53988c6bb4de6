"""Publication date from a page: text stamps and datelines, HTML metadata.

The publication date is the reference every relative time expression ("on Wednesday",
"last month") is resolved against, so a wrong date corrupts every event date in the
article. Hence: never guess. A date is returned only when the page states a full day;
nothing is ever filled in from today's date, and a year-less stamp ("Feb 3 (Reuters) -")
yields a date only when the year is known from elsewhere on the page (or its URL).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Iterable, Optional

from ..dates import MONTH_RE as _MON  # the month words of timex_values.tsv
from ..dates import MONTHS

_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# Full dates, most explicit first. Each pattern names mon/day/year groups.
_FULL = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    re.compile(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # November 20, 2019
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}\b", re.I),  # 19 November 2019
    re.compile(r"\b(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)\b"),
]
# Slash dates are ambiguous (11/10/2019): only taken when one reading is impossible.
_SLASH = re.compile(r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<year>(?:19|20)\d\d)\b")
# Year-less: "Feb 3 (Reuters) -", "February 3 -".
_YEARLESS = re.compile(rf"\b{_MON}\s+{_DAY}\b(?!,?\s*(?:19|20)\d\d)", re.I)
_YEAR_ONLY = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d\d)[/-](?P<month>[01]?\d)[/-](?P<day>[0-3]?\d)(?:/|\b)")
_URL_YEAR = re.compile(r"/((?:19|20)\d\d)/")

# Stamps that say what the date is; "published/posted" beats "updated".
_PUBLISHED = re.compile(r"\b(published|posted|first published|publication date|released|date)\b", re.I)
_UPDATED = re.compile(r"\b(updated|modified|last updated|edited)\b", re.I)


def _valid(y: int, m: int, d: int) -> Optional[str]:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def full_date(text: str) -> Optional[str]:
    """The first full calendar date stated in ``text`` (YYYY-MM-DD), or None."""
    best: Optional[tuple[int, str]] = None
    for pat in _FULL:
        for m in pat.finditer(text):
            g = m.groupdict()
            month = int(g["month"]) if g.get("month") else MONTHS[g["mon"].lower().rstrip(".")]
            value = _valid(int(g["year"]), month, int(g["day"]))
            if value and (best is None or m.start() < best[0]):
                best = (m.start(), value)
            if value:
                break
    for m in _SLASH.finditer(text):
        a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("year"))
        if a > 12 and b <= 12:
            value = _valid(y, b, a)  # 20/11/2019: day first
        elif b > 12 and a <= 12:
            value = _valid(y, a, b)  # 11/20/2019: month first
        else:
            value = None  # 11/10/2019: could be either; say nothing
        if value and (best is None or m.start() < best[0]):
            best = (m.start(), value)
        break
    return best[1] if best else None


def yearless_date(text: str, year: int) -> Optional[str]:
    m = _YEARLESS.search(text)
    if not m:
        return None
    return _valid(year, MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("day")))


def date_from_url(url: Optional[str]) -> Optional[str]:
    if not url:
        return None
    m = _URL_DATE.search(url)
    if not m:
        return None
    return _valid(int(m.group("year")), int(m.group("month")), int(m.group("day")))


def year_hint(texts: Iterable[str], url: Optional[str] = None) -> Optional[int]:
    """A year stated on the page (a full date anywhere, or the URL), for year-less
    datelines. A bare year in running text is not enough: '2014 Crimea' is history."""
    u = date_from_url(url)
    if u:
        return int(u[:4])
    if url:
        m = _URL_YEAR.search(url)
        if m:
            return int(m.group(1))
    for t in texts:
        d = full_date(t)
        if d:
            return int(d[:4])
    return None


def date_from_lines(head: list[str], first_body: list[str], tail: list[str], url: Optional[str] = None,
                    all_lines: Iterable[str] = ()) -> Optional[str]:
    """The publication date from a text page.

    ``head``: lines between the page top and the body (headline zone); ``first_body``:
    the first body paragraphs (wire datelines); ``tail``: lines just after the body
    ("First Published: ..."). Preference: a labelled 'published' stamp, then any full date
    in the headline zone, then a dated dateline, then a labelled 'updated' stamp, then the
    URL, then a year-less dateline completed with a year stated elsewhere."""
    stamps = [l for l in head + tail if len(l) <= 160]
    for l in stamps:
        if _PUBLISHED.search(l) and not _UPDATED.search(l.split(":")[0] if ":" in l else ""):
            d = full_date(l)
            if d:
                return d
    updated = None
    for l in head:
        if len(l) > 160:
            continue
        d = full_date(l)
        if d:
            if _UPDATED.search(l) and not _PUBLISHED.search(l):
                updated = updated or d
                continue
            return d
    for p in first_body[:1]:
        d = full_date(p[:120])
        if d:
            return d
    for l in tail:
        if len(l) <= 160 and _UPDATED.search(l):
            updated = updated or full_date(l)
    if updated:
        return updated
    u = date_from_url(url)
    if u:
        return u
    for p in first_body[:1] + [l for l in head if len(l) <= 160]:
        m = _YEARLESS.search(p[:120])
        if m:
            year = year_hint(list(all_lines), url)
            if year:
                return yearless_date(p[:120], year)
    return None


def date_from_html(html: str, url: Optional[str] = None, metadata_date: Optional[str] = None,
                   search: bool = True) -> Optional[str]:
    """Publication date from HTML metadata, guarded against invented parts.

    htmldate (which trafilatura uses) can fall back on a copyright year and turn "© 2019"
    into 2019-01-01, or return a day never stated on the page; both would pass silently
    into every resolved time expression. A candidate is kept only when the page (or URL)
    states that full day somewhere in a form we can read back.

    ``metadata_date``: a date already found (trafilatura's metadata); ``search=False``
    skips running htmldate again (``from_html`` already ran it through trafilatura)."""
    candidates = []
    if metadata_date:
        candidates.append(metadata_date[:10])
    if search:
        try:
            from htmldate import find_date

            # original_date: the first publication, not the last edit. extensive_search
            # off: that search is what reaches for copyright years and free-text guesses.
            found = find_date(html, url=url, original_date=True, extensive_search=False,
                              outputformat="%Y-%m-%d")
            if found:
                candidates.append(found[:10])
        except Exception:  # htmldate is best effort; a failure leaves the date unknown
            pass
    for c in candidates:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", c or "") and _stated(c, html, url):
            return c
    return None


def _stated(value: str, html: str, url: Optional[str]) -> bool:
    """Does the page state this full date (ISO in metadata/markup, a written date, or
    the URL)? A January 1st that appears nowhere is htmldate padding a bare year."""
    y, m, d = value.split("-")
    if value in html or f"{y}/{m}/{d}" in html or f"{y}{m}{d}" in html:
        return True
    if date_from_url(url) == value:
        return True
    text = re.sub(r"<[^>]+>", " ", html)
    for pat in _FULL[1:3]:
        for mt in pat.finditer(text):
            g = mt.groupdict()
            v = _valid(int(g["year"]), MONTHS[g["mon"].lower().rstrip(".")], int(g["day"]))
            if v == value:
                return True
    return False
