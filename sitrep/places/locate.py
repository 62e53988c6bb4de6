"""Event location: the place where an event happened, read from the predicate's parse.

In order:

1. destination of a movement ('sends troops to Poland', 'travel to Moscow', 'visit Kyiv'):
   the 'to'/'into' phrase of the predicate or of its object; when the event's target is one
   of several destinations, that one;
2. locative of the predicate ('in', 'at', 'near', 'outside', 'inside', 'across', 'along',
   'on the border', 'between the towns of X and Y': the first), of the verb a nominal event hangs on, of the act an 'xcomp' names, of a
   nominal event's own clause ('meetings that wrapped up in Beijing') or phrases
   ('airstrikes by the army in the Middle Shabelle region');
3. for material conflict and force posture (ASSAULT, COERCE, MOBILIZE) the country acted
   on, marked ``basis="target"``: the target actor's country, else the country whose forces
   or property the object names ('destroying Ivory Coast's air force');
4. the place the previous sentence of the same paragraph established (an event located there
   by its words, else the locative of that sentence's main verb), when the event's own
   sentence names no place: marked ``basis="prior_sentence"`` (``sitrep.places``);
5. the dateline's city, marked ``basis="dateline"``.

Never merely any place in the sentence.
"""

from __future__ import annotations

import re
from typing import Callable, Optional

from spacy.tokens import Doc, Token

from ..contract import doc_text
from ..wordlists import members
from ..record import Event, EventPlace, Geo, make_span
from ..gazetteer import gazetteer
from .mentions import place_nouns
from .resolve import Context, resolve_name, to_geo

# sitrep/data/event_place_words.tsv
LOCATIVE = members("event_place_words.tsv", "role", "locative")
DESTINATION = members("event_place_words.tsv", "role", "destination")
MOVEMENT = members("event_place_words.tsv", "role", "movement")
VISIT = members("event_place_words.tsv", "role", "visit")
BETWEEN = members("event_place_words.tsv", "role", "between")
SETTLEMENT = members("event_place_words.tsv", "role", "settlement")
TARGET_BASIS = {"ASSAULT", "COERCE", "MOBILIZE"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
_DATELINE = re.compile(r"^\s*([A-Z][A-Z.'\u2019-]+(?:\s+[A-Z][A-Z.'\u2019-]+){0,3})(?:,\s*([A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2}))?"
                       r"\s*(?:\([^)]{1,40}\))?\s*(?:\u2014|\u2013|--|-)\s+")

# (token) -> Geo for a token that heads a place phrase, or None
Resolver = Callable[[Token], Optional[tuple[Geo, int, int, Optional[str]]]]


def dateline(text: str, ctx: Context) -> Optional[tuple[Geo, int, int]]:
    """'KYIV, Ukraine (AP) — ...' / 'WASHINGTON — ...' -> the city, its span."""
    m = _DATELINE.match(text[:200])
    if not m:
        return None
    name = m.group(1).title()
    geo = resolve_name(name, ctx, "", (", " + m.group(2)) if m.group(2) else "")
    if geo is None or geo.feature not in ("city", "capital"):
        return None
    return geo, m.start(1), m.end(1)


def _place_of(doc: Doc, tok: Token, geo_at: Resolver) -> Optional[tuple[Geo, int, int, Optional[str]]]:
    """The place a prepositional object names: a place entity, or a place phrase ('the
    Ukrainian border', found by sitrep.places.mentions; ``geo_at`` knows both)."""
    hit = geo_at(tok)
    if hit is not None:
        return hit
    for c in tok.subtree:
        # 'in the Somali city of Beledweyne': the name inside the phrase
        if c.ent_type_ in PLACE_ENTS or (c.pos_ == "PROPN" and c.dep_ == "pobj"):
            hit = geo_at(c)
            if hit is not None:
                return hit
    return None


def _preps(tok: Token) -> list[tuple[str, Token]]:
    out = []
    for c in tok.children:
        # ('send troops to X' is often parsed with 'to' as the verb's dative)
        if c.dep_ in ("prep", "dative") and c.pos_ == "ADP":
            for o in c.children:
                if o.dep_ == "pobj":
                    out.append((c.lower_, o))
                    out.extend((c.lower_, cj) for cj in o.conjuncts)
    return out


def _heads(trigger: Token) -> list[Token]:
    """The predicate, the acts it governs by xcomp, and the verb a nominal event hangs on."""
    out = [trigger]
    for c in trigger.children:
        if c.dep_ == "xcomp":
            out.append(c)
        # a nominal event's own clause: 'meetings that wrapped up in Beijing', 'talks held in Doha'
        if c.dep_ in ("relcl", "acl") and trigger.pos_ == "NOUN" and c.pos_ == "VERB":
            out.append(c)
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "nsubj", "nsubjpass") and trigger.head is not trigger:
        out.append(trigger.head)
    if trigger.dep_ == "xcomp" and trigger.head is not trigger:
        out.append(trigger.head)
    return out


def locate(ev: Event, doc: Doc, geo_at: Resolver, ctx: Context,
           dl: Optional[tuple[Geo, int, int]] = None, field: str = "text") -> Optional[EventPlace]:
    if ev.trigger is None:
        return None
    span = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    trig = span.root
    heads = _heads(trig)
    lemma = trig.lemma_.lower()

    def place(geo_hit, basis: str) -> EventPlace:  # noqa: ANN001
        geo, s, e, eid = geo_hit
        return EventPlace(**geo.model_dump(), basis=basis, span=make_span(doc_text(doc), s, e, field), entity=eid)

    # 1. destination
    if lemma in MOVEMENT or ev.plover == "MOBILIZE" or any(h.lemma_.lower() in MOVEMENT for h in heads):
        dests = []
        for h in heads:
            for p, o in _preps(h):
                if p in DESTINATION:
                    dests.append(o)
            for obj in (c for c in h.children if c.dep_ == "dobj"):
                if h.lemma_.lower() in VISIT:
                    dests.extend([obj, *obj.conjuncts])
                for p, o in _preps(obj):
                    if p in DESTINATION:
                        dests.append(o)
        hits = [x for x in (_place_of(doc, o, geo_at) for o in dests) if x is not None]
        if hits:
            if ev.target is not None:
                for h in hits:
                    if (ev.target.entity and h[3] == ev.target.entity) or (
                            h[0].feature == "country" and ev.target.country == h[0].country
                            and not ev.target.entity):
                        return place(h, "destination")
                for h in hits:
                    if ev.target.entity and h[3] == ev.target.entity:
                        return place(h, "destination")
            return place(hits[0], "destination")
    # 2. locative: of the predicate, else of its object ('massed troops on the border')
    objs = [o for h in heads for o in h.children if o.dep_ == "dobj"]
    if trig.pos_ == "NOUN":
        # a nominal event's own phrases: 'airstrikes by the army in the Middle Shabelle region',
        # 'attacks on civilians in Gaza'
        objs += [x for _, o in _preps(trig) for x in (o, *o.conjuncts)]
    for h in [*heads, *objs]:
        for p, o in _preps(h):
            if p in BETWEEN and o.lemma_.lower() in SETTLEMENT:
                # 'clashes between the towns of X and Y': the first town named
                hit = _place_of(doc, o, geo_at)
                if hit is not None:
                    return place(hit, "locative")
            if p in LOCATIVE:
                if p in ("on", "over", "off") and o.ent_type_ not in PLACE_ENTS and not (
                        place_nouns().get(o.lemma_.lower()) or place_nouns().get(o.lower_)):
                    continue
                hit = _place_of(doc, o, geo_at)
                if hit is not None:
                    return place(hit, "locative")
    # 3. the country acted on
    # (a country actor: its code is the bare country code, 'UKR', not 'UKRGOV')
    if ev.plover in TARGET_BASIS and ev.target is not None and ev.target.country and ev.target.code == ev.target.country:
        f = gazetteer().country(ev.target.country)
        if f is not None:
            return EventPlace(**to_geo(f, 0.6).model_dump(), basis="target", span=None, entity=ev.target.entity)
    # no country actor: the country whose forces or property the act is done to
    # ('destroying Ivory Coast's tiny air force', whatever actor code the target got)
    if ev.plover in TARGET_BASIS:
        for obj in (c for h in heads for c in h.children if c.dep_ == "dobj"):
            for poss in (c for c in obj.children if c.dep_ == "poss"):
                hit = geo_at(poss)
                if hit is not None and hit[0].feature == "country":
                    return place(hit, "target")
    # 4. dateline
    if dl is not None:
        geo, s, e = dl
        src = doc_text(doc)
        return EventPlace(**geo.model_dump(), basis="dateline", span=make_span(src, s, e), entity=None)
    return None


def sentence_place(sent, doc: Doc, geo_at: Resolver) -> Optional[tuple[Geo, int, int, Optional[str]]]:  # noqa: ANN001
    """The place a sentence's main verb is located at ('Fighting raged in Bakhmut on Sunday.'
    -> Bakhmut): a locative phrase of the root or of a verb conjoined with it."""
    root = sent.root
    for h in (root, *(c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))):
        for p, o in _preps(h):
            if p in LOCATIVE and p not in ("on", "over", "off"):
                hit = _place_of(doc, o, geo_at)
                if hit is not None:
                    return hit
    return None


__all__ = ["locate", "dateline", "sentence_place", "LOCATIVE", "DESTINATION", "MOVEMENT"]
