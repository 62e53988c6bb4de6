"""Event attributes: date, place and number, read around the predicate.

Date: the time expression the timex stage attaches to the predicate
(``sitrep.timex.time_for_token``), else up the xcomp chain ('plans to travel on Monday'),
else one in the sentence, else the article date. Quantity: the timex stage's quantity
inside the counted noun ('about 3,000 troops'), else the one attached to the noun
(``sitrep.timex.quantity_for_token``). Events parse no dates or numbers of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from spacy.tokens import Span as SpacySpan, Token

from ..entities import entity_at
from ..lookups import intervals_of
from ..record import EventQuantity
from ..timex import quantity_for_token, time_for_token
from .syntax import prep_objects

if TYPE_CHECKING:
    from .extract import DocState

__all__ = ["event_date", "event_location", "event_quantity"]


def _calendar(tx) -> bool:
    return tx is not None and tx.value is not None and tx.value[:4].isdigit() and tx.type in ("DATE", "TIME")


def event_date(st: "DocState", sent: SpacySpan, tok: Token) -> Optional[str]:
    if st.times:
        t = tok
        for _ in range(4):
            tx = time_for_token(st.doc, t)
            if _calendar(tx):
                return tx.value
            if t.dep_ not in ("xcomp", "acomp") or t.head is t:
                break
            t = t.head
        for tx in intervals_of(st.doc, "event_times", st.times).overlapping(sent.start_char, sent.end_char):
            if sent.start_char <= tx.start and tx.end <= sent.end_char:
                return tx.value
    return st.doc._.sitrep.published


def event_location(st: "DocState", tok: Token, used: set[int]) -> tuple[Optional[str], Optional[str]]:
    for p, o in prep_objects(tok):
        if p not in ("in", "at", "near", "inside", "outside"):
            continue
        if o.ent_type_ in ("GPE", "LOC", "FAC"):
            span = [t for t in o.subtree if t.ent_type_ == o.ent_type_ or t.i == o.i]
            start, end = span[0].idx, span[-1].idx + len(span[-1].text)
            return st.text[start:end], entity_at(st.doc, start, end)
    return None, None


def event_quantity(st: "DocState", theme: Token) -> Optional[EventQuantity]:
    sub = list(theme.subtree)
    start, end = sub[0].idx, theme.idx + len(theme.text)
    for q in intervals_of(st.doc, "event_quantities", st.quantities).overlapping(start, end):
        if start <= q.start and q.end <= end:
            return EventQuantity(value=q.value, unit=q.unit or theme.text.lower())
    q = quantity_for_token(st.doc, theme)
    if q is not None:
        return EventQuantity(value=q.value, unit=q.unit or theme.text.lower())
    return None
