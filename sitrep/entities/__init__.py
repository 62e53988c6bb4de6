"""Entities and actors (issue 3): NER fixes, in-article aliasing, titles, countries, codes.

Public helpers other stages use:
- ``entity_at(doc, start_char, end_char)`` -> entity id or None
- ``entity_by_id(doc, entity_id)`` -> Entity or None
- ``resolve_pronoun(doc, token)`` -> entity id or None
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..extensions import guarded
from ..record import Entity, content_id, make_span

KEEP = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}


@Language.factory("sitrep_ner_fixes")
def make_ner_fixes(nlp: Language, name: str):
    return lambda doc: doc


@Language.factory("sitrep_entities")
def make_entities(nlp: Language, name: str):
    def run(doc: Doc) -> None:
        by_key: dict[tuple[str, str], Entity] = {}
        for ent in doc.ents:
            if ent.label_ not in KEEP:
                continue
            key = (ent.label_, ent.text)
            e = by_key.get(key)
            if e is None:
                e = by_key[key] = Entity(id=content_id(ent.label_, ent.text), name=ent.text, type=ent.label_)
            e.mentions.append(make_span(doc.text, ent.start_char, ent.end_char))
        doc._.sitrep_entities = list(by_key.values())
        doc._.sitrep_mentions = sorted((m.start, m.end, e.id) for e in by_key.values() for m in e.mentions)

    return lambda doc: guarded(name, run, doc)


def entity_at(doc: Doc, start: int, end: int) -> Optional[str]:
    mentions = doc._.sitrep_mentions or []
    i = bisect_right(mentions, (start, float("inf"), "")) - 1
    while i >= 0 and mentions[i][0] <= start:
        s, e, eid = mentions[i]
        if s <= start and end <= e or (start <= s and e <= end):
            return eid
        i -= 1
    return None


def entity_by_id(doc: Doc, entity_id: str) -> Optional[Entity]:
    for e in doc._.sitrep_entities or []:
        if e.id == entity_id:
            return e
    return None


def resolve_pronoun(doc: Doc, token: Token) -> Optional[str]:
    return None
