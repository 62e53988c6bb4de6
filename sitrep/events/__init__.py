"""Events (issue 5): who did what to whom, PLOVER + CAMEO, modality, date, place, numbers.

The component ``sitrep_events`` runs last: it reads the entities, times, quantities and
quotes the earlier stages put on the Doc and writes ``doc._.sitrep.events``.

Library use::

    from sitrep.events import extract_events   # Doc (parsed by the sitrep pipeline) -> list[Event]
    from sitrep.events import headline_events  # the headline's own Doc -> events on record.title
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..contract import guarded, spacy_meta
from .extract import extract_events
from .headline import headline_events

__all__ = ["extract_events", "headline_events", "make_events"]


@Language.factory("sitrep_events", **spacy_meta("sitrep_events"))
def make_events(nlp: Language, name: str):
    def run(doc: Doc) -> None:
        doc._.sitrep.events = []
        doc._.sitrep.events = extract_events(doc)

    return lambda doc: guarded(name, run, doc)
