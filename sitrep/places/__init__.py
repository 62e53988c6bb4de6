"""Places (issue 16): every place name and every event geocoded offline to GeoNames.

The component ``sitrep_places`` runs after ``sitrep_events``: it resolves each GPE/LOC/FAC
entity to one gazetteer feature (``entity.geo``, or None when the evidence is thin) and
gives each event the place where it happened (``event.place``: destination, locative, the
country acted on, or the dateline's city, each marked as such).

Library use::

    from sitrep.places import resolve_name, Context, gazetteer
    resolve_name("Kharkov")                 # -> Geo(name='Kharkiv', country='UKR', ...)
    gazetteer().candidates("Kiev")          # every feature so named, most populous first
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..contract import doc_text, guarded, spacy_meta
from ..record import EventPlace, Geo, make_span
from ..gazetteer import Feature, distance_km, gazetteer
from .locate import dateline, locate, sentence_place
from .mentions import find_place_mentions, mention_at
from .resolve import PLACE_TYPES, Context, resolve_entities, resolve_name, to_geo

__all__ = ["annotate_places", "make_places", "resolve_name", "resolve_entities", "Context", "gazetteer",
           "Feature", "distance_km", "to_geo", "locate", "dateline", "find_place_mentions"]


def annotate_places(doc: Doc) -> Doc:
    """Fill ``entity.geo`` for the doc's place entities, ``place_mentions`` for the place phrases
    that are no entity ('the Ukrainian border') and ``event.place`` for its events."""
    text = doc_text(doc)
    entities = doc._.sitrep.entities or []
    ctx = resolve_entities(entities, text)
    by_id = {e.id: e for e in entities}
    mentions = doc._.sitrep.mentions or []
    dl = dateline(text, ctx)
    found = find_place_mentions(doc, text, mentions, by_id, ctx)
    doc._.sitrep.place_mentions = found
    phrase = mention_at(found)
    cache: dict[tuple[int, int], Optional[Geo]] = {}

    def geo_at(tok: Token) -> Optional[tuple[Geo, int, int, Optional[str]]]:
        pm = phrase(tok)
        if pm is not None:  # 'on the Ukrainian border': the phrase this word ends
            return pm.geo, pm.span.start, pm.span.end, None
        i = bisect_right(mentions, (tok.idx, float("inf"), "")) - 1
        if i >= 0:
            s, e, eid = mentions[i]
            ent = by_id.get(eid)
            if s <= tok.idx < e and ent is not None and ent.type in PLACE_TYPES:
                return (ent.geo, s, e, eid) if ent.geo is not None else None
        if tok.ent_type_ in PLACE_TYPES:
            sp = next((x for x in doc.ents if x.start <= tok.i < x.end), None)
            if sp is not None:
                key = (sp.start_char, sp.end_char)
                if key not in cache:
                    cache[key] = resolve_name(sp.text, ctx, text[max(0, sp.start_char - 60):sp.start_char],
                                              text[sp.end_char:sp.end_char + 60])
                if cache[key] is not None:
                    return cache[key], sp.start_char, sp.end_char, None
        elif tok.pos_ == "PROPN" and tok.dep_ == "pobj":
            # The object of a locative or destination preposition the model did not tag as a
            # place ('To Europe' in a headline, 'near Khan Younis' tagged PERSON): taken when
            # the gazetteer resolves the whole name with confidence.
            toks = sorted([tok, *(c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN")],
                          key=lambda t: t.i)
            s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            if any(s < ms < e or s < me < e for ms, me, _ in mentions[max(0, i - 1):i + 3]):
                return None  # the name is part of a longer entity
            geo = resolve_name(text[s:e], ctx, text[max(0, s - 60):s], text[e:e + 60])
            if geo is not None and geo.confidence >= 0.5:
                return geo, s, e, None
        return None

    by_span = {(m.span.start, m.span.end): m for m in found}
    prior = _PriorSentence(doc, text, mentions, by_id, found, geo_at)
    for ev in sorted(doc._.sitrep.events or [], key=lambda e: e.trigger.start if e.trigger else -1):
        ev.place = locate(ev, doc, geo_at, ctx, dl)
        if ev.place is None or ev.place.basis == "dateline":
            ev.place = prior.place(ev) or ev.place
        prior.note(ev)
        if ev.place is not None and ev.place.span is not None:
            pm = by_span.get((ev.place.span.start, ev.place.span.end))
            if pm is not None:
                ev.place.mention = pm.id
        if ev.place is not None and ev.location is None and ev.place.span is not None:
            ev.location = ev.place.span.text
            ev.location_entity = ev.place.entity
    return doc


class _PriorSentence:
    """Where the previous sentence put its act: an event in a sentence that names no place
    takes the place the sentence before it (same paragraph: no line break between them)
    established — an event located there by its own words, else the locative of that
    sentence's main verb — marked ``basis="prior_sentence"``; never chained further."""

    def __init__(self, doc: Doc, text: str, mentions: list, by_id: dict, found: list, geo_at) -> None:  # noqa: ANN001
        self.doc, self.text, self.geo_at = doc, text, geo_at
        self.sents = list(doc.sents)
        self.starts = [s.start_char for s in self.sents]
        spans = [(s, e) for s, e, eid in mentions if (ent := by_id.get(eid)) is not None and ent.type in PLACE_TYPES]
        spans += [(m.span.start, m.span.end) for m in found if m.span.field == "text"]
        spans += [(x.start_char, x.end_char) for x in doc.ents if x.label_ in PLACE_TYPES]
        self.place_starts = sorted(s for s, _ in spans)
        self.placed: dict[int, EventPlace] = {}  # sentence index -> the first event place its words gave

    def _index(self, ev) -> Optional[int]:  # noqa: ANN001
        if ev.trigger is None or ev.trigger.field != "text":
            return None
        i = bisect_right(self.starts, ev.trigger.start) - 1
        return i if i >= 0 else None

    def _names_place(self, k: int) -> bool:
        s = self.sents[k]
        j = bisect_right(self.place_starts, s.start_char - 1)
        return j < len(self.place_starts) and self.place_starts[j] < s.end_char

    def _same_paragraph(self, k: int) -> bool:
        prev, cur = self.sents[k - 1], self.sents[k]
        tail = prev.text[len(prev.text.rstrip()):]      # a line-break token ending the sentence
        head = cur.text[:len(cur.text) - len(cur.text.lstrip())]
        return "\n" not in tail + self.text[prev.end_char:cur.start_char] + head

    def note(self, ev) -> None:  # noqa: ANN001
        k = self._index(ev)
        if k is not None and ev.place is not None and ev.place.basis in ("locative", "destination"):
            self.placed.setdefault(k, ev.place)

    def place(self, ev) -> Optional[EventPlace]:  # noqa: ANN001
        k = self._index(ev)
        if not k or self._names_place(k) or not self._same_paragraph(k):
            return None
        p = self.placed.get(k - 1)
        if p is None:
            hit = sentence_place(self.sents[k - 1], self.doc, self.geo_at)
            if hit is None:
                return None
            geo, s, e, eid = hit
            return EventPlace(**dict(geo.model_dump(), confidence=round(geo.confidence * 0.8, 3)),
                              basis="prior_sentence", span=make_span(self.text, s, e), entity=eid)
        return p.model_copy(update={"basis": "prior_sentence", "confidence": round(p.confidence * 0.8, 3)})


@Language.factory("sitrep_places", **spacy_meta("sitrep_places"))
def make_places(nlp: Language, name: str):
    return lambda doc: guarded(name, annotate_places, doc)
