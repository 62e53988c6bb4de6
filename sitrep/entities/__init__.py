"""Entities and actors (issue 3): NER fixes, in-article aliasing, titles, countries, codes.

Components (add them to any English spaCy pipeline after ``ner``)::

    nlp.add_pipe("sitrep_ner_fixes", after="ner")
    nlp.add_pipe("sitrep_entities", after="sitrep_ner_fixes")

Public helpers other stages use:
- ``entity_at(doc, start_char, end_char)`` -> entity id or None
- ``entity_by_id(doc, entity_id)`` -> Entity or None
- ``resolve_pronoun(doc, token)`` -> entity id or None (he/she: nearest compatible person;
  it/they: nearest compatible country or organisation, see ``coref``)
- ``resolve_nominal(doc, token)`` -> entity id or None ('the country', 'its neighbor')
- ``speaking_quote(doc, token)`` -> the Quote whose speaker a first-person pronoun inside it
  stands for ('"Our forces ...," the minister said'), once the quotes stage has run
- ``relational(token)`` -> True for a noun naming its possessor's counterpart ('its allies')
- ``SpeakerHistory``, ``resolve_speaker_pronoun(doc, token, history)``, ``resolve_speaker_noun(token,
  history)`` -> ``Referent``: who a continuing "he said", "It added", "the statement" is
- ``gazetteer.lookup(text)`` -> GazEntry or None
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..contract import annotations, guarded, spacy_meta
from ..lookups import by_id
from ..record import Entity
from . import gazetteer  # noqa: F401  (public module)
from .components import fix_entities, make_ner_fixes  # noqa: F401  (registers sitrep_ner_fixes)
from .gazetteer import GazEntry, lookup
from .coref import (THING_PRONOUNS, Referent, SpeakerHistory, entity_name, entity_type, is_first_person,
                    relational, resolve_nominal, resolve_pronoun, resolve_speaker_noun, resolve_speaker_pronoun,
                    speaking_quote)
from .resolve import PRONOUNS as _PERSON_PRONOUN_GENDERS
from .resolve import KEEP, build
from .titles import is_title_head

__all__ = ["entity_at", "entity_by_id", "resolve_pronoun", "resolve_nominal", "lookup", "GazEntry", "annotate", "fix_entities", "KEEP",
           "Referent", "SpeakerHistory", "resolve_speaker_pronoun", "resolve_speaker_noun", "entity_type", "entity_name",
           "PERSON_PRONOUNS", "THING_PRONOUNS", "is_first_person", "speaking_quote", "relational", "is_title_head"]

# Pronouns the resolvers read as people ("he", "her", "himself") and as things ("it", "their").
PERSON_PRONOUNS = frozenset(_PERSON_PRONOUN_GENDERS)


def annotate(doc: Doc) -> Doc:
    """Fill ``doc._.sitrep.entities`` and ``doc._.sitrep.mentions`` from ``doc.ents``."""
    entities, mentions = build(doc)
    doc._.sitrep.entities = entities
    doc._.sitrep.mentions = mentions
    return doc


@Language.factory("sitrep_entities", **spacy_meta("sitrep_entities"))
def make_entities(nlp: Language, name: str):
    def run(doc: Doc) -> None:
        # Reset first, so a failure leaves empty lists, not a previous doc's values.
        doc._.sitrep.entities, doc._.sitrep.mentions = [], []
        annotate(doc)

    return lambda doc: guarded(name, run, doc)


def entity_at(doc: Doc, start: int, end: int) -> Optional[str]:
    """The entity a character span names.

    A mention that contains the span wins; otherwise the mentions inside the span are
    considered and a person is preferred, the last one ("Pentagon spokesman John Kirby" ->
    Kirby): the head of an English noun phrase comes last.
    """
    mentions = annotations(doc).mentions or []  # (not doc._: a lookup asked per token)
    if not mentions or end <= start:
        return None
    i = bisect_right(mentions, (start, float("inf"), "")) - 1
    if i >= 0:
        s, e, eid = mentions[i]
        if s <= start and end <= e:
            return eid
    # Mentions are sorted by start: none from the first one starting at ``end`` on can overlap.
    stop = bisect_left(mentions, (end,))
    inside = [m for m in mentions[max(i, 0):stop] if m[0] < end and m[1] > start]
    if not inside:
        return None
    people = [m for m in inside if (entity_by_id(doc, m[2]) or Entity(id="", name="", type="")).type == "PERSON"]
    return (people or inside)[-1][2]


def entity_by_id(doc: Doc, entity_id: str) -> Optional[Entity]:
    return by_id(doc, "entities", annotations(doc).entities).get(entity_id)
