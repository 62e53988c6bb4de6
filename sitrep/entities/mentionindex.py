"""The entity mentions of a Doc, indexed for the resolvers' questions.

Every pronoun and every speaking noun asks "the last mention of a person before this
offset", "the mentions that start in this sentence", "the last mention of entity X before
here". Each used to walk ``doc._.sitrep.mentions`` from the start (or build a list of all of
them), so a long document cost mentions x pronouns. ``doc._.sitrep.mentions`` is sorted by
start (``entity_at`` relies on it too); here the answers come from bisection over the starts
and from per-kind lists of positions, and they are the ones the walks gave.

:func:`mention_index` returns the doc's index, built once per mentions list;
:meth:`MentionIndex.matching` keeps the positions of the mentions a predicate accepts,
built once per key (a key names the predicate and the data it reads).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Any, Callable, Hashable, Optional

from spacy.tokens import Doc

# (annotations(doc) is doc._.sitrep without building spaCy's underscore object on each question)
from ..contract import annotations
from ..lookups import cached, intervals_of

Mention = tuple[int, int, str]


class MentionIndex:
    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.starts = [m[0] for m in mentions]
        self._end_reach = list(accumulate((m[1] for m in mentions), max))
        self._lists: dict[Hashable, tuple[Any, list[int], list[int]]] = {}
        self._ids: Optional[dict[str, list[int]]] = None
        self._groups: dict[Hashable, tuple[Any, dict]] = {}

    # -- where a walk from the start stops -------------------------------------------------
    def first_starting_at(self, at: int) -> int:
        """Position of the first mention with ``start >= at`` (``if s >= at: break``)."""
        return bisect_left(self.starts, at)

    def first_starting_after(self, at: int) -> int:
        """Position of the first mention with ``start > at`` (``if s > at: break``)."""
        return bisect_right(self.starts, at)

    def first_ending_after(self, at: int) -> int:
        """Position of the first mention with ``end > at`` (``if e > at: break``)."""
        return bisect_right(self._end_reach, at)

    def starting_in(self, lo: int, hi: int) -> range:
        """Positions of the mentions with ``lo <= start < hi``, in list order."""
        return range(bisect_left(self.starts, lo), bisect_left(self.starts, hi))

    def of_id(self, eid: str) -> list[int]:
        """Positions (ascending) of the mentions of entity ``eid``."""
        if self._ids is None:
            self._ids = {}
            for i, m in enumerate(self.mentions):
                self._ids.setdefault(m[2], []).append(i)
        return self._ids.get(eid, [])

    # -- the mentions one predicate accepts --------------------------------------------------
    def matching(self, key: Hashable, accept: Callable[[Mention], bool], keep: Any = None) -> list[int]:
        """Positions (ascending) of the mentions ``accept`` takes; built once per ``key``.
        ``keep`` is held with the list (the data the predicate reads, so an ``id()`` in the
        key cannot be reused by another object)."""
        hit = self._lists.get(key)
        if hit is None or hit[0] is not keep:
            pos = [i for i, m in enumerate(self.mentions) if accept(m)]
            ends = list(accumulate((self.mentions[i][1] for i in pos), min))
            hit = self._lists[key] = (keep, pos, ends)
        return hit[1]

    def grouped(self, key: Hashable, group: Callable[[Mention], Optional[Hashable]], keep: Any = None) -> dict:
        """``{group: positions (ascending) of the mentions in it}`` for the mentions ``group``
        puts in one (None: in none); built once per ``key`` (``keep`` as in :meth:`matching`)."""
        hit = self._groups.get(key)
        if hit is None or hit[0] is not keep:
            out: dict[Hashable, list[int]] = {}
            for i, m in enumerate(self.mentions):
                g = group(m)
                if g is not None:
                    out.setdefault(g, []).append(i)
            hit = self._groups[key] = (keep, out)
        return hit[1]

    def last_before(self, positions: list[int], stop: int) -> int:
        """The last of ``positions`` below ``stop``, else -1."""
        j = bisect_left(positions, stop) - 1
        return positions[j] if j >= 0 else -1

    def backwards(self, positions: list[int], stop: int):  # noqa: ANN201 - an iterator of positions
        """``positions`` below ``stop``, last first."""
        for j in range(bisect_left(positions, stop) - 1, -1, -1):
            yield positions[j]

    def any_ending_by(self, key: Hashable, at: int) -> bool:
        """Whether a mention of the list ``key`` (made by :meth:`matching`) has ``end <= at``.
        Such a mention starts at or before ``at``; the least end among those is the test."""
        _, pos, ends = self._lists[key]
        j = bisect_right(self.starts, at)  # mentions at positions >= j start after ``at``
        k = bisect_left(pos, j) - 1
        return k >= 0 and ends[k] <= at


def mention_index(doc: Doc) -> MentionIndex:
    mentions = annotations(doc).mentions
    return cached(doc, "mention_index", mentions if mentions is not None else [], MentionIndex)


def entity_types(doc: Doc) -> dict[str, str]:
    """``{entity id: type}``, the last entity with an id winning (as a dict comprehension
    over the list does); kept while the entities list is unchanged."""
    ents = annotations(doc).entities
    return cached(doc, "entity_types", ents if ents is not None else [], lambda xs: {e.id: e.type for e in xs})


def previous_sentences(token, count: int) -> list:  # noqa: ANN001
    """``token``'s sentence and up to ``count - 1`` sentences before it, nearest first (what
    ``list(doc.sents)[k], [k - 1], ...`` gave, without listing every sentence)."""
    doc = token.doc
    out = [token.sent]
    while len(out) < count and out[-1].start > 0:
        out.append(doc[out[-1].start - 1].sent)
    return out


def first_containing(doc: Doc, at: int) -> Optional[Mention]:
    """The first mention (in list order) with ``start <= at < end``."""
    found = intervals_of(doc, "mentions", annotations(doc).mentions).overlapping(at, at + 1)
    return found[0] if found else None
