"""Offset lookups over a document's annotation lists in O(log n), not one scan per token.

The stages ask, for every event trigger or candidate token, "which time expressions lie in
this sentence", "is this offset inside a quotation", "which entity has this id". Scanning
the whole list for each question made a long document quadratic (a 200,000-character
article spent most of its time in such scans). These helpers answer the same questions
with bisection over the items sorted by start offset, and return what the scan returned,
in the same order, so the records are unchanged.

* :class:`Intervals` - items with ``start``/``end`` (or ``(start, end)`` pairs); the ones
  overlapping a range, or containing an offset, in their original list order;
* :func:`intervals_of` - the :class:`Intervals` of one of a Doc's lists, built once and
  kept while that list is unchanged (same object, same length);
* :func:`by_id` - the first item with each ``id`` of a Doc's list, kept the same way;
* :func:`cached` - any index of a Doc's list, kept the same way;
* :func:`ents_within` - ``span.ents`` from the span's own tokens (spaCy's ``Span.ents``
  walks every entity of the document).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any, Callable, Hashable, Optional, Sequence

from spacy.tokens import Doc, Span

CACHE_KEY = "sitrep_lookups"  # doc.user_data entry: name -> (the list, its length, the index)


def _bounds(item: Any) -> tuple[int, int]:
    if isinstance(item, tuple):
        return item[0], item[1]
    return item.start, item.end


class Intervals:
    """Items with character bounds, queried by offset."""

    def __init__(self, items: Sequence[Any], bounds: Callable[[Any], tuple[int, int]] = _bounds) -> None:
        self.items = list(items)
        spans = [bounds(x) for x in self.items]
        order = sorted(range(len(spans)), key=lambda i: (spans[i][0], i))
        self._starts = [spans[i][0] for i in order]
        self._ends = [spans[i][1] for i in order]
        self._order = order
        self._longest = max((e - s for s, e in spans), default=0)

    def _positions(self, lo: int, hi: int) -> range:
        # Items that start before ``hi`` and could reach past ``lo`` (none is longer than _longest).
        return range(bisect_left(self._starts, lo - self._longest), bisect_left(self._starts, hi))

    def overlapping(self, lo: int, hi: int) -> list[Any]:
        """Items with ``start < hi`` and ``end > lo``, in list order."""
        found = [self._order[p] for p in self._positions(lo, hi) if self._ends[p] > lo]
        return [self.items[i] for i in sorted(found)]

    def contains(self, at: int) -> bool:
        """True when some item has ``start <= at < end``."""
        return any(self._ends[p] > at for p in range(bisect_left(self._starts, at - self._longest),
                                                      bisect_right(self._starts, at)))


def cached(doc: Doc, name: str, items: Sequence[Any], build: Callable[[Sequence[Any]], Any]) -> Any:
    """``build(items)`` for one of ``doc``'s lists, made once and kept while that list is
    unchanged (same object, same length); ``name`` keeps one index apart from another."""
    cache = doc.user_data.setdefault(CACHE_KEY, {})
    hit = cache.get(name)
    # The list itself is kept in the entry, so its id cannot be reused by another list.
    if hit is not None and hit[0] is items and hit[1] == len(items):
        return hit[2]
    value = build(items)
    cache[name] = (items, len(items), value)
    return value


def intervals_of(doc: Doc, name: str, items: Optional[Sequence[Any]]) -> Intervals:
    """The :class:`Intervals` of ``items`` (one of ``doc``'s lists, e.g. ``doc._.sitrep.times``)."""
    return cached(doc, name, items if items is not None else [], Intervals)


def by_id(doc: Doc, name: str, items: Optional[Sequence[Any]], key: Callable[[Any], Hashable] = lambda x: x.id) -> dict:
    """``{id: first item with that id}`` for one of ``doc``'s lists."""

    def build(seq: Sequence[Any]) -> dict:
        out: dict = {}
        for x in seq:
            out.setdefault(key(x), x)
        return out

    return cached(doc, name, items if items is not None else [], build)


def ents_within(span: Span) -> list[Span]:
    """The document's entities that lie inside ``span``, as ``span.ents`` gives them, read
    from the IOB tags of the span's tokens (an entity crossing either edge is left out)."""
    doc = span.doc
    out: list[Span] = []
    i = span.start
    while i < span.end and doc[i].ent_iob_ == "I":
        i += 1  # the tail of an entity that began before the span
    while i < span.end:
        tok = doc[i]
        if tok.ent_iob_ != "B":
            i += 1
            continue
        j = i + 1
        while j < len(doc) and doc[j].ent_iob_ == "I":
            j += 1
        if j <= span.end:
            out.append(Span(doc, i, j, label=tok.ent_type, kb_id=tok.ent_kb_id, span_id=tok.ent_id))
        i = j
    return out
