"""Questions the candidate loops ask about the document's quotation marks, answered by
bisection instead of a walk over every mark for every candidate (a long document has
thousands of both: that walk made the quotes stage quadratic in length).

Each method returns exactly what the loop it replaces returned.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

from ..lookups import Intervals
from .marks import Marked


class MarkIndex:
    def __init__(self, marks: list[Marked]) -> None:
        self.marks = marks
        # Running maximum of max(open_at, start) (a prefix of marks all below an offset),
        # and the minimum open_at of every suffix (the rest of the marks all at or after one).
        self._reach = list(accumulate((max(m.open_at, m.start) for m in marks), max))
        self._rest_open = list(accumulate((m.open_at for m in reversed(marks)), min))[::-1]
        self._starts = sorted(m.start for m in marks)
        self._spans = Intervals([(m.open_at, m.close_at or m.end) for m in marks])

    def widen(self, start: int, end: int) -> tuple[int, int]:
        """A clause that stops inside a marked fragment takes the fragment's closing mark,
        and one that starts inside it, its opening mark; the marks in list order, each
        seeing the bounds the earlier ones left (as ``for m in marks`` did).

        Marks before the first whose opening or content reaches ``start`` change nothing
        (both tests need one of them at or after ``start``, and nothing changes before);
        once every remaining mark opens at or after ``end`` (and ``start``), neither test can hold again.
        """
        marks = self.marks
        for i in range(bisect_left(self._reach, start), len(marks)):
            if self._rest_open[i] >= max(start, end):
                break
            m = marks[i]
            if start <= m.open_at < end and m.close_at is not None and m.close_at >= end:
                end = m.close_at + 1
            if m.open_at < start <= m.start and m.end < end:
                start = m.open_at
        return start, end

    def content_starts_in(self, start: int, end: int) -> bool:
        """Some mark's content starts in ``start:end``."""
        i = bisect_left(self._starts, start)
        return i < len(self._starts) and self._starts[i] < end

    def inside(self, at: int) -> bool:
        """Some mark has ``open_at <= at < (close_at or end)``."""
        return self._spans.contains(at)
