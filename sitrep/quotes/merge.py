"""One record per attribution: pieces that share a cue become the parts of one Quote.

“X,” he said, “Y” is one attribution with two content pieces; a marked fragment inside the
clause a cue reports ('NATO said it was “hiding behind” the talks') belongs to that clause's
record; a run of quote paragraphs continuing one attribution shares its cue. The cue is
the attribution's identity (PolNeAR and PARC annotate it so): same cue span, same record.
No part ever covers the cue or the source mention.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

from ..record import PART_JOIN, Quote, Span, content_id, make_span

_VERBATIM = ("direct", "partial")
_WORD = re.compile(r"[^\W\d_]{2,}")


def _key(q: Quote) -> Optional[tuple[int, int]]:
    return (q.cue.start, q.cue.end) if q.cue is not None else None


def _union(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(ranges):
        if out and s < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _minus(ranges: list[tuple[int, int]], holes: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """The ranges with the holes cut out, each piece trimmed of spaces and , ; : at its ends."""
    out = ranges
    for hs, he in holes:
        nxt = []
        for s, e in out:
            if he <= s or hs >= e:
                nxt.append((s, e))
                continue
            if s < hs:
                nxt.append((s, hs))
            if he < e:
                nxt.append((he, e))
        out = nxt
    trimmed = []
    for s, e in out:
        while s < e and (text[s].isspace() or text[s] in ",;:—–"):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–"):
            e -= 1
        if e - s >= 2:
            trimmed.append((s, e))
    return trimmed


def build(text: str, base: Quote, ranges: list[tuple[int, int]], kind: str) -> Optional[Quote]:
    """The Quote ``base`` with its content set to ``ranges`` (cue and source cut out)."""
    holes = [(x.start, x.end) for x in (base.cue, base.speaker_span) if x is not None]
    ranges = _minus(_union(ranges), holes, text)
    if not ranges:
        return None
    parts: list[Span] = [make_span(text, s, e) for s, e in ranges]
    joined = PART_JOIN.join(p.text for p in parts)
    return base.model_copy(update={
        "id": content_id("quote", [(p.start, p.end) for p in parts], kind, joined),
        "text": joined, "start": parts[0].start, "end": parts[-1].end, "parts": parts, "kind": kind,
    })


def _own_words(text: str, clause: Quote, marked: list[Quote]) -> int:
    """Words of a reported clause outside the marked pieces it holds."""
    rest = _minus([(p.start, p.end) for p in clause.parts], [(m.start, m.end) for m in marked], text)
    return sum(len(_WORD.findall(text[s:e])) for s, e in rest)


def merge_by_cue(text: str, items: list[tuple[object, Quote]]) -> list[Quote]:
    """Quotes in text order, one per cue. ``items`` are (candidate, quote) pairs; a
    candidate with ``mark is None`` is a reported clause, the others marked passages."""
    groups: dict[object, list[tuple[object, Quote]]] = {}
    order: list[object] = []
    for i, (c, q) in enumerate(items):
        k = _key(q) or ("solo", i)
        if k not in groups:
            groups[k] = []
            order.append(k)
        groups[k].append((c, q))
    out: list[Quote] = []
    for k in order:
        members = groups[k]
        clauses = [q for c, q in members if getattr(c, "mark", None) is None]
        marked = [q for c, q in members if getattr(c, "mark", None) is not None]
        # A "clause" that is all quotation (the parser made the quote the cue's head: “X,”
        # Y said) adds nothing to its marked pieces: the attribution is verbatim.
        if marked:
            clauses = [cl for cl in clauses if _own_words(text, cl, marked) >= 2]
        # A marked piece inside a reported clause is that clause's verbatim fragment.
        loose = [m for m in marked if not any(cl.start <= m.start and m.end <= cl.end for cl in clauses)]
        ranges = [(p.start, p.end) for q in clauses + loose for p in q.parts]
        if clauses:
            has_marks = len(loose) > 0 or any(q.kind == "mixed" for q in clauses) or len(marked) > len(loose)
            kind = "mixed" if has_marks else "indirect"
        else:
            kind = "direct" if any(q.kind == "direct" for q in marked) else "partial"
        # The attribution's own record (not one that borrowed it) carries the speaker.
        base = next((q for c, q in members if getattr(c, "speaker", None) is not None), members[0][1])
        q = build(text, base, ranges, kind)
        if q is not None:
            out.append(q)
    out.sort(key=lambda q: (q.start, -q.end))
    return out


def is_verbatim(q: Quote) -> bool:
    """Whether the content is the speaker's own words (shown in quotation marks)."""
    return q.kind in _VERBATIM
