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
from ..record import Geo
from .gazetteer import Feature, distance_km, gazetteer
from .locate import dateline, locate
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
    for ev in doc._.sitrep.events or []:
        ev.place = locate(ev, doc, geo_at, ctx, dl)
        if ev.place is not None and ev.place.span is not None:
            pm = by_span.get((ev.place.span.start, ev.place.span.end))
            if pm is not None:
                ev.place.mention = pm.id
        if ev.place is not None and ev.location is None and ev.place.span is not None:
            ev.location = ev.place.span.text
            ev.location_entity = ev.place.entity
    return doc


@Language.factory("sitrep_places", **spacy_meta("sitrep_places"))
def make_places(nlp: Language, name: str):
    return lambda doc: guarded(name, annotate_places, doc)
