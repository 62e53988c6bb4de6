"""Event attributes: date, place and number, read around the predicate.

Date: the TIMEX3 value of a time expression among the predicate's own dependents (not those
of embedded clauses), else one in the sentence, else the article date. Quantity: the
sitrep_quantities entry inside the counted noun ('about 3,000 troops'), else its number.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from spacy.tokens import Span as SpacySpan, Token

from ..record import EventQuantity
from .syntax import _prep_objects

if TYPE_CHECKING:
    from .extract import _Doc

_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "hundred": 1e2, "dozen": 12}


def _governed_span(tok: Token) -> list[tuple[int, int]]:
    """Character ranges of the predicate's own dependents (not embedded clauses)."""
    spans = [(tok.idx, tok.idx + len(tok.text))]
    for c in tok.children:
        if c.dep_ in ("ccomp", "xcomp", "advcl", "relcl", "conj", "csubj"):
            continue
        sub = list(c.subtree)
        spans.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
    return spans


def _date(st: "_Doc", sent: SpacySpan, tok: Token) -> Optional[str]:
    if st.times:
        ranges = _governed_span(tok)
        # Up the xcomp chain: 'plans to travel on Monday' dates the travel.
        t = tok
        while t.dep_ in ("xcomp", "acomp") and t.head is not t:
            t = t.head
            ranges.extend(_governed_span(t))
        for tx in st.times:
            if any(a <= tx.start and tx.end <= b for a, b in ranges):
                return tx.value
        for tx in st.times:
            if sent.start_char <= tx.start and tx.end <= sent.end_char:
                return tx.value
    return st.doc._.published


def _location(st: "_Doc", tok: Token, used: set[int]) -> tuple[Optional[str], Optional[str]]:
    from .actors import entity_at

    for p, o in _prep_objects(tok):
        if p not in ("in", "at", "near", "inside", "outside"):
            continue
        if o.ent_type_ in ("GPE", "LOC", "FAC"):
            span = [t for t in o.subtree if t.ent_type_ == o.ent_type_ or t.i == o.i]
            start, end = span[0].idx, span[-1].idx + len(span[-1].text)
            eid = entity_at(st.doc, start, end) if entity_at else None
            return st.text[start:end], eid
    return None, None


def _parse_number(tok: Token) -> Optional[float]:
    txt = tok.text.replace(",", "")
    try:
        value = float(txt)
    except ValueError:
        return _SCALE.get(tok.lower_)
    for c in tok.children:
        if c.lower_ in _SCALE:
            value *= _SCALE[c.lower_]
    return value


def _quantity(st: "_Doc", theme: Token) -> Optional[EventQuantity]:
    sub = list(theme.subtree)
    start, end = sub[0].idx, theme.idx + len(theme.text)
    for q in st.quantities:
        if start <= q.start and q.end <= end:
            return EventQuantity(value=q.value, unit=q.unit or theme.text.lower())
    for c in theme.children:
        if c.dep_ == "nummod":
            v = _parse_number(c)
            if v is not None:
                return EventQuantity(value=v, unit=theme.text.lower())
    return None
