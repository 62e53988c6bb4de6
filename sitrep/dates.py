"""One validated calendar-day type for every date sitrep takes from a user.

``--published`` (extract, ingest), ``--since``/``--until`` (queries, export), the API's
``published`` field and jsonl ``"published"`` all go through :func:`check_day`: the value
must be ``YYYY-MM-DD`` *and* name a real day, so "2025-02-30" is refused where it is given
instead of failing later in the store (week aggregates) or silently matching nothing.

    from sitrep.dates import check_day, real_day
    check_day("2022-02-03")     # "2022-02-03"
    check_day("2025-02-30")     # ValueError: 2025-02-30 is not a real day (February has 28 days in 2025)
    real_day(2024, 2, 29)       # True

It also holds the one month table (:data:`MONTHS`, month word -> number, from
``sitrep/data/timex_values.tsv``, and its regex :data:`MONTH_RE`) that the page-date reader (``sitrep.anatomy``) and the
time normaliser (``sitrep.timex``) share.
"""

from __future__ import annotations

import calendar
import re
from typing import Annotated, Optional

from pydantic import AfterValidator

from .wordlists import alternation, values

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH_NAMES = list(calendar.month_name)
# Month names and abbreviations -> 1..12 ("sept" -> 9); lower case, without the abbreviation's dot.
MONTHS = values("timex_values.tsv", "month")
# The month words as a regex group ``mon`` with the abbreviation's optional dot: every word the
# group matches is a key of MONTHS (lower-cased, dot stripped), so no rule spells the months out.
MONTH_RE = rf"(?P<mon>{alternation(MONTHS)})\.?"


def real_day(year: Optional[int], month: int, day: int) -> bool:
    """Whether ``day`` exists in ``month`` of ``year`` (any year when ``year`` is None:
    February 29 exists, February 30 never does)."""
    if not 1 <= month <= 12 or day < 1:
        return False
    if year is None:
        year = 2000  # a leap year: the most days any February has
    if not 1 <= year <= 9999:
        return False
    return day <= calendar.monthrange(year, month)[1]


def day_problem(value: str) -> Optional[str]:
    """None for a real ``YYYY-MM-DD`` day, else why it is not one (one short clause)."""
    m = _DAY.match(value)
    if not m:
        return f"{value!r} is not a date in the form YYYY-MM-DD"
    y, mo, d = (int(g) for g in m.groups())
    if not 1 <= mo <= 12:
        return f"{value} is not a real day (there is no month {mo:02d})"
    if not real_day(y, mo, d):
        n = calendar.monthrange(y, mo)[1] if 1 <= y <= 9999 else 31
        return f"{value} is not a real day ({_MONTH_NAMES[mo]} has {n} days in {y})"
    return None


def check_day(value: str) -> str:
    """``value`` when it is a real ``YYYY-MM-DD`` day; raises ``ValueError`` otherwise."""
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD")
    problem = day_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def is_day(value: Optional[str]) -> bool:
    """True for a real ``YYYY-MM-DD`` day (a stored event day, a TIMEX3 value)."""
    return isinstance(value, str) and day_problem(value) is None


# The pydantic form (API bodies, records): a real day or a validation error.
Day = Annotated[str, AfterValidator(check_day)]
