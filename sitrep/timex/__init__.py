"""Time expressions and quantities (issue 6): component ``sitrep_timex``.

Writes ``doc._.sitrep.times`` (list[TimeExpr], TIMEX3 values against ``doc._.sitrep.published``)
and ``doc._.sitrep.quantities`` (list[Quantity]). Runs right after NER, before entities,
quotes and events, which read both through :func:`time_for_token` and
:func:`quantity_for_token`.

Library use::

    from sitrep.timex import normalise, find_times, find_quantities
    normalise("last month", date(2022, 2, 3))  # ("DATE", "2022-01")
"""

from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..contract import annotations, guarded, spacy_meta
from ..lookups import intervals_of
from ..record import Quantity, TimeExpr
from .detect import direction, find_times
from .normalise import normalise
from .numbers import parse_number
from .quantities import find_quantities

__all__ = ["normalise", "find_times", "find_quantities", "parse_number", "direction",
           "time_for_token", "quantity_for_token", "annotate", "absolute_date"]


def absolute_date(text: str) -> Optional[str]:
    """YYYY-MM-DD when ``text`` states a complete calendar date on its own, else None.

    For reading publication dates from page text ("Published time: April 19, 2014 06:57",
    "2022-02-03T10:00Z"): nothing is filled in from a reference or from today, so
    "Feb 3 (Reuters)" (no year) gives None - an unknown date stays unknown.
    """
    import re

    cleaned = re.sub(r"(?i)^(?:published|updated|posted|last updated)(?:\s+(?:time|on|at))?\s*:?\s*", "", text.strip())
    cleaned = re.sub(r"(?i)[\sT,]+\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:z|gmt|utc|[+-]\d{2}:?\d{2}|[a-z]{2,4}))?$", "", cleaned)
    res = normalise(cleaned, None)
    if res is None or res[1] is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", res[1]):
        return None
    return res[1]


def annotate(doc: Doc) -> Doc:
    """Fill ``doc._.sitrep.times`` and ``doc._.sitrep.quantities`` (the component's work)."""
    times = find_times(doc)
    doc._.sitrep.times = times
    doc._.sitrep.quantities = find_quantities(doc, skip=[(t.start, t.end) for t in times])
    return doc


@Language.factory("sitrep_timex", **spacy_meta("sitrep_timex"))
def make_timex(nlp: Language, name: str):
    return lambda doc: guarded(name, annotate, doc)


def _governor(tok: Token) -> Token:
    """The nearest verb (or the clause root) above a token: what a time phrase modifies."""
    cur = tok
    for _ in range(12):
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("aux", "auxpass"):
            return cur
    return cur


def _attached(doc: Doc, start: int, end: int, token: Token) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0 or span.sent != token.sent:
        return False
    root = span.root
    if root.i == token.i:
        return False
    cur = root
    for _ in range(12):  # walk up to the first verb: attached if we meet the token first
        if cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.i == token.i:
            return True
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("aux", "auxpass"):
            break
    # A noun trigger ("the deployment on Feb 2") or the verb the token hangs from.
    return token.pos_ not in ("VERB", "AUX") and cur.i == token.head.i and _governor(token).i == cur.i


def _in_sentence(doc: Doc, name: str, items, token: Token) -> list:  # noqa: ANN001
    """The items (in list order) that overlap the characters of ``token``'s sentence, its
    trailing space included: the only ones whose span can lie in that sentence."""
    sent = token.sent
    last = doc[sent.end - 1]
    return intervals_of(doc, name, items).overlapping(sent.start_char, last.idx + len(last.text_with_ws))


def time_for_token(doc: Doc, token: Token) -> Optional[TimeExpr]:
    """The time expression governing ``token`` (an event trigger), or None.

    A time expression governs a token when its parse path climbs to the token before
    reaching another verb ("spoke ... on February 2"), or, for a noun trigger, when both hang
    from the same verb. Calendar values (DATE/TIME) win over durations; the nearest wins.
    """
    found = [t for t in _in_sentence(doc, "times", annotations(doc).times, token) if _attached(doc, t.start, t.end, token)]
    if not found:
        return None
    found.sort(key=lambda t: (t.type not in ("DATE", "TIME") or t.value is None, abs(t.start - token.idx)))
    return found[0]


def quantity_for_token(doc: Doc, token: Token) -> Optional[Quantity]:
    """The quantity attached to ``token`` ("send about 3,000 troops" -> 3000 troops for "send")."""
    found = []
    for q in _in_sentence(doc, "quantities", annotations(doc).quantities, token):
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or span.sent != token.sent:
            continue
        if any(t.i == token.i for t in span):
            return q
        if _attached(doc, q.start, q.end, token):
            found.append(q)
    if not found:
        return None
    return min(found, key=lambda q: abs(q.start - token.idx))
