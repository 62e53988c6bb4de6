"""Events read from the headline.

The headline runs through the same pipeline as a separate Doc (its own parse: headline
case confuses a parser trained on running text less when it is not glued to the body).
Its events point into ``record.title`` (span ``field="title"``), and their actors are
mapped onto the body's entities so "U.S." in the headline and "the United States" in the
story are one actor.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from ..record import Actor, Entity, Event, content_id


def _body_entity_for(title_ent: Optional[Entity], body_entities: list[Entity]) -> Optional[str]:
    if title_ent is None:
        return None
    names = {title_ent.name.lower(), *(a.lower() for a in title_ent.aliases)}
    for e in body_entities:
        forms = {e.name.lower(), *(a.lower() for a in e.aliases)}
        if names & forms:
            return e.id
    # Same country and kind of thing (a headline's "U.S." is the story's "United States").
    if title_ent.country:
        for e in body_entities:
            if e.country == title_ent.country and e.type == title_ent.type and e.type in ("GPE", "LOC"):
                return e.id
    return None


def _remap(actor: Optional[Actor], title_ents: dict[str, Entity], body_entities: list[Entity]) -> Optional[Actor]:
    if actor is None:
        return None
    eid = _body_entity_for(title_ents.get(actor.entity), body_entities) if actor.entity else None
    return actor.model_copy(update={"entity": eid})


def headline_events(title_doc: Doc, body_entities: list[Entity], article_key: str) -> list[Event]:
    title_ents = {e.id: e for e in (title_doc._.sitrep.entities or [])}
    out = []
    for ev in title_doc._.sitrep.events or []:
        evidence = ev.evidence.model_copy(update={"field": "title"})
        trigger = ev.trigger.model_copy(update={"field": "title"}) if ev.trigger else None
        source = _remap(ev.source, title_ents, body_entities)
        target = _remap(ev.target, title_ents, body_entities)
        place = None
        if ev.place is not None:  # the headline's place, its span into the title
            place = ev.place.model_copy(update={"entity": None, "span": ev.place.span.model_copy(
                update={"field": "title"}) if ev.place.span else None})
        new = ev.model_copy(update={"evidence": evidence, "trigger": trigger, "source": source, "target": target,
                                    "reported_by": None, "location_entity": None, "place": place})
        new.id = content_id(article_key, "title", new.plover, new.cameo, evidence.start, evidence.end,
                            trigger.start if trigger else None, (target.text if target else None))
        out.append(new)
    return out
