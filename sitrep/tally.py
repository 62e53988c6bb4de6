"""Run counters: named integer counts and the seconds a run took.

One shape for every report of a run — the ingest summary (``sitrep.ingest.Summary``) and a
watch round (``sitrep.watch.RoundReport``) — so the counters are named once, in ``COUNTS``::

    class Summary(Tally):
        COUNTS = ("documents", "articles", "errors")

    s = Summary()
    s.articles += 1
    s.add({"articles": 2, "errors": 1})      # a store's counts for one batch
    s.as_dict()                              # {"documents": 0, "articles": 3, "errors": 1, "seconds": 0.0}
"""

from __future__ import annotations

from typing import Mapping


class Tally:
    """Counters named in ``COUNTS`` (each an int attribute, 0 at first) and ``seconds``."""

    COUNTS: tuple[str, ...] = ()
    SECONDS_DIGITS = 2  # how as_dict rounds ``seconds``

    def __init__(self) -> None:
        for name in self.COUNTS:
            setattr(self, name, 0)
        self.seconds = 0.0

    def add(self, counts: Mapping[str, int]) -> None:
        """Add the counters ``counts`` names (others are ignored)."""
        for name in self.COUNTS:
            if name in counts:
                setattr(self, name, getattr(self, name) + counts[name])

    def as_dict(self) -> dict:
        """The counters in ``COUNTS`` order, then ``seconds`` (rounded)."""
        out = {name: getattr(self, name) for name in self.COUNTS}
        out["seconds"] = round(self.seconds, self.SECONDS_DIGITS)
        return out

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.as_dict().items())})"
